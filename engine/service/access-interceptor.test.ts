/**
 * Roles, purpose and limits over gRPC (issue 13 points 2, 3 and 6): PERMISSION_DENIED per action
 * and kind with and without a roles file, purpose and case headers, GetStats narrowed to what the
 * caller sees, the per-agency rate limit with gRPC's retry pushback trailer, the candidate-list
 * ceiling, the DNA compared-loci floor, and strict UTF-8 in raw request bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestService, TEST_PURPOSE, type TestService } from './test-harness.js';
import { call, connect, DEFAULT_RETRY_POLICY, type BiomatchClients } from './client.js';
import { ConfigError, loadConfig } from './config.js';
import { startService } from './app.js';
import { candidateCeilingViolation } from './access-interceptor.js';
import type { DnaRecord__Output } from './generated/biomatch/v1/DnaRecord.js';
import type { CandidateList__Output } from './generated/biomatch/v1/CandidateList.js';
import type { Stats__Output } from './generated/biomatch/v1/Stats.js';
import type { AuditEvent } from './audit-interceptor.js';
import { createLogger } from './logger.js';

type Loci = Record<string, string[]>;
const msg = (loci: Loci) => ({ loci: Object.fromEntries(Object.entries(loci).map(([l, a]) => [l, { alleles: a }])) });
const A: Loci = { D3S1358: ['15', '16'], vWA: ['17', '18'], FGA: ['21', '24'], D8S1179: ['13', '14'], D21S11: ['29', '30.2'], D18S51: ['14', '17'], D5S818: ['11', '12'], D13S317: ['11', '12'], D7S820: ['8', '10'], CSF1PO: ['10', '12'], TH01: ['6', '9.3'], TPOX: ['8', '11'] };
const B: Loci = { D3S1358: ['14', '18'], vWA: ['15', '16'], FGA: ['19', '22'], D8S1179: ['10', '12'], D21S11: ['27', '28'], D18S51: ['12', '13'], D5S818: ['9', '13'], D13S317: ['8', '9'], D7S820: ['11', '12'], CSF1PO: ['8', '9'], TH01: ['7', '8'], TPOX: ['9', '10'] };
const C: Loci = Object.fromEntries(Object.keys(A).map((l) => [l, [A[l][0], B[l][1]]]));

function failure(p: Promise<unknown>): Promise<grpc.ServiceError> {
  return p.then(() => { throw new Error('expected the call to fail'); }, (e: grpc.ServiceError) => e);
}

const enrol = (c: BiomatchClients, loci: Loci, externalId: string, visibility = {}) =>
  call<object, DnaRecord__Output>(c.dna.enroll, c.dna, { profile: { ...msg(loci), kind: 'PROFILE_KIND_OFFENDER' }, subjectId: externalId, externalId, visibility }, c.metadata());
const search = (c: BiomatchClients, req: object) => call<object, CandidateList__Output>(c.dna.search, c.dna, req, c.metadata());
const stats = (c: BiomatchClients) => call<object, Stats__Output>(c.admin.getStats, c.admin, {}, c.metadata());
const counts = (s: Stats__Output) => Object.fromEntries(s.records.map((r) => [r.kind, Number(r.count)]));

describe('without a roles file (defaults)', () => {
  let t: TestService;
  beforeAll(async () => {
    t = await startTestService({ maxCandidates: 50, dnaMinComparedLoci: { high: 8, moderate: 8, low: 10, kinship: 8 } });
    const ag1 = t.client('AG1');
    await enrol(ag1, A, 'A-PRIVATE');
    await enrol(ag1, B, 'B-SHARED', { agencies: ['AG2'] });
    await enrol(t.client('AG2'), C, 'C-AG2');
  });
  afterAll(async () => { await t?.stop(); });

  it('every agency searches, enrols and deletes; GetStats counts only what it may see, and no store size', async () => {
    const s2 = await stats(t.client('AG2'));
    expect(counts(s2)).toEqual({ fingerprint: 0, latent: 0, 'dna-profile': 2 });
    expect(Number(s2.storeBytes)).toBe(0);
    expect(s2.indexes).toEqual([]);
    expect(counts(await stats(t.client('AG1')))['dna-profile']).toBe(2);
    expect(counts(await stats(t.client('NEWCOMER')))['dna-profile']).toBe(0);
  });

  it('reads and searches need a purpose code and a case reference', async () => {
    const none = t.client('AG1', { purpose: '', caseId: '' });
    const e1 = await failure(search(none, { profile: msg(A) }));
    expect(e1.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(e1.details).toMatch(/^biomatch-purpose: is required/);
    expect(e1.metadata.get('biomatch-field')).toEqual(['biomatch-purpose']);
    const noCase = t.client('AG1', { caseId: '' });
    expect((await failure(search(noCase, { profile: msg(A) }))).details).toMatch(/^biomatch-case: is required/);
    const unknown = t.client('AG1', { purpose: 'curiosity' });
    const e2 = await failure(search(unknown, { profile: msg(A) }));
    expect(e2.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(e2.details).toMatch(/unknown purpose code; one of criminal-investigation, .*missing-person.*disaster-victim-identification.*border-control/);
    const get = await failure(call(none.dna.get, none.dna, { recordId: 'dna_00000000-0000-0000-0000-000000000000' }, none.metadata()));
    expect(get.code).toBe(grpc.status.INVALID_ARGUMENT);
    // Writes and Extract need none (Extract touches no record).
    expect((await enrol(none, A, 'A-NO-PURPOSE')).meta?.id).toMatch(/^dna_/);
    const ex = await failure(call(none.fingerprint.extract, none.fingerprint, { image: { data: Buffer.from('not an image') } }, none.metadata()));
    expect(ex.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(ex.details).not.toMatch(/purpose/);
    const ok = await search(t.client('AG1', { purpose: 'criminal-investigation', caseId: 'CASE 2026/17' }), { profile: msg(A) });
    expect(ok.candidates.length).toBeGreaterThan(0);
  });

  it('a candidate list longer than the ceiling is refused, naming the field', async () => {
    const e = await failure(search(t.client('AG1'), { profile: msg(A), maxCandidates: 51 }));
    expect(e.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(e.details).toBe('max_candidates: must be at most 50 (the server\'s candidate-list ceiling)');
    expect((await search(t.client('AG1'), { profile: msg(A), maxCandidates: 50 })).candidates.length).toBeGreaterThan(0);
  });

  it('a DNA search may not ask for fewer compared loci than its stringency\'s floor, nor probe with fewer typed loci', async () => {
    const c = t.client('AG1');
    const e1 = await failure(search(c, { profile: msg(A), stringency: 'STRINGENCY_LOW', minComparedLoci: 1 }));
    expect(e1.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(e1.details).toMatch(/^min_compared_loci: must be at least 10 for a low-stringency search/);
    const nine = Object.fromEntries(Object.entries(A).slice(0, 9));
    const e2 = await failure(search(c, { profile: msg(nine), stringency: 'STRINGENCY_LOW' }));
    expect(e2.details).toMatch(/^profile\.loci: a low-stringency search needs a probe typed at 10 loci or more .*this one has 9/);
    expect((await search(c, { profile: msg(nine), stringency: 'STRINGENCY_HIGH' })).totalHits).toBeGreaterThan(0);
    const low = await search(c, { profile: msg(A), stringency: 'STRINGENCY_LOW' });
    expect(low.candidates.every((x) => x.dna!.comparedLoci >= 10)).toBe(true);
  });

  it('identifiers must be valid UTF-8: raw bytes on the wire get INVALID_ARGUMENT naming the field, and two ids no longer collide', async () => {
    const raw = (path: string, bytes: number[], purpose = true): Promise<grpc.ServiceError | Buffer> => {
      const client = new grpc.Client(t.address, grpc.credentials.createInsecure());
      const md = new grpc.Metadata();
      md.set('biomatch-agency', 'AG1');
      if (purpose) { md.set('biomatch-purpose', TEST_PURPOSE.purpose); md.set('biomatch-case', TEST_PURPOSE.caseId); }
      return new Promise((resolve) => client.makeUnaryRequest(path, (b: Buffer) => b, (b: Buffer) => b, Buffer.from(bytes), md, {},
        (err, res) => { client.close(); resolve(err ?? res!); }));
    };
    const field = (e: grpc.ServiceError | Buffer) => (e as grpc.ServiceError).metadata?.get('biomatch-field')[0];
    const before = counts(await stats(t.client('AG1')))['dna-profile'];
    // EnrollDnaRequest.external_id (field 5) = 0xFF and, separately, 0xFE: each once decoded as U+FFFD.
    for (const b of [0xff, 0xfe]) {
      const e = await raw('/biomatch.v1.DnaService/Enroll', [0x2a, 1, b]) as grpc.ServiceError;
      expect(e.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(e.details).toBe('external_id: is not valid UTF-8');
    }
    // Nested: visibility.agencies (field 4 → field 1), and a map key: profile.loci (field 1 → entry field 1 → key).
    expect(field(await raw('/biomatch.v1.DnaService/Enroll', [0x22, 3, 0x0a, 1, 0xc3]))).toBe('visibility.agencies');
    expect(field(await raw('/biomatch.v1.DnaService/Enroll', [0x0a, 8, 0x0a, 6, 0x0a, 2, 0xc0, 0x80, 0x12, 0]))).toBe('profile.loci');
    // A map entry without its value: protobufjs throws, which grpc-js alone would answer INTERNAL.
    const undecodable = await raw('/biomatch.v1.DnaService/Enroll', [0x0a, 6, 0x0a, 4, 0x0a, 2, 0x41, 0x42]) as grpc.ServiceError;
    expect(undecodable.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(field(undecodable)).toBe('request');
    // A record id (GetRecordRequest.record_id) and the same bytes in a valid encoding of U+FFFD itself.
    expect(field(await raw('/biomatch.v1.DnaService/Get', [0x0a, 2, 0xed, 0xa0]))).toBe('record_id');
    expect((await raw('/biomatch.v1.DnaService/Get', [0x0a, 3, 0xef, 0xbf, 0xbd]) as grpc.ServiceError).details).toMatch(/^record_id: is not a biomatch record id/);
    expect(counts(await stats(t.client('AG1')))['dna-profile']).toBe(before);
  });
});

describe('with a roles file', () => {
  let t: TestService;
  const dir = mkdtempSync(join(tmpdir(), 'bm-roles-'));
  const rolesFile = join(dir, 'roles.json');
  writeFileSync(rolesFile, JSON.stringify({
    agencies: {
      'CITY-PD': { search: ['fingerprint'], enrol: ['fingerprint'], delete: ['fingerprint'] },
      'STATE-LAB': { search: ['dna-profile'], enrol: ['dna-profile'] },
      OPS: { admin: ['*'] },
    },
  }));
  beforeAll(async () => {
    t = await startTestService({ rolesFile });
    await enrol(t.client('STATE-LAB'), A, 'A-LAB');
  });
  afterAll(async () => {
    await t?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('allows what the file grants and refuses the rest with PERMISSION_DENIED naming the action and kind', async () => {
    const lab = t.client('STATE-LAB');
    expect((await search(lab, { profile: msg(A) })).candidates).toHaveLength(1);
    const rec = await enrol(lab, B, 'B-LAB');
    const del = await failure(call(lab.dna.delete, lab.dna, { recordId: rec.meta!.id }, lab.metadata()));
    expect(del.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(del.details).toMatch(/may not delete dna-profile records \(action delete, kind dna-profile/);
    const pd = t.client('CITY-PD');
    const s = await failure(search(pd, { profile: msg(A) }));
    expect(s.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(s.details).toMatch(/action search, kind dna-profile/);
    expect((await failure(enrol(pd, C, 'C-PD'))).details).toMatch(/action enrol, kind dna-profile/);
    // An agency the file does not list, with no "default": nothing.
    expect((await failure(search(t.client('ZZ'), { profile: msg(A) }))).code).toBe(grpc.status.PERMISSION_DENIED);
  });

  it('GetStats: the admin sees the whole server; others the kinds they may search, counted as they see them', async () => {
    const all = await stats(t.client('OPS'));
    expect(counts(all)['dna-profile']).toBe(2);
    expect(all.indexes.length).toBeGreaterThan(0);
    expect(Number(all.storeBytes)).toBeGreaterThan(0);
    expect(counts(await stats(t.client('STATE-LAB')))).toEqual({ 'dna-profile': 2 });
    expect(counts(await stats(t.client('CITY-PD')))).toEqual({ fingerprint: 0 });
    expect(counts(await stats(t.client('ZZ')))).toEqual({});
  });

  it('every refusal reaches the audit trail: roles, purpose, rate limit', async () => {
    const events: AuditEvent[] = [];
    const config = { ...loadConfig([], {}), port: 0, poolSize: 1, drainSeconds: 1, dataDir: mkdtempSync(join(dir, 'audited-')), rolesFile, rateLimit: 1, rateBurst: 2 };
    const service = await startService(config, { log: createLogger('error', () => undefined), audit: { record: async (e) => { events.push(e); } } });
    await service.ready;
    const c = connect(`127.0.0.1:${service.port}`, 'CITY-PD', { retry: false, ...TEST_PURPOSE });
    const bare = connect(`127.0.0.1:${service.port}`, 'STATE-LAB', { retry: false });
    try {
      expect((await failure(search(c, { profile: msg(A) }))).code).toBe(grpc.status.PERMISSION_DENIED);
      expect((await failure(search(bare, { profile: msg(A) }))).code).toBe(grpc.status.INVALID_ARGUMENT);
      await stats(c);
      expect((await failure(stats(c))).code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    } finally {
      c.close();
      bare.close();
      await service.shutdown('test done');
    }
    expect(events.map((e) => [e.agency, e.method.split('/')[2], e.status])).toEqual([
      ['CITY-PD', 'Search', 'PERMISSION_DENIED'], ['STATE-LAB', 'Search', 'INVALID_ARGUMENT'], ['CITY-PD', 'GetStats', 'OK'], ['CITY-PD', 'GetStats', 'RESOURCE_EXHAUSTED'],
    ]);
    expect(events[0]).toMatchObject({ purpose: TEST_PURPOSE.purpose, caseReference: TEST_PURPOSE.caseId });
  });

  it('a bad roles file stops the server at start, naming the problem', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ agencies: { 'CITY-PD': { search: ['fingerprints'] } } }));
    expect(() => loadConfig(['--roles-file', bad], {})).toThrow(ConfigError);
    expect(() => loadConfig(['--roles-file', bad], {})).toThrow(/--roles-file=.*bad roles file: agencies\.CITY-PD\.search\[0\]: unknown record kind "fingerprints"/);
    expect(() => loadConfig(['--roles-file', join(dir, 'absent.json')], {})).toThrow(/cannot read the roles file \(ENOENT\)/);
    const config = { ...loadConfig([], {}), port: 0, dataDir: join(dir, 'data'), rolesFile: bad };
    await expect(startService(config)).rejects.toThrow(/roles file .*unknown record kind "fingerprints"/);
  });
});

describe('the candidate-list ceiling at any depth', () => {
  it('names the field as the .proto spells it, in batch items too; bytes are not walked', () => {
    expect(candidateCeilingViolation({ maxCandidates: 101 }, 100)).toBe('max_candidates');
    expect(candidateCeilingViolation({ itemId: 'x', identify: { probe: { image: { data: Buffer.alloc(8) } }, maxCandidates: 500 } }, 100)).toBe('identify.max_candidates');
    expect(candidateCeilingViolation({ items: [{ maxCandidates: 1 }, { dnaSearch: { maxCandidates: 101 } }] }, 100)).toBe('items[1].dna_search.max_candidates');
    expect(candidateCeilingViolation({ maxCandidates: 100, minScore: 0.5 }, 100)).toBeUndefined();
  });
});

describe('configuration', () => {
  it('reads the flags, with their defaults, and refuses bad values naming them', () => {
    const d = loadConfig([], {});
    expect(d).toMatchObject({ rolesFile: '', requirePurpose: true, rateLimit: 1000, rateBurst: 0, maxCandidates: 100, dnaMinComparedLoci: { high: 8, moderate: 8, low: 12, kinship: 8 } });
    const c = loadConfig(['--require-purpose', 'false', '--rate-limit=5', '--rate-burst', '7', '--max-candidates', '20', '--dna-min-compared-loci', 'low=14,kinship=10'], {});
    expect(c).toMatchObject({ requirePurpose: false, rateLimit: 5, rateBurst: 7, maxCandidates: 20, dnaMinComparedLoci: { high: 8, moderate: 8, low: 14, kinship: 10 } });
    expect(loadConfig([], { BIOMATCH_RATE_LIMIT: '0' }).rateLimit).toBe(0);
    expect(() => loadConfig(['--dna-min-compared-loci', 'lowest=3'], {})).toThrow(/--dna-min-compared-loci="lowest=3": must be high=N/);
    expect(() => loadConfig(['--require-purpose', 'maybe'], {})).toThrow(/--require-purpose="maybe": must be true or false/);
  });
});

describe('relaxed purpose, and the rate limit', () => {
  let t: TestService;
  beforeAll(async () => { t = await startTestService({ requirePurpose: false, rateLimit: 2, rateBurst: 2 }); });
  afterAll(async () => { await t?.stop(); });

  it('--require-purpose false accepts reads without purpose or case', async () => {
    const c = connect(t.address, 'AG9', { retry: false });
    try {
      expect((await search(c, { profile: msg(A) })).candidates).toEqual([]);
    } finally { c.close(); }
  });

  it('past the burst: RESOURCE_EXHAUSTED with grpc-retry-pushback-ms, which a retrying gRPC client waits out', async () => {
    const c = t.client('AG1', { retry: false });
    await stats(c);
    await stats(c);
    const e = await failure(stats(c));
    expect(e.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(e.details).toMatch(/rate limit reached for agency AG1/);
    const pushback = Number(e.metadata.get('grpc-retry-pushback-ms')[0]);
    expect(pushback).toBeGreaterThan(0);
    expect(pushback).toBeLessThanOrEqual(500);
    // Another agency has its own bucket.
    expect((await stats(t.client('AG2', { retry: false }))).version).toBeTruthy();
    // A client with gRPC's retry policy (gRFC A6) waits the pushback and gets through.
    const retrying = t.client('AG1', { retry: { ...DEFAULT_RETRY_POLICY, initialBackoffMs: 1, maxBackoffMs: 1 } });
    const started = Date.now();
    expect((await stats(retrying)).version).toBeTruthy();
    expect(Date.now() - started).toBeGreaterThanOrEqual(pushback / 2);
  });
});
