import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../gray-image.js';
import { extractFingerprint } from '../extractor.js';
import { orientationField, type OrientationScales } from './orientation-field.js';
import { parallelRidges, withNoise } from './synthetic-prints.js';

// docs/decisions/orientation-multiscale.md: the covariance window from several widths, a study tuning.

/** Concentric ridges (period 9) around the image centre: the true ridge direction is the tangent. */
function concentric(size: number): GrayImage {
  const pixels = new Uint8Array(size * size);
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) pixels[y * size + x] = Math.round(128 + 100 * Math.cos((2 * Math.PI * Math.hypot(x - c, y - c)) / 9));
  return { width: size, height: size, pixels, ppi: 500 };
}

/** Mean angle error (degrees, modulo 180°) against the tangent, over pixels at radius lo–hi from the centre. */
function tangentError(field: { angle: Float32Array }, size: number, lo: number, hi: number): number {
  const c = (size - 1) / 2;
  let sum = 0, n = 0;
  for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) {
    const d = Math.hypot(x - c, y - c);
    if (d < lo || d > hi) continue;
    const truth = Math.atan2(y - c, x - c) + Math.PI / 2;
    let e = Math.abs(field.angle[y * size + x]! - truth) % Math.PI;
    if (e > Math.PI / 2) e = Math.PI - e;
    sum += e; n++;
  }
  return (180 / Math.PI) * (sum / n);
}

const SMALL_FIRST: OrientationScales = { windows: [9, 5, 7], combine: 'best' };

describe('multi-scale orientation window (study tuning orientation.scales)', () => {
  it('unset is today; with today\'s window alone the field is today\'s angle and coherence', () => {
    const image = withNoise(concentric(120), 40, 2);
    const today = orientationField(image);
    const alone = orientationField(image, 'auto', { windows: [9], combine: 'best' });
    expect(Buffer.from(alone.coherence.buffer).equals(Buffer.from(today.coherence.buffer))).toBe(true);
    expect(Buffer.from(alone.angle.buffer).equals(Buffer.from(today.angle.buffer))).toBe(true);
    const weighted = orientationField(image, 'auto', { windows: [9], combine: 'weighted' });
    // One window weighted by its own coherence²: the same vector up to float rounding.
    let worst = 0;
    for (let i = 0; i < today.angle.length; i++) {
      const d = Math.abs(weighted.angle[i]! - today.angle[i]!);
      worst = Math.max(worst, Math.min(d, Math.PI - d));
    }
    expect(worst).toBeLessThan(1e-4);
  });

  it('the coherence stays today\'s window\'s whatever the scales (segmentation and quality read it)', () => {
    const image = withNoise(concentric(120), 40, 3);
    const today = orientationField(image);
    for (const scales of [SMALL_FIRST, { windows: [5, 13], combine: 'weighted' as const }]) {
      const f = orientationField(image, 'auto', scales);
      expect(Buffer.from(f.coherence.buffer).equals(Buffer.from(today.coherence.buffer))).toBe(true);
    }
  });

  it('near a core of tight curvature a smaller window, chosen by its coherence, follows the ridges better', () => {
    const size = 120;
    const image = concentric(size);
    const today = tangentError(orientationField(image), size, 6, 18);
    const best = tangentError(orientationField(image, 'auto', SMALL_FIRST), size, 6, 18);
    expect(best).toBeLessThan(today);
    // Far from the centre, on nearly straight ridges, it changes little.
    const farToday = tangentError(orientationField(image), size, 35, 50);
    const farBest = tangentError(orientationField(image, 'auto', SMALL_FIRST), size, 35, 50);
    expect(Math.abs(farBest - farToday)).toBeLessThan(1);
  });

  it('rejects an empty list of windows; through the extractor a variant changes the field', async () => {
    const image = parallelRidges(64, 64, 0.3, 9);
    expect(() => orientationField(image, 'auto', { windows: [], combine: 'best' })).toThrow(/window/);
    const print = { ...withNoise(concentric(200), 50, 4), ppi: 500 };
    let a: Float32Array | undefined, b: Float32Array | undefined;
    await extractFingerprint(print, { sink: (stage, out) => { if (stage === 'orientation-field') a = (out as { angle: Float32Array }).angle; } });
    await extractFingerprint(print, { tuning: { orientation: SMALL_FIRST }, sink: (stage, out) => { if (stage === 'orientation-field') b = (out as { angle: Float32Array }).angle; } });
    expect(a && b && Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(false);
  });
});
