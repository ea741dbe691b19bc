import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareCandidate } from '../fingerprint/matcher.js';
import { backgroundGallery, galleryTemplate } from '../../fixtures/gallery/background-gallery.js';
import { mulberry32 } from '../../fixtures/seeded-random.js';
import { type ComparisonOpportunity, type ImpostorModel, KNEE, impostorLocation, normaliseLatentScore, opportunityFeatures } from './impostor-normalisation.js';
import { LatentMatcher } from './latent-matcher.js';
import { LATENT_IMPOSTOR_MODEL } from './parameters.js';

/** A model whose impostor location rises as the candidate's overlap shrinks (as measured), spread fixed. */
const model: ImpostorModel = {
  epsilon: 0.002,
  // [1, a, b, c, d, a², b², c², d², ab, ac, ad, bc, bd, cd]: location −3.5 − 0.3·d, spread 0.4 + 0.05·b.
  location: [-3.5, 0, 0, 0, -0.3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  spread: [0.4, 0, 0.05, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
  spreadFloor: 0.1,
  low: [1, 1, 0, 0],
  high: [5, 5, 5, 5],
  refLocation: -4.4,
  refSpread: 0.57,
};
/** The probe-cubic model fitted on generated marks only (docs/decisions/latent-popmodel.md; not shipped). */
const generated = JSON.parse(readFileSync(new URL('../../fixtures/latent-marks/impostor-model-generated.json', import.meta.url), 'utf8')) as ImpostorModel;
const models: ImpostorModel[] = [model, generated, ...(LATENT_IMPOSTOR_MODEL ? [LATENT_IMPOSTOR_MODEL] : [])];

function opportunity(rand: () => number): ComparisonOpportunity {
  const n = () => Math.floor(rand() * 120);
  const probeMinutiae = 1 + n();
  const candidateMinutiae = 1 + n();
  return { probeMinutiae, candidateMinutiae, probeOverlap: Math.floor(rand() * probeMinutiae), candidateOverlap: Math.floor(rand() * candidateMinutiae) };
}

describe('impostor-only score normalisation', () => {
  it('is monotone in the score for any opportunity (non-decreasing; strictly inside (0, 1))', () => {
    const rand = mulberry32(3);
    for (const m of models) {
      for (let t = 0; t < 2000; t++) {
        const o = opportunity(rand);
        const s1 = rand() * 0.3;
        const s2 = s1 + 1e-4 + rand() * 0.1;
        const n1 = normaliseLatentScore(s1, o, m);
        const n2 = normaliseLatentScore(s2, o, m);
        expect(n2).toBeGreaterThanOrEqual(n1);
        if (n1 > 0 && n2 < 1) expect(n2).toBeGreaterThan(n1);
        expect(n1).toBeGreaterThanOrEqual(0);
        expect(n2).toBeLessThanOrEqual(1);
      }
    }
  });

  it('is neutral where no model applies: no model, an empty side, a non-finite score, a model without dependence at its reference', () => {
    const o: ComparisonOpportunity = { probeMinutiae: 30, candidateMinutiae: 40, probeOverlap: 20, candidateOverlap: 15 };
    expect(normaliseLatentScore(0.0423, o, null)).toBe(0.0423);
    expect(normaliseLatentScore(0.0423, { ...o, probeMinutiae: 0 }, model)).toBe(0.0423);
    expect(normaliseLatentScore(0.0423, { ...o, candidateMinutiae: 0 }, model)).toBe(0.0423);
    expect(normaliseLatentScore(Number.NaN, o, model)).toBeNaN();
    const flat: ImpostorModel = { ...model, location: [model.refLocation, ...new Array(14).fill(0)], spread: [model.refSpread, ...new Array(14).fill(0)] };
    for (const s of [0, 0.003, 0.02, 0.04, 0.3, 0.5]) expect(normaliseLatentScore(s, o, flat)).toBeCloseTo(s, 12);
  });

  it('keeps strong candidates in order above the knee: strictly increasing, below 1, continuous at the knee', () => {
    // With the shipped model a raw 0.21 at a large overlap used to clamp to 1 already.
    const o: ComparisonOpportunity = { probeMinutiae: 45, candidateMinutiae: 45, probeOverlap: 45, candidateOverlap: 45 };
    for (const m of models) {
      const out = [0.15, 0.2, 0.25, 0.3, 0.4, 0.6, 0.8].map((s) => normaliseLatentScore(s, o, m));
      for (let k = 1; k < out.length; k++) expect(out[k]).toBeGreaterThan(out[k - 1]);
      for (const v of out) expect(v).toBeLessThan(1);
    }
    const flat: ImpostorModel = { ...model, location: [model.refLocation, ...new Array(14).fill(0)], spread: [model.refSpread, ...new Array(14).fill(0)] };
    const f = (s: number) => normaliseLatentScore(s, o, flat);
    expect(f(KNEE + 1e-9) - f(KNEE)).toBeCloseTo(1e-9, 12);
    expect(f(1)).toBeGreaterThan(f(0.9));
    expect(f(1)).toBeLessThan(1);
  });

  it('ranks an impostor-prone comparison (small overlap) below an ordinary one at the same raw score', () => {
    const small: ComparisonOpportunity = { probeMinutiae: 30, candidateMinutiae: 30, probeOverlap: 8, candidateOverlap: 6 };
    const large: ComparisonOpportunity = { ...small, probeOverlap: 25, candidateOverlap: 24 };
    expect(impostorLocation(model, small).location).toBeGreaterThan(impostorLocation(model, large).location);
    expect(normaliseLatentScore(0.03, small, model)).toBeLessThan(normaliseLatentScore(0.03, large, model));
  });

  it('is deterministic and clamps counts to the fitted range (no extrapolation)', () => {
    const o: ComparisonOpportunity = { probeMinutiae: 30, candidateMinutiae: 40, probeOverlap: 20, candidateOverlap: 15 };
    expect(normaliseLatentScore(0.031, o, model)).toBe(normaliseLatentScore(0.031, { ...o }, model));
    // ln(1 + 10⁶) is beyond high (5): the same as at e⁵ − 1 ≈ 147 overlapping minutiae.
    expect(normaliseLatentScore(0.031, { ...o, candidateOverlap: 1e6 }, model)).toBe(normaliseLatentScore(0.031, { ...o, candidateOverlap: 147.5 }, model));
  });

  it('the matcher applies it once, after the scale search, with the probe’s counts and the verification’s overlaps', () => {
    const print = galleryTemplate(5, 1);
    const rand = mulberry32(9);
    const mark = { ...print, minutiae: print.minutiae.filter(() => rand() > 0.4) };
    const raw = new LatentMatcher(mark, { impostorModel: null });
    const norm = new LatentMatcher(mark, { impostorModel: model });
    for (const t of [print, ...backgroundGallery(13, 20)]) {
      const c = prepareCandidate(t);
      const r = raw.match(c);
      const n = norm.match(c);
      const v = r.verification;
      const expected = normaliseLatentScore(r.score, { probeMinutiae: raw.probe.count, candidateMinutiae: c.count, probeOverlap: v.probeOverlap, candidateOverlap: v.candidateOverlap }, model);
      expect(n.score).toBe(expected);
      expect(norm.score(c)).toBe(expected);
      expect(norm.match(c).score).toBe(expected);
      expect(n.scale).toBe(r.scale);
      expect(n.verification).toEqual(r.verification);
    }
  });

  it("the probe-cubic form: today's 15 terms, then a³, a²b, a²c, a²d; a model without the form reads them as quadratic", () => {
    const o: ComparisonOpportunity = { probeMinutiae: 30, candidateMinutiae: 40, probeOverlap: 20, candidateOverlap: 15 };
    const q = opportunityFeatures(model, o);
    const c = opportunityFeatures({ ...model, form: 'probe-cubic' }, o);
    expect(q.length).toBe(15);
    expect(c.slice(0, 15)).toEqual(q);
    const [a, b, cc, d] = [q[1], q[2], q[3], q[4]];
    expect(c.slice(15)).toEqual([a * a * a, a * a * b, a * a * cc, a * a * d]);
    expect(opportunityFeatures({ ...model, form: 'quadratic' }, o)).toEqual(q);
    // Clamped like the rest: beyond high the same as at the bound.
    const far = opportunityFeatures({ ...model, form: 'probe-cubic' }, { ...o, probeMinutiae: 1e6 });
    expect(far[15]).toBeCloseTo(125, 9);
  });

  it('the generated-marks fit is the probe-cubic form with a positive spread floor, monotone over its whole fitted range', () => {
    expect(generated.form).toBe('probe-cubic');
    expect(generated.location.length).toBe(19);
    expect(generated.spread.length).toBe(19);
    expect(generated.spreadFloor).toBeGreaterThan(0);
    // Every count from 0 to past the fitted range (the prepared probe keeps at most 128 minutiae).
    for (const pm of [1, 5, 12, 30, 65, 100, 128, 200]) for (const cm of [5, 20, 40, 80, 120]) {
      for (const po of [0, 3, 10, 40]) for (const co of [0, 3, 10, 40]) {
        const o = { probeMinutiae: pm, candidateMinutiae: cm, probeOverlap: Math.min(po, pm), candidateOverlap: Math.min(co, cm) };
        let last = -1;
        for (const s of [0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.3, 0.6, 1]) {
          const n = normaliseLatentScore(s, o, generated);
          // Non-decreasing; strictly increasing while inside (0, 1) (the knee reaches 1 only where exp underflows).
          expect(n).toBeGreaterThanOrEqual(last);
          if (last > 0 && n < 1) expect(n).toBeGreaterThan(last);
          expect(n).toBeLessThanOrEqual(1);
          last = n;
        }
      }
    }
  });
});
