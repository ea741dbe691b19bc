import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineError, ErrorCode } from '../../errors.js';
import type { CandidateIndex } from './candidate-index.js';
import { ExactCandidateIndex } from './exact-candidate-index.js';
import { HnswCandidateIndex } from './hnsw-candidate-index.js';
import { idsPath, metadataPath } from './index-files.js';
import { HNSW } from './parameters.js';

const dir = mkdtempSync(join(tmpdir(), 'biomatch-index-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Seeded vectors: clustered, like finger vectors of many fingers with a few impressions each. */
function vectors(n: number, dim: number, seed: number): number[][] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  const centres = Array.from({ length: Math.ceil(n / 4) }, () => Array.from({ length: dim }, rand));
  return Array.from({ length: n }, (_, i) => centres[i % centres.length].map((c) => c + 0.3 * rand()));
}

const DIM = 48;
const data = vectors(3000, DIM, 7);
const queries = vectors(100, DIM, 8);

function fill(index: CandidateIndex): void {
  data.forEach((v, i) => index.add(`r${i}`, v));
}

describe('ExactCandidateIndex', () => {
  it('returns the true nearest neighbours by cosine, best first', () => {
    const exact = new ExactCandidateIndex(DIM, 16); // grows past its initial capacity
    fill(exact);
    const q = queries[0];
    const hits = exact.search(q, 5);
    const cos = (v: number[]) => v.reduce((s, x, k) => s + x * q[k], 0) / Math.hypot(...v) / Math.hypot(...q);
    const truth = data.map((v, i) => ({ id: `r${i}`, s: cos(v) })).sort((a, b) => b.s - a.s).slice(0, 5);
    expect(hits.map((h) => h.id)).toEqual(truth.map((t) => t.id));
    expect(hits[0].similarity).toBeCloseTo(truth[0].s, 5);
  });
});

describe('HnswCandidateIndex against the exact oracle', () => {
  it('finds ≥ 95% of the exact top-10 on 3000 clustered vectors (small initial capacity: resizes)', () => {
    const exact = new ExactCandidateIndex(DIM);
    const hnsw = new HnswCandidateIndex(DIM, { initialCapacity: 64, efSearch: 100 });
    fill(exact);
    fill(hnsw);
    expect(hnsw.size).toBe(3000);
    expect(hnsw.capacity).toBeGreaterThanOrEqual(3000);
    let found = 0;
    for (const q of queries) {
      const truth = new Set(exact.search(q, 10).map((h) => h.id));
      found += hnsw.search(q, 10).filter((h) => truth.has(h.id)).length;
    }
    expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.95);
  });

  it('storedVector gives back the normalised vector the graph holds, undefined for unknown ids', () => {
    const hnsw = new HnswCandidateIndex(DIM, { initialCapacity: 16 });
    hnsw.add('a', data[0]);
    hnsw.add('b', data[1]);
    const norm = Math.hypot(...data[1]);
    const got = hnsw.storedVector('b') as number[];
    expect(got).toHaveLength(DIM);
    got.forEach((x, i) => expect(x).toBeCloseTo(data[1][i] / norm, 5));
    expect(hnsw.storedVector('nope')).toBeUndefined();
    hnsw.remove('b');
    expect(hnsw.storedVector('b')).toBeUndefined();
  });

  it('re-adding an id with its vector changes nothing; with a new vector it takes a fresh element, not an in-place update', () => {
    // hnswlib's in-place update costs 15–20× an insert (bench/hnsw-update.bench.ts): a re-enrolled
    // gallery queued minutes of it ahead of every search (docs/measurements/batch.md, the stall).
    const hnsw = new HnswCandidateIndex(DIM, { initialCapacity: 64 });
    data.slice(0, 40).forEach((v, i) => hnsw.add(`r${i}`, v));
    expect(hnsw.elements).toBe(40);
    data.slice(0, 40).forEach((v, i) => hnsw.add(`r${i}`, v.slice()));
    expect(hnsw.elements).toBe(40);
    expect(hnsw.size).toBe(40);
    hnsw.add('r3', data[500]);
    expect(hnsw.elements).toBe(41);
    expect(hnsw.size).toBe(40);
    expect(hnsw.search(data[500], 1)[0].id).toBe('r3');
    expect(hnsw.search(data[3], 40).some((h) => h.id === 'r3' && h.similarity > 0.9999)).toBe(false);
    // Once the graph is full, deleted elements are reused rather than grown past.
    for (let i = 40; hnsw.elements < hnsw.capacity; i++) hnsw.add(`r${i}`, data[i]);
    const capacity = hnsw.capacity;
    hnsw.add('r5', data[600]);
    expect(hnsw.capacity).toBe(capacity);
    expect(hnsw.search(data[600], 1)[0].id).toBe('r5');
  });
});

describe.each([
  ['exact', () => new ExactCandidateIndex(DIM, 8)],
  ['hnsw', () => new HnswCandidateIndex(DIM, { initialCapacity: 8 })],
] as const)('%s index: delete semantics and persistence', (kind, make) => {
  it('a removed record disappears from results at once; re-adding brings it back', () => {
    const index = make();
    data.slice(0, 300).forEach((v, i) => index.add(`r${i}`, v));
    const q = data[42];
    expect(index.search(q, 1)[0].id).toBe('r42');
    expect(index.remove('r42')).toBe(true);
    expect(index.remove('r42')).toBe(false);
    expect(index.has('r42')).toBe(false);
    expect(index.size).toBe(299);
    expect(index.search(q, 300).some((h) => h.id === 'r42')).toBe(false);
    // Slot reuse must not resurrect the removed id under another record.
    index.add('new', data[500]);
    expect(index.search(q, 300).some((h) => h.id === 'r42')).toBe(false);
    expect(index.search(data[500], 1)[0].id).toBe('new');
    index.add('r42', q);
    expect(index.search(q, 1)[0].id).toBe('r42');
    expect(index.size).toBe(301);
  });

  it('replacing a vector under the same id keeps one record', () => {
    const index = make();
    index.add('a', data[0]);
    index.add('b', data[1]);
    index.add('a', data[2]);
    expect(index.size).toBe(2);
    expect(index.search(data[2], 1)[0].id).toBe('a');
  });

  it('refuses a vector of the wrong length or with NaN (INVALID_ARGUMENT, no data in the message)', () => {
    const index = make();
    expect(() => index.add('x', [1, 2, 3])).toThrow(EngineError);
    const bad = data[0].slice();
    bad[3] = Number.NaN;
    try {
      index.add('x', bad);
      expect.unreachable();
    } catch (e) {
      expect((e as EngineError).code).toBe(ErrorCode.InvalidArgument);
      expect((e as EngineError).field).toBe('vector');
    }
  });

  it('save/load round-trips ids, vectors and deletions', () => {
    const index = make();
    data.slice(0, 500).forEach((v, i) => index.add(`r${i}`, v));
    index.remove('r7');
    const path = join(dir, `${kind}-roundtrip.idx`);
    index.save(path);
    expect(existsSync(metadataPath(path))).toBe(true);
    const loaded = kind === 'exact' ? ExactCandidateIndex.load(path) : HnswCandidateIndex.load(path);
    expect(loaded.size).toBe(499);
    expect(loaded.has('r7')).toBe(false);
    for (const i of [0, 13, 250, 499]) {
      expect(loaded.search(data[i], 1)[0].id).toBe(`r${i}`);
    }
    expect(loaded.search(data[7], 499).some((h) => h.id === 'r7')).toBe(false);
    // The loaded index keeps working: adds reuse deleted slots, searches see them.
    loaded.add('later', data[900]);
    expect(loaded.search(data[900], 1)[0].id).toBe('later');
  });

  it('a corrupt, truncated or incomplete index is refused with FAILED_PRECONDITION, not a crash', () => {
    const index = make();
    data.slice(0, 200).forEach((v, i) => index.add(`r${i}`, v));
    const load = (p: string) => (kind === 'exact' ? ExactCandidateIndex.load(p) : HnswCandidateIndex.load(p));
    const expectRefused = (p: string, reason: RegExp) => {
      try {
        load(p);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(EngineError);
        expect((e as EngineError).code).toBe(ErrorCode.FailedPrecondition);
        expect((e as EngineError).message).toMatch(reason);
      }
    };
    const flipped = join(dir, `${kind}-flipped.idx`);
    index.save(flipped);
    const bytes = readFileSync(flipped);
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    writeFileSync(flipped, bytes);
    expectRefused(flipped, /checksum mismatch/);

    const truncated = join(dir, `${kind}-truncated.idx`);
    index.save(truncated);
    writeFileSync(truncated, readFileSync(truncated).subarray(0, 100));
    expectRefused(truncated, /checksum mismatch/);

    const noIds = join(dir, `${kind}-noids.idx`);
    index.save(noIds);
    rmSync(idsPath(noIds));
    expectRefused(noIds, /missing file/);

    const garbageMeta = join(dir, `${kind}-meta.idx`);
    index.save(garbageMeta);
    writeFileSync(metadataPath(garbageMeta), '{not json');
    expectRefused(garbageMeta, /metadata is not valid JSON/);

    expectRefused(join(dir, 'never-saved.idx'), /missing file/);
  });
});

describe('index kinds are not confused', () => {
  it('an exact index file is refused by the HNSW loader', () => {
    const exact = new ExactCandidateIndex(DIM);
    exact.add('a', data[0]);
    const path = join(dir, 'kind.idx');
    exact.save(path);
    expect(() => HnswCandidateIndex.load(path)).toThrow(/not hnsw/);
  });

  it('a loaded HNSW index searches with the current efSearch default, not the saved one', () => {
    const index = new HnswCandidateIndex(DIM, { efSearch: 7 });
    data.slice(0, 50).forEach((v, i) => index.add(`r${i}`, v));
    const path = join(dir, 'ef.hnsw');
    index.save(path);
    expect(HnswCandidateIndex.load(path).options.efSearch).toBe(HNSW.efSearch);
    expect(HnswCandidateIndex.load(path, { efSearch: 300 }).options.efSearch).toBe(300);
  });

  it('an HNSW index built from other vectors is refused, so the service rebuilds it', () => {
    const old = new HnswCandidateIndex(DIM, { vectorId: 'vectors-v1' });
    old.add('a', data[0]);
    const path = join(dir, 'vector-id.idx');
    old.save(path);
    expect(HnswCandidateIndex.load(path, { vectorId: 'vectors-v1' }).size).toBe(1);
    try {
      HnswCandidateIndex.load(path, { vectorId: 'vectors-v2' });
      expect.unreachable('loaded an index built from other vectors');
    } catch (e) {
      expect((e as EngineError).code).toBe(ErrorCode.FailedPrecondition);
      expect((e as Error).message).toMatch(/built from vectors "vectors-v1".*"vectors-v2"/);
    }
  });
});
