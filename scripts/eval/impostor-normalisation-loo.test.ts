import { describe, expect, it } from 'vitest';
import type { PairFigures } from './eer-pairs.js';
import { type ImpostorRow, fitImpostorModel, normalisedScore, trainingRows } from './impostor-normalisation-loo.js';

/** Impostors whose scores rise with the candidate's minutiae count (more opportunity, higher chance scores), from a fixed LCG. */
function impostors(n: number): ImpostorRow[] {
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: n }, () => {
    const cn = 15 + Math.floor(rand() * 80), pn = 20 + Math.floor(rand() * 60);
    const po = Math.floor(pn * (0.3 + 0.7 * rand())), co = Math.floor(cn * (0.3 + 0.7 * rand()));
    return { score: 0.0004 * cn * rand() ** 3, opportunity: { probeMinutiae: pn, candidateMinutiae: cn, probeOverlap: po, candidateOverlap: co }, weight: 1 };
  });
}

const pair = (score: number, nProbe: number, nCandidate: number, probeInside: number, candidateInside: number): PairFigures =>
  ({ score, nProbe, nCandidate, probeInside, candidateInside } as PairFigures);

describe('tenprint impostor-only normalisation study', () => {
  const rows = impostors(3000);
  for (const form of ['primary', 'location'] as const) {
    const model = fitImpostorModel(rows, form);
    it(`${form}: the normalised score is monotone in the score for a fixed opportunity`, () => {
      for (const [pn, cn, po, co] of [[20, 15, 6, 5], [40, 60, 30, 40], [80, 95, 80, 95], [5, 200, 0, 0]]) {
        let last = -1;
        for (let s = 0; s <= 1; s += 0.005) {
          const v = normalisedScore(model)(pair(s, pn, cn, po, co));
          expect(v).toBeGreaterThanOrEqual(last);
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
          last = v;
        }
      }
    });
    it(`${form}: lowers a score more where impostors have more opportunity`, () => {
      const f = normalisedScore(model);
      expect(f(pair(0.02, 50, 90, 40, 70))).toBeLessThan(f(pair(0.02, 50, 20, 40, 15)));
    });
  }

  it('is neutral without a model, and for an empty side', () => {
    const model = fitImpostorModel(rows, 'primary');
    for (const s of [0, 0.013, 0.5, 1]) expect(normalisedScore(null)(pair(s, 40, 50, 30, 30))).toBe(s);
    expect(normalisedScore(model)(pair(0.3, 0, 50, 0, 0))).toBe(0.3);
  });

  it('trains on the other sets only, within-set and cross-set blocks weighted equally', () => {
    const block = (tag: number, n: number) => Array.from({ length: n }, () => pair(tag, 30, 30, 20, 20));
    const tagOf = (i: number, j: number) => 0.5 + 0.01 * (4 * i + j);
    const within = [block(0, 10), block(0.1, 20), block(0.2, 30), block(0.3, 40)];
    const cross = new Map<string, PairFigures[]>();
    for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) cross.set(`${i}-${j}`, block(tagOf(i, j), 5 * (i + j)));
    const r = trainingRows(1, within, cross);
    const tags = new Set(r.map((x) => x.score));
    // Nothing of set 1: neither its own impostors nor a cross-set block with it.
    for (const t of [0.1, tagOf(0, 1), tagOf(1, 2), tagOf(1, 3)]) expect(tags.has(t)).toBe(false);
    for (const t of [0, 0.2, 0.3, tagOf(0, 2), tagOf(0, 3), tagOf(2, 3)]) expect(tags.has(t)).toBe(true);
    expect(r.length).toBe(10 + 30 + 40 + 10 + 15 + 25);
    // Six blocks, each summing to weight 1.
    for (const t of tags) expect(r.filter((x) => x.score === t).reduce((a, x) => a + x.weight, 0)).toBeCloseTo(1, 9);
  });
});
