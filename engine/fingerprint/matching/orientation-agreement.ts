/**
 * The matcher's second, non-minutiae cue: how well the two prints' ridge flow agrees where they
 * overlap once aligned (issue 15 point 2; measured in scripts/eval/orientation-cue.ts).
 *
 * 1. Alignment by consensus of the consolidated pairs: each pair proposes the rigid transform that
 *    lays its probe minutia on its candidate minutia; the proposal most other pairs agree with
 *    (within CONSENSUS_DISTANCE and CONSENSUS_ANGLE; ties to the pair of higher λ) wins, and the
 *    transform is refitted on those pairs (circular mean of the rotations, mean of the shifts).
 *    The mean over every chosen pair (pairAlignment) lets one wrong pair of a weak genuine
 *    comparison misplace the overlap; with it the cue hurt (mean held-out extended EER 2.22%
 *    against 2.05%), with the consensus it helps (1.42%).
 * 2. Agreement A = mean of cos 2Δθ over the probe's finger blocks whose centre lands on a
 *    candidate finger block (directions double-angled: a ridge direction is modulo π), 0 when
 *    none do.
 * 3. Score × exp(ORIENTATION_WEIGHT · (A − ORIENTATION_NEUTRAL_AGREEMENT)), at most 1: flow that
 *    agrees better than a typical genuine pair's lower tail raises the score a little (by 1.49 at
 *    most), an impostor whose few pairs line up against the ridge flow loses most. The neutral
 *    point only sets the scale, so that the exported thresholds hold with and without the cue
 *    (parameters.ts).
 *
 * All in the prepared form's y-up frame (x, −y), where directions are ordinary angles.
 */
import type { BlockOrientations } from '../template.js';
import type { SelectedPairs } from './consolidation.js';
import { CONSENSUS_ANGLE, CONSENSUS_DISTANCE, ORIENTATION_NEUTRAL_AGREEMENT, ORIENTATION_WEIGHT } from './parameters.js';
import type { PreparedTemplate } from './prepared-template.js';

/** cos 2θ and sin 2θ of a y-up ridge direction θ = −(byte)°, by byte value (0–179). */
const COS2 = new Float64Array(180);
const SIN2 = new Float64Array(180);
for (let d = 0; d < 180; d++) {
  COS2[d] = Math.cos((2 * d * Math.PI) / 180);
  SIN2[d] = -Math.sin((2 * d * Math.PI) / 180);
}

/** A probe's finger blocks, made once per matcher: centres (y-up) and doubled-angle vectors. */
export class ProbeOrientations {
  readonly count: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly c2: Float64Array;
  readonly s2: Float64Array;

  constructor(o: BlockOrientations) {
    let n = 0;
    for (let i = 0; i < o.angles.length; i++) if (o.angles[i] < 180) n++;
    this.count = n;
    this.x = new Float64Array(n);
    this.y = new Float64Array(n);
    this.c2 = new Float64Array(n);
    this.s2 = new Float64Array(n);
    let k = 0;
    for (let by = 0; by < o.blocksHigh; by++) {
      for (let bx = 0; bx < o.blocksWide; bx++) {
        const a = o.angles[by * o.blocksWide + bx];
        if (a >= 180) continue;
        this.x[k] = (bx + 0.5) * o.block;
        this.y[k] = -(by + 0.5) * o.block;
        this.c2[k] = COS2[a];
        this.s2[k] = SIN2[a];
        k++;
      }
    }
  }
}

/** A rigid transform in the y-up frame: candidate = R(rotation) · probe + (tx, ty). */
export interface RigidTransform {
  rotation: number;
  tx: number;
  ty: number;
}

const COS_CONSENSUS_ANGLE = Math.cos(CONSENSUS_ANGLE);
const MAX_PAIRS = 256;

/**
 * The cue's working state for one probe: its finger blocks, and scratch for the consensus. No
 * allocation per comparison and one cos/sin per chosen pair (every other rotation test and the
 * refit work on those by products), so the 1:N scan pays little for it. One per matcher.
 */
export class OrientationCue {
  readonly probe: ProbeOrientations | null;
  private readonly rc = new Float64Array(MAX_PAIRS);
  private readonly rs = new Float64Array(MAX_PAIRS);
  private readonly ptx = new Float64Array(MAX_PAIRS);
  private readonly pty = new Float64Array(MAX_PAIRS);
  /** The last consensus transform (cos and sin of its rotation, shift). */
  cr = 1;
  sr = 0;
  tx = 0;
  ty = 0;
  /** Blocks counted by the last `agreement`. */
  overlap = 0;

  constructor(probe: BlockOrientations | null) {
    this.probe = probe === null ? null : new ProbeOrientations(probe);
  }

  /** Step 1: the consensus transform of the chosen pairs into cr/sr/tx/ty; false when there are none. */
  consensus(a: PreparedTemplate, b: PreparedTemplate, s: SelectedPairs): boolean {
    const m = Math.min(s.chosenCount.value, MAX_PAIRS);
    if (m === 0) return false;
    const { rc, rs, ptx, pty } = this;
    // Each pair's proposal: rotation db − da (as cos, sin) and the shift laying a on b.
    for (let q = 0; q < m; q++) {
      const t = s.chosen[q];
      const pa = s.pairA[t], pb = s.pairB[t];
      const d = b.direction[pb] - a.direction[pa];
      const c = Math.cos(d), sn = Math.sin(d);
      rc[q] = c;
      rs[q] = sn;
      ptx[q] = b.x[pb] - (c * a.x[pa] - sn * a.y[pa]);
      pty[q] = b.y[pb] - (sn * a.x[pa] + c * a.y[pa]);
    }
    const d2 = CONSENSUS_DISTANCE * CONSENSUS_DISTANCE;
    let best = 0, bestCount = 0, bestLambda = -1;
    for (let q = 0; q < m; q++) {
      const c = rc[q], sn = rs[q], tx = ptx[q], ty = pty[q];
      let agree = 0;
      for (let o = 0; o < m; o++) {
        const u = s.chosen[o];
        const oa = s.pairA[u], ob = s.pairB[u];
        const ex = c * a.x[oa] - sn * a.y[oa] + tx - b.x[ob];
        const ey = sn * a.x[oa] + c * a.y[oa] + ty - b.y[ob];
        // cos of (the pair's own rotation − the proposal's): within CONSENSUS_ANGLE.
        if (ex * ex + ey * ey <= d2 && rc[o] * c + rs[o] * sn >= COS_CONSENSUS_ANGLE) agree++;
      }
      const lambda = s.lambda[s.chosen[q]];
      if (agree > bestCount || (agree === bestCount && lambda > bestLambda)) {
        best = q;
        bestCount = agree;
        bestLambda = lambda;
      }
    }
    // Refit on the winner's inliers: circular mean of their rotations, mean of their shifts.
    const c0 = rc[best], s0 = rs[best], tx0 = ptx[best], ty0 = pty[best];
    let sc = 0, ss = 0;
    for (let o = 0; o < m; o++) {
      const u = s.chosen[o];
      const oa = s.pairA[u], ob = s.pairB[u];
      const ex = c0 * a.x[oa] - s0 * a.y[oa] + tx0 - b.x[ob];
      const ey = s0 * a.x[oa] + c0 * a.y[oa] + ty0 - b.y[ob];
      if (ex * ex + ey * ey <= d2 && rc[o] * c0 + rs[o] * s0 >= COS_CONSENSUS_ANGLE) {
        sc += rc[o];
        ss += rs[o];
        pty[o] = 1; // reused below as the inlier mark (proposals are done with)
      } else pty[o] = 0;
    }
    const norm = Math.hypot(sc, ss);
    const cr = sc / norm, sr = ss / norm;
    let tx = 0, ty = 0, n = 0;
    for (let o = 0; o < m; o++) {
      if (pty[o] === 0) continue;
      const u = s.chosen[o];
      const oa = s.pairA[u], ob = s.pairB[u];
      tx += b.x[ob] - (cr * a.x[oa] - sr * a.y[oa]);
      ty += b.y[ob] - (sr * a.x[oa] + cr * a.y[oa]);
      n++;
    }
    this.cr = cr;
    this.sr = sr;
    this.tx = tx / n;
    this.ty = ty / n;
    return true;
  }

  /** Step 2 under the last consensus transform: the agreement (overlap into `overlap`). */
  agreement(c: BlockOrientations): number {
    const p = this.probe;
    if (p === null) throw new Error('no probe field');
    const { cr, sr, tx, ty } = this;
    // e^{2ir}: the probe's doubled-angle vectors turn by twice the rotation.
    const c2r = cr * cr - sr * sr, s2r = 2 * sr * cr;
    const inv = 1 / c.block, bw = c.blocksWide, bh = c.blocksHigh, angles = c.angles;
    let n = 0, sum = 0;
    for (let k = 0; k < p.count; k++) {
      const px = p.x[k], py = p.y[k];
      const cx = Math.floor((cr * px - sr * py + tx) * inv);
      const cy = Math.floor(-(sr * px + cr * py + ty) * inv);
      if (cx < 0 || cy < 0 || cx >= bw || cy >= bh) continue;
      const a = angles[cy * bw + cx];
      if (a >= 180) continue;
      const pc = p.c2[k] * c2r - p.s2[k] * s2r;
      const ps = p.c2[k] * s2r + p.s2[k] * c2r;
      // cos 2(θp + r − θc) = Re(e^{2i(θp + r)} · e^{−2iθc}).
      sum += pc * COS2[a] + ps * SIN2[a];
      n++;
    }
    this.overlap = n;
    return n === 0 ? 0 : sum / n;
  }
}

/** The consensus transform of the chosen pairs (step 1 above); null when there are none. */
export function consensusAlignment(a: PreparedTemplate, b: PreparedTemplate, s: SelectedPairs): RigidTransform | null {
  const cue = new OrientationCue(null);
  return cue.consensus(a, b, s) ? { rotation: Math.atan2(cue.sr, cue.cr), tx: cue.tx, ty: cue.ty } : null;
}

/** Step 2 above under transform `t`: agreement and the overlap (probe finger blocks landing on finger). */
export function orientationAgreement(p: BlockOrientations, c: BlockOrientations, t: RigidTransform): { agreement: number; overlap: number } {
  const cue = new OrientationCue(p);
  cue.cr = Math.cos(t.rotation);
  cue.sr = Math.sin(t.rotation);
  cue.tx = t.tx;
  cue.ty = t.ty;
  const agreement = cue.agreement(c);
  return { agreement, overlap: cue.overlap };
}

/** Step 3 above. */
export function fuseOrientation(score: number, agreement: number): number {
  return Math.min(1, score * Math.exp(ORIENTATION_WEIGHT * (agreement - ORIENTATION_NEUTRAL_AGREEMENT)));
}
