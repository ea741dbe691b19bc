import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../gray-image.js';
import { extractFingerprint } from '../extractor.js';
import { alongRadiusCap, enhancedImage } from './enhanced-image.js';
import { enhanceKernel } from './extraction-simd.js';
import { orientationField } from './orientation-field.js';
import { ENHANCE_MAX_RADIUS, ENHANCE_SIGMA_ALONG } from './parameters.js';
import { ridgeFrequency } from './ridge-frequency.js';
import { segmentationMask } from './segmentation-mask.js';
import { inDisc, parallelRidges, ridgeLabyrinth, withNoise } from './synthetic-prints.js';

// docs/decisions/enhancement-along-width.md: the Gabor envelope along the ridges as a study tuning.

/** Horizontal ridges (period 9) broken like a dry print's: every ridge whitened over `gap` px every 40 px. */
function brokenRidges(gap: number): GrayImage {
  const image = parallelRidges(200, 200, 0, 9);
  const pixels = Uint8Array.from(image.pixels);
  for (let y = 0; y < 200; y++) {
    const ridgeRow = Math.cos((2 * Math.PI * y) / 9) < -0.3;
    if (!ridgeRow) continue;
    const shift = (Math.floor(y / 9) * 17) % 40; // gaps staggered from ridge to ridge
    for (let x = 0; x < 200; x++) if ((x + shift) % 40 < gap) pixels[y * 200 + x] = 228;
  }
  return { ...image, pixels };
}

function stages(image: GrayImage) {
  const o = orientationField(image);
  const m = segmentationMask(image, o);
  return { o, m, f: ridgeFrequency(image, o, m) };
}

describe('the enhancement envelope along the ridges (study tuning enhance.sigmaAlong)', () => {
  it('today: the default width, the cap and the padding are those of parameters.ts', () => {
    expect(alongRadiusCap(ENHANCE_SIGMA_ALONG)).toBe(ENHANCE_MAX_RADIUS);
    expect(alongRadiusCap(0.4)).toBe(ENHANCE_MAX_RADIUS);
    expect(alongRadiusCap(1.1)).toBe(24);
    const image = inDisc(ridgeLabyrinth(150, 150, 4), 70);
    const { o, m, f } = stages(image);
    const byDefault = enhancedImage(image, o, f, m).data;
    const explicit = enhancedImage(image, o, f, m, 'auto', ENHANCE_SIGMA_ALONG).data;
    expect(Buffer.from(explicit.buffer).equals(Buffer.from(byDefault.buffer))).toBe(true);
    expect(() => enhancedImage(image, o, f, m, 'auto', 0)).toThrow(/sigmaAlong/);
    expect(() => enhancedImage(image, o, f, m, 'auto', Number.NaN)).toThrow(/sigmaAlong/);
  });

  it('a wider envelope fills a dry print\'s ridge breaks: the response inside the gaps is darker (more ridge)', () => {
    const image = brokenRidges(7);
    const { o, m, f } = stages(image);
    const gapResponse = (sigma: number): number => {
      const e = enhancedImage(image, o, f, m, 'javascript', sigma).data;
      let sum = 0, n = 0;
      for (let y = 40; y < 160; y++) {
        if (Math.cos((2 * Math.PI * y) / 9) >= -0.9) continue; // the ridge centre rows
        const shift = (Math.floor(y / 9) * 17) % 40;
        for (let x = 40; x < 160; x++) if ((x + shift) % 40 === 3) { sum += e[y * 200 + x]; n++; }
      }
      return sum / n;
    };
    const narrow = gapResponse(0.4), today = gapResponse(ENHANCE_SIGMA_ALONG), wide = gapResponse(1.0);
    expect(today).toBeLessThan(narrow);
    expect(wide).toBeLessThan(today);
  });

  it.skipIf(!enhanceKernel())('WebAssembly SIMD and JavaScript agree bit for bit at a wider envelope (wider padding)', () => {
    for (const image of [inDisc(ridgeLabyrinth(161, 149, 2), 70), withNoise(inDisc(ridgeLabyrinth(97, 203, 3), 45), 60, 3)]) {
      const { o, m, f } = stages(image);
      for (const sigma of [0.4, 0.85, 1.1]) {
        const js = enhancedImage(image, o, f, m, 'javascript', sigma).data;
        const simd = enhancedImage(image, o, f, m, 'auto', sigma).data;
        expect(Buffer.from(simd.buffer, simd.byteOffset, simd.byteLength).equals(Buffer.from(js.buffer, js.byteOffset, js.byteLength))).toBe(true);
        expect(js.some((v) => v !== 0)).toBe(true);
      }
    }
  });

  it('through the extractor: unset is today, and a different width changes the template', async () => {
    const print = { ...withNoise(inDisc(ridgeLabyrinth(240, 240, 9), 110), 40, 5), ppi: 500 };
    const free = await extractFingerprint(print);
    const same = await extractFingerprint(print, { tuning: { enhance: { sigmaAlong: ENHANCE_SIGMA_ALONG } } });
    expect(same.template).toEqual(free.template);
    const wide = await extractFingerprint(print, { tuning: { enhance: { sigmaAlong: 1.0 } } });
    expect(wide.template.minutiae).not.toEqual(free.template.minutiae);
  });
});
