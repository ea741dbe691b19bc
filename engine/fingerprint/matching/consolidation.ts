/**
 * Global score from local similarities: MCC's relaxation-based consolidation (Cappelli et al. 2010,
 * §4.3.2, "LSA-R" with the assignment made greedily).
 *
 * 1. Pair selection: the candidate pairs, sorted by local similarity λ (to 1/1024), are taken best first with
 *    each minutia used at most once, until nR = min(nA, nB) pairs (§4.3.1 LSA keeps pairs one-to-one;
 *    greedy instead of the Hungarian method is our simplification, measured in the readme).
 *    A selected pair whose minutiae differ in type (ending / bifurcation, both known) starts the
 *    relaxation with its λ weighted by TYPE_MISMATCH_WEIGHT (ours; MCC ignores type).
 * 2. Relaxation: nrel iterations of λ_t ← wR·λ_t + (1 − wR)/(nR − 1)·Σ_k ρ(t, k)·λ_k, where ρ is the
 *    product of three sigmoids of how well the two pairs agree in mutual distance, relative direction
 *    and radial angle (eq. 23–24).
 * 3. Score: the nP pairs whose λ kept best (efficiency λ_t^nrel / λ_t^0) give the mean of their
 *    relaxed λ (eq. 25); nP grows with the smaller minutiae count (eq. 21).
 */
import { angleDifference } from './angle.js';
import { INDEX_BITS, INDEX_MASK, SIMILARITY_LEVELS } from './local-similarity.js';
import {
  MAX_SCORE_PAIRS,
  MIN_SCORE_PAIRS,
  RELAXATION_ITERATIONS,
  RELAXATION_WEIGHT,
  RHO_DIRECTION_MU,
  RHO_DIRECTION_TAU,
  RHO_DISTANCE_MU,
  RHO_DISTANCE_TAU,
  RHO_RADIAL_MU,
  RHO_RADIAL_TAU,
  SCORE_PAIRS_MU,
  SCORE_PAIRS_TAU,
  TYPE_MISMATCH_WEIGHT,
} from './parameters.js';
import { ANGLE_UNITS_PER_PI, DISTANCE_UNITS_PER_PX, type PreparedTemplate } from './prepared-template.js';

/** Z(v, μ, τ) = 1 / (1 + e^(−τ(v − μ))) (§4.3). */
export function sigmoid(v: number, mu: number, tau: number): number {
  return 1 / (1 + Math.exp(-tau * (v - mu)));
}

// Lookup tables for the three ρ sigmoids, indexed by the quantised geometry of prepared-template.ts:
// distance differences in 1/16 px up to 64 px (beyond, ρ < 1e-40, i.e. zero), angle gaps in π/1024
// units up to π.
const DIST_TABLE = new Float32Array(64 * DISTANCE_UNITS_PER_PX + 1);
for (let i = 0; i < DIST_TABLE.length; i++) DIST_TABLE[i] = sigmoid(i / DISTANCE_UNITS_PER_PX, RHO_DISTANCE_MU, RHO_DISTANCE_TAU);
const DIR_TABLE = new Float32Array(ANGLE_UNITS_PER_PI + 1);
const RAD_TABLE = new Float32Array(ANGLE_UNITS_PER_PI + 1);
for (let i = 0; i <= ANGLE_UNITS_PER_PI; i++) {
  DIR_TABLE[i] = sigmoid((i * Math.PI) / ANGLE_UNITS_PER_PI, RHO_DIRECTION_MU, RHO_DIRECTION_TAU);
  RAD_TABLE[i] = sigmoid((i * Math.PI) / ANGLE_UNITS_PER_PI, RHO_RADIAL_MU, RHO_RADIAL_TAU);
}
const TWO_PI_UNITS = 2 * ANGLE_UNITS_PER_PI;
const SORT_BITS = 10;
const SORT_BUCKETS = 1 << SORT_BITS;
const SORT_SHIFT = 32 - SORT_BITS;

/** Reusable buffers sized for the largest templates; one per matcher, never shared across threads. */
export class ConsolidationScratch {
  readonly packed: Uint32Array;
  readonly ordered: Uint32Array;
  readonly bucketStart: Int32Array;
  readonly usedA: Uint8Array;
  readonly usedB: Uint8Array;
  readonly pairA: Int32Array;
  readonly pairB: Int32Array;
  readonly lambda0: Float32Array;
  readonly lambda: Float32Array;
  readonly next: Float32Array;
  readonly rho: Float32Array;
  readonly chosen: Int32Array;
  readonly chosenCount = { value: 0 };
  constructor(maxMinutiae: number) {
    this.packed = new Uint32Array(maxMinutiae * maxMinutiae);
    this.ordered = new Uint32Array(maxMinutiae * maxMinutiae);
    this.bucketStart = new Int32Array(SORT_BUCKETS + 1);
    this.usedA = new Uint8Array(maxMinutiae);
    this.usedB = new Uint8Array(maxMinutiae);
    this.pairA = new Int32Array(maxMinutiae);
    this.pairB = new Int32Array(maxMinutiae);
    this.lambda0 = new Float32Array(maxMinutiae);
    this.lambda = new Float32Array(maxMinutiae);
    this.next = new Float32Array(maxMinutiae);
    this.rho = new Float32Array(maxMinutiae * maxMinutiae);
    this.chosen = new Int32Array(MAX_SCORE_PAIRS);
  }
}

/** nP for the smaller of the two valid-cylinder counts (eq. 21). */
export function scorePairCount(minCount: number): number {
  return MIN_SCORE_PAIRS + Math.round(sigmoid(minCount, SCORE_PAIRS_MU, SCORE_PAIRS_TAU) * (MAX_SCORE_PAIRS - MIN_SCORE_PAIRS));
}

/**
 * Consolidates `found` packed local similarities (in scratch.packed) into a global score in [0, 1].
 * Afterwards scratch.chosen[0 .. chosenCount) index the selected pairs in pairA/pairB/lambda.
 */
export function consolidate(a: PreparedTemplate, b: PreparedTemplate, found: number, s: ConsolidationScratch): number {
  s.chosenCount.value = 0;
  const nR = Math.min(a.count, b.count);
  if (found === 0 || nR === 0) return 0;
  // Counting sort on the top SORT_BITS bits of λ (descending); order within a bucket (λ equal to
  // within 1/1024) is the scan order. Cheaper than a comparison sort for a few hundred entries.
  const packed = s.packed;
  const ordered = s.ordered;
  const start = s.bucketStart;
  start.fill(0);
  for (let p = 0; p < found; p++) start[SORT_BUCKETS - 1 - (packed[p] >>> SORT_SHIFT)]++;
  let sum = 0;
  for (let q = 0; q < SORT_BUCKETS; q++) {
    const c = start[q];
    start[q] = sum;
    sum += c;
  }
  for (let p = 0; p < found; p++) ordered[start[SORT_BUCKETS - 1 - (packed[p] >>> SORT_SHIFT)]++] = packed[p];
  s.usedA.fill(0, 0, a.count);
  s.usedB.fill(0, 0, b.count);
  let n = 0;
  for (let p = 0; p < found && n < nR; p++) {
    const v = ordered[p];
    const i = (v >>> INDEX_BITS) & INDEX_MASK;
    const j = v & INDEX_MASK;
    if (s.usedA[i] || s.usedB[j]) continue;
    s.usedA[i] = 1;
    s.usedB[j] = 1;
    s.pairA[n] = i;
    s.pairB[n] = j;
    s.lambda0[n] = (v >>> (2 * INDEX_BITS)) / SIMILARITY_LEVELS;
    // Both types known and different: weaker evidence (see TYPE_MISMATCH_WEIGHT).
    if (a.type[i] !== b.type[j] && a.type[i] !== 0 && b.type[j] !== 0) s.lambda0[n] *= TYPE_MISMATCH_WEIGHT;
    n++;
  }
  const nP = Math.min(scorePairCount(nR), n);

  // ρ(t, k) for every pair of selected pairs (eq. 24), symmetric, zero diagonal.
  const rho = s.rho;
  const an = a.count;
  const bn = b.count;
  for (let t = 0; t < n; t++) {
    rho[t * n + t] = 0;
    const at = s.pairA[t] * an;
    const bt = s.pairB[t] * bn;
    for (let k = t + 1; k < n; k++) {
      const ak = s.pairA[k];
      const bk = s.pairB[k];
      let dd = a.distance[at + ak] - b.distance[bt + bk];
      if (dd < 0) dd = -dd;
      let r = 0;
      if (dd < DIST_TABLE.length) {
        // |dφ| of two angles in [−π, π): one wrap at most.
        let g1 = a.directionDifference[at + ak] - b.directionDifference[bt + bk];
        if (g1 < 0) g1 = -g1;
        if (g1 > ANGLE_UNITS_PER_PI) g1 = TWO_PI_UNITS - g1;
        let g2 = a.radialAngle[at + ak] - b.radialAngle[bt + bk];
        if (g2 < 0) g2 = -g2;
        if (g2 > ANGLE_UNITS_PER_PI) g2 = TWO_PI_UNITS - g2;
        r = DIST_TABLE[dd] * DIR_TABLE[g1] * RAD_TABLE[g2];
      }
      rho[t * n + k] = r;
      rho[k * n + t] = r;
    }
  }

  // Relaxation (eq. 23).
  let cur = s.lambda;
  let nxt = s.next;
  cur.set(s.lambda0.subarray(0, n));
  const w = RELAXATION_WEIGHT;
  const spread = n > 1 ? (1 - w) / (n - 1) : 0;
  for (let it = 0; it < RELAXATION_ITERATIONS; it++) {
    for (let t = 0; t < n; t++) {
      let sum = 0;
      const row = t * n;
      for (let k = 0; k < n; k++) sum += rho[row + k] * cur[k];
      nxt[t] = w * cur[t] + spread * sum;
    }
    const tmp = cur;
    cur = nxt;
    nxt = tmp;
  }
  if (cur !== s.lambda) s.lambda.set(cur.subarray(0, n));

  // The nP pairs of highest efficiency λ^nrel / λ^0 (eq. 25), by selection (nP ≤ 12).
  const chosen = s.chosen;
  const taken = s.usedA; // reused: pair-selection flags are no longer needed
  taken.fill(0, 0, n);
  let total = 0;
  for (let c = 0; c < nP; c++) {
    let best = -1;
    let bestEff = -1;
    for (let t = 0; t < n; t++) {
      if (taken[t]) continue;
      const eff = s.lambda[t] / s.lambda0[t];
      if (eff > bestEff) {
        bestEff = eff;
        best = t;
      }
    }
    taken[best] = 1;
    chosen[c] = best;
    total += s.lambda[best];
  }
  s.chosenCount.value = nP;
  return total / nP;
}

/** Rotation (radians, CCW as viewed) and translation that best carry probe pairs onto candidates. */
export function pairAlignment(a: PreparedTemplate, b: PreparedTemplate, s: ConsolidationScratch): { rotation: number; dx: number; dy: number } {
  const m = s.chosenCount.value;
  if (m === 0) return { rotation: 0, dx: 0, dy: 0 };
  let sc = 0;
  let ss = 0;
  for (let c = 0; c < m; c++) {
    const t = s.chosen[c];
    const d = angleDifference(b.direction[s.pairB[t]], a.direction[s.pairA[t]]);
    sc += Math.cos(d);
    ss += Math.sin(d);
  }
  const rotation = Math.atan2(ss, sc);
  const cr = Math.cos(rotation);
  const sr = Math.sin(rotation);
  let dx = 0;
  let dy = 0;
  for (let c = 0; c < m; c++) {
    const t = s.chosen[c];
    const ax = a.x[s.pairA[t]];
    const ay = a.y[s.pairA[t]];
    dx += b.x[s.pairB[t]] - (cr * ax - sr * ay);
    dy += b.y[s.pairB[t]] - (sr * ax + cr * ay);
  }
  // Back to image coordinates (y down): the y-up frame's translation flips its y component.
  return { rotation: rotation < 0 ? rotation + 2 * Math.PI : rotation, dx: dx / m, dy: -dy / m };
}
