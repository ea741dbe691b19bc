import { describe, expect, it } from 'vitest';
import type { PairFigures } from './eer-pairs.js';
import { powerMeanScore } from './power-mean-score.js';

// docs/decisions/power-mean-score.md: the chosen pairs' similarities aggregated by a power mean.
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const pair = (similarities: number[], factor = 1.2) => ({ score: mean(similarities) * factor, minutiaeScore: mean(similarities), similarities }) as PairFigures;

describe('powerMeanScore', () => {
  it('is the shipped score at p 1 and without pairs', () => {
    const c = pair([0.03, 0.01, 0.005]);
    expect(powerMeanScore(c, 1)).toBe(c.score);
    expect(powerMeanScore({ score: 0, minutiaeScore: 0, similarities: [] } as unknown as PairFigures, 3)).toBe(0);
  });
  it('is the power mean times the cue factor: equal similarities keep their score, a few strong pairs gain over many middling ones', () => {
    const flat = pair([0.02, 0.02, 0.02, 0.02]);
    expect(powerMeanScore(flat, 3)).toBeCloseTo(flat.score, 12);
    expect(powerMeanScore(pair([0.04, 0.02], 1), 2)).toBeCloseTo(Math.sqrt((0.04 ** 2 + 0.02 ** 2) / 2), 12);
    // Same arithmetic mean: the spread-out pairs (a genuine pattern) rise above the even ones (a same-class impostor).
    const strongFew = pair([0.034, 0.03, 0.028, 0.004, 0.002, 0.002]);
    const evenMany = pair([0.018, 0.017, 0.017, 0.016, 0.016, 0.016]);
    expect(strongFew.score).toBeCloseTo(evenMany.score, 12);
    expect(powerMeanScore(strongFew, 2)).toBeGreaterThan(powerMeanScore(evenMany, 2));
    expect(powerMeanScore(strongFew, 4) / strongFew.score).toBeGreaterThan(powerMeanScore(strongFew, 2) / strongFew.score);
  });
  it('never exceeds 1', () => {
    expect(powerMeanScore(pair([0.9, 0.95], 1.5), 4)).toBeLessThanOrEqual(1);
  });
});
