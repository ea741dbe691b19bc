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
const COS_TWICE_CONSENSUS_ANGLE = Math.cos(2 * CONSENSUS_ANGLE);
/** cos 2d and sin 2d of a difference d of block directions in whole degrees, by (d mod 180). */
const COS2 = new Float64Array(180);
const SIN2 = new Float64Array(180);
for (let d = 0; d < 180; d++) {
  COS2[d] = Math.cos((2 * d * Math.PI) / 180);
  SIN2[d] = Math.sin((2 * d * Math.PI) / 180);
}

/** The block direction byte (0–179; ≥ 180 background or outside) of `o` under the y-up point (x, y). */
function blockAt(o: BlockOrientations, x: number, y: number): number {
  const u = Math.floor(x / o.block), v = Math.floor(-y / o.block);
  return u >= 0 && v >= 0 && u < o.blocksWide && v < o.blocksHigh ? o.angles[v * o.blocksWide + u] : 255;
}

/** One comparison's counts; `measure` refills them (no allocation per comparison). One per matcher. */
export class OverlapPairing {
  inliers = 0;
  probeInside = 0;
  candidateInside = 0;
  /** Of those, the minutiae where the two ridge flows agree within CONSENSUS_ANGLE once aligned. */
  probeAgreeing = 0;
  candidateAgreeing = 0;

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
    // Flow agreement at a minutia: cos 2(θp + r − θc) with θ = −byte° in the y-up frame, i.e.
    // cos(2(c − p)° + 2r); at least cos 2·CONSENSUS_ANGLE.
    const c2r = cr * cr - sr * sr, s2r = 2 * sr * cr;
    const agrees = (p: number, c: number) => {
      const d = (c - p + 180) % 180;
      return COS2[d] * c2r - SIN2[d] * s2r >= COS_TWICE_CONSENSUS_ANGLE;
    };
    let probeInside = 0, probeAgreeing = 0;
    for (let i = 0; i < a.count; i++) {
      const c = blockAt(fb, cr * a.x[i] - sr * a.y[i] + tx, sr * a.x[i] + cr * a.y[i] + ty);
      if (c >= 180) continue;
      probeInside++;
      const p = blockAt(fa, a.x[i], a.y[i]);
      if (p < 180 && agrees(p, c)) probeAgreeing++;
    }
    let candidateInside = 0, candidateAgreeing = 0;
    for (let j = 0; j < b.count; j++) {
      const u = b.x[j] - tx, v = b.y[j] - ty;
      const p = blockAt(fa, cr * u + sr * v, -sr * u + cr * v);
      if (p >= 180) continue;
      candidateInside++;
      const c = blockAt(fb, b.x[j], b.y[j]);
      if (c < 180 && agrees(p, c)) candidateAgreeing++;
    }
    this.inliers = inliers;
    this.probeInside = probeInside;
    this.candidateInside = candidateInside;
    this.probeAgreeing = probeAgreeing;
    this.candidateAgreeing = candidateAgreeing;
    return pairingFactor(inliers, probeInside, candidateInside);
  }
}

/** The score factor from the counts (see the top of this file). */
export function pairingFactor(inliers: number, probeInside: number, candidateInside: number): number {
  const share = inliers / Math.max(PAIRING_MIN_EXPECTED, Math.min(probeInside, candidateInside));
  return share >= PAIRING_SHARE ? 1 : Math.pow(share / PAIRING_SHARE, PAIRING_EXPONENT);
}
