/**
 * Enhancement of a mark, guided by the latent orientation field. Two steps:
 *   1. contrast normalisation: each pixel's deviation from its local mean over the local mean
 *      absolute deviation (NORMALISE_*_RADIUS), so that a faint mark beside dark print or a
 *      shadow gets the same ridge contrast as the rest — the tenprint filter assumes one contrast;
 *   2. the tenprint contextual filter (enhanced-image.ts: an even-symmetric Gabor tuned to the
 *      local orientation and period, Hong, Wan & Jain 1998 §2.4), fed the latent orientation and
 *      the ridge period of the chosen spectral peaks. A filter that follows the ridges passes
 *      them and averages away what crosses them: ruled lines, strokes and other marks at other
 *      orientations or periods.
 * The ridge period map is taken from the spectrum (the period of each block's settled peak) rather
 * than the tenprint x-signature, which counts a line's or a letter's edges as ridges.
 */
import { enhancedImage, type EnhancedImage } from '../fingerprint/extraction/enhanced-image.js';
import type { OrientationField } from '../fingerprint/extraction/orientation-field.js';
import { boxMean } from '../fingerprint/extraction/planes.js';
import { PERIOD_DEFAULT, PERIOD_MAX, PERIOD_MIN } from '../fingerprint/extraction/parameters.js';
import type { RidgeFrequency } from '../fingerprint/extraction/ridge-frequency.js';
import type { GrayImage } from '../fingerprint/gray-image.js';
import type { LatentOrientation } from './latent-orientation.js';
import { NORMALISE_DEVIATION_RADIUS, NORMALISE_MEAN_RADIUS } from './latent-parameters.js';
import type { SegmentationMask } from '../fingerprint/extraction/segmentation-mask.js';
import type { RidgeSpectrum } from './ridge-spectrum.js';

/** Contrast-normalised gray image: local mean 128, local mean absolute deviation 40 gray levels. */
export function normalisedImage(image: GrayImage): GrayImage {
  const { width: w, height: h, pixels } = image;
  const n = w * h;
  const mean = new Float32Array(n);
  for (let i = 0; i < n; i++) mean[i] = pixels[i];
  boxMean(mean, w, h, NORMALISE_MEAN_RADIUS);
  const dev = new Float32Array(n);
  for (let i = 0; i < n; i++) dev[i] = Math.abs(pixels[i] - mean[i]);
  boxMean(dev, w, h, NORMALISE_DEVIATION_RADIUS);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = 128 + (40 * (pixels[i] - mean[i])) / Math.max(2, dev[i]);
    out[i] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
  }
  return { width: w, height: h, pixels: out, ppi: 500 };
}

/** The ridge period per spectrum block: the settled peak's period, averaged with clear neighbours. */
export function latentRidgeFrequency(spectrum: RidgeSpectrum, orientation: LatentOrientation): RidgeFrequency {
  const { blocksWide: bw, blocksHigh: bh, candidates: K } = spectrum;
  const n = bw * bh;
  const own = new Float32Array(n);
  const weight = new Float32Array(n);
  for (let b = 0; b < n; b++) {
    const k = orientation.chosen[b];
    const p = spectrum.candidatePeriod[b * K + k];
    if (spectrum.candidateEnergy[b * K + k] > 0 && p >= PERIOD_MIN && p <= PERIOD_MAX) {
      own[b] = p;
      weight[b] = spectrum.peakShare[b];
    }
  }
  let ws = 0, ps = 0;
  for (let b = 0; b < n; b++) { ws += weight[b]; ps += weight[b] * own[b]; }
  const fallback = ws > 0 ? ps / ws : PERIOD_DEFAULT;
  const period = new Float32Array(n);
  const measured = new Uint8Array(n);
  // Weighted mean over the 5×5 blocks about each block; blocks with no clear neighbour take the image's mean period.
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let s = 0, c = 0;
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const x = bx + dx, y = by + dy;
          if (x < 0 || y < 0 || x >= bw || y >= bh) continue;
          const j = y * bw + x;
          s += weight[j] * own[j];
          c += weight[j];
        }
      }
      const b = by * bw + bx;
      const p = c > 1e-6 ? s / c : fallback;
      period[b] = p < PERIOD_MIN ? PERIOD_MIN : p > PERIOD_MAX ? PERIOD_MAX : p;
      measured[b] = weight[b] > 0 ? 1 : 0;
    }
  }
  return { width: spectrum.width, height: spectrum.height, block: spectrum.block, blocksWide: bw, blocksHigh: bh, period, measured };
}

export function latentEnhancedImage(normalised: GrayImage, orientation: OrientationField, frequency: RidgeFrequency, roi: SegmentationMask): EnhancedImage {
  return enhancedImage(normalised, orientation, frequency, roi);
}
