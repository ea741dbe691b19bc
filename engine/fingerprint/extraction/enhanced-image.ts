/**
 * Contextual enhancement: at every finger pixel an even-symmetric Gabor filter tuned to the local
 * ridge orientation and period (Hong, Wan & Jain 1998 §2.4). The Gabor kernel is the product of a
 * band-pass (cosine × Gaussian) across the ridges and a Gaussian along them, so in the rotated
 * frame it is separable: we run the two 1-D filters one after the other along the local normal and
 * the local ridge direction — 2·(2r+1) taps per pixel instead of (2r+1)². Kernels are precomputed
 * for ENHANCE_ANGLES orientations × period bins; sampling is nearest-pixel on a padded copy, so the
 * inner loops have no bounds checks. Measured against a TensorFlow.js (wasm) filter bank in
 * bench/extract-gabor.bench.ts: typed arrays win, 19.2 against 142.8 ms per image
 * (docs/decisions/extraction-typed-arrays.md).
 *
 * Output is signed: negative on ridges (dark), positive in valleys; 0 outside the mask.
 */
import type { GrayImage } from '../gray-image.js';
import type { OrientationField } from './orientation-field.js';
import {
  ENHANCE_ANGLES,
  ENHANCE_KERNEL_SIGMAS,
  ENHANCE_MAX_RADIUS,
  ENHANCE_PERIOD_STEP,
  ENHANCE_SIGMA_ACROSS,
  ENHANCE_SIGMA_ALONG,
  PERIOD_MAX,
  PERIOD_MIN,
} from './parameters.js';
import type { RidgeFrequency } from './ridge-frequency.js';
import type { SegmentationMask } from './segmentation-mask.js';
import { enhanceKernel, type KernelBank } from './extraction-simd.js';

export interface EnhancedImage {
  width: number;
  height: number;
  /** Filter response; < 0 on ridges. 0 outside the mask. */
  data: Float32Array;
}

const PERIOD_BINS = Math.round((PERIOD_MAX - PERIOD_MIN) / ENHANCE_PERIOD_STEP) + 1;
const banks = new Map<string, { across: KernelBank; along: KernelBank }>();

/**
 * The along-the-ridge pass's radius cap (and so the padding) for an envelope width `sigmaAlong`:
 * ENHANCE_MAX_RADIUS at today's ENHANCE_SIGMA_ALONG, grown in proportion for a wider envelope so
 * that it is cut at the same share of its width (docs/decisions/enhancement-along-width.md).
 */
export function alongRadiusCap(sigmaAlong: number): number {
  return grownRadiusCap(sigmaAlong, ENHANCE_SIGMA_ALONG);
}

/**
 * The across-the-ridges pass's radius cap for an envelope width `sigmaAcross`: ENHANCE_MAX_RADIUS at
 * today's ENHANCE_SIGMA_ACROSS and below, grown in proportion above (the study of
 * docs/decisions/enhancement-across-width.md).
 */
export function acrossRadiusCap(sigmaAcross: number): number {
  return grownRadiusCap(sigmaAcross, ENHANCE_SIGMA_ACROSS);
}

/** ENHANCE_MAX_RADIUS up to the shipped width `today`, in proportion to the width above it. */
function grownRadiusCap(sigma: number, today: number): number {
  return sigma <= today ? ENHANCE_MAX_RADIUS : Math.round((ENHANCE_MAX_RADIUS * sigma) / today);
}

/** Kernels depend only on the padded width and the two envelopes; cached per all three (a worker sees few sizes). */
function kernelBanks(paddedWidth: number, sigmaAlong: number, sigmaAcross: number): { across: KernelBank; along: KernelBank } {
  const key = `${paddedWidth}:${sigmaAlong}:${sigmaAcross}`;
  let b = banks.get(key);
  if (!b) {
    b = { across: makeBank(paddedWidth, true, sigmaAcross, acrossRadiusCap(sigmaAcross)), along: makeBank(paddedWidth, false, sigmaAlong, alongRadiusCap(sigmaAlong)) };
    if (banks.size > 16) banks.clear();
    banks.set(key, b);
  }
  return b;
}

function makeBank(pw: number, across: boolean, sigmaShare: number, radiusCap: number): KernelBank {
  const bins = ENHANCE_ANGLES * PERIOD_BINS;
  const start = new Int32Array(bins);
  const count = new Int32Array(bins);
  const weights: number[] = [];
  const offsets: number[] = [];
  for (let a = 0; a < ENHANCE_ANGLES; a++) {
    const t = (a * Math.PI) / ENHANCE_ANGLES;
    // Direction of the 1-D filter: across = ridge normal, along = ridge direction.
    const dx = across ? -Math.sin(t) : Math.cos(t);
    const dy = across ? Math.cos(t) : Math.sin(t);
    for (let pb = 0; pb < PERIOD_BINS; pb++) {
      const period = PERIOD_MIN + pb * ENHANCE_PERIOD_STEP;
      const sigma = sigmaShare * period;
      const r = Math.min(radiusCap, Math.ceil(ENHANCE_KERNEL_SIGMAS * sigma));
      const bin = a * PERIOD_BINS + pb;
      start[bin] = weights.length;
      count[bin] = 2 * r + 1;
      const ws: number[] = [];
      let sumW = 0, sumG = 0;
      for (let k = -r; k <= r; k++) {
        const g = Math.exp((-k * k) / (2 * sigma * sigma));
        const v = across ? g * Math.cos((2 * Math.PI * k) / period) : g;
        ws.push(v);
        sumW += v;
        sumG += g;
      }
      // Across: remove the DC response (subtract a scaled envelope) so flat gray gives 0.
      // Along: normalise to unit gain.
      for (let k = -r; k <= r; k++) {
        const g = Math.exp((-k * k) / (2 * sigma * sigma));
        const v = ws[k + r];
        weights.push(across ? v - (g * sumW) / sumG : v / sumW);
        offsets.push(Math.round(k * dx) + Math.round(k * dy) * pw);
      }
    }
  }
  return { paddedWidth: pw, start, count, weight: Float32Array.from(weights), offset: Int32Array.from(offsets) };
}

/**
 * `kernel`: 'auto' runs the two filter passes in WebAssembly SIMD where available
 * (extraction-simd.ts, the same bits), 'javascript' always here (the reference, for the test).
 * `sigmaAlong`: the along-the-ridge envelope as a fraction of the period (a study tuning,
 * docs/decisions/enhancement-along-width.md; today ENHANCE_SIGMA_ALONG); `sigmaAcross` the same
 * across the ridges (docs/decisions/enhancement-across-width.md; today ENHANCE_SIGMA_ACROSS).
 */
export function enhancedImage(
  image: GrayImage,
  orientation: OrientationField,
  frequency: RidgeFrequency,
  segmentation: SegmentationMask,
  kernel: 'auto' | 'javascript' = 'auto',
  sigmaAlong: number = ENHANCE_SIGMA_ALONG,
  sigmaAcross: number = ENHANCE_SIGMA_ACROSS,
): EnhancedImage {
  if (!(sigmaAlong > 0) || !Number.isFinite(sigmaAlong)) throw new RangeError('sigmaAlong: a positive share of the ridge period');
  if (!(sigmaAcross > 0) || !Number.isFinite(sigmaAcross)) throw new RangeError('sigmaAcross: a positive share of the ridge period');
  const { width: w, height: h, pixels } = image;
  const P = Math.max(ENHANCE_MAX_RADIUS, alongRadiusCap(sigmaAlong), acrossRadiusCap(sigmaAcross));
  const pw = w + 2 * P;
  const ph = h + 2 * P;
  const { across, along } = kernelBanks(pw, sigmaAlong, sigmaAcross);
  // The period bin is taken once per block (the same expressions as per pixel).
  const A = ENHANCE_ANGLES;
  const { blocksWide, blocksHigh, block } = frequency;
  const periodBin = new Int32Array(blocksWide * blocksHigh);
  for (let j = 0; j < periodBin.length; j++) {
    let pb = Math.round((frequency.period[j] - PERIOD_MIN) / ENHANCE_PERIOD_STEP);
    if (pb < 0) pb = 0;
    else if (pb >= PERIOD_BINS) pb = PERIOD_BINS - 1;
    periodBin[j] = pb;
  }
  const column = new Int32Array(w);
  for (let x = 0; x < w; x++) column[x] = Math.min(blocksWide - 1, (x / block) | 0);
  const rowBase = new Int32Array(h);
  for (let y = 0; y < h; y++) rowBase[y] = Math.min(blocksHigh - 1, (y / block) | 0) * blocksWide;
  const angle = orientation.angle;
  // WebAssembly SIMD where available: the padding, bins, dilated mask and both passes there.
  const simd = kernel === 'auto' ? enhanceKernel() : null;
  if (simd) {
    const data = simd.run(pixels, angle, { periodBin, rowBase, column }, A, PERIOD_BINS, segmentation.mask, w, h, P, across, along);
    return { width: w, height: h, data };
  }
  // Padded source, edges replicated. (Scratch reused across calls: every element is written below.)
  const src = scratch.src.length >= pw * ph ? scratch.src.subarray(0, pw * ph) : (scratch.src = new Float32Array(pw * ph));
  for (let y = 0; y < ph; y++) {
    const srow = (y < P ? 0 : y >= h + P ? h - 1 : y - P) * w;
    const row = y * pw;
    const left = pixels[srow], right = pixels[srow + w - 1];
    for (let x = 0; x < P; x++) src[row + x] = left;
    for (let x = 0; x < w; x++) src[row + P + x] = pixels[srow + x];
    for (let x = w + P; x < pw; x++) src[row + x] = right;
  }
  // Per-pixel filter bin (angle × period): the angle bin again only where the angle changes (it is
  // constant over 2×2 cells), without a Math.round per pixel.
  const bin = scratch.bin.length >= w * h ? scratch.bin.subarray(0, w * h) : (scratch.bin = new Int32Array(w * h)); // every element written below
  let lastAngle = NaN;
  let angleBin = 0;
  for (let y = 0; y < h; y++) {
    const brow = rowBase[y];
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const t = angle[i];
      if (t !== lastAngle) {
        lastAngle = t;
        angleBin = Math.round((t * A) / Math.PI);
        if (angleBin >= A) angleBin -= A;
      }
      bin[i] = angleBin * PERIOD_BINS + periodBin[brow + column[x]];
    }
  }
  // Pass 1, band-pass across the ridges, wherever pass 2 may read (mask dilated by its reach).
  const near = nearMask(segmentation.mask, w, h, P);
  const mid = new Float32Array(pw * ph);
  const aw = across.weight, ao = across.offset;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!near[i]) continue;
      const pi = (y + P) * pw + x + P;
      const b = bin[i];
      const s0 = across.start[b];
      const e = s0 + across.count[b];
      let s = 0;
      for (let k = s0; k < e; k++) s += aw[k] * src[pi + ao[k]];
      mid[pi] = s;
    }
  }
  // Pass 2, low-pass along the ridges, on the mask.
  const out = new Float32Array(w * h);
  const gw = along.weight, go = along.offset;
  const mask = segmentation.mask;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (!mask[i]) continue;
      const pi = (y + P) * pw + x + P;
      const b = bin[i];
      const s0 = along.start[b];
      const e = s0 + along.count[b];
      let s = 0;
      for (let k = s0; k < e; k++) s += gw[k] * mid[pi + go[k]];
      out[i] = s;
    }
  }
  return { width: w, height: h, data: out };
}

/** Per-thread scratch of enhancedImage (padded source, filter bins), grown to the largest image seen. */
const scratch = { src: new Float32Array(0), bin: new Int32Array(0) };

/** 1 within `r` px (Chebyshev) of the mask: separable running max. */
function nearMask(mask: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const tmp = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    let last = -1e9;
    for (let x = 0; x < w; x++) if (mask[y * w + x]) last = x; else if (x - last <= r) tmp[y * w + x] = 1;
    // forward pass marks pixels right of a mask pixel; backward marks those left of one
    last = 1e9;
    for (let x = w - 1; x >= 0; x--) {
      const i = y * w + x;
      if (mask[i]) { tmp[i] = 1; last = x; } else if (last - x <= r) tmp[i] = 1;
    }
  }
  const out = new Uint8Array(w * h);
  for (let x = 0; x < w; x++) {
    let last = -1e9;
    for (let y = 0; y < h; y++) if (tmp[y * w + x]) { out[y * w + x] = 1; last = y; } else if (y - last <= r) out[y * w + x] = 1;
    last = 1e9;
    for (let y = h - 1; y >= 0; y--) if (tmp[y * w + x]) last = y; else if (last - y <= r) out[y * w + x] = 1;
  }
  return out;
}
