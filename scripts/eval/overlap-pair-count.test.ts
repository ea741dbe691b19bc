import { describe, expect, it } from 'vitest';
import { scorePairCount } from '../../engine/fingerprint/matching/consolidation.js';
import type { PairFigures } from './eer-pairs.js';
import { overlapPairScore } from './overlap-pair-count.js';

const sims = [0.028, 0.027, 0.023, 0.021, 0.02, 0.012, 0.0095, 0.0065, 0.005, 0.0043, 0.0043, 0.0041];
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const pair = (over: Partial<PairFigures>): PairFigures => ({
  probe: 'a', candidate: 'b', score: mean(sims) * 1.2, minutiaeScore: mean(sims), agreement: 0.9, overlap: 13, pairs: 12, inliers: 6, nProbe: 39, nCandidate: 29,
  probeInside: 11, candidateInside: 9, probeAgreeing: 0, candidateAgreeing: 0, probeCore: 0, candidateCore: 0, inlierQuality: 0, meanSimilarity: mean(sims),
  similarities: sims, consensus: true, pairQuality: 0, ridgeCompared: 0, ridgeAgree: 0, ridgeExact: 0, coreDistance: null, ...over,
});

describe('overlapPairScore', () => {
  it('is the shipped score at k = ∞, without a consensus, and where the overlap asks for every pair', () => {
    expect(overlapPairScore(pair({}), Infinity)).toBe(pair({}).score);
    expect(overlapPairScore(pair({ consensus: false }), 0)).toBe(pair({}).score);
    expect(overlapPairScore(pair({ probeInside: 40, candidateInside: 40 }), 0)).toBe(pair({}).score);
  });
  it('averages the nP\' most similar pairs, nP\' from the smaller inside count plus k, and keeps the cue\'s factor', () => {
    const n = scorePairCount(9 + 4);
    expect(n).toBeLessThan(12);
    const got = overlapPairScore(pair({ similarities: [...sims].reverse() }), 4);
    expect(got).toBeCloseTo(mean(sims.slice(0, n)) * 1.2, 12);
    expect(got).toBeGreaterThan(pair({}).score);
  });
});
