/**
 * The latent matcher: a mark (partial, turned any way, distorted) against a print, a print against
 * a mark (TL), or a mark against a mark (LL). Same surface as the tenprint matcher
 * (engine/fingerprint/matcher.ts): prepare the probe once, `score` or `match` many candidates.
 *
 * Two steps, the tenprint matcher's behaviour left exactly as it is:
 * 1. MCC at any relative rotation (FingerprintMatcher with `anyRotation`): local similarities and
 *    relaxation give the pairs that agree best, the candidate alignments.
 * 2. Overlap-aware verification, after the pair-then-align step of latent AFIS (the "global
 *    matching" of Jain & Feng 2011, IEEE TPAMI 33(1), §4.2; NIST Bozorth's count of compatible
 *    pairs): each of the best MCC pairs proposes a rigid alignment (rotation from the two
 *    directions, shift from the two positions); under each, minutiae are paired one to one within
 *    a distance and a direction tolerance (the distance tolerance may grow away from the proposing
 *    pair, where skin distortion grows; measured, flat is better: latent-parameters.ts). The best
 *    alignment's paired count m is normalised by the minutiae each side has *inside the other's
 *    region* (its minutiae hull enlarged by a margin, carried across by the alignment):
 *        s = (Σ w of paired probe minutiae / Σ w of probe minutiae in the overlap) · (m / candidate minutiae in the overlap)
 *    so a big tenprint does not dilute the score of a small mark; w is the probe minutia's
 *    reliability (LatentMinutia.reliability, carried as template quality) when weighted.
 *    s is then damped by Z(m) = 1 / (1 + e^(−τ(m − μ))): a handful of pairs in a tiny overlap is
 *    what an impostor gives too.
 * 3. The latent score fuses the two: VERIFY_WEIGHT · s · Z(m) + (1 − VERIFY_WEIGHT) · MCC.
 * 4. When an impostor model is set (LATENT_IMPOSTOR_MODEL, parameters.ts), the fused score is
 *    normalised against where impostor scores sit for a comparison with the same opportunity (both
 *    sides' minutiae, the overlaps): impostor-normalisation.ts.
 *
 * Scores are in [0, 1] and depend on the two templates alone (deterministic). Figures for every
 * choice: docs/measurements/latent.md ("Latent matcher"); the decision:
 * docs/decisions/latent-matching.md.
 */
import { EngineError } from '../errors.js';
import { type ImpostorModel, normaliseLatentScore } from './impostor-normalisation.js';
import { LATENT_IMPOSTOR_MODEL } from './parameters.js';
import { FingerprintMatcher, type MatchResult, type PreparedTemplate, prepareProbe } from '../fingerprint/matcher.js';
import { angleDifference } from '../fingerprint/matching/angle.js';
import { type ConvexHull, convexHull, insideEnlargedHull } from '../fingerprint/matching/convex-hull.js';
import { OrientationCue } from '../fingerprint/matching/orientation-agreement.js';
import { CYLINDER_WORDS, popcount } from '../fingerprint/matching/prepared-template.js';
import type { FingerprintTemplate } from '../fingerprint/template.js';
import {
  LATENT_ALIGNMENT_HYPOTHESES,
  LATENT_DIRECTION_TOLERANCE,
  LATENT_DISTANCE_GROWTH,
  LATENT_DISTANCE_TOLERANCE,
  LATENT_DISTANCE_TOLERANCE_MAX,
  LATENT_OVERLAP_MARGIN,
  LATENT_PAIRS_MU,
  LATENT_PAIRS_TAU,
  LATENT_ORIENTATION_NEUTRAL,
  LATENT_ORIENTATION_WEIGHT,
  LATENT_SCALES,
  LATENT_VERIFY_WEIGHT,
  LATENT_CONSISTENT_PAIRS,
  LATENT_FIELD_NEIGHBOURS,
  LATENT_FIELD_REACH,
  LATENT_FIELD_RIDGE,
  LATENT_FIELD_TOLERANCE,
} from './latent-parameters.js';

export interface LatentMatcherOptions {
  /** Weight the probe's minutiae by their reliability (template quality / 100). Default true. */
  reliabilityWeights?: boolean;
  /** Share of the verification score in the fused score (0: MCC alone). Default LATENT_VERIFY_WEIGHT. */
  verifyWeight?: number;
  /** Alignments tried, from the best MCC pairs. Default LATENT_ALIGNMENT_HYPOTHESES. */
  hypotheses?: number;
  /** Pixel tolerance at the proposing pair, its growth per pixel away and its cap. */
  distanceTolerance?: number;
  distanceGrowth?: number;
  distanceToleranceMax?: number;
  /** Z(m) midpoint and slope. */
  pairsMu?: number;
  pairsTau?: number;
  /**
   * Probe scales tried (the mark's minutiae coordinates × each); MCC picks one (see match). A mark's
   * stated resolution is often off, and skin stretches: see LATENT_SCALES. Default LATENT_SCALES.
   * The probe's own scale is always searched (1 need not be listed). Needs the probe as a template
   * (a prepared probe is matched at its own scale only).
   */
  scales?: readonly number[];
  /**
   * Orientation cue (the tenprint matcher's, orientation-agreement.ts), under the verification's
   * best alignment: the fused score × exp(w · (A − LATENT_ORIENTATION_NEUTRAL)), at most 1, where A
   * is the agreement of the two block orientation fields over the probe's blocks landing on the
   * candidate's finger. Applies when both templates carry a field. Default LATENT_ORIENTATION_WEIGHT.
   */
  orientationWeight?: number;
  /** Compute the agreement (in the result) even at weight 0: the development harness. */
  reportOrientation?: boolean;
  /**
   * Distortion-tolerant pairing, gated (off by default: 0). After the rigid pairing, a probe minutia
   * left unpaired may pair with an unpaired candidate minutia up to this many px from where the
   * alignment carries it, only when (a) the two minutiae's MCC local similarity is at least
   * `distortionMinSimilarity` and (b) its displacement from the rigid alignment agrees within
   * `distortionSmooth` px with the displacement a local affine fit of the paired neighbours predicts
   * there (Gaussian-weighted by distance; at least `distortionNeighbours` of them, the nearest within
   * `distortionNeighbourReach` px): skin
   * distortion is a smooth displacement field, chance pairs are not. Needs `distortionMinAnchors`
   * rigid pairs. Accepted pairs become neighbours for the next of `distortionRounds` rounds.
   */
  distortionReach?: number;
  distortionSmooth?: number;
  distortionNeighbours?: number;
  distortionNeighbourReach?: number;
  distortionMinSimilarity?: number;
  distortionMinAnchors?: number;
  distortionRounds?: number;
  /** Ridge on the local affine fit's gradient (px² per unit weight): larger, closer to a local shift. */
  distortionRidge?: number;
  /** Report the counted pairs' mean MCC local similarity in the verification (the study harness). */
  reportSimilarity?: boolean;
  /**
   * Count only rigid pairs whose displacement agrees (within `distortionSmooth`) with the other
   * pairs' local fit (the smooth-field test applied to the rigid pairs; needs ≥ 3 pairs). Default
   * LATENT_CONSISTENT_PAIRS (on); `distortionSmooth` defaults to LATENT_FIELD_TOLERANCE.
   */
  consistentRigid?: boolean;
  /** Rigid pairs with MCC local similarity below this are not counted (0: all). */
  rigidMinSimilarity?: number;
  /**
   * Evidence: v = normalised^shareExponent · Z(m), then mixed with an absolute-count term:
   * (1 − countWeight) · v + countWeight · Z'(m), Z' the sigmoid at countMu / countTau. Defaults 1 and 0
   * (the shipped v).
   */
  shareExponent?: number;
  /**
   * The mark's coverage in the evidence: v × (probe minutiae inside the candidate's region / probe
   * minutiae)^coverageExponent. 0 (default): off. A mark laid mostly off the candidate's print (the
   * small-overlap impostor) loses; a mark inside its mate's print does not.
   */
  coverageExponent?: number;
  /**
   * Non-rigid re-pairing (0: off): an alignment that pairs at least this many minutiae rigidly is
   * re-paired with each probe minutia carried by the rigid alignment plus the displacement the local
   * affine fit of the rigid pairs predicts there (distortionNeighbourReach, distortionRidge), at the
   * flat tolerance; the larger count is kept. Skin distortion is smooth; a count this high is rare
   * for an impostor.
   */
  distortionRefitMin?: number;
  countWeight?: number;
  countMu?: number;
  countTau?: number;
  /**
   * Impostor-only normalisation of the final score (impostor-normalisation.ts); null: off. Applied in
   * `match` (and `score`) once the scale is chosen, with the probe's own minutiae count. Default
   * LATENT_IMPOSTOR_MODEL. With verifyWeight 0 (`score` is MCC alone, no overlaps) it does not apply.
   */
  impostorModel?: ImpostorModel | null;
}

/** The probe's minutiae, singular points and block field at `scale` (coordinates × scale; directions kept). */
export function scaleTemplate(t: FingerprintTemplate, scale: number): FingerprintTemplate {
  if (scale === 1) return t;
  return {
    ...t,
    // The block field scales with its block size (the cue reads block centres as (b + ½) · block).
    ...(t.orientations ? { orientations: { ...t.orientations, block: t.orientations.block * scale } } : {}),
    width: Math.max(1, Math.round(t.width * scale)),
    height: Math.max(1, Math.round(t.height * scale)),
    minutiae: t.minutiae.map((m) => ({ ...m, x: m.x * scale, y: m.y * scale })),
    singularPoints: t.singularPoints.map((p) => ({ ...p, x: p.x * scale, y: p.y * scale })),
  };
}

/** What verification found for one candidate (match() evidence and the dev harness). */
export interface LatentVerification {
  /** Minutiae paired under the best alignment. */
  paired: number;
  /** Probe minutiae inside the candidate's region, and candidate minutiae inside the probe's. */
  probeOverlap: number;
  candidateOverlap: number;
  /** Overlap-normalised score before the Z(m) damping, 0–1. */
  normalised: number;
  /** Of `paired`, the pairs added by the distortion pass or the re-pairing (when a pair filter or pass runs). */
  distorted?: number;
  /** Mean MCC local similarity of the counted pairs (with the option `reportSimilarity`). */
  similarity?: number;
  /** The MCC score at any rotation, 0–1. */
  mcc: number;
  /** The best alignment (prepared y-up frame: candidate = R(rotation) · probe + (tx, ty)); rotation NaN when none. */
  rotation: number;
  tx: number;
  ty: number;
}

export interface LatentMatchResult extends MatchResult {
  verification: LatentVerification;
  /** The probe scale of the best score (1 unless a scale search is on); the alignment is of the probe at this scale. */
  scale: number;
}

interface Region {
  readonly hull: ConvexHull;
  /** The hull's bounding box grown by its offset: a point outside it is outside the region. */
  readonly minX: number;
  readonly maxX: number;
  readonly minY: number;
  readonly maxY: number;
}

/** insideEnlargedHull, with the bounding box first (most of a tenprint lies far outside a mark). */
function inside(r: Region, x: number, y: number): boolean {
  if (x < r.minX || x > r.maxX || y < r.minY || y > r.maxY) return false;
  return insideEnlargedHull(r.hull, x, y);
}

/** The candidate's region, made once per prepared form (a gallery form is matched by many probes). */
const regions = new WeakMap<PreparedTemplate, Region>();

function regionOf(p: PreparedTemplate): Region {
  let r = regions.get(p);
  if (!r) {
    const points = new Float64Array(2 * p.count);
    for (let i = 0; i < p.count; i++) {
      points[2 * i] = p.x[i];
      points[2 * i + 1] = p.y[i];
    }
    const hull = convexHull(points, LATENT_OVERLAP_MARGIN);
    let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (let i = 0; i < hull.vertices.length; i += 2) {
      minX = Math.min(minX, hull.vertices[i]);
      maxX = Math.max(maxX, hull.vertices[i]);
      minY = Math.min(minY, hull.vertices[i + 1]);
      maxY = Math.max(maxY, hull.vertices[i + 1]);
    }
    const m = LATENT_OVERLAP_MARGIN;
    r = { hull, minX: minX - m, maxX: maxX + m, minY: minY - m, maxY: maxY + m };
    regions.set(p, r);
  }
  return r;
}

function isPrepared(t: FingerprintTemplate | PreparedTemplate): t is PreparedTemplate {
  return (t as PreparedTemplate).kind === 'mcc-prepared';
}

function zSigmoid(v: number, mu: number, tau: number): number {
  return 1 / (1 + Math.exp(-tau * (v - mu)));
}

export class LatentMatcher {
  readonly probe: PreparedTemplate;
  private readonly mcc: FingerprintMatcher;
  private readonly weight: Float64Array;
  private readonly region: Region;
  private readonly verifyWeight: number;
  private readonly hypotheses: number;
  private readonly tol0: number;
  private readonly tolGrowth: number;
  private readonly tolMax: number;
  private readonly mu: number;
  private readonly tau: number;
  // Scratch, sized for the probe.
  private readonly tx: Float64Array;
  private readonly ty: Float64Array;
  private readonly tth: Float64Array;
  /** The probe at the other scales searched (each a one-scale matcher), and those scales. */
  private readonly others: LatentMatcher[] = [];
  private readonly otherScales: number[] = [];
  private readonly cue: OrientationCue | null;
  private readonly orientationWeight: number;
  private readonly dReach: number;
  private readonly dSmooth: number;
  private readonly dK: number;
  private readonly dNeighbourReach: number;
  private readonly dMinSim: number;
  private readonly dMinAnchors: number;
  private readonly dRounds: number;
  private readonly dRidge: number;
  private readonly consistentRigid: boolean;
  private readonly reportSimilarity: boolean;
  private readonly rigidMinSim: number;
  private readonly shareExp: number;
  private readonly coverageExp: number;
  private readonly refitMin: number;
  private readonly countWeight: number;
  private readonly countMu: number;
  private readonly countTau: number;
  private readonly impostorModel: ImpostorModel | null;

  constructor(probe: FingerprintTemplate | PreparedTemplate, options: LatentMatcherOptions = {}) {
    if (probe === null || typeof probe !== 'object') throw EngineError.invalidArgument('probe', 'must be a template');
    this.probe = isPrepared(probe) ? probe : prepareProbe(probe);
    // r = 1: the latent matcher was measured and tuned with relaxation's spread as it was before
    // the tenprint quality weights (docs/decisions/quality-spread-floor.md, "Shipping S").
    this.mcc = new FingerprintMatcher(this.probe, { anyRotation: true, qualitySpread: false });
    const n = this.probe.count;
    this.weight = new Float64Array(n).fill(1);
    if (!isPrepared(probe) && (options.reliabilityWeights ?? true)) {
      for (let i = 0; i < n; i++) {
        const q = probe.minutiae[this.probe.minutia[i]].quality;
        // Quality 0 is "unknown" (ISO 19794-2): full weight.
        this.weight[i] = q > 0 ? Math.min(1, q / 100) : 1;
      }
    }
    this.region = regionOf(this.probe);
    this.verifyWeight = options.verifyWeight ?? LATENT_VERIFY_WEIGHT;
    this.hypotheses = options.hypotheses ?? LATENT_ALIGNMENT_HYPOTHESES;
    this.tol0 = options.distanceTolerance ?? LATENT_DISTANCE_TOLERANCE;
    this.tolGrowth = options.distanceGrowth ?? LATENT_DISTANCE_GROWTH;
    this.tolMax = options.distanceToleranceMax ?? LATENT_DISTANCE_TOLERANCE_MAX;
    this.mu = options.pairsMu ?? LATENT_PAIRS_MU;
    this.tau = options.pairsTau ?? LATENT_PAIRS_TAU;
    this.tx = new Float64Array(n);
    this.ty = new Float64Array(n);
    this.tth = new Float64Array(n);
    this.orientationWeight = options.orientationWeight ?? LATENT_ORIENTATION_WEIGHT;
    this.dReach = options.distortionReach ?? 0;
    this.dSmooth = options.distortionSmooth ?? LATENT_FIELD_TOLERANCE;
    this.dK = options.distortionNeighbours ?? LATENT_FIELD_NEIGHBOURS;
    this.dNeighbourReach = options.distortionNeighbourReach ?? LATENT_FIELD_REACH;
    this.dMinSim = options.distortionMinSimilarity ?? 0.3;
    this.dMinAnchors = options.distortionMinAnchors ?? 4;
    this.dRounds = options.distortionRounds ?? 3;
    this.dRidge = options.distortionRidge ?? LATENT_FIELD_RIDGE;
    this.consistentRigid = options.consistentRigid ?? LATENT_CONSISTENT_PAIRS;
    this.reportSimilarity = options.reportSimilarity ?? false;
    this.rigidMinSim = options.rigidMinSimilarity ?? 0;
    this.shareExp = options.shareExponent ?? 1;
    this.coverageExp = options.coverageExponent ?? 0;
    this.refitMin = options.distortionRefitMin ?? 0;
    this.countWeight = options.countWeight ?? 0;
    this.countMu = options.countMu ?? 10;
    this.countTau = options.countTau ?? 0.8;
    this.impostorModel = options.impostorModel === undefined ? LATENT_IMPOSTOR_MODEL : options.impostorModel;
    const field = probe.orientations;
    this.cue = field && (this.orientationWeight !== 0 || options.reportOrientation) ? new OrientationCue(field) : null;
    const scales = options.scales ?? LATENT_SCALES;
    if (!isPrepared(probe)) {
      for (const k of scales) {
        if (!(Number.isFinite(k) && k > 0)) throw EngineError.invalidArgument('scales', 'each scale must be a positive number');
        if (k === 1) continue;
        this.others.push(new LatentMatcher(scaleTemplate(probe, k), { ...options, scales: [1] }));
        this.otherScales.push(k);
      }
    }
  }

  /** The latent score, 0–1, at the scale MCC finds best (see match). */
  score(candidate: FingerprintTemplate | PreparedTemplate): number {
    if (this.others.length > 0) return this.match(candidate).score;
    if (this.verifyWeight === 0) return this.mcc.score(candidate);
    return this.match(candidate).score;
  }

  /**
   * The score with its evidence: MCC's pairs and alignment, and the verification's counts. With a
   * scale search, MCC's fast score at each scale picks the scale (ties to the probe's own, then the
   * first listed) and the full latent comparison runs there only: a max of the full scores over
   * every scale ranked no better on the development sets, raised the best impostor more and costs
   * one full comparison per scale (docs/decisions/latent-scale.md).
   */
  match(candidate: FingerprintTemplate | PreparedTemplate): LatentMatchResult {
    if (candidate === null || typeof candidate !== 'object') throw EngineError.invalidArgument('candidate', 'must be a template');
    const c = isPrepared(candidate) ? candidate : prepareProbe(candidate);
    return this.normalised(c, this.matchAnyScale(c));
  }

  /** The result with its score normalised by the impostor model (unchanged without one). */
  private normalised(c: PreparedTemplate, r: LatentMatchResult): LatentMatchResult {
    if (this.impostorModel === null) return r;
    const v = r.verification;
    r.score = normaliseLatentScore(r.score, { probeMinutiae: this.probe.count, candidateMinutiae: c.count, probeOverlap: v.probeOverlap, candidateOverlap: v.candidateOverlap }, this.impostorModel);
    return r;
  }

  private matchAnyScale(c: PreparedTemplate): LatentMatchResult {
    if (this.others.length === 0) return this.matchOwnScale(c);
    let best = -1;
    let bestMcc = this.mcc.score(c);
    for (let k = 0; k < this.others.length; k++) {
      const m = this.others[k].mcc.score(c);
      if (m > bestMcc) {
        bestMcc = m;
        best = k;
      }
    }
    if (best < 0) return this.matchOwnScale(c);
    return { ...this.others[best].matchOwnScale(c), scale: this.otherScales[best] };
  }

  private matchOwnScale(c: PreparedTemplate): LatentMatchResult {
    const base = this.mcc.match(c);
    const verification = this.verify(c, base);
    const v = this.evidence(verification.normalised, verification.paired, verification.probeOverlap);
    let score = this.verifyWeight * v + (1 - this.verifyWeight) * base.score;
    let agreement = Number.NaN;
    let overlap = 0;
    if (this.cue !== null && c.orientations !== undefined && !Number.isNaN(verification.rotation)) {
      this.cue.cr = Math.cos(verification.rotation);
      this.cue.sr = Math.sin(verification.rotation);
      this.cue.tx = verification.tx;
      this.cue.ty = verification.ty;
      agreement = this.cue.agreement(c.orientations);
      overlap = this.cue.overlap;
      score *= Math.exp(this.orientationWeight * (agreement - LATENT_ORIENTATION_NEUTRAL));
    }
    const result: LatentMatchResult = { ...base, score: Math.min(1, Math.max(0, score)), verification, scale: 1 };
    if (!Number.isNaN(agreement)) {
      result.orientationAgreement = agreement;
      result.orientationOverlap = overlap;
    }
    return result;
  }

  /** The verification's evidence v from the overlap-normalised score and the paired count. */
  private evidence(normalised: number, paired: number, probeOverlap: number): number {
    const share = this.shareExp === 1 ? normalised : normalised ** this.shareExp;
    let v = share * zSigmoid(paired, this.mu, this.tau);
    if (this.coverageExp !== 0 && this.probe.count > 0) v *= Math.min(1, probeOverlap / this.probe.count) ** this.coverageExp;
    return this.countWeight === 0 ? v : (1 - this.countWeight) * v + this.countWeight * zSigmoid(paired, this.countMu, this.countTau);
  }

  /** Step 2 of the file comment: the best of the alignments the top MCC pairs propose. */
  verify(c: PreparedTemplate, base: MatchResult): LatentVerification {
    const a = this.probe;
    const empty = { paired: 0, probeOverlap: 0, candidateOverlap: 0, normalised: 0, mcc: base.score, rotation: Number.NaN, tx: 0, ty: 0 };
    if (a.count === 0 || c.count === 0 || base.pairs.length === 0) return empty;
    // pairs carry template indices; the prepared forms' slots are found by their `minutia` arrays.
    const slotA = slotIndex(a);
    const slotB = slotIndex(c);
    const cRegion = regionOf(c);
    let best = empty;
    let bestKey = -1;
    const tries = Math.min(this.hypotheses, base.pairs.length);
    for (let h = 0; h < tries; h++) {
      const i = slotA.get(base.pairs[h].probe);
      const j = slotB.get(base.pairs[h].candidate);
      if (i === undefined || j === undefined) continue;
      const r = angleDifference(c.direction[j], a.direction[i]);
      const cr = Math.cos(r);
      const sr = Math.sin(r);
      const ox = c.x[j] - (cr * a.x[i] - sr * a.y[i]);
      const oy = c.y[j] - (sr * a.x[i] + cr * a.y[i]);
      const res = this.pairUnder(c, cRegion, cr, sr, ox, oy, r, c.x[j], c.y[j]);
      // Best by normalised score, then by count (deterministic: the first of equals wins).
      const key = this.evidence(res.normalised, res.paired, res.probeOverlap);
      if (key > bestKey) {
        bestKey = key;
        best = { ...res, mcc: base.score, rotation: r, tx: ox, ty: oy };
      }
    }
    return best;
  }

  private pairUnder(c: PreparedTemplate, cRegion: Region, cr: number, sr: number, ox: number, oy: number, r: number, anchorX: number, anchorY: number): LatentVerification {
    const a = this.probe;
    const n = a.count;
    const tx = this.tx;
    const ty = this.ty;
    const tth = this.tth;
    let overlapA = 0;
    let overlapAW = 0;
    for (let i = 0; i < n; i++) {
      tx[i] = cr * a.x[i] - sr * a.y[i] + ox;
      ty[i] = sr * a.x[i] + cr * a.y[i] + oy;
      tth[i] = a.direction[i] + r;
      if (inside(cRegion, tx[i], ty[i])) {
        overlapA++;
        overlapAW += this.weight[i];
      }
    }
    // Candidate minutiae inside the probe's region: carried back by the inverse alignment.
    let overlapB = 0;
    for (let j = 0; j < c.count; j++) {
      const dx = c.x[j] - ox;
      const dy = c.y[j] - oy;
      if (inside(this.region, cr * dx + sr * dy, -sr * dx + cr * dy)) overlapB++;
    }
    // One-to-one pairing, closest first, within the tolerances.
    const found = pairsWithin(tx, ty, tth, n, c, (i) =>
      this.tolGrowth === 0 ? Math.min(this.tolMax, this.tol0) : Math.min(this.tolMax, this.tol0 + this.tolGrowth * Math.hypot(tx[i] - anchorX, ty[i] - anchorY)));
    const usedA = new Uint8Array(n);
    const usedB = new Uint8Array(c.count);
    const pairI: number[] = [];
    const pairJ: number[] = [];
    takeClosestFirst(found, usedA, usedB, pairI, pairJ);
    let counted = pairI;
    let distorted: number | undefined;
    let similarity: number | undefined;
    if (this.dReach > 0 || this.consistentRigid || this.rigidMinSim > 0 || this.reportSimilarity || this.refitMin > 0) {
      const g = this.gatedPairs(c, pairI, pairJ, usedA, usedB);
      counted = g.i;
      distorted = g.distorted;
      if (this.reportSimilarity) {
        let sum = 0;
        for (let k = 0; k < g.i.length; k++) sum += cylinderSimilarity(a, g.i[k], c, g.j[k]);
        similarity = g.i.length > 0 ? sum / g.i.length : 0;
      }
    }
    const paired = counted.length;
    let pairedW = 0;
    for (const i of counted) pairedW += this.weight[i];
    // A paired minutia counts as inside the overlap even where the hull test missed it by a hair.
    const probeOverlap = Math.max(overlapA, paired);
    const candidateOverlap = Math.max(overlapB, paired);
    const denomA = Math.max(overlapAW, pairedW);
    const normalised = paired === 0 ? 0 : Math.min(1, (pairedW / denomA) * (paired / candidateOverlap));
    return { paired, probeOverlap, candidateOverlap, normalised, mcc: 0, rotation: r, tx: ox, ty: oy, ...(distorted === undefined ? {} : { distorted }), ...(similarity === undefined ? {} : { similarity }) };
  }

  /**
   * The gated passes (options `rigidMinSimilarity`, `consistentRigid`, `distortionReach`) over the
   * rigid pairs (pairI[k], pairJ[k]) under the alignment in this.tx / this.ty / this.tth; usedA and
   * usedB mark the rigid pairs' minutiae and are updated. Returns the pairs counted.
   */
  private gatedPairs(c: PreparedTemplate, pairI: number[], pairJ: number[], usedA: Uint8Array, usedB: Uint8Array): { i: number[]; j: number[]; distorted: number } {
    const a = this.probe;
    const tx = this.tx;
    const ty = this.ty;
    const tth = this.tth;
    let I = pairI;
    let J = pairJ;
    if (this.rigidMinSim > 0) {
      const keep = I.map((i, k) => cylinderSimilarity(a, i, c, J[k]) >= this.rigidMinSim);
      I = I.filter((_, k) => keep[k]);
      J = J.filter((_, k) => keep[k]);
    }
    if (this.consistentRigid) {
      // Each pair against the displacement its neighbours (the other pairs) predict.
      const keptI: number[] = [];
      const keptJ: number[] = [];
      if (I.length >= 3) {
        for (let k = 0; k < I.length; k++) {
          const i = I[k];
          const p = this.predict(c, tx[i], ty[i], I, J, k);
          if (p !== null && Math.hypot(c.x[J[k]] - tx[i] - p.x, c.y[J[k]] - ty[i] - p.y) <= this.dSmooth) {
            keptI.push(i);
            keptJ.push(J[k]);
          }
        }
      }
      if (keptI.length !== I.length) {
        I = keptI;
        J = keptJ;
      }
    }
    if (this.dReach === 0 && this.refitMin === 0) return { i: I, j: J, distorted: 0 };
    if (I !== pairI) {
      usedA.fill(0);
      usedB.fill(0);
      for (let k = 0; k < I.length; k++) {
        usedA[I[k]] = 1;
        usedB[J[k]] = 1;
      }
    }
    I = I.slice();
    J = J.slice();
    let distorted = 0;
    if (this.refitMin > 0 && I.length >= this.refitMin) {
      // Each probe minutia carried by the smooth field fitted to the rigid pairs, then paired again.
      const n = a.count;
      const px = new Float64Array(n);
      const py = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const p = this.predict(c, tx[i], ty[i], I, J, -1);
        px[i] = tx[i] + (p?.x ?? 0);
        py[i] = ty[i] + (p?.y ?? 0);
      }
      const found = pairsWithin(px, py, tth, n, c, () => this.tol0);
      const uA = new Uint8Array(n);
      const uB = new Uint8Array(c.count);
      const I2: number[] = [];
      const J2: number[] = [];
      takeClosestFirst(found, uA, uB, I2, J2);
      if (I2.length > I.length) {
        distorted = I2.length - I.length;
        I = I2;
        J = J2;
        usedA.set(uA);
        usedB.set(uB);
      }
    }
    if (this.dReach > 0 && I.length >= this.dMinAnchors) {
      const reach2 = this.dReach * this.dReach;
      for (let round = 0; round < this.dRounds; round++) {
        const found: number[] = [];
        for (let i = 0; i < a.count; i++) {
          if (usedA[i]) continue;
          const p = this.predict(c, tx[i], ty[i], I, J, -1);
          if (p === null) continue;
          for (let j = 0; j < c.count; j++) {
            if (usedB[j]) continue;
            const dx = c.x[j] - tx[i];
            const dy = c.y[j] - ty[i];
            if (dx * dx + dy * dy > reach2) continue;
            if (Math.abs(angleDifference(c.direction[j], tth[i])) > LATENT_DIRECTION_TOLERANCE) continue;
            const e = Math.hypot(dx - p.x, dy - p.y);
            if (e > this.dSmooth) continue;
            if (cylinderSimilarity(a, i, c, j) < this.dMinSim) continue;
            found.push(e, i, j);
          }
        }
        if (found.length === 0) break;
        const added = takeClosestFirst(found, usedA, usedB, I, J);
        distorted += added;
        if (added === 0) break;
      }
    }
    return { i: I, j: J, distorted };
  }

  /**
   * The residual displacement (candidate − aligned probe) at (x, y) predicted by a local affine fit
   * of the pairs (I[q], J[q]), skipping pair `skip`; null when fewer than `distortionNeighbours`
   * pairs carry weight or the nearest is beyond `distortionNeighbourReach`.
   */
  private predict(c: PreparedTemplate, x: number, y: number, I: number[], J: number[], skip: number): { x: number; y: number } | null {
    // Local affine fit of the residual field about (x, y): r(u) = b + G u, u = position − (x, y), pairs
    // weighted by a Gaussian of their distance (σ = half the neighbour reach); the gradient G is
    // pulled towards 0 (ridge ρ) so that a few pairs give a shift, many a stretch.
    const sigma = this.dNeighbourReach / 2;
    const inv2s2 = 1 / (2 * sigma * sigma);
    let nearest = Infinity;
    let s0 = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
    let r0x = 0, r1x = 0, r2x = 0, r0y = 0, r1y = 0, r2y = 0;
    let used = 0;
    for (let q = 0; q < I.length; q++) {
      if (q === skip) continue;
      const ux = this.tx[I[q]] - x;
      const uy = this.ty[I[q]] - y;
      const d2 = ux * ux + uy * uy;
      nearest = Math.min(nearest, d2);
      // exp(−9.3) < 1e-4: far pairs skip the exp (the test below would drop them anyway).
      if (d2 * inv2s2 > 9.3) continue;
      const w = Math.exp(-d2 * inv2s2);
      if (w < 1e-4) continue;
      used++;
      const rx = c.x[J[q]] - this.tx[I[q]];
      const ry = c.y[J[q]] - this.ty[I[q]];
      s0 += w; sx += w * ux; sy += w * uy; sxx += w * ux * ux; sxy += w * ux * uy; syy += w * uy * uy;
      r0x += w * rx; r1x += w * ux * rx; r2x += w * uy * rx;
      r0y += w * ry; r1y += w * ux * ry; r2y += w * uy * ry;
    }
    if (used < this.dK || Math.sqrt(nearest) > this.dNeighbourReach) return null;
    const rho = this.dRidge * s0;
    // Solve [s0 sx sy; sx sxx+ρ sxy; sy sxy syy+ρ] [b g1 g2]^T = r, for x and y; only b is needed.
    const m00 = s0, m01 = sx, m02 = sy, m11 = sxx + rho, m12 = sxy, m22 = syy + rho;
    const c00 = m11 * m22 - m12 * m12;
    const c01 = m02 * m12 - m01 * m22;
    const c02 = m01 * m12 - m02 * m11;
    const det = m00 * c00 + m01 * c01 + m02 * c02;
    if (!(Math.abs(det) > 1e-12)) return { x: r0x / s0, y: r0y / s0 };
    return { x: (c00 * r0x + c01 * r1x + c02 * r2x) / det, y: (c00 * r0y + c01 * r1y + c02 * r2y) / det };
  }
}

/**
 * (d², i, j) for every probe minutia i at (x[i], y[i], th[i]) and candidate minutia j within
 * reach(i) px and the direction tolerance, in probe then candidate order.
 */
function pairsWithin(x: ArrayLike<number>, y: ArrayLike<number>, th: ArrayLike<number>, n: number, c: PreparedTemplate, reach: (i: number) => number): number[] {
  const found: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = reach(i);
    for (let j = 0; j < c.count; j++) {
      const dx = c.x[j] - x[i];
      const dy = c.y[j] - y[i];
      const d2 = dx * dx + dy * dy;
      if (d2 > r * r) continue;
      if (Math.abs(angleDifference(c.direction[j], th[i])) > LATENT_DIRECTION_TOLERANCE) continue;
      found.push(d2, i, j);
    }
  }
  return found;
}

/**
 * Greedy one-to-one pairing of (key, i, j) triples: smallest key first (ties in the order found),
 * each probe minutia i and candidate minutia j taken at most once. Marks the pairs in usedA /
 * usedB, appends them to I / J, and returns how many it took.
 */
function takeClosestFirst(found: number[], usedA: Uint8Array, usedB: Uint8Array, I: number[], J: number[]): number {
  const order = Array.from({ length: found.length / 3 }, (_, k) => k).sort((p, q) => found[3 * p] - found[3 * q] || p - q);
  let taken = 0;
  for (const k of order) {
    const i = found[3 * k + 1];
    const j = found[3 * k + 2];
    if (usedA[i] || usedB[j]) continue;
    usedA[i] = 1;
    usedB[j] = 1;
    I.push(i);
    J.push(j);
    taken++;
  }
  return taken;
}

/** MCC local similarity (local-similarity.ts, the Dice form) of probe cylinder i and candidate cylinder j. */
function cylinderSimilarity(a: PreparedTemplate, i: number, b: PreparedTemplate, j: number): number {
  const aw = i * CYLINDER_WORDS;
  const bw = j * CYLINDER_WORDS;
  let n = 0;
  for (let w = 0; w < CYLINDER_WORDS; w++) n += popcount(a.cells[aw + w] & b.cells[bw + w]);
  const t = a.total[i] + b.total[j];
  return t === 0 ? 0 : (2 * n) / t;
}

const slotIndexes = new WeakMap<PreparedTemplate, Map<number, number>>();

/** Template minutia index → prepared slot. */
function slotIndex(p: PreparedTemplate): Map<number, number> {
  let m = slotIndexes.get(p);
  if (!m) {
    m = new Map();
    for (let s = 0; s < p.count; s++) m.set(p.minutia[s], s);
    slotIndexes.set(p, m);
  }
  return m;
}
