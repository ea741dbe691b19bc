/**
 * The audit trail end to end on a real server: every call, refused or not, leaves an entry with
 * the record ids and counts of its answer, an agency lists only its own calls, the chain verifies,
 * and no entry holds biometric data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestService, type TestService } from './test-harness.js';
import { startService } from './app.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { call, type BiomatchClients } from './client.js';
import { PURPOSE_HEADER, CASE_HEADER } from './interceptors.js';
import { auditOperations } from './operations/audit.js';
import type { FingerprintRecord__Output } from './generated/biomatch/v1/FingerprintRecord.js';
import type { CandidateList__Output } from './generated/biomatch/v1/CandidateList.js';
import type { DnaRecord__Output } from './generated/biomatch/v1/DnaRecord.js';
import type { ExtractResponse__Output } from './generated/biomatch/v1/ExtractResponse.js';
import type { ListAuditResponse__Output } from './generated/biomatch/v1/ListAuditResponse.js';
import type { VerifyAuditResponse__Output } from './generated/biomatch/v1/VerifyAuditResponse.js';
import type { AuditEntry__Output } from './generated/biomatch/v1/AuditEntry.js';
import type { ChainedEntry } from '../security/audit-chain.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let t: TestService;
beforeAll(async () => { t = await startTestService(); });
afterAll(async () => { await t?.stop(); });

const template = {
  width: 400, height: 500, resolutionPpi: 500, quality: 60,
  minutiae: Array.from({ length: 30 }, (_, k) => ({ x: 20 + ((k * 37) % 360), y: 20 + ((k * 53) % 460), angleDegrees: (k * 47) % 360, type: 'MINUTIA_TYPE_RIDGE_ENDING' as const, quality: 60 + (k % 40) })),
};
const A = { D3S1358: ['15', '16'], vWA: ['17', '18'], FGA: ['21', '24'], D8S1179: ['13', '14'], D21S11: ['29', '30.2'], D18S51: ['14', '17'], D5S818: ['11', '12'], D13S317: ['11', '12'], D7S820: ['8', '10'], CSF1PO: ['10', '12'], TH01: ['6', '9.3'], TPOX: ['8', '11'] };
const profile = { loci: Object.fromEntries(Object.entries(A).map(([l, a]) => [l, { alleles: a }])) };

function md(c: BiomatchClients, purpose = 'criminal-investigation', caseRef = 'CASE-77'): grpc.Metadata {
  const m = c.metadata();
  m.set(PURPOSE_HEADER, purpose);
  m.set(CASE_HEADER, caseRef);
  return m;
}

function grpcError(p: Promise<unknown>): Promise<grpc.ServiceError> {
  return p.then(() => { throw new Error('expected the call to fail'); }, (e: grpc.ServiceError) => e);
}

async function listAll(c: BiomatchClients, request: object = {}): Promise<AuditEntry__Output[]> {
  const out: AuditEntry__Output[] = [];
  let pageToken = '';
  do {
    const page = await call<object, ListAuditResponse__Output>(c.admin.listAudit, c.admin, { ...request, pageToken, limit: 7 }, c.metadata());
    out.push(...page.entries);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return out;
}

const last = (entries: AuditEntry__Output[], method: string) => entries.filter((e) => e.method.endsWith(method)).at(-1);

describe('audit trail', () => {
  const ids: Record<string, string> = {};

  it('records every call with its record ids, counts, purpose, case and status, refusals included', async () => {
    const c = t.client('AG1');
    const rec = await call<object, FingerprintRecord__Output>(c.fingerprint.enroll, c.fingerprint, { subjectId: 'S-1', fingerPosition: 1, sample: { template: { template } } }, md(c));
    ids.fp = rec.meta!.id;
    await call(c.fingerprint.get, c.fingerprint, { recordId: ids.fp }, md(c));
    const list = await call<object, CandidateList__Output>(c.fingerprint.identify, c.fingerprint, { probe: { template: { template } }, exhaustive: true }, md(c), 60_000);
    expect(list.candidates.map((x) => x.recordId)).toContain(ids.fp);
    await call(c.fingerprint.verify, c.fingerprint, { probe: { template: { template } }, recordId: ids.fp }, md(c));
    const dna = await call<object, DnaRecord__Output>(c.dna.enroll, c.dna, { profile, subjectId: 'P-A' }, md(c));
    ids.dna = dna.meta!.id;
    const found = await call<object, CandidateList__Output>(c.dna.search, c.dna, { profile, stringency: 'STRINGENCY_HIGH' }, md(c));
    expect(found.candidates.map((x) => x.recordId)).toEqual([ids.dna]);
    await call(c.dna.kinshipSearch, c.dna, { profile, relationship: 'RELATIONSHIP_PARENT_CHILD' }, md(c));
    // refused: another agency's record reads NOT_FOUND, the id it asked for is recorded
    const ghost = 'fp_00000000-0000-4000-8000-000000000000';
    expect((await grpcError(call(c.fingerprint.get, c.fingerprint, { recordId: ghost }, md(c, 'missing-person', 'CASE-9')))).code).toBe(grpc.status.NOT_FOUND);
    // another agency cannot see the record, so cannot delete it: NOT_FOUND, recorded under AG2
    expect((await grpcError(call(c.fingerprint.delete, t.client('AG2').fingerprint, { recordId: ids.fp }, t.client('AG2').metadata()))).code).toBe(grpc.status.NOT_FOUND);
    await call(c.fingerprint.delete, c.fingerprint, { recordId: ids.fp }, md(c));
    // refused before any agency is known
    const anon = t.client('');
    expect((await grpcError(call(anon.fingerprint.get, anon.fingerprint, { recordId: ids.fp }, anon.metadata()))).code).toBe(grpc.status.UNAUTHENTICATED);

    const entries = await listAll(c);
    expect(entries.every((e) => e.agency === 'AG1')).toBe(true);
    expect(last(entries, '/Enroll')).toMatchObject({ status: 'OK', recordIds: [ids.dna], counts: { stored: 1 }, purpose: 'criminal-investigation', caseReference: 'CASE-77' });
    expect(entries.find((e) => e.method === '/biomatch.v1.FingerprintService/Enroll')).toMatchObject({ recordIds: [ids.fp], status: 'OK' });
    expect(entries.find((e) => e.method === '/biomatch.v1.FingerprintService/Get' && e.status === 'OK')).toMatchObject({ recordIds: [ids.fp], counts: { returned: 1 } });
    const identify = last(entries, 'FingerprintService/Identify')!;
    expect(identify.recordIds).toEqual(list.candidates.map((x) => x.recordId));
    expect(identify.counts).toMatchObject({ returned: list.candidates.length, compared: list.compared });
    expect(last(entries, 'FingerprintService/Verify')).toMatchObject({ recordIds: [ids.fp], status: 'OK' });
    expect(last(entries, 'DnaService/Search')).toMatchObject({ recordIds: [ids.dna], counts: { returned: 1 } });
    expect(last(entries, 'DnaService/KinshipSearch')).toMatchObject({ status: 'OK' });
    expect(entries.find((e) => e.status === 'NOT_FOUND')).toMatchObject({ method: '/biomatch.v1.FingerprintService/Get', recordIds: [ghost], purpose: 'missing-person', caseReference: 'CASE-9' });
    expect(last(entries, 'FingerprintService/Delete')).toMatchObject({ status: 'OK', recordIds: [ids.fp], counts: { deleted: 1 } });
    // sequence order, chained
    for (let i = 1; i < entries.length; i++) expect(entries[i].sequence).toBeGreaterThan(entries[i - 1].sequence);

    // the other agencies' calls are theirs: AG2's refused delete, the anonymous refusal
    const all = [...t.service.deps.audit.entries.getRange()].map(({ value }) => (value as ChainedEntry).entry);
    expect(all.find((e) => e.agency === 'AG2' && e.method.endsWith('/Delete'))).toMatchObject({ status: 'NOT_FOUND', recordIds: [ids.fp] });
    expect(all.find((e) => e.agency === '' && e.status === 'UNAUTHENTICATED')).toMatchObject({ method: '/biomatch.v1.FingerprintService/Get' });
  });

  it('an agency lists only its own calls; another agency\'s needs the audit role', async () => {
    const ag2 = t.client('AG2');
    const own = await listAll(ag2);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((e) => e.agency === 'AG2')).toBe(true);
    const e = await grpcError(call(ag2.admin.listAudit, ag2.admin, { agency: 'AG1' }, ag2.metadata()));
    expect(e.code).toBe(grpc.status.PERMISSION_DENIED);
    // that refusal is itself audited, under AG2
    expect(last(await listAll(ag2), 'AdminService/ListAudit')?.status).toBe('PERMISSION_DENIED');
    // bad requests name the field
    expect((await grpcError(call(ag2.admin.listAudit, ag2.admin, { pageToken: 'x' }, ag2.metadata()))).details).toMatch(/^page_token: /);
    expect((await grpcError(call(ag2.admin.listAudit, ag2.admin, { limit: 5000 }, ag2.metadata()))).details).toMatch(/^limit: /);
    expect((await grpcError(call(ag2.admin.listAudit, ag2.admin, { agency: '*' }, ag2.metadata()))).details).toMatch(/^agency: /);
    expect((await grpcError(call(ag2.admin.verifyAudit, ag2.admin, { anchors: [{ sequence: 1, hash: 'zz' }] }, ag2.metadata()))).details).toMatch(/^anchors\[0\]\.hash: /);

    // the hook the roles file widens: an auditor sees every agency, or the one it names
    const ops = auditOperations({ log: t.service.deps.audit, mayAuditAll: (caller) => caller.agency === 'AUDITOR' });
    const signal = new AbortController().signal;
    const everyone = await ops.listAudit({ agency: 'AUDITOR' }, { agency: '', limit: 1000, pageToken: '' }, signal);
    expect(new Set(everyone.entries.map((x) => x.entry.agency))).toEqual(new Set(['AG1', 'AG2', '']));
    const named = await ops.listAudit({ agency: 'AUDITOR' }, { agency: 'AG1', limit: 1000, pageToken: '' }, signal);
    expect(named.entries.length).toBeGreaterThan(0);
    expect(named.entries.every((x) => x.entry.agency === 'AG1')).toBe(true);
  });

  it('filters by time', async () => {
    const c = t.client('AG1');
    const entries = await listAll(c);
    const mid = entries[Math.floor(entries.length / 2)];
    const since = await listAll(c, { since: mid.time });
    expect(since[0].sequence).toBeLessThanOrEqual(mid.sequence);
    expect(since.every((e) => e.time!.seconds > mid.time!.seconds || (e.time!.seconds === mid.time!.seconds && e.time!.nanos >= mid.time!.nanos))).toBe(true);
    const until = await listAll(c, { until: mid.time });
    expect(until.every((e) => e.sequence < mid.sequence)).toBe(true);
  });

  it('VerifyAudit walks the chain and reports it intact, with the head to note as an anchor', async () => {
    const c = t.client('AG1');
    const r = await call<object, VerifyAuditResponse__Output>(c.admin.verifyAudit, c.admin, {}, c.metadata());
    expect(r).toMatchObject({ intact: true, problem: null });
    expect(r.entries).toBeGreaterThan(10);
    expect(r.headHash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.publicKeyPem).toMatch(/BEGIN PUBLIC KEY/);
    const anchored = await call<object, VerifyAuditResponse__Output>(c.admin.verifyAudit, c.admin, { anchors: [{ sequence: r.headSequence, hash: r.headHash }] }, c.metadata());
    expect(anchored.intact).toBe(true);
    const wrong = await call<object, VerifyAuditResponse__Output>(c.admin.verifyAudit, c.admin, { anchors: [{ sequence: r.headSequence, hash: 'a'.repeat(64) }] }, c.metadata());
    expect(wrong).toMatchObject({ intact: false, problem: { kind: 'anchor-mismatch', sequence: r.headSequence } });
  });

  it('entries hold no biometric data: none of the image, template or alleles of an Extract or Enroll', async () => {
    const c = t.client('AG1');
    const image = readFileSync(join(root, 'fixtures/fingerprints/101_1.tif'));
    const ex = await call<object, ExtractResponse__Output>(c.fingerprint.extract, c.fingerprint, { image: { data: image, ppi: 500 }, outputFormat: 'TEMPLATE_FORMAT_ISO_19794_2_2005' }, md(c), 60_000);
    const iso = ex.fingers[0].encoded!.data;
    const rec = await call<object, FingerprintRecord__Output>(c.fingerprint.enroll, c.fingerprint, { subjectId: 'S-X', sample: { template: { encoded: ex.fingers[0].encoded } } }, md(c), 60_000);
    const log = t.service.deps.audit;
    const head = log.headNow.seq;
    const raw = [head - 1, head].map((seq) => log.entries.getBinary(seq)!);
    const rows = [head - 1, head].map((seq) => log.entries.get(seq) as ChainedEntry);
    expect(rows.map((r) => r.entry.method)).toEqual(['/biomatch.v1.FingerprintService/Extract', '/biomatch.v1.FingerprintService/Enroll']);
    expect(rows[1].entry.recordIds).toEqual([rec.meta!.id]);
    expect(rows[0].entry.counts).toEqual({ fingers: 1 });
    const allowed = new Set(['time', 'agency', 'certificateSubject', 'method', 'purpose', 'caseReference', 'peer', 'recordIds', 'counts', 'status']);
    for (const r of rows) {
      expect(Object.keys(r.entry).every((k) => allowed.has(k))).toBe(true);
      expect(Object.values(r.entry.counts).every((v) => Number.isInteger(v))).toBe(true);
    }
    // no run of 12 bytes of the image or the ISO template appears in the stored bytes, raw or base64
    const windows = (b: Buffer) => Array.from({ length: 16 }, (_, k) => b.subarray(Math.floor((k * (b.length - 12)) / 16), Math.floor((k * (b.length - 12)) / 16) + 12));
    for (const bytes of raw) {
      for (const w of [...windows(image.subarray(256)), ...windows(iso.subarray(28))]) {
        expect(bytes.includes(w)).toBe(false);
        expect(bytes.includes(Buffer.from(w.toString('base64').slice(0, 12)))).toBe(false);
      }
      // no minutia coordinates or alleles by their names either
      expect(bytes.toString('utf8')).not.toMatch(/minutiae|angle|alleles|D3S1358/i);
    }
  });

  it('a server given an --audit-key-file that is missing or not a key refuses to start, saying why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bm-audit-key-'));
    try {
      const log = createLogger('error', () => undefined);
      const config = loadConfig(['--port', '0', '--data-dir', dir, '--pool-size', '1', '--audit-key-file', join(dir, 'nope.key'), '--audit-checkpoint-interval', '16'], {});
      expect(config.auditCheckpointInterval).toBe(16);
      await expect(startService(config, { log })).rejects.toThrow(/cannot read the audit signing key .*nope\.key/);
      writeFileSync(join(dir, 'junk.key'), 'not a key', { mode: 0o600 });
      await expect(startService({ ...config, auditKeyFile: join(dir, 'junk.key') }, { log })).rejects.toThrow(/is not a PEM private key/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
