import { describe, expect, it } from 'vitest';
import { mulberry32 as rng } from '../../fixtures/seeded-random.js';
import type { PairFigures } from './eer-pairs.js';
import { type Sample, fitLogistic, fusedScore } from './score-fusion.js';

/** Standard normal draws (Box–Muller) from a seeded generator. */
function normal(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** Samples of a known logistic model: P(genuine | x) = σ(1.5 x₀ − 0.5 x₁ + 1.8), x₁ on another scale (mean 3, sd 4). */
function drawn(n: number, seed: number): Sample[] {
  const r = rng(seed);
  const out: Sample[] = [];
  for (let i = 0; i < n; i++) {
    const x = [normal(r), 3 + 4 * normal(r)];
    const t = 1.5 * x[0] - 0.5 * x[1] + 1.8;
    out.push({ x, genuine: r() < 1 / (1 + Math.exp(-t)) });
  }
  return out;
}

const pair = (over: Partial<PairFigures>): PairFigures => ({
  probe: 'a', candidate: 'b', score: 0.05, minutiaeScore: 0.04, agreement: 0.9, overlap: 40, pairs: 10, inliers: 8, nProbe: 40, nCandidate: 40,
  probeInside: 20, candidateInside: 22, probeAgreeing: 18, candidateAgreeing: 20, probeCore: 15, candidateCore: 16, inlierQuality: 60, meanSimilarity: 0.5, similarities: [], consensus: true, pairQuality: 60, ridgeCompared: 0, ridgeAgree: 0, ridgeExact: 0, coreDistance: null, ...over,
});

describe('score fusion study', () => {
  it('recovers the slopes of a known logistic model in the features\' own units (class balancing moves only the bias)', () => {
    const m = fitLogistic(drawn(20000, 7), ['x0', 'x1'], 1e-6);
    expect(Math.abs(m.weights[0] - 1.5)).toBeLessThan(0.12);
    expect(Math.abs(m.weights[1] - -0.5)).toBeLessThan(0.05);
  });

  it('shrinks the weights as λ grows', () => {
    const s = drawn(4000, 11);
    const norm = (l: number) => Math.hypot(...fitLogistic(s, ['x0', 'x1'], l).weights);
    expect(norm(1)).toBeLessThan(norm(0.1));
    expect(norm(0.1)).toBeLessThan(norm(1e-4));
  });

  it('scores a comparison without pairs lowest, and ranks by the model otherwise', () => {
    const model = { names: ['logS', 'A'], weights: [1, 2], bias: 0 };
    expect(fusedScore(model, pair({ minutiaeScore: 0, agreement: 1 }))).toBe(Number.NEGATIVE_INFINITY);
    // ln s + 2 A is today's fused score up to a constant: the order of two comparisons is the same.
    const a = pair({ minutiaeScore: 0.03, agreement: 0.95 }), b = pair({ minutiaeScore: 0.04, agreement: 0.7 });
    const today = (c: PairFigures) => c.minutiaeScore * Math.exp(2 * (c.agreement - 0.82));
    expect(Math.sign(fusedScore(model, a) - fusedScore(model, b))).toBe(Math.sign(today(a) - today(b)));
  });
});
