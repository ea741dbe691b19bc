import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../gray-image.js';
import { extractFingerprint } from '../extractor.js';
import { acrossRadiusCap, enhancedImage } from './enhanced-image.js';
import { enhanceKernel } from './extraction-simd.js';
import { orientationField } from './orientation-field.js';
import { ENHANCE_MAX_RADIUS, ENHANCE_SIGMA_ACROSS } from './parameters.js';
import { ridgeFrequency } from './ridge-frequency.js';
import { segmentationMask } from './segmentation-mask.js';
import { inDisc, parallelRidges, ridgeLabyrinth, withNoise } from './synthetic-prints.js';

// docs/decisions/enhancement-across-width.md: the Gabor band-pass envelope across the ridges as a study tuning.

function stages(image: GrayImage) {
  const o = orientationField(image);
  const m = segmentationMask(image, o);
  return { o, m, f: ridgeFrequency(image, o, m) };
}

/** Horizontal ridges of period 9 with a weaker ridge pattern of another period (6 px) added across them. */
function ridgesWithOffPeriod(): GrayImage {
  const image = parallelRidges(200, 200, 0, 9);
  const pixels = Uint8Array.from(image.pixels, (v, i) => {
    const y = Math.floor(i / 200);
    return Math.max(0, Math.min(255, Math.round(v + 35 * Math.cos((2 * Math.PI * y) / 6))));
  });
  return { ...image, pixels };
}

describe('the enhancement envelope across the ridges (study tuning enhance.sigmaAcross)', () => {
  it('today: the default width, the cap and the padding are those of parameters.ts', () => {
    expect(acrossRadiusCap(ENHANCE_SIGMA_ACROSS)).toBe(ENHANCE_MAX_RADIUS);
    expect(acrossRadiusCap(0.35)).toBe(ENHANCE_MAX_RADIUS);
    expect(acrossRadiusCap(0.65)).toBe(17);
    const image = inDisc(ridgeLabyrinth(150, 150, 4), 70);
    const { o, m, f } = stages(image);
    const byDefault = enhancedImage(image, o, f, m).data;
    const explicit = enhancedImage(image, o, f, m, 'auto', undefined, ENHANCE_SIGMA_ACROSS).data;
    expect(Buffer.from(explicit.buffer).equals(Buffer.from(byDefault.buffer))).toBe(true);
    expect(() => enhancedImage(image, o, f, m, 'auto', undefined, 0)).toThrow(/sigmaAcross/);
    expect(() => enhancedImage(image, o, f, m, 'auto', undefined, Number.NaN)).toThrow(/sigmaAcross/);
  });

  it('a wider envelope passes less of a pattern off the ridge period: the response follows the 9 px ridges more closely', () => {
    const image = ridgesWithOffPeriod();
    const { o, m, f } = stages(image);
    // Correlation of the response with the clean 9 px ridge profile (ridges < 0) over the central rows.
    const fit = (sigma: number): number => {
      const e = enhancedImage(image, o, f, m, 'javascript', undefined, sigma).data;
      let sxy = 0, sxx = 0, syy = 0;
      for (let y = 50; y < 150; y++) {
        const c = Math.cos((2 * Math.PI * y) / 9);
        for (let x = 50; x < 150; x++) { const v = e[y * 200 + x]; sxy += v * c; sxx += v * v; syy += c * c; }
      }
      return sxy / Math.sqrt(sxx * syy);
    };
    const narrow = Math.abs(fit(0.3)), today = Math.abs(fit(ENHANCE_SIGMA_ACROSS)), wide = Math.abs(fit(0.65));
    expect(today).toBeGreaterThan(narrow);
    expect(wide).toBeGreaterThan(today);
  });

  it.skipIf(!enhanceKernel())('WebAssembly SIMD and JavaScript agree bit for bit at a wider envelope (wider padding)', () => {
    for (const image of [inDisc(ridgeLabyrinth(161, 149, 2), 70), withNoise(inDisc(ridgeLabyrinth(97, 203, 3), 45), 60, 3)]) {
      const { o, m, f } = stages(image);
      for (const sigma of [0.35, 0.55, 0.65]) {
        const js = enhancedImage(image, o, f, m, 'javascript', undefined, sigma).data;
        const simd = enhancedImage(image, o, f, m, 'auto', undefined, sigma).data;
        expect(Buffer.from(simd.buffer, simd.byteOffset, simd.byteLength).equals(Buffer.from(js.buffer, js.byteOffset, js.byteLength))).toBe(true);
        expect(js.some((v) => v !== 0)).toBe(true);
      }
    }
  });

  it('through the extractor: unset is today, and a different width changes the template', async () => {
    const print = { ...withNoise(inDisc(ridgeLabyrinth(240, 240, 9), 110), 40, 5), ppi: 500 };
    const free = await extractFingerprint(print);
    const same = await extractFingerprint(print, { tuning: { enhance: { sigmaAcross: ENHANCE_SIGMA_ACROSS } } });
    expect(same.template).toEqual(free.template);
    const wide = await extractFingerprint(print, { tuning: { enhance: { sigmaAcross: 0.65 } } });
    expect(wide.template.minutiae).not.toEqual(free.template.minutiae);
  });
});
