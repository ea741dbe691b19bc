/**
 * A third cue, after the minutiae score and the orientation agreement: how much of what the two
 * prints' overlap holds the comparison pairs (issue 15 point 3; measured in
 * scripts/eval/eer-pairs.ts and scripts/eval/paired-share.ts, docs/decisions/overlap-pairing.md).
 *
 * Under the orientation cue's consensus alignment (orientation-agreement.ts), with
 *   inliers         = chosen pairs that the alignment lays within CONSENSUS_DISTANCE and
 *                     CONSENSUS_ANGLE of each other,
 *   probeInside     = probe minutiae the alignment lays on a candidate finger block,
 *   candidateInside = candidate minutiae the inverse alignment lays on a probe finger block,
 * the paired share is R = inliers / max(PAIRING_MIN_EXPECTED, min(probeInside, candidateInside)),
 * and the score is multiplied by min(1, R / PAIRING_SHARE)^PAIRING_EXPONENT. A genuine mate pairs
 * a good share of the minutiae its overlap holds, however small the overlap; the impostors that
 * made the FVC-protocol EER (similar patterns, 5–10 consistent pairs) left 30–45 minutiae inside
 * the other print unpaired. The factor is at most 1, so a comparison that pairs at least
 * PAIRING_SHARE of its overlap keeps its score, and the matcher's upper bound for early exits
 * (matcher.ts `score`) still holds.
 *
 * Frames as in orientation-agreement.ts: prepared-form minutiae are y-up (x, −y); block fields are
 * rows down; the alignment maps probe to candidate, candidate = R(r) · probe + (tx, ty).
 */
import type { BlockOrientations } from '../template.js';
import type { SelectedPairs } from './consolidation.js';
import { CONSENSUS_ANGLE, CONSENSUS_DISTANCE, PAIRING_EXPONENT, PAIRING_MIN_EXPECTED, PAIRING_SHARE } from './parameters.js';
import type { PreparedTemplate } from './prepared-template.js';

const COS_CONSENSUS_ANGLE = Math.cos(CONSENSUS_ANGLE);

/** Is the y-up point (x, y) on a finger block of `o`? */
function onFinger(o: BlockOrientations, x: number, y: number): boolean {
  const u = Math.floor(x / o.block), v = Math.floor(-y / o.block);
  return u >= 0 && v >= 0 && u < o.blocksWide && v < o.blocksHigh && o.angles[v * o.blocksWide + u] < 180;
}

/** One comparison's counts; `measure` refills them (no allocation per comparison). One per matcher. */
export class OverlapPairing {
  inliers = 0;
  probeInside = 0;
  candidateInside = 0;

  /**
   * The counts for probe `a` and candidate `b` (both with block fields) under the alignment
   * (cr, sr) = (cos, sin) of its rotation and (tx, ty), over the chosen pairs `s`; returns the
   * score factor min(1, R / PAIRING_SHARE)^PAIRING_EXPONENT.
   */
  measure(a: PreparedTemplate, b: PreparedTemplate, s: SelectedPairs, cr: number, sr: number, tx: number, ty: number): number {
    const fa = a.orientations, fb = b.orientations;
    if (fa === undefined || fb === undefined) throw new Error('overlap pairing needs both block fields');
    const d2 = CONSENSUS_DISTANCE * CONSENSUS_DISTANCE;
    let inliers = 0;
    for (let q = 0; q < s.chosenCount.value; q++) {
      const t = s.chosen[q];
      const i = s.pairA[t], j = s.pairB[t];
      const ex = cr * a.x[i] - sr * a.y[i] + tx - b.x[j];
      const ey = sr * a.x[i] + cr * a.y[i] + ty - b.y[j];
      // cos of the pair's direction difference less the rotation.
      const d = b.direction[j] - a.direction[i];
      if (ex * ex + ey * ey <= d2 && Math.cos(d) * cr + Math.sin(d) * sr >= COS_CONSENSUS_ANGLE) inliers++;
    }
    let probeInside = 0;
    for (let i = 0; i < a.count; i++) if (onFinger(fb, cr * a.x[i] - sr * a.y[i] + tx, sr * a.x[i] + cr * a.y[i] + ty)) probeInside++;
    let candidateInside = 0;
    for (let j = 0; j < b.count; j++) {
      const u = b.x[j] - tx, v = b.y[j] - ty;
      if (onFinger(fa, cr * u + sr * v, -sr * u + cr * v)) candidateInside++;
    }
    this.inliers = inliers;
    this.probeInside = probeInside;
    this.candidateInside = candidateInside;
    return pairingFactor(inliers, probeInside, candidateInside);
  }
}

/** The score factor from the counts (see the top of this file). */
export function pairingFactor(inliers: number, probeInside: number, candidateInside: number): number {
  const share = inliers / Math.max(PAIRING_MIN_EXPECTED, Math.min(probeInside, candidateInside));
  return share >= PAIRING_SHARE ? 1 : Math.pow(share / PAIRING_SHARE, PAIRING_EXPONENT);
}
