/**
 * A per-block finger / background classifier for the segmentation mask (issue 15: "segmentation
 * that works on any background"). Bazen & Gerez 2001 ("Segmentation of fingerprint images",
 * ProRISC) classify pixels linearly on coherence, mean and variance; here blocks are classified by
 * a logistic regression on those three and their neighbourhood (a finger is a dense, dark,
 * coherent region; texture is lighter, fainter, or less coherent at a wider scale). Only blocks
 * that already passed the spread and coherence tests are classified: the classifier can remove
 * background, never add finger.
 *
 * The weights are learnt by scripts/segmentation-blocks.ts from development backgrounds laid over
 * FVC2002 prints, the labels being the clean print's own mask
 * (docs/decisions/segmentation-block-classifier.md).
 */
import { largestComponent } from './planes.js';

/** The features, in order (each a plain number per block; see blockFeatures). */
export const BLOCK_FEATURES = [
  'spread', // block spread / the image's 90th-percentile block spread, at most 2
  'coherence', // orientation coherence at the block centre (the orientation field's own)
  'wideCoherence', // coherence of the Sobel gradients over 5×5 blocks (40 px)
  'darkness', // (light − block mean) / (light − dark), light and dark the image's 95th and 5th percentile grays
  'depth', // (light − (block mean − block spread)) / (light − dark): how dark the ridges reach
  'density', // share of candidate blocks among the 5×5 around
  'nearSpread', // mean spread of the candidates among the 5×5 around
  'nearWideCoherence', // mean wide coherence of the candidates among the 5×5 around
  'nearDarkness', // mean darkness of the candidates among the 5×5 around
  'spreadByCoherence', // spread × wide coherence (the texture stage's score)
] as const;
export const FEATURE_COUNT = BLOCK_FEATURES.length;

/** A logistic regression over standardised features: σ(bias + Σ w·(f − mean)/scale). */
export interface LogisticModel {
  mean: readonly number[];
  scale: readonly number[];
  weights: readonly number[];
  bias: number;
}

/**
 * Two logistic regressions: `local` on each block's own statistics and its neighbourhood
 * (BLOCK_FEATURES), then `shape` on where the block lies relative to the finger the first one
 * sees (SHAPE_FEATURES): a finger is one compact blob, texture lies around it.
 */
export interface BlockClassifier {
  local: LogisticModel;
  shape: LogisticModel | null;
  /** A candidate block stays finger when the last model's probability reaches this. */
  threshold: number;
  /**
   * The classifier abstains (keeps every candidate) unless at least this share of the candidates
   * falls below the threshold: on a clean background the few it would drop are the finger's own
   * weak border, not texture. Absent or 0: it always acts.
   */
  minBackgroundShare?: number;
  /**
   * Candidates within this many blocks (8-neighbourhood steps) of a kept block are kept too: the
   * finger's weak border, which the classifier cuts with the texture, grows back; texture beyond
   * stays cut. Absent or 0: none.
   */
  regrowBlocks?: number;
}

/** The shape features, in order (see shapeFeatures). */
export const SHAPE_FEATURES = [
  'localLogit', // the local model's log-odds, within ±10
  'nearProbability', // the local probability summed over the 5×5 around / 25 (0 for non-candidates)
  'wideProbability', // the same over 11×11
  'blobDistance', // Mahalanobis distance to the blob of probable finger blocks (weighted centre and spread), at most 4
  'coreDistance', // distance in blocks to the largest connected set of probable finger blocks, at most 8
] as const;
export const SHAPE_FEATURE_COUNT = SHAPE_FEATURES.length;

export interface BlockInputs {
  bw: number;
  bh: number;
  /** Per block: gray-level spread and mean over the segmentation window, centre coherence, wide coherence. */
  std: Float32Array;
  mean: Float32Array;
  coh: Float32Array;
  wide: Float32Array;
  /** 1 = passed the spread and coherence tests. */
  candidates: Uint8Array;
  /** The image's 90th-percentile block spread, and its 95th / 5th percentile grays. */
  p90: number;
  light: number;
  dark: number;
}

/** FEATURE_COUNT values per block, block-major (block b's features at b·FEATURE_COUNT). */
export function blockFeatures(k: BlockInputs, radius = 2): Float32Array {
  const { bw, bh, std, mean, coh, wide, candidates, p90, light, dark } = k;
  const nb = bw * bh;
  const range = Math.max(1, light - dark);
  const out = new Float32Array(nb * FEATURE_COUNT);
  const spread = new Float32Array(nb), darkness = new Float32Array(nb);
  for (let b = 0; b < nb; b++) {
    spread[b] = p90 > 0 ? Math.min(2, std[b] / p90) : 0;
    darkness[b] = (light - mean[b]) / range;
  }
  // Neighbourhood sums over the candidates: a row pass then a column pass per quantity.
  const on = new Float32Array(nb), onSpread = new Float32Array(nb), onWide = new Float32Array(nb), onDark = new Float32Array(nb);
  for (let b = 0; b < nb; b++) {
    if (!candidates[b]) continue;
    on[b] = 1;
    onSpread[b] = spread[b];
    onWide[b] = wide[b];
    onDark[b] = darkness[b];
  }
  const count = windowSums(on, bw, bh, radius), ss = windowSums(onSpread, bw, bh, radius);
  const sw = windowSums(onWide, bw, bh, radius), sd = windowSums(onDark, bw, bh, radius);
  for (let by = 0; by < bh; by++) {
    const rows = Math.min(bh - 1, by + radius) - Math.max(0, by - radius) + 1;
    for (let bx = 0; bx < bw; bx++) {
      const all = rows * (Math.min(bw - 1, bx + radius) - Math.max(0, bx - radius) + 1);
      const b = by * bw + bx;
      const c = count[b];
      const o = b * FEATURE_COUNT;
      out[o] = spread[b];
      out[o + 1] = coh[b];
      out[o + 2] = wide[b];
      out[o + 3] = darkness[b];
      out[o + 4] = (light - mean[b] + std[b]) / range;
      out[o + 5] = c / all;
      out[o + 6] = c > 0 ? ss[b] / c : 0;
      out[o + 7] = c > 0 ? sw[b] / c : 0;
      out[o + 8] = c > 0 ? sd[b] / c : 0;
      out[o + 9] = Math.min(1, spread[b]) * wide[b];
    }
  }
  return out;
}

/** The model's probability for the row at `row` of a table with `stride` values per row. */
export function probability(m: LogisticModel, features: Float32Array, row: number, stride: number): number {
  let z = m.bias;
  const o = row * stride;
  for (let f = 0; f < stride; f++) z += (m.weights[f] * (features[o + f] - m.mean[f])) / m.scale[f];
  return 1 / (1 + Math.exp(-z));
}

/** The local model's probability per block (0 for a non-candidate). */
export function localProbabilities(m: LogisticModel, features: Float32Array, candidates: Uint8Array): Float32Array {
  const p = new Float32Array(candidates.length);
  for (let b = 0; b < p.length; b++) if (candidates[b]) p[b] = probability(m, features, b, FEATURE_COUNT);
  return p;
}

/** SHAPE_FEATURE_COUNT values per block from the local probabilities (`p`, 0 off the candidates). */
export function shapeFeatures(p: Float32Array, bw: number, bh: number): Float32Array {
  const nb = bw * bh;
  const out = new Float32Array(nb * SHAPE_FEATURE_COUNT);
  // Blob: centre and covariance of the block positions weighted by p over the probable ones (p ≥ ½).
  let sw = 0, sx = 0, sy = 0;
  for (let b = 0; b < nb; b++) if (p[b] >= 0.5) { const x = b % bw, y = (b / bw) | 0; sw += p[b]; sx += p[b] * x; sy += p[b] * y; }
  const cx = sw > 0 ? sx / sw : bw / 2, cy = sw > 0 ? sy / sw : bh / 2;
  let vxx = 0, vxy = 0, vyy = 0;
  for (let b = 0; b < nb; b++) if (p[b] >= 0.5) { const dx = (b % bw) - cx, dy = ((b / bw) | 0) - cy; vxx += p[b] * dx * dx; vxy += p[b] * dx * dy; vyy += p[b] * dy * dy; }
  if (sw > 0) { vxx /= sw; vxy /= sw; vyy /= sw; }
  vxx += 1; vyy += 1; // at least a block's spread
  const det = vxx * vyy - vxy * vxy;
  // Core: the largest 4-connected set of probable blocks; distance to it by a two-pass chamfer (blocks).
  const core = largestProbable(p, bw, bh);
  const dist = new Float32Array(nb).fill(1e9);
  for (let b = 0; b < nb; b++) if (core[b]) dist[b] = 0;
  for (let y = 0; y < bh; y++) for (let x = 0; x < bw; x++) {
    const b = y * bw + x;
    if (x > 0) dist[b] = Math.min(dist[b], dist[b - 1] + 1);
    if (y > 0) dist[b] = Math.min(dist[b], dist[b - bw] + 1);
  }
  for (let y = bh - 1; y >= 0; y--) for (let x = bw - 1; x >= 0; x--) {
    const b = y * bw + x;
    if (x < bw - 1) dist[b] = Math.min(dist[b], dist[b + 1] + 1);
    if (y < bh - 1) dist[b] = Math.min(dist[b], dist[b + bw] + 1);
  }
  const near = windowSums(p, bw, bh, 2), wide = windowSums(p, bw, bh, 5);
  for (let b = 0; b < nb; b++) {
    const o = b * SHAPE_FEATURE_COUNT;
    const q = Math.min(1 - 1e-6, Math.max(1e-6, p[b]));
    out[o] = Math.max(-10, Math.min(10, Math.log(q / (1 - q))));
    out[o + 1] = near[b] / 25;
    out[o + 2] = wide[b] / 121;
    const dx = (b % bw) - cx, dy = ((b / bw) | 0) - cy;
    out[o + 3] = Math.min(4, Math.sqrt(Math.max(0, (vyy * dx * dx - 2 * vxy * dx * dy + vxx * dy * dy) / det)));
    out[o + 4] = sw > 0 ? Math.min(8, dist[b]) : 8;
  }
  return out;
}

/** Sums over the (2r+1)² window (clipped), a row pass then a column pass. */
function windowSums(v: Float32Array, bw: number, bh: number, r: number): Float32Array {
  const rows = new Float32Array(bw * bh), out = new Float32Array(bw * bh);
  for (let y = 0; y < bh; y++) for (let x = 0; x < bw; x++) {
    let s = 0;
    for (let k = Math.max(0, x - r); k <= Math.min(bw - 1, x + r); k++) s += v[y * bw + k];
    rows[y * bw + x] = s;
  }
  for (let y = 0; y < bh; y++) for (let x = 0; x < bw; x++) {
    let s = 0;
    for (let k = Math.max(0, y - r); k <= Math.min(bh - 1, y + r); k++) s += rows[k * bw + x];
    out[y * bw + x] = s;
  }
  return out;
}

/** The largest 4-connected set of blocks with p ≥ ½. */
function largestProbable(p: Float32Array, bw: number, bh: number): Uint8Array {
  const on = new Uint8Array(bw * bh);
  for (let i = 0; i < on.length; i++) on[i] = p[i] >= 0.5 ? 1 : 0;
  return largestComponent(on, bw, bh);
}

/** The candidates the classifier keeps. */
export function classifiedBlocks(c: BlockClassifier, k: BlockInputs): Uint8Array {
  const nb = k.bw * k.bh;
  let p = localProbabilities(c.local, blockFeatures(k), k.candidates);
  if (c.shape) {
    const shape = shapeFeatures(p, k.bw, k.bh);
    const q = new Float32Array(nb);
    for (let b = 0; b < nb; b++) if (k.candidates[b]) q[b] = probability(c.shape, shape, b, SHAPE_FEATURE_COUNT);
    p = q;
  }
  const out = new Uint8Array(nb);
  let candidates = 0, dropped = 0;
  for (let b = 0; b < nb; b++) {
    if (!k.candidates[b]) continue;
    candidates++;
    if (p[b] >= c.threshold) out[b] = 1;
    else dropped++;
  }
  if (dropped < (c.minBackgroundShare ?? 0) * candidates) return k.candidates.slice();
  for (let step = 0; step < (c.regrowBlocks ?? 0); step++) {
    const grown = out.slice();
    for (let b = 0; b < nb; b++) {
      if (out[b] || !k.candidates[b]) continue;
      const x = b % k.bw, y = (b / k.bw) | 0;
      search: for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx, yy = y + dy;
          if (xx >= 0 && yy >= 0 && xx < k.bw && yy < k.bh && out[yy * k.bw + xx]) { grown[b] = 1; break search; }
        }
      }
    }
    out.set(grown);
  }
  return out;
}
