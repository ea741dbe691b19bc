import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../errors.js';
import { loadBiomatchProto } from '../service/proto.js';
import { chain, type CallInfo, type Invocation } from '../service/binder.js';
import { audit, type AuditEvent } from '../service/audit-interceptor.js';
import { access } from '../service/access-interceptor.js';
import * as grpc from '@grpc/grpc-js';
import { checkPurpose, PURPOSE_CODES } from './purpose.js';
import { RateLimiter } from './rate-limit.js';
import { defaultRoles, isAdmin, mayAuditAll, METHOD_RULES, parseRoles, permits, permitsAny, requirePermit, RolesFileError } from './roles.js';

const FILE = JSON.stringify({
  agencies: {
    'CITY-PD': { search: ['fingerprint', 'latent'], enrol: ['fingerprint'], delete: ['fingerprint'] },
    'STATE-LAB': { search: ['*'], enrol: ['dna-profile'] },
    AUDITOR: { audit: ['*'] },
    OPS: { admin: ['*'] },
  },
});

describe('roles', () => {
  it('without a file: every agency searches, enrols and deletes every kind; nobody audits others or administers', () => {
    const r = defaultRoles();
    for (const action of ['search', 'enrol', 'delete'] as const) for (const kind of ['fingerprint', 'latent', 'dna-profile'] as const) expect(permits(r, 'AG1', action, kind)).toBe(true);
    expect(isAdmin(r, 'AG1')).toBe(false);
    expect(mayAuditAll(r, 'AG1')).toBe(false);
    expect(permits(r, '', 'search', 'fingerprint')).toBe(false);
    expect(permits(r, '*', 'search', 'fingerprint')).toBe(false);
  });

  it('with a file: each listed agency has exactly its grants, per action and kind; others nothing without "default"', () => {
    const r = parseRoles(FILE, 'test');
    expect(permits(r, 'CITY-PD', 'search', 'latent')).toBe(true);
    expect(permits(r, 'CITY-PD', 'search', 'dna-profile')).toBe(false);
    expect(permits(r, 'CITY-PD', 'delete', 'fingerprint')).toBe(true);
    expect(permits(r, 'STATE-LAB', 'search', 'fingerprint')).toBe(true);
    expect(permits(r, 'STATE-LAB', 'enrol', 'fingerprint')).toBe(false);
    expect(permits(r, 'STATE-LAB', 'delete', 'dna-profile')).toBe(false);
    expect(mayAuditAll(r, 'AUDITOR')).toBe(true);
    expect(mayAuditAll(r, 'OPS')).toBe(false);
    expect(isAdmin(r, 'OPS')).toBe(true);
    expect(permits(r, 'ZZ', 'search', 'fingerprint')).toBe(false);
    expect(permitsAny(r, 'CITY-PD', 'search')).toBe(true);
    expect(permitsAny(r, 'OPS', 'search')).toBe(false);
    expect(() => requirePermit(r, 'CITY-PD', 'search', 'dna-profile')).toThrow(expect.objectContaining({ code: ErrorCode.PermissionDenied, message: expect.stringMatching(/search.*dna-profile/) }));
  });

  it('"default" gives unlisted agencies their grants, and listed ones are not merged with it', () => {
    const r = parseRoles(JSON.stringify({ agencies: { A: { search: ['fingerprint'] } }, default: { search: ['*'], enrol: ['*'] } }), 't');
    expect(permits(r, 'ZZ', 'enrol', 'dna-profile')).toBe(true);
    expect(permits(r, 'A', 'enrol', 'fingerprint')).toBe(false);
  });

  it('a bad file is refused naming every problem by its place in the file', () => {
    const bad = JSON.stringify({ agencies: { 'CITY-PD': { search: ['fingerprints'], erase: ['*'], admin: ['fingerprint'] }, '*': {} }, extra: 1 });
    let problems: string[] = [];
    try { parseRoles(bad, 't'); } catch (e) { problems = (e as RolesFileError).problems; }
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^extra: unknown key/),
      expect.stringMatching(/^agencies\.CITY-PD\.search\[0\]: unknown record kind "fingerprints"/),
      expect.stringMatching(/^agencies\.CITY-PD\.erase: unknown action/),
      expect.stringMatching(/^agencies\.CITY-PD\.admin\[0\]: admin is not per record kind/),
      expect.stringMatching(/^agencies\.\*: not an agency code/),
    ]));
    expect(() => parseRoles('{not json', 't')).toThrow(/not valid JSON/);
  });

  it('every method of every service in proto/ has an entry in the roles table', () => {
    const { proto } = loadBiomatchProto();
    const v1 = proto.biomatch.v1 as unknown as Record<string, { service?: grpc.ServiceDefinition }>;
    const paths = Object.values(v1).flatMap((s) => (s.service ? Object.values(s.service).map((m) => m.path) : []));
    expect(paths.length).toBeGreaterThanOrEqual(22);
    // The five services, and the audit methods another change adds to AdminService.
    for (const service of ['FingerprintService', 'LatentService', 'DnaService', 'BatchService', 'AdminService']) expect(paths.some((p) => p.startsWith(`/biomatch.v1.${service}/`))).toBe(true);
    const missing = [...paths, '/biomatch.v1.AdminService/ListAudit', '/biomatch.v1.AdminService/VerifyAudit'].filter((p) => !(p in METHOD_RULES));
    expect(missing).toEqual([]);
    expect(METHOD_RULES['/biomatch.v1.AdminService/ListAudit'].action).toBe('audit');
    expect(METHOD_RULES['/biomatch.v1.AdminService/VerifyAudit'].action).toBe('audit');
  });
});

describe('purpose and case', () => {
  const fields = { purposeField: 'biomatch-purpose', caseField: 'biomatch-case' };
  it('required: both present and well-formed', () => {
    expect(() => checkPurpose(undefined, 'C-1', true, fields)).toThrow(/^biomatch-purpose: is required/);
    expect(() => checkPurpose('criminal-investigation', undefined, true, fields)).toThrow(/^biomatch-case: is required/);
    expect(() => checkPurpose('curiosity', 'C-1', true, fields)).toThrow(new RegExp(`unknown purpose code; one of ${PURPOSE_CODES.join(', ')}`));
    expect(() => checkPurpose('missing-person', 'x'.repeat(129), true, fields)).toThrow(/longer than 128/);
    expect(() => checkPurpose('missing-person', 'C\u00e91', true, fields)).toThrow(/printable ASCII/);
    expect(() => checkPurpose('disaster-victim-identification', 'DVI 2026/07', true, fields)).not.toThrow();
  });
  it('relaxed: absent is accepted, but what is sent is still checked', () => {
    expect(() => checkPurpose(undefined, undefined, false, fields)).not.toThrow();
    expect(() => checkPurpose('curiosity', undefined, false, fields)).toThrow(/unknown purpose code/);
  });
});

describe('rate limiter', () => {
  it('a token bucket per key: burst at once, then one per 1/rate, with the wait until the next token', () => {
    const rl = new RateLimiter({ ratePerSecond: 10, burst: 3 });
    expect([0, 0, 0].map(() => rl.take('A', 0).allowed)).toEqual([true, true, true]);
    expect(rl.take('A', 0)).toEqual({ allowed: false, retryAfterMs: 100 });
    expect(rl.take('B', 0).allowed).toBe(true);
    expect(rl.take('A', 50)).toEqual({ allowed: false, retryAfterMs: 50 });
    expect(rl.take('A', 100).allowed).toBe(true);
    expect(new RateLimiter({ ratePerSecond: 0, burst: 0 }).take('A', 0).allowed).toBe(true);
  });
  it('forgets full buckets when the table is full', () => {
    const rl = new RateLimiter({ ratePerSecond: 1, burst: 1, maxKeys: 2 });
    rl.take('A', 0); rl.take('B', 0);
    expect(rl.take('C', 5000).allowed).toBe(true);
    expect((rl as unknown as { buckets: Map<string, unknown> }).buckets.size).toBe(1);
  });
});

describe('a refusal is audited', () => {
  it('audit wraps access: PERMISSION_DENIED leaves an event with the agency, purpose and outcome', async () => {
    const events: AuditEvent[] = [];
    const md = new grpc.Metadata();
    const info: CallInfo = { path: '/biomatch.v1.DnaService/Search', service: 'biomatch.v1.DnaService', method: 'Search', metadata: md, peer: 'ipv4:127.0.0.1:1', deadline: Infinity, access: 'agency' };
    const inv: Invocation = { call: info, caller: { agency: 'CITY-PD', purpose: 'criminal-investigation', caseId: 'C-1' }, signal: new AbortController().signal, recordIds: [] };
    const run = chain([audit({ record: async (e) => { events.push(e); } }), access({ roles: parseRoles(FILE, 't') })], inv, async () => 'ran');
    await expect(run).rejects.toMatchObject({ code: ErrorCode.PermissionDenied });
    expect(events).toEqual([expect.objectContaining({ agency: 'CITY-PD', purpose: 'criminal-investigation', caseReference: 'C-1', status: 'PERMISSION_DENIED', method: info.path })]);
  });
});
