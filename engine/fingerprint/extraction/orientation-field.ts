/**
 * Ridge orientation at every pixel by the least-squares (gradient covariance) estimate: the
 * doubled-angle average of the gradient, turned by 90° (Bazen & Gerez 2002, "Systematic methods
 * for the computation of the directional fields and singular points of fingerprints", §2;
 * Hong, Wan & Jain 1998 §2.2), with its coherence |Σ(gx²−gy², 2gxgy)| / Σ(gx²+gy²) in [0, 1].
 *
 * Angles here are in pixel coordinates (x right, y down, θ from +x towards +y) in [0, π); the
 * extractor converts minutia directions to the ISO/IEC 19794-2 convention at the very end.
 */
import type { GrayImage } from '../gray-image.js';
import { ORIENTATION_SMOOTH_RADIUS, ORIENTATION_WINDOW_RADIUS, SEGMENT_BLOCK } from './parameters.js';
import { sobelCellsKernel, type SobelCellsKernel } from './extraction-simd.js';
import { boxMean } from './planes.js';

export interface OrientationField {
  width: number;
  height: number;
  /** Ridge direction (along the ridge), radians in [0, π), pixel coordinates. */
  angle: Float32Array;
  /** 1 = perfectly parallel ridges in the window, 0 = no dominant direction. */
  coherence: Float32Array;
}

/**
 * The unsmoothed Sobel covariance sums Σ(gx²−gy²), Σ2gxgy, Σ(gx²+gy²) per SEGMENT_BLOCK block of
 * the interior pixels, as the segmentation's wide coherence needs them: taken from the field's own
 * gradient pass so the image is not differentiated twice. Integer gradients make every sum an exact
 * integer (a 2×2 cell stays below 2²⁴ in float32), so these equal a direct per-block summation bit
 * for bit. Kept beside the field (not in it) so the field's shape and stage output are unchanged.
 */
export interface GradientBlockSums {
  blocksWide: number;
  blocksHigh: number;
  sxx: Float64Array;
  sxy: Float64Array;
  smag: Float64Array;
}
const blockSums = new WeakMap<OrientationField, { pixels: Uint8Array; sums: GradientBlockSums }>();

/** The block sums of the image the field was computed from; undefined for any other image. */
export function gradientBlockSums(field: OrientationField, image: GrayImage): GradientBlockSums | undefined {
  const entry = blockSums.get(field);
  return entry && entry.pixels === image.pixels && field.width === image.width && field.height === image.height ? entry.sums : undefined;
}

/**
 * A study tuning (docs/decisions/orientation-multiscale.md): the covariance window taken per cell
 * from several widths (px, as ORIENTATION_WINDOW_RADIUS), either the one whose coherence is highest
 * ('best'; ties to the first listed) or the coherence²-weighted mean of their mean vectors
 * ('weighted'). The angle alone follows it; the field's coherence stays the ORIENTATION_WINDOW_RADIUS
 * window's, so segmentation and minutia quality read what they read today.
 */
export interface OrientationScales {
  windows: readonly number[];
  combine: 'best' | 'weighted';
}

/**
 * `kernel`: 'auto' takes the Sobel cell sums, their box means and the coherence from WebAssembly
 * SIMD where available (extraction-simd.ts: the same integers and bits; Math.atan2 stays here),
 * 'javascript' always here (the reference, for the test). `scales`: the multi-scale study (unset:
 * today's single window).
 */
export function orientationField(image: GrayImage, kernel: 'auto' | 'javascript' = 'auto', scales?: OrientationScales): OrientationField {
  const { width: w, height: h, pixels: p } = image;
  // The field is smooth over ~2 ridge periods, so the covariance sums run on a 2×2-decimated grid
  // (each cell the sum of its four pixels' gradient products) and are expanded back at the end:
  // a quarter of the box-filter and atan2 work for the same window.
  const hw = (w + 1) >> 1;
  const hh = (h + 1) >> 1;
  const hn = hw * hh;
  // Scratch planes are reused across calls (grown on demand): the field's own outputs are fresh.
  const gxx = scratchPlane(0, hn);
  const gxy = scratchPlane(1, hn);
  const gmag = scratchPlane(2, hn);
  const simd = kernel === 'auto' ? sobelCellsKernel() : null;
  if (simd) simd.run(p, w, h, gxx, gxy, gmag);
  else sobelCells(p, w, h, gxx, gxy, gmag);
  return fieldFromCells(p, w, h, gxx, gxy, gmag, simd, scales);
}

/** The Sobel cell sums in JavaScript (the reference of the WebAssembly kernel). */
function sobelCells(p: Uint8Array, w: number, h: number, gxx: Float32Array, gxy: Float32Array, gmag: Float32Array): void {
  const hw = (w + 1) >> 1;
  const hh = (h + 1) >> 1;
  gxx.fill(0);
  gxy.fill(0);
  gmag.fill(0);
  // Sobel gradients (interior; the border row/column keeps zero gradient), summed per 2×2 cell in
  // locals and stored once: the gradients are integers and a cell's sums stay below 2²⁴, so every
  // partial sum is exact and the order of the four pixels does not change a bit.
  for (let cy = 0; cy < hh; cy++) {
    const y0 = 2 * cy < 1 ? 1 : 2 * cy;
    const y1 = 2 * cy + 1 < h - 2 ? 2 * cy + 1 : h - 2;
    if (y0 > y1) continue;
    const hrow = cy * hw;
    for (let cx = 0; cx < hw; cx++) {
      const x0 = 2 * cx < 1 ? 1 : 2 * cx;
      const x1 = 2 * cx + 1 < w - 2 ? 2 * cx + 1 : w - 2;
      if (x0 > x1) continue;
      let sxxc = 0, sxyc = 0, smagc = 0;
      for (let y = y0; y <= y1; y++) {
        for (let x = x0; x <= x1; x++) {
          const i = y * w + x;
          const a = p[i - w - 1], b = p[i - w], c = p[i - w + 1];
          const d = p[i - 1], f = p[i + 1];
          const g = p[i + w - 1], hh2 = p[i + w], k = p[i + w + 1];
          const gx = c + 2 * f + k - a - 2 * d - g;
          const gy = g + 2 * hh2 + k - a - 2 * b - c;
          sxxc += gx * gx - gy * gy;
          sxyc += 2 * gx * gy;
          smagc += gx * gx + gy * gy;
        }
      }
      gxx[hrow + cx] = sxxc;
      gxy[hrow + cx] = sxyc;
      gmag[hrow + cx] = smagc;
    }
  }
}

function fieldFromCells(p: Uint8Array, w: number, h: number, gxx: Float32Array, gxy: Float32Array, gmag: Float32Array, simd: SobelCellsKernel | null, scales?: OrientationScales): OrientationField {
  const hw = (w + 1) >> 1;
  const hh = (h + 1) >> 1;
  const hn = hw * hh;
  // Block sums of the raw cells before the box filters overwrite them (SEGMENT_BLOCK is even, so a
  // block is whole cells). Summed in float64 over exact integers: order does not matter.
  const cellsPerBlock = SEGMENT_BLOCK >> 1;
  const bw = Math.ceil(w / SEGMENT_BLOCK), bh = Math.ceil(h / SEGMENT_BLOCK);
  const sxx = new Float64Array(bw * bh), sxy = new Float64Array(bw * bh), smag = new Float64Array(bw * bh);
  for (let cy = 0; cy < hh; cy++) {
    const brow = ((cy / cellsPerBlock) | 0) * bw;
    const rowEnd = (cy + 1) * hw;
    for (let bx = 0, j = cy * hw; bx < bw; bx++) {
      let a = 0, c = 0, m = 0;
      for (const e = Math.min(rowEnd, j + cellsPerBlock); j < e; j++) {
        a += gxx[j];
        c += gxy[j];
        m += gmag[j];
      }
      sxx[brow + bx] += a;
      sxy[brow + bx] += c;
      smag[brow + bx] += m;
    }
  }
  const tmp = scratchPlane(3, hn);
  const r1 = Math.max(1, Math.round(ORIENTATION_WINDOW_RADIUS / 2));
  const r2 = Math.max(1, Math.round(ORIENTATION_SMOOTH_RADIUS / 2));
  const coh = scratchPlane(4, hn);
  if (scales) {
    multiScaleVectors(gxx, gxy, gmag, hw, hh, scales, r1, coh);
    smoothDoubledAngle(gxx, gxy, hw, hh, r2, tmp);
  } else if (simd) {
    // The same box means and coherence in WebAssembly, on the sums it still holds (no copies between).
    simd.smoothed(r1, 1 / (2 * r1 + 1), r2, 1 / (2 * r2 + 1), gxx, gxy, coh);
  } else {
    windowMeans(gxx, gxy, gmag, hw, hh, r1, tmp, coh);
    smoothDoubledAngle(gxx, gxy, hw, hh, r2, tmp);
  }
  const ang = scratchPlane(5, hn);
  for (let j = 0; j < hn; j++) {
    // Gradient direction is ½·atan2; the ridge runs perpendicular to it.
    let t = 0.5 * Math.atan2(gxy[j], gxx[j]) + Math.PI / 2;
    if (t >= Math.PI) t -= Math.PI;
    if (t < 0) t += Math.PI;
    ang[j] = t;
  }
  const angle = new Float32Array(w * h);
  const coherence = new Float32Array(w * h);
  // Expansion to pixels: an even row writes each cell's value to its two pixels, the odd row
  // below is the same row again (a copy of float32 bits).
  const pairs = w >> 1;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    if (y & 1) {
      angle.copyWithin(row, row - w, row);
      coherence.copyWithin(row, row - w, row);
      continue;
    }
    const hrow = (y >> 1) * hw;
    for (let c = 0, x = row; c < pairs; c++, x += 2) {
      const a = ang[hrow + c], k = coh[hrow + c];
      angle[x] = a;
      angle[x + 1] = a;
      coherence[x] = k;
      coherence[x + 1] = k;
    }
    if (w & 1) {
      angle[row + w - 1] = ang[hrow + hw - 1];
      coherence[row + w - 1] = coh[hrow + hw - 1];
    }
  }
  const field = { width: w, height: h, angle, coherence };
  blockSums.set(field, { pixels: p, sums: { blocksWide: bw, blocksHigh: bh, sxx, sxy, smag } });
  return field;
}

/**
 * The covariance window's box means, in place on the three cell-sum planes, and the coherence
 * |Σ(gx²−gy², 2gxgy)| / Σ(gx²+gy²) of each cell into `coh` (JavaScript; the SIMD kernel's reference).
 */
function windowMeans(gxx: Float32Array, gxy: Float32Array, gmag: Float32Array, hw: number, hh: number, r: number, tmp: Float32Array, coh: Float32Array): void {
  boxMean(gxx, hw, hh, r, tmp, 'javascript');
  boxMean(gxy, hw, hh, r, tmp, 'javascript');
  boxMean(gmag, hw, hh, r, tmp, 'javascript');
  for (let j = 0; j < hw * hh; j++) {
    const m = gmag[j];
    coh[j] = m > 1e-6 ? Math.min(1, Math.sqrt(gxx[j] * gxx[j] + gxy[j] * gxy[j]) / m) : 0;
  }
}

/**
 * Second smoothing of the doubled-angle field (two box passes ≈ Gaussian) bridges scars and
 * creases without letting noisy blocks vote as loudly: the vectors keep their magnitude.
 */
function smoothDoubledAngle(gxx: Float32Array, gxy: Float32Array, hw: number, hh: number, r2: number, tmp: Float32Array): void {
  boxMean(gxx, hw, hh, r2, tmp, 'javascript');
  boxMean(gxy, hw, hh, r2, tmp, 'javascript');
  boxMean(gxx, hw, hh, r2, tmp, 'javascript');
  boxMean(gxy, hw, hh, r2, tmp, 'javascript');
}

/**
 * The multi-scale study: each window's means and coherence from copies of the raw cell sums; per
 * cell the chosen (or coherence²-weighted) mean vector written into gxx / gxy, and `coh` set to the
 * ORIENTATION_WINDOW_RADIUS window's coherence (cell radius `r1`), as today.
 */
function multiScaleVectors(gxx: Float32Array, gxy: Float32Array, gmag: Float32Array, hw: number, hh: number, scales: OrientationScales, r1: number, coh: Float32Array): void {
  const hn = hw * hh;
  const radii = scales.windows.map((px) => Math.max(1, Math.round(px / 2)));
  if (radii.length === 0) throw new RangeError('orientation scales: at least one window');
  const tmp = new Float32Array(hn);
  const raw = [Float32Array.from(gxx), Float32Array.from(gxy), Float32Array.from(gmag)] as const;
  const window = (r: number) => {
    const [a, b, m] = raw.map((plane) => Float32Array.from(plane));
    const c = new Float32Array(hn);
    windowMeans(a!, b!, m!, hw, hh, r, tmp, c);
    return { a: a!, b: b!, c };
  };
  const bestC = new Float32Array(hn).fill(-1);
  const outX = new Float32Array(hn), outY = new Float32Array(hn), weight = new Float32Array(hn);
  let todayC: Float32Array | undefined;
  for (const r of radii) {
    const { a, b, c } = window(r);
    if (r === r1) todayC ??= c;
    for (let j = 0; j < hn; j++) {
      if (scales.combine === 'best') {
        if (c[j] > bestC[j]) { bestC[j] = c[j]; outX[j] = a[j]; outY[j] = b[j]; }
      } else {
        const wgt = c[j] * c[j];
        outX[j] += wgt * a[j];
        outY[j] += wgt * b[j];
        weight[j] += wgt;
      }
    }
  }
  // Today's window's coherence, for the stages that read it (computed here if it is not among the scales).
  coh.set(todayC ?? window(r1).c);
  for (let j = 0; j < hn; j++) {
    const wj = scales.combine === 'best' ? 1 : weight[j];
    gxx[j] = wj > 0 ? outX[j] / wj : 0;
    gxy[j] = wj > 0 ? outY[j] / wj : 0;
  }
}

/** Per-thread scratch planes for the 2×2-cell sums, grown to the largest image seen. */
const scratch: Float32Array[] = [];
function scratchPlane(slot: number, n: number): Float32Array {
  let plane = scratch[slot];
  if (!plane || plane.length < n) plane = scratch[slot] = new Float32Array(n);
  return plane.length === n ? plane : plane.subarray(0, n);
}
