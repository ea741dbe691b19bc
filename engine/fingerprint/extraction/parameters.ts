/**
 * Every tuning constant of minutiae extraction, in one place, with its unit. All lengths are in
 * pixels of the image brought to 500 ppi (engine/fingerprint/resolution.ts), where the mean
 * ridge period of adult fingers is about 9 px (≈ 0.46 mm; Maltoni et al., Handbook of Fingerprint
 * Recognition, 2nd ed., §3.4).
 */

/** Resolution every stage works at (ISO/IEC 19794-2:2005 templates are expressed at it too). */
export const WORKING_PPI = 500;
/** Inputs declared outside this range are refused as implausible for a fingerprint scan. */
export const MIN_INPUT_PPI = 200;
export const MAX_INPUT_PPI = 2000;
/** Below this difference from 500 ppi no resampling is done (FVC DB4's "about 500" included). */
export const PPI_TOLERANCE = 1;
/** Limits on what the extractor accepts (pixels at 500 ppi): bigger is a tenprint card, not a finger. */
export const MAX_WORKING_SIDE = 2048;
export const MIN_WORKING_SIDE = 32;

// ---- segmentation mask (segmentation-mask.ts) -------------------------------------------------
/** Side of the square blocks the mask is decided on. */
export const SEGMENT_BLOCK = 8;
/** Half-width of the window whose gray-level spread decides a block (window = 2r+1 px). */
export const SEGMENT_WINDOW_RADIUS = 5;
/**
 * A block is foreground when its local standard deviation exceeds this fraction of the
 * 90th-percentile block deviation of the image (contrast-relative, so light and heavy prints
 * and the three sensors of FVC2002 segment alike), and at least SEGMENT_MIN_STD gray levels.
 */
export const SEGMENT_RELATIVE_STD = 0.3;
/**
 * The absolute floor only keeps a flat (blank) image from being all foreground; the relative
 * threshold does the work. It was 6, which cut faint finger away: FVC2002 under the low-contrast
 * condition (gray levels at 30% of their spread) gave DB3 18.17% EER with 6, 3.08% with 4 and
 * 4.72% with 2, other sets within one impostor score; the original images are unchanged at all
 * three. Leave-one-database-out picks 4 for DB1, DB2, DB4 held out and 2 for DB3, mean held-out
 * extended EER 2.40% against 6.06%. Over the other conditions 4 beat 2 (2 let more faint noise in
 * on DB3 at 250 ppi and dry: ext. EER summed over ppi-250, dry, wet and low contrast, all four
 * sets, 76.3 at 4, 80.1 at 2, 93.5 at 6). Figures: docs/measurements/fvc2002-conditions.md.
 */
export const SEGMENT_MIN_STD = 4;
/** Blocks whose ridge-orientation coherence is below this are background (smudge, noise). */
export const SEGMENT_MIN_COHERENCE = 0.15;
/**
 * Background texture (segmentation-mask.ts withoutBackgroundTexture; issue 15's "ridges of
 * nothing"). A block's score is its relative spread × the orientation coherence over
 * (2·SEGMENT_WIDE_COHERENCE_BLOCKS+1)² blocks (40 px, about four ridge periods: a finger keeps one
 * direction there, a labyrinth, text or dots do not), averaged over the candidate blocks within
 * SEGMENT_SCORE_SMOOTH_BLOCKS. The finger's core scores at least SEGMENT_CORE_SCORE × the image's
 * 90th-percentile score: leave-one-database-out under the noisy-background condition picked 0.55
 * (of 0.4, 0.55) on every fold (held-out ext. EER 26.78 / 4.28 / 2.85 / 7.50 → 16.78 / 2.85 / 2.30 /
 * 2.13 % applied always). Applied always it cut DB1's dotted finger parts (clean DB1 1.07 → 2.72%
 * EER), so the cut is made only when SEGMENT_TEXTURE_SHARE of the blocks well away from the core's
 * hull are candidates as well: on the original FVC2002 images that share is 0–0.38 (DB2's smudges
 * the highest), under the noisy background on DB1 0.70–0.93; 0.5 sits in the gap.
 * Figures: docs/decisions/segmentation-any-background.md.
 */
export const SEGMENT_CORE_SCORE = 0.55;
export const SEGMENT_TEXTURE_SHARE = 0.5;
/**
 * …and only when those far candidates' mean wide coherence is at most this share of the core's.
 * Without it a large wet print whose core is one half of it lost the other half (FVC2002 DB1 106_3
 * and DB2 102_1 under the wet condition: ratio 1.01 and 0.97; texture under the noisy background
 * on DB1: 0.21–0.99, median about 0.45).
 */
export const SEGMENT_TEXTURE_MAX_COHERENCE = 0.9;
export const SEGMENT_WIDE_COHERENCE_BLOCKS = 2;
export const SEGMENT_SCORE_SMOOTH_BLOCKS = 2;
/** Candidates within this many blocks of the core's hull are kept (the finger's weaker rim). */
export const SEGMENT_HULL_MARGIN_BLOCKS = 2;
/** Morphological clean-up, in blocks: closing then opening radius. */
export const SEGMENT_CLOSE_BLOCKS = 2;
export const SEGMENT_OPEN_BLOCKS = 1;
/** The mask is shrunk by this many pixels so that ridge ends cut by the print border are not minutiae. */
export const SEGMENT_ERODE_PX = 4;
/**
 * The distal flexion crease (flexion-crease.ts): a light band at least FLEXION_CREASE_MIN_WIDTH
 * ridge periods thick (a valley between ridges parallel to it is half a period), whose strips are
 * each at least FLEXION_CREASE_MIN_SPAN of the finger's widest strip and no darker than
 * FLEXION_CREASE_DARK_RATIO × the finger's median strip, with ridges over FLEXION_CREASE_MIN_SIDE
 * periods on either side; searched for within ±FLEXION_CREASE_MAX_TILT° of horizontal in
 * FLEXION_CREASE_TILT_STEP° steps. SEGMENT_FLEXION_CREASE: whether the mask stops there; off:
 * declared before measuring and measured (fires on 8 of the 320 FVC2002 B images; FVC-protocol EER
 * 1.07 / 2.18 / 0.89 / 2.18 → 0.89 / 2.18 / 0.89 / 2.18 %, nine conditions' ext. EER 135.10 →
 * 134.49) it made the never-tuned backgrounds worse by one comparison each (printed paper 92.73 →
 * 92.76, ghost print 6.83 → 6.87: a leaked paper's edge passes for a crease).
 * Figures: docs/decisions/flexion-crease.md.
 */
export const SEGMENT_FLEXION_CREASE = false;
export const FLEXION_CREASE_DARK_RATIO = 0.25;
export const FLEXION_CREASE_MIN_WIDTH = 1;
export const FLEXION_CREASE_MIN_SPAN = 0.4;
export const FLEXION_CREASE_MIN_SIDE = 3;
export const FLEXION_CREASE_MAX_TILT = 30;
export const FLEXION_CREASE_TILT_STEP = 5;
/**
 * Printed lines (printed-lines.ts): a straight dark stripe PRINTED_LINE_HALF_WIDTH px either side
 * of its axis, at least PRINTED_LINE_MIN_LENGTH ridge periods long with gaps of at most
 * PRINTED_LINE_MAX_GAP px, darker than the stripes PRINTED_LINE_NEIGHBOUR_MIN..MAX px either side
 * (where a ridge field has its next ridge), within ±PRINTED_LINE_MAX_TILT° of the rows or columns.
 * SEGMENT_PRINTED_LINES: whether the blocks a line passes through (widened by
 * SEGMENT_PRINTED_LINE_MARGIN px) leave the mask (segmentation-mask.ts; 1: every line leaves the
 * candidates, 2: a ruled family's lines so, a lone line cuts the closed mask). Off: declared before
 * measuring and measured, setting 2 brought the NIST card's rolled prints from 220 to 129 minutiae
 * at the median and left the clean FVC2002 masks as they were, but made the never-tuned printed
 * background worse (ext. EER summed 92.72 → 94.36: a line of a partly detected ruled family passes
 * for a lone box edge and cuts the finger). Setting 3 (a lone line cuts only where it cuts off
 * little of the finger's core, SEGMENT_PRINTED_LINE_CUT_CORE_SHARE) gave the card a median of 143
 * and spared the finger the first study lost, but still took the printed background 92.72 → 93.19:
 * not kept either. Figures: docs/decisions/segmentation-printed-lines.md.
 */
export const PRINTED_LINE_HALF_WIDTH = 2;
export const PRINTED_LINE_MIN_LENGTH = 25;
export const PRINTED_LINE_MAX_GAP = 2;
export const PRINTED_LINE_NEIGHBOUR_MIN = 7;
export const PRINTED_LINE_NEIGHBOUR_MAX = 13;
export const PRINTED_LINE_MAX_TILT = 10;
/** A line with a parallel one within this many periods is part of a ruled family (printed-lines.ts isRuled). */
export const PRINTED_LINE_RULED_SPACING = 6;
export const SEGMENT_PRINTED_LINES: 0 | 1 | 2 | 3 = 0;
export const SEGMENT_PRINTED_LINE_MARGIN = 4;
/**
 * Mode 3: a lone line cuts only if the piece it cuts off holds at most this share of the core blocks
 * the piece kept holds (segmentation-mask.ts safeLineCut): a box edge cuts off the next box's ink
 * and margins; a line through the middle of a finger would cut off a comparable part of its core.
 */
export const SEGMENT_PRINTED_LINE_CUT_CORE_SHARE = 0.5;

// ---- low-pass pre-filter (low-pass-image.ts) ---------------------------------------------------
/**
 * σ (px at 500 ppi) of the Gaussian applied to the working image before the stages read it; 0 =
 * off. Studied because the 400 and 1000 ppi round trips (a mild low-pass) beat the original
 * FVC2002 images on the FVC-protocol EER; off because leave-one-database-out picks 0 on every fold
 * (σ 0.5–1.2 lowered no set's extended EER; nine conditions 135.10 at 0, 134.54 at 0.5, 163.47 at
 * 0.7). docs/decisions/tenprint-prefilter.md.
 */
export const PREFILTER_SIGMA = 0;

// ---- noise-adaptive pre-filter (pixel-noise.ts) ------------------------------------------------
/**
 * The pre-filter's σ follows the working image's measured pixel noise n (Immerkær's estimate, gray
 * levels): 0 for n ≤ NOISE_PREFILTER_FLOOR, else min(NOISE_PREFILTER_MAX_SIGMA,
 * NOISE_PREFILTER_SLOPE · (n − floor)). Slope 0 = off (the estimator is not run). The floor, 8,
 * lies above all 320 clean FVC2002 B images (max 7.42, DB3). Off because, held out (slope 0.035 on
 * three folds, 0.02 on DB3), the never-tuned printed background got worse on DB1 (ext. EER 20.00 →
 * 20.70 %: ink edges read as noise), though `noise` improved (DB3 11.78 → 10.00, DB4 2.85 → 2.50).
 * docs/decisions/tenprint-noise-prefilter.md.
 */
export const NOISE_PREFILTER_FLOOR = 8;
export const NOISE_PREFILTER_SLOPE = 0;
export const NOISE_PREFILTER_MAX_SIGMA = 1.5;

// ---- orientation field (orientation-field.ts) -------------------------------------------------
/**
 * Gradient-covariance window half-width (least-squares orientation, Bazen & Gerez 2002 §2;
 * Hong, Wan & Jain 1998 §2.2): about two ridge periods. Applied on the 2×2-decimated grid as
 * round(r/2), so 9 → 5 cells (≈ 21 px window). Measured on FVC2002 with a fixed matcher, 2,880-
 * impostor EER: 7 px (4 cells) 2.38/1.78/2.13/1.78 %, 9 px 1.78/1.43/3.93/1.06 % (DB1–DB4):
 * better on three sets, worse on the capacitive DB3 (small, core-centred prints where a wider
 * window blurs high curvature) — adaptive smoothing would serve both.
 */
export const ORIENTATION_WINDOW_RADIUS = 9;
/** Second smoothing of the doubled-angle vector field (box radius, applied twice ≈ Gaussian). */
export const ORIENTATION_SMOOTH_RADIUS = 6;

// ---- ridge frequency (ridge-frequency.ts) -----------------------------------------------------
/** Block side on which the ridge period is estimated (Hong, Wan & Jain 1998 §2.3: w = 16). */
export const FREQUENCY_BLOCK = 16;
/** Oriented window: length across the ridges, width along them (Hong et al.: l = 32, w = 16). */
export const FREQUENCY_WINDOW_LENGTH = 32;
export const FREQUENCY_WINDOW_WIDTH = 16;
/** Plausible ridge periods at 500 ppi (Hong et al. §2.3 give 3–25 px; we are stricter). */
export const PERIOD_MIN = 4.5;
export const PERIOD_MAX = 16;
/** Period assumed where no block of the image gives one. */
export const PERIOD_DEFAULT = 9;
/** Smoothing of the block period map (box radius in blocks). */
export const PERIOD_SMOOTH_BLOCKS = 1;

// ---- contextual enhancement (enhanced-image.ts) -----------------------------------------------
/** Orientation bins of the oriented filter bank (π / ENHANCE_ANGLES each). */
export const ENHANCE_ANGLES = 24;
/** Period bins: PERIOD_MIN..PERIOD_MAX in steps of ENHANCE_PERIOD_STEP px. */
export const ENHANCE_PERIOD_STEP = 0.5;
/**
 * Gabor envelope widths as fractions of the local period. Across the ridges the band-pass
 * (cosine × Gaussian) is narrow enough to follow curvature, along them the low-pass is wide to
 * bridge pores and creases (Hong et al. §2.4 use σx = σy = 4 px for a 9 px period).
 */
export const ENHANCE_SIGMA_ACROSS = 0.45;
export const ENHANCE_SIGMA_ALONG = 0.55;
/** Kernel half-length in σ, and its cap in px (also the image padding). */
export const ENHANCE_KERNEL_SIGMAS = 2.5;
export const ENHANCE_MAX_RADIUS = 12;

// ---- ridge graph and minutiae (ridge-graph.ts, minutiae.ts) ------------------------------------
/** Arc length along the ridge skeleton over which a minutia's direction is measured. */
export const DIRECTION_TRACE_PX = 10;
/** When the traced direction lies within this angle of the orientation field, the field's (smoother) angle is used. */
export const DIRECTION_SNAP_RAD = (30 * Math.PI) / 180;

// ---- false-minutiae filters (filters/*.ts) ----------------------------------------------------
/**
 * A branch from a bifurcation ending within this many local ridge periods is a spur (Maltoni et
 * al. §3.8, Fig. 3.37); relative to the period so that fine-ridged fingers are not over-pruned.
 */
export const SPUR_MAX_PERIODS = 1.4;
/** A ridge joining two bifurcations across the flow within this length is a bridge. */
export const BRIDGE_MAX_PX = 14;
/** …when it leaves the local ridge orientation by more than this angle. */
export const BRIDGE_MIN_ANGLE_RAD = (35 * Math.PI) / 180;
/** A loop (lake) closing on the same bifurcation within this length is a pore or noise. */
export const LAKE_MAX_PX = 28;
/** A ridge with two endings shorter than this many local ridge periods is a dot or fragment. */
export const SHORT_RIDGE_MAX_PERIODS = 1.9;
/** Two ridge endings facing each other across a gap this short are one broken ridge. */
export const GAP_MAX_PX = 16;
/** …when each points at the other within this angle. */
export const GAP_MAX_ANGLE_RAD = (40 * Math.PI) / 180;
/** Minutiae nearer than this to the mask border are the print border, not the finger. */
export const BORDER_MIN_PX = 10;
/**
 * Study switch (docs/decisions/border-filter.md): 'distance' drops every minutia nearer than
 * BORDER_MIN_PX to the background, whatever its kind or direction; 'direction' drops in that band
 * only the ridge endings whose ridge runs into the border (the ridges the border cuts), and
 * everything nearer than BORDER_INNER_PX. 'distance' until the study's keep rule passes.
 * 'direction-clarity' (docs/decisions/border-filter-gate.md): 'direction' with a ridge-clarity
 * gate on what it keeps in the band (BORDER_BAND_MIN_CLARITY).
 */
export const BORDER_FILTER: 'distance' | 'direction' | 'direction-clarity' = 'distance';
/** 'direction': nearer than this to the background nothing is kept (the eroded mask's own rim). */
export const BORDER_INNER_PX = 4;
/**
 * 'direction': how far beyond an ending the ridge's continuation is followed. A continuation whose
 * end point lies outside the mask, or nearer the background than the ending by more than
 * BORDER_LOOKAHEAD_PX · sin(BORDER_INTO_RAD), runs into the border at more than that angle to it.
 */
export const BORDER_LOOKAHEAD_PX = 12;
export const BORDER_INTO_RAD = (30 * Math.PI) / 180;
/**
 * 'direction-clarity' (docs/decisions/border-filter-gate.md): 'direction', and a band minutia
 * (BORDER_INNER_PX ≤ d < BORDER_MIN_PX) it keeps stays only where its ridge clarity score
 * (minutia-quality.ts clarityScore, 0–1) reaches this. The false minutiae a wet or blurred edge
 * makes in the band sit in unclear ridges (synthetic seed 1: median score 0.38 on `wet`, 0.50 on
 * `mixed`, against 0.80 and 1.00 for the true ones; scripts/eval/border-band.ts --measures).
 */
export const BORDER_BAND_MIN_CLARITY = 0.8;
/** A minutia with CLUSTER_MAX_NEIGHBOURS or more others within CLUSTER_RADIUS_PX sits in noise. */
export const CLUSTER_RADIUS_PX = 12;
export const CLUSTER_MAX_NEIGHBOURS = 3;
/** Window half-width and the range of the ridge-clarity ratio (minutia-quality.ts) mapped to 0–1. */
export const CLARITY_RADIUS = 8;
export const CLARITY_LOW = 0.8;
export const CLARITY_HIGH = 2.0;
/** Mean absolute gray deviation (levels) below which a window counts as flat. */
export const CLARITY_MIN_DEVIATION = 4;
/** Minutiae whose quality falls below this are dropped (0–100). */
export const MIN_MINUTIA_QUALITY = 10;

// ---- singular points (singular-points.ts) -----------------------------------------------------
/** Block side of the orientation grid the Poincaré index is summed on (Bazen & Gerez 2002 §3). */
export const SINGULAR_BLOCK = 8;
/** Radius in blocks of the closed path around each block. */
export const SINGULAR_PATH_RADIUS = 2;
/** Singular points nearer than this to the mask border are dropped (the field is unreliable there). */
export const SINGULAR_BORDER_PX = 16;
/** Detections chained within this distance are one singular point. */
export const SINGULAR_MERGE_PX = 12;

// ---- quality (minutia-quality.ts, image-quality.ts) -------------------------------------------
/** Coherence that maps to the lowest and highest quality. */
export const QUALITY_COHERENCE_LOW = 0.2;
export const QUALITY_COHERENCE_HIGH = 0.75;
/** Distance from the mask border at which a minutia's quality stops being reduced. */
export const QUALITY_BORDER_PX = 24;
/** Foreground area (px at 500 ppi) of a full plain impression: about 0.5 in × 0.6 in. */
export const QUALITY_FULL_AREA_PX = 250 * 300;

// ---- block orientations (block-orientations.ts) -----------------------------------------------
/**
 * Side of the blocks the template's compact orientation field is kept on (the matcher's
 * orientation cue). scripts/eval/orientation-cue.ts, mean held-out extended EER over the four
 * FVC2002 sets: 1.43% at 8 px, 1.42% at 16, 1.60% at 24 (2.05% without the cue); 16 keeps a
 * plain print's field near 400 bytes.
 */
export const ORIENTATION_BLOCK = 16;
/**
 * Step between the pixels sampled in a block (each sample costs a cos and a sin). 4 gives the
 * figures of 2 (mean held-out extended EER 1.42% both; DB3's FVC EER 1.07% against 0.89%, one
 * impostor) at a quarter of the cost, ~0.1 ms an image.
 */
export const ORIENTATION_BLOCK_STRIDE = 4;

// ---- ridge counts (ridge-counts.ts) ------------------------------------------------------------
/** Each minutia's ridge counts go to its k nearest minutiae (docs/decisions/ridge-count-cue.md). */
export const RIDGE_COUNT_NEIGHBOURS = 8;
/** A run of ridge or valley samples shorter than this along the segment is noise, merged into its neighbours. */
export const RIDGE_COUNT_MIN_RUN = 2;
/** A ridge run starting (ending) within this many samples of the segment's first (last) end is the minutia's own ridge, not counted. */
export const RIDGE_COUNT_OWN_RIDGE = 2;

// ---- valley restoration (valley-restored-image.ts; docs/decisions/wet-closed-valleys.md) ------
/** Local ridge share (pixels darker than their local mean) above which valleys are widened; 0 = off. */
export const VALLEY_RESTORE_RIDGE_SHARE = 0;
/** Window radius (px) of the ridge share and of its local mean: about one ridge period across. */
export const VALLEY_RESTORE_RADIUS = 4;
/** Share above the threshold over which the widening blends in from none to full. */
export const VALLEY_RESTORE_BLEND = 0.1;

// ---- minutia verifier (minutia-verifier.ts; docs/decisions/minutia-verifier.md, a study, off) --
/** Side of the enhanced-image patch the verifier reads about each minutia, in samples. */
export const VERIFIER_PATCH_SIDE = 16;
/** Spacing of the patch's samples (px at 500 ppi): 16 × 2 px spans about 3.5 ridge periods. */
export const VERIFIER_PATCH_STEP = 2;
/** Border distance (px) beyond which the verifier's border feature saturates. */
export const VERIFIER_BORDER_PX = 64;

/**
 * Minutiae density cap (docs/decisions/minutiae-density-cap.md, a study): a print keeps at most
 * this many minutiae per 10,000 px² of its segmentation mask at 500 ppi, its best-quality ones (as
 * the template-capacity cut). Infinity: no cap (today).
 */
export const MINUTIAE_DENSITY_MAX = Infinity;
