/**
 * The automatic latent ROI by a learnt block classifier (issue 11, points 1 and 7; study and
 * figures: docs/decisions/latent-roi-classifier.md). The spectral rules of region-of-interest.ts
 * judge each block on a few thresholds; on marks over text, ruled lines, printed patterns and other
 * prints they keep much of the background. Here each spectrum block gets ROI_FEATURE_COUNT numbers
 * the extractor already has at hand (its ridge spectrum and its gray levels, alone and over the
 * blocks about it), a *local* logistic regression turns them into a probability that the block
 * lies on the mark, and a *shape* logistic regression reads that probability with its averages over
 * wider neighbourhoods (a mark is an area; a ruled line or a scatter of letters is thin or
 * sparse). Blocks at or above the fitted threshold then go through the same morphology, largest
 * component and convex hull as the spectral ROI (regionOfBlocks).
 *
 * The weights are learnt on generated marks only (gen:latent-marks seed 11), whose true ROI is
 * known: scripts/latent-roi-train.ts writes roi-classifier-weights.ts. Pure and deterministic.
 */
import type { GrayImage } from '../fingerprint/gray-image.js';
import { type LogisticModel, probability } from '../fingerprint/extraction/background-blocks.js';
import { gaussian } from './latent-orientation.js';
import { neighbourAgreement, regionOfBlocks, type RegionOfInterest, ridgeLikeBlocks } from './region-of-interest.js';
import type { RidgeSpectrum } from './ridge-spectrum.js';

/**
 * A one-hidden-layer network on standardised features: p = σ(out · tanh(hidden · z + hiddenBias) + outBias),
 * z = (x − mean) / scale.
 */
export interface TinyMlp {
  mean: readonly number[];
  scale: readonly number[];
  /** Row per hidden unit, ROI_FEATURE_COUNT weights each. */
  hidden: readonly (readonly number[])[];
  hiddenBias: readonly number[];
  out: readonly number[];
  outBias: number;
}

export interface RoiClassifier {
  /** Block features → probability on the mark: a logistic regression or a tiny MLP. */
  local: LogisticModel | TinyMlp;
  shape: LogisticModel;
  /** A block is on the mark when the shape model's probability reaches this. */
  threshold: number;
  /** The hull is pushed out by this many px (labels are block centres, so 0: the corners already reach half a block past them). */
  marginPx: number;
  /**
   * 'alone': the classifier's blocks are the ROI's; 'and-rules': a block must also pass the spectral
   * rules (region-of-interest.ts ridgeLikeBlocks), so the classifier can only take blocks away.
   * Absent: 'alone'.
   */
  combine?: 'alone' | 'and-rules';
}

export const ROI_FEATURES = [
  'peakShare', 'bandEnergy', 'totalEnergy', 'secondPeak', 'agreement', 'period', 'periodDeviation', 'poreShare', 'grayMean', 'graySpread',
  'near.peakShare', 'near.bandEnergy', 'near.agreement', 'near.periodDeviation', 'near.poreShare', 'near.graySpread',
  'wide.peakShare', 'wide.agreement',
] as const;
export const ROI_FEATURE_COUNT = ROI_FEATURES.length;
export const ROI_SHAPE_FEATURES = ['localLogit', 'probability.sigma1.5', 'probability.sigma3'] as const;
export const ROI_SHAPE_FEATURE_COUNT = ROI_SHAPE_FEATURES.length;

/** Features of the 3×3 mean (by index into ROI_FEATURES) and of the σ 2 block Gaussian mean. */
const NEAR = [0, 1, 4, 6, 7, 9];
const WIDE = [0, 4];
const WIDE_SIGMA_BLOCKS = 2;
const SHAPE_SIGMAS = [1.5, 3];
const LOGIT_CLIP = 15;

/** ROI_FEATURE_COUNT values per block, row-major by block (block b at b·ROI_FEATURE_COUNT). */
export function roiBlockFeatures(spectrum: RidgeSpectrum, image: GrayImage): Float32Array {
  const { blocksWide: bw, blocksHigh: bh, candidates: K, block: B } = spectrum;
  const n = bw * bh;
  const F = ROI_FEATURE_COUNT;
  const out = new Float32Array(n * F);
  const band = new Float32Array(n);
  for (let b = 0; b < n; b++) band[b] = spectrum.candidateEnergy[b * K]!;
  const p95 = quantile(band, 0.95);
  const medianEnergy = quantile(spectrum.energy, 0.5);
  const medianShare = quantile(spectrum.peakShare, 0.5);
  const periods: number[] = [];
  for (let b = 0; b < n; b++) if (band[b]! > 0 && spectrum.peakShare[b]! > medianShare) periods.push(spectrum.candidatePeriod[b * K]!);
  periods.sort((a, c) => a - c);
  const medianPeriod = periods.length > 0 ? periods[periods.length >> 1]! : 0;
  const gray = windowGray(image, bw, bh, B, 2 * B);
  const grayLevels = quantiles256(image.pixels, [0.05, 0.5, 0.95]);
  const graySpan = Math.max(1, grayLevels[2]! - grayLevels[0]!);
  const spreadP95 = Math.max(1e-6, quantile(gray.spread, 0.95));
  const bandEps = 1e-6 * p95 + 1e-9;
  const energyEps = 1e-6 * medianEnergy + 1e-9;
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const b = by * bw + bx;
      const o = b * F;
      const e0 = band[b]!;
      out[o] = spectrum.peakShare[b]!;
      out[o + 1] = clamp(Math.log((e0 + bandEps) / (p95 + bandEps)), -12, 3);
      out[o + 2] = clamp(Math.log((spectrum.energy[b]! + energyEps) / (medianEnergy + energyEps)), -12, 12);
      out[o + 3] = e0 > 0 ? spectrum.candidateEnergy[b * K + 1]! / e0 : 0;
      const { sum: a, weight: wsum } = neighbourAgreement(spectrum, bx, by, spectrum.candidateAngle[b * K]!);
      out[o + 4] = e0 > 0 && wsum > 0 ? a / wsum : 0;
      const period = e0 > 0 ? spectrum.candidatePeriod[b * K]! : 0;
      out[o + 5] = period;
      out[o + 6] = period > 0 && medianPeriod > 0 ? Math.min(1, Math.abs(Math.log(period / medianPeriod))) : 1;
      out[o + 7] = spectrum.poreShare[b]!;
      out[o + 8] = (gray.mean[b]! - grayLevels[1]!) / graySpan;
      out[o + 9] = gray.spread[b]! / spreadP95;
    }
  }
  // 3×3 means (over the blocks inside the image).
  for (let k = 0; k < NEAR.length; k++) {
    const f = NEAR[k]!;
    for (let by = 0; by < bh; by++) {
      for (let bx = 0; bx < bw; bx++) {
        let s = 0, c = 0;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const x = bx + dx, y = by + dy;
            if (x < 0 || y < 0 || x >= bw || y >= bh) continue;
            s += out[(y * bw + x) * F + f]!;
            c++;
          }
        }
        out[(by * bw + bx) * F + 10 + k] = s / c;
      }
    }
  }
  for (let k = 0; k < WIDE.length; k++) {
    const mean = smoothed(out, F, WIDE[k]!, bw, bh, WIDE_SIGMA_BLOCKS);
    for (let b = 0; b < n; b++) out[b * F + 10 + NEAR.length + k] = mean[b]!;
  }
  return out;
}

/** The local model's probability per block. */
export function roiLocalProbabilities(local: LogisticModel | TinyMlp, features: Float32Array, blocks: number): Float32Array {
  const p = new Float32Array(blocks);
  if ('weights' in local) {
    for (let b = 0; b < blocks; b++) p[b] = probability(local, features, b, ROI_FEATURE_COUNT);
    return p;
  }
  const F = ROI_FEATURE_COUNT;
  const z = new Float64Array(F);
  for (let b = 0; b < blocks; b++) {
    for (let f = 0; f < F; f++) z[f] = (features[b * F + f]! - local.mean[f]!) / local.scale[f]!;
    let t = local.outBias;
    for (let k = 0; k < local.hidden.length; k++) {
      const row = local.hidden[k]!;
      let a = local.hiddenBias[k]!;
      for (let f = 0; f < F; f++) a += row[f]! * z[f]!;
      t += local.out[k]! * Math.tanh(a);
    }
    p[b] = 1 / (1 + Math.exp(-t));
  }
  return p;
}

/** ROI_SHAPE_FEATURE_COUNT values per block from the local probabilities. */
export function roiShapeFeatures(local: Float32Array, bw: number, bh: number): Float32Array {
  const n = bw * bh;
  const S = ROI_SHAPE_FEATURE_COUNT;
  const out = new Float32Array(n * S);
  for (let b = 0; b < n; b++) {
    const p = Math.min(1 - 1e-7, Math.max(1e-7, local[b]!));
    out[b * S] = clamp(Math.log(p / (1 - p)), -LOGIT_CLIP, LOGIT_CLIP);
  }
  for (let k = 0; k < SHAPE_SIGMAS.length; k++) {
    const mean = smoothed(local, 1, 0, bw, bh, SHAPE_SIGMAS[k]!);
    for (let b = 0; b < n; b++) out[b * S + 1 + k] = mean[b]!;
  }
  return out;
}

/** The shape model's probability per block (the classifier's output before its threshold). */
export function roiProbabilities(classifier: RoiClassifier, spectrum: RidgeSpectrum, image: GrayImage): Float32Array {
  const { blocksWide: bw, blocksHigh: bh } = spectrum;
  const n = bw * bh;
  const local = roiLocalProbabilities(classifier.local, roiBlockFeatures(spectrum, image), n);
  const shape = roiShapeFeatures(local, bw, bh);
  const p = new Float32Array(n);
  for (let b = 0; b < n; b++) p[b] = probability(classifier.shape, shape, b, ROI_SHAPE_FEATURE_COUNT);
  return p;
}

/** The automatic ROI: blocks whose probability reaches the threshold, then regionOfBlocks. */
export function classifiedRegionOfInterest(classifier: RoiClassifier, spectrum: RidgeSpectrum, image: GrayImage): RegionOfInterest {
  const p = roiProbabilities(classifier, spectrum, image);
  const on = new Uint8Array(p.length);
  const rules = classifier.combine === 'and-rules' ? ridgeLikeBlocks(spectrum) : null;
  for (let b = 0; b < p.length; b++) on[b] = p[b]! >= classifier.threshold && (rules === null || rules[b]) ? 1 : 0;
  return regionOfBlocks(spectrum, on, classifier.marginPx);
}

/** Feature `f` of rows of `stride` values, Gaussian-averaged over blocks (normalised at the border). */
function smoothed(values: Float32Array, stride: number, f: number, bw: number, bh: number, sigma: number): Float32Array {
  const n = bw * bh;
  const v = new Float32Array(n);
  for (let b = 0; b < n; b++) v[b] = values[b * stride + f]!;
  const ones = new Float32Array(n).fill(1);
  gaussian(v, bw, bh, sigma);
  gaussian(ones, bw, bh, sigma);
  for (let b = 0; b < n; b++) v[b] = v[b]! / ones[b]!;
  return v;
}

/** Gray mean and standard deviation of the `side` px window centred on each block centre (in-image part). */
function windowGray(image: GrayImage, bw: number, bh: number, B: number, side: number): { mean: Float32Array; spread: Float32Array } {
  const { width: w, height: h, pixels } = image;
  // Integral images of the gray levels and their squares.
  const W1 = w + 1;
  const s1 = new Float64Array(W1 * (h + 1));
  const s2 = new Float64Array(W1 * (h + 1));
  for (let y = 0; y < h; y++) {
    let r1 = 0, r2 = 0;
    for (let x = 0; x < w; x++) {
      const v = pixels[y * w + x]!;
      r1 += v;
      r2 += v * v;
      s1[(y + 1) * W1 + x + 1] = s1[y * W1 + x + 1]! + r1;
      s2[(y + 1) * W1 + x + 1] = s2[y * W1 + x + 1]! + r2;
    }
  }
  const mean = new Float32Array(bw * bh);
  const spread = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const cx = bx * B + (B >> 1), cy = by * B + (B >> 1);
      const x0 = Math.max(0, cx - (side >> 1)), x1 = Math.min(w, cx + (side >> 1));
      const y0 = Math.max(0, cy - (side >> 1)), y1 = Math.min(h, cy + (side >> 1));
      const count = Math.max(1, (x1 - x0) * (y1 - y0));
      const a = s1[y1 * W1 + x1]! - s1[y0 * W1 + x1]! - s1[y1 * W1 + x0]! + s1[y0 * W1 + x0]!;
      const q = s2[y1 * W1 + x1]! - s2[y0 * W1 + x1]! - s2[y1 * W1 + x0]! + s2[y0 * W1 + x0]!;
      const m = a / count;
      mean[by * bw + bx] = m;
      spread[by * bw + bx] = Math.sqrt(Math.max(0, q / count - m * m));
    }
  }
  return { mean, spread };
}

function quantile(values: Float32Array, q: number): number {
  if (values.length === 0) return 0;
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

/** Gray levels at the given quantiles of 8-bit pixels (histogram). */
function quantiles256(pixels: Uint8Array, qs: readonly number[]): number[] {
  const hist = new Float64Array(256);
  for (let i = 0; i < pixels.length; i++) hist[pixels[i]!]++;
  return qs.map((q) => {
    const target = q * (pixels.length - 1);
    let acc = 0;
    for (let g = 0; g < 256; g++) {
      acc += hist[g]!;
      if (acc > target) return g;
    }
    return 255;
  });
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
