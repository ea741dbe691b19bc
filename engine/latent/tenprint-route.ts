/**
 * The LT search score: the latent score fused with the tenprint route
 * (docs/decisions/latent-tenprint-fusion.md). A mark searched by its image alone also goes through
 * the tenprint extractor, and its tenprint template is compared with the candidate by the tenprint
 * matcher (as a tenprint search runs it: rotation within ±90°, the orientation cue); the search
 * score is F = (1 − w) · L + w · T, with L the latent matcher's score (engine/latent/latent-matcher.ts)
 * and w = LATENT_TENPRINT_ROUTE_WEIGHT. A mark with examiner markup, or without an image, or whose
 * tenprint template holds under LATENT_TENPRINT_ROUTE_MIN_MINUTIAE minutiae, has no tenprint
 * route: its score is L. The pairs and alignment that go with a candidate are the latent
 * match's (they index the latent template's minutiae, the probe a candidate list describes).
 *
 * TL (a tenprint against the unsolved latent file): a mark filed by its image alone keeps its
 * tenprint template (`LatentPayload.tenprintRoute`), and scores S = 1 − (1 − F)^k against the
 * tenprint (`tlRouteScore`: F with the tenprint as the probe of both matchers, put on L's scale so
 * that marks with and without a route share one list and one threshold;
 * docs/decisions/latent-tl-route.md). LL scores by L alone: no pairs of marks of one finger were
 * there to measure a route between two marks.
 */
import { EngineError } from '../errors.js';
import { extractTemplate } from '../fingerprint/extractor.js';
import type { GrayImage } from '../fingerprint/gray-image.js';
import { FingerprintMatcher, type PreparedTemplate } from '../fingerprint/matcher.js';
import type { FingerprintTemplate } from '../fingerprint/template.js';
import { LatentMatcher, type LatentMatcherOptions, type LatentMatchResult } from './latent-matcher.js';
import { LATENT_TENPRINT_ROUTE_MIN_MINUTIAE, LATENT_TENPRINT_ROUTE_WEIGHT, LATENT_TL_ROUTE_SCALE_EXPONENT } from './latent-parameters.js';

/** Whether a mark searched by its image gets the route at all: not with markup, and only while the route is on. */
export function wantsTenprintRoute(hasMarkup: boolean): boolean {
  return !hasMarkup && LATENT_TENPRINT_ROUTE_WEIGHT > 0;
}

/**
 * The mark image through the tenprint extractor, as Extract reads it (`ppi` as Extract's, absent:
 * the image's own), or undefined when that extractor refuses the image (a side under its minimum at
 * 500 ppi): the mark is then searched without the route.
 */
export async function markTenprintTemplate(image: GrayImage, ppi?: number): Promise<FingerprintTemplate | undefined> {
  try {
    return await extractTemplate(image, ppi !== undefined ? { ppi } : {});
  } catch (e) {
    if (e instanceof EngineError) return undefined;
    throw e;
  }
}

/** Whether a mark's tenprint template is large enough for the route (LATENT_TENPRINT_ROUTE_MIN_MINUTIAE). */
export function hasTenprintRoute(tenprint: FingerprintTemplate): boolean {
  return tenprint.minutiae.length >= LATENT_TENPRINT_ROUTE_MIN_MINUTIAE;
}

/** F = (1 − w) · L + w · T. */
export function fusedLatentScore(latent: number, tenprint: number, weight = LATENT_TENPRINT_ROUTE_WEIGHT): number {
  return (1 - weight) * latent + weight * tenprint;
}

/** A fused score put on the latent score's scale: 1 − (1 − F)^k (about k · F where scores are small). */
export function onLatentScale(fused: number, k = LATENT_TL_ROUTE_SCALE_EXPONENT): number {
  return 1 - Math.pow(1 - fused, k);
}

/** The TL score of a mark with a tenprint route: L and T fused, on L's scale. */
export function tlRouteScore(latent: number, tenprint: number): number {
  return onLatentScale(fusedLatentScore(latent, tenprint));
}

/**
 * Scores candidates for a latent search: the latent matcher, fused with the tenprint route — the
 * probe's (LT: a mark with a route) or the candidate's (TL: a tenprint probe against a mark that
 * keeps one, `candidateRoutes`).
 */
export class LatentSearchScorer {
  private readonly latent: LatentMatcher;
  private readonly tenprint: FingerprintMatcher | null;
  /** TL: the tenprint probe as the tenprint matcher's probe, for the candidates' routes. */
  private readonly probeAsTenprint: FingerprintMatcher | null;

  /**
   * `tenprintProbe`: the mark's tenprint-extractor template (absent for marks with markup or
   * without an image). `weight` and `latentOptions` are for studies; the service uses
   * LATENT_TENPRINT_ROUTE_WEIGHT and the latent matcher as shipped. `candidateRoutes`: the probe is
   * a tenprint, and `score` may be given a candidate's route (TL).
   */
  constructor(latentProbe: FingerprintTemplate | PreparedTemplate, tenprintProbe?: FingerprintTemplate, private readonly weight = LATENT_TENPRINT_ROUTE_WEIGHT,
    latentOptions: LatentMatcherOptions = {}, candidateRoutes = false) {
    if (!(weight >= 0 && weight <= 1)) throw new RangeError('the tenprint route weight must lie in [0, 1]');
    this.latent = new LatentMatcher(latentProbe, latentOptions);
    this.tenprint = tenprintProbe && weight > 0 && hasTenprintRoute(tenprintProbe) ? new FingerprintMatcher(tenprintProbe) : null;
    this.probeAsTenprint = candidateRoutes ? new FingerprintMatcher(latentProbe) : null;
  }

  /** The route's score alone (the tenprint matcher's), or undefined without a route. */
  tenprintScore(candidate: FingerprintTemplate | PreparedTemplate): number | undefined {
    return this.tenprint ? this.tenprint.score(candidate) : undefined;
  }

  /** The search score; `candidateRoute`: the candidate mark's tenprint route (TL, `candidateRoutes`), scored by tlRouteScore. */
  score(candidate: FingerprintTemplate | PreparedTemplate, candidateRoute?: PreparedTemplate): number {
    const l = this.latent.score(candidate);
    if (this.tenprint) return fusedLatentScore(l, this.tenprint.score(candidate), this.weight);
    return candidateRoute && this.probeAsTenprint ? tlRouteScore(l, this.probeAsTenprint.score(candidateRoute)) : l;
  }

  /** The latent match (pairs, alignment, scale) with the search score in place of L. */
  match(candidate: FingerprintTemplate | PreparedTemplate): LatentMatchResult {
    const m = this.latent.match(candidate);
    return this.tenprint ? { ...m, score: fusedLatentScore(m.score, this.tenprint.score(candidate), this.weight) } : m;
  }
}
