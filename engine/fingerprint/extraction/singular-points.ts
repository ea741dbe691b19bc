/**
 * Cores and deltas by the Poincaré index of the orientation field (Bazen & Gerez 2002 §4;
 * Kawagoe & Tojo 1984): the orientation change summed around a closed path of
 * SINGULAR_PATH_RADIUS blocks about each block is +π at a core (index +½), −π at a delta (−½),
 * 0 elsewhere. Traversal is by increasing angle in the pixel frame; the index is invariant under
 * the frame's reflection, so core/delta come out as viewed. Neighbouring detections merge.
 * Direction is not estimated (NaN).
 */
import type { SingularPoint } from '../template.js';
import type { OrientationField } from './orientation-field.js';
import { SINGULAR_BLOCK, SINGULAR_BORDER_PX, SINGULAR_MERGE_PX, SINGULAR_PATH_RADIUS } from './parameters.js';
import type { SegmentationMask } from './segmentation-mask.js';

export function singularPoints(orientation: OrientationField, segmentation: SegmentationMask): SingularPoint[] {
  const { width: w, height: h } = orientation;
  const B = SINGULAR_BLOCK;
  const bw = Math.floor(w / B);
  const bh = Math.floor(h / B);
  // A block is inside when every sampled pixel is finger. Only inside blocks' smoothed angles are
  // ever read (every block of a path must be inside), and each reads its 3×3 neighbours' sums: the
  // sums, and their cos and sin, are taken for blocks next to an inside block only. The others
  // would never reach the result, so skipping them changes no bit of it.
  const inside = new Uint8Array(bw * bh);
  const angle = orientation.angle, mask = segmentation.mask;
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let m = 0;
      for (let y = by * B; y < by * B + B; y += 2) {
        for (let x = bx * B; x < bx * B + B; x += 2) m += mask[y * w + x];
      }
      inside[by * bw + bx] = m === (B / 2) * (B / 2) ? 1 : 0;
    }
  }
  const needed = new Uint8Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      if (!inside[by * bw + bx]) continue;
      for (let y = Math.max(0, by - 1); y <= Math.min(bh - 1, by + 1); y++) {
        for (let x = Math.max(0, bx - 1); x <= Math.min(bw - 1, bx + 1); x++) needed[y * bw + x] = 1;
      }
    }
  }
  // Block orientation: doubled-angle mean over the block, then a 3×3 block smoothing.
  const c2 = new Float32Array(bw * bh);
  const s2 = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      if (!needed[by * bw + bx]) continue;
      let c = 0, s = 0;
      for (let y = by * B; y < by * B + B; y += 2) {
        for (let x = bx * B; x < bx * B + B; x += 2) {
          const t = 2 * angle[y * w + x];
          c += Math.cos(t);
          s += Math.sin(t);
        }
      }
      c2[by * bw + bx] = c;
      s2[by * bw + bx] = s;
    }
  }
  const theta = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      if (!inside[by * bw + bx]) continue;
      let c = 0, s = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) {
        const x = bx + dx, y = by + dy;
        if (x < 0 || y < 0 || x >= bw || y >= bh) continue;
        c += c2[y * bw + x];
        s += s2[y * bw + x];
      }
      theta[by * bw + bx] = 0.5 * Math.atan2(s, c);
    }
  }
  // Closed square path, by increasing pixel-frame angle (right, down, left, up).
  const R = SINGULAR_PATH_RADIUS;
  const ring: [number, number][] = [];
  for (let k = -R; k < R; k++) ring.push([R, k]);
  for (let k = R; k > -R; k--) ring.push([k, R]);
  for (let k = R; k > -R; k--) ring.push([-R, k]);
  for (let k = -R; k < R; k++) ring.push([k, -R]);
  // The path as block-index offsets, closed (the first repeated at the end), so the sum below
  // takes the same differences in the same order without tuples or a modulo.
  const L = ring.length;
  const off = new Int32Array(L + 1);
  for (let k = 0; k <= L; k++) off[k] = ring[k % L][1] * bw + ring[k % L][0];
  const halfPi = Math.PI / 2;
  const hits: { type: 'core' | 'delta'; x: number; y: number }[] = [];
  for (let by = R; by < bh - R; by++) {
    for (let bx = R; bx < bw - R; bx++) {
      const centre = by * bw + bx;
      let ok = true;
      for (let k = 0; k < L; k++) if (!inside[centre + off[k]]) { ok = false; break; }
      if (!ok) continue;
      let sum = 0;
      for (let k = 0; k < L; k++) {
        let d = theta[centre + off[k + 1]] - theta[centre + off[k]];
        if (d > halfPi) d -= Math.PI;
        else if (d < -halfPi) d += Math.PI;
        sum += d;
      }
      const index = sum / (2 * Math.PI);
      const x = bx * B + B / 2, y = by * B + B / 2;
      if (segmentation.borderDistance[y * w + x] < SINGULAR_BORDER_PX) continue;
      if (Math.abs(index - 0.5) < 0.1) hits.push({ type: 'core', x, y });
      else if (Math.abs(index + 0.5) < 0.1) hits.push({ type: 'delta', x, y });
    }
  }
  // Merge: single-linkage clusters of same-type hits (a core lights up every block whose path
  // encloses it), reported at the cluster centroid.
  const used = new Uint8Array(hits.length);
  const out: SingularPoint[] = [];
  for (let i = 0; i < hits.length; i++) {
    if (used[i]) continue;
    used[i] = 1;
    const members = [i];
    for (let k = 0; k < members.length; k++) {
      const a = hits[members[k]];
      for (let j = 0; j < hits.length; j++) {
        if (used[j] || hits[j].type !== a.type) continue;
        if (Math.hypot(hits[j].x - a.x, hits[j].y - a.y) > SINGULAR_MERGE_PX) continue;
        used[j] = 1;
        members.push(j);
      }
    }
    let sx = 0, sy = 0;
    for (const j of members) { sx += hits[j].x; sy += hits[j].y; }
    out.push({ type: hits[i].type, x: Math.round(sx / members.length), y: Math.round(sy / members.length), direction: Number.NaN });
  }
  return out;
}
