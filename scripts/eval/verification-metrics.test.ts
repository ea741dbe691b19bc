import { describe, expect, it } from 'vitest';
import { equalErrorRate, errorRates, fnmrAtFmr, operatingPoints, thresholdAtFmr } from './verification-metrics.js';

describe('FVC verification metrics on hand-made score sets', () => {
  it('separable scores: every rate is 0', () => {
    expect(errorRates([0.8, 0.9, 1], [0.1, 0.2, 0.3])).toEqual({ eer: 0, fmr100: 0, fmr1000: 0, zeroFmr: 0 });
  });

  it('identical score sets: EER is 1/2 and ZeroFMR is 1', () => {
    const r = errorRates([0.5, 0.5], [0.5, 0.5]);
    // t = 0.5: FMR 1, FNMR 0 (t1); t = +∞: FMR 0, FNMR 1 (t2); equal sums, so [FNMR(t1), FMR(t1)] = [0, 1].
    expect(r.eer).toBe(0.5);
    expect(r.zeroFmr).toBe(1);
  });

  it('one crossing: the EER interval of Maio et al. 2002 worked by hand', () => {
    // genuine 0.2 0.6 0.7 0.8 0.9; impostor 0.1 0.3 0.4 0.5 0.65.
    // t=0.6: FNMR 1/5 (0.2), FMR 1/5 (0.65) -> FNMR = FMR exactly, so EER = 0.2.
    const g = [0.2, 0.6, 0.7, 0.8, 0.9];
    const im = [0.1, 0.3, 0.4, 0.5, 0.65];
    expect(equalErrorRate(operatingPoints(g, im))).toBeCloseTo(0.2, 12);
  });

  it('no exact crossing: EER is the midpoint of the interval', () => {
    // genuine 0.3 0.8 0.9 0.95; impostor 0.1 0.2 0.35 0.5.
    // t=0.35: FMR 2/4, FNMR 1/4 (t1: FNMR ≤ FMR, sum 0.75); t=0.5: FMR 1/4, FNMR 1/4 -> equal at t=0.5.
    // So t1 = t2 = 0.5 -> [0.25, 0.25].
    expect(errorRates([0.3, 0.8, 0.9, 0.95], [0.1, 0.2, 0.35, 0.5]).eer).toBeCloseTo(0.25, 12);
    // genuine 0.3 0.6; impostor 0.4 0.5: t=0.4 FMR 1 FNMR 1/2; t=0.5 FMR 1/2 FNMR 1/2 (equal) -> 0.5.
    expect(errorRates([0.3, 0.6], [0.4, 0.5]).eer).toBeCloseTo(0.5, 12);
    // genuine 0.45 0.9 0.95; impostor 0.1 0.5: t=0.45 FMR 1/2 FNMR 0 (t1, sum 1/2);
    // t=0.5 FMR 1/2 FNMR 1/3 (t1 still: 1/3 ≤ 1/2, sum 5/6); t=0.9 FMR 0 FNMR 1/3 (t2, sum 1/3).
    // 5/6 > 1/3 -> [FMR(t2), FNMR(t2)] = [0, 1/3] -> EER 1/6.
    expect(errorRates([0.45, 0.9, 0.95], [0.1, 0.5]).eer).toBeCloseTo(1 / 6, 12);
  });

  it('FMR100, FMR1000 and ZeroFMR read the FNMR where FMR first meets the bound', () => {
    // 1000 impostors: 0.001 .. 1.000 step 0.001 scaled to [0, 0.5]; 10 genuine spread 0.3 .. 0.75.
    const im = Array.from({ length: 1000 }, (_, i) => (i + 1) / 2000);
    const g = Array.from({ length: 10 }, (_, i) => 0.3 + i * 0.05);
    const points = operatingPoints(g, im);
    // FMR ≤ 1% means t > the 11th highest impostor 0.4950 -> t = 0.4955; genuine < t: 0.30 .. 0.45 = 4.
    expect(fnmrAtFmr(points, 0.01)).toBeCloseTo(0.4, 12);
    // FMR ≤ 0.1%: t > 0.4995 -> t = 0.5 (impostor 1000 at 0.5 counts: FMR 1/1000) -> genuine < 0.5: 4.
    expect(fnmrAtFmr(points, 0.001)).toBeCloseTo(0.4, 12);
    // FMR = 0: t > 0.5 -> first genuine above is 0.55 -> genuine < 0.55: 0.30 .. 0.50 = 5.
    expect(fnmrAtFmr(points, 0)).toBeCloseTo(0.5, 12);
  });

  it('thresholdAtFmr lets through at most the allowed share of impostors', () => {
    const im = Array.from({ length: 10_000 }, (_, i) => i / 10_000);
    for (const target of [0.01, 0.001, 0.0001]) {
      const t = thresholdAtFmr(im, target);
      const passed = im.filter((s) => s >= t).length;
      expect(passed).toBeLessThanOrEqual(target * im.length);
      expect(passed).toBeGreaterThanOrEqual(target * im.length - 1);
    }
  });
});
