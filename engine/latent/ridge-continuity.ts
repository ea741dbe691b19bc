/**
 * Ridge continuity across dots and pores: the mark low-passed along the local ridge orientation
 * (a 1-D Gaussian of CONTINUITY_SIGMA_PX along the ridge, nothing across it). Some marks render a
 * ridge as a row of dots: pores, powder, or the GAN sets' pore-like texture, where the dots along a
 * ridge sit 4–5 px apart. The row's along-ridge period falls outside the ridge band (periods
 * SPECTRUM_PERIOD_MIN–MAX), so its energy counts against the ridge peak's share and the spectral
 * ridge test (region-of-interest.ts) rejects the block, and the gradient estimates see round blobs.
 * Smoothed along the flow, a row of dots reads as a ridge while the ridge period across the flow
 * is untouched (the same idea as the along-ridge Gaussian of the Gabor enhancement, Hong, Wan &
 * Jain 1998 §2.4, here applied before the ridge tests rather than inside the filter).
 *
 * The orientation is the latent orientation field settled on the unsmoothed spectrum, so a line or
 * a word crossing the ridges is smoothed along the ridges, i.e. across itself, and fades.
 */
import type { OrientationField } from '../fingerprint/extraction/orientation-field.js';
import type { GrayImage } from '../fingerprint/gray-image.js';
import { CONTINUITY_ANGLES, CONTINUITY_SIGMA_PX } from './latent-parameters.js';

/**
 * `gate` [c0, c1]: where the flow's coherence (orientation.coherence) is below c0 — about cores,
 * deltas and where the field is unsure — the mark is kept as it is, above c1 fully smoothed, in
 * between blended, so that the low-pass never runs along a wrong direction across real ridges.
 */
export function ridgeContinuityImage(image: GrayImage, orientation: OrientationField, sigma: number = CONTINUITY_SIGMA_PX, gate?: readonly [number, number]): GrayImage {
  const { width: w, height: h, pixels } = image;
  if (!(sigma > 0)) return { width: w, height: h, pixels: Uint8Array.from(pixels), ppi: image.ppi };
  const r = Math.max(1, Math.ceil(2.5 * sigma));
  const pw = w + 2 * r;
  const ph = h + 2 * r;
  // Padded copy, edges replicated, so the taps need no bounds checks.
  const src = new Float32Array(pw * ph);
  for (let y = 0; y < ph; y++) {
    const sy = y < r ? 0 : y >= h + r ? h - 1 : y - r;
    for (let x = 0; x < pw; x++) {
      const sx = x < r ? 0 : x >= w + r ? w - 1 : x - r;
      src[y * pw + x] = pixels[sy * w + sx];
    }
  }
  // One kernel per orientation bin: nearest-pixel taps along the ridge direction, unit gain.
  const A = CONTINUITY_ANGLES;
  const taps = 2 * r + 1;
  const offset = new Int32Array(A * taps);
  const weight = new Float32Array(taps);
  let sum = 0;
  for (let k = -r; k <= r; k++) sum += weight[k + r] = Math.exp((-k * k) / (2 * sigma * sigma));
  for (let k = 0; k < taps; k++) weight[k] /= sum;
  for (let a = 0; a < A; a++) {
    const t = (a * Math.PI) / A;
    const dx = Math.cos(t), dy = Math.sin(t);
    for (let k = -r; k <= r; k++) offset[a * taps + k + r] = Math.round(k * dx) + Math.round(k * dy) * pw;
  }
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      let a = Math.round((orientation.angle[i] * A) / Math.PI);
      if (a >= A) a -= A;
      if (a < 0) a += A;
      const pi = (y + r) * pw + x + r;
      const o = a * taps;
      let s = 0;
      for (let k = 0; k < taps; k++) s += weight[k] * src[pi + offset[o + k]];
      if (gate) {
        const c = (orientation.coherence[i] - gate[0]) / Math.max(1e-6, gate[1] - gate[0]);
        const a = c < 0 ? 0 : c > 1 ? 1 : c;
        s = a * s + (1 - a) * pixels[i];
      }
      out[i] = s < 0 ? 0 : s > 255 ? 255 : Math.round(s);
    }
  }
  return { width: w, height: h, pixels: out, ppi: image.ppi };
}
