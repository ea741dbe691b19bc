import { describe, expect, it } from 'vitest';
import type { FingerprintTemplate, Minutia } from '../../engine/fingerprint/template.js';
import { falseProbability } from '../../engine/fingerprint/extraction/minutia-verifier.js';
import { addEvidence, consensusLabel, type Evidence } from './minutia-verifier-labels.js';
import { mulberry32, trainVerifier } from './minutia-verifier-train.js';
import { separation } from './minutia-verifier.js';

/** A 160 × 160 template, finger blocks everywhere except the column of blocks u = 0 and the last row. */
function template(minutiae: Minutia[]): FingerprintTemplate {
  const blocksWide = 10, blocksHigh = 10, angles = new Uint8Array(blocksWide * blocksHigh).fill(90);
  for (let v = 0; v < blocksHigh; v++) angles[v * blocksWide] = 255;
  for (let u = 0; u < blocksWide; u++) angles[(blocksHigh - 1) * blocksWide + u] = 255;
  return { width: 160, height: 160, resolutionPpi: 500, minutiae, singularPoints: [], orientations: { block: 16, blocksWide, blocksHigh, angles } };
}
const m = (x: number, y: number, direction: number): Minutia => ({ x, y, direction, type: 'ending', quality: 60 });

describe('consensus labels', () => {
  it('confirms at 2 pairings, calls false at 3 insides without any pairing, leaves the rest', () => {
    const label = (inside: number, paired: number): number => consensusLabel({ inside, paired });
    expect([label(7, 2), label(2, 2), label(7, 1), label(3, 0), label(2, 0), label(0, 0)]).toEqual([0, 0, -1, 1, -1, -1]);
  });

  it('counts a minutia inside only well within the mate (its block and eight neighbours finger), and paired within 20 px and 30°', () => {
    const a = template([m(80, 80, 0), m(100, 60, 1), m(20, 80, 0), m(80, 150, 0), m(40, 40, 0)]);
    // The mate is the same finger shifted 5 px right (y-up frame: tx = 5): minutia 0 has a mate
    // 5 px off at 20° (pairs), minutia 1 a mate at 45° (does not), minutia 4 a mate 25 px away (does not).
    const b = template([m(85, 80, (20 * Math.PI) / 180), m(105, 60, 1 + Math.PI / 4), m(70, 40, 0)]);
    const e: Evidence[] = a.minutiae.map(() => ({ inside: 0, paired: 0 }));
    addEvidence(e, a, b, { rotation: 0, tx: 5, ty: 0 });
    // 2: in the first block column's neighbour (background beside it); 3: beside the background bottom row.
    expect(e).toEqual([{ inside: 1, paired: 1 }, { inside: 1, paired: 0 }, { inside: 0, paired: 0 }, { inside: 0, paired: 0 }, { inside: 1, paired: 0 }]);
  });

  it('carries directions with the rotation', () => {
    const a = template([m(80, 80, 0)]);
    // Rotation by 90° about the origin in the y-up frame: (80, −80) → (80, 80), so translate by (0, −160) to land on (80, −80).
    const b = template([m(80, 80, Math.PI / 2)]);
    const e: Evidence[] = [{ inside: 0, paired: 0 }];
    addEvidence(e, a, b, { rotation: Math.PI / 2, tx: 0, ty: -160 });
    expect(e).toEqual([{ inside: 1, paired: 1 }]);
  });
});

describe('verifier training', () => {
  it('learns a rule on one feature among noise, and separation() reads it', () => {
    const rand = mulberry32(1), inputs = 5, n = 600;
    const x = new Float64Array(n * inputs), y = new Uint8Array(n);
    for (let r = 0; r < n; r++) {
      for (let i = 0; i < inputs; i++) x[r * inputs + i] = rand();
      y[r] = x[r * inputs + 2] > 0.8 ? 1 : 0;
    }
    const model = trainVerifier(x, y, inputs, { epochs: 60 });
    const p = Array.from({ length: n }, (_, r) => falseProbability(model, x, r * inputs));
    expect(separation(p, y)).toBeGreaterThan(0.97);
    expect(separation([0.1, 0.9, 0.5], [0, 1, -1])).toBe(1);
    expect(separation([0.9, 0.1], [0, 1])).toBe(0);
  });

  it('trains a logistic regression (hidden 0) on selected columns, and the forward pass reads only those', () => {
    const rand = mulberry32(2), inputs = 6, n = 600;
    const x = new Float64Array(n * inputs), y = new Uint8Array(n);
    for (let r = 0; r < n; r++) {
      for (let i = 0; i < inputs; i++) x[r * inputs + i] = rand();
      y[r] = x[r * inputs + 4] + 0.2 * rand() > 0.9 ? 1 : 0;
    }
    const model = trainVerifier(x, y, inputs, { hidden: 0, select: [1, 4] });
    expect(model).toMatchObject({ inputs, select: [1, 4], hidden: 0 });
    expect(model.w2).toHaveLength(2);
    expect(model.w1).toHaveLength(0);
    const p = Array.from({ length: n }, (_, r) => falseProbability(model, x, r * inputs));
    expect(separation(p, y)).toBeGreaterThan(0.95);
    // The unread columns change nothing; the forward pass is σ(b + Σ w (x − mean) / std).
    const row = x.slice(0, inputs), other = row.map((v, i) => (i === 1 || i === 4 ? v : v + 10));
    expect(falseProbability(model, other)).toBe(falseProbability(model, row));
    const z = model.b2 + model.w2[0] * ((row[1] - model.mean[0]) / model.std[0]) + model.w2[1] * ((row[4] - model.mean[1]) / model.std[1]);
    expect(falseProbability(model, row)).toBeCloseTo(1 / (1 + Math.exp(-z)), 12);
  });

  it('refuses labels of one class only', () => {
    expect(() => trainVerifier(new Float64Array(4), new Uint8Array(2), 2)).toThrow(/both classes/);
  });
});
