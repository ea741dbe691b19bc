/**
 * Global score from local similarities: MCC's relaxation-based consolidation (Cappelli et al. 2010,
 * §4.3.2, "LSA-R" with the assignment made greedily).
 *
 * 1. Pair selection: the candidate pairs, sorted by local similarity λ (to 1/1024), are taken best first with
 *    each minutia used at most once, until nR = min(nA, nB) pairs (§4.3.1 LSA keeps pairs one-to-one;
 *    greedy instead of the Hungarian method is our simplification).
 *    A selected pair whose minutiae differ in type (ending / bifurcation, both known) starts the
 *    relaxation with its λ weighted by TYPE_MISMATCH_WEIGHT (ours; MCC ignores type).
 * 2. Relaxation: nrel iterations of λ_t ← wR·λ_t + (1 − wR)/(nR − 1)·Σ_k ρ(t, k)·λ_k, where ρ is the
 *    product of three sigmoids of how well the two pairs agree in mutual distance, relative direction
 *    and radial angle (eq. 23–24). Ours: nR − 1 becomes max(1, nR·r − 1), r = min(W_A, W_B) /
 *    min(n_A, n_B) from the templates' quality weights (parameters.ts, QUALITY_SPREAD_*; r = 1 and
 *    the paper's form when both templates' minutiae carry one quality).
 * 3. Score: the nP pairs whose λ kept best (efficiency λ_t^nrel / λ_t^0) give the mean of their
 *    relaxed λ (eq. 25); nP grows with the smaller minutiae count (eq. 21).
 *
 * This is the reference and the fallback: consolidation-wasm.wat does the same operations in
 * WebAssembly, to the same bits. A change here must be made there too (matcher.shared-data.test.ts
 * compares the two over FVC2002 DB1).
 */
import { angleDifference } from './angle.js';
import { INDEX_BITS, INDEX_MASK, SIMILARITY_LEVELS } from './local-similarity.js';
import { ANGLE_UNITS_PER_PI, DISTANCE_UNITS_PER_PX, ProbeGeometry, angleUnits, distanceUnits, radialAngleUnits } from './pairwise-geometry.js';
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
import type { PreparedTemplate } from './prepared-template.js';
import type { ConsolidationWeights } from './quality-weight.js';
import { type RelativeDistanceTolerance, relativeDistanceTerm } from './relative-distance-tolerance.js';

/** Z(v, μ, τ) = 1 / (1 + e^(−τ(v − μ))) (§4.3). */
export function sigmoid(v: number, mu: number, tau: number): number {
  return 1 / (1 + Math.exp(-tau * (v - mu)));
}

// Lookup tables for the three ρ sigmoids, indexed by the quantised geometry of pairwise-geometry.ts:
// distance differences in 1/16 px up to 64 px (beyond, ρ < 1e-40, i.e. zero), angle gaps in π/1024
// units up to π.
export const DIST_TABLE = new Float32Array(64 * DISTANCE_UNITS_PER_PX + 1);
for (let i = 0; i < DIST_TABLE.length; i++) DIST_TABLE[i] = sigmoid(i / DISTANCE_UNITS_PER_PX, RHO_DISTANCE_MU, RHO_DISTANCE_TAU);
export const DIR_TABLE = new Float32Array(ANGLE_UNITS_PER_PI + 1);
export const RAD_TABLE = new Float32Array(ANGLE_UNITS_PER_PI + 1);
for (let i = 0; i <= ANGLE_UNITS_PER_PI; i++) {
  DIR_TABLE[i] = sigmoid((i * Math.PI) / ANGLE_UNITS_PER_PI, RHO_DIRECTION_MU, RHO_DIRECTION_TAU);
  RAD_TABLE[i] = sigmoid((i * Math.PI) / ANGLE_UNITS_PER_PI, RHO_RADIAL_MU, RHO_RADIAL_TAU);
}
const TWO_PI_UNITS = 2 * ANGLE_UNITS_PER_PI;
/**
 * ρ is kept in Float32, and ρ = (distance term · direction term) · radial term with every term ≤ 1:
 * when the first product is at most 2^−150 (half the least Float32 subnormal), ρ rounds to zero
 * whatever the radial angle, so that angle (an atan2) is not computed.
 */
const RHO_VANISHES = 2 ** -150;
const SORT_BITS = 10;
const SORT_BUCKETS = 1 << SORT_BITS;
const SORT_SHIFT = 32 - SORT_BITS;

/**
 * What consolidation leaves behind for match(): the selected pairs (minutia indices into the two
 * forms and relaxed λ) and, in chosen[0 .. chosenCount), the ones behind the score.
 */
export interface SelectedPairs {
  readonly pairA: Int32Array;
  readonly pairB: Int32Array;
  readonly lambda: Float32Array;
  readonly chosen: Int32Array;
  readonly chosenCount: { readonly value: number };
}

/** Reusable buffers sized for the largest templates; one per matcher, never shared across threads. */
export class ConsolidationScratch implements SelectedPairs {
  readonly packed: Uint32Array;
  readonly ordered: Uint32Array;
  /** Counting-sort buckets; all zero between calls (each call clears the range it used). */
  readonly bucketStart: Int32Array;
  readonly usedA: Uint8Array;
  readonly usedB: Uint8Array;
  readonly pairA: Int32Array;
  readonly pairB: Int32Array;
  readonly lambda0: Float32Array;
  readonly lambda: Float32Array;
  /** Relaxation's two λ vectors (Float32 values held as Float64). */
  readonly relaxed: Float64Array;
  readonly relaxedNext: Float64Array;
  /**
   * Non-zero ρ of each selected pair t: rhoCount[t] entries at t·maxMinutiae, columns ascending.
   * ρ is a Float32 quantity (Math.fround), held as Float64.
   */
  readonly rhoValue: Float64Array;
  readonly rhoColumn: Int32Array;
  readonly rhoCount: Int32Array;
  readonly efficiency: Float64Array;
  /** Per pair of selected pairs (t, k), t < k: t·2^7 + k, distance-unit gap, ρ's first two terms. */
  readonly pairList: Int32Array;
  readonly pairGap: Int32Array;
  readonly pairProduct: Float64Array;
  readonly chosen: Int32Array;
  readonly chosenCount = { value: 0 };
  /**
   * Relaxation's spread from the templates' W (parameters.ts, QUALITY_SPREAD_*). False: r = 1
   * whatever their W, the spread as before it (the latent matcher; the study's "today" column).
   */
  qualitySpread = true;
  /** The probe's pairwise geometry (made once per probe). */
  readonly geometry: ProbeGeometry;
  readonly stride: number;
  /** `packed`: where local similarities are written (by default a new array; the SIMD kernel's output). */
  constructor(maxMinutiae: number, packed: Uint32Array = new Uint32Array(maxMinutiae * maxMinutiae)) {
    this.stride = maxMinutiae;
    this.packed = packed;
    this.ordered = new Uint32Array(maxMinutiae * maxMinutiae);
    this.bucketStart = new Int32Array(SORT_BUCKETS + 1);
    this.usedA = new Uint8Array(maxMinutiae);
    this.usedB = new Uint8Array(maxMinutiae);
    this.pairA = new Int32Array(maxMinutiae);
    this.pairB = new Int32Array(maxMinutiae);
    this.lambda0 = new Float32Array(maxMinutiae);
    this.lambda = new Float32Array(maxMinutiae);
    this.relaxed = new Float64Array(maxMinutiae);
    this.relaxedNext = new Float64Array(maxMinutiae);
    this.rhoValue = new Float64Array(maxMinutiae * maxMinutiae);
    this.rhoColumn = new Int32Array(maxMinutiae * maxMinutiae);
    this.rhoCount = new Int32Array(maxMinutiae);
    this.efficiency = new Float64Array(maxMinutiae);
    this.pairList = new Int32Array((maxMinutiae * (maxMinutiae - 1)) / 2);
    this.pairGap = new Int32Array((maxMinutiae * (maxMinutiae - 1)) / 2);
    this.pairProduct = new Float64Array((maxMinutiae * (maxMinutiae - 1)) / 2);
    this.chosen = new Int32Array(MAX_SCORE_PAIRS);
    this.geometry = new ProbeGeometry(maxMinutiae);
  }
}

/** nP for the smaller of the two valid-cylinder counts (eq. 21). */
export function scorePairCount(minCount: number): number {
  return MIN_SCORE_PAIRS + Math.round(sigmoid(minCount, SCORE_PAIRS_MU, SCORE_PAIRS_TAU) * (MAX_SCORE_PAIRS - MIN_SCORE_PAIRS));
}

/**
 * Consolidates `found` packed local similarities (in scratch.packed) into a global score in [0, 1].
 * Afterwards scratch.chosen[0 .. chosenCount) index the selected pairs in pairA/pairB/lambda.
 * `a`'s pairwise geometry is taken from scratch.geometry, made there on first use.
 * `weights`: a study only (quality-weight.ts, docs/decisions/quality-weighted-minutiae.md); the
 * matcher never passes it.
 * `tolerance`: a study only (relative-distance-tolerance.ts, docs/decisions/
 * relaxation-relative-tolerance.md): ρ's distance tolerance grows with the couple's mean distance;
 * the matcher never passes it.
 */
export function consolidate(a: PreparedTemplate, b: PreparedTemplate, found: number, s: ConsolidationScratch, weights?: ConsolidationWeights, tolerance?: RelativeDistanceTolerance): number {
  s.chosenCount.value = 0;
  const nR = Math.min(a.count, b.count);
  if (found === 0 || nR === 0) return 0;
  // Counting sort on the top SORT_BITS bits of λ (descending); order within a bucket (λ equal to
  // within 1/1024) is the scan order. Cheaper than a comparison sort for a few hundred entries;
  // only the buckets between the least and the greatest key present are summed and cleared.
  const packed = s.packed;
  const ordered = s.ordered;
  const start = s.bucketStart;
  let low = SORT_BUCKETS;
  let high = -1;
  for (let p = 0; p < found; p++) {
    const key = SORT_BUCKETS - 1 - (packed[p] >>> SORT_SHIFT);
    start[key]++;
    if (key < low) low = key;
    if (key > high) high = key;
  }
  let sum = 0;
  for (let q = low; q <= high; q++) {
    const c = start[q];
    start[q] = sum;
    sum += c;
  }
  for (let p = 0; p < found; p++) ordered[start[SORT_BUCKETS - 1 - (packed[p] >>> SORT_SHIFT)]++] = packed[p];
  start.fill(0, low, high + 1);
  const usedA = s.usedA;
  const usedB = s.usedB;
  const pairA = s.pairA;
  const pairB = s.pairB;
  const lambda0 = s.lambda0;
  usedA.fill(0, 0, a.count);
  usedB.fill(0, 0, b.count);
  let n = 0;
  for (let p = 0; p < found && n < nR; p++) {
    const v = ordered[p];
    const i = (v >>> INDEX_BITS) & INDEX_MASK;
    const j = v & INDEX_MASK;
    if (usedA[i] || usedB[j]) continue;
    usedA[i] = 1;
    usedB[j] = 1;
    pairA[n] = i;
    pairB[n] = j;
    lambda0[n] = (v >>> (2 * INDEX_BITS)) / SIMILARITY_LEVELS;
    // Both types known and different: weaker evidence (see TYPE_MISMATCH_WEIGHT).
    if (a.type[i] !== b.type[j] && a.type[i] !== 0 && b.type[j] !== 0) lambda0[n] *= TYPE_MISMATCH_WEIGHT;
    if (weights !== undefined && (weights.form === 'pair' || weights.form === 'both')) lambda0[n] *= weights.a[i] * weights.b[j];
    n++;
  }
  // The lighter side's W for relaxation's spread (parameters.ts, QUALITY_SPREAD_*): nR when both
  // templates' minutiae carry one quality. Study only, with weights: the sum of the study's weights
  // instead (quality-weight.ts 'count', 'spread'), nR for 'pair'.
  let weightedCount = weights === undefined && s.qualitySpread ? Math.min(a.weightedCount, b.weightedCount) : nR;
  if (weights !== undefined && weights.form !== 'pair') {
    let wa = 0;
    let wb = 0;
    for (let i = 0; i < a.count; i++) wa += weights.a[i];
    for (let j = 0; j < b.count; j++) wb += weights.b[j];
    weightedCount = Math.min(wa, wb);
  }
  // nP follows the count itself, not W (only the study's 'count' form weighs it).
  const nP = Math.min(scorePairCount(weights === undefined || weights.form === 'spread' ? nR : weightedCount), n);

  // ρ(t, k) for every pair of selected pairs (eq. 24), symmetric, zero diagonal; only the non-zero
  // ones are kept, per row in column order, so relaxation adds exactly the terms it always added
  // (a zero term left the sum as it was). The probe's geometry comes from its tables, the
  // candidate's is computed here for just these pairs (the same integers a table would hold).
  pairCompatibilities(a, b, n, s, tolerance);
  const stride = s.stride;
  const rhoValue = s.rhoValue;
  const rhoColumn = s.rhoColumn;
  const rhoCount = s.rhoCount;

  // Relaxation (eq. 23). λ is a Float32 quantity (as it always was): each step is rounded to
  // Float32 by Math.fround and kept in Float64 arrays, which the loop reads without conversions.
  let cur = s.relaxed;
  let nxt = s.relaxedNext;
  for (let t = 0; t < n; t++) cur[t] = lambda0[t];
  const w = RELAXATION_WEIGHT;
  // n·r − 1 (r = weightedCount / nR; n − 1 exactly when r = 1). Study only: r raised to the floor
  // when one is given (docs/decisions/quality-spread-floor.md), so a template of few weighty
  // minutiae cannot multiply its spread without bound (the shipped wmin = 0.5 keeps r ≥ 0.5).
  const floor = weights?.floor;
  const spread = n > 1 ? (1 - w) / (weightedCount === nR ? n - 1 : Math.max(1, floor !== undefined && weightedCount / nR < floor ? n * floor - 1 : (n * weightedCount) / nR - 1)) : 0;
  for (let it = 0; it < RELAXATION_ITERATIONS; it++) {
    for (let t = 0; t < n; t++) {
      let sum = 0;
      const row = t * stride;
      const end = row + rhoCount[t];
      for (let c = row; c < end; c++) sum += rhoValue[c] * cur[rhoColumn[c]];
      nxt[t] = Math.fround(w * cur[t] + spread * sum);
    }
    const tmp = cur;
    cur = nxt;
    nxt = tmp;
  }
  for (let t = 0; t < n; t++) s.lambda[t] = cur[t];

  // The nP pairs of highest efficiency λ^nrel / λ^0 (eq. 25), by selection (nP ≤ 12).
  const lambda = s.lambda;
  const efficiency = s.efficiency;
  for (let t = 0; t < n; t++) efficiency[t] = lambda[t] / lambda0[t];
  const chosen = s.chosen;
  const taken = usedA; // reused: pair-selection flags are no longer needed
  taken.fill(0, 0, n);
  let total = 0;
  for (let c = 0; c < nP; c++) {
    let best = -1;
    let bestEff = -1;
    for (let t = 0; t < n; t++) {
      if (taken[t]) continue;
      const eff = efficiency[t];
      if (eff > bestEff) {
        bestEff = eff;
        best = t;
      }
    }
    taken[best] = 1;
    chosen[c] = best;
    total += lambda[best];
  }
  s.chosenCount.value = nP;
  return total / nP;
}

/**
 * Fills s.rhoValue/rhoColumn/rhoCount with the non-zero ρ of the n selected pairs. In stages over
 * flat lists, each loop free of branches on what it computes: a test right after a square root, a
 * rounding or an atan2 stalls the pipeline on every misprediction (measured: one fused loop took
 * 87 ns a pair, these stages about a third of that).
 */
function pairCompatibilities(a: PreparedTemplate, b: PreparedTemplate, n: number, s: ConsolidationScratch, tolerance?: RelativeDistanceTolerance): void {
  const g = s.geometry;
  g.load(a);
  if (tolerance !== undefined) {
    rhoRows(a, b, n, s, relativeDistanceProducts(a, b, n, s, tolerance.kappa));
    return;
  }
  const aDistance = g.distance;
  const aDirection = g.directionDifference;
  const bx = b.x;
  const by = b.y;
  const bth = b.direction;
  const an = a.count;
  const pairA = s.pairA;
  const pairB = s.pairB;
  const list = s.pairList;
  const gap = s.pairGap;
  const product = s.pairProduct;
  // 1. Distance differences of every pair (t, k), t < k, packed t·2^7 + k.
  let m = 0;
  for (let t = 0; t < n; t++) {
    const at = pairA[t] * an;
    const bt = pairB[t];
    const xt = bx[bt];
    const yt = by[bt];
    for (let k = t + 1; k < n; k++) {
      const bk = pairB[k];
      const dx = bx[bk] - xt;
      const dy = by[bk] - yt;
      list[m] = (t << INDEX_BITS) | k;
      gap[m] = Math.abs(aDistance[at + pairA[k]] - distanceUnits(dx, dy));
      m++;
    }
  }
  // 2. Keep those within the distance table (beyond, ρ < 1e-40: zero).
  let kept = 0;
  for (let p = 0; p < m; p++) {
    const d = gap[p];
    list[kept] = list[p];
    gap[kept] = d;
    kept += (d - DIST_TABLE.length) >>> 31;
  }
  // 3. Distance term times direction term; |dφ| of two angles in [−π, π) wraps once at most.
  for (let p = 0; p < kept; p++) {
    const t = list[p] >>> INDEX_BITS;
    const k = list[p] & INDEX_MASK;
    const g1 = Math.abs(aDirection[pairA[t] * an + pairA[k]] - angleUnits(angleDifference(bth[pairB[t]], bth[pairB[k]])));
    product[p] = DIST_TABLE[gap[p]] * DIR_TABLE[Math.min(g1, TWO_PI_UNITS - g1)];
  }
  rhoRows(a, b, n, s, kept);
}

/**
 * Stages 1–3 of pairCompatibilities under the study's relative distance tolerance: the distance
 * term depends on the couple's mean distance as well as its gap (relative-distance-tolerance.ts),
 * and is not cut at the table's 64 px where μ is larger than today's. Leaves pairList and
 * pairProduct as stages 1–3 do (pairs in (t, k) order); returns how many.
 */
function relativeDistanceProducts(a: PreparedTemplate, b: PreparedTemplate, n: number, s: ConsolidationScratch, kappa: number): number {
  const g = s.geometry;
  const aDistance = g.distance;
  const aDirection = g.directionDifference;
  const bx = b.x;
  const by = b.y;
  const bth = b.direction;
  const an = a.count;
  const pairA = s.pairA;
  const pairB = s.pairB;
  const list = s.pairList;
  const product = s.pairProduct;
  let kept = 0;
  for (let t = 0; t < n; t++) {
    const at = pairA[t] * an;
    const bt = pairB[t];
    for (let k = t + 1; k < n; k++) {
      const bk = pairB[k];
      const dA = aDistance[at + pairA[k]];
      const dB = distanceUnits(bx[bk] - bx[bt], by[bk] - by[bt]);
      const term = relativeDistanceTerm(Math.abs(dA - dB), (dA + dB) / 2, kappa, DIST_TABLE);
      if (term === 0) continue;
      const g1 = Math.abs(aDirection[at + pairA[k]] - angleUnits(angleDifference(bth[bt], bth[bk])));
      list[kept] = (t << INDEX_BITS) | k;
      product[kept] = term * DIR_TABLE[Math.min(g1, TWO_PI_UNITS - g1)];
      kept++;
    }
  }
  return kept;
}

/** Stages 4–5 of pairCompatibilities: from the kept pairs' first two ρ terms into the rows. */
function rhoRows(a: PreparedTemplate, b: PreparedTemplate, n: number, s: ConsolidationScratch, kept: number): void {
  const aRadial = s.geometry.radialAngle;
  const bx = b.x;
  const by = b.y;
  const bth = b.direction;
  const an = a.count;
  const pairA = s.pairA;
  const pairB = s.pairB;
  const list = s.pairList;
  const product = s.pairProduct;
  // 4. Drop those whose ρ rounds to zero whatever the radial term (it is ≤ 1).
  let alive = 0;
  for (let p = 0; p < kept; p++) {
    list[alive] = list[p];
    product[alive] = product[p];
    alive += product[p] > RHO_VANISHES ? 1 : 0;
  }
  // 5. Times the radial term, and into the rows (pairs are in (t, k) order: columns ascending).
  const stride = s.stride;
  const rhoValue = s.rhoValue;
  const rhoColumn = s.rhoColumn;
  const rhoCount = s.rhoCount;
  rhoCount.fill(0, 0, n);
  for (let p = 0; p < alive; p++) {
    const t = list[p] >>> INDEX_BITS;
    const k = list[p] & INDEX_MASK;
    const bt = pairB[t];
    const bk = pairB[k];
    const radial = radialAngleUnits(bth[bt], bx[bk] - bx[bt], by[bk] - by[bt]);
    const g2 = Math.abs(aRadial[pairA[t] * an + pairA[k]] - radial);
    const r = Math.fround(product[p] * RAD_TABLE[Math.min(g2, TWO_PI_UNITS - g2)]);
    if (r === 0) continue;
    const ct = t * stride + rhoCount[t]++;
    rhoValue[ct] = r;
    rhoColumn[ct] = k;
    const ck = k * stride + rhoCount[k]++;
    rhoValue[ck] = r;
    rhoColumn[ck] = t;
  }
}

/** Rotation (radians, CCW as viewed) and translation that best carry probe pairs onto candidates. */
export function pairAlignment(a: PreparedTemplate, b: PreparedTemplate, s: SelectedPairs): { rotation: number; dx: number; dy: number } {
  const m = s.chosenCount.value;
  if (m === 0) return { rotation: 0, dx: 0, dy: 0 };
  let sc = 0;
  let ss = 0;
  for (let c = 0; c < m; c++) {
    const t = s.chosen[c];
    // Directions and positions at Float32 precision, as the form held them when this was written:
    // alignments stay what they were to the last bit.
    const d = angleDifference(Math.fround(b.direction[s.pairB[t]]), Math.fround(a.direction[s.pairA[t]]));
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
    const ax = Math.fround(a.x[s.pairA[t]]);
    const ay = Math.fround(a.y[s.pairA[t]]);
    dx += Math.fround(b.x[s.pairB[t]]) - (cr * ax - sr * ay);
    dy += Math.fround(b.y[s.pairB[t]]) - (sr * ax + cr * ay);
  }
  // Back to image coordinates (y down): the y-up frame's translation flips its y component.
  return { rotation: rotation < 0 ? rotation + 2 * Math.PI : rotation, dx: dx / m, dy: -dy / m };
}
