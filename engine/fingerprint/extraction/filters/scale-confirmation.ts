/**
 * Study (docs/decisions/minutiae-scale-confirmation.md; off unless the extractor's tuning sets a
 * σ): a minutia is kept only if a second reading of the print, blurred, finds it again. A false
 * minutia of a dry or noisy print comes from a break or a dot a few pixels wide; a real one is a
 * property of the ridge flow and survives a mild blur (features stable across scale). The second
 * pass reuses the first pass's orientation field, ridge frequency and mask, and runs the same
 * enhancement, binarisation, thinning, graph filters and gap filter.
 */
import type { GrayImage } from '../../gray-image.js';
import { binarizedImage } from '../binarized-image.js';
import { enhancedImage } from '../enhanced-image.js';
import { lowPassImage } from '../low-pass-image.js';
import { minutiae, type MinutiaCandidate } from '../minutiae.js';
import type { OrientationField } from '../orientation-field.js';
import type { RidgeFrequency } from '../ridge-frequency.js';
import type { SegmentationMask } from '../segmentation-mask.js';
import { thinnedSkeleton } from '../thinned-skeleton.js';
import { removeGaps } from './gaps.js';
import { cleanedRidgeGraph, type GraphTuning } from './graph-cleanup.js';

/** Distance and direction (modulo π: an ending may come back as a bifurcation) within which a minutia is found again. */
export const CONFIRM_RADIUS_PX = 10;
export const CONFIRM_MAX_ANGLE = Math.PI / 6;

/** The second pass's minutiae: `image` low-passed by σ, then the first pass's stages from the enhancement on. */
export function blurredPassMinutiae(image: GrayImage, sigma: number, orientation: OrientationField, frequency: RidgeFrequency, segmentation: SegmentationMask,
  graphTuning: GraphTuning = {}): MinutiaCandidate[] {
  const enhanced = enhancedImage(lowPassImage(image, sigma), orientation, frequency, segmentation);
  const graph = cleanedRidgeGraph(thinnedSkeleton(binarizedImage(enhanced, segmentation)), orientation, frequency, graphTuning);
  return removeGaps(minutiae(graph, orientation));
}

/** The minutiae of `found` that `again` has within CONFIRM_RADIUS_PX and CONFIRM_MAX_ANGLE (modulo π), in their order. */
export function confirmedMinutiae<M extends Pick<MinutiaCandidate, 'x' | 'y' | 'angle'>>(found: M[], again: readonly Pick<MinutiaCandidate, 'x' | 'y' | 'angle'>[]): M[] {
  const r2 = CONFIRM_RADIUS_PX * CONFIRM_RADIUS_PX;
  return found.filter((m) => again.some((a) => {
    const dx = a.x - m.x, dy = a.y - m.y;
    if (dx * dx + dy * dy > r2) return false;
    let d = Math.abs(a.angle - m.angle) % Math.PI;
    if (d > Math.PI / 2) d = Math.PI - d;
    return d <= CONFIRM_MAX_ANGLE;
  }));
}
