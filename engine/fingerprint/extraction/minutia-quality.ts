/**
 * Per-minutia quality 0–100 (ISO/IEC 19794-2 §6.4.3 leaves the method to the vendor): the ridge
 * clarity about the minutia (see ridgeClarity; CLARITY_LOW → 0, CLARITY_HIGH → 1), times the
 * orientation coherence there (weighted 0.5–1: dotted dry ridges have low raw-image coherence yet
 * real minutiae, so coherence alone must not veto them), times how far it is from the print
 * border (0.5 at the border, 1 from QUALITY_BORDER_PX inwards), times 0.8 where the ridge period
 * had to be interpolated rather than measured. In the spirit of NBIS mindtct's
 * quality from its direction/low-contrast/low-flow maps (Watson et al., NISTIR 7392, §3.5).
 */
import type { GrayImage } from '../gray-image.js';
import type { EnhancedImage } from './enhanced-image.js';
import type { MinutiaCandidate } from './minutiae.js';
import type { OrientationField } from './orientation-field.js';
import { CLARITY_HIGH, CLARITY_MIN_DEVIATION, CLARITY_LOW, CLARITY_RADIUS, QUALITY_BORDER_PX, QUALITY_COHERENCE_HIGH, QUALITY_COHERENCE_LOW } from './parameters.js';
import type { RidgeFrequency } from './ridge-frequency.js';
import type { SegmentationMask } from './segmentation-mask.js';

export function coherenceScore(c: number): number {
  const s = (c - QUALITY_COHERENCE_LOW) / (QUALITY_COHERENCE_HIGH - QUALITY_COHERENCE_LOW);
  return s < 0 ? 0 : s > 1 ? 1 : s;
}

/**
 * Ridge clarity about (x, y): mean |contextual filter response| over the mean absolute deviation
 * of the gray levels, in a (2·CLARITY_RADIUS+1)² window. Where the window holds ridges of the
 * tuned orientation and period — dotted dry ridges included — most of the gray-level variation
 * passes the filter; in noise, scars and smudges little of it does.
 */
export function ridgeClarity(image: GrayImage, enhanced: EnhancedImage, x: number, y: number): number {
  const { width: w, height: h, pixels } = image;
  const r = CLARITY_RADIUS;
  const x0 = Math.max(0, x - r), x1 = Math.min(w - 1, x + r);
  const y0 = Math.max(0, y - r), y1 = Math.min(h - 1, y + r);
  let sum = 0, n = 0, resp = 0;
  for (let yy = y0; yy <= y1; yy++) for (let xx = x0; xx <= x1; xx++) { sum += pixels[yy * w + xx]; n++; }
  const mean = sum / n;
  let dev = 0;
  for (let yy = y0; yy <= y1; yy++) {
    for (let xx = x0; xx <= x1; xx++) {
      const i = yy * w + xx;
      dev += Math.abs(pixels[i] - mean);
      resp += Math.abs(enhanced.data[i]);
    }
  }
  // A flat window (no ridges at all) has no clarity, however small the response.
  return resp / Math.max(dev, n * CLARITY_MIN_DEVIATION);
}

/** The ridge clarity about (x, y) mapped to 0–1 (CLARITY_LOW → 0, CLARITY_HIGH → 1): the quality's clarity factor. */
export function clarityScore(image: GrayImage, enhanced: EnhancedImage, x: number, y: number): number {
  const c = (ridgeClarity(image, enhanced, x, y) - CLARITY_LOW) / (CLARITY_HIGH - CLARITY_LOW);
  return c < 0 ? 0 : c > 1 ? 1 : c;
}

/**
 * Development only (ExtractOptions.tuning, scripts/eval/minutiae-agreement.ts): the weight of the
 * orientation coherence. The service passes none, so the flow factor is 0.5–1 as above.
 */
export interface MinutiaQualityTuning {
  /** The flow factor at zero coherence score (1 = coherence ignored). */
  coherenceFloor: number;
}

export function minutiaQuality(
  minutiae: MinutiaCandidate[],
  image: GrayImage,
  enhanced: EnhancedImage,
  orientation: OrientationField,
  frequency: RidgeFrequency,
  segmentation: SegmentationMask,
  tuning: Partial<MinutiaQualityTuning> = {},
): MinutiaCandidate[] {
  const w = orientation.width;
  const floor = tuning.coherenceFloor ?? 0.5;
  return minutiae.map((m) => {
    const i = m.y * w + m.x;
    const flow = floor + (1 - floor) * coherenceScore(orientation.coherence[i]);
    const clarity = clarityScore(image, enhanced, m.x, m.y);
    const border = 0.5 + 0.5 * Math.min(1, segmentation.borderDistance[i] / QUALITY_BORDER_PX);
    const fb = Math.min(frequency.blocksHigh - 1, (m.y / frequency.block) | 0) * frequency.blocksWide + Math.min(frequency.blocksWide - 1, (m.x / frequency.block) | 0);
    const period = frequency.measured[fb] ? 1 : 0.8;
    return { ...m, quality: Math.round(100 * clarity * flow * border * period) };
  });
}
