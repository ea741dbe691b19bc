/**
 * A low-pass pre-filter on the working image (500 ppi): a separable Gaussian of σ px, so that
 * pixel-scale noise does not reach the orientation field and the contextual enhancement
 * (docs/decisions/tenprint-prefilter.md). The sampled kernel exp(−k²/2σ²), |k| ≤ ⌈3σ⌉, is
 * normalised to sum 1; beyond the edge the border pixel repeats; the horizontal pass is kept in
 * float and the vertical pass rounded to 8 bits, the resampler's output type, so every stage reads
 * a GrayImage as before. σ = 0 returns the image itself (extraction bit-identical).
 */
import type { GrayImage } from '../gray-image.js';

/** The normalised half kernel w[0..r] (w[k] = w[−k]) of a Gaussian of σ px, r = ⌈3σ⌉. */
export function gaussianWeights(sigma: number): Float64Array {
  if (!Number.isFinite(sigma) || sigma <= 0) return Float64Array.of(1);
  const r = Math.ceil(3 * sigma);
  const w = new Float64Array(r + 1);
  let sum = 0;
  for (let k = 0; k <= r; k++) {
    w[k] = Math.exp(-(k * k) / (2 * sigma * sigma));
    sum += k === 0 ? w[k] : 2 * w[k];
  }
  for (let k = 0; k <= r; k++) w[k] /= sum;
  return w;
}

export function lowPassImage(image: GrayImage, sigma: number): GrayImage {
  if (!(sigma > 0)) return image;
  const { width: w, height: h, pixels } = image;
  const half = gaussianWeights(sigma);
  const r = half.length - 1;
  // Horizontal pass, tap by tap over a whole row padded by r repeated border pixels (no bounds
  // test, and each inner loop is one multiply-add over contiguous arrays).
  const pw = w + 2 * r;
  const padded = new Float32Array(pw);
  const tmp = new Float32Array(w * h);
  const row = new Float32Array(w);
  const c0 = half[0];
  for (let y = 0; y < h; y++) {
    const at = y * w;
    const first = pixels[at], last = pixels[at + w - 1];
    for (let i = 0; i < r; i++) { padded[i] = first; padded[r + w + i] = last; }
    for (let x = 0; x < w; x++) padded[r + x] = pixels[at + x];
    for (let x = 0; x < w; x++) row[x] = c0 * padded[r + x];
    for (let k = 1; k <= r; k++) {
      const wk = half[k], left = r - k, right = r + k;
      for (let x = 0; x < w; x++) row[x] += wk * (padded[left + x] + padded[right + x]);
    }
    tmp.set(row, at);
  }
  // Vertical pass, a whole row at a time (rows above and below clamped to the image).
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const crow = y * w;
    for (let x = 0; x < w; x++) row[x] = c0 * tmp[crow + x];
    for (let k = 1; k <= r; k++) {
      const wk = half[k];
      const up = Math.max(0, y - k) * w, down = Math.min(h - 1, y + k) * w;
      for (let x = 0; x < w; x++) row[x] += wk * (tmp[up + x] + tmp[down + x]);
    }
    for (let x = 0; x < w; x++) {
      // Math.round for 0 ≤ s without the slow call (as resolution.ts).
      const s = row[x];
      const f = s | 0;
      out[crow + x] = s <= 0 ? 0 : s >= 255 ? 255 : s - f >= 0.5 ? f + 1 : f;
    }
  }
  return { width: w, height: h, pixels: out, ...(image.ppi !== undefined ? { ppi: image.ppi } : {}) };
}
