/**
 * ANSI/NIST-ITL transactions as latent marks, over gRPC on a real server: LatentService.Search and
 * AddToUnsolvedFile take a transaction of one Type-13 mark with its examiner's Type-9 EFS as that
 * markup, and refuse several marks pointing to batch; a latent-add batch item holding a
 * transaction becomes one item per Type-13 record, each with its own EFS, a bad record failing
 * alone. Constructed transactions (fixtures/ansi-nist-builder.ts) and NIST's reference ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { startTestService, type TestService } from './test-harness.js';
import { call } from './client.js';
import { batchResults, submitBatch } from './batch-client.js';
import { buildTransaction, efsRecord, latentImageRecord } from '../../fixtures/ansi-nist-builder.js';
import { missingSharedData, sharedDataPath } from '../../fixtures/shared-data.js';
import { readTransaction } from '../fingerprint/codecs/ansi-nist-transaction.js';
import type { CandidateList__Output } from './generated/biomatch/v1/CandidateList.js';
import type { ExtractLatentResponse__Output } from './generated/biomatch/v1/ExtractLatentResponse.js';
import type { FingerprintRecord__Output } from './generated/biomatch/v1/FingerprintRecord.js';
import type { LatentRecord__Output } from './generated/biomatch/v1/LatentRecord.js';
import type { BatchJob__Output } from './generated/biomatch/v1/BatchJob.js';
import type { BatchItemResult__Output } from './generated/biomatch/v1/BatchItemResult.js';
import type { BatchItem } from './generated/biomatch/v1/BatchItem.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/fingerprints/${name}`, import.meta.url));
const REFS = ['fingerprints', 'ansi-nist', 'nist-reference-transactions', 'references'];

let t: TestService;
let png: Buffer;
let width = 0;
let height = 0;
/** The examiner's EFS: a ROI over the left part of the mark, and the automatic minutiae inside it. */
let roi: { width: number; height: number };
let minutiae: Array<[number, number, number, string]>;
/** An EFS minutia where the automatic features have none. */
let examinerOnly: [number, number];
const subjects: Record<string, string> = {};

function grpcError(p: Promise<unknown>): Promise<grpc.ServiceError> {
  return p.then(() => { throw new Error('expected the call to fail'); }, (e: grpc.ServiceError) => e);
}

const mark101 = (idc: number) => latentImageRecord(idc, { data: png, width, height, compression: 'PNG' });

beforeAll(async () => {
  t = await startTestService();
  const c = t.client('AG1');
  png = await sharp(fixture('101_2.tif')).grayscale().png().toBuffer();
  ({ width, height } = (await sharp(png).metadata()) as { width: number; height: number });
  // Multiples of 25 px are whole EFS units (10 µm) at 500 ppi.
  roi = { width: Math.floor((width * 0.7) / 25) * 25, height: Math.floor(height / 25) * 25 };
  const auto = await call<object, ExtractLatentResponse__Output>(c.latent.extractLatent, c.latent, { image: { data: png, ppi: 500 } }, c.metadata(), 120_000);
  minutiae = auto.features!.minutiae
    .filter((m) => m.x < roi.width - 2 && m.y < roi.height - 2)
    .map((m) => [m.x, m.y, Math.round(m.angleDegrees) % 360, m.type === 'MINUTIA_TYPE_RIDGE_ENDING' ? 'E' : m.type === 'MINUTIA_TYPE_BIFURCATION' ? 'B' : 'X']);
  expect(minutiae.length).toBeGreaterThan(8);
  // One minutia only the examiner marks: the grid point (whole units) farthest from every automatic one.
  let best: [number, number] = [25, 25];
  let bestGap = 0;
  for (let x = 25; x < roi.width; x += 25) {
    for (let y = 25; y < roi.height; y += 25) {
      const gap = Math.min(...auto.features!.minutiae.map((m) => Math.hypot(m.x - x, m.y - y)));
      if (gap > bestGap) { bestGap = gap; best = [x, y]; }
    }
  }
  expect(bestGap).toBeGreaterThan(15);
  examinerOnly = best;
  minutiae.push([best[0], best[1], 45, 'B']);
  for (const [name, subject] of [['101_1.tif', 'S-101'], ['102_1.tif', 'S-102']] as const) {
    const rec = await call<object, FingerprintRecord__Output>(c.fingerprint.enroll, c.fingerprint, { subjectId: subject, fingerPosition: 2, sample: { image: { data: fixture(name), ppi: 500 } } }, c.metadata(), 120_000);
    subjects[subject] = rec.meta!.id;
  }
}, 240_000);
afterAll(async () => { await t?.stop(); });

/** The ROI and minutiae the stored features hold came from the EFS, not from the image alone. */
function expectEfsFeatures(rec: LatentRecord__Output): void {
  expect(rec.features!.roi.map((p) => [Math.round(p.x), Math.round(p.y)])).toEqual([[0, 0], [roi.width, 0], [roi.width, roi.height], [0, roi.height]]);
  // Every EFS minutia is there as the examiner's (confidence 100), within a unit's rounding.
  for (const [x, y] of minutiae) {
    expect(rec.features!.minutiae.some((m) => Math.hypot(m.x - x, m.y - y) < 0.2 && m.quality === 100)).toBe(true);
  }
  expect(rec.features!.minutiae.every((m) => m.x <= roi.width && m.y <= roi.height)).toBe(true);
}

describe('LatentService with an ANSI/NIST transaction as the mark image', () => {
  it('one Type-13 mark: its Type-9 EFS is the markup (ROI, minutiae), and the search finds the mate', async () => {
    const c = t.client('AG1');
    const tx = buildTransaction([efsRecord(1, { roi, minutiae }), mark101(1)]);
    const list = await call<object, CandidateList__Output>(c.latent.search, c.latent, { mark: { image: { data: tx } } }, c.metadata(), 120_000);
    expect(list.candidates[0]).toMatchObject({ recordId: subjects['S-101'], rank: 1 });
    const rec = await call<object, LatentRecord__Output>(c.latent.addToUnsolvedFile, c.latent, { mark: { image: { data: tx, format: 'IMAGE_FORMAT_ANSI_NIST' }, caseReference: 'CASE-EFS' } }, c.metadata(), 120_000);
    expectEfsFeatures(rec);
    // The same image without the transaction's EFS: the automatic ROI, not the examiner's.
    const plain = await call<object, LatentRecord__Output>(c.latent.addToUnsolvedFile, c.latent, { mark: { image: { data: png, ppi: 500 }, caseReference: 'CASE-PLAIN' } }, c.metadata(), 120_000);
    expect(plain.features!.roi.map((p) => [Math.round(p.x), Math.round(p.y)])).not.toEqual([[0, 0], [roi.width, 0], [roi.width, roi.height], [0, roi.height]]);
    expect(plain.features!.minutiae.some((m) => Math.hypot(m.x - examinerOnly[0], m.y - examinerOnly[1]) < 5)).toBe(false);
  }, 240_000);

  it('several Type-13 marks are refused, saying to submit them as a batch item', async () => {
    const c = t.client('AG1');
    const two = buildTransaction([mark101(1), mark101(2)]);
    const e = await grpcError(call(c.latent.search, c.latent, { mark: { image: { data: two } } }, c.metadata(), 60_000));
    expect(e.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(e.details).toMatch(/^mark\.image\.data: the ANSI\/NIST transaction holds 2 Type-13 latent image records.*latent-search or latent-add batch item/);
  });

  it.skipIf(missingSharedData(...REFS))('NIST type-13-14-latent-match.an2: its one Type-13 mark is searched (the Type-14 print beside it is not a mark)', async () => {
    const c = t.client('AG1');
    const bytes = readFileSync(sharedDataPath(...REFS, 'type-13-14-latent-match.an2'));
    // Its Type-13 record names finger 8 (13.013): only tenprints of that finger are compared.
    await call(c.fingerprint.enroll, c.fingerprint, { subjectId: 'S-F8', fingerPosition: 8, sample: { image: { data: fixture('102_1.tif'), ppi: 500 } } }, c.metadata(), 120_000);
    const list = await call<object, CandidateList__Output>(c.latent.search, c.latent, { mark: { image: { data: bytes } } }, c.metadata(), 120_000);
    expect(list.compared).toBe(1);
    // The caller's possible positions win over the record's.
    const any = await call<object, CandidateList__Output>(c.latent.search, c.latent, { mark: { image: { data: bytes }, possibleFingerPositions: [2, 8] } }, c.metadata(), 120_000);
    expect(any.compared).toBe(3);
  }, 180_000);

  it.skipIf(missingSharedData(...REFS))('NIST type-13-tip-eji-wsq.an2 (five Type-13 records) is refused the same way', async () => {
    const c = t.client('AG1');
    const e = await grpcError(call(c.latent.addToUnsolvedFile, c.latent, { mark: { image: { data: readFileSync(sharedDataPath(...REFS, 'type-13-tip-eji-wsq.an2')) }, caseReference: 'C' } }, c.metadata(), 60_000));
    expect(e.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(e.details).toMatch(/^mark\.image\.data: the ANSI\/NIST transaction holds 5 Type-13 latent image records/);
  });
});

describe('a latent-add batch item holding a transaction', () => {
  it('becomes one item per Type-13 record, each with its own EFS; a record with an unreadable EFS fails alone', async () => {
    const c = t.client('AG1');
    const tx = buildTransaction([
      efsRecord(1, { roi, minutiae }), mark101(1),
      mark101(2),
      efsRecord(3, { roi, minutiae: [], fields: [[331, 'not a minutia']] }), mark101(3),
    ]);
    const index = (type: number, idc: number) => readTransaction(tx).records.find((r) => r.type === type && r.idc === idc)!.index;
    const items: BatchItem[] = [{ itemId: 'scene', latentAdd: { mark: { image: { data: tx }, caseReference: 'CASE-T' }, externalId: 'SCENE' } }];
    if (!missingSharedData(...REFS)) items.push({ itemId: 'card', latentSearch: { mark: { image: { data: readFileSync(sharedDataPath(...REFS, 'type-4-tpcard.an2')) } } } });
    const ack = await submitBatch(c, items, { requestId: 'latent-tx-1' });
    let job: BatchJob__Output;
    do {
      await new Promise((r) => setTimeout(r, 100));
      job = await call<object, BatchJob__Output>(c.batch.getStatus, c.batch, { jobId: ack.jobId }, c.metadata());
    } while (job.state !== 'BATCH_STATE_DONE');
    const results: BatchItemResult__Output[] = [];
    for await (const r of batchResults(c, ack.jobId)) results.push(r);
    expect(job).toMatchObject({ total: items.length + 2, failed: items.length });
    expect(results.slice(0, 3).map((r) => [r.item, r.itemId])).toEqual([[1, `scene#${index(13, 1)}`], [2, `scene#${index(13, 2)}`], [3, `scene#${index(13, 3)}`]]);
    const [withEfs, noEfs, badEfs, card] = results;
    expect(withEfs.latentAdd?.meta).toMatchObject({ externalId: `SCENE#${index(13, 1)}` });
    expectEfsFeatures(withEfs.latentAdd!);
    expect(noEfs.latentAdd?.meta).toMatchObject({ externalId: `SCENE#${index(13, 2)}` });
    expect(noEfs.latentAdd?.caseReference).toBe('CASE-T');
    expect(badEfs.error).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, field: 'mark.image.data', message: expect.stringMatching(/9\.331 minutia 1/) });
    if (card) expect(card.error).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, field: 'mark.image.data', message: expect.stringMatching(/fp-enroll or fp-identify/) });
  }, 240_000);
});
