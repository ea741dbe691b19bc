import { describe, expect, it } from 'vitest';
import { beatsMate, projectedRank1, quantile } from './background-realism.js';

describe('background realism summaries', () => {
  it('counts ties as beating the mate (strict rank)', () => {
    expect(beatsMate(0.5, [0.1, 0.5, 0.7, 0.49])).toBe(2);
  });

  it('projects (1 − p)^N per mark and zeroes marks another mate already beats', () => {
    expect(projectedRank1([0, 0.5], 1)).toBeCloseTo(0.75, 12);
    expect(projectedRank1([0, 0.5], 2)).toBeCloseTo(0.625, 12);
    expect(projectedRank1([0, 0.5], 2, [true, false])).toBeCloseTo(0.125, 12);
    expect(projectedRank1([0.01], 1000)).toBeCloseTo(0.99 ** 1000, 12);
  });

  it('takes nearest-rank quantiles', () => {
    const v = [5, 1, 4, 2, 3];
    expect(quantile(v, 0.5)).toBe(3);
    expect(quantile(v, 0.9)).toBe(5);
    expect(quantile(v, 0)).toBe(1);
    expect(quantile(v, 1)).toBe(5);
  });
});
