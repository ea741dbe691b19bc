/**
 * Every tuning constant of the latent feature pipeline (engine/latent/latent-extractor.ts), in one
 * place, with its unit. Lengths are px of the mark brought to 500 ppi, where adult ridge periods
 * run about 7–12 px. Chosen on synthetic prints (the stage tests) and looked at on the labelled
 * NIST SD27 / CISL24218 samples; figures in docs/measurements/latent-features.md.
 */

// ---- ridge spectrum (ridge-spectrum.ts) --------------------------------------------------------
/** Step between analysed blocks (the spectrum grid); also the RidgeFrequency block. */
export const SPECTRUM_BLOCK = 16;
/** Side of the windowed FFT about each block centre (power of two; two blocks of overlap). */
export const SPECTRUM_WINDOW = 32;
/** Ridge periods looked for in the spectrum (px): the annulus of the ridge band. */
export const SPECTRUM_PERIOD_MIN = 5;
export const SPECTRUM_PERIOD_MAX = 15;
/**
 * Shortest period (px) whose energy counts in a block's peak share (ridge-spectrum.ts); 0: every
 * non-DC frequency. Pores and dotted ridges put energy at 4–5 px periods along the ridges.
 */
export const SPECTRUM_SHARE_PERIOD_MIN = 0;
/** Peaks of the ridge band kept per block as orientation candidates (Chikkerur et al. 2007 keep one). */
export const SPECTRUM_CANDIDATES = 3;

// ---- ridge continuity (ridge-continuity.ts) -------------------------------------------------------
/**
 * σ (px) of the low-pass along the ridges that the plain-mark route's orientation field and mask
 * read (latent-extractor.ts): rows of dots 4–5 px apart (pores, the GAN marks' texture) and smeared
 * ridges read as ridges (gain at a 4.5 px period exp(−2π²σ²/4.5²) = 0.02). 0: off. Chosen with the
 * route and the gate on gan-fvc2002-db1 (2 of 1.5 / 2 / 3 px on the plain route), gan-tsinghua held
 * out: docs/decisions/latent-ridge-continuity.md.
 */
export const CONTINUITY_SIGMA_PX = 2;
/** Which stages read the smoothed mark (latent-extractor.ts `continuity`): the plain-mark route's field and mask. */
export const CONTINUITY_ROUTE: 'field' | 'plain' | 'field-spectrum' | 'all' = 'field';
/**
 * Coherence gate: below the first flow coherence (latent orientation, 0–1) the mark is left as it
 * is, above the second fully smoothed, blended between. Ungated, the low-pass ran along the coarse
 * 16 px field across the ridges about cores and lost gan-tsinghua marks (82.9% → 75.7%).
 */
export const CONTINUITY_GATE: readonly [number, number] = [0.85, 0.95];
/** Orientation bins of its kernels (π / CONTINUITY_ANGLES each). */
export const CONTINUITY_ANGLES = 24;

// ---- region of interest (region-of-interest.ts) ----------------------------------------------
/**
 * A block is ridge-like when its strongest ridge-band peak holds, averaged over the blocks about
 * it (ROI_SMOOTH_BLOCKS), at least this share of the window's non-DC spectral energy. Parallel ridges concentrate energy in one peak (and its
 * mirror); paper texture, text strokes and ruled lines spread it over many frequencies and
 * directions, or put it below the ridge band.
 */
export const ROI_MIN_PEAK_SHARE = 0.04;
/** …and when its ridge-band energy is at least this fraction of the image's 95th-percentile block. */
export const ROI_MIN_RELATIVE_ENERGY = 0.04;
/** A block is kept when its orientation agrees with its neighbours' (smoothed field) this well (0–1). */
export const ROI_MIN_CONSISTENCY = 0.5;
/**
 * Dotted ridges (study, issue 11 point 7): where a block's peak orientation agrees with its
 * neighbours' at least this well (0–1; 0: off), the ROI test reads the peak share with periods
 * below ROI_COHERENT_PERIOD_MIN px left out of its denominator (ridge-spectrum.ts
 * coherentPeakShare): pores and rows of dots along smooth ridges stop counting against them,
 * while text and ruled lines, whose peak directions jump, are judged as before.
 */
export const ROI_COHERENT_CONSISTENCY = 0;
/**
 * Study (issue 11 point 7): in the ROI's agreement test a block's second or third spectral peak
 * may stand in for its first when it holds at least this fraction of the first's energy (0: off,
 * the first peak only).
 */
export const ROI_CANDIDATE_AGREEMENT = 0;
/**
 * The same stand-in for the route choice only (latent-extractor.ts): the spectral ROI compared
 * with the tenprint segmentation (PLAIN_MARK_MIN_IOU) is computed with it, while the latent
 * route's ROI is not. Dotted GAN ridges (gan-fvc2002-db1 a90, a92) put their strongest peak off
 * the flow in a third to a half of the finger's blocks, so their spectral ROI was a fraction of the
 * finger and they took the latent route. 0.3 (0.2 tied) chosen on gan-fvc2002-db1 and the hard
 * marks' development third; SD27/CISL24218 unchanged; held out unchanged
 * (docs/decisions/latent-route-agreement.md). 0: off.
 */
export const ROUTE_CANDIDATE_AGREEMENT = 0.3;
export const ROI_COHERENT_PERIOD_MIN = 0;
/**
 * Study (issue 11 points 1 and 7): the latent route's automatic ROI from the learnt block
 * classifier (roi-classifier.ts, FITTED_ROI_CLASSIFIER: a tiny MLP fitted on generated marks of
 * seed 11, its blocks also passing the spectral rules above) instead of the rules alone; the route
 * choice still reads the spectral ROI, and an examiner's ROI is never touched. Off: it lifts the
 * hard marks' ROI IoU but CISL24218's drops 0.781 → 0.727, past the 0.05 the keep rule allows
 * (the classifier alone: SD27 0.490 → 0.076). docs/decisions/latent-roi-classifier.md.
 */
export const ROI_CLASSIFIER = false;
/** Gaussian σ (blocks) over which the block scores are averaged before the threshold. */
export const ROI_SMOOTH_BLOCKS = 1.5;
/** Morphological clean-up of the block mask, in blocks: closing then opening radius. */
export const ROI_CLOSE_BLOCKS = 2;
export const ROI_OPEN_BLOCKS = 1;
/** Components smaller than this (blocks) are not a mark. */
export const ROI_MIN_BLOCKS = 12;
/**
 * The hull is pushed out by this many px: a block whose window reaches past the mark's edge holds
 * less ridge energy and fails the test, so the ridge-like blocks stop short of the edge.
 */
export const ROI_MARGIN_PX = 8;
/** The mask is shrunk by this many px so that ridges cut by the ROI border do not look like endings. */
export const ROI_ERODE_PX = 4;

/**
 * Plain-background marks (latent-extractor.ts): when the tenprint segmentation (gray-level spread
 * and gradient coherence) and the spectral ROI overlap by at least this IoU, nothing on the
 * background looks like a finger to the tenprint stages, and they are used. Measured: the SD27
 * and CISL24218 samples 0.07 and 0.40; GAN marks 0.65–0.85 (docs/measurements/latent-features.md).
 */
export const PLAIN_MARK_MIN_IOU = 0.6;

/**
 * Study (docs/decisions/latent-route-strict.md): the plain-mark route also requires the tenprint
 * segmentation to cover at most this fraction of the image. A printed pattern or ruled paper
 * under the whole page makes both the segmentation and the spectral ROI flood the image, and they
 * then agree (IoU near 1) on a mask that is mostly paper: 104 of the 128 hard marks that took the
 * plain route, against at most 0.27 of the image on gan-fvc2002-db1. 1: off (no limit). Not kept
 * at 0.5: the latent route's ROI covers the page on those marks too (development third rank-1 3.0 →
 * 3.0%), and held-out gan-tsinghua plain marks cover up to 0.56 of their image.
 */
export const PLAIN_MARK_MAX_FRACTION = 1;

// ---- orientation (latent-orientation.ts) ------------------------------------------------------
/** Gaussian σ (blocks) of the coarse consistency field that picks each block's candidate peak. */
export const ORIENT_COARSE_SIGMA_BLOCKS = 2.5;
/** Gaussian σ (blocks) of the final coherence-weighted smoothing. */
export const ORIENT_FINE_SIGMA_BLOCKS = 1;
/** Candidate re-selection rounds (coarse field → pick candidates → coarse field …). */
export const ORIENT_ROUNDS = 3;
/** A candidate's energy is multiplied by (agreement with the coarse field)^this when choosing. */
export const ORIENT_AGREEMENT_POWER = 4;
/**
 * Background discount (latent-orientation.ts backgroundShare), a study, off: a candidate peak inside
 * the ROI that a share b of the blocks outside it also hold (same direction within
 * ORIENT_BACKGROUND_ANGLE_DEG, same period within ORIENT_BACKGROUND_PERIOD_REL) is taken for the
 * surface under the mark (a printed pattern, ruled paper) and counts × (1 − b)^2 when choosing.
 * docs/measurements/latent.md "Inside the true ROI".
 */
export const ORIENT_BACKGROUND_DISCOUNT = false;
export const ORIENT_BACKGROUND_ANGLE_DEG = 7.5;
export const ORIENT_BACKGROUND_PERIOD_REL = 0.08;
/**
 * Study (issue 11 point 1): the latent route's orientation from the small network of
 * orientation-network.ts (fixed Gabor-energy block features, a learnt block-level net, trained on
 * generated marks of seeds 31 / 32 from FVC2002 DB2–DB4; docs/decisions/latent-orientation-network.md).
 * 'field': its block field replaces the settled one; 'prior': it replaces the coarse field the
 * spectral candidates are chosen by; 'off': the spectral candidates alone (latent-orientation.ts).
 * The plain-mark route and the route test never read it. Off: as the prior ('prior', the variant
 * chosen on validation marks) it lowers held-out generated marks' error 28.2 → 24.9° but raises both
 * labelled real marks' (SD27 10.2 → 11.9°, CISL24218 10.3 → 10.8°), and costs ~90 ms a mark.
 */
export const ORIENT_NETWORK: OrientNetworkMode = 'off';
export type OrientNetworkMode = 'off' | 'field' | 'prior';
/** The tfjs backend the network runs on (wasm, as the engine's default; cpu selectable). */
export const ORIENT_NETWORK_BACKEND: 'wasm' | 'cpu' = 'wasm';

// ---- enhancement (latent-enhancement.ts) -------------------------------------------------------
/** Box radius (px) of the local mean and of the local deviation used to normalise contrast. */
export const NORMALISE_MEAN_RADIUS = 8;
export const NORMALISE_DEVIATION_RADIUS = 12;

// ---- minutiae and reliability (latent-minutiae.ts) ---------------------------------------------
/** Ridge-band peak share mapped to spectral clarity 0 and 1 in the reliability. */
export const RELIABILITY_SHARE_LOW = 0.1;
export const RELIABILITY_SHARE_HIGH = 0.35;
/**
 * Ridge-continuity factor of the reliability (latent-minutiae.ts `continuityFactor`): other ridge
 * graph minutiae within this radius (px) beyond RELIABILITY_CONTINUITY_FREE lower it as
 * (1 + free) / (1 + n). Radius 0: off.
 */
export const RELIABILITY_CONTINUITY_RADIUS = 0;
export const RELIABILITY_CONTINUITY_FREE = 2;

// ---- latent matcher (latent-matcher.ts) --------------------------------------------------------
// Chosen on generated hard marks with markup (gen:latent-marks seed 1, every third of 300, 1,000
// generated background templates), never on the GAN sets; figures in docs/measurements/latent.md
// ("Latent matcher").
/** Alignments tried per candidate: one from each of the best MCC pairs. */
export const LATENT_ALIGNMENT_HYPOTHESES = 5;
/**
 * Pairing distance tolerance at the proposing pair (px), its growth per px away, its cap. Flat 12 px:
 * growing 0.1 px per px to 30 px ranked fewer mates first on the hard marks (59% against 63%).
 */
export const LATENT_DISTANCE_TOLERANCE = 12;
export const LATENT_DISTANCE_GROWTH = 0;
export const LATENT_DISTANCE_TOLERANCE_MAX = 12;
/** Largest direction difference of two paired minutiae (radians; 30°, the SD27 scoring tolerance). */
export const LATENT_DIRECTION_TOLERANCE = Math.PI / 6;
/** Margin around a template's minutiae hull that still counts as its region (px). */
export const LATENT_OVERLAP_MARGIN = 16;
/** Z(m) damping of the overlap score by the paired count m: midpoint and slope. */
export const LATENT_PAIRS_MU = 6;
export const LATENT_PAIRS_TAU = 0.8;
/**
 * Share of the verification score in the fused latent score (the rest is MCC at any rotation).
 * Small because the two live on different scales: latent MCC scores are a few hundredths
 * (mates median 0.019), verification scores tenths.
 */
export const LATENT_VERIFY_WEIGHT = 0.05;
/**
 * Probe scales the latent matcher searches (latent-matcher.ts `scales`): the mark's minutiae
 * coordinates × each, the best score kept ([1]: no search). A mark's stated resolution is often off
 * by 5–15% (photographed marks, a ruler in the picture) and the GAN marks are partly rescaled;
 * ±15% in about 8% steps (MCC's cylinders tolerate a few per cent). Chosen on development data
 * (hard marks with ±15% scale jitter, gan-fvc2002-db1), gan-tsinghua held out; costs 5× a
 * comparison. docs/decisions/latent-scale.md.
 */
export const LATENT_SCALES: readonly number[] = [0.85, 0.92, 1, 1.08, 1.18];
/**
 * Smooth-field filter on the verification's pairs (latent-matcher.ts `consistentRigid`): a pair under
 * the rigid alignment counts only when its displacement agrees within LATENT_FIELD_TOLERANCE px with
 * what the other pairs predict at it (a local affine fit of their displacements, Gaussian-weighted,
 * σ = half of LATENT_FIELD_REACH, gradient ridge LATENT_FIELD_RIDGE; at least LATENT_FIELD_NEIGHBOURS
 * pairs about it and the nearest within LATENT_FIELD_REACH px). Skin distortion moves a mate's pairs
 * along one smooth field; an impostor's chance pairs land anywhere in the 12 px disc. Chosen on
 * development data (gan-fvc2002-db1 with and without 1,000 generated background, hard marks
 * development third): rank-1 +0 / +6 / +1 marks; held out gan-tsinghua +3 (+2 with the background),
 * hard held-out third +2 (rank-10 −1 mark); the best impostor −10 to −17%.
 * docs/decisions/latent-distortion.md.
 */
export const LATENT_CONSISTENT_PAIRS = true;
export const LATENT_FIELD_TOLERANCE = 9;
export const LATENT_FIELD_REACH = 80;
export const LATENT_FIELD_RIDGE = 400;
export const LATENT_FIELD_NEIGHBOURS = 3;

/**
 * Orientation cue in the latent matcher (latent-matcher.ts `orientationWeight`): weight w and
 * neutral agreement of score × exp(w · (A − neutral)). 0: off. It applies only where both sides carry
 * a block field: prints, and marks on the plain-mark route (LatentFeatures.orientations). Over every
 * mark it lost on the hard marks (docs/decisions/latent-scale.md); on plain-route marks only, w 1
 * (chosen on gan-fvc2002-db1 from 1–3) lost a held-out gan-tsinghua mark without background and
 * 3 at rank-10 with 10,000 generated: not kept (docs/decisions/latent-orientation-plain.md).
 */
export const LATENT_ORIENTATION_WEIGHT = 0;
export const LATENT_ORIENTATION_NEUTRAL = 0.82;

/**
 * Weight of the tenprint route in an LT search's score, F = (1 − w) · L + w · T
 * (engine/latent/tenprint-route.ts). Chosen by a rule declared before measuring
 * (docs/decisions/latent-tenprint-fusion.md): of w 0.25 / 0.5, T with or without the orientation
 * cue, always or not with markup, 0.5 with the cue and not with markup gained 6 marks on the
 * development GAN set and 5 held out, no hard mark lost. 0 turns the route off.
 */
export const LATENT_TENPRINT_ROUTE_WEIGHT = 0.5;
/**
 * The route needs a tenprint template of at least this many minutiae; below, the LT score is L.
 * On a tiny template a few chance pairs fill most of it and the tenprint score runs high: the best
 * of 1,000 generated impostors reaches 0.2–0.38 under 15 minutiae, at most 0.035 from 20 on (473
 * marks; docs/decisions/latent-tenprint-fusion.md, *Amendment*).
 */
export const LATENT_TENPRINT_ROUTE_MIN_MINUTIAE = 20;
/**
 * TL with the tenprint route (docs/decisions/latent-tl-route.md): a mark of the unsolved file that
 * keeps its tenprint template scores S = 1 − (1 − F)^k against a tenprint, F the fused score, so
 * that F's impostor tail lands on the latent score's and one TL threshold serves marks with and
 * without a route. k from impostors only (gan-fvc2002-db1's 103 marks against 1,000 synthetic
 * prints and the other marks' mates, 111,302 comparisons): log(1 − q_L) / log(1 − q_F) 1.468 /
 * 1.530 / 1.548 at 1 % / 0.1 % / 0.01 %, median 1.53.
 */
export const LATENT_TL_ROUTE_SCALE_EXPONENT = 1.53;
