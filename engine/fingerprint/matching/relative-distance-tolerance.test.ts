import { describe, expect, it } from 'vitest';
import { mulberry32 as rng } from '../../../fixtures/seeded-random.js';
import { plausibleTemplate } from '../../../fixtures/synthetic-templates.js';
import { FingerprintMatcher, prepareCandidate } from '../matcher.js';
import type { FingerprintTemplate } from '../template.js';
import { ConsolidationScratch, DIST_TABLE, consolidate, sigmoid } from './consolidation.js';
import { localSimilarities } from './local-similarity.js';
import { DISTANCE_UNITS_PER_PX } from './pairwise-geometry.js';
import { MAX_MINUTIAE, RHO_DISTANCE_MU, RHO_DISTANCE_TAU } from './parameters.js';
import { relativeDistanceTerm, toleranceMu } from './relative-distance-tolerance.js';
import { type HeldOut } from '../../../scripts/eval/quality-weight.js';
import { relativeToleranceKeepRule, scoreComparisons, settingsFor } from '../../../scripts/eval/relative-tolerance.js';

const quality = (k: number): number => 10 + ((k * 37) % 91);

/** The same finger again, rigidly shifted with a little jitter, a few minutiae lost. */
function impression(t: FingerprintTemplate, seed: number): FingerprintTemplate {
  const r = rng(seed);
  const minutiae = t.minutiae.filter(() => r() > 0.15).map((m) => ({ ...m, x: m.x + 6 + (r() - 0.5) * 4, y: m.y - 4 + (r() - 0.5) * 4, direction: (m.direction + (r() - 0.5) * 0.1 + 2 * Math.PI) % (2 * Math.PI) }));
  return { ...t, minutiae };
}

/** The same finger stretched: x scaled by 1.12 about the template's first minutia (distances grow with distance). */
function stretched(t: FingerprintTemplate): FingerprintTemplate {
  const x0 = t.minutiae[0].x;
  return { ...t, minutiae: t.minutiae.map((m) => ({ ...m, x: x0 + (m.x - x0) * 1.12 })) };
}

function run(a: FingerprintTemplate, b: FingerprintTemplate, kappa?: number): number {
  const pa = prepareCandidate(a), pb = prepareCandidate(b);
  const s = new ConsolidationScratch(MAX_MINUTIAE);
  const found = localSimilarities(pa, pb, s.packed);
  return consolidate(pa, pb, found, s, undefined, kappa === undefined ? undefined : { kappa });
}

describe('relative distance tolerance (study)', () => {
  it('keeps μ at today\'s 8 px until κ·d̄ passes it, then grows in proportion', () => {
    expect(toleranceMu(50, 0.1)).toBe(RHO_DISTANCE_MU);
    expect(toleranceMu(80, 0.1)).toBe(RHO_DISTANCE_MU);
    expect(toleranceMu(200, 0.1)).toBeCloseTo(20, 12);
    expect(toleranceMu(1000, 0)).toBe(RHO_DISTANCE_MU);
  });

  it("is today's table entry, to the bit, wherever μ is today's (and zero beyond the table, as today)", () => {
    for (let gap = 0; gap < DIST_TABLE.length + 40; gap += 7) {
      for (const mean of [0, 100 * DISTANCE_UNITS_PER_PX, 5000 * DISTANCE_UNITS_PER_PX]) {
        expect(relativeDistanceTerm(gap, mean, 0, DIST_TABLE)).toBe(gap < DIST_TABLE.length ? DIST_TABLE[gap] : 0);
      }
      expect(relativeDistanceTerm(gap, 60 * DISTANCE_UNITS_PER_PX, 0.12, DIST_TABLE)).toBe(gap < DIST_TABLE.length ? DIST_TABLE[gap] : 0);
    }
  });

  it('stretches the whole sigmoid with μ: a half at the gap μ, the same value at the same gap / μ, not cut at 64 px', () => {
    const at = (gapPx: number, meanPx: number, kappa: number): number => relativeDistanceTerm(Math.round(gapPx * DISTANCE_UNITS_PER_PX), meanPx * DISTANCE_UNITS_PER_PX, kappa, DIST_TABLE);
    expect(at(20, 200, 0.1)).toBe(0.5);
    // gap / μ = 1.5 at μ 8 (today's table), 20 and 30: one value (to Float32 and the table's rounding).
    const today = sigmoid(12, RHO_DISTANCE_MU, RHO_DISTANCE_TAU);
    expect(at(30, 200, 0.1)).toBeCloseTo(today, 6);
    expect(at(45, 300, 0.1)).toBeCloseTo(today, 6);
    // A larger tolerance is looser at every gap past today's μ.
    for (const gap of [9, 16, 30, 64]) expect(at(gap, 300, 0.1)).toBeGreaterThan(at(gap, 300, 0));
    expect(at(70, 300, 0.12)).toBeGreaterThan(0);
    expect(at(70, 300, 0)).toBe(0);
  });

  it('scores bit for bit as today when the option is absent (the matcher) and at κ = 0', () => {
    const a = plausibleTemplate(21, quality), b = impression(a, 22), c = plausibleTemplate(23, quality), d = stretched(a);
    for (const [x, y] of [[a, b], [a, c], [a, d], [c, d]] as const) {
      const today = run(x, y);
      // Synthetic templates carry no orientation field: the matcher's score is its minutiae score.
      expect(new FingerprintMatcher(prepareCandidate(x)).match(prepareCandidate(y)).score).toBe(today);
      expect(run(x, y, 0)).toBe(today);
    }
  });

  it('raises a stretched genuine pair (distances that grow with the distance) and leaves a rigid one nearly as it was', () => {
    const a = plausibleTemplate(31, quality);
    const d = stretched(a);
    const today = run(a, d);
    expect(today).toBeGreaterThan(0);
    expect(run(a, d, 0.12)).toBeGreaterThan(today);
    const b = impression(a, 32);
    expect(Math.abs(run(a, b, 0.12) - run(a, b))).toBeLessThan(0.05);
  });

  it("the study's today column is the matcher's score and a κ column differs on a stretched pair", () => {
    const a = plausibleTemplate(41, quality);
    const templates = [a, stretched(a), impression(a, 42), plausibleTemplate(43, quality)];
    const pairs = [[0, 1], [0, 2], [0, 3], [1, 3]] as const;
    const [today, k12] = scoreComparisons(templates, pairs, settingsFor([0.12]), true);
    expect(k12[0]).toBeGreaterThan(today[0]);
  });

  it('keep rule: each of the five parts can fail, and the FVC tie goes to the extended EER', () => {
    const conditions = { none: 0.05, dry: 0.1, wet: 0.1, 'ppi-250': 0.1, 'ppi-1000': 0.1, 'noisy-background': 0.3, noise: 0.1, 'low-contrast': 0.1, 'ppi-400': 0.1, 'printed-background': 0.9, 'ghost-print': 0.07, 'gaussian-noise': 0.09, 'salt-pepper': 0.2, 'wet-blur': 0.23, 'small-sensor': 1.04, distortion: 0.21, sweep: 0.15 };
    const rate = (fvcEer: number, extEer: number, fvcFmr1000 = 0.02) => ({ fvcEer, fvcFmr1000, extEer, extFmr1000: 0.03 });
    const today: HeldOut = { perSet: [rate(0.0107, 0.0106), rate(0.0218, 0.0143), rate(0.0089, 0.0213), rate(0.0218, 0.007)], fvcEerSum: 0.0632, byCondition: { ...conditions } };
    const better = (patch: Partial<HeldOut> = {}, cond: Record<string, number> = {}): HeldOut => ({ ...today, perSet: today.perSet.map((r) => ({ ...r })), byCondition: { ...conditions, distortion: 0.18, ...cond }, ...patch });
    // FVC sum equal, extended lower on one set: rule 1 holds through the tie-break.
    const tie = better({ perSet: [rate(0.0107, 0.0100), ...today.perSet.slice(1)] });
    expect(relativeToleranceKeepRule(today, tie)).toEqual({ rule1: true, rule2: true, rule3: true, rule4: true, rule5: true });
    // FVC sum equal and extended equal: rule 1 fails.
    expect(relativeToleranceKeepRule(today, better()).rule1).toBe(false);
    // One set worse though the sum is lower: rule 1 fails.
    expect(relativeToleranceKeepRule(today, better({ perSet: [rate(0.0125, 0.01), rate(0.0107, 0.0143), today.perSet[2], today.perSet[3]], fvcEerSum: 0.0539 })).rule1).toBe(false);
    expect(relativeToleranceKeepRule(today, better({ perSet: [rate(0.0107, 0.0100, 0.035), ...today.perSet.slice(1)] })).rule2).toBe(false);
    expect(relativeToleranceKeepRule(today, better({}, { wet: 0.11 })).rule3).toBe(false);
    expect(relativeToleranceKeepRule(today, better({}, { 'ghost-print': 0.08 })).rule4).toBe(false);
    expect(relativeToleranceKeepRule(today, better({}, { 'wet-blur': 0.24 })).rule4).toBe(false);
    expect(relativeToleranceKeepRule(today, better({}, { 'small-sensor': 1.05 })).rule4).toBe(false);
    expect(relativeToleranceKeepRule(today, better({}, { distortion: 0.21 })).rule5).toBe(false);
    // A condition not measured: its rule fails.
    const { sweep: _, ...noSweep } = conditions;
    expect(relativeToleranceKeepRule(today, { ...tie, byCondition: { ...noSweep, distortion: 0.18 } }).rule5).toBe(false);
  });
});
