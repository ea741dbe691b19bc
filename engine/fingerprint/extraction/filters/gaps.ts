/**
 * Broken ridges: two ridge endings close together, each pointing at the other across the gap, are
 * one ridge interrupted by a crease, a scar or dry skin (Maltoni et al. 2nd ed. §3.8.1; Xiao &
 * Raafat 1991). Both endings go. Works on minutiae in the pixel frame; an ending's direction points
 * into its own ridge (ISO sense), so across a gap the two point away from each other, each away
 * from the other ending.
 */
import type { MinutiaCandidate } from '../minutiae.js';
import { GAP_MAX_ANGLE_RAD, GAP_MAX_PX } from '../parameters.js';

export function removeGaps(minutiae: MinutiaCandidate[]): MinutiaCandidate[] {
  const drop = new Uint8Array(minutiae.length);
  for (let i = 0; i < minutiae.length; i++) {
    const a = minutiae[i];
    if (a.type !== 'ending' || drop[i]) continue;
    let best = -1;
    let bestDist = GAP_MAX_PX;
    for (let j = 0; j < minutiae.length; j++) {
      const b = minutiae[j];
      if (j === i || b.type !== 'ending' || drop[j]) continue;
      const dx = b.x - a.x, dy = b.y - a.y;
      const d = Math.hypot(dx, dy);
      if (d > bestDist) continue;
      if (d > 2) {
        const toB = Math.atan2(dy, dx);
        if (angleDiff(a.angle, toB + Math.PI) > GAP_MAX_ANGLE_RAD || angleDiff(b.angle, toB) > GAP_MAX_ANGLE_RAD) continue;
      }
      best = j;
      bestDist = d;
    }
    if (best >= 0) { drop[i] = 1; drop[best] = 1; }
  }
  return minutiae.filter((_, i) => !drop[i]);
}

export function angleDiff(a: number, b: number): number {
  let d = Math.abs(a - b) % (2 * Math.PI);
  return d > Math.PI ? 2 * Math.PI - d : d;
}
