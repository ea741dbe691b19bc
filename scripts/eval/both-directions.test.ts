import { describe, expect, it } from 'vitest';
import { combine, genuineAtOrBelowTopImpostor } from './both-directions.js';

// scripts/eval/both-directions.ts: the tenprint score taken both ways round.
describe('both directions', () => {
  it('combines the two directions as named', () => {
    expect(combine(0.02, 0.03, 'forward')).toBe(0.02);
    expect(combine(0.02, 0.03, 'backward')).toBe(0.03);
    expect(combine(0.02, 0.03, 'mean')).toBeCloseTo(0.025, 15);
    expect(combine(0.02, 0.03, 'max')).toBe(0.03);
  });
  it('counts the genuine scores at or below the top impostor (a tie counts against the pair)', () => {
    expect(genuineAtOrBelowTopImpostor([0.5, 0.02, 0.0231, 0.01], [0.001, 0.0231, 0.015])).toBe(3);
    expect(genuineAtOrBelowTopImpostor([0.5, 0.3], [0.02])).toBe(0);
  });
});
