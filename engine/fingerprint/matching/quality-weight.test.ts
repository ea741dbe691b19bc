import { describe, expect, it } from 'vitest';
import { mulberry32 as rng } from '../../../fixtures/seeded-random.js';
import { plausibleTemplate } from '../../../fixtures/synthetic-templates.js';
import { FingerprintMatcher, prepareCandidate } from '../matcher.js';
import type { FingerprintTemplate } from '../template.js';
import { ConsolidationScratch, consolidate } from './consolidation.js';
import { localSimilarities } from './local-similarity.js';
import { MAX_MINUTIAE } from './parameters.js';
import { type ConsolidationWeights, cylinderWeights, qualityWeight } from './quality-weight.js';
import { type HeldOut, type SetScores, TODAY, grid, heldOutChoice, scoreComparisons, spreadFloorKeepRule } from '../../../scripts/eval/quality-weight.js';

/** ~45 minutiae at least 12 px apart, directions along a smooth field; quality from `quality(k)`. */
const template = (seed: number, quality: (k: number) => number): FingerprintTemplate => plausibleTemplate(seed, quality);

/** The same finger again: shifted, jittered, a few minutiae lost, qualities kept. */
function impression(t: FingerprintTemplate, seed: number): FingerprintTemplate {
  const r = rng(seed);
  const minutiae = t.minutiae.filter(() => r() > 0.15).map((m) => ({ ...m, x: m.x + 6 + (r() - 0.5) * 4, y: m.y - 4 + (r() - 0.5) * 4, direction: (m.direction + (r() - 0.5) * 0.1 + 2 * Math.PI) % (2 * Math.PI) }));
  return { ...t, minutiae };
}

function run(a: FingerprintTemplate, b: FingerprintTemplate, weights?: (pa: ReturnType<typeof prepareCandidate>, pb: ReturnType<typeof prepareCandidate>) => ConsolidationWeights): number {
  const pa = prepareCandidate(a), pb = prepareCandidate(b);
  const s = new ConsolidationScratch(MAX_MINUTIAE);
  // "today" in this study is the matcher before the shipped quality spread: r = 1 without weights.
  s.qualitySpread = false;
  const found = localSimilarities(pa, pb, s.packed);
  return consolidate(pa, pb, found, s, weights?.(pa, pb));
}

const varied = (k: number): number => 10 + ((k * 37) % 91);

describe('quality-weighted consolidation (study)', () => {
  it('ramps the weight from wmin to 1 between q0 and q1', () => {
    const s = { q0: 30, q1: 90, wmin: 0.25 };
    expect(qualityWeight(0, s)).toBe(0.25);
    expect(qualityWeight(40, s)).toBe(0.25);
    expect(qualityWeight(60, s)).toBeCloseTo(0.5, 12);
    expect(qualityWeight(90, s)).toBe(1);
    expect(qualityWeight(100, s)).toBe(1);
  });

  it('gives every cylinder weight 1 when the minutiae carry one quality (ISO/ANSI from SecuGen: all 0), the ramp otherwise', () => {
    const s = { q0: 10, q1: 60, wmin: 0.25 };
    const one = template(3, () => 0);
    expect([...cylinderWeights(one, prepareCandidate(one), s)].every((w) => w === 1)).toBe(true);
    const t = template(3, varied);
    const p = prepareCandidate(t);
    const w = cylinderWeights(t, p, s);
    for (let k = 0; k < p.count; k++) expect(w[k]).toBe(qualityWeight(t.minutiae[p.minutia[k]].quality, s));
    expect(Math.min(...w)).toBeLessThan(1);
  });

  it('scores bit for bit as without weights when every weight is 1, under every form', () => {
    const a = template(11, varied), b = impression(a, 12), c = template(13, varied);
    for (const [x, y] of [[a, b], [a, c]] as const) {
      const today = run(x, y);
      expect(today).toBeGreaterThan(0);
      for (const form of ['count', 'pair', 'both', 'spread'] as const) {
        expect(run(x, y, (pa, pb) => ({ form, a: new Float64Array(pa.count).fill(1), b: new Float64Array(pb.count).fill(1) }))).toBe(today);
      }
    }
  });

  it('pair form: halving every weight scales the score by a quarter (λ0 · w_a · w_b, relaxation linear in λ)', () => {
    const a = template(21, varied), b = impression(a, 22);
    const today = run(a, b);
    const half = run(a, b, (pa, pb) => ({ form: 'pair', a: new Float64Array(pa.count).fill(0.5), b: new Float64Array(pb.count).fill(0.5) }));
    expect(half).toBeCloseTo(today / 4, 6);
  });

  it('count form: minutiae that weigh half count half in the normalisation, raising a genuine score', () => {
    const a = template(31, varied), b = impression(a, 32);
    const today = run(a, b);
    const half = run(a, b, (pa, pb) => ({ form: 'count', a: new Float64Array(pa.count).fill(0.5), b: new Float64Array(pb.count).fill(0.5) }));
    expect(half).toBeGreaterThan(today * 1.2);
  });

  it('spread form: the normalisation of relaxation only (nP as today), so it differs from count where nP would drop', () => {
    const a = template(61, varied), b = impression(a, 62);
    const w = (f: 'count' | 'spread') => (pa: ReturnType<typeof prepareCandidate>, pb: ReturnType<typeof prepareCandidate>): ConsolidationWeights => ({ form: f, a: new Float64Array(pa.count).fill(0.3), b: new Float64Array(pb.count).fill(0.3) });
    const today = run(a, b), spread = run(a, b, w('spread')), count = run(a, b, w('count'));
    expect(spread).toBeGreaterThan(today);
    // 0.3 of ~38 minutiae is ~11: count's nP falls from 12 to about 6, spread's stays.
    expect(spread).not.toBe(count);
  });

  it('spread floor: r raised to f in relaxation only — exact where it binds, no effect where r ≥ f, today at weight 1', () => {
    const a = template(71, varied), b = impression(a, 72), c = template(73, varied);
    const uniform = (form: 'spread', v: number, floor?: number) => (pa: ReturnType<typeof prepareCandidate>, pb: ReturnType<typeof prepareCandidate>): ConsolidationWeights =>
      ({ form, a: new Float64Array(pa.count).fill(v), b: new Float64Array(pb.count).fill(v), ...(floor === undefined ? {} : { floor }) });
    for (const [x, y] of [[a, b], [a, c]] as const) {
      const today = run(x, y);
      // Weights 0.3 floored at 0.5 compute n·0.5 − 1, the very spread of unfloored weights 0.5 (r = 0.5 exactly).
      expect(run(x, y, uniform('spread', 0.3, 0.5))).toBe(run(x, y, uniform('spread', 0.5)));
      // r = 0.6 ≥ f = 0.5: the floor does not bind.
      expect(run(x, y, uniform('spread', 0.6, 0.5))).toBe(run(x, y, uniform('spread', 0.6)));
      expect(run(x, y, uniform('spread', 1, 0.67))).toBe(today);
    }
    // A genuine pair: the floor holds back part of the unfloored rise, not all of it.
    const today = run(a, b), floored = run(a, b, uniform('spread', 0.3, 0.5)), unfloored = run(a, b, uniform('spread', 0.3));
    expect(floored).toBeGreaterThan(today);
    expect(floored).toBeLessThan(unfloored);
  });

  it('spread-floor grid: 16 settings, f outermost then q0, q1, wmin ascending, each carrying its floor to consolidation', () => {
    const g = grid('spread-floor');
    expect(g).toHaveLength(16);
    expect(g.map((s) => s.floor)).toEqual([...Array(8).fill(0.5), ...Array(8).fill(0.67)]);
    expect(g[0]).toMatchObject({ family: 'spread-floor', form: 'spread', w: { q0: 10, q1: 60, wmin: 0.25 } });
    expect(g[15]).toMatchObject({ w: { q0: 30, q1: 90, wmin: 0.5 }, floor: 0.67 });
    expect(grid('spread').every((s) => s.floor === undefined && s.form === 'spread')).toBe(true);
    // Poor minutiae (quality 10–49: r well under 0.67 at q0=10 q1=60), so the floor binds.
    const poor = (k: number): number => 10 + ((k * 37) % 40);
    const mixed = [template(81, poor), template(83, poor)];
    mixed.push(impression(mixed[0], 82));
    const [floored, unfloored] = [grid('spread-floor')[8], grid('spread')[0]];
    const sc = scoreComparisons(mixed, [[0, 1], [0, 2], [1, 2]], [TODAY, floored, unfloored]);
    expect([...sc[1]]).not.toEqual([...sc[2]]);
  });

  it('spread-floor keep rule: each of the four rules fails on its own breach', () => {
    const r = (fvcEer: number, fvcFmr1000 = 0.02) => ({ fvcEer, fvcFmr1000, extEer: 0.01, extFmr1000: 0.03 });
    const conds = (nine: number, bg: number, newer: number): Record<string, number> => ({
      none: nine / 9, dry: nine / 9, wet: nine / 9, 'ppi-250': nine / 9, 'ppi-1000': nine / 9, 'noisy-background': nine / 9, noise: nine / 9, 'low-contrast': nine / 9, 'ppi-400': nine / 9,
      'printed-background': bg / 2, 'ghost-print': bg / 2, 'gaussian-noise': newer / 3, 'salt-pepper': newer / 3, 'wet-blur': newer / 3,
    });
    const held = (eers: number[], fmr: number[], c: Record<string, number>): HeldOut => ({ perSet: eers.map((e, i) => r(e, fmr[i])), fvcEerSum: eers.reduce((a, e) => a + e, 0), byCondition: c });
    const today = held([0.0107, 0.0218, 0.0089, 0.0218], [0.02, 0.025, 0.018, 0.025], conds(1.351, 0.9956, 0.5));
    const ok = held([0.0089, 0.0107, 0.0089, 0.0218], [0.02, 0.02, 0.018, 0.029], conds(1.2, 0.95, 0.5));
    expect(spreadFloorKeepRule(today, ok)).toEqual({ rule1: true, rule2: true, rule3: true, rule4: true });
    expect(spreadFloorKeepRule(today, held([0.0089, 0.0107, 0.0107, 0.0218], [0.02, 0.02, 0.018, 0.029], conds(1.2, 0.95, 0.5))).rule1).toBe(false);
    expect(spreadFloorKeepRule(today, today).rule1).toBe(false); // the sum must be lower
    expect(spreadFloorKeepRule(today, held([0.0089, 0.0107, 0.0089, 0.0218], [0.02, 0.02, 0.018, 0.0393], conds(1.2, 0.95, 0.5))).rule2).toBe(false);
    expect(spreadFloorKeepRule(today, held([0.0089, 0.0107, 0.0089, 0.0218], [0.02, 0.02, 0.018, 0.029], conds(1.351, 0.95, 0.5))).rule3).toBe(false);
    expect(spreadFloorKeepRule(today, held([0.0089, 0.0107, 0.0089, 0.0218], [0.02, 0.02, 0.018, 0.029], conds(1.2, 1.0, 0.5))).rule4).toBe(false);
    expect(spreadFloorKeepRule(today, held([0.0089, 0.0107, 0.0089, 0.0218], [0.02, 0.02, 0.018, 0.029], conds(1.2, 0.95, 0.51))).rule4).toBe(false);
    const { 'wet-blur': _, ...missing } = ok.byCondition;
    expect(spreadFloorKeepRule(today, { ...ok, byCondition: missing }).rule4).toBe(false);
  });

  it('the study script: today\'s column is the matcher\'s score, a setting moves varied-quality comparisons only', () => {
    const one = [template(41, () => 0), template(43, () => 0)];
    one.push(impression(one[0], 42));
    const mixed = [template(51, varied), template(53, varied)];
    mixed.push(impression(mixed[0], 52));
    const pairs = [[0, 1], [0, 2], [1, 2]] as const;
    const settings = [TODAY, grid('count')[0], grid('pair')[0]];
    const s1 = scoreComparisons(one, pairs, settings, true);
    for (const k of [1, 2]) expect([...s1[k]]).toEqual([...s1[0]]);
    const s2 = scoreComparisons(mixed, pairs, settings, true);
    pairs.forEach(([i, j], p) => expect(s2[0][p]).toBe(new FingerprintMatcher(prepareCandidate(mixed[i]), { qualitySpread: false }).match(prepareCandidate(mixed[j])).score));
    expect(s2[1][1]).not.toBe(s2[0][1]);
    expect(s2[2][1]).toBeLessThan(s2[0][1]);
  });

  it('held-out choice: lowest mean extended EER on the other sets, ties to today', () => {
    // Two settings, three sets; extended EER per set from genuine [1] against impostors.
    const set = (name: string, todayImp: number, otherImp: number): SetScores => ({
      name, genuine: [Float64Array.of(0.5, 0.6), Float64Array.of(0.5, 0.6)], impostor: [Float64Array.of(0.1), Float64Array.of(0.1)],
      extended: [Float64Array.of(0.1, todayImp), Float64Array.of(0.1, otherImp)],
    });
    // Setting 1 is better on sets 1 and 2, worse on set 0.
    const sets = [set('A', 0.2, 0.55), set('B', 0.55, 0.2), set('C', 0.55, 0.2)];
    expect(heldOutChoice(sets, 0, [0, 1])).toBe(1);
    expect(heldOutChoice(sets, 1, [0, 1])).toBe(0); // A and C: a tie
    expect(heldOutChoice([set('A', 0.2, 0.2), set('B', 0.55, 0.55)], 0, [0, 1])).toBe(0);
  });
});
