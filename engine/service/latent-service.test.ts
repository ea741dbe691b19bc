/**
 * LatentService end to end over gRPC on a real server: automatic features and their drawing, LT
 * search of a turned partial mark (its score fused with the mark's tenprint route) and of markup
 * alone, the unsolved latent file under the access rule (agency A cannot see B's restricted mark),
 * LL search, TL reverse search on enrolment with
 * notifications for the mark's owner only, and bad input naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { startTestService, type TestService } from './test-harness.js';
import { call } from './client.js';
import type { ExtractLatentResponse__Output } from './generated/biomatch/v1/ExtractLatentResponse.js';
import type { CandidateList__Output } from './generated/biomatch/v1/CandidateList.js';
import type { FingerprintRecord__Output } from './generated/biomatch/v1/FingerprintRecord.js';
import type { LatentRecord__Output } from './generated/biomatch/v1/LatentRecord.js';
import type { ListUnsolvedResponse__Output } from './generated/biomatch/v1/ListUnsolvedResponse.js';
import type { ListLatentHitsResponse__Output } from './generated/biomatch/v1/ListLatentHitsResponse.js';
import type { LatentHit__Output } from './generated/biomatch/v1/LatentHit.js';
import type { LatentMarkup } from './generated/biomatch/v1/LatentMarkup.js';
import type { BatchJob__Output } from './generated/biomatch/v1/BatchJob.js';
import type { BatchItemResult__Output } from './generated/biomatch/v1/BatchItemResult.js';
import { batchResults, submitBatch } from './batch-client.js';
import { itemRecordId } from './bindings/batch.js';
import { missingSharedData, sharedDataPath } from '../../fixtures/shared-data.js';
import { decodeImage } from '../fingerprint/codecs/image-decoder.js';
import { extractFingerprint } from '../fingerprint/extractor.js';
import { FingerprintMatcher, prepareCandidate } from '../fingerprint/matcher.js';
import { extractLatentFeatures } from '../latent/latent-extractor.js';
import { latentTemplate } from '../latent/latent-features.js';
import { LatentMatcher } from '../latent/latent-matcher.js';
import { tlRouteScore } from '../latent/tenprint-route.js';
import type { LatentPayload } from '../latent/latent-gallery.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/fingerprints/${name}`, import.meta.url));
const image = (name: string) => ({ data: fixture(name), ppi: 500 });
let t: TestService;
beforeAll(async () => { t = await startTestService(); }, 120_000);
afterAll(async () => { await t?.stop(); });

function grpcError(p: Promise<unknown>): Promise<grpc.ServiceError> {
  return p.then(() => { throw new Error('expected the call to fail'); }, (e: grpc.ServiceError) => e);
}

/** A crime-scene-like mark from an impression: the middle `share` × `share` (default 60%), turned by `degrees`, PNG. */
async function turnedPartial(name: string, degrees: number, share = 0.6): Promise<Buffer> {
  const img = sharp(fixture(name));
  const meta = await img.metadata();
  const w = meta.width!, h = meta.height!;
  const m = (1 - share) / 2;
  const cut = await sharp(fixture(name)).extract({ left: Math.round(w * m), top: Math.round(h * m), width: Math.round(w * share), height: Math.round(h * share) }).png().toBuffer();
  return sharp(cut).rotate(degrees, { background: { r: 255, g: 255, b: 255 } }).grayscale().png().toBuffer();
}

/** An ANSI/NIST-ITL transaction with one Type-9 EFS record holding this markup (10 µm units, ROI at the origin). */
function efsTransaction(m: LatentMarkup): Buffer {
  const [GS, FS, RS, US] = ['\x1d', '\x1c', '\x1e', '\x1f'];
  const tagged = (type: number, fields: [number, string][]) => {
    const body = fields.map(([n, v]) => `${type}.${String(n).padStart(3, '0')}:${v}`).join(GS) + FS;
    let len = body.length + `${type}.001:`.length + 1;
    for (;;) { const rec = `${type}.001:${len}${GS}${body}`; if (rec.length === len) return rec; len = rec.length; }
  };
  const unit = (px: number) => Math.round((px * 2540) / 500);
  const code = (t: unknown) => (t === 'MINUTIA_TYPE_RIDGE_ENDING' ? 'E' : t === 'MINUTIA_TYPE_BIFURCATION' ? 'B' : 'X');
  const minutiae = (m.minutiae ?? []).map((x) => [unit(Number(x.x)), unit(Number(x.y)), Math.round(Number(x.angleDegrees)) % 360, code(x.type)].join(US)).join(RS);
  const t1 = tagged(1, [[2, '0500'], [3, `1${US}1${RS}9${US}01`], [4, 'TEST'], [5, '20261201'], [6, '5'], [7, 'X'], [8, 'Y'], [9, 'T1'], [11, '00.00'], [12, '00.00']]);
  const t9 = tagged(9, [[2, '01'], [3, '4'], [4, 'U'], [300, `6000${US}6000${US}0${US}0`], [302, '2'], [331, minutiae]]);
  return Buffer.from(t1 + t9, 'latin1');
}

const ids: Record<string, string> = {};
let features: LatentMarkup;

describe('LatentService', () => {
  it('ExtractLatent: features in markup form (each minutia with its reliability) and a drawing', async () => {
    const c = t.client();
    const res = await call<object, ExtractLatentResponse__Output>(c.latent.extractLatent, c.latent, { image: image('101_2.tif'), includeDrawing: true }, c.metadata(), 60_000);
    expect(res.features!.minutiae.length).toBeGreaterThan(10);
    for (const m of res.features!.minutiae) expect(m.quality).toBeGreaterThanOrEqual(1);
    expect(res.width).toBeGreaterThan(100);
    expect(res.drawingPng.subarray(1, 4).toString('latin1')).toBe('PNG');
    const drawn = await sharp(res.drawingPng).metadata();
    expect([drawn.width, drawn.height]).toEqual([res.width, res.height]);
    features = res.features as LatentMarkup;
  });

  it('ExtractLatent refuses a missing image or resolution, naming the field', async () => {
    const c = t.client();
    expect((await grpcError(call(c.latent.extractLatent, c.latent, {}, c.metadata()))).details).toMatch(/^image: /);
    const e = await grpcError(call(c.latent.extractLatent, c.latent, { image: { data: fixture('101_2.tif') } }, c.metadata(), 60_000));
    expect(e.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(e.details).toMatch(/^image\.ppi: /);
  });

  it('Search (LT): a turned partial mark finds its mate first, with the paired minutiae as evidence', async () => {
    const c = t.client('AG1');
    for (const [name, subject] of [['101_1.tif', 'S-101'], ['102_1.tif', 'S-102']] as const) {
      const rec = await call<object, FingerprintRecord__Output>(c.fingerprint.enroll, c.fingerprint, { subjectId: subject, fingerPosition: 2, sample: { image: image(name) } }, c.metadata(), 60_000);
      ids[subject] = rec.meta!.id;
    }
    const mark = await turnedPartial('101_2.tif', 150);
    const list = await call<object, CandidateList__Output>(c.latent.search, c.latent, { mark: { image: { data: mark, ppi: 500 } } }, c.metadata(), 60_000);
    expect(list.candidates[0]).toMatchObject({ recordId: ids['S-101'], subjectId: 'S-101', rank: 1, kind: 'RECORD_KIND_FINGERPRINT' });
    expect(list.candidates[0].fingerprint!.pairs.length).toBeGreaterThan(3);
    expect(list.candidates[0].score).toBeGreaterThan(list.candidates[1].score);
    expect(list.compared).toBe(2);
  });

  it('Search (LT) by image alone scores the latent match fused with the mark\'s tenprint route (docs/decisions/latent-tenprint-fusion.md)', async () => {
    const c = t.client('AG1');
    // A whole impression turned by 20° (102_1: 46 minutiae through the tenprint extractor, over the
    // route's 20; 101_2 holds 16), searched for the score, not the finding.
    const mark = await turnedPartial('102_1.tif', 20, 1);
    const list = await call<object, CandidateList__Output>(c.latent.search, c.latent, { mark: { image: { data: mark, ppi: 500 } } }, c.metadata(), 60_000);
    // The same score in this process: the mark through both extractors, the enrolled print's template.
    const decoded = (await decodeImage(mark, { ppi: 500 }))[0];
    const latent = latentTemplate(await extractLatentFeatures(decoded, { ppi: 500 }));
    const tenprint = (await extractFingerprint(decoded)).template;
    const mate = prepareCandidate((await extractFingerprint((await decodeImage(fixture('102_1.tif'), { ppi: 500 }))[0])).template);
    expect(list.candidates[0].recordId).toBe(ids['S-102']);
    expect(tenprint.minutiae.length).toBeGreaterThanOrEqual(20);
    const L = new LatentMatcher(latent).score(mate);
    const T = new FingerprintMatcher(tenprint).score(mate);
    expect(list.candidates[0].score).toBeCloseTo(0.5 * L + 0.5 * T, 12);
    expect(Math.abs(list.candidates[0].score - L)).toBeGreaterThan(1e-4);
  });

  it('Search with markup alone (the features sent back, "use only my features") finds the mate', async () => {
    const c = t.client('AG1');
    const list = await call<object, CandidateList__Output>(c.latent.search, c.latent, { mark: { markup: { ...features, useOnlyMarkup: true } } }, c.metadata(), 60_000);
    expect(list.candidates[0].recordId).toBe(ids['S-101']);
  });

  it('Search with an examiner\'s Type-9 EFS record (markup alone) finds the mate; malformed EFS names mark.efs', async () => {
    const c = t.client('AG1');
    const list = await call<object, CandidateList__Output>(c.latent.search, c.latent, { mark: { efs: efsTransaction(features) } }, c.metadata(), 60_000);
    expect(list.candidates[0].recordId).toBe(ids['S-101']);
    for (const req of [{ mark: { efs: Buffer.from('not a transaction') } }, { mark: { efs: efsTransaction(features), markup: features } }]) {
      const e = await grpcError(call(c.latent.search, c.latent, req, c.metadata()));
      expect(e.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(e.details).toMatch(/^mark\.efs: /);
    }
  });

  it.skipIf(missingSharedData('fingerprints', 'ansi-nist', 'libbiomeval-testdata', 'type9-efs.an2k'))('NIST type9-efs.an2k holds eight marks: one mark\'s EFS is asked for (skipped without ../shared/data)', async () => {
    const c = t.client('AG1');
    const efs = readFileSync(sharedDataPath('fingerprints', 'ansi-nist', 'libbiomeval-testdata', 'type9-efs.an2k'));
    const e = await grpcError(call(c.latent.search, c.latent, { mark: { efs } }, c.metadata()));
    expect(e.details).toMatch(/^mark\.efs: holds 8 Type-9 extended feature sets/);
  });

  it('Search answers 20 candidates by default, and only the records the caller may see', async () => {
    const c = t.client('AG1');
    for (let i = 0; i < 22; i++) {
      await call(c.fingerprint.enroll, c.fingerprint, { subjectId: `R-${i}`, fingerPosition: 3, sample: { template: { template: {
        width: 400, height: 500, resolutionPpi: 500,
        minutiae: Array.from({ length: 30 }, (_, k) => ({ x: (i * 37 + k * 53) % 390, y: (i * 11 + k * 71) % 490, angleDegrees: (i * 13 + k * 47) % 360, type: 'MINUTIA_TYPE_RIDGE_ENDING' as const, quality: 60 })),
      } } } }, c.metadata());
    }
    const list = await call<object, CandidateList__Output>(c.latent.search, c.latent, { mark: { markup: features } }, c.metadata(), 60_000);
    expect(list.candidates).toHaveLength(20);
    expect(Number(list.totalHits)).toBe(24);
    const other = t.client('AG9');
    const none = await call<object, CandidateList__Output>(other.latent.search, other.latent, { mark: { markup: features } }, other.metadata(), 60_000);
    expect(none.candidates).toEqual([]);
  });

  it('bad markup and bad marks are INVALID_ARGUMENT naming the field', async () => {
    const c = t.client('AG1');
    const minutiae = features.minutiae!;
    const cases: [object, RegExp][] = [
      [{ mark: {} }, /^mark: /],
      [{}, /^mark: /],
      [{ mark: { markup: { minutiae: [minutiae[0], { ...minutiae[1], x: -5 }] } } }, /^mark\.markup\.minutiae\[1\]\.x: /],
      [{ mark: { markup: { minutiae, roi: [{ x: 1, y: 1 }, { x: 5, y: 5 }] } } }, /^mark\.markup\.roi: /],
      [{ mark: { markup: { minutiae: minutiae.slice(0, 2) } } }, /^mark\.markup\.minutiae: /],
      [{ mark: { markup: { minutiae: [{ ...minutiae[0], angleDegrees: Number.NaN }, ...minutiae.slice(1)] } } }, /^mark\.markup\.minutiae\[0\]\.angle_degrees: /],
      [{ mark: { markup: { minutiae: [{ ...minutiae[0], quality: 101 }, ...minutiae.slice(1)] } } }, /^mark\.markup\.minutiae\[0\]\.quality: /],
      [{ mark: { markup: { minutiae, cores: [{ x: 1e9, y: 2 }] } } }, /^mark\.markup\.cores\[0\]\.x: /],
      [{ mark: { markup: { minutiae }, possibleFingerPositions: [300] } }, /^mark\.possible_finger_positions\[0\]: /],
      [{ mark: { image: { data: Buffer.from('not an image'), ppi: 500 } } }, /^mark\.image/],
      [{ mark: { markup: { minutiae } }, minScore: 2 }, /^min_score: /],
    ];
    for (const [req, field] of cases) {
      const e = await grpcError(call(c.latent.search, c.latent, req, c.metadata(), 60_000));
      expect(e.code, JSON.stringify(field.source)).toBe(grpc.status.INVALID_ARGUMENT);
      expect(e.details).toMatch(field);
    }
  });

  it('the unsolved latent file: add with a case reference, list, get; B cannot see A\'s restricted mark', async () => {
    const a = t.client('AG1');
    const b = t.client('AG2');
    const mark = await turnedPartial('101_2.tif', 40);
    const recA = await call<object, LatentRecord__Output>(a.latent.addToUnsolvedFile, a.latent, { mark: { image: { data: mark, ppi: 500 }, caseReference: 'CASE-A' }, externalId: 'A-MARK-1' }, a.metadata(), 60_000);
    expect(recA.meta).toMatchObject({ kind: 'RECORD_KIND_LATENT', ownerAgency: 'AG1', externalId: 'A-MARK-1' });
    expect(recA.meta!.id).toMatch(/^lt_/);
    expect(recA.caseReference).toBe('CASE-A');
    expect(recA.features!.minutiae.length).toBe(recA.template!.minutiae.length);
    ids.markA = recA.meta!.id;
    const recB = await call<object, LatentRecord__Output>(b.latent.addToUnsolvedFile, b.latent, { mark: { markup: features, caseReference: 'CASE-B' }, visibility: { allAgencies: true } }, b.metadata(), 60_000);
    ids.markB = recB.meta!.id;

    const listA = await call<object, ListUnsolvedResponse__Output>(a.latent.listUnsolved, a.latent, {}, a.metadata());
    expect(listA.records.map((r) => r.id).sort()).toEqual([ids.markA, ids.markB].sort());
    const listB = await call<object, ListUnsolvedResponse__Output>(b.latent.listUnsolved, b.latent, {}, b.metadata());
    expect(listB.records.map((r) => r.id)).toEqual([ids.markB]);
    const byCase = await call<object, ListUnsolvedResponse__Output>(a.latent.listUnsolved, a.latent, { caseReference: 'CASE-A' }, a.metadata());
    expect(byCase.records.map((r) => r.id)).toEqual([ids.markA]);
    const page = await call<object, ListUnsolvedResponse__Output>(a.latent.listUnsolved, a.latent, { pageSize: 1 }, a.metadata());
    expect(page.records).toHaveLength(1);
    const rest = await call<object, ListUnsolvedResponse__Output>(a.latent.listUnsolved, a.latent, { pageSize: 1, pageToken: page.nextPageToken }, a.metadata());
    expect([...page.records, ...rest.records].map((r) => r.id).sort()).toEqual([ids.markA, ids.markB].sort());

    const got = await call<object, LatentRecord__Output>(a.latent.getLatent, a.latent, { recordId: ids.markA }, a.metadata());
    expect(got.caseReference).toBe('CASE-A');
    expect((await grpcError(call(b.latent.getLatent, b.latent, { recordId: ids.markA }, b.metadata()))).code).toBe(grpc.status.NOT_FOUND);
    expect((await grpcError(call(b.latent.removeFromUnsolvedFile, b.latent, { recordId: ids.markA }, b.metadata()))).code).toBe(grpc.status.NOT_FOUND);
    // A sees B's mark (visible to all) but may not remove it.
    expect((await grpcError(call(a.latent.removeFromUnsolvedFile, a.latent, { recordId: ids.markB }, a.metadata()))).code).toBe(grpc.status.PERMISSION_DENIED);
  });

  it('AddToUnsolvedFile needs a case reference', async () => {
    const a = t.client('AG1');
    const e = await grpcError(call(a.latent.addToUnsolvedFile, a.latent, { mark: { markup: features } }, a.metadata()));
    expect(e.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(e.details).toMatch(/^mark\.case_reference: /);
  });

  it('SearchUnsolvedFile (LL): a mark finds the filed marks of the same finger that the caller may see', async () => {
    const a = t.client('AG1');
    const b = t.client('AG2');
    const probe = { mark: { image: { data: await turnedPartial('101_1.tif', 270), ppi: 500 } } };
    const listA = await call<object, CandidateList__Output>(a.latent.searchUnsolvedFile, a.latent, probe, a.metadata(), 60_000);
    expect(listA.candidates.map((x) => x.recordId).sort()).toEqual([ids.markA, ids.markB].sort());
    expect(listA.candidates[0]).toMatchObject({ kind: 'RECORD_KIND_LATENT' });
    expect(listA.candidates.find((x) => x.recordId === ids.markA)!.caseReference).toBe('CASE-A');
    const listB = await call<object, CandidateList__Output>(b.latent.searchUnsolvedFile, b.latent, probe, b.metadata(), 60_000);
    expect(listB.candidates.map((x) => x.recordId)).toEqual([ids.markB]);
    const e = await grpcError(call(a.latent.searchUnsolvedFile, a.latent, {}, a.metadata()));
    expect(e.details).toMatch(/^query: /);
  });

  it('TL: a new tenprint is searched against the unsolved file; the mark owner gets a hit it can list and acknowledge', async () => {
    const a = t.client('AG1');
    const b = t.client('AG2');
    const c = t.client('AG3');
    // AG3 enrols finger 101, visible to AG1 only: AG1's mark gets a hit; AG2's mark does not (AG2 may not see the print).
    const rec = await call<object, FingerprintRecord__Output>(c.fingerprint.enroll, c.fingerprint, { subjectId: 'SUSPECT-9', fingerPosition: 2, visibility: { agencies: ['AG1'] }, sample: { image: image('101_1.tif') } }, c.metadata(), 60_000);
    await t.service.deps.reverseSearch.idle();
    const hitsA = await call<object, ListLatentHitsResponse__Output>(a.latent.listLatentHits, a.latent, {}, a.metadata());
    const mine = hitsA.hits.filter((h) => h.tenprintRecordId === rec.meta!.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ latentId: ids.markA, caseReference: 'CASE-A', subjectId: 'SUSPECT-9', tenprintOwnerAgency: 'AG3', acknowledged: false });
    expect(mine[0].evidence!.pairs.length).toBeGreaterThan(3);
    const hitsB = await call<object, ListLatentHitsResponse__Output>(b.latent.listLatentHits, b.latent, {}, b.metadata());
    expect(hitsB.hits.filter((h) => h.tenprintRecordId === rec.meta!.id)).toEqual([]);
    // Another agency cannot acknowledge it (nor learn that it exists).
    expect((await grpcError(call(b.latent.acknowledgeLatentHit, b.latent, { hitId: mine[0].hitId }, b.metadata()))).code).toBe(grpc.status.NOT_FOUND);
    const acked = await call<object, LatentHit__Output>(a.latent.acknowledgeLatentHit, a.latent, { hitId: mine[0].hitId }, a.metadata());
    expect(acked.acknowledged).toBe(true);
    const after = await call<object, ListLatentHitsResponse__Output>(a.latent.listLatentHits, a.latent, {}, a.metadata());
    expect(after.hits.map((h) => h.hitId)).not.toContain(mine[0].hitId);
    const all = await call<object, ListLatentHitsResponse__Output>(a.latent.listLatentHits, a.latent, { includeAcknowledged: true, latentId: ids.markA }, a.metadata());
    expect(all.hits.map((h) => h.hitId)).toContain(mine[0].hitId);
    expect((await grpcError(call(a.latent.acknowledgeLatentHit, a.latent, { hitId: 'x' }, a.metadata()))).details).toMatch(/^hit_id: /);
    // The tenprint deleted by its owner: the hit leaves the mark owner's list.
    await call(c.fingerprint.delete, c.fingerprint, { recordId: rec.meta!.id }, c.metadata());
    const gone = await call<object, ListLatentHitsResponse__Output>(a.latent.listLatentHits, a.latent, { includeAcknowledged: true }, a.metadata());
    expect(gone.hits.map((h) => h.hitId)).not.toContain(mine[0].hitId);
  });

  it('SearchUnsolvedFile with a tenprint probe (TL on demand) and removal from the file', async () => {
    const a = t.client('AG1');
    const list = await call<object, CandidateList__Output>(a.latent.searchUnsolvedFile, a.latent, { probe: { image: image('101_1.tif') }, fingerPosition: 2 }, a.metadata(), 60_000);
    expect(list.candidates.map((x) => x.recordId)).toContain(ids.markA);
    await call(a.latent.removeFromUnsolvedFile, a.latent, { recordId: ids.markA }, a.metadata());
    expect((await grpcError(call(a.latent.getLatent, a.latent, { recordId: ids.markA }, a.metadata()))).code).toBe(grpc.status.NOT_FOUND);
    const again = await call<object, CandidateList__Output>(a.latent.searchUnsolvedFile, a.latent, { probe: { image: image('101_1.tif') } }, a.metadata(), 60_000);
    expect(again.candidates.map((x) => x.recordId)).not.toContain(ids.markA);
    const hits = await call<object, ListLatentHitsResponse__Output>(a.latent.listLatentHits, a.latent, { includeAcknowledged: true }, a.metadata());
    expect(hits.hits.map((h) => h.latentId)).not.toContain(ids.markA);
  });

  it('batch: latent-add and latent-search items run as their RPCs; a batch fp-enroll is reverse-searched too', async () => {
    const c = t.client('AG5');
    const mark = await turnedPartial('101_2.tif', 200);
    const add = await submitBatch(c, [
      { itemId: 'scene-1', latentAdd: { mark: { image: { data: mark, ppi: 500 }, caseReference: 'BATCH-CASE' } } },
      { itemId: 'scene-2', latentAdd: { mark: { markup: features } } },
      { itemId: 'lt', latentSearch: { mark: { image: { data: mark, ppi: 500 } } } },
    ], { requestId: 'latent-batch-1' });
    let job: BatchJob__Output;
    do {
      await new Promise((r) => setTimeout(r, 100));
      job = await call<object, BatchJob__Output>(c.batch.getStatus, c.batch, { jobId: add.jobId }, c.metadata());
    } while (job.state !== 'BATCH_STATE_DONE');
    const results: BatchItemResult__Output[] = [];
    for await (const r of batchResults(c, add.jobId)) results.push(r);
    // The record id is derived from job and item, so a re-run after a crash finds the same record.
    expect(results[0].latentAdd?.meta?.id).toBe(itemRecordId('lt', add.jobId, 1));
    expect(results[0].latentAdd?.caseReference).toBe('BATCH-CASE');
    expect(results[1].error).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, field: 'mark.case_reference' });
    // The search ran as AG5, which sees none of AG1's tenprints.
    expect(results[2].error).toBeFalsy();
    expect(results[2].latentSearch?.candidates).toEqual([]);
    const enrol = await submitBatch(c, [{ itemId: 'card-1', fpEnroll: { subjectId: 'BOOKED-1', fingerPosition: 2, sample: { image: image('101_1.tif') } } }], { requestId: 'bookings-1' });
    let enrolled: BatchItemResult__Output | undefined;
    for (let i = 0; i < 300 && !enrolled; i++) {
      for await (const r of batchResults(c, enrol.jobId)) enrolled = r;
      if (!enrolled) await new Promise((r) => setTimeout(r, 100));
    }
    await t.service.deps.reverseSearch.idle();
    const hits = await call<object, ListLatentHitsResponse__Output>(c.latent.listLatentHits, c.latent, {}, c.metadata());
    expect(hits.hits.map((h) => [h.latentId, h.tenprintRecordId])).toEqual([[results[0].latentAdd!.meta!.id, enrolled!.fpEnroll!.meta!.id]]);
  });
});


describe('LatentService beyond --latent-exhaustive-limit', () => {
  let small: TestService;
  beforeAll(async () => { small = await startTestService({ latentExhaustiveLimit: 1 }); }, 120_000);
  afterAll(async () => { await small?.stop(); });

  it('Search (LT) takes the candidate index and re-ranks its shortlist at any rotation: the mate still ranks first', async () => {
    const c = small.client('AG1');
    const enrolled: Record<string, string> = {};
    for (const [name, subject] of [['101_1.tif', 'S-101'], ['102_1.tif', 'S-102']] as const) {
      const rec = await call<object, FingerprintRecord__Output>(c.fingerprint.enroll, c.fingerprint, { subjectId: subject, fingerPosition: 2, sample: { image: image(name) } }, c.metadata(), 60_000);
      enrolled[subject] = rec.meta!.id;
    }
    const mark = await turnedPartial('101_2.tif', 150);
    const list = await call<object, CandidateList__Output>(c.latent.search, c.latent, { mark: { image: { data: mark, ppi: 500 } } }, c.metadata(), 60_000);
    expect(list.candidates[0]).toMatchObject({ recordId: enrolled['S-101'], rank: 1 });
    expect(list.candidates[0].score).toBeGreaterThan(list.candidates[1]?.score ?? 0);
    expect(list.candidates[0].fingerprint!.retrieval).toBe('ann-index');
    // Both enrolled records were re-ranked: the tenprint shortlist (2,500) holds them.
    expect(Number(list.totalHits)).toBe(2);
  });
});

describe('LatentService --latent-shortlist', () => {
  let short: TestService;
  beforeAll(async () => { short = await startTestService({ latentExhaustiveLimit: 1, latentShortlist: 1 }); }, 120_000);
  afterAll(async () => { await short?.stop(); });

  it('Search (LT) beyond the exhaustive limit re-ranks the latent shortlist, not the tenprint one', async () => {
    const c = short.client('AG1');
    for (const [name, subject] of [['101_1.tif', 'S-101'], ['102_1.tif', 'S-102']] as const) {
      await call<object, FingerprintRecord__Output>(c.fingerprint.enroll, c.fingerprint, { subjectId: subject, fingerPosition: 2, sample: { image: image(name) } }, c.metadata(), 60_000);
    }
    const mark = await turnedPartial('101_2.tif', 150);
    const list = await call<object, CandidateList__Output>(c.latent.search, c.latent, { mark: { image: { data: mark, ppi: 500 } } }, c.metadata(), 60_000);
    // One index candidate re-ranked (--latent-shortlist 1), though the tenprint shortlist would hold both.
    expect(Number(list.totalHits)).toBe(1);
    expect(list.candidates).toHaveLength(1);
    expect(list.candidates[0].fingerprint!.retrieval).toBe('ann-index');
  });
});

describe('TL with the tenprint route (docs/decisions/latent-tl-route.md)', () => {
  let first: TestService;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'bm-tl-route-'));
    first = await startTestService({ dataDir });
  }, 120_000);
  afterAll(async () => { await first?.stop(); rmSync(dataDir, { recursive: true, force: true }); });

  it('a mark filed by image alone keeps its tenprint template: TL scores 1 − (1 − F)^k, on enrolment, on demand and after a restart', async () => {
    const a = first.client('AG1');
    // 102_1 whole, turned by 20°: 46 minutiae through the tenprint extractor, over the route's 20.
    const mark = await turnedPartial('102_1.tif', 20, 1);
    const filed = await call<object, LatentRecord__Output>(a.latent.addToUnsolvedFile, a.latent, { mark: { image: { data: mark, ppi: 500 }, caseReference: 'CASE-R' } }, a.metadata(), 60_000);
    // The same score in this process: the mark through both extractors, the tenprint's template.
    const decoded = (await decodeImage(mark, { ppi: 500 }))[0];
    const latent = prepareCandidate(latentTemplate(await extractLatentFeatures(decoded, { ppi: 500 })));
    const route = prepareCandidate((await extractFingerprint(decoded)).template);
    const probe = (await extractFingerprint((await decodeImage(fixture('102_1.tif'), { ppi: 500 }))[0])).template;
    const L = new LatentMatcher(probe).score(latent);
    const S = tlRouteScore(L, new FingerprintMatcher(probe).score(route));
    expect(Math.abs(S - L)).toBeGreaterThan(1e-4);
    const onDemand = async (svc: TestService) => {
      const c = svc.client('AG1');
      const list = await call<object, CandidateList__Output>(c.latent.searchUnsolvedFile, c.latent, { probe: { image: image('102_1.tif') } }, c.metadata(), 60_000);
      return list.candidates.find((x) => x.recordId === filed.meta!.id)!.score;
    };
    expect(await onDemand(first)).toBeCloseTo(S, 12);
    // The automatic reverse search on enrolment scores it the same way (and it is a hit).
    const rec = await call<object, FingerprintRecord__Output>(a.fingerprint.enroll, a.fingerprint, { subjectId: 'S-102', fingerPosition: 2, sample: { image: image('102_1.tif') } }, a.metadata(), 60_000);
    await first.service.deps.reverseSearch.idle();
    const hits = await call<object, ListLatentHitsResponse__Output>(a.latent.listLatentHits, a.latent, {}, a.metadata());
    const hit = hits.hits.find((h) => h.tenprintRecordId === rec.meta!.id && h.latentId === filed.meta!.id);
    expect(hit?.score).toBeCloseTo(S, 12);
    // LL (a mark as probe) keeps the latent matcher alone.
    const ll = await call<object, CandidateList__Output>(a.latent.searchUnsolvedFile, a.latent, { mark: { image: { data: mark, ppi: 500 } } }, a.metadata(), 60_000);
    expect(ll.candidates.find((x) => x.recordId === filed.meta!.id)!.score).toBeCloseTo(new LatentMatcher(latentTemplate(await extractLatentFeatures(decoded, { ppi: 500 }))).score(latent), 12);
    // The route is stored with the mark: a restarted server loads it from the store.
    await first.stop();
    first = await startTestService({ dataDir });
    expect(await onDemand(first)).toBeCloseTo(S, 12);
  });

  it('a mark filed with markup, or as markup alone, keeps no route; one filed by image alone does', async () => {
    const a = first.client('AG1');
    const mark = await turnedPartial('102_1.tif', 20, 1);
    const ex = await call<object, ExtractLatentResponse__Output>(a.latent.extractLatent, a.latent, { image: { data: mark, ppi: 500 } }, a.metadata(), 60_000);
    const route = async (m: object) => {
      const r = await call<object, LatentRecord__Output>(a.latent.addToUnsolvedFile, a.latent, { mark: { ...m, caseReference: 'CASE-M' } }, a.metadata(), 60_000);
      const stored = first.service.deps.store.get<LatentPayload>(r.meta!.id)!.payload.tenprintRoute;
      // The record says so, on filing and on GetLatent.
      const got = await call<object, LatentRecord__Output>(a.latent.getLatent, a.latent, { recordId: r.meta!.id }, a.metadata());
      expect(r.hasTenprintRoute).toBe(stored !== undefined);
      expect(got.hasTenprintRoute).toBe(stored !== undefined);
      return stored;
    };
    expect(await route({ image: { data: mark, ppi: 500 }, markup: ex.features })).toBeUndefined();
    expect(await route({ markup: { ...ex.features, useOnlyMarkup: true } })).toBeUndefined();
    expect((await route({ image: { data: mark, ppi: 500 } }))!.minutiae.length).toBeGreaterThanOrEqual(20);
    // A mark whose image gives the tenprint extractor under 20 minutiae (101_2: 16) keeps none either.
    expect(await route({ image: { data: await turnedPartial('101_2.tif', 40), ppi: 500 } })).toBeUndefined();
  });
});
