/**
 * Minutiae of a mark, each with a reliability 0–1. The ridges are read off the enhanced image as
 * on tenprints (binarised, thinned, traced into a ridge graph and cleaned of spurs, bridges,
 * short ridges, gaps, border and clustered minutiae: engine/fingerprint/extraction/*), inside the
 * ROI only. Reliability is the tenprint minutia quality (ridge clarity × flow coherence × distance
 * from the ROI border × measured period, minutia-quality.ts) times the spectral clarity of the
 * block it sits in (how much of the window's energy the ridge peak holds: RELIABILITY_SHARE_LOW →
 * 0.4, RELIABILITY_SHARE_HIGH → 1), so a minutia in ridges that a line or smudge half covers is
 * trusted less than one in clear ridges. Both factors are local image evidence, in the spirit of
 * NBIS mindtct's reliability from its quality maps (NISTIR 7392 §3.5).
 */
import { binarizedImage, type BinarizedImage } from '../fingerprint/extraction/binarized-image.js';
import type { EnhancedImage } from '../fingerprint/extraction/enhanced-image.js';
import { removeBorderMinutiae } from '../fingerprint/extraction/filters/border.js';
import { removeClusters } from '../fingerprint/extraction/filters/clusters.js';
import { removeGaps } from '../fingerprint/extraction/filters/gaps.js';
import { cleanedRidgeGraph } from '../fingerprint/extraction/filters/graph-cleanup.js';
import { minutiaQuality } from '../fingerprint/extraction/minutia-quality.js';
import { MIN_MINUTIA_QUALITY } from '../fingerprint/extraction/parameters.js';
import { minutiae, type MinutiaCandidate } from '../fingerprint/extraction/minutiae.js';
import type { OrientationField } from '../fingerprint/extraction/orientation-field.js';
import type { SegmentationMask } from '../fingerprint/extraction/segmentation-mask.js';
import type { RidgeFrequency } from '../fingerprint/extraction/ridge-frequency.js';
import type { RidgeGraph } from '../fingerprint/extraction/ridge-graph.js';
import { thinnedSkeleton, type ThinnedSkeleton } from '../fingerprint/extraction/thinned-skeleton.js';
import type { GrayImage } from '../fingerprint/gray-image.js';
import { isoAngle } from '../fingerprint/extractor.js';
import type { LatentMinutia } from './latent-features.js';
import { RELIABILITY_CONTINUITY_FREE, RELIABILITY_CONTINUITY_RADIUS, RELIABILITY_SHARE_HIGH, RELIABILITY_SHARE_LOW } from './latent-parameters.js';
import type { RidgeSpectrum } from './ridge-spectrum.js';

export interface LatentMinutiaeStages {
  binary: BinarizedImage;
  skeleton: ThinnedSkeleton;
  graph: RidgeGraph;
  /** Straight from the cleaned graph. */
  raw: MinutiaCandidate[];
  /** After the list filters, with tenprint quality (0–100). */
  filtered: MinutiaCandidate[];
  /** The result: ISO directions, reliability 0–1 (tenprint quality at least MIN_MINUTIA_QUALITY). */
  minutiae: LatentMinutia[];
}

/** Ridge-continuity reliability (see `continuityFactor`): neighbourhood radius (px) and free count; radius 0: off. */
export interface ContinuityReliability {
  radius: number;
  free: number;
}

export function latentMinutiae(
  normalised: GrayImage,
  enhanced: EnhancedImage,
  orientation: OrientationField,
  frequency: RidgeFrequency,
  roi: SegmentationMask,
  spectrum: RidgeSpectrum,
  continuity: ContinuityReliability = { radius: RELIABILITY_CONTINUITY_RADIUS, free: RELIABILITY_CONTINUITY_FREE },
): LatentMinutiaeStages {
  const binary = binarizedImage(enhanced, roi);
  const skeleton = thinnedSkeleton(binary);
  const graph = cleanedRidgeGraph(skeleton, orientation, frequency);
  const raw = minutiae(graph, orientation);
  let filtered = removeGaps(raw);
  filtered = removeBorderMinutiae(filtered, roi);
  filtered = removeClusters(filtered);
  filtered = minutiaQuality(filtered, normalised, enhanced, orientation, frequency, roi);
  const B = spectrum.block;
  const out: LatentMinutia[] = [];
  for (const m of filtered) {
    const bx = Math.min(spectrum.blocksWide - 1, (m.x / B) | 0);
    const by = Math.min(spectrum.blocksHigh - 1, (m.y / B) | 0);
    const reliability = (m.quality / 100) * spectralClarity(spectrum.peakShare[by * spectrum.blocksWide + bx]) * continuityFactor(m, raw, continuity);
    // The same floor as tenprints (quality < MIN_MINUTIA_QUALITY is noise); reliability is a
    // weight for the matcher and the examiner, not a second filter.
    if (m.quality < MIN_MINUTIA_QUALITY) continue;
    out.push({ x: m.x, y: m.y, direction: isoAngle(m.angle), type: m.type, quality: Math.round(100 * reliability), reliability, source: 'auto' });
  }
  return { binary, skeleton, graph, raw, filtered, minutiae: out };
}

/** Peak share → 0.4 … 1. */
function spectralClarity(share: number): number {
  const s = (share - RELIABILITY_SHARE_LOW) / (RELIABILITY_SHARE_HIGH - RELIABILITY_SHARE_LOW);
  return 0.4 + 0.6 * (s < 0 ? 0 : s > 1 ? 1 : s);
}

/**
 * Ridge continuity about a minutia: where ridges run on unbroken, the cleaned ridge graph has few
 * endings and forks near any one minutia; where a mark is smeared, dotted or broken, the graph is
 * full of them and most are not the finger's. With n other graph minutiae (before the list filters)
 * within `radius` px, the factor is 1 up to `free` of them and (1 + free) / (1 + n) beyond.
 */
function continuityFactor(m: MinutiaCandidate, raw: readonly MinutiaCandidate[], c: ContinuityReliability): number {
  if (!(c.radius > 0)) return 1;
  const r2 = c.radius * c.radius;
  let n = 0;
  for (const o of raw) {
    if (o === m) continue;
    const dx = o.x - m.x, dy = o.y - m.y;
    if (dx * dx + dy * dy <= r2 && (dx !== 0 || dy !== 0)) n++;
  }
  return n <= c.free ? 1 : (1 + c.free) / (1 + n);
}
