import { describe, expect, it } from 'vitest';
import type { FingerprintTemplate } from '../template.js';
import { ExactCandidateIndex } from './exact-candidate-index.js';
import { fingerVector, fingerVectorDimension } from './finger-vector.js';
import { FingerprintIdentifier, type ReRanker } from './fingerprint-identifier.js';
import { HnswCandidateIndex } from './hnsw-candidate-index.js';

/** Deterministic test templates: a random minutiae set per finger, impressions jittered and rotated. */
function finger(seed: number, impression: number): FingerprintTemplate {
  let a = seed * 7919 + 13;
  const rand = () => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
  const base = Array.from({ length: 35 }, () => ({ x: 40 + rand() * 220, y: 40 + rand() * 320, d: rand() * 2 * Math.PI }));
  let b = impression * 104729 + seed;
  const jitter = () => {
    b = (b * 1103515245 + 12345) % 2147483648;
    return b / 2147483648 - 0.5;
  };
  const r = impression * 0.1;
  return {
    width: 300,
    height: 400,
    resolutionPpi: 500,
    singularPoints: [],
    minutiae: base.map((m) => ({
      x: 150 + (m.x - 150) * Math.cos(r) + (m.y - 200) * Math.sin(r) + 3 * jitter() + impression * 5,
      y: 200 - (m.x - 150) * Math.sin(r) + (m.y - 200) * Math.cos(r) + 3 * jitter(),
      direction: (m.d + r + 0.05 * jitter() + 2 * Math.PI) % (2 * Math.PI),
      type: 'ending' as const,
      quality: 50,
    })),
  };
}

/**
 * TEST DOUBLE, not a matcher: scores a candidate by the cosine of finger vectors (enough to
 * separate these synthetic fingers) and invents one pair so the shape is exercised. It stands in
 * for the MCC matcher (engine/fingerprint/identification/matcher-re-ranker.ts), which the bench uses.
 */
function standInReRanker(gallery: Map<string, FingerprintTemplate>): ReRanker & { calls: string[][] } {
  const calls: string[][] = [];
  const fn = ((probe: FingerprintTemplate, ids: readonly string[]) => {
    calls.push([...ids]);
    const pv = fingerVector(probe);
    return ids.flatMap((id) => {
      const t = gallery.get(id);
      if (!t) return [];
      const cv = fingerVector(t);
      const score = pv.reduce((s, x, k) => s + x * cv[k], 0);
      return [{ id, score, pairs: [{ probe: 0, candidate: 0, similarity: score }] }];
    });
  }) as ReRanker & { calls: string[][] };
  fn.calls = calls;
  return fn;
}

function setUp(kind: 'exact' | 'hnsw') {
  const gallery = new Map<string, FingerprintTemplate>();
  for (let f = 0; f < 60; f++) gallery.set(`f${f}`, finger(f, 0));
  const index = kind === 'exact' ? new ExactCandidateIndex(fingerVectorDimension()) : new HnswCandidateIndex(fingerVectorDimension());
  const reRank = standInReRanker(gallery);
  const identifier = new FingerprintIdentifier(index, reRank);
  for (const [id, t] of gallery) identifier.enroll(id, t);
  return { gallery, identifier, reRank };
}

describe.each(['exact', 'hnsw'] as const)('FingerprintIdentifier over the %s index', (kind) => {
  it('ranks the mate first, 1-based ranks, scores descending, configurable length', () => {
    const { identifier } = setUp(kind);
    const r = identifier.identify(finger(17, 2), { maxCandidates: 5, shortlistLength: 20 });
    expect(r.candidates).toHaveLength(5);
    expect(r.candidates[0].id).toBe('f17');
    expect(r.candidates.map((c) => c.rank)).toEqual([1, 2, 3, 4, 5]);
    for (let i = 1; i < 5; i++) expect(r.candidates[i].score).toBeLessThanOrEqual(r.candidates[i - 1].score);
    expect(r.candidates[0].pairs.length).toBeGreaterThan(0);
    expect(r.compared).toBe(20);
    expect(Number.isFinite(r.candidates[0].indexSimilarity)).toBe(true);
    expect(r.candidates[0].retrieval).toBe('index');
  });

  it('exhaustive mode re-ranks every live record', () => {
    const { identifier, reRank } = setUp(kind);
    const r = identifier.identify(finger(3, 1), { exhaustive: true, maxCandidates: 3 });
    expect(r.compared).toBe(60);
    expect(reRank.calls.at(-1)).toHaveLength(60);
    expect(r.candidates[0].id).toBe('f3');
    expect(Number.isNaN(r.candidates[0].indexSimilarity)).toBe(true);
    expect(r.candidates[0].retrieval).toBe('exhaustive');
  });

  it('a deleted record leaves the candidate list at once, in both modes', () => {
    const { identifier } = setUp(kind);
    expect(identifier.delete('f17')).toBe(true);
    for (const exhaustive of [false, true]) {
      const r = identifier.identify(finger(17, 2), { exhaustive, maxCandidates: 60, shortlistLength: 60 });
      expect(r.candidates.some((c) => c.id === 'f17')).toBe(false);
    }
  });

  it('minScore and filter restrict the list', () => {
    const { identifier } = setUp(kind);
    const all = identifier.identify(finger(5, 1), { maxCandidates: 60, shortlistLength: 60 });
    const cut = all.candidates[2].score;
    const r = identifier.identify(finger(5, 1), { maxCandidates: 60, shortlistLength: 60, minScore: cut });
    expect(r.candidates.every((c) => c.score >= cut)).toBe(true);
    expect(r.totalHits).toBe(r.candidates.length);
    const odd = identifier.identify(finger(5, 1), { filter: (id) => Number(id.slice(1)) % 2 === 1, maxCandidates: 10 });
    expect(odd.candidates[0].id).toBe('f5');
    expect(odd.candidates.every((c) => Number(c.id.slice(1)) % 2 === 1)).toBe(true);
  });

  it('refuses a bad list length with INVALID_ARGUMENT naming the field', () => {
    const { identifier } = setUp(kind);
    expect(() => identifier.identify(finger(1, 1), { maxCandidates: 0 })).toThrow(/max_candidates/);
  });
});
