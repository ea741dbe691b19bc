import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../gray-image.js';
import { flexionCrease } from './flexion-crease.js';
import { orientationField } from './orientation-field.js';
import { segmentationMask } from './segmentation-mask.js';

/**
 * A plain impression pressed high: a finger (an upright rounded rectangle on a light platen) with
 * oblique ridges (period 9 px) above and the middle phalanx's horizontal ridges below; with
 * `crease`, a light band 16 px thick across the whole finger between them at rows 260–275.
 */
function pressedHigh(crease: boolean, flip = false): GrayImage {
  const width = 240, height = 360, period = 9;
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const yy = flip ? height - 1 - y : y;
      // The finger: x in 30..210, y in 20..350, the top corners rounded (radius 60).
      const cx = Math.min(Math.max(x, 90), 150), cy = Math.max(yy, 80);
      const inside = x >= 30 && x < 210 && yy >= 20 && yy < 350 && Math.hypot(x - cx, yy - cy) <= 60;
      let v = 220;
      if (inside) {
        const phase = yy < 268 ? (x * Math.sin(0.5) + yy * Math.cos(0.5)) / period : yy / period;
        v = Math.round(130 + 90 * Math.cos(2 * Math.PI * phase));
        if (crease && yy >= 260 && yy < 276) v = 215;
      }
      // A little deterministic texture so that flat areas are not exactly flat.
      pixels[y * width + x] = Math.max(0, Math.min(255, v + (((x * 7 + y * 13) % 5) - 2)));
    }
  }
  return { width, height, pixels, ppi: 500 };
}

/** Byte-for-byte equality of two typed arrays. */
function same(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

function maskRows(mask: Uint8Array, width: number, y0: number, y1: number): number {
  let n = 0;
  for (let i = y0 * width; i < y1 * width; i++) n += mask[i];
  return n;
}

describe('flexion crease', () => {
  it('finds the light band across the finger and the mask stops there', () => {
    const image = pressedHigh(true);
    const o = orientationField(image);
    const today = segmentationMask(image, o, { flexionCrease: false });
    // Today's mask runs on past the crease onto the phalanx below.
    expect(maskRows(today.mask, image.width, 290, 340)).toBeGreaterThan(5000);
    const crease = flexionCrease(image.pixels, today.mask, image.width, image.height);
    expect(crease).not.toBeNull();
    expect(Math.abs(crease!.offset - 268)).toBeLessThan(8);
    expect(crease!.thickness).toBeGreaterThanOrEqual(9);
    const cut = segmentationMask(image, o, { flexionCrease: true });
    expect(maskRows(cut.mask, image.width, 268, image.height)).toBe(0);
    // Above the band the mask is today's.
    expect(same(cut.mask.subarray(0, 240 * image.width), today.mask.subarray(0, 240 * image.width))).toBe(true);
    expect(cut.area).toBeLessThan(today.area);
  });

  it('leaves the same finger without a crease untouched', () => {
    const image = pressedHigh(false);
    const o = orientationField(image);
    const today = segmentationMask(image, o, { flexionCrease: false });
    expect(flexionCrease(image.pixels, today.mask, image.width, image.height)).toBeNull();
    const withDetector = segmentationMask(image, o, { flexionCrease: true });
    expect(same(withDetector.mask, today.mask)).toBe(true);
    expect(same(withDetector.borderDistance, today.borderDistance)).toBe(true);
    expect(withDetector.area).toBe(today.area);
  });

  it('does not cut a band with more finger below it than above (the fingertip is up)', () => {
    const image = pressedHigh(true, true);
    const o = orientationField(image);
    const today = segmentationMask(image, o, { flexionCrease: false });
    expect(flexionCrease(image.pixels, today.mask, image.width, image.height)).toBeNull();
    expect(same(segmentationMask(image, o, { flexionCrease: true }).mask, today.mask)).toBe(true);
  });
});
