/**
 * A learned minutia verifier (development study, docs/decisions/minutia-verifier.md; off unless
 * ExtractOptions.tuning.verifier is given). Each minutia is described by a patch of the enhanced
 * image rotated to its direction plus the scalars the extractor already has, and a one-hidden-layer
 * network gives the probability that it is false; minutiae above the study's τ are dropped.
 * The weights come from scripts/eval/minutia-verifier-train.ts (labels from genuine-pair consensus,
 * scripts/eval/minutia-verifier-labels.ts); nothing here is trained at run time.
 */
import type { GrayImage } from '../gray-image.js';
import type { EnhancedImage } from './enhanced-image.js';
import { clarityScore } from './minutia-quality.js';
import type { MinutiaCandidate } from './minutiae.js';
import type { OrientationField } from './orientation-field.js';
import { VERIFIER_BORDER_PX, VERIFIER_PATCH_SIDE, VERIFIER_PATCH_STEP } from './parameters.js';
import { frequencyBlockAt, type RidgeFrequency } from './ridge-frequency.js';
import type { SegmentationMask } from './segmentation-mask.js';

/** Patch samples, then the nine scalars (see minutiaFeatures). */
export const VERIFIER_FEATURES = VERIFIER_PATCH_SIDE * VERIFIER_PATCH_SIDE + 9;

/**
 * One hidden layer of tanh units and a sigmoid output, on inputs standardised by `mean` / `std`;
 * with `hidden` 0, a logistic regression (`w2` weighs the inputs themselves).
 */
export interface VerifierModel {
  /** Length of a feature row (VERIFIER_FEATURES). */
  inputs: number;
  /** The row's entries the model reads, in order (all when absent); `mean`, `std` and the weights are per read input. */
  select?: number[];
  hidden: number;
  mean: number[];
  std: number[];
  /** hidden × read inputs, row-major. */
  w1: number[];
  b1: number[];
  w2: number[];
  b2: number;
}

/** The stage outputs the features read. */
export interface VerifierStages {
  image: GrayImage;
  enhanced: EnhancedImage;
  orientation: OrientationField;
  frequency: RidgeFrequency;
  segmentation: SegmentationMask;
}

function periodOf(f: RidgeFrequency, x: number, y: number): { period: number; measured: number } {
  const b = frequencyBlockAt(f, x, y);
  return { period: f.period[b], measured: f.measured[b] };
}

/** Bilinear sample of the filter response; 0 outside the image (the response is 0 off the mask too). */
function sample(e: EnhancedImage, x: number, y: number): number {
  const x0 = Math.floor(x), y0 = Math.floor(y);
  if (x0 < 0 || y0 < 0 || x0 + 1 >= e.width || y0 + 1 >= e.height) return 0;
  const fx = x - x0, fy = y - y0, i = y0 * e.width + x0;
  const d = e.data;
  return (1 - fy) * ((1 - fx) * d[i] + fx * d[i + 1]) + fy * ((1 - fx) * d[i + e.width] + fx * d[i + e.width + 1]);
}

/**
 * Each minutia's VERIFIER_FEATURES values, row after row: the patch (its +u axis along the
 * minutia's direction, so a ridge ending looks alike whichever way the finger lies), divided by its
 * RMS so that contrast does not count; then quality / 100, clarity score, coherence, border
 * distance (saturating), period / 10, measured-period flag, type (1 ending), neighbours within one
 * period / 4 (at most 1), nearest neighbour distance / period / 3 (at most 1).
 */
export function minutiaFeatures(found: readonly MinutiaCandidate[], s: VerifierStages): Float64Array {
  const side = VERIFIER_PATCH_SIDE, step = VERIFIER_PATCH_STEP, half = (side - 1) / 2;
  const out = new Float64Array(found.length * VERIFIER_FEATURES);
  const w = s.orientation.width;
  for (let k = 0; k < found.length; k++) {
    const m = found[k];
    const row = k * VERIFIER_FEATURES;
    const c = Math.cos(m.angle), sn = Math.sin(m.angle);
    let sq = 0;
    for (let v = 0; v < side; v++) {
      for (let u = 0; u < side; u++) {
        const du = (u - half) * step, dv = (v - half) * step;
        const val = sample(s.enhanced, m.x + c * du - sn * dv, m.y + sn * du + c * dv);
        out[row + v * side + u] = val;
        sq += val * val;
      }
    }
    const rms = Math.sqrt(sq / (side * side));
    if (rms > 1e-9) for (let q = 0; q < side * side; q++) out[row + q] /= rms;
    const { period, measured } = periodOf(s.frequency, m.x, m.y);
    let within = 0, nearest = Infinity;
    for (let j = 0; j < found.length; j++) {
      if (j === k) continue;
      const d = Math.hypot(found[j].x - m.x, found[j].y - m.y);
      if (d <= period) within++;
      if (d < nearest) nearest = d;
    }
    let f = row + side * side;
    out[f++] = m.quality / 100;
    out[f++] = clarityScore(s.image, s.enhanced, m.x, m.y);
    out[f++] = s.orientation.coherence[m.y * w + m.x];
    out[f++] = Math.min(s.segmentation.borderDistance[m.y * w + m.x], VERIFIER_BORDER_PX) / VERIFIER_BORDER_PX;
    out[f++] = period / 10;
    out[f++] = measured;
    out[f++] = m.type === 'ending' ? 1 : 0;
    out[f++] = Math.min(within / 4, 1);
    out[f++] = Math.min(nearest / period / 3, 1);
  }
  return out;
}

/** P(false) of the feature row starting at `offset`. */
export function falseProbability(model: VerifierModel, x: ArrayLike<number>, offset = 0): number {
  const sel = model.select, read = sel ? sel.length : model.inputs;
  const input = (i: number): number => (x[offset + (sel ? sel[i] : i)] - model.mean[i]) / model.std[i];
  let z = model.b2;
  if (model.hidden === 0) {
    for (let i = 0; i < read; i++) z += model.w2[i] * input(i);
  }
  for (let h = 0; h < model.hidden; h++) {
    let a = model.b1[h];
    const r = h * read;
    for (let i = 0; i < read; i++) a += model.w1[r + i] * input(i);
    z += model.w2[h] * Math.tanh(a);
  }
  return 1 / (1 + Math.exp(-z));
}

/** The minutiae whose P(false) is at most `maxFalse`, in their order. */
export function verifiedMinutiae(found: MinutiaCandidate[], stages: VerifierStages, model: VerifierModel, maxFalse: number): MinutiaCandidate[] {
  if (model.inputs !== VERIFIER_FEATURES) throw new Error(`verifier model has ${model.inputs} inputs, the features are ${VERIFIER_FEATURES}`);
  const x = minutiaFeatures(found, stages);
  return found.filter((_, k) => falseProbability(model, x, k * VERIFIER_FEATURES) <= maxFalse);
}
