/** Latent-service tunables, each with why it is what it is (docs/parameters.md lists the guide). */
import type { ImpostorModel } from './impostor-normalisation.js';

/**
 * Fewest minutiae a mark may be searched or filed with. Below it the MCC score rests on one or two
 * cylinders and any print scores like the mate; examiners' own sufficiency rules start near 7–8
 * for a search, so 4 refuses only what cannot work at all, and leaves the decision to them.
 */
export const MIN_MARK_MINUTIAE = 4;

/**
 * Default score at or above which a new tenprint's match with a filed mark is stored as a TL hit
 * (on enrolment and in the `fp-tenprints-vs-unsolved` schedule). Just above the latent score that
 * 0.01% of impostor comparisons reach: the reverse search compares each new finger with every
 * mark, so a per-comparison rate of 1e-4 keeps false notifications at about one per 10,000 marks
 * per enrolled finger. Latent calibration with the smooth-field pair filter (docs/measurements/latent.md,
 * "Both latent changes together", 2026-12-02: 300,000 impostor comparisons, 0.01% at 0.036, 0.001%
 * at 0.049; the mates' median 0.040); it was 0.04 when the 0.01% point was 0.039 (scale search) and
 * 0.0365 when it was 0.035. `--reverse-search-min-score` overrides it.
 */
export const DEFAULT_REVERSE_SEARCH_MIN_SCORE = 0.037;

/**
 * Largest tenprint gallery an LT search scans exhaustively (every visible finger, any rotation);
 * beyond it the search re-ranks the candidate index's shortlist. A partial mark's finger vector is
 * a poor guide to its mate, so exhaustive is the accurate path while it is affordable: ~25k
 * any-rotation comparisons per CPU-second make 100k about 2 s on two threads.
 */
export const DEFAULT_LATENT_EXHAUSTIVE_LIMIT = 100_000;

/** Records a ListUnsolved / ListLatentHits page holds by default, and at most. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** Longest case reference (as other record text fields). */
export const MAX_CASE_REFERENCE_CHARS = 256;

/**
 * Impostor-only normalisation of latent scores (impostor-normalisation.ts; latent-matcher.ts
 * `impostorModel`): null, off.
 */
export const LATENT_IMPOSTOR_MODEL: ImpostorModel | null = null;
