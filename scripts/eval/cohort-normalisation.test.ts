import { describe, expect, it } from 'vitest';
import { cohortStats, galleryStatsOf, SIGMA_FLOOR, sNorm } from './cohort-normalisation.js';

// docs/decisions/cohort-score-normalisation.md: the symmetric adaptive S-norm against a cohort.
describe('cohortStats', () => {
  it('takes the mean and population standard deviation of the K highest scores, the whole cohort when K exceeds it', () => {
    const s = cohortStats([0.001, 0.02, 0.01, 0.03, 0.0], [2, 3, 10]);
    expect(s.get(2)!.mean).toBeCloseTo(0.025, 12);
    expect(s.get(2)!.sd).toBeCloseTo(0.005, 12);
    expect(s.get(3)!.mean).toBeCloseTo(0.02, 12);
    expect(s.get(10)!.mean).toBeCloseTo(0.0122, 12);
    expect(s.has(0)).toBe(false);
  });
  it('floors σ so that a flat cohort does not divide by zero', () => {
    expect(cohortStats([0, 0, 0], [3]).get(3)!.sd).toBe(SIGMA_FLOOR);
    expect(() => cohortStats([], [3])).toThrow(/no scores/);
  });
});

describe('sNorm', () => {
  const wolf = cohortStats([0.02, 0.018, 0.016, 0.001], [3]);
  const lamb = cohortStats([0.006, 0.005, 0.004, 0.0], [3]);
  it('is the raw score at K 0', () => {
    expect(sNorm(0.0231, wolf, lamb, 0)).toBe(0.0231);
  });
  it('is the mean of both sides\' z-scores, symmetric, and puts a wolf\'s high score below a lamb\'s lower one', () => {
    const z = (s: number, st: typeof wolf) => (s - st.get(3)!.mean) / st.get(3)!.sd;
    expect(sNorm(0.02, wolf, lamb, 3)).toBeCloseTo((z(0.02, wolf) + z(0.02, lamb)) / 2, 12);
    expect(sNorm(0.02, wolf, lamb, 3)).toBeCloseTo(sNorm(0.02, lamb, wolf, 3), 12);
    expect(sNorm(0.022, wolf, wolf, 3)).toBeLessThan(sNorm(0.012, lamb, lamb, 3));
  });
  it('refuses a K it has no statistics for', () => {
    expect(() => sNorm(0.01, wolf, lamb, 50)).toThrow(/missing at K 50/);
  });
});

describe('galleryStatsOf', () => {
  // Three fingers, two impressions each; print i's score against print q is all[i][q].
  const files = ['1_1.tif', '1_2.tif', '2_1.tif', '2_2.tif', '3_1.tif', '3_2.tif'];
  const all = files.map((_, i) => files.map((__, q) => (i === q ? 1 : 0.001 * (q + 1) + 0.0001 * i)));
  it('takes print i\'s scores against the prints of every finger that is neither i\'s nor j\'s', () => {
    const st = galleryStatsOf(all, files, [10]);
    // 1_1 against 2_1: only finger 3 (columns 4, 5) remains.
    expect(st(0, 2).get(10)!.mean).toBeCloseTo((0.005 + 0.006) / 2, 12);
    // 2_2 against 1_2: finger 3 again, from row 3.
    expect(st(3, 1).get(10)!.mean).toBeCloseTo((0.005 + 0.006) / 2 + 0.0003, 12);
    // 1_1 against its own finger's impression: fingers 2 and 3 remain.
    expect(st(0, 1).get(10)!.mean).toBeCloseTo((0.003 + 0.004 + 0.005 + 0.006) / 4, 12);
  });
});
