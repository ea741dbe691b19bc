import { describe, expect, it } from 'vitest';
import { thresholds } from '../../engine/fingerprint/matching/thresholds.js';
import { sizeAwareCurve, thresholdForMinutiae } from './size-curve.js';

const base = { fmr1: 0.02, fmr01: 0.03, fmr001: 0.04 };

describe('sizeAwareCurve', () => {
  it('never falls below the base and never rises with the minutiae count', () => {
    const curve = sizeAwareCurve([6, 10, 20], { fmr1: [0.05, 0.06, 0.01], fmr01: [0.08, 0.02, 0.01], fmr001: [0.1, 0.09, 0.041] }, base);
    // fmr1: 0.06 at 10 lifts 6 to 0.06; 20 measured under the base keeps the base.
    expect(curve.values.fmr1).toEqual([0.06, 0.06, 0.02]);
    expect(curve.values.fmr01).toEqual([0.08, 0.03, 0.03]);
    // Rounded up to 4 decimals: 0.041 stays, a value between rounds to the next 1e-4.
    expect(curve.values.fmr001).toEqual([0.1, 0.09, 0.041]);
    expect(sizeAwareCurve([6], { fmr1: [0.01], fmr01: [0.01], fmr001: [0.04001] }, base).values.fmr001).toEqual([0.0401]);
  });

  it('refuses a grid that does not ascend or rows of the wrong length', () => {
    expect(() => sizeAwareCurve([10, 6], { fmr1: [0, 0], fmr01: [0, 0], fmr001: [0, 0] }, base)).toThrow(/ascend/);
    expect(() => sizeAwareCurve([6, 10], { fmr1: [0], fmr01: [0, 0], fmr001: [0, 0] }, base)).toThrow(/fmr1/);
  });
});

describe('thresholdForMinutiae', () => {
  const curve = sizeAwareCurve([6, 10, 20], { fmr1: [0.05, 0.04, 0.03], fmr01: [0, 0, 0], fmr001: [0.09, 0.07, 0.05] }, base);
  it('takes the largest grid point at or below the count, the first below the grid', () => {
    expect(thresholdForMinutiae(curve, 'fmr001', 3, base)).toBe(0.09);
    expect(thresholdForMinutiae(curve, 'fmr001', 6, base)).toBe(0.09);
    expect(thresholdForMinutiae(curve, 'fmr001', 9, base)).toBe(0.09);
    expect(thresholdForMinutiae(curve, 'fmr001', 10, base)).toBe(0.07);
    expect(thresholdForMinutiae(curve, 'fmr001', 20, base)).toBe(0.05);
  });
  it('is the base above the grid and where the curve is under it', () => {
    expect(thresholdForMinutiae(curve, 'fmr001', 21, base)).toBe(0.04);
    expect(thresholdForMinutiae(curve, 'fmr01', 8, base)).toBe(0.03);
    expect(thresholdForMinutiae({ minutiae: [], values: { fmr1: [], fmr01: [], fmr001: [] } }, 'fmr1', 8)).toBe(thresholds.fmr1);
  });
});
