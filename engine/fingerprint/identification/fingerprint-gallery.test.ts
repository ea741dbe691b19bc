import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { galleryTemplate } from '../../../fixtures/gallery/background-gallery.js';
import { displaced } from '../../../fixtures/gallery/displaced.js';
import { ErrorCode, EngineError } from '../../errors.js';
import { RecordStore } from '../../store/record-store.js';
import type { StoredRecord, Visibility } from '../../store/record.js';
import { FingerprintMatcher, prepareCandidate } from '../matcher.js';
import type { FingerprintTemplate } from '../template.js';
import { ExactCandidateIndex } from './exact-candidate-index.js';
import { fingerVectorDimension } from './finger-vector.js';
import { FingerprintGallery, inThreadExecutor, inThreadIndex, type FingerprintPayload, type ScanExecutor } from './fingerprint-gallery.js';
import { scanGallery } from './gallery-scan.js';
import { PreparedArena } from './prepared-arena.js';
import { asBatchWork } from '../../work-priority.js';

const SEED = 77;
let n = 0;
function record(template: FingerprintTemplate, owner: string, visibility: Visibility = { agencies: [], allAgencies: false }, extra: Partial<StoredRecord> = {}): StoredRecord<FingerprintPayload> {
  n++;
  const id = `fingerprint_00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return {
    id, kind: 'fingerprint', subjectId: `S-${n}`, ownerAgency: owner, visibility, createdAt: '2026-12-01T00:00:00Z', updatedAt: '2026-12-01T00:00:00Z',
    payload: { fingerPosition: 2, template }, ...extra,
  } as StoredRecord<FingerprintPayload>;
}

describe('FingerprintGallery', () => {
  let dir: string;
  let store: RecordStore;
  let gallery: FingerprintGallery;
  const mates: StoredRecord<FingerprintPayload>[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bm-gallery-'));
    store = RecordStore.open(dir);
    gallery = new FingerprintGallery({ index: inThreadIndex(new ExactCandidateIndex(fingerVectorDimension())), executor: { ...inThreadExecutor, parallelism: 2 }, shortlistLength: 50 });
    await gallery.load(store);
    for (let i = 0; i < 300; i++) gallery.enroll(record(galleryTemplate(SEED, i), i % 2 ? 'AG1' : 'AG2', { agencies: [], allAgencies: true }));
    mates.push(record(galleryTemplate(SEED, 1000), 'AG1', { agencies: [], allAgencies: false }, { externalId: 'LAB-7' }));
    mates.push(record(galleryTemplate(SEED, 1001), 'AG1', { agencies: ['AG3'], allAgencies: false }));
    for (const m of mates) gallery.enroll(m);
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('ranks the mate first through the index and exhaustively, with a self-contained candidate and its alignment', async () => {
    const rotation = (20 * Math.PI) / 180;
    const { probe, alignment } = displaced(mates[0].payload.template, rotation, 30, -20);
    for (const exhaustive of [false, true]) {
      const list = await gallery.identify(probe, { agency: 'AG1', maxCandidates: 5, exhaustive });
      const top = list.candidates[0];
      expect(top).toMatchObject({ recordId: mates[0].id, subjectId: mates[0].subjectId, externalId: 'LAB-7', ownerAgency: 'AG1', fingerPosition: 2, rank: 1, retrieval: exhaustive ? 'exhaustive' : 'index' });
      expect(top.candidateMinutiae).toBe(mates[0].payload.template.minutiae.length);
      expect(top.pairs.length).toBeGreaterThan(5);
      expect(Math.abs((top.alignment!.rotation * 180) / Math.PI - 20)).toBeLessThanOrEqual(5);
      expect(Math.abs(top.alignment!.dx - alignment.dx)).toBeLessThanOrEqual(10);
      expect(Math.abs(top.alignment!.dy - alignment.dy)).toBeLessThanOrEqual(10);
      expect(list.compared).toBe(exhaustive ? 302 : 50);
    }
  });

  it('applies the one access rule: owner and listed agencies see a record, others and empty or malformed agencies see nothing', async () => {
    const probe = mates[1].payload.template;
    const first = async (agency: string) => (await gallery.identify(probe, { agency, maxCandidates: 3, exhaustive: true })).candidates[0]?.recordId;
    expect(await first('AG1')).toBe(mates[1].id);
    expect(await first('AG3')).toBe(mates[1].id);
    expect(await first('AG2')).not.toBe(mates[1].id);
    for (const agency of ['', '*', 'A'.repeat(65)]) {
      expect((await gallery.identify(probe, { agency, maxCandidates: 3, exhaustive: true })).candidates).toEqual([]);
      expect((await gallery.identify(probe, { agency, maxCandidates: 3 })).candidates).toEqual([]);
    }
  });

  it('restricts to finger positions', async () => {
    const list = await gallery.identify(mates[0].payload.template, { agency: 'AG1', maxCandidates: 3, exhaustive: true, fingerPositions: [7] });
    expect(list.candidates).toEqual([]);
  });

  it('a deleted record leaves every later list at once; a re-enrolled one replaces its old form', async () => {
    const r = record(galleryTemplate(SEED, 2000), 'AG1');
    gallery.enroll(r);
    expect((await gallery.identify(r.payload.template, { agency: 'AG1', maxCandidates: 1 })).candidates[0].recordId).toBe(r.id);
    gallery.enroll({ ...r, payload: { ...r.payload, template: galleryTemplate(SEED, 2001) } });
    const after = await gallery.identify(r.payload.template, { agency: 'AG1', maxCandidates: 400, exhaustive: true });
    expect(after.candidates.filter((c) => c.recordId === r.id)).toHaveLength(1);
    gallery.delete(r.id);
    const gone = await gallery.identify(r.payload.template, { agency: 'AG1', maxCandidates: 400, exhaustive: true });
    expect(gone.candidates.map((c) => c.recordId)).not.toContain(r.id);
  });

  it('answers an aborted search with the signal reason, and refuses exhaustive search beyond its limit', async () => {
    const controller = new AbortController();
    controller.abort(new EngineError(ErrorCode.DeadlineExceeded, 'the deadline passed'));
    await expect(gallery.identify(mates[0].payload.template, { agency: 'AG1', maxCandidates: 3 }, controller.signal)).rejects.toMatchObject({ code: ErrorCode.DeadlineExceeded });
    const small = new FingerprintGallery({ index: inThreadIndex(new ExactCandidateIndex(fingerVectorDimension())), executor: inThreadExecutor, exhaustiveLimit: 1 });
    await small.load(store);
    small.enroll(record(galleryTemplate(SEED, 1), 'AG1'));
    small.enroll(record(galleryTemplate(SEED, 2), 'AG1'));
    await expect(small.identify(mates[0].payload.template, { agency: 'AG1', maxCandidates: 3, exhaustive: true })).rejects.toMatchObject({ code: ErrorCode.FailedPrecondition });
  });

  it('admits a bounded number of searches; one more waiting is refused with RESOURCE_EXHAUSTED', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    const slow: ScanExecutor = { parallelism: 1, scan: async (r) => { await gate; return scanGallery(r); } };
    const g = new FingerprintGallery({ index: inThreadIndex(new ExactCandidateIndex(fingerVectorDimension())), executor: slow, maxConcurrentSearches: 1, maxWaitingSearches: 1 });
    await g.load(store);
    g.enroll(record(galleryTemplate(SEED, 5), 'AG1'));
    const probe = galleryTemplate(SEED, 5);
    const running = g.identify(probe, { agency: 'AG1', maxCandidates: 1 });
    const waiting = g.identify(probe, { agency: 'AG1', maxCandidates: 1 });
    await expect(g.identify(probe, { agency: 'AG1', maxCandidates: 1 })).rejects.toMatchObject({ code: ErrorCode.ResourceExhausted });
    release();
    expect((await running).candidates).toHaveLength(1);
    expect((await waiting).candidates).toHaveLength(1);
  });

  it('gives batch searches slots of their own: batch items waiting for a slot never hold up an interactive search', async () => {
    const gates: (() => void)[] = [];
    // Every batch search's scan blocks until released; interactive scans run at once.
    const executor: ScanExecutor = {
      parallelism: 1,
      scan: async (r) => {
        if (r.keep === 2) await new Promise<void>((res) => gates.push(res));
        return scanGallery(r);
      },
    };
    const g = new FingerprintGallery({ index: inThreadIndex(new ExactCandidateIndex(fingerVectorDimension())), executor, maxConcurrentSearches: 1, maxWaitingSearches: 4 });
    await g.load(store);
    g.enroll(record(galleryTemplate(SEED, 6), 'AG1'));
    const probe = galleryTemplate(SEED, 6);
    let batchDone = 0;
    const batch = [1, 2, 3].map(() => asBatchWork(() => g.identify(probe, { agency: 'AG1', maxCandidates: 2 })).then((r) => { batchDone++; return r; }));
    await new Promise((r) => setTimeout(r, 20));
    expect(gates).toHaveLength(1); // one batch slot (half of 1, at least 1): the other two wait
    const interactive = await g.identify(probe, { agency: 'AG1', maxCandidates: 1 });
    expect(interactive.candidates).toHaveLength(1);
    expect(batchDone).toBe(0);
    while (batchDone < 3) { gates.shift()?.(); await new Promise((r) => setTimeout(r, 5)); }
    for (const b of await Promise.all(batch)) expect(b.candidates[0].recordId).toBe(interactive.candidates[0].recordId);
  });
});

describe('PreparedArena', () => {
  it('gives back forms that score exactly as the forms they were made from', () => {
    const arena = new PreparedArena(4);
    const templates = Array.from({ length: 40 }, (_, i) => galleryTemplate(SEED, 500 + i));
    const slots = templates.map((t) => arena.add(prepareCandidate(t), { group: 0, fingerPosition: 1, minutiae: t.minutiae.length }));
    const matcher = new FingerprintMatcher(templates[0]);
    slots.forEach((slot, i) => expect(matcher.score(arena.form(slot))).toBe(matcher.score(prepareCandidate(templates[i]))));
    expect(arena.live).toBe(40);
    arena.kill(slots[3]);
    expect(arena.isLive(slots[3])).toBe(false);
    expect(arena.live).toBe(39);
  });
});
