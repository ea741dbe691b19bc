/** Latent-service tunables, each with why it is what it is (docs/parameters.md lists the guide). */
import type { ImpostorModel } from './impostor-normalisation.js';

/**
 * Fewest minutiae a mark may be searched or filed with. Below it the MCC score rests on one or two
 * cylinders and any print scores like the mate. 4 refuses only what cannot work at all and leaves
 * the decision to the examiner; the automatic TL asks more (DEFAULT_TL_MIN_MARK_MINUTIAE, 8,
 * measured: marks with 4–7 minutiae score high against everyone).
 */
export const MIN_MARK_MINUTIAE = 4;

/**
 * Default score at or above which a new tenprint's match with a filed mark is stored as a TL hit
 * (on enrolment and in the `fp-tenprints-vs-unsolved` schedule). Just above the latent score that
 * 0.01% of impostor comparisons reach: the reverse search compares each new finger with every
 * mark, so a per-comparison rate of 1e-4 keeps false notifications at about one per 10,000 marks
 * per enrolled finger. The impostors are fingerprint images (docs/decisions/tl-threshold-realistic.md):
 * 90 marks against 4,000 synthetic-finger prints, 360,000 comparisons, 0.01% at 0.056
 * (docs/measurements/latent.md, "The latent score against realistic impostors", 2026-12-03); against
 * 10,000 (900,000 comparisons, 2026-12-04) the 0.01% point is 0.057 and 0.0093% reach it. On
 * TL's held-out set (latent-tl-route.md) 33 of 170 mates become hits and 62 of 188,530 other
 * comparisons; at the earlier 0.031, set against generated templates (0.01% at 0.030; they reach
 * 0.031 in 0.05% of comparisons, synthetic prints in 0.67%), 52 and 447.
 * `--reverse-search-min-score` overrides it.
 */
export const DEFAULT_REVERSE_SEARCH_MIN_SCORE = 0.057;

/**
 * Fewest minutiae a filed mark needs for the automatic TL (the reverse search on enrolment and the
 * daily `fp-tenprints-vs-unsolved` schedule) to search it. The hit threshold's 0.01% is pooled over
 * many marks; a mark with a handful of minutiae scores high against everyone and floods the
 * notification queue alone. Development (docs/decisions/tl-few-minutiae.md): marks with 4–7
 * minutiae reached 0.057 in 3.0 of 1,000 impostor comparisons, 30 times the rule, those with 8–12
 * in none of 14,778. Below it a mark stays filed and searchable by hand (LT, LL, SearchUnsolvedFile);
 * its record says it is not reverse-searched. `--reverse-search-min-mark-minutiae` overrides it.
 */
export const DEFAULT_TL_MIN_MARK_MINUTIAE = 8;

/**
 * Largest tenprint gallery an LT search scans exhaustively (every visible finger, any rotation);
 * beyond it the search re-ranks the candidate index's shortlist (`--latent-exhaustive-limit`). A
 * partial mark's finger vector is a poor guide to its mate, so exhaustive is the accurate path while
 * it is affordable; with the latent matcher an exhaustive 100k scan took 7–9 s on one thread against
 * 0.26 s through the index (commit b6b8ef1), hence 25,000.
 */
export const DEFAULT_LATENT_EXHAUSTIVE_LIMIT = 25_000;

/**
 * Shortlist an LT search beyond the exhaustive limit re-ranks (`--latent-shortlist`); 0: the
 * tenprint search's own (`--shortlist`, 2,500). A mark's finger vector is a poorer guide to its
 * mate than a tenprint's, so a longer list might be worth its cost for marks. Measured at 100k
 * (docs/decisions/latent-shortlist.md, not kept): 2,500 / 5,000 / 10,000 / 25,000 cost p50 649 /
 * 1,144 / 2,105 / 5,292 ms in one thread, every development mate exhaustive search ranks first is
 * first already at 2,500, and held out a longer list lets background impostors past more mates
 * (rank-1 15 → 13 of 20) than it finds; hence the tenprint's.
 */
export const DEFAULT_LATENT_SHORTLIST_LENGTH = 0;

/** Records a ListUnsolved / ListLatentHits page holds by default, and at most. */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** Longest case reference (as other record text fields). */
export const MAX_CASE_REFERENCE_CHARS = 256;

/**
 * Impostor-only normalisation of latent scores (impostor-normalisation.ts; latent-matcher.ts
 * `impostorModel`; null: off). Where impostor scores sit, in ln(score + ε), as a function of the
 * comparison's opportunity (both sides' minutiae, the overlaps): the conditional 99% point
 * (location) and its gap to the 99.9% point (spread), full quadratics in the logs of the counts,
 * fitted by linear quantile regression on impostor comparisons only: the 103 gan-fvc2002-db1 marks
 * against 10,000 generated templates (fixtures/gallery seed 7; 1,030,000 comparisons, no mate read).
 * Strict rank-1 with 10,000 generated background: gan-fvc2002-db1 77.7 → 82.5%, held-out
 * gan-tsinghua 57.1 → 70.0%; without background both unchanged (88.3%, 87.1%). Refit when the
 * extractor or the matcher changes (scripts/latent-depth.ts --fit). docs/decisions/latent-depth.md.
 */
export const LATENT_IMPOSTOR_MODEL: ImpostorModel | null = {
  epsilon: 0.002,
  location: [0.23946, -1.1968, -1.3912, -0.05376, 0.18437, 0.17955, 0.25137, -0.087113, -0.083489, -0.040811, 0.016144, 0.00070349, 0.030192, -0.045103, 0.12237],
  spread: [0.51792, -0.023501, -0.0035223, 0.0053553, 0.0017807, -0.00010197, -0.00040259, -0.0029421, -0.0028096, -0.0051914, -0.0011424, -0.0027914, -0.0006468, -0.00020174, -0.0032496],
  spreadFloor: 0.163,
  low: [2.4849, 2.1972, 0.6931, 0.6931],
  high: [4.1897, 4.3944, 4.1897, 4.3694],
  refLocation: -4.0456,
  refSpread: 0.25729,
};
