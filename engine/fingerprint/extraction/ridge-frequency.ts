/**
 * Local ridge period (px at 500 ppi; frequency = 1 / period) on FREQUENCY_BLOCK blocks, by the
 * oriented-window "x-signature" of Hong, Wan & Jain 1998 §2.3: gray levels averaged along the
 * ridges and read across them form a sinusoid whose peak spacing is the period. Blocks without a
 * plausible period take the mean of their neighbours' (interpolation, §2.3 step 4), then the map
 * is smoothed.
 */
import type { GrayImage } from '../gray-image.js';
import { signatureKernel } from './extraction-simd.js';
import type { OrientationField } from './orientation-field.js';
import type { SegmentationMask } from './segmentation-mask.js';
import {
  FREQUENCY_BLOCK,
  FREQUENCY_WINDOW_LENGTH,
  FREQUENCY_WINDOW_WIDTH,
  PERIOD_DEFAULT,
  PERIOD_MAX,
  PERIOD_MIN,
  PERIOD_SMOOTH_BLOCKS,
} from './parameters.js';

export interface RidgeFrequency {
  width: number;
  height: number;
  block: number;
  blocksWide: number;
  blocksHigh: number;
  /** Ridge period in px per block (row-major); always within [PERIOD_MIN, PERIOD_MAX]. */
  period: Float32Array;
  /** 1 where the block's own signal gave the period, 0 where it was interpolated. */
  measured: Uint8Array;
}

/** The index of the block holding a pixel (clamped to the last row and column). */
export function frequencyBlockAt(f: RidgeFrequency, x: number, y: number): number {
  const bx = Math.min(f.blocksWide - 1, (x / f.block) | 0);
  const by = Math.min(f.blocksHigh - 1, (y / f.block) | 0);
  return by * f.blocksWide + bx;
}

/** The period at a pixel (nearest block). */
export function periodAt(f: RidgeFrequency, x: number, y: number): number {
  return f.period[frequencyBlockAt(f, x, y)];
}

/**
 * `kernel`: 'auto' takes each block's x-signature from WebAssembly where available
 * (extraction-simd.ts: the same f64 operations), 'javascript' always here (the reference, for the test).
 */
export function ridgeFrequency(image: GrayImage, orientation: OrientationField, segmentation: SegmentationMask, kernel: 'auto' | 'javascript' = 'auto'): RidgeFrequency {
  const { width: w, height: h, pixels } = image;
  const B = FREQUENCY_BLOCK;
  const bw = Math.ceil(w / B);
  const bh = Math.ceil(h / B);
  const period = new Float32Array(bw * bh);
  const measured = new Uint8Array(bw * bh);
  const L = FREQUENCY_WINDOW_LENGTH;
  const W = FREQUENCY_WINDOW_WIDTH;
  const sig = new Float32Array(L);
  const sm = new Float32Array(L);
  const simd = kernel === 'auto' ? signatureKernel() : null;
  simd?.image(pixels, w, h, L);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const cx = Math.min(w - 1, bx * B + (B >> 1));
      const cy = Math.min(h - 1, by * B + (B >> 1));
      const ci = cy * w + cx;
      if (!segmentation.mask[ci]) continue;
      const t = orientation.angle[ci];
      const dx = Math.cos(t), dy = Math.sin(t); // along the ridge
      const nx = -dy, ny = dx; // across
      let ok = true;
      if (simd && Number.isFinite(dx) && Number.isFinite(dy)) ok = simd.run(cx, cy, nx, ny, dx, dy, L, W, sig);
      else for (let k = 0; k < L && ok; k++) {
        const s = k - L / 2 + 0.5;
        let sum = 0;
        let cnt = 0;
        for (let u = -W / 2 + 0.5; u < W / 2; u++) {
          const x = Math.round(cx + s * nx + u * dx);
          const y = Math.round(cy + s * ny + u * dy);
          if (x < 0 || y < 0 || x >= w || y >= h) continue;
          sum += pixels[y * w + x];
          cnt++;
        }
        if (cnt < W / 2) ok = false;
        sig[k] = cnt ? sum / cnt : 0;
      }
      if (!ok) continue;
      sm[0] = sig[0];
      sm[L - 1] = sig[L - 1];
      let lo = Infinity, hi = -Infinity;
      for (let k = 1; k < L - 1; k++) {
        sm[k] = 0.25 * sig[k - 1] + 0.5 * sig[k] + 0.25 * sig[k + 1];
        if (sm[k] < lo) lo = sm[k];
        if (sm[k] > hi) hi = sm[k];
      }
      if (hi - lo < 4) continue; // flat: no ridges to count
      // Peaks of the valley (bright) signal; a peak must rise above its neighbours by a fraction
      // of the block's contrast so that noise ripples are not counted.
      const minRise = 0.1 * (hi - lo);
      let first = -1, last = -1, peaks = 0;
      for (let k = 1; k < L - 1; k++) {
        if (sm[k] > sm[k - 1] && sm[k] >= sm[k + 1] && sm[k] - lo > minRise) {
          if (first < 0) first = k;
          last = k;
          peaks++;
        }
      }
      if (peaks < 2) continue;
      const p = (last - first) / (peaks - 1);
      if (p >= PERIOD_MIN && p <= PERIOD_MAX) {
        period[by * bw + bx] = p;
        measured[by * bw + bx] = 1;
      }
    }
  }
  fillAndSmooth(period, measured, bw, bh);
  return { width: w, height: h, block: B, blocksWide: bw, blocksHigh: bh, period, measured };
}

function fillAndSmooth(period: Float32Array, measured: Uint8Array, bw: number, bh: number): void {
  const n = bw * bh;
  const known = Uint8Array.from(measured);
  let count = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) if (known[i]) { count++; sum += period[i]; }
  const fallback = count > 0 ? sum / count : PERIOD_DEFAULT;
  const next = new Float32Array(n);
  for (let pass = 0; pass < Math.max(bw, bh); pass++) {
    let changed = 0;
    const add = new Uint8Array(n);
    for (let by = 0; by < bh; by++) {
      for (let bx = 0; bx < bw; bx++) {
        const i = by * bw + bx;
        if (known[i]) continue;
        let s = 0, c = 0;
        for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
          const x = bx + dx, y = by + dy;
          if (x < 0 || y < 0 || x >= bw || y >= bh) continue;
          const j = y * bw + x;
          if (known[j]) { s += period[j]; c++; }
        }
        if (c > 0) { next[i] = s / c; add[i] = 1; changed++; }
      }
    }
    if (changed === 0) break;
    for (let i = 0; i < n; i++) if (add[i]) { period[i] = next[i]; known[i] = 1; }
  }
  for (let i = 0; i < n; i++) if (!known[i]) period[i] = fallback;
  const r = PERIOD_SMOOTH_BLOCKS;
  const src = Float32Array.from(period);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let s = 0, c = 0;
      for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) {
        const x = bx + dx, y = by + dy;
        if (x < 0 || y < 0 || x >= bw || y >= bh) continue;
        s += src[y * bw + x];
        c++;
      }
      const p = s / c;
      period[by * bw + bx] = p < PERIOD_MIN ? PERIOD_MIN : p > PERIOD_MAX ? PERIOD_MAX : p;
    }
  }
}
