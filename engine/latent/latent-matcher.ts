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
 *
 * Scores are in [0, 1] and depend on the two templates alone (deterministic). Figures for every
 * choice: docs/measurements/latent.md ("Latent matcher"); the decision:
 * docs/decisions/latent-matching.md.
 */
import { EngineError } from '../errors.js';
import { FingerprintMatcher, type MatchResult, type PreparedTemplate, prepareProbe } from '../fingerprint/matcher.js';
import { angleDifference } from '../fingerprint/matching/angle.js';
import { type ConvexHull, convexHull, insideEnlargedHull } from '../fingerprint/matching/convex-hull.js';
import { OrientationCue } from '../fingerprint/matching/orientation-agreement.js';
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

  constructor(probe: FingerprintTemplate | PreparedTemplate, options: LatentMatcherOptions = {}) {
    if (probe === null || typeof probe !== 'object') throw EngineError.invalidArgument('probe', 'must be a template');
    this.probe = isPrepared(probe) ? probe : prepareProbe(probe);
    this.mcc = new FingerprintMatcher(this.probe, { anyRotation: true });
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
    const v = verification.normalised * zSigmoid(verification.paired, this.mu, this.tau);
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
      const key = res.normalised * zSigmoid(res.paired, this.mu, this.tau);
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
    const found: number[] = [];
    for (let i = 0; i < n; i++) {
      const reach = this.tolGrowth === 0 ? Math.min(this.tolMax, this.tol0) : Math.min(this.tolMax, this.tol0 + this.tolGrowth * Math.hypot(tx[i] - anchorX, ty[i] - anchorY));
      for (let j = 0; j < c.count; j++) {
        const dx = c.x[j] - tx[i];
        const dy = c.y[j] - ty[i];
        const d2 = dx * dx + dy * dy;
        if (d2 > reach * reach) continue;
        if (Math.abs(angleDifference(c.direction[j], tth[i])) > LATENT_DIRECTION_TOLERANCE) continue;
        found.push(d2, i, j);
      }
    }
    const order = Array.from({ length: found.length / 3 }, (_, k) => k).sort((p, q) => found[3 * p] - found[3 * q] || p - q);
    const usedA = new Uint8Array(n);
    const usedB = new Uint8Array(c.count);
    let paired = 0;
    let pairedW = 0;
    for (const k of order) {
      const i = found[3 * k + 1];
      const j = found[3 * k + 2];
      if (usedA[i] || usedB[j]) continue;
      usedA[i] = 1;
      usedB[j] = 1;
      paired++;
      pairedW += this.weight[i];
    }
    // A paired minutia counts as inside the overlap even where the hull test missed it by a hair.
    const probeOverlap = Math.max(overlapA, paired);
    const candidateOverlap = Math.max(overlapB, paired);
    const denomA = Math.max(overlapAW, pairedW);
    const normalised = paired === 0 ? 0 : Math.min(1, (pairedW / denomA) * (paired / candidateOverlap));
    return { paired, probeOverlap, candidateOverlap, normalised, mcc: 0, rotation: r, tx: ox, ty: oy };
  }
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
