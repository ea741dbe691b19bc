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
 *    candidate finger block (every other block both ways; directions double-angled: a ridge
 *    direction is modulo π), 0 when none do.
 * 3. Score × exp(ORIENTATION_WEIGHT · (A − ORIENTATION_NEUTRAL_AGREEMENT)), at most 1: flow that
 *    agrees better than a typical genuine pair's lower tail raises the score a little (by 1.43 at
 *    most), an impostor whose few pairs line up against the ridge flow loses most. The neutral
 *    point only sets the scale, so that the exported thresholds hold with and without the cue
 *    (parameters.ts).
 *
 * All in the prepared form's y-up frame (x, −y), where directions are ordinary angles.
 */
import type { BlockOrientations } from '../template.js';
import type { SelectedPairs } from './consolidation.js';
import { CONSENSUS_ANGLE, CONSENSUS_DISTANCE, MAX_SCORE_PAIRS, ORIENTATION_NEUTRAL_AGREEMENT, ORIENTATION_WEIGHT } from './parameters.js';
import { type PreparedTemplate, popcount } from './prepared-template.js';

/**
 * cos 2θ and sin 2θ of a y-up ridge direction θ = −(byte)°, by byte value (0–179); 0 for the
 * bytes that are not a direction (180–255: background), so that the agreement can look any byte up.
 */
const COS2 = new Float64Array(256);
const SIN2 = new Float64Array(256);
for (let d = 0; d < 180; d++) {
  COS2[d] = Math.cos((2 * d * Math.PI) / 180);
  SIN2[d] = -Math.sin((2 * d * Math.PI) / 180);
}

/**
 * A probe's finger blocks, made once per matcher: centres (y-up) and doubled-angle vectors. Only
 * every other block both ways (a 32-px grid; the candidate keeps all its blocks): the mean held-
 * out extended EER measured 1.33% so, 1.42% on every block or on a checkerboard
 * (scripts/eval/orientation-cue.ts), for a quarter of the look-ups.
 */
export class ProbeOrientations {
  readonly count: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly c2: Float64Array;
  readonly s2: Float64Array;

  constructor(o: BlockOrientations) {
    const used = (bx: number, by: number) => (bx & 1) === 0 && (by & 1) === 0;
    let n = 0;
    for (let by = 0; by < o.blocksHigh; by++) for (let bx = 0; bx < o.blocksWide; bx++) if (o.angles[by * o.blocksWide + bx] < 180 && used(bx, by)) n++;
    this.count = n;
    this.x = new Float64Array(n);
    this.y = new Float64Array(n);
    this.c2 = new Float64Array(n);
    this.s2 = new Float64Array(n);
    let k = 0;
    for (let by = 0; by < o.blocksHigh; by++) {
      for (let bx = 0; bx < o.blocksWide; bx++) {
        const a = o.angles[by * o.blocksWide + bx];
        if (a >= 180 || !used(bx, by)) continue;
        this.x[k] = (bx + 0.5) * o.block;
        this.y[k] = -(by + 0.5) * o.block;
        this.c2[k] = COS2[a];
        this.s2[k] = SIN2[a];
        k++;
      }
    }
  }
}

/**
 * Math.hypot(x, y) to the bit, for finite x and y, without the runtime call it is in V8 (~50 ns,
 * against a few for this): V8's builtin (builtins-math.cc) scales by the larger magnitude and
 * adds the squares with Kahan compensation, which for two numbers is exactly this (the first
 * square is added to 0 exactly, so the compensation is 0). orientation-agreement.test.ts compares
 * the two on a million random pairs and the edge cases.
 */
export function hypot(x: number, y: number): number {
  const ax = Math.abs(x), ay = Math.abs(y);
  const max = ay > ax ? ay : ax;
  if (max === 0) return 0;
  if (max === Number.POSITIVE_INFINITY) return max;
  const u = ax / max, v = ay / max;
  return Math.sqrt(u * u + v * v) * max;
}

/** A rigid transform in the y-up frame: candidate = R(rotation) · probe + (tx, ty). */
export interface RigidTransform {
  rotation: number;
  tx: number;
  ty: number;
}

const COS_CONSENSUS_ANGLE = Math.cos(CONSENSUS_ANGLE);
/** Pairs the consensus takes: the chosen pairs, at most MAX_SCORE_PAIRS; a bit each in a 32-bit mask. */
const MAX_PAIRS = 32;
if (MAX_SCORE_PAIRS > MAX_PAIRS) throw new Error(`orientation cue: MAX_SCORE_PAIRS ${MAX_SCORE_PAIRS} over the consensus's ${MAX_PAIRS}`);

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
  private readonly ax = new Float64Array(MAX_PAIRS);
  private readonly ay = new Float64Array(MAX_PAIRS);
  private readonly bx = new Float64Array(MAX_PAIRS);
  private readonly by = new Float64Array(MAX_PAIRS);
  /** Per pair, bit o set when pair o's rotation agrees with its own (within CONSENSUS_ANGLE). */
  private readonly agreeing = new Int32Array(MAX_PAIRS);
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
    const { rc, rs, ptx, pty, ax, ay, bx, by, agreeing } = this;
    // Each pair's positions, and its proposal: rotation db − da (as cos, sin) and the shift laying
    // a on b.
    const chosen = s.chosen, pairA = s.pairA, pairB = s.pairB;
    const adir = a.direction, axs = a.x, ays = a.y, bdir = b.direction, bxs = b.x, bys = b.y;
    for (let q = 0; q < m; q++) {
      const t = chosen[q];
      const pa = pairA[t], pb = pairB[t];
      const d = bdir[pb] - adir[pa];
      const c = Math.cos(d), sn = Math.sin(d);
      const x = axs[pa], y = ays[pa], u = bxs[pb], v = bys[pb];
      ax[q] = x;
      ay[q] = y;
      bx[q] = u;
      by[q] = v;
      rc[q] = c;
      rs[q] = sn;
      ptx[q] = u - (c * x - sn * y);
      pty[q] = v - (sn * x + c * y);
    }
    // Which pairs' rotations agree within CONSENSUS_ANGLE, as a bit mask per pair: the test is
    // symmetric to the bit (rc[o]·rc[q] + rs[o]·rs[q]: the products commute and are added in the
    // same order), so each unordered pair is tested once. Most of an impostor's pairs disagree
    // in rotation: their proposals then need no distance test at all.
    for (let q = 0; q < m; q++) agreeing[q] = 0;
    for (let q = 0; q < m; q++) {
      const c = rc[q], sn = rs[q];
      for (let o = q; o < m; o++) {
        const bit = +(rc[o] * c + rs[o] * sn >= COS_CONSENSUS_ANGLE);
        agreeing[q] |= bit << o;
        agreeing[o] |= bit << q;
      }
    }
    const d2 = CONSENSUS_DISTANCE * CONSENSUS_DISTANCE;
    let best = 0, bestCount = 0, bestLambda = -1;
    const lambdas = s.lambda;
    for (let q = 0; q < m; q++) {
      const c = rc[q], sn = rs[q], tx = ptx[q], ty = pty[q];
      const lambda = lambdas[chosen[q]];
      // A proposal wins only with more agreeing pairs than the best so far, or as many and a
      // higher λ: the count stops once the pairs left (those agreeing in rotation) cannot bring
      // it there (exact; only losers are cut short, and a loser's count is not used).
      const needed = lambda > bestLambda ? bestCount : bestCount + 1;
      let bits = agreeing[q];
      let left = popcount(bits);
      let agree = 0;
      while (bits !== 0 && agree + left >= needed) {
        const o = 31 - Math.clz32(bits & -bits);
        bits &= bits - 1;
        left--;
        const ex = c * ax[o] - sn * ay[o] + tx - bx[o];
        const ey = sn * ax[o] + c * ay[o] + ty - by[o];
        agree += +(ex * ex + ey * ey <= d2);
      }
      if (agree > bestCount || (agree === bestCount && lambda > bestLambda)) {
        best = q;
        bestCount = agree;
        bestLambda = lambda;
      }
      // Every pair agrees: any later winner would refit on the same pairs, to the same transform.
      if (agree === m) break;
    }
    // Refit on the winner's inliers (those agreeing with it in rotation and within the distance):
    // circular mean of their rotations, mean of their shifts, each summed in pair order.
    const c0 = rc[best], s0 = rs[best], tx0 = ptx[best], ty0 = pty[best];
    let inliers = 0, sc = 0, ss = 0;
    for (let bits = agreeing[best]; bits !== 0; bits &= bits - 1) {
      const o = 31 - Math.clz32(bits & -bits);
      const ex = c0 * ax[o] - s0 * ay[o] + tx0 - bx[o];
      const ey = s0 * ax[o] + c0 * ay[o] + ty0 - by[o];
      if (ex * ex + ey * ey <= d2) {
        inliers |= 1 << o;
        sc += rc[o];
        ss += rs[o];
      }
    }
    const norm = hypot(sc, ss);
    const cr = sc / norm, sr = ss / norm;
    let tx = 0, ty = 0, n = 0;
    for (let bits = inliers; bits !== 0; bits &= bits - 1) {
      const o = 31 - Math.clz32(bits & -bits);
      tx += bx[o] - (cr * ax[o] - sr * ay[o]);
      ty += by[o] - (sr * ax[o] + cr * ay[o]);
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
    // Candidate block coordinates of a probe block centre (y-up frame in, rows down out), as one
    // affine map: u = (cr·x − sr·y + tx) / B, v = −(sr·x + cr·y + ty) / B.
    const inv = 1 / c.block;
    const a11 = cr * inv, a12 = -sr * inv, a21 = -sr * inv, a22 = -cr * inv, ou = tx * inv, ov = -ty * inv;
    const bw = c.blocksWide, bh = c.blocksHigh, angles = c.angles;
    const px = p.x, py = p.y, pc2 = p.c2, ps2 = p.s2;
    // Σ e^{2iθp} · e^{−2iθc} over the overlap; the rotation's e^{2ir} is applied once at the end:
    // cos 2(θp + r − θc) = Re(e^{2ir} · e^{2iθp} · e^{−2iθc}).
    // Without a branch on where a block lands (in or out, finger or background, in no order):
    // a block that misses adds ±0 to the sums (its look-up is block 0, times 0), which leaves
    // them as they were (a sum that starts at +0 is never −0), and 0 to the count.
    let n = 0, zr = 0, zi = 0;
    for (let k = 0; k < p.count; k++) {
      const u = a11 * px[k] + a12 * py[k] + ou;
      const v = a21 * px[k] + a22 * py[k] + ov;
      const inside = +(u >= 0) & +(v >= 0) & +(u < bw) & +(v < bh);
      const a = angles[Math.imul(inside, (v | 0) * bw + (u | 0))];
      const hit = inside & +(a < 180);
      const cc = COS2[a] * hit, cs = SIN2[a] * hit;
      zr += pc2[k] * cc + ps2[k] * cs;
      zi += ps2[k] * cc - pc2[k] * cs;
      n += hit;
    }
    this.overlap = n;
    if (n === 0) return 0;
    const c2r = cr * cr - sr * sr, s2r = 2 * sr * cr;
    return (c2r * zr - s2r * zi) / n;
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
