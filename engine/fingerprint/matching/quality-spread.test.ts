import { describe, expect, it } from 'vitest';
import { mulberry32 as rng } from '../../../fixtures/seeded-random.js';
import { plausibleTemplate } from '../../../fixtures/synthetic-templates.js';
import { LatentMatcher } from '../../latent/latent-matcher.js';
import { PreparedArena, packForm } from '../identification/prepared-arena.js';
import { FingerprintMatcher, prepareCandidate } from '../matcher.js';
import type { FingerprintTemplate } from '../template.js';
import { ConsolidationScratch, consolidate } from './consolidation.js';
import { wasmConsolidation } from './consolidation-wasm.js';
import { DEFAULT_MIN_COS, localSimilarities } from './local-similarity.js';
import { simdLocalSimilarities } from './local-similarity-simd.js';
import { ProbeGeometry } from './pairwise-geometry.js';
import { MAX_MINUTIAE, QUALITY_SPREAD_Q0, QUALITY_SPREAD_Q1, QUALITY_SPREAD_WMIN } from './parameters.js';
import { cylinderWeights, qualityWeight } from './quality-weight.js';

// The shipped quality spread (parameters.ts, QUALITY_SPREAD_*; docs/decisions/quality-spread-floor.md).
const S = { q0: QUALITY_SPREAD_Q0, q1: QUALITY_SPREAD_Q1, wmin: QUALITY_SPREAD_WMIN };
const varied = (k: number): number => 10 + ((k * 37) % 91);
const poor = (k: number): number => 5 + ((k * 29) % 45);

/** The same finger again: shifted, jittered, a few minutiae lost, qualities kept. */
function impression(t: FingerprintTemplate, seed: number): FingerprintTemplate {
  const r = rng(seed);
  const minutiae = t.minutiae.filter(() => r() > 0.15).map((m) => ({ ...m, x: m.x + 6 + (r() - 0.5) * 4, y: m.y - 4 + (r() - 0.5) * 4, direction: (m.direction + (r() - 0.5) * 0.1 + 2 * Math.PI) % (2 * Math.PI) }));
  return { ...t, minutiae };
}

/** Mates and non-mates of varied, poor and one-quality templates. */
function pairsOfKinds(): [FingerprintTemplate, FingerprintTemplate][] {
  const a = plausibleTemplate(11, varied), b = plausibleTemplate(13, poor), c = plausibleTemplate(15, () => 40), d = plausibleTemplate(17, () => 0);
  return [[a, impression(a, 12)], [b, impression(b, 14)], [a, b], [a, c], [b, d], [c, impression(c, 16)], [d, impression(d, 18)]];
}

/** consolidate() with the study's spread form and weights (quality-weight.ts), r as the study computed it. */
function studyScore(x: FingerprintTemplate, y: FingerprintTemplate): number {
  const pa = prepareCandidate(x), pb = prepareCandidate(y);
  const s = new ConsolidationScratch(MAX_MINUTIAE);
  const found = localSimilarities(pa, pb, s.packed);
  return consolidate(pa, pb, found, s, { form: 'spread', a: cylinderWeights(x, pa, S), b: cylinderWeights(y, pb, S) });
}

describe('the quality-weighted relaxation spread in the matcher', () => {
  it('W is the sum of the valid cylinders\' weights, and exactly the count when they carry one quality', () => {
    for (const q of [0, 40, 100]) {
      const p = prepareCandidate(plausibleTemplate(3, () => q));
      expect(p.count).toBeGreaterThan(20);
      expect(p.weightedCount).toBe(p.count);
    }
    const t = plausibleTemplate(3, poor);
    const p = prepareCandidate(t);
    let w = 0;
    for (let k = 0; k < p.count; k++) w += qualityWeight(t.minutiae[p.minutia[k]].quality, S);
    expect(p.weightedCount).toBe(w);
    expect(p.weightedCount).toBe(cylinderWeights(t, p, S).reduce((sum, v) => sum + v, 0));
    // Poor minutiae weigh little, but never under wmin each (so r ≥ wmin).
    expect(p.weightedCount).toBeLessThan(0.8 * p.count);
    expect(p.weightedCount).toBeGreaterThanOrEqual(QUALITY_SPREAD_WMIN * p.count);
  });

  it('scores as the study\'s spread form at the shipped setting, and as before where both sides carry one quality', () => {
    let moved = 0;
    for (const [x, y] of pairsOfKinds()) {
      const score = new FingerprintMatcher(prepareCandidate(x)).score(prepareCandidate(y));
      const before = new FingerprintMatcher(prepareCandidate(x), { qualitySpread: false }).score(prepareCandidate(y));
      expect(score).toBe(studyScore(x, y));
      const oneQuality = new Set(x.minutiae.map((m) => m.quality)).size === 1 && new Set(y.minutiae.map((m) => m.quality)).size === 1;
      if (oneQuality) expect(score).toBe(before);
      else if (score !== before) moved++;
    }
    // The varied and poor pairs are not scored as before (a spread that did nothing would pass the rest).
    expect(moved).toBeGreaterThanOrEqual(4);
  });

  it('a genuine pair of poor minutiae scores higher than with r = 1 (the spread grows as 1 / r)', () => {
    const b = plausibleTemplate(13, poor);
    const [x, y] = [prepareCandidate(b), prepareCandidate(impression(b, 14))];
    expect(new FingerprintMatcher(x).score(y)).toBeGreaterThan(new FingerprintMatcher(x, { qualitySpread: false }).score(y));
  });

  it('WebAssembly and JavaScript consolidation agree to the bit with the spread on and off', () => {
    const simd = simdLocalSimilarities();
    const wasm = simd ? wasmConsolidation(simd) : null;
    if (!simd || !wasm) return; // no WebAssembly here: the JavaScript consolidation is the only path
    const scratch = new ConsolidationScratch(MAX_MINUTIAE, simd.out);
    const geometry = new ProbeGeometry(MAX_MINUTIAE);
    let differs = 0;
    for (const [x, y] of pairsOfKinds()) {
      const [a, b] = [prepareCandidate(x), prepareCandidate(y)];
      geometry.load(a);
      const scores: number[] = [];
      for (const on of [true, false]) {
        scratch.qualitySpread = on;
        const js = consolidate(a, b, simd.run(a, b, DEFAULT_MIN_COS), scratch);
        const chosen = Array.from(scratch.chosen.subarray(0, scratch.chosenCount.value), (t) => [scratch.pairA[t], scratch.pairB[t], scratch.lambda[t]]);
        expect(wasm.run(a, b, DEFAULT_MIN_COS, geometry, on)).toBe(js);
        expect(Array.from(wasm.chosen.subarray(0, wasm.chosenCount.value), (t) => [wasm.pairA[t], wasm.pairB[t], wasm.lambda[t]])).toEqual(chosen);
        scores.push(js);
      }
      if (scores[0] !== scores[1]) differs++;
    }
    expect(differs).toBeGreaterThanOrEqual(4);
  });

  it('the gallery arena carries W: a record scores through the arena (packed or not) as its template does', () => {
    const templates = [plausibleTemplate(21, varied), plausibleTemplate(23, poor), plausibleTemplate(25, () => 0)];
    templates.push(impression(templates[1], 24));
    const forms = templates.map((t) => prepareCandidate(t));
    const arena = new PreparedArena(4);
    const slots = forms.map((f, i) => arena.add(i % 2 === 0 ? packForm(f) : f, { group: 0, fingerPosition: 0, minutiae: f.count }));
    slots.forEach((slot, i) => expect(arena.form(slot).weightedCount).toBe(forms[i].weightedCount));
    expect(forms[1].weightedCount).toBeLessThan(forms[1].count);
    const probe = new FingerprintMatcher(forms[1]);
    slots.forEach((slot, i) => {
      expect(probe.score(arena.form(slot))).toBe(probe.score(forms[i]));
      expect(probe.match(arena.form(slot))).toEqual(probe.match(forms[i]));
    });
  });

  it('leaves the latent matcher at r = 1: its MCC step scores as the matcher without the spread', () => {
    const b = plausibleTemplate(13, poor);
    const [x, y] = [b, impression(b, 14)];
    const latent = new LatentMatcher(x, { verifyWeight: 0, scales: [1] }).score(y);
    const before = new FingerprintMatcher(prepareCandidate(x), { anyRotation: true, qualitySpread: false }).score(prepareCandidate(y));
    const spread = new FingerprintMatcher(prepareCandidate(x), { anyRotation: true }).score(prepareCandidate(y));
    expect(latent).toBe(before);
    expect(spread).not.toBe(before);
  });
});
