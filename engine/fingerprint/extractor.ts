/**
 * Fingerprint image → minutiae template. One straight function, one stage per file, top to
 * bottom (SourceAFIS style); each stage's output goes to the optional sink under its name.
 * Pure: the result depends on the input alone (no globals but read-only kernel caches), so it can
 * run in any worker thread. Async because contextual enhancement may move to TensorFlow.js; the
 * typed-array enhancement measured faster (bench/extract-gabor.bench.ts), so nothing awaits now.
 */
import { EngineError } from '../errors.js';
import { binarizedImage } from './extraction/binarized-image.js';
import { blockOrientations } from './extraction/block-orientations.js';
import { enhancedImage } from './extraction/enhanced-image.js';
import { type BorderFilter, removeBorderMinutiae } from './extraction/filters/border.js';
import { removeClusters } from './extraction/filters/clusters.js';
import { blurredPassMinutiae, confirmedMinutiae } from './extraction/filters/scale-confirmation.js';
import { removeGaps } from './extraction/filters/gaps.js';
import { cleanedRidgeGraph, type GraphTuning } from './extraction/filters/graph-cleanup.js';
import { keepBestQuality } from './extraction/filters/template-capacity.js';
import { imageQuality } from './extraction/image-quality.js';
import { lowPassImage } from './extraction/low-pass-image.js';
import { noisePrefilterSigma, pixelNoise } from './extraction/pixel-noise.js';
import { clarityScore, minutiaQuality, type MinutiaQualityTuning } from './extraction/minutia-quality.js';
import { minutiae } from './extraction/minutiae.js';
import { type VerifierModel, verifiedMinutiae } from './extraction/minutia-verifier.js';
import { orientationField, type OrientationScales } from './extraction/orientation-field.js';
import { BORDER_BAND_MIN_CLARITY, BORDER_FILTER, MAX_WORKING_SIDE, MIN_MINUTIA_QUALITY, MINUTIAE_DENSITY_MAX, MIN_WORKING_SIDE, NOISE_PREFILTER_FLOOR, NOISE_PREFILTER_MAX_SIGMA, NOISE_PREFILTER_SLOPE, PREFILTER_SIGMA, VALLEY_RESTORE_RIDGE_SHARE, WORKING_PPI } from './extraction/parameters.js';
import { ridgeCounts } from './extraction/ridge-counts.js';
import { ridgeFrequency } from './extraction/ridge-frequency.js';
import { segmentationMask, type SegmentationTuning } from './extraction/segmentation-mask.js';
import { singularPoints } from './extraction/singular-points.js';
import { thinnedSkeleton } from './extraction/thinned-skeleton.js';
import { valleyRestoredImage } from './extraction/valley-restored-image.js';
import type { GrayImage } from './gray-image.js';
import { toPpi500 } from './resolution.js';
import type { StageSink } from './stage-sink.js';
import { TEMPLATE_LIMITS } from './template-validation.js';
import type { FingerprintTemplate, Minutia } from './template.js';

export interface ExtractOptions {
  /** Receives every stage's output by name (see stage-sink.ts). */
  sink?: StageSink;
  /** Scanning resolution, overriding `image.ppi`; required when the image does not carry one. */
  ppi?: number;
  /**
   * Development only: parameters under study (scripts/leave-one-out.ts) instead of those of
   * extraction/parameters.ts. The service never sets it.
   */
  tuning?: { segmentation?: Partial<SegmentationTuning>; graph?: GraphTuning; quality?: Partial<MinutiaQualityTuning> & { minMinutia?: number }; prefilter?: PrefilterTuning; valleys?: { ridgeShare?: number }; border?: { filter?: BorderFilter; minClarity?: number }; verifier?: VerifierTuning; density?: { max?: number }; confirm?: { sigma?: number }; enhance?: { sigmaAlong?: number; sigmaAcross?: number }; orientation?: OrientationScales };
  /**
   * Development only: also count the ridges from each minutia to its nearest ones
   * (extraction/ridge-counts.ts) for the ridge-count cue study. Off in service: the matcher does not
   * use them, and they would make an exported ISO/ANSI template 2–3 times larger
   * (docs/decisions/ridge-count-cue.md).
   */
  ridgeCounts?: boolean;
}

/**
 * Development only: the low-pass pre-filter's σ (px at 500 ppi; 0 = off) and, for the study's
 * alternate form, whether the enhancement alone reads the filtered image
 * (docs/decisions/tenprint-prefilter.md).
 */
export interface PrefilterTuning {
  sigma?: number;
  enhancementOnly?: boolean;
  /**
   * The noise-adaptive form (docs/decisions/tenprint-noise-prefilter.md), used when `sigma` is not
   * given: σ = min(maxSigma, noiseSlope · (measured noise − noiseFloor)), 0 at or below the floor.
   */
  noiseFloor?: number;
  noiseSlope?: number;
}

/**
 * Development only: the learned minutia verifier under study (extraction/minutia-verifier.ts,
 * docs/decisions/minutia-verifier.md): minutiae whose P(false) exceeds `maxFalse` are dropped.
 */
export interface VerifierTuning {
  model: VerifierModel;
  maxFalse: number;
}

/** The pre-filter σ for this working image: a fixed σ under study, else the noise-adaptive one (0 when its slope is 0). */
function prefilterSigma(working: GrayImage, tuning: PrefilterTuning | undefined): number {
  if (tuning?.sigma !== undefined) return tuning.sigma;
  const slope = tuning?.noiseSlope ?? NOISE_PREFILTER_SLOPE;
  if (!(slope > 0)) return PREFILTER_SIGMA;
  return noisePrefilterSigma(pixelNoise(working), tuning?.noiseFloor ?? NOISE_PREFILTER_FLOOR, slope, NOISE_PREFILTER_MAX_SIGMA);
}

/** A template and what the extractor had to leave out of it. */
export interface Extraction {
  template: FingerprintTemplate;
  /**
   * Minutiae found beyond a template's capacity (TEMPLATE_LIMITS.maxMinutiae, the ISO/ANSI
   * one-byte count) and left out, the lowest-quality ones; 0 for any plausible print.
   */
  minutiaeDropped: number;
  /**
   * Singular points beyond TEMPLATE_LIMITS.maxSingularPoints left out (the last in raster order):
   * a finger has at most two cores and two deltas, so any here mark a non-finger background.
   */
  singularPointsDropped: number;
}

/** The image at 500 ppi, refused (naming `image`) when a side falls outside the working range. Tenprint and latent extraction start here. */
export function workingImage(input: GrayImage, ppi?: number): GrayImage {
  const image = toPpi500(input, ppi);
  if (image.width < MIN_WORKING_SIDE || image.height < MIN_WORKING_SIDE || image.width > MAX_WORKING_SIDE || image.height > MAX_WORKING_SIDE) {
    throw EngineError.invalidArgument('image', `at 500 ppi each side must be ${MIN_WORKING_SIDE}–${MAX_WORKING_SIDE} px`);
  }
  return image;
}

/** The template alone (see extractFingerprint for what was dropped). */
export async function extractTemplate(input: GrayImage, options: ExtractOptions = {}): Promise<FingerprintTemplate> {
  return (await extractFingerprint(input, options)).template;
}

export async function extractFingerprint(input: GrayImage, options: ExtractOptions = {}): Promise<Extraction> {
  const sink = options.sink;
  // Valleys widened back where ridges fill too much of the period (wet fingers; off at share 0).
  const working = valleyRestoredImage(workingImage(input, options.ppi), options.tuning?.valleys?.ridgeShare ?? VALLEY_RESTORE_RIDGE_SHARE);
  sink?.('resolution', working);
  // The low-pass pre-filter (off at σ 0: `filtered` is `working` itself, and no extra sink call).
  const prefilter = options.tuning?.prefilter;
  const filtered = lowPassImage(working, prefilterSigma(working, prefilter));
  if (filtered !== working) sink?.('low-pass-image', filtered);
  // Every stage reads the filtered image, except in the study's enhancement-only form.
  const image = prefilter?.enhancementOnly ? working : filtered;
  // The multi-scale orientation study (docs/decisions/orientation-multiscale.md; today's single window unless set).
  const orientation = orientationField(image, 'auto', options.tuning?.orientation);
  sink?.('orientation-field', orientation);
  const segmentation = segmentationMask(image, orientation, options.tuning?.segmentation);
  sink?.('segmentation-mask', segmentation);
  const frequency = ridgeFrequency(image, orientation, segmentation);
  sink?.('ridge-frequency', frequency);
  // The envelope studies (docs/decisions/enhancement-along-width.md, enhancement-across-width.md; today's widths unless set).
  const enhanced = enhancedImage(filtered, orientation, frequency, segmentation, 'auto', options.tuning?.enhance?.sigmaAlong, options.tuning?.enhance?.sigmaAcross);
  sink?.('enhanced-image', enhanced);
  const binary = binarizedImage(enhanced, segmentation);
  sink?.('binarized-image', binary);
  const skeleton = thinnedSkeleton(binary);
  sink?.('thinned-skeleton', skeleton);
  const graphTuning = options.tuning?.graph;
  const graph = cleanedRidgeGraph(skeleton, orientation, frequency, graphTuning);
  sink?.('ridge-graph', graph);
  let found = minutiae(graph, orientation);
  sink?.('minutiae', found);
  found = removeGaps(found);
  const borderTuning = options.tuning?.border;
  const bandGate = { clarity: (m: { x: number; y: number }) => clarityScore(image, enhanced, m.x, m.y), minClarity: borderTuning?.minClarity ?? BORDER_BAND_MIN_CLARITY };
  found = removeBorderMinutiae(found, segmentation, borderTuning?.filter ?? BORDER_FILTER, bandGate);
  found = removeClusters(found);
  // The scale-confirmation study (off unless a σ is given): only minutiae a blurred second reading finds again.
  const confirmSigma = options.tuning?.confirm?.sigma ?? 0;
  if (confirmSigma > 0) found = confirmedMinutiae(found, blurredPassMinutiae(image, confirmSigma, orientation, frequency, segmentation, graphTuning));
  const minQuality = options.tuning?.quality?.minMinutia ?? MIN_MINUTIA_QUALITY;
  found = minutiaQuality(found, image, enhanced, orientation, frequency, segmentation, options.tuning?.quality).filter((m) => m.quality >= minQuality);
  // The verifier study (off unless given): before the capacity cut, so a dropped minutia frees a place.
  const verifier = options.tuning?.verifier;
  if (verifier) found = verifiedMinutiae(found, { image, enhanced, orientation, frequency, segmentation }, verifier.model, verifier.maxFalse);
  // The density cap study (off unless MINUTIAE_DENSITY_MAX or the tuning sets one): the print's best-quality minutiae per finger area.
  const densityMax = options.tuning?.density?.max ?? MINUTIAE_DENSITY_MAX;
  if (Number.isFinite(densityMax)) found = keepBestQuality(found, Math.floor((densityMax * segmentation.area) / 10000)).kept;
  // Every template made here is valid everywhere: within the ISO/ANSI one-byte count.
  const capped = keepBestQuality(found, TEMPLATE_LIMITS.maxMinutiae);
  found = capped.kept;
  sink?.('filtered-minutiae', found);
  const allSingular = singularPoints(orientation, segmentation);
  const singular = allSingular.slice(0, TEMPLATE_LIMITS.maxSingularPoints);
  sink?.('singular-points', singular);
  const quality = imageQuality(orientation, frequency, segmentation);
  sink?.('image-quality', quality);
  const orientations = blockOrientations(orientation, segmentation);
  sink?.('block-orientations', orientations);
  const template: FingerprintTemplate = {
    width: image.width,
    height: image.height,
    resolutionPpi: WORKING_PPI,
    minutiae: found.map(toIso),
    singularPoints: singular.map((s) => ({ ...s, direction: Number.isNaN(s.direction) ? s.direction : isoAngle(s.direction) })),
    quality,
    orientations,
    // On the template's own minutiae, in their order (the indices are theirs); part of the template, so no stage of its own.
    ...(options.ridgeCounts ? { ridgeCounts: ridgeCounts(found, binary, segmentation.mask) } : {}),
  };
  return { template, minutiaeDropped: capped.dropped, singularPointsDropped: allSingular.length - singular.length };
}

/** Pixel-frame angle (from +x towards +y, y down) → ISO/IEC 19794-2 (counter-clockwise as viewed). */
export function isoAngle(pixelAngle: number): number {
  const a = (2 * Math.PI - pixelAngle) % (2 * Math.PI);
  return a < 0 ? a + 2 * Math.PI : a;
}

function toIso(m: { x: number; y: number; angle: number; type: Minutia['type']; quality: number }): Minutia {
  return { x: m.x, y: m.y, direction: isoAngle(m.angle), type: m.type, quality: m.quality };
}
