import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../gray-image.js';
import { enhancedImage } from './enhanced-image.js';
import { gradientBlockSums, orientationField, type OrientationField } from './orientation-field.js';
import { ORIENTATION_SMOOTH_RADIUS, ORIENTATION_WINDOW_RADIUS, SEGMENT_BLOCK } from './parameters.js';
import { boxMean } from './planes.js';
import { ridgeFrequency } from './ridge-frequency.js';
import { segmentationMask } from './segmentation-mask.js';
import { inDisc, ridgeLabyrinth, withNoise } from './synthetic-prints.js';

/**
 * The field as it was computed before the per-cell rewrite (issue 15 point 5, branch
 * extract-speed3): Sobel products added pixel by pixel into the float32 cells, fresh planes, a
 * per-pixel expansion. Kept verbatim as the reference the faster code must match bit for bit.
 */
function referenceField(image: GrayImage): { field: OrientationField; sxx: Float64Array; sxy: Float64Array; smag: Float64Array } {
  const { width: w, height: h, pixels: p } = image;
  const hw = (w + 1) >> 1;
  const hh = (h + 1) >> 1;
  const hn = hw * hh;
  const gxx = new Float32Array(hn);
  const gxy = new Float32Array(hn);
  const gmag = new Float32Array(hn);
  for (let y = 1; y < h - 1; y++) {
    const hrow = (y >> 1) * hw;
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const a = p[i - w - 1], b = p[i - w], c = p[i - w + 1];
      const d = p[i - 1], f = p[i + 1];
      const g = p[i + w - 1], hh2 = p[i + w], k = p[i + w + 1];
      const gx = c + 2 * f + k - a - 2 * d - g;
      const gy = g + 2 * hh2 + k - a - 2 * b - c;
      const j = hrow + (x >> 1);
      gxx[j] += gx * gx - gy * gy;
      gxy[j] += 2 * gx * gy;
      gmag[j] += gx * gx + gy * gy;
    }
  }
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
  const tmp = new Float32Array(hn);
  const r1 = Math.max(1, Math.round(ORIENTATION_WINDOW_RADIUS / 2));
  const r2 = Math.max(1, Math.round(ORIENTATION_SMOOTH_RADIUS / 2));
  boxMean(gxx, hw, hh, r1, tmp);
  boxMean(gxy, hw, hh, r1, tmp);
  boxMean(gmag, hw, hh, r1, tmp);
  const coh = new Float32Array(hn);
  for (let j = 0; j < hn; j++) {
    const m = gmag[j];
    coh[j] = m > 1e-6 ? Math.min(1, Math.sqrt(gxx[j] * gxx[j] + gxy[j] * gxy[j]) / m) : 0;
  }
  boxMean(gxx, hw, hh, r2, tmp);
  boxMean(gxy, hw, hh, r2, tmp);
  boxMean(gxx, hw, hh, r2, tmp);
  boxMean(gxy, hw, hh, r2, tmp);
  const ang = new Float32Array(hn);
  for (let j = 0; j < hn; j++) {
    let t = 0.5 * Math.atan2(gxy[j], gxx[j]) + Math.PI / 2;
    if (t >= Math.PI) t -= Math.PI;
    if (t < 0) t += Math.PI;
    ang[j] = t;
  }
  const angle = new Float32Array(w * h);
  const coherence = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const hrow = (y >> 1) * hw;
    const row = y * w;
    for (let x = 0; x < w; x++) {
      angle[row + x] = ang[hrow + (x >> 1)];
      coherence[row + x] = coh[hrow + (x >> 1)];
    }
  }
  return { field: { width: w, height: h, angle, coherence }, sxx, sxy, smag };
}

/** Elements whose bits differ (a NaN or −0 counts by its bits). */
function bitsDiffer(a: Float32Array | Float64Array, b: Float32Array | Float64Array): number {
  expect(a.length).toBe(b.length);
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength), y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  const step = a.BYTES_PER_ELEMENT;
  let n = 0;
  for (let i = 0; i < x.length; i += step) {
    for (let k = 0; k < step; k++) if (x[i + k] !== y[i + k]) { n++; break; }
  }
  return n;
}

function expectAsReference(image: GrayImage): void {
  const ref = referenceField(image);
  const field = orientationField(image);
  expect(bitsDiffer(field.angle, ref.field.angle)).toBe(0);
  expect(bitsDiffer(field.coherence, ref.field.coherence)).toBe(0);
  const sums = gradientBlockSums(field, image)!;
  expect(bitsDiffer(sums.sxx, ref.sxx)).toBe(0);
  expect(bitsDiffer(sums.sxy, ref.sxy)).toBe(0);
  expect(bitsDiffer(sums.smag, ref.smag)).toBe(0);
}

/** Random bytes: the largest gradients (the cells' sums nearest 2²⁴) and no smooth structure. */
function randomImage(w: number, h: number, seed: number): GrayImage {
  let s = seed >>> 0;
  const pixels = new Uint8Array(w * h);
  for (let i = 0; i < pixels.length; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    pixels[i] = s & 1 ? 255 : s >>> 24;
  }
  return { width: w, height: h, pixels };
}

describe('orientation field: the per-cell code gives the reference bits', () => {
  it('on prints and random images of odd and even sizes, large then small then large (scratch reuse)', () => {
    const sizes: [number, number][] = [[161, 149], [160, 150], [1, 1], [2, 2], [3, 5], [4, 3], [97, 203], [161, 149]];
    let k = 0;
    for (const [w, h] of sizes) {
      k++;
      if (w >= 32 && h >= 32) {
        expectAsReference(inDisc(ridgeLabyrinth(w, h, k), Math.min(w, h) / 2 - 4));
        expectAsReference(withNoise(ridgeLabyrinth(w, h, k + 10), 40, k));
      }
      expectAsReference(randomImage(w, h, k));
    }
  });

  it('a field is not changed by the next call (its planes are its own)', () => {
    const a = ridgeLabyrinth(120, 110, 5);
    const first = orientationField(a);
    const angle = first.angle.slice(), coherence = first.coherence.slice();
    orientationField(randomImage(200, 190, 3));
    expect(bitsDiffer(first.angle, angle)).toBe(0);
    expect(bitsDiffer(first.coherence, coherence)).toBe(0);
  });
});

describe('enhancement with reused scratch', () => {
  it('gives the same bits for an image after a larger and a smaller one', () => {
    const run = (image: GrayImage): Float32Array => {
      const o = orientationField(image);
      const m = segmentationMask(image, o);
      return enhancedImage(image, o, ridgeFrequency(image, o, m), m).data.slice();
    };
    const a = inDisc(ridgeLabyrinth(150, 140, 7), 66);
    const first = run(a);
    run(withNoise(inDisc(ridgeLabyrinth(220, 210, 8), 100), 30, 2));
    run(inDisc(ridgeLabyrinth(90, 80, 9), 36));
    expect(bitsDiffer(run(a), first)).toBe(0);
  });
});
