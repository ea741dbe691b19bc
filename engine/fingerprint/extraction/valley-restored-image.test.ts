import { describe, expect, it } from 'vitest';
import { extractFingerprint } from '../extractor.js';
import type { GrayImage } from '../gray-image.js';
import { dislocation, parallelRidges } from './synthetic-prints.js';
import { ridgeShare, valleyRestoredImage } from './valley-restored-image.js';

/** Horizontal two-level ridges: period 9 px, the first `ridgeWidth` rows of each period dark. */
function squareRidges(ridgeWidth: number, width = 60, height = 63): GrayImage {
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels[y * width + x] = y % 9 < ridgeWidth ? 40 : 220;
  return { width, height, pixels, ppi: 500 };
}

const at = (img: GrayImage, x: number, y: number): number => img.pixels[y * img.width + x];

describe('valleyRestoredImage', () => {
  it('measures the ridge share of the period (a 9×9 window over a 9 px period)', () => {
    for (const rw of [3, 5, 7]) {
      const s = ridgeShare(squareRidges(rw), 4);
      expect(s[30 * 60 + 30]).toBeCloseTo(rw / 9, 5);
    }
  });

  it('returns the image itself when off, and where no ridge fills more than the threshold', () => {
    const balanced = squareRidges(5); // share 5/9 ≈ 0.56
    expect(valleyRestoredImage(balanced, 0)).toBe(balanced);
    expect(valleyRestoredImage(balanced, 0.6)).toBe(balanced);
  });

  it('widens narrowed valleys by one pixel each side where the ridges fill the period', () => {
    const wet = squareRidges(7); // valleys 2 px (rows 7, 8 of each period), share 0.78
    const out = valleyRestoredImage(wet, 0.6);
    expect(out).not.toBe(wet);
    expect(wet.pixels).toEqual(squareRidges(7).pixels); // input untouched
    // Inside the image (away from the edge rows): rows 6 and 9 (= 0 of the next period) become valley.
    // The period from row 27: ridge rows 27–33, valley 34–35 → ridge 28–32, valley 33–36.
    for (const y of [28, 29, 30, 31, 32]) expect(at(out, 30, y), `row ${y}`).toBe(40); // ridge core stays dark
    for (const y of [33, 34, 35, 36]) expect(at(out, 30, y), `row ${y}`).toBe(220);
    expect(ridgeShare(out, 4)[30 * 60 + 30]).toBeCloseTo(5 / 9, 5);
  });

  it('leaves even ridges (a sinusoid) untouched, but for the outer window (edges replicated)', () => {
    const print = parallelRidges(160, 160, 0.3, 9);
    const out = valleyRestoredImage(print, 0.6);
    for (let y = 5; y < 155; y++) for (let x = 5; x < 155; x++) expect(at(out, x, y)).toBe(at(print, x, y));
  });

  it('fires near a minutia even on even ridges: the window there holds more ridge than valley', () => {
    const print = dislocation(160, 160, 80, 80, 9);
    const out = valleyRestoredImage(print, 0.6);
    let inner = 0;
    for (let y = 5; y < 155; y++) for (let x = 5; x < 155; x++) if (at(out, x, y) !== at(print, x, y)) inner++;
    expect(inner).toBeGreaterThan(0);
  });

  it('is off in service: extraction without tuning is as with the share 0', async () => {
    const print = dislocation(160, 160, 80, 80, 9);
    expect((await extractFingerprint(print)).template).toEqual((await extractFingerprint(print, { tuning: { valleys: { ridgeShare: 0 } } })).template);
  });
});
