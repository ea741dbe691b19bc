/**
 * Broken ridges: two ridge endings close together, each pointing at the other across the gap, are
 * one ridge interrupted by a crease, a scar or dry skin (Maltoni et al. 2nd ed. §3.8.1; Xiao &
 * Raafat 1991). Both endings go. Works on minutiae in the pixel frame; an ending's direction points
 * into its own ridge (ISO sense), so across a gap the two point away from each other, each away
 * from the other ending.
 */
import type { MinutiaCandidate } from '../minutiae.js';
import { GAP_MAX_ANGLE_RAD, GAP_MAX_PX } from '../parameters.js';

/** Development tunings of the gap rule (filters/minutia-list.ts); unset, the constants of parameters.ts. */
export interface GapTuning {
  /** Largest gap at the first ending, in pixels (e.g. a number of local ridge periods). */
  maxDistAt?: (m: MinutiaCandidate) => number;
  /** Angle each minutia may leave the line to the other. */
  maxAngle?: number;
  /** Also pair an ending with a bifurcation facing it (a broken ridge that rejoined a neighbour). */
  anyType?: boolean;
}

export function removeGaps(minutiae: MinutiaCandidate[], t: GapTuning = {}): MinutiaCandidate[] {
  const maxAngle = t.maxAngle ?? GAP_MAX_ANGLE_RAD;
  const drop = new Uint8Array(minutiae.length);
  for (let i = 0; i < minutiae.length; i++) {
    const a = minutiae[i];
    if (a.type !== 'ending' || drop[i]) continue;
    let best = -1;
    let bestDist = t.maxDistAt ? t.maxDistAt(a) : GAP_MAX_PX;
    for (let j = 0; j < minutiae.length; j++) {
      const b = minutiae[j];
      if (j === i || drop[j] || (b.type !== 'ending' && !t.anyType)) continue;
      const dx = b.x - a.x, dy = b.y - a.y;
      const d = Math.hypot(dx, dy);
      if (d > bestDist) continue;
      if (d > 2) {
        const toB = Math.atan2(dy, dx);
        // An ending points into its ridge, away from the gap; a bifurcation into its fork, i.e.
        // (for a rejoined broken ridge) also away from the ending it faces.
        if (angleDiff(a.angle, toB + Math.PI) > maxAngle || angleDiff(b.angle, toB) > maxAngle) continue;
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
