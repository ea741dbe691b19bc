/**
 * Ridge counts between neighbouring minutiae: the classic AFIS feature that ISO/IEC 19794-2:2005
 * §7.5.2.1 and ANSI INCITS 378-2004 §6.5.2.1 carry as extended data block type 1. Topological, so
 * skin distortion leaves it alone, and two prints whose minutiae happen to line up rarely agree on
 * it. The standards leave the counting rule to the extractor; ours
 * (docs/decisions/ridge-count-cue.md):
 * - the binarised image (1 = ridge) is sampled once per pixel along the segment's major axis,
 *   both ends included, each sample rounded to the nearest pixel;
 * - runs shorter than RIDGE_COUNT_MIN_RUN samples are noise: such a run between two runs of the
 *   other kind is merged into them;
 * - a ridge run starting within RIDGE_COUNT_OWN_RIDGE samples of the first end, or ending within
 *   it of the last, is a minutia's own ridge and is not counted;
 * - a segment with a sample outside the segmentation mask gets no count (the ridges there are
 *   unknown).
 */
import type { RidgeCount } from '../template.js';
import type { BinarizedImage } from './binarized-image.js';
import { RIDGE_COUNT_MIN_RUN, RIDGE_COUNT_NEIGHBOURS, RIDGE_COUNT_OWN_RIDGE } from './parameters.js';

/**
 * Ridges crossed from (ax, ay) to (bx, by), not counting the ridges at either end; −1 where the
 * segment leaves the finger area (`mask`, 1 = finger, per pixel like `binary`) or the image.
 */
export function ridgesBetween(binary: BinarizedImage, mask: Uint8Array, ax: number, ay: number, bx: number, by: number): number {
  const { width: w, height: h, ridge } = binary;
  const dx = bx - ax, dy = by - ay;
  const steps = Math.max(1, Math.ceil(Math.max(Math.abs(dx), Math.abs(dy))));
  // Runs of equal samples: kinds[r] 1 ridge / 0 valley, starts[r] their first sample index.
  const kinds: number[] = [];
  const lengths: number[] = [];
  for (let i = 0; i <= steps; i++) {
    const x = Math.round(ax + (dx * i) / steps), y = Math.round(ay + (dy * i) / steps);
    if (x < 0 || y < 0 || x >= w || y >= h || !mask[y * w + x]) return -1;
    const v = ridge[y * w + x];
    if (kinds.length > 0 && kinds[kinds.length - 1] === v) lengths[lengths.length - 1]++;
    else { kinds.push(v); lengths.push(1); }
  }
  // Merge short interior runs into their neighbours (which are of the other kind, so of one kind
  // with each other): repeat until none is left, shortest handled in order of position.
  let r = 1;
  while (r < kinds.length - 1) {
    if (lengths[r] < RIDGE_COUNT_MIN_RUN) {
      lengths.splice(r - 1, 3, lengths[r - 1] + lengths[r] + lengths[r + 1]);
      kinds.splice(r, 2);
      r = Math.max(1, r - 1);
    } else {
      r++;
    }
  }
  let count = 0;
  let start = 0;
  for (let k = 0; k < kinds.length; k++) {
    const end = start + lengths[k] - 1;
    if (kinds[k] === 1 && lengths[k] >= RIDGE_COUNT_MIN_RUN && start > RIDGE_COUNT_OWN_RIDGE && end < steps - RIDGE_COUNT_OWN_RIDGE) count++;
    start = end + 1;
  }
  return count;
}

/**
 * Ridge counts from each minutia to its `k` nearest (Euclidean; ties to the lower index): one
 * entry per unordered pair, from < to, measured from `from` to `to`, in order of (from, to).
 * Pairs whose segment leaves the finger area are left out.
 */
export function ridgeCounts(minutiae: readonly { x: number; y: number }[], binary: BinarizedImage, mask: Uint8Array, k = RIDGE_COUNT_NEIGHBOURS): RidgeCount[] {
  const n = minutiae.length;
  const linked = new Set<number>();
  const order: number[] = [];
  const d2 = new Float64Array(n);
  for (let a = 0; a < n; a++) {
    order.length = 0;
    for (let b = 0; b < n; b++) {
      if (b === a) continue;
      d2[b] = (minutiae[b].x - minutiae[a].x) ** 2 + (minutiae[b].y - minutiae[a].y) ** 2;
      order.push(b);
    }
    order.sort((p, q) => d2[p] - d2[q] || p - q);
    for (let j = 0; j < Math.min(k, order.length); j++) {
      const b = order[j];
      linked.add(a < b ? a * n + b : b * n + a);
    }
  }
  const out: RidgeCount[] = [];
  for (const key of [...linked].sort((p, q) => p - q)) {
    const from = Math.floor(key / n), to = key % n;
    const count = ridgesBetween(binary, mask, minutiae[from].x, minutiae[from].y, minutiae[to].x, minutiae[to].y);
    if (count >= 0) out.push({ from, to, count: Math.min(count, 255) });
  }
  return out;
}
