/**
 * One-pixel-wide ridge skeleton: Zhang & Suen 1984 ("A fast parallel algorithm for thinning
 * digital patterns", CACM 27(3)) with both sub-iterations as 256-entry lookup tables, followed by
 * one sequential pass that deletes the remaining "staircase" pixels (simple points with two or
 * more neighbours that stay connected without them), so that every skeleton pixel away from a
 * minutia has exactly two 8-neighbours — which the ridge tracer relies on.
 */
import type { BinarizedImage } from './binarized-image.js';
import { thinKernel } from './extraction-simd.js';

export interface ThinnedSkeleton {
  width: number;
  height: number;
  /** 1 = skeleton pixel. The one-pixel image border is always 0. */
  skeleton: Uint8Array;
}

// Neighbour bit order, clockwise from north: P2=N(bit0) P3=NE P4=E P5=SE P6=S P7=SW P8=W P9=NW(bit7).
const DX = [0, 1, 1, 1, 0, -1, -1, -1];
const DY = [-1, -1, 0, 1, 1, 1, 0, -1];

function transitions(code: number): number {
  let t = 0;
  for (let k = 0; k < 8; k++) if (!((code >> k) & 1) && (code >> ((k + 1) & 7)) & 1) t++;
  return t;
}
function popcount(code: number): number {
  let c = 0;
  for (let k = 0; k < 8; k++) c += (code >> k) & 1;
  return c;
}

const ZS1 = new Uint8Array(256);
const ZS2 = new Uint8Array(256);
/** Pixels deletable by the clean-up pass: ≥ 2 neighbours forming one 8-connected group, one 4-neighbour background. */
const SIMPLE = new Uint8Array(256);
for (let c = 0; c < 256; c++) {
  const b = (k: number): number => (c >> k) & 1;
  const n = popcount(c);
  const a = transitions(c);
  const [p2, p4, p6, p8] = [b(0), b(2), b(4), b(6)];
  const base = n >= 2 && n <= 6 && a === 1;
  ZS1[c] = base && !(p2 && p4 && p6) && !(p4 && p6 && p8) ? 1 : 0;
  ZS2[c] = base && !(p2 && p4 && p8) && !(p2 && p6 && p8) ? 1 : 0;
  SIMPLE[c] = n >= 2 && (!p2 || !p4 || !p6 || !p8) && neighbourGroups(c) === 1 ? 1 : 0;
}

/** 8-connected components among the set neighbours of the 3×3 window (centre excluded). */
function neighbourGroups(code: number): number {
  const seen = new Uint8Array(8);
  let groups = 0;
  for (let s = 0; s < 8; s++) {
    if (!((code >> s) & 1) || seen[s]) continue;
    groups++;
    const stack = [s];
    seen[s] = 1;
    while (stack.length) {
      const k = stack.pop()!;
      for (let j = 0; j < 8; j++) {
        if (!((code >> j) & 1) || seen[j]) continue;
        if (Math.abs(DX[j] - DX[k]) <= 1 && Math.abs(DY[j] - DY[k]) <= 1) {
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
  }
  return groups;
}

/** The 8-neighbour code of pixel i (bits as above). Caller keeps i off the image border. */
export function neighbourCode(img: Uint8Array, i: number, w: number): number {
  return (
    img[i - w] |
    (img[i - w + 1] << 1) |
    (img[i + 1] << 2) |
    (img[i + w + 1] << 3) |
    (img[i + w] << 4) |
    (img[i + w - 1] << 5) |
    (img[i - 1] << 6) |
    (img[i - w - 1] << 7)
  );
}

/** `kernel`: 'auto' thins in WebAssembly where available (extraction-simd.ts, the same steps and bytes). */
export function thinnedSkeleton(binary: BinarizedImage, kernel: 'auto' | 'javascript' = 'auto'): ThinnedSkeleton {
  const { width: w, height: h } = binary;
  const simd = kernel === 'auto' ? thinKernel() : null;
  if (simd) return { width: w, height: h, skeleton: simd.run(binary.ridge, w, h, ZS1, ZS2, SIMPLE) };
  const img = new Uint8Array(w * h);
  for (let y = 1; y < h - 1; y++) for (let x = 1; x < w - 1; x++) img[y * w + x] = binary.ridge[y * w + x];
  // Candidate list: only foreground pixels are ever visited; compacted after each iteration.
  let cand = new Int32Array(img.length);
  let nc = 0;
  for (let i = 0; i < img.length; i++) if (img[i]) cand[nc++] = i;
  cand = cand.subarray(0, nc);
  const del = new Int32Array(nc);
  for (let iter = 0; iter < 100; iter++) {
    let changed = 0;
    for (let sub = 0; sub < 2; sub++) {
      const table = sub === 0 ? ZS1 : ZS2;
      let nd = 0;
      for (let k = 0; k < nc; k++) {
        const i = cand[k];
        if (img[i] && table[neighbourCode(img, i, w)]) del[nd++] = i;
      }
      for (let k = 0; k < nd; k++) img[del[k]] = 0;
      changed += nd;
    }
    if (changed === 0) break;
    let m = 0;
    for (let k = 0; k < nc; k++) if (img[cand[k]]) cand[m++] = cand[k];
    nc = m;
  }
  for (let k = 0; k < nc; k++) {
    const i = cand[k];
    if (img[i] && SIMPLE[neighbourCode(img, i, w)]) img[i] = 0;
  }
  return { width: w, height: h, skeleton: img };
}
