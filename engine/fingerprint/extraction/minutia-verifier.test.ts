import { describe, expect, it } from 'vitest';
import { extractFingerprint } from '../extractor.js';
import { collectingSink } from '../stage-sink.js';
import { falseProbability, minutiaFeatures, VERIFIER_FEATURES, type VerifierModel, verifiedMinutiae } from './minutia-verifier.js';
import { VERIFIER_PATCH_SIDE } from './parameters.js';
import { dislocation, withNoise } from './synthetic-prints.js';

/** A model whose output reads one standardised input: P(false) = σ(w2 · tanh(w1 · x_i)). */
function oneInputModel(i: number, w1: number, w2: number, b2 = 0): VerifierModel {
  const inputs = VERIFIER_FEATURES;
  const row = new Array<number>(inputs).fill(0);
  row[i] = w1;
  return { inputs, hidden: 1, mean: new Array<number>(inputs).fill(0), std: new Array<number>(inputs).fill(1), w1: row, b1: [0], w2: [w2], b2 };
}

async function stagesOfDislocation(invert: boolean) {
  const { sink, outputs: o } = collectingSink();
  const r = await extractFingerprint(withNoise(dislocation(160, 160, 80, 80, 10, invert), 15, 5), { sink });
  const stages = { image: o['resolution']!, enhanced: o['enhanced-image']!, orientation: o['orientation-field']!, frequency: o['ridge-frequency']!, segmentation: o['segmentation-mask']! };
  return { found: o['filtered-minutiae']!, stages, template: r.template };
}

describe('minutia verifier features', () => {
  it('gives VERIFIER_FEATURES values a minutia: an RMS-normalised patch, then the scalars in their ranges', async () => {
    const { found, stages } = await stagesOfDislocation(true);
    expect(found.length).toBeGreaterThan(0);
    const x = minutiaFeatures(found, stages);
    expect(x.length).toBe(found.length * VERIFIER_FEATURES);
    const n = VERIFIER_PATCH_SIDE * VERIFIER_PATCH_SIDE;
    for (let k = 0; k < found.length; k++) {
      const row = x.subarray(k * VERIFIER_FEATURES, (k + 1) * VERIFIER_FEATURES);
      const ms = row.subarray(0, n).reduce((s, v) => s + v * v, 0) / n;
      expect(ms).toBeCloseTo(1, 6);
      expect(row[n]).toBeCloseTo(found[k].quality / 100, 12);
      expect(row[n + 6]).toBe(found[k].type === 'ending' ? 1 : 0);
      for (const v of row.subarray(n)) { expect(v).toBeGreaterThanOrEqual(0); expect(v).toBeLessThanOrEqual(1.5); }
    }
  });

  it('reads the patch along the minutia direction: turning the minutia by π turns the patch by π', async () => {
    const { found, stages } = await stagesOfDislocation(true);
    const m = found[0];
    const a = minutiaFeatures([m], stages), b = minutiaFeatures([{ ...m, angle: (m.angle + Math.PI) % (2 * Math.PI) }], stages);
    const side = VERIFIER_PATCH_SIDE;
    for (let v = 0; v < side; v++) for (let u = 0; u < side; u++) expect(b[v * side + u]).toBeCloseTo(a[(side - 1 - v) * side + (side - 1 - u)], 6);
  });
});

describe('minutia verifier forward pass and switch', () => {
  it('computes σ(w2 · tanh(w1 · (x − mean) / std) + b2)', () => {
    const model = oneInputModel(3, 0.5, 2, -1);
    model.mean[3] = 1;
    model.std[3] = 2;
    const x = new Float64Array(VERIFIER_FEATURES);
    x[3] = 5;
    expect(falseProbability(model, x)).toBeCloseTo(1 / (1 + Math.exp(-(2 * Math.tanh(0.5 * 2) - 1))), 12);
  });

  it('drops exactly the minutiae above τ, and the extractor without the switch keeps them all', async () => {
    const { found, stages, template } = await stagesOfDislocation(true);
    const quality = VERIFIER_PATCH_SIDE * VERIFIER_PATCH_SIDE;
    // P(false) rises as quality falls: σ(−8 · tanh(x_quality)).
    const model = oneInputModel(quality, 1, -8);
    const p = found.map((_, k) => falseProbability(model, minutiaFeatures(found, stages), k * VERIFIER_FEATURES));
    const tau = 0.5 * (Math.min(...p) + Math.max(...p));
    const kept = verifiedMinutiae(found, stages, model, tau);
    expect(kept).toEqual(found.filter((_, k) => p[k] <= tau));
    expect(verifiedMinutiae(found, stages, model, 1)).toEqual(found);
    expect(template.minutiae.length).toBe(found.length);
    const off = await extractFingerprint(withNoise(dislocation(160, 160, 80, 80, 10, true), 15, 5), { tuning: { verifier: { model, maxFalse: 1 } } });
    expect(off.template).toEqual(template);
  });

  it('refuses a model made for other features', async () => {
    const { found, stages } = await stagesOfDislocation(true);
    expect(() => verifiedMinutiae(found, stages, { ...oneInputModel(0, 1, 1), inputs: 10 }, 0.5)).toThrow(/inputs/);
  });
});
