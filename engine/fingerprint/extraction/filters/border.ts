/**
 * Border: ridges cut by the edge of the print (or of the segmentation mask) end there without
 * being ridge endings. Minutiae closer than BORDER_MIN_PX to the background go (Maltoni et al.
 * 2nd ed. §3.8.1).
 */
import type { MinutiaCandidate } from '../minutiae.js';
import { BORDER_MIN_PX } from '../parameters.js';
import type { SegmentationMask } from '../segmentation-mask.js';

export function removeBorderMinutiae(minutiae: MinutiaCandidate[], segmentation: SegmentationMask): MinutiaCandidate[] {
  const { borderDistance, width } = segmentation;
  return minutiae.filter((m) => borderDistance[m.y * width + m.x] >= BORDER_MIN_PX);
}
