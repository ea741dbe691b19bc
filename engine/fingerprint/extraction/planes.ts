/**
 * Small typed-array helpers shared by the stages: separable box filters (running sums, O(1) per
 * pixel whatever the radius) and a chamfer distance transform. No allocation per pixel.
 */
import { boxMeanKernel, distanceKernel } from './extraction-simd.js';

/** A float plane of the working image size. */
export interface FloatPlane {
  width: number;
  height: number;
  data: Float32Array;
}

/**
 * Mean over a (2r+1)² window, edges replicated, in place on `data` (`tmp` is scratch of the same
 * size, allocated here when not given and the JavaScript runs: the WebAssembly needs none). Two
 * 1-D running-sum passes.
 */
export function boxMean(data: Float32Array, width: number, height: number, r: number, tmp?: Float32Array, kernel: 'auto' | 'javascript' = 'auto'): void {
  if (r <= 0) return;
  const n = 2 * r + 1;
  const inv = 1 / n;
  // WebAssembly SIMD where available (extraction-simd.ts): the same operations, the same bits.
  const simd = kernel === 'auto' ? boxMeanKernel() : null;
  if (simd) {
    simd.run(data, width, height, r, inv);
    return;
  }
  tmp ??= new Float32Array(width * height);
  // Horizontal pass: data -> tmp.
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let sum = 0;
    for (let k = -r; k <= r; k++) sum += data[row + clamp(k, 0, width - 1)];
    for (let x = 0; x < width; x++) {
      tmp[row + x] = sum * inv;
      const add = x + r + 1;
      const sub = x - r;
      sum += data[row + (add < width ? add : width - 1)] - data[row + (sub > 0 ? sub : 0)];
    }
  }
  // Vertical pass: tmp -> data, row by row with running column sums (stays in cache order).
  const col = new Float64Array(width);
  for (let k = -r; k <= r; k++) {
    const row = clamp(k, 0, height - 1) * width;
    for (let x = 0; x < width; x++) col[x] += tmp[row + x];
  }
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const add = (y + r + 1 < height ? y + r + 1 : height - 1) * width;
    const sub = (y - r > 0 ? y - r : 0) * width;
    for (let x = 0; x < width; x++) {
      data[row + x] = col[x] * inv;
      col[x] += tmp[add + x] - tmp[sub + x];
    }
  }
}

export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/**
 * Distance (px, 3-4 chamfer / 3) from every pixel to the nearest pixel where `inside` is 0; pixels
 * outside get 0. The image border counts as outside.
 */
export function distanceToOutside(inside: Uint8Array, width: number, height: number, kernel: 'auto' | 'javascript' = 'auto'): Float32Array {
  // WebAssembly where available (extraction-simd.ts): the same integers, the same bits.
  const simd = kernel === 'auto' ? distanceKernel() : null;
  if (simd) return simd.run(inside, width, height);
  const big = 1e9;
  const d = new Float32Array(width * height);
  for (let i = 0; i < d.length; i++) d[i] = inside[i] ? big : 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (d[i] === 0) continue;
      let v = d[i];
      v = Math.min(v, x > 0 ? d[i - 1] + 3 : 3);
      v = Math.min(v, y > 0 ? d[i - width] + 3 : 3);
      v = Math.min(v, x > 0 && y > 0 ? d[i - width - 1] + 4 : 4);
      v = Math.min(v, x < width - 1 && y > 0 ? d[i - width + 1] + 4 : 4);
      d[i] = v;
    }
  }
  for (let y = height - 1; y >= 0; y--) {
    for (let x = width - 1; x >= 0; x--) {
      const i = y * width + x;
      if (d[i] === 0) continue;
      let v = d[i];
      v = Math.min(v, x < width - 1 ? d[i + 1] + 3 : 3);
      v = Math.min(v, y < height - 1 ? d[i + width] + 3 : 3);
      v = Math.min(v, x < width - 1 && y < height - 1 ? d[i + width + 1] + 4 : 4);
      v = Math.min(v, x > 0 && y < height - 1 ? d[i + width - 1] + 4 : 4);
      d[i] = v;
    }
  }
  for (let i = 0; i < d.length; i++) d[i] /= 3;
  return d;
}

/**
 * 4-connected components of 1s: each pixel's component label (0 for a 0 pixel) and the label of
 * the largest component (0 when there is none; the first found of equal sizes).
 */
export function componentLabels(src: Uint8Array, w: number, h: number): { label: Int32Array; best: number; stack: Int32Array } {
  const n = w * h;
  const label = new Int32Array(n);
  const stack = new Int32Array(n);
  let best = 0, bestSize = 0, next = 0;
  for (let s = 0; s < n; s++) {
    if (!src[s] || label[s]) continue;
    next++;
    let size = 0, top = 0;
    stack[top++] = s;
    label[s] = next;
    while (top > 0) {
      const i = stack[--top];
      size++;
      const x = i % w;
      if (x > 0 && src[i - 1] && !label[i - 1]) { label[i - 1] = next; stack[top++] = i - 1; }
      if (x < w - 1 && src[i + 1] && !label[i + 1]) { label[i + 1] = next; stack[top++] = i + 1; }
      if (i >= w && src[i - w] && !label[i - w]) { label[i - w] = next; stack[top++] = i - w; }
      if (i + w < n && src[i + w] && !label[i + w]) { label[i + w] = next; stack[top++] = i + w; }
    }
    if (size > bestSize) { bestSize = size; best = next; }
  }
  return { label, best, stack };
}

/** The largest 4-connected component of 1s. */
export function largestComponent(src: Uint8Array, w: number, h: number): Uint8Array {
  const n = w * h;
  const { label, best } = componentLabels(src, w, h);
  const out = new Uint8Array(n);
  if (best > 0) for (let i = 0; i < n; i++) out[i] = label[i] === best ? 1 : 0;
  return out;
}
