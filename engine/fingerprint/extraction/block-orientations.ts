/**
 * The template's compact orientation field: the ridge direction of every ORIENTATION_BLOCK block
 * of the finger, one byte each, for the matcher's second, non-minutiae cue (orientation agreement
 * over the aligned overlap, matching/orientation-agreement.ts). Each block's direction is the
 * coherence-weighted doubled-angle mean of the orientation field over its finger pixels (Bazen &
 * Gerez 2002 §2: directions average as doubled angles); a block is finger when most of its pixels
 * are.
 */
import type { BlockOrientations } from '../template.js';
import type { OrientationField } from './orientation-field.js';
import { ORIENTATION_BLOCK, ORIENTATION_BLOCK_STRIDE } from './parameters.js';
import type { SegmentationMask } from './segmentation-mask.js';

/** Byte of a background block; finger blocks hold whole degrees 0–179. */
export const BACKGROUND_BLOCK = 255;

export function blockOrientations(orientation: OrientationField, segmentation: SegmentationMask): BlockOrientations {
  const { width: w, height: h, angle, coherence } = orientation;
  const B = ORIENTATION_BLOCK;
  const S = ORIENTATION_BLOCK_STRIDE;
  const blocksWide = Math.ceil(w / B);
  const blocksHigh = Math.ceil(h / B);
  const angles = new Uint8Array(blocksWide * blocksHigh).fill(BACKGROUND_BLOCK);
  for (let by = 0; by < blocksHigh; by++) {
    for (let bx = 0; bx < blocksWide; bx++) {
      let c2 = 0, s2 = 0, finger = 0, all = 0;
      const y1 = Math.min(h, (by + 1) * B), x1 = Math.min(w, (bx + 1) * B);
      for (let y = by * B; y < y1; y += S) {
        for (let x = bx * B, i = y * w + x; x < x1; x += S, i += S) {
          all++;
          if (!segmentation.mask[i]) continue;
          finger++;
          const t = 2 * angle[i];
          c2 += coherence[i] * Math.cos(t);
          s2 += coherence[i] * Math.sin(t);
        }
      }
      if (2 * finger <= all) continue;
      let a = 0.5 * Math.atan2(s2, c2);
      if (a < 0) a += Math.PI;
      angles[by * blocksWide + bx] = Math.round((a * 180) / Math.PI) % 180;
    }
  }
  return { block: B, blocksWide, blocksHigh, angles };
}
