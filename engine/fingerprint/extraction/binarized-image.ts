/**
 * Ridges (1) and valleys (0): the sign of the contextual filter's response (its DC response is
 * zero, so no threshold is needed; Hong, Wan & Jain 1998 §2.4). Outside the mask is 0. Isolated
 * single-pixel noise is then flipped by a 3×3 majority, so thinning does not sprout spurs from it.
 */
import type { EnhancedImage } from './enhanced-image.js';
import { binarizeKernel } from './extraction-simd.js';
import type { SegmentationMask } from './segmentation-mask.js';

export interface BinarizedImage {
  width: number;
  height: number;
  /** 1 = ridge pixel. */
  ridge: Uint8Array;
}

/**
 * `kernel`: 'auto' runs in WebAssembly SIMD where available (extraction-simd.ts: the same bytes,
 * sixteen pixels at a time), 'javascript' always here (the reference, for the test).
 */
export function binarizedImage(enhanced: EnhancedImage, segmentation: SegmentationMask, kernel: 'auto' | 'javascript' = 'auto'): BinarizedImage {
  const { width: w, height: h, data } = enhanced;
  const simd = kernel === 'auto' ? binarizeKernel() : null;
  if (simd) return { width: w, height: h, ridge: simd.run(data, segmentation.mask, w, h) };
  const raw = new Uint8Array(w * h);
  const mask = segmentation.mask;
  for (let i = 0; i < raw.length; i++) raw[i] = mask[i] && data[i] < 0 ? 1 : 0;
  const ridge = new Uint8Array(w * h);
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      if (!mask[i]) continue;
      const s =
        raw[i - w - 1] + raw[i - w] + raw[i - w + 1] + raw[i - 1] + raw[i + 1] + raw[i + w - 1] + raw[i + w] + raw[i + w + 1];
      ridge[i] = s >= 6 ? 1 : s <= 2 ? 0 : raw[i];
    }
  }
  return { width: w, height: h, ridge };
}
