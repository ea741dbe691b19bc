/**
 * Extraction parameters a development study may vary (scripts/leave-one-out.ts,
 * scripts/eval-conditions.ts --param): each with today's value, from extraction/parameters.ts,
 * and the tuning option that sets it (engine/fingerprint/extractor.ts ExtractOptions.tuning).
 */
import { readFileSync } from 'node:fs';
import type { ExtractOptions } from '../../engine/fingerprint/extractor.js';
import type { OrientationScales } from '../../engine/fingerprint/extraction/orientation-field.js';
import type { VerifierModel } from '../../engine/fingerprint/extraction/minutia-verifier.js';
import { FITTED_BLOCK_CLASSIFIER, SEGMENT_BLOCK_CLASSIFIER } from '../../engine/fingerprint/extraction/background-blocks-weights.js';
import { BORDER_FILTER, ENHANCE_SIGMA_ACROSS, ENHANCE_SIGMA_ALONG, MIN_MINUTIA_QUALITY, NOISE_PREFILTER_FLOOR, NOISE_PREFILTER_SLOPE, PREFILTER_SIGMA, VALLEY_RESTORE_RIDGE_SHARE, SEGMENT_CORE_SCORE, SEGMENT_FLEXION_CREASE, SEGMENT_PRINTED_LINES, SHORT_RIDGE_MAX_PERIODS, SPUR_MAX_PERIODS, SEGMENT_MIN_COHERENCE, SEGMENT_MIN_STD, SEGMENT_RELATIVE_STD, SEGMENT_TEXTURE_SHARE } from '../../engine/fingerprint/extraction/parameters.js';

export type Tuning = NonNullable<ExtractOptions['tuning']>;

export const STUDIES: Record<string, { today: number; tuning: (v: number) => Tuning }> = {
  'segmentation.relativeStd': { today: SEGMENT_RELATIVE_STD, tuning: (v) => ({ segmentation: { relativeStd: v } }) },
  'segmentation.minStd': { today: SEGMENT_MIN_STD, tuning: (v) => ({ segmentation: { minStd: v } }) },
  'segmentation.minCoherence': { today: SEGMENT_MIN_COHERENCE, tuning: (v) => ({ segmentation: { minCoherence: v } }) },
  'segmentation.minDepth': { today: 0, tuning: (v) => ({ segmentation: { minDepth: v } }) },
  'segmentation.coreScore': { today: SEGMENT_CORE_SCORE, tuning: (v) => ({ segmentation: { coreScore: v } }) },
  'segmentation.textureShare': { today: SEGMENT_TEXTURE_SHARE, tuning: (v) => ({ segmentation: { textureShare: v } }) },
  // 1: the fitted block classifier (docs/decisions/segmentation-block-classifier.md), 0: none.
  'segmentation.classifier': { today: SEGMENT_BLOCK_CLASSIFIER ? 1 : 0, tuning: (v) => ({ segmentation: { classifier: v ? FITTED_BLOCK_CLASSIFIER : null } }) },
  // 1: the mask stops at the distal flexion crease (extraction/flexion-crease.ts, docs/decisions/flexion-crease.md), 0: not.
  'segmentation.flexionCrease': { today: SEGMENT_FLEXION_CREASE ? 1 : 0, tuning: (v) => ({ segmentation: { flexionCrease: v !== 0 } }) },
  // Printed lines kept out of the mask (extraction/printed-lines.ts, docs/decisions/segmentation-printed-lines.md): 0 no, 1 before the closing, 2 after it.
  'segmentation.printedLines': { today: SEGMENT_PRINTED_LINES, tuning: (v) => ({ segmentation: { printedLines: v } }) },
  // Graph filters (extraction/filters/spurs.ts, short-ridges.ts): lengths in local ridge periods.
  'graph.spurMaxPeriods': { today: SPUR_MAX_PERIODS, tuning: (v) => ({ graph: { spurMaxPeriods: v } }) },
  'graph.shortRidgeMaxPeriods': { today: SHORT_RIDGE_MAX_PERIODS, tuning: (v) => ({ graph: { shortRidgeMaxPeriods: v } }) },
  // Minutia quality (extraction/minutia-quality.ts): the threshold below which minutiae are dropped, and the flow factor's floor.
  'quality.minMinutia': { today: MIN_MINUTIA_QUALITY, tuning: (v) => ({ quality: { minMinutia: v } }) },
  'quality.coherenceFloor': { today: 0.5, tuning: (v) => ({ quality: { coherenceFloor: v } }) },
  // Low-pass pre-filter σ (px at 500 ppi; docs/decisions/tenprint-prefilter.md): read by every image stage, or by the enhancement alone.
  'prefilter.sigma': { today: PREFILTER_SIGMA, tuning: (v) => ({ prefilter: { sigma: v } }) },
  'prefilter.enhancementSigma': { today: PREFILTER_SIGMA, tuning: (v) => ({ prefilter: { sigma: v, enhancementOnly: true } }) },
  // Noise-adaptive pre-filter (docs/decisions/tenprint-noise-prefilter.md): σ = slope · (measured
  // noise − floor) above the floor (extraction/pixel-noise.ts), studied at the declared floor
  // NOISE_PREFILTER_FLOOR, which was placed from the clean images' estimates alone (scripts/eval/pixel-noise.ts).
  'prefilter.noiseSlope': { today: NOISE_PREFILTER_SLOPE, tuning: (v) => ({ prefilter: { noiseSlope: v, noiseFloor: NOISE_PREFILTER_FLOOR } }) },
  // Valleys widened where the local ridge share passes this (extraction/valley-restored-image.ts; 0 = off).
  'valleys.ridgeShare': { today: VALLEY_RESTORE_RIDGE_SHARE, tuning: (v) => ({ valleys: { ridgeShare: v } }) },
  // Border filter (extraction/filters/border.ts, docs/decisions/border-filter.md, border-filter-gate.md):
  // 0 'distance', 1 'direction', 2 'direction-clarity' (the band's clarity gate at BORDER_BAND_MIN_CLARITY).
  'border.direction': { today: ['distance', 'direction', 'direction-clarity'].indexOf(BORDER_FILTER), tuning: (v) => ({ border: { filter: v === 2 ? 'direction-clarity' : v ? 'direction' : 'distance' } }) },
  // A minutia kept only if a blurred second reading finds it (docs/decisions/minutiae-scale-confirmation.md); 0 off.
  'confirm.sigma': { today: 0, tuning: (v) => ({ confirm: { sigma: v } }) },
  // At most VALUE minutiae per 100 × 100 px of finger (docs/decisions/minutiae-density-cap.md); Infinity off.
  'density.max': { today: Infinity, tuning: (v) => ({ density: { max: v } }) },
  // The orientation covariance window from several widths (extraction/orientation-field.ts,
  // docs/decisions/orientation-multiscale.md): 0 today's single 9-px window; 1–5 the declared variants.
  'orientation.scales': { today: 0, tuning: (v) => {
    if (!Number.isInteger(v) || v < 0 || v > ORIENTATION_VARIANTS.length) throw new Error(`orientation.scales: 0–${ORIENTATION_VARIANTS.length}`);
    return v === 0 ? {} : { orientation: ORIENTATION_VARIANTS[v - 1]! };
  } },
  // The Gabor envelope along the ridges, as a share of the local period (extraction/enhanced-image.ts,
  // docs/decisions/enhancement-along-width.md); the along pass's radius cap grows with it.
  'enhance.sigmaAlong': { today: ENHANCE_SIGMA_ALONG, tuning: (v) => ({ enhance: { sigmaAlong: v } }) },
  // docs/decisions/enhancement-across-width.md: the band-pass envelope across the ridges, as a share of the period.
  'enhance.sigmaAcross': { today: ENHANCE_SIGMA_ACROSS, tuning: (v) => ({ enhance: { sigmaAcross: v } }) },
  // The learned minutia verifier (docs/decisions/minutia-verifier.md): drop minutiae with P(false) > VALUE, the
  // model read from the file named by BIOMATCH_VERIFIER_MODEL (scripts/eval/minutia-verifier.ts writes them). Off today.
  'verifier.maxFalse': { today: Infinity, tuning: (v) => ({ verifier: { model: verifierModelFromEnvironment(), maxFalse: v } }) },
};

/** docs/decisions/orientation-multiscale.md's variants 1–5 (px windows, as ORIENTATION_WINDOW_RADIUS). */
export const ORIENTATION_VARIANTS: readonly OrientationScales[] = [
  { windows: [9, 7], combine: 'best' },
  { windows: [9, 7, 11], combine: 'best' },
  { windows: [9, 5, 7, 11, 13], combine: 'best' },
  { windows: [9, 7, 11], combine: 'weighted' },
  { windows: [9, 5, 7, 11, 13], combine: 'weighted' },
];

/** The verifier model named by BIOMATCH_VERIFIER_MODEL (a study script's output), read once. */
let verifierModel: VerifierModel | undefined;
function verifierModelFromEnvironment(): VerifierModel {
  const path = process.env.BIOMATCH_VERIFIER_MODEL;
  if (!path) throw new Error('verifier.maxFalse needs BIOMATCH_VERIFIER_MODEL=MODEL.json (scripts/eval/minutia-verifier.ts)');
  verifierModel ??= JSON.parse(readFileSync(path, 'utf8')) as VerifierModel;
  return verifierModel;
}

/** `NAME=VALUE` → the tuning that sets it. */
export function tuningOf(assignment: string): Tuning {
  const [name, value] = assignment.split('=');
  const study = STUDIES[name];
  const v = Number(value);
  if (!study || value === undefined || !Number.isFinite(v)) throw new Error(`--param NAME=VALUE, NAME one of ${Object.keys(STUDIES).join(', ')}`);
  return study.tuning(v);
}
