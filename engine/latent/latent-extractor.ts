/**
 * Latent mark image → LatentFeatures. One straight function, one stage per file, each stage's
 * output to the optional sink (stage-sink.ts LATENT_STAGE_NAMES; the tenprint names are reused
 * where the output has the same shape, so scripts/draw.ts-style pictures work):
 *   resolution → ridge spectrum (ridge-spectrum.ts) → region of interest (region-of-interest.ts,
 *   automatic or the examiner's polygon) → orientation (latent-orientation.ts) → ridge period and
 *   enhancement (latent-enhancement.ts) → minutiae with reliability (latent-minutiae.ts).
 * Measured against the hand labels of NIST SD27 and CISL24218 in docs/measurements/latent-features.md.
 * Pure, like the tenprint extractor: the result depends on the input alone.
 */
import { EngineError } from '../errors.js';
import { MAX_WORKING_SIDE, MIN_WORKING_SIDE } from '../fingerprint/extraction/parameters.js';
import { singularPoints } from '../fingerprint/extraction/singular-points.js';
import { isoAngle } from '../fingerprint/extractor.js';
import type { GrayImage } from '../fingerprint/gray-image.js';
import { toPpi500 } from '../fingerprint/resolution.js';
import type { StageSink } from '../fingerprint/stage-sink.js';
import { latentEnhancedImage, latentRidgeFrequency, normalisedImage } from './latent-enhancement.js';
import type { LatentFeatures, Point } from './latent-features.js';
import { latentMinutiae } from './latent-minutiae.js';
import { latentOrientation } from './latent-orientation.js';
import { regionOfInterest } from './region-of-interest.js';
import { ridgeSpectrum } from './ridge-spectrum.js';

export interface LatentExtractOptions {
  ppi?: number;
  /** The examiner's region of interest at 500 ppi: replaces the automatic one. */
  roi?: Point[];
  sink?: StageSink;
}

export async function extractLatentFeatures(input: GrayImage, options: LatentExtractOptions = {}): Promise<LatentFeatures> {
  const sink = options.sink;
  const image = toPpi500(input, options.ppi);
  if (image.width < MIN_WORKING_SIDE || image.height < MIN_WORKING_SIDE || image.width > MAX_WORKING_SIDE || image.height > MAX_WORKING_SIDE) {
    throw EngineError.invalidArgument('image', `at 500 ppi each side must be ${MIN_WORKING_SIDE}–${MAX_WORKING_SIDE} px`);
  }
  sink?.('resolution', image);
  const spectrum = ridgeSpectrum(image);
  sink?.('latent-spectrum', spectrum);
  const roi = regionOfInterest(spectrum, options.roi);
  sink?.('segmentation-mask', roi);
  const normalised = normalisedImage(image);
  sink?.('latent-normalised', normalised);
  const orientation = latentOrientation(spectrum, roi);
  sink?.('orientation-field', orientation);
  const frequency = latentRidgeFrequency(spectrum, orientation);
  sink?.('ridge-frequency', frequency);
  const enhanced = latentEnhancedImage(normalised, orientation, frequency, roi);
  sink?.('enhanced-image', enhanced);
  const stages = latentMinutiae(normalised, enhanced, orientation, frequency, roi, spectrum);
  sink?.('binarized-image', stages.binary);
  sink?.('thinned-skeleton', stages.skeleton);
  sink?.('ridge-graph', stages.graph);
  sink?.('minutiae', stages.raw);
  sink?.('filtered-minutiae', stages.filtered);
  sink?.('latent-minutiae', stages.minutiae);
  const singular = roi.polygon === null ? [] : singularPoints(orientation, roi);
  return {
    width: image.width,
    height: image.height,
    resolutionPpi: 500,
    roi: roi.polygon,
    minutiae: stages.minutiae,
    singularPoints: singular.map((s) => ({ ...s, direction: Number.isNaN(s.direction) ? s.direction : isoAngle(s.direction) })),
  };
}
