/**
 * Training of the minutia verifier (docs/decisions/minutia-verifier.md): a one-hidden-layer network
 * (extraction/minutia-verifier.ts VerifierModel) fitted by plain mini-batch SGD with momentum on the
 * weighted cross-entropy, the two classes weighted to equal total weight (false minutiae are few),
 * from a seeded start, so that a run is reproducible. The declared settings are TRAIN_DEFAULTS.
 */
import type { VerifierModel } from '../../engine/fingerprint/extraction/minutia-verifier.js';
import { mulberry32 } from '../../fixtures/seeded-random.js';

export interface TrainOptions {
  /** Hidden tanh units; 0 = logistic regression. */
  hidden: number;
  /** The feature columns to read (all when absent). */
  select?: number[];
  epochs: number;
  batch: number;
  learningRate: number;
  momentum: number;
  l2: number;
  seed: number;
}

export const TRAIN_DEFAULTS: TrainOptions = { hidden: 16, epochs: 40, batch: 64, learningRate: 0.01, momentum: 0.9, l2: 1e-4, seed: 27 };

export { mulberry32 };

/** Trains on `n` rows of `inputs` features (`x` row-major) and labels `y` (1 = false minutia). */
export function trainVerifier(xAll: Float64Array, y: Uint8Array, rowLength: number, options: Partial<TrainOptions> = {}): VerifierModel {
  const o = { ...TRAIN_DEFAULTS, ...options };
  const n = y.length;
  if (xAll.length !== n * rowLength) throw new Error('features and labels disagree in length');
  const sel = o.select;
  const inputs = sel ? sel.length : rowLength;
  const x = sel ? Float64Array.from({ length: n * inputs }, (_, q) => xAll[Math.floor(q / inputs) * rowLength + sel[q % inputs]]) : xAll;
  const positives = y.reduce((s, v) => s + v, 0);
  if (positives === 0 || positives === n) throw new Error('training needs both classes');
  // Standardise; a constant feature keeps std 1 (so it contributes nothing after centring).
  const mean = new Array<number>(inputs).fill(0), std = new Array<number>(inputs).fill(0);
  for (let r = 0; r < n; r++) for (let i = 0; i < inputs; i++) mean[i] += x[r * inputs + i] / n;
  for (let r = 0; r < n; r++) for (let i = 0; i < inputs; i++) std[i] += (x[r * inputs + i] - mean[i]) ** 2 / n;
  for (let i = 0; i < inputs; i++) std[i] = std[i] > 1e-12 ? Math.sqrt(std[i]) : 1;
  const xs = new Float64Array(x.length);
  for (let r = 0; r < n; r++) for (let i = 0; i < inputs; i++) xs[r * inputs + i] = (x[r * inputs + i] - mean[i]) / std[i];
  const weight = [n / (2 * (n - positives)), n / (2 * positives)];
  // A logistic regression is the network with the inputs as its "hidden" layer (identity, no tanh).
  const logistic = o.hidden === 0;
  const H = logistic ? 0 : o.hidden, W2 = logistic ? inputs : H, rand = mulberry32(o.seed);
  const limit1 = Math.sqrt(6 / (inputs + H)), limit2 = Math.sqrt(6 / (W2 + 1));
  const w1 = Float64Array.from({ length: H * inputs }, () => (2 * rand() - 1) * limit1);
  const b1 = new Float64Array(H), w2 = Float64Array.from({ length: W2 }, () => (logistic ? 0 : (2 * rand() - 1) * limit2));
  let b2 = 0;
  const vw1 = new Float64Array(w1.length), vb1 = new Float64Array(H), vw2 = new Float64Array(W2);
  let vb2 = 0;
  const gw1 = new Float64Array(w1.length), gb1 = new Float64Array(H), gw2 = new Float64Array(W2);
  const h = new Float64Array(W2), order = Int32Array.from({ length: n }, (_, k) => k);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let k = n - 1; k > 0; k--) { const j = Math.floor(rand() * (k + 1)); const t = order[k]; order[k] = order[j]; order[j] = t; }
    for (let start = 0; start < n; start += o.batch) {
      const end = Math.min(n, start + o.batch), m = end - start;
      gw1.fill(0); gb1.fill(0); gw2.fill(0);
      let gb2 = 0;
      for (let q = start; q < end; q++) {
        const r = order[q], off = r * inputs;
        let z = b2;
        if (logistic) for (let i = 0; i < inputs; i++) { h[i] = xs[off + i]; z += w2[i] * h[i]; }
        for (let u = 0; u < H; u++) {
          let a = b1[u];
          const row = u * inputs;
          for (let i = 0; i < inputs; i++) a += w1[row + i] * xs[off + i];
          h[u] = Math.tanh(a);
          z += w2[u] * h[u];
        }
        const p = 1 / (1 + Math.exp(-z));
        const dz = (weight[y[r]] * (p - y[r])) / m;
        gb2 += dz;
        if (logistic) for (let i = 0; i < inputs; i++) gw2[i] += dz * h[i];
        for (let u = 0; u < H; u++) {
          gw2[u] += dz * h[u];
          const da = dz * w2[u] * (1 - h[u] * h[u]);
          gb1[u] += da;
          const row = u * inputs;
          for (let i = 0; i < inputs; i++) gw1[row + i] += da * xs[off + i];
        }
      }
      for (let i = 0; i < w1.length; i++) { vw1[i] = o.momentum * vw1[i] - o.learningRate * (gw1[i] + o.l2 * w1[i]); w1[i] += vw1[i]; }
      for (let u = 0; u < H; u++) { vb1[u] = o.momentum * vb1[u] - o.learningRate * gb1[u]; b1[u] += vb1[u]; }
      for (let u = 0; u < W2; u++) { vw2[u] = o.momentum * vw2[u] - o.learningRate * (gw2[u] + o.l2 * w2[u]); w2[u] += vw2[u]; }
      vb2 = o.momentum * vb2 - o.learningRate * gb2; b2 += vb2;
    }
  }
  return { inputs: rowLength, ...(sel ? { select: [...sel] } : {}), hidden: H, mean, std, w1: Array.from(w1), b1: Array.from(b1), w2: Array.from(w2), b2 };
}
