/**
 * The daily 'fp-tenprints-vs-unsolved' schedule over gRPC on a real server: a run finds a mark
 * filed after the tenprint was enrolled (which the search on enrolment could not find); the next
 * run searches only the tenprints enrolled or updated since, and marks a hit an earlier run
 * reported as already reported; another agency's restricted mark is never reported. The item
 * kind (latent-search-unsolved) also runs in an ordinary batch, bad items failing alone. Marks with
 * fewer minutiae than --reverse-search-min-mark-minutiae are skipped by the schedule and by the
 * search on enrolment, and searchable by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { startTestService, type TestService } from './test-harness.js';
import { call, type BiomatchClients } from './client.js';
import { batchResults, submitBatch } from './batch-client.js';
import type { FingerprintRecord__Output } from './generated/biomatch/v1/FingerprintRecord.js';
import type { LatentRecord__Output } from './generated/biomatch/v1/LatentRecord.js';
import type { ExtractLatentResponse__Output } from './generated/biomatch/v1/ExtractLatentResponse.js';
import type { BatchJob__Output } from './generated/biomatch/v1/BatchJob.js';
import type { BatchItemResult__Output } from './generated/biomatch/v1/BatchItemResult.js';
import type { Schedule__Output } from './generated/biomatch/v1/Schedule.js';
import type { ListSchedulesResponse__Output } from './generated/biomatch/v1/ListSchedulesResponse.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/fingerprints/${name}`, import.meta.url));
const image = (name: string) => ({ data: fixture(name), ppi: 500 });
let t: TestService;
beforeAll(async () => { t = await startTestService(); }, 120_000);
afterAll(async () => { await t?.stop(); });

/** A crime-scene-like mark from an impression: the middle 60% × 60%, turned by `degrees`, PNG. */
async function turnedPartial(name: string, degrees: number): Promise<Buffer> {
  const meta = await sharp(fixture(name)).metadata();
  const w = meta.width!, h = meta.height!;
  const cut = await sharp(fixture(name)).extract({ left: Math.round(w * 0.2), top: Math.round(h * 0.2), width: Math.round(w * 0.6), height: Math.round(h * 0.6) }).png().toBuffer();
  return sharp(cut).rotate(degrees, { background: { r: 255, g: 255, b: 255 } }).grayscale().png().toBuffer();
}

async function until(c: BiomatchClients, jobId: string): Promise<BatchJob__Output> {
  for (let i = 0; i < 1200; i++) {
    const j = await call<object, BatchJob__Output>(c.batch.getStatus, c.batch, { jobId }, c.metadata());
    if (j.state === 'BATCH_STATE_DONE') return j;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`job ${jobId} did not finish`);
}

async function results(c: BiomatchClients, jobId: string): Promise<BatchItemResult__Output[]> {
  const out: BatchItemResult__Output[] = [];
  for await (const r of batchResults(c, jobId)) out.push(r);
  return out;
}

describe('schedule fp-tenprints-vs-unsolved', () => {
  it('finds marks filed after the tenprint; the next run searches only new or updated tenprints and marks repeat hits already reported', async () => {
    const a = t.client('TLA');
    const b = t.client('TLB');
    const enrol = async (cl: BiomatchClients, name: string, externalId: string) => (await call<object, FingerprintRecord__Output>(cl.fingerprint.enroll, cl.fingerprint,
      { subjectId: `S-${externalId}`, fingerPosition: 2, externalId, sample: { image: image(name) } }, cl.metadata(), 60_000)).meta!;

    const sched = await call<object, Schedule__Output>(a.batch.addSchedule, a.batch, { kind: 'fp-tenprints-vs-unsolved', name: 'daily TL' }, a.metadata());
    expect(sched).toMatchObject({ kind: 'fp-tenprints-vs-unsolved', everyHours: 24, name: 'daily TL' });
    // The first run starts at once: TLA owns no tenprint yet, so it is done with nothing to search.
    let first = '';
    for (let i = 0; i < 200 && !first; i++) {
      const s = (await call<object, ListSchedulesResponse__Output>(a.batch.listSchedules, a.batch, {}, a.metadata())).schedules.find((x) => x.scheduleId === sched.scheduleId)!;
      if (s.runs >= 1 && s.lastJobId) first = s.lastJobId;
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(await until(a, first)).toMatchObject({ scheduleId: sched.scheduleId, total: 0 });

    // Tenprints enrolled while the file is empty: the search on enrolment finds nothing.
    const card = await enrol(a, '101_1.tif', 'CARD-101');
    const other = await enrol(a, '102_1.tif', 'CARD-102');
    const foreign = await enrol(b, '101_1.tif', 'B-CARD-101');
    await t.service.deps.reverseSearch.idle();
    // Then the marks are filed: TLA's, and TLB's restricted to TLB (the default visibility).
    const markA = (await call<object, LatentRecord__Output>(a.latent.addToUnsolvedFile, a.latent, { mark: { image: { data: await turnedPartial('101_2.tif', 40), ppi: 500 }, caseReference: 'CASE-TL-A' } }, a.metadata(), 60_000)).meta!.id;
    const markB = (await call<object, LatentRecord__Output>(b.latent.addToUnsolvedFile, b.latent, { mark: { image: { data: await turnedPartial('101_2.tif', 120), ppi: 500 }, caseReference: 'CASE-TL-B' } }, b.metadata(), 60_000)).meta!.id;
    // TLB's own on-demand TL search finds its mark: it is a real match, withheld from TLA only by the access rule.
    const bList = await call<object, { candidates: { recordId: string }[] }>(b.latent.searchUnsolvedFile, b.latent, { probe: { image: image('101_1.tif') }, fingerPosition: 2, minScore: t.service.deps.config.reverseSearchMinScore }, b.metadata(), 60_000);
    expect(bList.candidates.map((x) => x.recordId)).toContain(markB);

    const run2 = await call<object, BatchJob__Output>(a.batch.runSchedule, a.batch, { scheduleId: sched.scheduleId }, a.metadata());
    expect(await until(a, run2.jobId)).toMatchObject({ scheduleId: sched.scheduleId, total: 2, failed: 0 });
    const r2 = await results(a, run2.jobId);
    // TLA's tenprints only, each run as SearchUnsolvedFile.
    expect(r2.map((r) => r.itemId).sort()).toEqual([card.id, other.id].sort());
    expect(r2.map((r) => r.itemId)).not.toContain(foreign.id);
    const hit = r2.find((r) => r.itemId === card.id)!;
    expect(hit.kind).toBe('latent-search-unsolved');
    expect(hit.error).toBeFalsy();
    const found = hit.latentSearchUnsolved!.candidates;
    expect(found.map((x) => x.recordId)).toContain(markA);
    expect(found.map((x) => x.recordId)).not.toContain(markB);
    expect(found.find((x) => x.recordId === markA)).toMatchObject({ kind: 'RECORD_KIND_LATENT', caseReference: 'CASE-TL-A' });
    expect(hit.alreadyReported).toEqual([]);
    const miss = r2.find((r) => r.itemId === other.id)!;
    expect(miss.latentSearchUnsolved!.candidates.map((x) => x.recordId)).not.toContain(markB);

    // The card updated (a better impression under the same external id): the next run searches it
    // alone, and its hit on TLA's mark was reported by the previous run.
    const updated = await enrol(a, '101_2.tif', 'CARD-101');
    expect(updated.id).toBe(card.id);
    const run3 = await call<object, BatchJob__Output>(a.batch.runSchedule, a.batch, { scheduleId: sched.scheduleId }, a.metadata());
    expect(await until(a, run3.jobId)).toMatchObject({ total: 1, failed: 0 });
    const [r3] = await results(a, run3.jobId);
    expect(r3.itemId).toBe(card.id);
    expect(r3.latentSearchUnsolved!.candidates.map((x) => x.recordId)).toContain(markA);
    expect(r3.latentSearchUnsolved!.candidates.map((x) => x.recordId)).not.toContain(markB);
    expect(r3.alreadyReported).toContain(markA);

    // Nothing enrolled since: a run with nothing to search.
    const run4 = await call<object, BatchJob__Output>(a.batch.runSchedule, a.batch, { scheduleId: sched.scheduleId }, a.metadata());
    expect(await until(a, run4.jobId)).toMatchObject({ total: 0 });

    // The item kind in an ordinary batch: SearchUnsolvedFile's own decode, errors naming the field.
    const job = await submitBatch(a, [
      { itemId: 'tl', latentSearchUnsolved: { probe: { image: image('101_1.tif') }, fingerPosition: 2 } },
      { itemId: 'empty', latentSearchUnsolved: {} },
    ], { requestId: 'tl-items-1' });
    await until(a, job.jobId);
    const [ok, bad] = await results(a, job.jobId);
    expect(ok.latentSearchUnsolved!.candidates.map((x) => x.recordId)).toContain(markA);
    expect(ok.latentSearchUnsolved!.candidates.map((x) => x.recordId)).not.toContain(markB);
    expect(bad.error).toMatchObject({ status: 'INVALID_ARGUMENT', field: 'query' });
  }, 240_000);
});

describe('the automatic TL skips marks with few minutiae (docs/decisions/tl-few-minutiae.md)', () => {
  let s: TestService;
  // A threshold every real comparison passes: whether a mark is reported is left to the floor alone.
  beforeAll(async () => { s = await startTestService({ reverseSearchMinScore: 1e-6 }); }, 120_000);
  afterAll(async () => { await s?.stop(); });

  it('a mark under the floor is filed and searchable by hand, but neither the search on enrolment nor the schedule reports it', async () => {
    const a = s.client('FLA');
    const floor = s.service.deps.config.reverseSearchMinMarkMinutiae;
    expect(floor).toBe(8);
    // Two marks as markup alone, the automatic features of another impression of finger 101: one
    // with a minutia fewer than the floor, one with four more.
    const ex = await call<object, ExtractLatentResponse__Output>(a.latent.extractLatent, a.latent, { image: image('101_2.tif') }, a.metadata(), 60_000);
    const minutiae = ex.features!.minutiae;
    expect(minutiae.length).toBeGreaterThanOrEqual(floor + 4);
    const file = async (n: number, caseReference: string) => (await call<object, LatentRecord__Output>(a.latent.addToUnsolvedFile, a.latent,
      { mark: { markup: { minutiae: minutiae.slice(0, n), useOnlyMarkup: true }, caseReference } }, a.metadata(), 60_000));
    const few = await file(floor - 1, 'CASE-FEW');
    const enough = await file(floor + 4, 'CASE-ENOUGH');
    // The record says which marks the automatic TL searches, on filing and on GetLatent.
    expect(few.reverseSearched).toBe(false);
    expect(enough.reverseSearched).toBe(true);
    expect((await call<object, LatentRecord__Output>(a.latent.getLatent, a.latent, { recordId: few.meta!.id }, a.metadata())).reverseSearched).toBe(false);

    // By hand, both marks score above the threshold against finger 101's other impression: only the
    // floor keeps the few-minutiae mark out of the automatic reports below.
    const byHand = await call<object, { candidates: { recordId: string; score: number }[] }>(a.latent.searchUnsolvedFile, a.latent, { probe: { image: image('101_1.tif') }, fingerPosition: 2 }, a.metadata(), 60_000);
    for (const m of [few, enough]) expect(byHand.candidates.find((x) => x.recordId === m.meta!.id)!.score).toBeGreaterThanOrEqual(s.service.deps.config.reverseSearchMinScore);
    const floored = await call<object, { candidates: { recordId: string }[] }>(a.latent.searchUnsolvedFile, a.latent, { probe: { image: image('101_1.tif') }, fingerPosition: 2, minMarkMinutiae: floor }, a.metadata(), 60_000);
    expect(floored.candidates.map((x) => x.recordId)).toContain(enough.meta!.id);
    expect(floored.candidates.map((x) => x.recordId)).not.toContain(few.meta!.id);

    // The search on enrolment.
    const card = (await call<object, FingerprintRecord__Output>(a.fingerprint.enroll, a.fingerprint, { subjectId: 'S-FL', fingerPosition: 2, sample: { image: image('101_1.tif') } }, a.metadata(), 60_000)).meta!;
    await s.service.deps.reverseSearch.idle();
    const hits = await call<object, { hits: { latentId: string; tenprintRecordId: string }[] }>(a.latent.listLatentHits, a.latent, {}, a.metadata());
    const marksHit = hits.hits.filter((h) => h.tenprintRecordId === card.id).map((h) => h.latentId);
    expect(marksHit).toContain(enough.meta!.id);
    expect(marksHit).not.toContain(few.meta!.id);

    // The daily schedule (its first run searches every tenprint of the owner).
    const sched = await call<object, Schedule__Output>(a.batch.addSchedule, a.batch, { kind: 'fp-tenprints-vs-unsolved', name: 'daily TL' }, a.metadata());
    let jobId = '';
    for (let i = 0; i < 200 && !jobId; i++) {
      const x = (await call<object, ListSchedulesResponse__Output>(a.batch.listSchedules, a.batch, {}, a.metadata())).schedules.find((y) => y.scheduleId === sched.scheduleId)!;
      if (x.runs >= 1 && x.lastJobId) jobId = x.lastJobId;
      else await new Promise((r) => setTimeout(r, 50));
    }
    expect(await until(a, jobId)).toMatchObject({ total: 1, failed: 0 });
    const [run] = await results(a, jobId);
    const listed = run.latentSearchUnsolved!.candidates.map((x) => x.recordId);
    expect(listed).toContain(enough.meta!.id);
    expect(listed).not.toContain(few.meta!.id);
  }, 240_000);
});
