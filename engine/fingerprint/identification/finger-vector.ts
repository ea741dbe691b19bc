/**
 * The fixed-length finger vector used for candidate retrieval: a soft histogram of minutia-pair
 * features, mapped by a fitted, partially whitened PCA (finger-vector-projection.ts) to
 * FINGER_VECTOR.projection.dimensions and compared by cosine similarity.
 *
 * For every pair of minutiae (i, j) at distance d in [minPairDistancePx, maxPairDistancePx], with φ
 * the direction of the segment i→j, the features are (d, θi − φ, θj − φ). They do not change when
 * the finger is rotated or translated, which is the invariance MCC indexing gets from
 * minutia-centred cylinders (Cappelli, Ferrara, Maltoni 2011, §3) and spectral minutiae from the
 * Fourier magnitude (Xu, Veldhuis et al. 2009, §2); pair features give it exactly and cheaply.
 * Both orders of a pair are counted so the vector does not depend on minutia order. Soft
 * (linear) binning on each axis tolerates skin distortion and direction noise; a square root
 * before L2 normalisation (the Hellinger map) keeps a few dense regions from dominating.
 *
 * The vector is a shortlist key, not a score: the exact matcher re-ranks what it retrieves.
 */
import { EngineError } from '../../errors.js';
import type { FingerprintTemplate, Minutia } from '../template.js';
import { applyProjection, shippedProjection } from './finger-vector-projection.js';
import { FINGER_VECTOR } from './parameters.js';

export interface FingerVectorParameters {
  minPairDistancePx: number;
  maxPairDistancePx: number;
  distanceBins: number;
  angleBins: number;
  softBinning: boolean;
}

const TWO_PI = 2 * Math.PI;

/** Length of the pair histogram (the projection's input). */
export function pairHistogramDimension(p: FingerVectorParameters = FINGER_VECTOR): number {
  return p.distanceBins * p.angleBins * p.angleBins;
}

/** Length of the finger vector the index stores. */
export function fingerVectorDimension(): number {
  return FINGER_VECTOR.projection.dimensions;
}

/**
 * Names the vector definition (bins, projection file hash). Saved with a candidate index, so an
 * index built from another definition is refused and rebuilt instead of searched with vectors
 * that mean something else.
 */
export const FINGER_VECTOR_ID = `pairs-${FINGER_VECTOR.distanceBins}x${FINGER_VECTOR.angleBins}x${FINGER_VECTOR.angleBins}-${FINGER_VECTOR.minPairDistancePx}-${FINGER_VECTOR.maxPairDistancePx}px-q${FINGER_VECTOR.qualityExponent}-pcaw${FINGER_VECTOR.projection.dimensions}-${FINGER_VECTOR.projection.sha256.slice(0, 12)}`;

/**
 * A pair's weight, (q̃a · q̃b)^γ, q̃ = quality / 100, quality 0 (unknown) as 1 (the shipped vector
 * uses γ = FINGER_VECTOR.qualityExponent, 0 today), so a template without qualities (generated ones, some imported ones) gives the unweighted histogram.
 */
export function qualityPairWeight(gamma: number): (a: Minutia, b: Minutia) => number {
  const q = (m: Minutia): number => (m.quality > 0 ? m.quality / 100 : 1);
  return (a, b) => (q(a) * q(b)) ** gamma;
}

// Exponent 0 weighs every pair 1: the unweighted histogram, bit for bit, without a call per pair.
const shippedPairWeight = FINGER_VECTOR.qualityExponent === 0 ? undefined : qualityPairWeight(FINGER_VECTOR.qualityExponent);

/**
 * A template's finger vector (length `fingerVectorDimension()`, unit L2 norm): the pair histogram
 * through the shipped projection. A template without any pair in range has an empty
 * histogram; its vector is the zero vector (no direction to compare), so it is never anyone's near
 * neighbour.
 */
export function fingerVector(template: FingerprintTemplate): number[] {
  const raw = shippedHistogram(template);
  if (raw.every((x) => x === 0)) return new Array<number>(fingerVectorDimension()).fill(0);
  const projection = shippedProjection(FINGER_VECTOR.projection.sha256);
  if (projection.inputDimension !== raw.length || projection.outputDimension !== fingerVectorDimension()) {
    throw EngineError.internal('finger vector projection does not fit the histogram bins; refit it (scripts/fit-finger-vector.ts)');
  }
  return applyProjection(projection, raw);
}

/** The shipped projection's input: the pair histogram, each pair weighted as FINGER_VECTOR.qualityExponent says (unweighted at 0). */
function shippedHistogram(template: FingerprintTemplate): number[] {
  return pairHistogramVector(template, FINGER_VECTOR, shippedPairWeight);
}

/**
 * The pair histogram: soft bins, square root, unit L2 norm (the projection's input). `pairWeight`
 * (study code only, finger-vector-local.ts): each pair's weight in place of 1; without it the
 * histogram is the shipped one bit for bit.
 */
export function pairHistogramVector(template: FingerprintTemplate, p: FingerVectorParameters = FINGER_VECTOR, pairWeight?: (a: Minutia, b: Minutia) => number): number[] {
  const ms = template.minutiae;
  if (!Array.isArray(ms)) throw EngineError.invalidArgument('template.minutiae', 'must be an array');
  const nd = p.distanceBins;
  const na = p.angleBins;
  const hist = new Float64Array(nd * na * na);
  const dMin = p.minPairDistancePx;
  const dSpan = p.maxPairDistancePx - p.minPairDistancePx;
  const n = ms.length;
  for (let i = 0; i < n; i++) {
    const a = ms[i];
    for (let j = i + 1; j < n; j++) {
      const b = ms[j];
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const d = Math.hypot(dx, dy);
      if (d < dMin || d > p.maxPairDistancePx) continue;
      // Segment direction in the template convention (CCW from +x as viewed, y down).
      const phi = Math.atan2(-dy, dx);
      const dPos = ((d - dMin) / dSpan) * nd - 0.5;
      const w = pairWeight ? pairWeight(a, b) : 1;
      addPair(hist, p, dPos, wrapAngle(a.direction - phi), wrapAngle(b.direction - phi), w);
      addPair(hist, p, dPos, wrapAngle(b.direction - phi - Math.PI), wrapAngle(a.direction - phi - Math.PI), w);
    }
  }
  return hellingerUnitNorm(hist);
}

/** The Hellinger map of a histogram: square root of each bin, then unit L2 norm (all zero stays all zero). */
export function hellingerUnitNorm(hist: Float64Array): number[] {
  let norm = 0;
  const out = new Array<number>(hist.length);
  for (let k = 0; k < hist.length; k++) {
    const v = Math.sqrt(hist[k]);
    out[k] = v;
    norm += v * v;
  }
  if (norm > 0) {
    const s = 1 / Math.sqrt(norm);
    for (let k = 0; k < out.length; k++) out[k] *= s;
  }
  return out;
}

/** Cosine similarity of two finger vectors (both unit norm, so the dot product). */
export function fingerVectorSimilarity(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * b[k];
  return s;
}

/** An angle in [0, 2π). */
export function wrapAngle(angle: number): number {
  const r = angle % TWO_PI;
  return r < 0 ? r + TWO_PI : r;
}

// `weight` multiplies last, so a weight of 1 leaves every sum exactly as it was (x · 1 = x).
function addPair(hist: Float64Array, p: FingerVectorParameters, dPos: number, alpha: number, beta: number, weight: number): void {
  const nd = p.distanceBins;
  const na = p.angleBins;
  const aPos = (alpha / TWO_PI) * na - 0.5;
  const bPos = (beta / TWO_PI) * na - 0.5;
  if (!p.softBinning) {
    const di = Math.min(nd - 1, Math.max(0, Math.round(dPos)));
    const ai = ((Math.round(aPos) % na) + na) % na;
    const bi = ((Math.round(bPos) % na) + na) % na;
    hist[(di * na + ai) * na + bi] += weight;
    return;
  }
  // Distance axis clamps at its ends; angle axes are circular.
  const d0 = Math.floor(dPos);
  const fd = dPos - d0;
  const a0 = Math.floor(aPos);
  const fa = aPos - a0;
  const b0 = Math.floor(bPos);
  const fb = bPos - b0;
  for (let u = 0; u < 2; u++) {
    const di = Math.min(nd - 1, Math.max(0, d0 + u));
    const wd = u === 0 ? 1 - fd : fd;
    for (let v = 0; v < 2; v++) {
      const ai = (((a0 + v) % na) + na) % na;
      const wa = v === 0 ? 1 - fa : fa;
      for (let w = 0; w < 2; w++) {
        const bi = (((b0 + w) % na) + na) % na;
        const wb = w === 0 ? 1 - fb : fb;
        hist[(di * na + ai) * na + bi] += wd * wa * wb * weight;
      }
    }
  }
}
