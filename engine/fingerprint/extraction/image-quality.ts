/**
 * Image quality 0–100. Method (documented here, not NFIQ): over the finger area, on 8×8 blocks,
 * the mean ridge-flow clarity (orientation coherence mapped from QUALITY_COHERENCE_LOW → 0 to
 * QUALITY_COHERENCE_HIGH → 1; Lim, Jiang & Yau 2002 use coherence the same way), times the share
 * of ridge-period blocks whose period could be measured (scaled 0.5–1: periodic ridges are what
 * enhancement needs), times the finger area relative to a full plain impression
 * (QUALITY_FULL_AREA_PX, square root, capped at 1: a small partial print carries less).
 */
import { coherenceScore } from './minutia-quality.js';
import type { OrientationField } from './orientation-field.js';
import { QUALITY_FULL_AREA_PX } from './parameters.js';
import type { RidgeFrequency } from './ridge-frequency.js';
import type { SegmentationMask } from './segmentation-mask.js';

export function imageQuality(orientation: OrientationField, frequency: RidgeFrequency, segmentation: SegmentationMask): number {
  const { width: w, height: h } = orientation;
  let flow = 0, blocks = 0;
  for (let y = 4; y < h; y += 8) {
    for (let x = 4; x < w; x += 8) {
      const i = y * w + x;
      if (!segmentation.mask[i]) continue;
      flow += coherenceScore(orientation.coherence[i]);
      blocks++;
    }
  }
  if (blocks === 0) return 0;
  let inMask = 0, measured = 0;
  for (let by = 0; by < frequency.blocksHigh; by++) {
    for (let bx = 0; bx < frequency.blocksWide; bx++) {
      const x = Math.min(w - 1, bx * frequency.block + (frequency.block >> 1));
      const y = Math.min(h - 1, by * frequency.block + (frequency.block >> 1));
      if (!segmentation.mask[y * w + x]) continue;
      inMask++;
      measured += frequency.measured[by * frequency.blocksWide + bx];
    }
  }
  const periodic = inMask > 0 ? 0.5 + 0.5 * (measured / inMask) : 0.5;
  const area = Math.min(1, Math.sqrt(segmentation.area / QUALITY_FULL_AREA_PX));
  return Math.round(100 * (flow / blocks) * periodic * area);
}
