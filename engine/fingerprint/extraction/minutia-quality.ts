/**
 * Per-minutia quality 0–100 (ISO/IEC 19794-2 §6.4.3 leaves the method to the vendor): how clear
 * the ridge flow is where the minutia sits (orientation coherence mapped linearly from
 * QUALITY_COHERENCE_LOW → 0 to QUALITY_COHERENCE_HIGH → 1), times how far it is from the print
 * border (half weight at the border, full weight from QUALITY_BORDER_PX inwards), times 0.8 where
 * the ridge period had to be interpolated rather than measured. In the spirit of NBIS mindtct's
 * quality from its direction/low-contrast/low-flow maps (Watson et al., NISTIR 7392, §3.5).
 */
import type { MinutiaCandidate } from './minutiae.js';
import type { OrientationField } from './orientation-field.js';
import { QUALITY_BORDER_PX, QUALITY_COHERENCE_HIGH, QUALITY_COHERENCE_LOW } from './parameters.js';
import type { RidgeFrequency } from './ridge-frequency.js';
import type { SegmentationMask } from './segmentation-mask.js';

export function coherenceScore(c: number): number {
  const s = (c - QUALITY_COHERENCE_LOW) / (QUALITY_COHERENCE_HIGH - QUALITY_COHERENCE_LOW);
  return s < 0 ? 0 : s > 1 ? 1 : s;
}

export function minutiaQuality(
  minutiae: MinutiaCandidate[],
  orientation: OrientationField,
  frequency: RidgeFrequency,
  segmentation: SegmentationMask,
): MinutiaCandidate[] {
  const w = orientation.width;
  return minutiae.map((m) => {
    const i = m.y * w + m.x;
    const flow = coherenceScore(orientation.coherence[i]);
    const border = 0.5 + 0.5 * Math.min(1, segmentation.borderDistance[i] / QUALITY_BORDER_PX);
    const fb = Math.min(frequency.blocksHigh - 1, (m.y / frequency.block) | 0) * frequency.blocksWide + Math.min(frequency.blocksWide - 1, (m.x / frequency.block) | 0);
    const period = frequency.measured[fb] ? 1 : 0.8;
    return { ...m, quality: Math.max(1, Math.round(100 * flow * border * period)) };
  });
}
