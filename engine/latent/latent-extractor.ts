/**
 * Latent mark image → LatentFeatures. One straight function, one stage per file, each stage's
 * output to the optional sink (stage-sink.ts LATENT_STAGE_NAMES; the tenprint names are reused
 * where the output has the same shape, so scripts/draw.ts-style pictures work):
 *   resolution → ridge continuity (ridge-continuity.ts) → ridge spectrum (ridge-spectrum.ts) → region of interest (region-of-interest.ts,
 *   automatic or the examiner's polygon) → orientation (latent-orientation.ts) → ridge period and
 *   enhancement (latent-enhancement.ts) → minutiae with reliability (latent-minutiae.ts).
 *
 * Plain-background marks take the tenprint route. When the automatic ROI and the tenprint
 * segmentation agree (IoU ≥ PLAIN_MARK_MIN_IOU), nothing around the mark looks like a finger to
 * the gray-level tests, and the tenprint stages — gradient orientation at pixel resolution, the
 * print's own outline — give minutiae closer to those of the tenprint gallery than the 16 px
 * spectral field does (GAN marks: docs/measurements/latent-features.md). Their orientation field
 * and mask read the mark low-passed along its ridges where the flow is coherent, so that dotted,
 * pore-like or smeared ridges give the field their flow (docs/decisions/latent-ridge-continuity.md). Marks on text, lines or
 * patterns (the NIST SD27 sample: IoU 0.07) take the latent stages. Either way the minutiae carry
 * the same reliability (latent-minutiae.ts) and the ROI polygon is the region they come from.
 * Only the plain route gives out its block orientation field (LatentFeatures.orientations).
 *
 * A learnt block classifier for the latent route's automatic ROI (roi-classifier.ts) is a study,
 * off (ROI_CLASSIFIER, docs/decisions/latent-roi-classifier.md); it never moves the route choice.
 * So is a small orientation network for the latent route (orientation-network.ts, ORIENT_NETWORK,
 * docs/decisions/latent-orientation-network.md).
 *
 * Measured against the hand labels of NIST SD27 and CISL24218 in docs/measurements/latent-features.md.
 * Pure, like the tenprint extractor: the result depends on the input alone.
 */
import { blockOrientations } from '../fingerprint/extraction/block-orientations.js';
import { enhancedImage } from '../fingerprint/extraction/enhanced-image.js';
import { orientationField } from '../fingerprint/extraction/orientation-field.js';
import { ridgeFrequency } from '../fingerprint/extraction/ridge-frequency.js';
import { segmentationMask } from '../fingerprint/extraction/segmentation-mask.js';
import { singularPoints } from '../fingerprint/extraction/singular-points.js';
import { isoAngle, workingImage } from '../fingerprint/extractor.js';
import type { GrayImage } from '../fingerprint/gray-image.js';
import type { StageSink } from '../fingerprint/stage-sink.js';
import { latentEnhancedImage, latentRidgeFrequency, normalisedImage } from './latent-enhancement.js';
import type { LatentFeatures, Point } from './latent-features.js';
import { latentMinutiae, type ContinuityReliability } from './latent-minutiae.js';
import { latentOrientation, networkOrientation, type LatentOrientation } from './latent-orientation.js';
import { CONTINUITY_GATE, CONTINUITY_ROUTE, CONTINUITY_SIGMA_PX, ORIENT_NETWORK, ORIENT_NETWORK_BACKEND, type OrientNetworkMode, PLAIN_MARK_MAX_FRACTION, PLAIN_MARK_MIN_IOU, ROI_CANDIDATE_AGREEMENT, ROI_CLASSIFIER, ROI_MIN_CONSISTENCY, ROI_MIN_RELATIVE_ENERGY, ROUTE_CANDIDATE_AGREEMENT, ROI_COHERENT_CONSISTENCY, ROI_COHERENT_PERIOD_MIN, SPECTRUM_SHARE_PERIOD_MIN } from './latent-parameters.js';
import { ridgeContinuityImage } from './ridge-continuity.js';
import { convexHull, maskIou, regionOfInterest, type RegionOfInterest } from './region-of-interest.js';
import { ridgeSpectrum, type RidgeSpectrum } from './ridge-spectrum.js';
import { classifiedRegionOfInterest, type RoiClassifier } from './roi-classifier.js';
import { FITTED_ROI_CLASSIFIER } from './roi-classifier-weights.js';

export interface LatentExtractOptions {
  ppi?: number;
  /** The examiner's region of interest at 500 ppi: replaces the automatic one. */
  roi?: Point[];
  sink?: StageSink;
  /**
   * Study override of the ridge-continuity stage (scripts/latent-ridges.ts): σ along the ridges
   * (0: off), the coherence gate (absent: none) and which stages read the low-passed mark:
   * 'field' (shipped), the plain-mark route's orientation field and mask; 'plain', also its
   * enhancement and minutiae; 'field-spectrum', 'field' and the ridge spectrum (so the ROI, the
   * route choice and the latent route's orientation and period); 'all', all of these and the
   * latent route's ridge stages. Absent: CONTINUITY_SIGMA_PX, CONTINUITY_ROUTE, CONTINUITY_GATE.
   */
  continuity?: { sigma: number; route: ContinuityRoute; gate?: readonly [number, number] };
  /** Study override of SPECTRUM_SHARE_PERIOD_MIN (ridge-spectrum.ts). */
  sharePeriodMin?: number;
  /**
   * Study override of ROI_COHERENT_PERIOD_MIN / ROI_COHERENT_CONSISTENCY (region-of-interest.ts):
   * the peak share without periods below periodMin px where the peak direction agrees with the
   * neighbours' at least `consistency`.
   */
  coherentShare?: { periodMin: number; consistency: number };
  /** Study override of ROI_CANDIDATE_AGREEMENT (region-of-interest.ts). */
  candidateAgreement?: number;
  /** Study override of ROUTE_CANDIDATE_AGREEMENT: the same, for the route choice's ROI only. */
  routeAgreement?: number;
  /** Study: ROI_MIN_RELATIVE_ENERGY and ROI_MIN_CONSISTENCY for the route choice's ROI only. */
  routeEnergy?: number;
  routeConsistency?: number;
  /**
   * Study override of ROI_CLASSIFIER: the block classifier that gives the latent route's automatic
   * ROI (roi-classifier.ts), or null for the spectral rules. Absent: FITTED_ROI_CLASSIFIER when
   * ROI_CLASSIFIER, else null.
   */
  roiClassifier?: RoiClassifier | null;
  /** Study override of RELIABILITY_CONTINUITY_* (latent-minutiae.ts). */
  continuityReliability?: ContinuityReliability;
  /** Study override of ORIENT_BACKGROUND_DISCOUNT (latent-orientation.ts backgroundShare). */
  orientationBackground?: boolean;
  /**
   * Study override of ORIENT_NETWORK (docs/decisions/latent-orientation-network.md): the latent
   * route's orientation from the small network ('field'), or its spectral candidates chosen by the
   * network's field ('prior'), or neither ('off').
   */
  orientationNetwork?: OrientNetworkMode;
  /**
   * Study (docs/decisions/latent-route-strict.md): 'latent' keeps every mark on the latent route,
   * to compare the two routes on the marks the route test sends down the plain one. Absent: the
   * route test decides.
   */
  forceRoute?: 'latent';
  /** Study override of PLAIN_MARK_MAX_FRACTION (the strict route test; 1: off). */
  routeMaxFraction?: number;
  /**
   * Study diagnosis: called with the route test's inputs when it is run (automatic ROI only), so a
   * script can see both masks and the decision without re-running the stages.
   */
  routeProbe?: (probe: RouteProbe) => void;
}

/** The route test's inputs and outcome (LatentExtractOptions.routeProbe). */
export interface RouteProbe {
  spectrum: RidgeSpectrum;
  /** The spectral ROI the route choice reads (pixel mask, 1 inside). */
  spectralMask: Uint8Array;
  /** The tenprint segmentation of the mark (pixel mask). */
  segmentationMask: Uint8Array;
  iou: number;
  plain: boolean;
}

export type ContinuityRoute = 'field' | 'plain' | 'field-spectrum' | 'all';

export async function extractLatentFeatures(input: GrayImage, options: LatentExtractOptions = {}): Promise<LatentFeatures> {
  const sink = options.sink;
  const image = workingImage(input, options.ppi);
  sink?.('resolution', image);
  const study = options.continuity;
  const sigma = study ? study.sigma : CONTINUITY_SIGMA_PX;
  const route = study ? study.route : CONTINUITY_ROUTE;
  const gate = study ? study.gate : CONTINUITY_GATE;
  const sharePeriodMin = options.sharePeriodMin ?? SPECTRUM_SHARE_PERIOD_MIN;
  const coherentPeriodMin = options.coherentShare ? options.coherentShare.periodMin : ROI_COHERENT_PERIOD_MIN;
  const coherentConsistency = options.coherentShare ? options.coherentShare.consistency : ROI_COHERENT_CONSISTENCY;
  let spectrum = ridgeSpectrum(image, sharePeriodMin, coherentPeriodMin);
  // Ridge continuity (ridge-continuity.ts): the mark low-passed along the flow settled on its own
  // spectrum, where that flow is coherent. As shipped ('field') only the plain-mark route's
  // orientation field and mask read it, so it is made only where that route may be taken.
  const examiner = options.roi !== undefined && options.roi.length >= 3;
  const smoothSpectrum = route === 'all' || route === 'field-spectrum';
  const smooth = sigma > 0 && (!examiner || smoothSpectrum) ? ridgeContinuityImage(image, latentOrientation(spectrum, { polygon: null }), sigma, gate) : image;
  sink?.('latent-continuity', smooth);
  if (smooth !== image && smoothSpectrum) spectrum = ridgeSpectrum(smooth, sharePeriodMin, coherentPeriodMin);
  sink?.('latent-spectrum', spectrum);
  const candidateAgreement = options.candidateAgreement ?? ROI_CANDIDATE_AGREEMENT;
  const routeAgreement = options.routeAgreement ?? ROUTE_CANDIDATE_AGREEMENT;
  let roi = regionOfInterest(spectrum, options.roi, coherentConsistency, candidateAgreement);
  // The route choice may read a looser spectral ROI (ROUTE_CANDIDATE_AGREEMENT): it only decides
  // whether the tenprint mask replaces it; the latent route keeps `roi` as it is.
  const routeEnergy = options.routeEnergy ?? ROI_MIN_RELATIVE_ENERGY;
  const routeConsistency = options.routeConsistency ?? ROI_MIN_CONSISTENCY;
  const looser = routeAgreement > 0 || routeEnergy !== ROI_MIN_RELATIVE_ENERGY || routeConsistency !== ROI_MIN_CONSISTENCY;
  const routeRoi = looser && roi.source === 'auto' ? regionOfInterest(spectrum, undefined, coherentConsistency, routeAgreement, routeEnergy, routeConsistency) : roi;
  // The latent route's automatic ROI from the learnt block classifier (ROI_CLASSIFIER); the route
  // choice above keeps the spectral ROI, so marks take the route they took before.
  const classifier = options.roiClassifier !== undefined ? options.roiClassifier : ROI_CLASSIFIER ? FITTED_ROI_CLASSIFIER : null;
  if (classifier && roi.source === 'auto') roi = classifiedRegionOfInterest(classifier, spectrum, image);
  const normalised = normalisedImage(route === 'all' ? smooth : image);
  // The plain-mark route's enhancement and minutiae read the mark as it is, except in the study's
  // 'plain' and 'all' (measured: they lose held out, docs/decisions/latent-ridge-continuity.md).
  const plainRidges = route === 'all' || route === 'plain' ? smooth : image;
  // The tenprint route for plain-background marks (file comment); never over an examiner's ROI.
  const gradient = roi.source === 'auto' && routeRoi.polygon !== null ? orientationField(smooth) : null;
  // The tenprint mask as the latent route was measured with: without the background-texture
  // stage (issue 15), whose effect on marks (textured by nature) has not been measured yet.
  const segmentation = gradient === null ? null : segmentationMask(smooth, gradient, { coreScore: 0 });
  const agreed = segmentation === null ? null : plainMarkRegion(routeRoi, segmentation);
  // The strict route test (PLAIN_MARK_MAX_FRACTION, a study): a segmentation over most of the
  // image is a textured surface, not a mark on plain paper.
  const maxFraction = options.routeMaxFraction ?? PLAIN_MARK_MAX_FRACTION;
  const covers = segmentation === null || maxFraction >= 1 ? true : segmentation.area / segmentation.mask.length <= maxFraction;
  const plain = options.forceRoute === 'latent' || !covers ? null : agreed;
  if (segmentation && options.routeProbe) {
    options.routeProbe({ spectrum, spectralMask: routeRoi.mask, segmentationMask: segmentation.mask, iou: maskIou(routeRoi.mask, segmentation.mask), plain: plain !== null });
  }
  if (plain) roi = plain;
  sink?.('segmentation-mask', roi);
  sink?.('latent-normalised', normalised);
  const settled = plain ? null : await latentRouteOrientation(image, spectrum, roi, options);
  const orientation = settled ?? gradient!;
  sink?.('orientation-field', orientation);
  const frequency = settled ? latentRidgeFrequency(spectrum, settled) : ridgeFrequency(plainRidges, orientation, roi);
  sink?.('ridge-frequency', frequency);
  const enhanced = plain ? enhancedImage(plainRidges, orientation, frequency, roi) : latentEnhancedImage(normalised, orientation, frequency, roi);
  sink?.('enhanced-image', enhanced);
  const stages = latentMinutiae(plain ? plainRidges : normalised, enhanced, orientation, frequency, roi, spectrum, options.continuityReliability);
  sink?.('binarized-image', stages.binary);
  sink?.('thinned-skeleton', stages.skeleton);
  sink?.('ridge-graph', stages.graph);
  sink?.('minutiae', stages.raw);
  sink?.('filtered-minutiae', stages.filtered);
  sink?.('latent-minutiae', stages.minutiae);
  const singular = roi.polygon === null ? [] : singularPoints(orientation, roi);
  // The plain route's block field, made as the tenprint extractor makes it (its gradient field over
  // its mask), for the matcher's orientation cue; the latent route's spectral field is not given
  // out (docs/decisions/latent-orientation-plain.md).
  const orientations = plain ? blockOrientations(orientation, plain) : undefined;
  return {
    width: image.width,
    height: image.height,
    resolutionPpi: 500,
    roi: roi.polygon,
    minutiae: stages.minutiae,
    singularPoints: singular.map((s) => ({ ...s, direction: Number.isNaN(s.direction) ? s.direction : isoAngle(s.direction) })),
    ...(orientations ? { orientations } : {}),
  };
}

/** The latent route's orientation: the spectral candidates settled by their neighbours, or the network study (ORIENT_NETWORK). */
async function latentRouteOrientation(image: GrayImage, spectrum: RidgeSpectrum, roi: RegionOfInterest, options: LatentExtractOptions): Promise<LatentOrientation> {
  const background = options.orientationBackground === undefined ? {} : { backgroundDiscount: options.orientationBackground };
  const mode = options.orientationNetwork ?? ORIENT_NETWORK;
  if (mode === 'off') return latentOrientation(spectrum, roi, background);
  // Loaded only here: the study's TensorFlow.js and 130 KB of weights stay out of every process
  // that extracts marks with the switch off (the default).
  const [{ fittedNetworkBlockField, orientationNetworkReady }, { ORIENTATION_NETWORK_WEIGHTS }] = await Promise.all([import('./orientation-network.js'), import('./orientation-network-weights.js')]);
  await orientationNetworkReady(ORIENT_NETWORK_BACKEND);
  const net = fittedNetworkBlockField(image, ORIENTATION_NETWORK_WEIGHTS);
  if (net.blocksWide !== spectrum.blocksWide || net.blocksHigh !== spectrum.blocksHigh) throw new Error('orientation network: its block grid is not the spectrum\'s');
  return mode === 'field' ? networkOrientation(spectrum, net) : latentOrientation(spectrum, roi, { ...background, prior: net });
}

/**
 * The tenprint segmentation as the ROI when it agrees with the spectral ROI (IoU ≥
 * PLAIN_MARK_MIN_IOU), its polygon the convex hull of the mask; null when they disagree.
 */
function plainMarkRegion(roi: RegionOfInterest, segmentation: { mask: Uint8Array; borderDistance: Float32Array; area: number }): RegionOfInterest | null {
  let inter = 0, union = 0;
  for (let i = 0; i < roi.mask.length; i++) {
    if (roi.mask[i] && segmentation.mask[i]) inter++;
    if (roi.mask[i] || segmentation.mask[i]) union++;
  }
  if (union === 0 || inter / union < PLAIN_MARK_MIN_IOU) return null;
  // The outline's pixels (mask pixels with a background 4-neighbour) give the hull.
  const { width: w, height: h } = roi;
  const edge: Point[] = [];
  const m = segmentation.mask;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      if (m[i] && (x === 0 || y === 0 || x === w - 1 || y === h - 1 || !m[i - 1] || !m[i + 1] || !m[i - w] || !m[i + w])) edge.push({ x: x + 0.5, y: y + 0.5 });
    }
  }
  const polygon = convexHull(edge);
  return { ...roi, mask: segmentation.mask, borderDistance: segmentation.borderDistance, area: segmentation.area, polygon };
}
