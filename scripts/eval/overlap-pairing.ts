/**
 * The overlap-pairing cue of the study (issue 15 point 3; scripts/eval/eer-pairs.ts,
 * scripts/eval/paired-share*.ts; docs/decisions/overlap-pairing.md): how much of what the two
 * prints' overlap holds a comparison pairs. Tried in the matcher and not kept (the decision record
 * says why); it lives here so that the study can be re-run, and the matcher commit that had it
 * (fp-accuracy f6dbeb5..d68e7dc) be taken back if later figures say so.
 *
 * Under the orientation cue's consensus alignment (engine/fingerprint/matching/orientation-agreement.ts):
 *   inliers           = chosen pairs that the alignment lays within CONSENSUS_DISTANCE and
 *                       CONSENSUS_ANGLE of each other,
 *   probeInside       = probe minutiae the alignment lays on a candidate finger block,
 *   candidateInside   = candidate minutiae the inverse alignment lays on a probe finger block,
 *   probeAgreeing, candidateAgreeing = those of them where the two ridge flows also agree within
 *                       CONSENSUS_ANGLE (leaked background texture seldom does);
 * the paired share R = inliers / max(M0, min(probeInside, candidateInside)) (or the agreeing
 * counts), and the fusions of paired-share.ts multiply the score by R^γ or min(1, R / r0)^γ.
 *
 * Frames as in orientation-agreement.ts: prepared-form minutiae are y-up (x, −y); block fields are
 * rows down; the alignment maps probe to candidate, candidate = R(r) · probe + (tx, ty).
 */
import type { SelectedPairs } from '../../engine/fingerprint/matching/consolidation.js';
import { CONSENSUS_ANGLE, CONSENSUS_DISTANCE } from '../../engine/fingerprint/matching/parameters.js';
import type { PreparedTemplate } from '../../engine/fingerprint/matching/prepared-template.js';
import type { BlockOrientations } from '../../engine/fingerprint/template.js';

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
   * (cr, sr) = (cos, sin) of its rotation and (tx, ty), over the chosen pairs `s`.
   */
  measure(a: PreparedTemplate, b: PreparedTemplate, s: SelectedPairs, cr: number, sr: number, tx: number, ty: number): void {
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
  }
}

/**
 * The gate fusion's factor min(1, R / share)^exponent, R = inliers / max(minExpected, min(inside
 * counts)); the setting the matcher had while it was tried: share 0.3, exponent 0.5, minExpected 8.
 */
export function pairingFactor(inliers: number, probeInside: number, candidateInside: number, share = 0.3, exponent = 0.5, minExpected = 8): number {
  const r = inliers / Math.max(minExpected, Math.min(probeInside, candidateInside));
  return r >= share ? 1 : Math.pow(r / share, exponent);
}
