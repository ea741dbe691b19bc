/**
 * FingerprintService end to end on a real server: extraction on the worker pool, enrolment from
 * images and ISO templates, 1:1 and 1:N on real FVC2002 impressions (fixtures/fingerprints),
 * deletion, deadlines, and the index surviving a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { readFileSync, writeFileSync } from 'node:fs';
import { FINGER_VECTOR_ID } from '../fingerprint/identification/finger-vector.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestService, type TestService } from './test-harness.js';
import { call } from './client.js';
import type { ExtractResponse__Output } from './generated/biomatch/v1/ExtractResponse.js';
import type { FingerprintRecord__Output } from './generated/biomatch/v1/FingerprintRecord.js';
import type { CandidateList__Output } from './generated/biomatch/v1/CandidateList.js';
import type { VerifyResponse__Output } from './generated/biomatch/v1/VerifyResponse.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/fingerprints/${name}`, import.meta.url));
const image = (name: string) => ({ image: { data: fixture(name), ppi: 500 } });
const dataDir = mkdtempSync(join(tmpdir(), 'bm-fp-'));
let t: TestService;
beforeAll(async () => { t = await startTestService({ dataDir }); });
afterAll(async () => { await t?.stop(); rmSync(dataDir, { recursive: true, force: true }); });

function grpcError(p: Promise<unknown>): Promise<grpc.ServiceError> {
  return p.then(() => { throw new Error('expected the call to fail'); }, (e: grpc.ServiceError) => e);
}

describe('FingerprintService', () => {
  const ids: Record<string, string> = {};

  it('Extract: a TIFF in, a template out, with stage images and an ISO 19794-2 encoding on request', async () => {
    const c = t.client();
    const res = await call<object, ExtractResponse__Output>(c.fingerprint.extract, c.fingerprint, {
      image: { data: fixture('101_1.tif'), ppi: 500 }, outputFormat: 'TEMPLATE_FORMAT_ISO_19794_2_2005', includeStageImages: true,
    }, c.metadata(), 60_000);
    expect(res.fingers).toHaveLength(1);
    const f = res.fingers[0];
    expect(f.template?.minutiae.length).toBeGreaterThan(15);
    expect(f.template?.resolutionPpi).toBe(500);
    expect(f.encoded?.data.subarray(0, 4).toString('latin1')).toBe('FMR\0');
    expect(f.stageImages.map((s) => s.stage)).toEqual(expect.arrayContaining(['segmentation-mask', 'binarized-image', 'thinned-skeleton']));
    for (const s of f.stageImages) expect(s.png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(f.sourcePpi).toBe(500);
  });

  it('Extract refuses an image without a resolution, naming the field', async () => {
    const c = t.client();
    const e = await grpcError(call(c.fingerprint.extract, c.fingerprint, { image: { data: fixture('101_1.tif') } }, c.metadata(), 60_000));
    expect(e.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(e.details).toMatch(/^image\.ppi: /);
  });

  it('Extract honours the call deadline (DEADLINE_EXCEEDED, not a hung request)', async () => {
    const c = t.client();
    const e = await grpcError(call(c.fingerprint.extract, c.fingerprint, { image: { data: fixture('101_1.tif'), ppi: 500 } }, c.metadata(), 1));
    expect(e.code).toBe(grpc.status.DEADLINE_EXCEEDED);
  });

  it('Enroll from images, then Identify ranks the mate first with the minutiae pairs as evidence', async () => {
    const c = t.client('AG1');
    for (const [name, subject] of [['101_1.tif', 'S-101'], ['102_1.tif', 'S-102']] as const) {
      const rec = await call<object, FingerprintRecord__Output>(c.fingerprint.enroll, c.fingerprint, { subjectId: subject, fingerPosition: 2, sample: image(name) }, c.metadata(), 60_000);
      ids[subject] = rec.meta!.id;
    }
    const list = await call<object, CandidateList__Output>(c.fingerprint.identify, c.fingerprint, { probe: image('101_2.tif'), maxCandidates: 5 }, c.metadata(), 60_000);
    expect(list.candidates[0]).toMatchObject({ recordId: ids['S-101'], subjectId: 'S-101', rank: 1, fingerPosition: 2, kind: 'RECORD_KIND_FINGERPRINT' });
    expect(list.candidates[0].fingerprint?.pairs.length).toBeGreaterThan(3);
    expect(list.candidates[0].fingerprint?.retrieval).toBe('ann-index');
    if (list.candidates.length > 1) expect(list.candidates[0].score).toBeGreaterThan(list.candidates[1].score);
    const exhaustive = await call<object, CandidateList__Output>(c.fingerprint.identify, c.fingerprint, { probe: image('101_2.tif'), exhaustive: true }, c.metadata(), 60_000);
    expect(exhaustive.candidates[0].recordId).toBe(ids['S-101']);
    expect(exhaustive.compared).toBe(2);
  });

  it('Verify: the mate scores above the non-mate; the decision uses the FMR 0.01% threshold by default', async () => {
    const c = t.client('AG1');
    const mate = await call<object, VerifyResponse__Output>(c.fingerprint.verify, c.fingerprint, { probe: image('101_2.tif'), recordId: ids['S-101'] }, c.metadata(), 60_000);
    const other = await call<object, VerifyResponse__Output>(c.fingerprint.verify, c.fingerprint, { probe: image('101_2.tif'), recordId: ids['S-102'] }, c.metadata(), 60_000);
    expect(mate.score).toBeGreaterThan(other.score);
    expect(other.match).toBe(false);
    expect(mate.threshold).toBeGreaterThan(0);
    expect(mate.evidence?.pairs.length).toBeGreaterThan(0);
  });

  it('an agency that may not see the records gets an empty candidate list', async () => {
    const c = t.client('AG7');
    const list = await call<object, CandidateList__Output>(c.fingerprint.identify, c.fingerprint, { probe: image('101_2.tif') }, c.metadata(), 60_000);
    expect(list.candidates).toEqual([]);
  });

  it('enrols an ISO 19794-2 template made by Extract', async () => {
    const c = t.client('AG1');
    const ex = await call<object, ExtractResponse__Output>(c.fingerprint.extract, c.fingerprint, { image: { data: fixture('101_2.tif'), ppi: 500 }, outputFormat: 'TEMPLATE_FORMAT_ISO_19794_2_2005' }, c.metadata(), 60_000);
    const rec = await call<object, FingerprintRecord__Output>(c.fingerprint.enroll, c.fingerprint, { subjectId: 'S-101', fingerPosition: 2, externalId: 'ISO-1', sample: { template: { encoded: ex.fingers[0].encoded } } }, c.metadata(), 60_000);
    expect(rec.template?.minutiae.length).toBe(ex.fingers[0].template?.minutiae.length);
    ids.iso = rec.meta!.id;
  });

  it('a deleted record leaves the candidate list at once', async () => {
    const c = t.client('AG1');
    await call(c.fingerprint.delete, c.fingerprint, { recordId: ids['S-101'] }, c.metadata());
    const list = await call<object, CandidateList__Output>(c.fingerprint.identify, c.fingerprint, { probe: image('101_2.tif') }, c.metadata(), 60_000);
    expect(list.candidates.map((x) => x.recordId)).not.toContain(ids['S-101']);
  });

  it('the index is saved at shutdown and, after a restart, health waits for it and it serves', async () => {
    await t.stop();
    t = await startTestService({ dataDir });
    const c = t.client('AG1');
    const list = await call<object, CandidateList__Output>(c.fingerprint.identify, c.fingerprint, { probe: image('101_2.tif') }, c.metadata(), 60_000);
    expect(list.candidates.map((x) => x.recordId)).toEqual(expect.arrayContaining([ids.iso, ids['S-102']]));
    expect(list.candidates.map((x) => x.recordId)).not.toContain(ids['S-101']);
    expect(t.logs.some((l) => l.includes('"msg":"index loaded"') && l.includes('fingerprint-gallery'))).toBe(true);
  });

  it('an index saved from another finger vector (an upgrade that changes FINGER_VECTOR_ID) is refused and rebuilt from the store, and serves', async () => {
    await t.stop();
    // The saved index as the previous release wrote it: the same files, naming the vectors it was built from.
    const meta = join(dataDir, 'fingerprint.hnsw.meta.json');
    const saved = JSON.parse(readFileSync(meta, 'utf8')) as { parameters: { vector: string } };
    expect(saved.parameters.vector).toBe(FINGER_VECTOR_ID);
    saved.parameters.vector = 'pairs-8x12x12-10-100px-pcaw384-8003c1027d5c';
    writeFileSync(meta, JSON.stringify(saved));
    t = await startTestService({ dataDir });
    const c = t.client('AG1');
    const list = await call<object, CandidateList__Output>(c.fingerprint.identify, c.fingerprint, { probe: image('101_2.tif') }, c.metadata(), 60_000);
    expect(list.candidates.map((x) => x.recordId)).toEqual(expect.arrayContaining([ids.iso, ids['S-102']]));
    expect(list.candidates.map((x) => x.recordId)).not.toContain(ids['S-101']);
    expect(t.logs.some((l) => l.includes('saved fingerprint index refused; rebuilding it from the store'))).toBe(true);
  });
});
