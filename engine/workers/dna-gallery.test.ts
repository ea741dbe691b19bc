/**
 * The DNA gallery answers exactly as the in-thread index and the brute-force oracle do, from its
 * own thread; sees adds and removes in order; applies the one access rule fail-closed; gives up
 * on aborted calls at once; and leaves the event loop free while it scans.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { rng, SyntheticProfiles } from '../../fixtures/dna/synthetic-profiles.js';
import { EngineError, ErrorCode } from '../errors.js';
import type { StoredRecord } from '../store/record.js';
import { BruteForceDnaSearch } from '../dna/brute-force-search.js';
import { DnaGallery, type DnaRecordSource } from './dna-gallery.js';
import { DnaIndex } from '../dna/dna-index.js';
import { buildProfile, fromStoredProfile, genotypeDesignations, toStoredProfile, type DnaProfile, type ProfileKind, type StoredDnaProfile } from '../dna/dna-profile.js';
import type { DnaRecordMeta } from '../dna/dna-search.js';
import { loadFrequencyFiles } from '../dna/frequency-files.js';
import { LocusRegistry } from '../dna/locus-registry.js';
import { STRINGENCIES } from '../dna/locus-comparison.js';

const registry = LocusRegistry.create();
const tables = loadFrequencyFiles(
  [{ source: 'nist1036', path: fileURLToPath(new URL('../dna/frequency-tables/nist1036_us_29loci_freqs.csv', import.meta.url)) }],
  registry,
  'nist1036/All',
);
const POPULATIONS = ['AfAm', 'Asian', 'Cauc', 'Hisp'].map((p) => tables.resolve(`nist1036/${p}`));
const AGENCIES = ['AG1', 'AG2', 'AG3'];
const KINDS: ProfileKind[] = ['offender', 'arrestee', 'forensic-unknown', 'missing-person', 'unidentified-remains'];

type Rec = StoredRecord<StoredDnaProfile>;

function storedRecord(id: string, profile: DnaProfile, ownerAgency: string, visibility: { agencies: string[]; allAgencies: boolean }, extra: { subjectId?: string; externalId?: string } = {}): Rec {
  return {
    id, kind: 'dna-profile', subjectId: extra.subjectId ?? '', ownerAgency, visibility,
    ...(extra.externalId !== undefined ? { externalId: extra.externalId } : {}),
    createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z', payload: toStoredProfile(profile),
  };
}

/** A store that holds nothing but these records (the gallery reads `count` and `scan` only). */
function sourceOf(records: Iterable<Rec> & { length?: number }, count: number): DnaRecordSource {
  return {
    count: () => count,
    *scan<P>(): Generator<StoredRecord<P>> {
      for (const r of records) yield r as unknown as StoredRecord<P>;
    },
  } as DnaRecordSource;
}

function metaOf(r: Rec): DnaRecordMeta {
  return {
    kind: r.payload.kind, ownerAgency: r.ownerAgency, visibleTo: r.visibility.agencies, visibleToAll: r.visibility.allAgencies,
    subjectId: r.subjectId, ...(r.externalId !== undefined ? { externalId: r.externalId } : {}),
  };
}

function clean<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

/** A child of two profiles: one allele from each at every locus both type. */
function child(a: DnaProfile, b: DnaProfile, random: () => number): DnaProfile {
  const loci: Record<string, string[]> = {};
  for (const [l, ga] of a.loci) {
    const gb = b.loci.get(l);
    if (gb === undefined || l === 'AMEL') continue;
    const pick = (d: string[]) => (d.length === 1 ? d[0] : d[random() < 0.5 ? 0 : 1]);
    loci[l] = [pick(genotypeDesignations(ga)), pick(genotypeDesignations(gb))];
  }
  return buildProfile({ loci, kind: 'relative-of-missing', relationship: 'parent-child' }, registry, { minTypedLoci: 0 });
}

/** The profile with its first `drop` loci left out and, when `change`, one allele at the last locus changed. */
function variant(p: DnaProfile, drop: number, change: boolean): DnaProfile {
  const entries = [...p.loci].slice(drop);
  const loci: Record<string, string[]> = Object.fromEntries(entries.map(([l, g]) => [l, genotypeDesignations(g)]));
  if (change) {
    const [l] = entries[entries.length - 2];
    loci[l] = [...loci[l].slice(0, 1), '99'];
  }
  return buildProfile({ loci, kind: p.kind }, registry, { minTypedLoci: 0 });
}

describe('DnaGallery', () => {
  const N = 3000;
  const synth = new SyntheticProfiles(registry, POPULATIONS, 11);
  const random = rng(12);
  const records: Rec[] = [];
  const profiles = new Map<string, DnaProfile>();
  let gallery: DnaGallery;
  let index: DnaIndex;
  let brute: BruteForceDnaSearch;
  const failedAdds: string[] = [];

  beforeAll(async () => {
    for (let i = 0; i < N; i++) {
      const owner = AGENCIES[i % 3];
      const agencies = AGENCIES.filter((a) => a !== owner && random() < 0.3);
      const p = synth.next(KINDS[i % KINDS.length]);
      // Some near-copies, so MODERATE, LOW and one-mismatch searches find several records.
      const profile = i % 10 === 9 ? variant(fromStoredProfile(records[i - 1].payload, registry), 0, true) : p;
      const rec = storedRecord(`rec-${i}`, { ...profile, kind: KINDS[i % KINDS.length] }, owner, { agencies, allAgencies: i % 7 === 0 }, { subjectId: i % 2 === 0 ? `subject-${i}` : '', ...(i % 3 === 0 ? { externalId: `lab-${i}` } : {}) });
      records.push(rec);
    }
    gallery = new DnaGallery({ registry, tables, onAddFailed: (id) => failedAdds.push(id) });
    await gallery.load(sourceOf(records, records.length));
    index = new DnaIndex({ registry, tables });
    brute = new BruteForceDnaSearch(registry, tables);
    for (const r of records) {
      const p = fromStoredProfile(r.payload, registry);
      profiles.set(r.id, p);
      index.add(r.id, p, metaOf(r));
      brute.add(r.id, p, metaOf(r));
    }
  });
  afterAll(async () => {
    await gallery?.close();
  });

  it('loads every record of the store', () => {
    expect(gallery.loaded()).toBe(true);
    expect(gallery.entries()).toBe(N);
    expect(failedAdds).toEqual([]);
  });

  it('answers HIGH, MODERATE and LOW exactly as the in-thread index and the brute-force oracle', async () => {
    let hits = 0;
    for (let q = 0; q < 12; q++) {
      const base = profiles.get(`rec-${(q * 251) % N}`) as DnaProfile;
      const query = variant(base, q % 3, q % 4 === 3);
      for (const stringency of STRINGENCIES) {
        for (const o of [
          { stringency, viewerAgency: AGENCIES[q % 3], minComparedLoci: 8 },
          { stringency, viewerAgency: AGENCIES[(q + 1) % 3], maxMismatches: 1, maxCandidates: 5, population: 'Cauc' },
        ]) {
          const got = await gallery.search(query, o);
          expect(clean(got)).toEqual(clean(index.search(query, o)));
          expect(clean(got)).toEqual(clean(brute.search(query, o)));
          hits += got.totalHits;
        }
      }
    }
    expect(hits).toBeGreaterThan(50);
  });

  it('answers kinship (parent-child, full sibling) exactly as the in-thread index and the oracle', async () => {
    let hits = 0;
    for (let q = 0; q < 8; q++) {
      const kid = child(profiles.get(`rec-${q * 13}`) as DnaProfile, profiles.get(`rec-${q * 13 + 1}`) as DnaProfile, random);
      for (const relationship of ['parent-child', 'full-sibling'] as const) {
        const o = { relationship, viewerAgency: AGENCIES[q % 3], minKinshipIndex: 10, minComparedLoci: 8 };
        const got = await gallery.kinshipSearch(kid, o);
        expect(clean(got)).toEqual(clean(index.kinshipSearch(kid, o)));
        expect(clean(got)).toEqual(clean(brute.kinshipSearch(kid, o)));
        hits += got.totalHits;
      }
    }
    expect(hits).toBeGreaterThan(0);
  });

  it('candidates carry the record id, subject id, external id and owner of the stored record', async () => {
    const r = records.find((x) => x.externalId !== undefined && x.subjectId !== '') as Rec;
    const res = await gallery.search(profiles.get(r.id) as DnaProfile, { stringency: 'high', viewerAgency: r.ownerAgency });
    const c = res.candidates.find((x) => x.recordId === r.id);
    expect(c).toMatchObject({ recordId: r.id, subjectId: r.subjectId, externalId: r.externalId, ownerAgency: r.ownerAgency });
  });

  it('a search sent after an add sees the record; one sent after a remove does not', async () => {
    const p = synth.next('suspect');
    const rec = storedRecord('added-1', p, 'AG2', { agencies: [], allAgencies: false }, { subjectId: 'S-1', externalId: 'X-1' });
    gallery.add(rec); // not awaited: the search below is sent after it
    const seen = await gallery.search(p, { stringency: 'high', viewerAgency: 'AG2' });
    expect(seen.candidates.map((c) => c.recordId)).toContain('added-1');
    expect(seen.candidates.find((c) => c.recordId === 'added-1')).toMatchObject({ subjectId: 'S-1', externalId: 'X-1', ownerAgency: 'AG2' });
    expect(gallery.entries()).toBe(N + 1);
    gallery.remove('added-1');
    const gone = await gallery.search(p, { stringency: 'high', viewerAgency: 'AG2' });
    expect(gone.candidates.map((c) => c.recordId)).not.toContain('added-1');
    expect(gallery.entries()).toBe(N);
  });

  it('one access rule: owner and listed agencies see a record, others do not; empty or malformed agencies see nothing', async () => {
    const p = synth.next('offender');
    gallery.add(storedRecord('shared-1', p, 'AG1', { agencies: ['AG2'], allAgencies: false }));
    const kid = child(p, profiles.get('rec-5') as DnaProfile, random);
    const sees = async (viewerAgency: string) => {
      const s = await gallery.search(p, { stringency: 'high', viewerAgency });
      const k = await gallery.kinshipSearch(kid, { relationship: 'parent-child', viewerAgency, minKinshipIndex: 1 });
      const inSearch = s.candidates.some((c) => c.recordId === 'shared-1');
      expect(k.candidates.some((c) => c.recordId === 'shared-1')).toBe(inSearch);
      return { inSearch, compared: s.compared, kinshipCompared: k.compared };
    };
    expect((await sees('AG1')).inSearch).toBe(true);
    expect((await sees('AG2')).inSearch).toBe(true);
    expect((await sees('AG3')).inSearch).toBe(false);
    for (const bad of ['', '*', ' AG1', 'AG1 ', 'AG1\n', 'a'.repeat(65)]) {
      expect(await sees(bad), JSON.stringify(bad)).toEqual({ inSearch: false, compared: 0, kinshipCompared: 0 });
    }
    // An untyped caller's missing viewer sees nothing either.
    const none = await gallery.search(p, { stringency: 'low' } as never);
    expect(none).toMatchObject({ candidates: [], totalHits: 0, compared: 0 });
    gallery.remove('shared-1');
  });

  it('an engine error in the thread comes back with its code and field', async () => {
    const p = profiles.get('rec-1') as DnaProfile;
    await expect(gallery.search(p, { stringency: 'high', viewerAgency: 'AG1', population: 'no-such-table' })).rejects.toMatchObject({
      code: ErrorCode.InvalidArgument, field: 'population',
    });
    const mixture = buildProfile({ loci: { ...Object.fromEntries([...p.loci].map(([l, g]) => [l, genotypeDesignations(g)])), TH01: ['6', '7', '8', '9'] }, kind: 'forensic-mixture' }, registry);
    const e = await gallery.kinshipSearch(mixture, { relationship: 'parent-child', viewerAgency: 'AG1' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EngineError);
    expect(e).toMatchObject({ code: ErrorCode.InvalidArgument, field: 'profile.kind' });
  });

  it('an aborted signal rejects with its reason; the gallery goes on serving', async () => {
    const p = profiles.get('rec-2') as DnaProfile;
    const before = new AbortController();
    before.abort(new EngineError(ErrorCode.Cancelled, 'the client cancelled the request'));
    await expect(gallery.search(p, { stringency: 'low', viewerAgency: 'AG1' }, before.signal)).rejects.toMatchObject({ code: ErrorCode.Cancelled });
    const during = new AbortController();
    const pending = gallery.kinshipSearch(p, { relationship: 'full-sibling', viewerAgency: 'AG1' }, during.signal);
    during.abort(new EngineError(ErrorCode.DeadlineExceeded, 'the deadline passed'));
    await expect(pending).rejects.toMatchObject({ code: ErrorCode.DeadlineExceeded });
    const after = await gallery.search(p, { stringency: 'high', viewerAgency: 'AG1' });
    expect(clean(after)).toEqual(clean(index.search(p, { stringency: 'high', viewerAgency: 'AG1' })));
  });

  it('after close, calls fail with UNAVAILABLE', async () => {
    const g = new DnaGallery({ registry, tables });
    await g.load(sourceOf(records.slice(0, 10), 10));
    expect(g.entries()).toBe(10);
    await g.close();
    expect(g.loaded()).toBe(false);
    await expect(g.search(profiles.get('rec-1') as DnaProfile, { stringency: 'high', viewerAgency: 'AG1' })).rejects.toMatchObject({ code: ErrorCode.Unavailable });
    expect(() => g.add(records[0])).toThrow(EngineError);
  });
});

describe('DnaGallery off the event loop', () => {
  // Load is bound by profile decoding in the index thread (~0.1 ms a record here), so this takes ~20 s.
  const N = 200_000;
  let gallery: DnaGallery;
  const synth = new SyntheticProfiles(registry, POPULATIONS, 21);
  const queries = Array.from({ length: 6 }, () => synth.next('forensic-unknown'));

  beforeAll(async () => {
    gallery = new DnaGallery({ registry, tables, initialCapacity: N });
    let i = 0;
    const records = { *[Symbol.iterator]() { for (; i < N; i++) yield storedRecord(`r${i}`, synth.next(), AGENCIES[i % 3], { agencies: [], allAgencies: i % 2 === 0 }); } };
    await gallery.load(sourceOf(records, N));
    await new Promise((res) => setTimeout(res, 200)); // let the load's garbage be collected before measuring
  }, 120_000);
  afterAll(async () => {
    await gallery?.close();
  });

  /**
   * Runs the LOW queries, round after round until the window has lasted at least 300 ms (a fast
   * machine scans them all in under 100 ms), timing the event loop meanwhile. `compared` is per round.
   */
  async function lowWindow(): Promise<{ elapsed: number; maxGap: number; utilization: number; compared: number }> {
    let maxGap = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
    }, 5);
    const elu = performance.eventLoopUtilization();
    const started = performance.now();
    let compared = 0;
    try {
      do {
        compared = 0;
        for (const q of queries) compared += (await gallery.search(q, { stringency: 'low', viewerAgency: 'AG1', minComparedLoci: 8 })).compared;
      } while (performance.now() - started < 300);
    } finally {
      clearInterval(timer);
    }
    const elapsed = performance.now() - started;
    return { elapsed, maxGap: Math.max(maxGap, performance.now() - last), utilization: performance.eventLoopUtilization(elu).utilization, compared };
  }

  it(`the event loop stays free (ticks at ≤ 50 ms gaps) while LOW searches scan ${N} profiles`, async () => {
    expect(gallery.entries()).toBe(N);
    let visibleToAg1 = 0;
    for (let i = 0; i < N; i++) if (i % 3 === 0 || i % 2 === 0) visibleToAg1++; // AG1's own, and the visible-to-all
    // Shared 2-core machines stall any process now and then (idle gaps of 50 ms were seen there),
    // and under other CPU-bound jobs the loop's own message handling took up to 0.55 of a window
    // (CI on a loaded machine, 2026-12-02); so both bounds are taken as the best of three windows.
    // A scan on this thread would hold the loop for the whole of every window (utilisation ≈ 1,
    // gaps of a whole scan), so the test still fails for it.
    const windows = [];
    for (let w = 0; w < 3; w++) {
      const window = await lowWindow();
      expect(window.compared).toBe(queries.length * visibleToAg1);
      windows.push(window);
      if (window.maxGap <= 50 && window.utilization < 0.5) break;
    }
    console.log(windows.map((w) => `${queries.length} LOW searches over ${N} profiles: ${w.elapsed.toFixed(0)} ms; longest event-loop gap ${w.maxGap.toFixed(1)} ms; loop utilisation ${w.utilization.toFixed(2)}`).join('\n'));
    expect(Math.min(...windows.map((w) => w.utilization))).toBeLessThan(0.5);
    expect(Math.min(...windows.map((w) => w.maxGap))).toBeLessThanOrEqual(50);
  });

  it('an aborted LOW search rejects at once with the reason, and the thread goes on to the next request', async () => {
    const q = queries[0];
    const controller = new AbortController();
    const pending = gallery.search(q, { stringency: 'low', viewerAgency: 'AG1' }, controller.signal);
    // Aborted before the thread can have answered (an answer needs a message, a later macrotask):
    // waiting a few milliseconds first made this flaky on a loaded machine, where the timer fired
    // after the search had already finished.
    let settled = false;
    pending.catch(() => { settled = true; });
    const t1 = performance.now();
    controller.abort(new EngineError(ErrorCode.DeadlineExceeded, 'the deadline passed'));
    // Rejected within the same turn of the event loop: no answer from the thread is awaited.
    await Promise.resolve();
    await Promise.resolve();
    expect(settled).toBe(true);
    await expect(pending).rejects.toMatchObject({ code: ErrorCode.DeadlineExceeded });
    const t2 = performance.now();
    const next = await gallery.search(q, { stringency: 'high', viewerAgency: 'AG1' });
    expect(next.compared).toBeGreaterThan(0);
    console.log(`abort answered after ${(t2 - t1).toFixed(1)} ms; the next HIGH search after ${(performance.now() - t2).toFixed(0)} ms`);
  });
});
