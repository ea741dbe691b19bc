import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../gray-image.js';
import { extractFingerprint, type ExtractOptions } from '../extractor.js';
import { acrossRadiusCap, alongRadiusCap, enhancedImage } from './enhanced-image.js';
import { enhanceKernel } from './extraction-simd.js';
import { orientationField } from './orientation-field.js';
import { ENHANCE_MAX_RADIUS, ENHANCE_SIGMA_ACROSS, ENHANCE_SIGMA_ALONG } from './parameters.js';
import { ridgeFrequency } from './ridge-frequency.js';
import { segmentationMask } from './segmentation-mask.js';
import { inDisc, parallelRidges, ridgeLabyrinth, withNoise } from './synthetic-prints.js';

// The Gabor envelopes as study tunings: along the ridges (docs/decisions/enhancement-along-width.md,
// enhance.sigmaAlong) and across them (docs/decisions/enhancement-across-width.md, enhance.sigmaAcross).

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

/** Horizontal ridges of period 9 with a weaker ridge pattern of another period (6 px) added across them. */
function ridgesWithOffPeriod(): GrayImage {
  const image = parallelRidges(200, 200, 0, 9);
  const pixels = Uint8Array.from(image.pixels, (v, i) => {
    const y = Math.floor(i / 200);
    return Math.max(0, Math.min(255, Math.round(v + 35 * Math.cos((2 * Math.PI * y) / 6))));
  });
  return { ...image, pixels };
}

function stages(image: GrayImage) {
  const o = orientationField(image);
  const m = segmentationMask(image, o);
  return { o, m, f: ridgeFrequency(image, o, m) };
}

/** The enhancement with one envelope set (the other at today's width). */
type Envelope = 'along' | 'across';
function enhancedWith(image: GrayImage, s: ReturnType<typeof stages>, kernel: 'auto' | 'javascript', envelope: Envelope, sigma: number): Float32Array {
  return envelope === 'along' ? enhancedImage(image, s.o, s.f, s.m, kernel, sigma).data : enhancedImage(image, s.o, s.f, s.m, kernel, undefined, sigma).data;
}

describe('the enhancement envelope along the ridges (study tuning enhance.sigmaAlong)', () => {
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
});

describe('the enhancement envelope across the ridges (study tuning enhance.sigmaAcross)', () => {
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
});

describe('either envelope as a study tuning', () => {
  const widths: [Envelope, number[]][] = [['along', [0.4, 0.85, 1.1]], ['across', [0.35, 0.55, 0.65]]];

  it('today: the default widths, the caps and the padding are those of parameters.ts', () => {
    // [envelope, its cap, today's width, a narrower width, a wider one, the cap at the wider one]
    const cases: [Envelope, (sigma: number) => number, number, number, number, number][] = [
      ['along', alongRadiusCap, ENHANCE_SIGMA_ALONG, 0.4, 1.1, 24],
      ['across', acrossRadiusCap, ENHANCE_SIGMA_ACROSS, 0.35, 0.65, 17],
    ];
    const image = inDisc(ridgeLabyrinth(150, 150, 4), 70);
    const s = stages(image);
    const byDefault = enhancedImage(image, s.o, s.f, s.m).data;
    for (const [envelope, cap, today, narrower, wider, wideCap] of cases) {
      expect(cap(today)).toBe(ENHANCE_MAX_RADIUS);
      expect(cap(narrower)).toBe(ENHANCE_MAX_RADIUS);
      expect(cap(wider)).toBe(wideCap);
      const explicit = enhancedWith(image, s, 'auto', envelope, today);
      expect(Buffer.from(explicit.buffer).equals(Buffer.from(byDefault.buffer))).toBe(true);
      const name = envelope === 'along' ? /sigmaAlong/ : /sigmaAcross/;
      expect(() => enhancedWith(image, s, 'auto', envelope, 0)).toThrow(name);
      expect(() => enhancedWith(image, s, 'auto', envelope, Number.NaN)).toThrow(name);
    }
  });

  it.skipIf(!enhanceKernel())('WebAssembly SIMD and JavaScript agree bit for bit at other widths (wider padding)', () => {
    for (const image of [inDisc(ridgeLabyrinth(161, 149, 2), 70), withNoise(inDisc(ridgeLabyrinth(97, 203, 3), 45), 60, 3)]) {
      const s = stages(image);
      for (const [envelope, sigmas] of widths) {
        for (const sigma of sigmas) {
          const js = enhancedWith(image, s, 'javascript', envelope, sigma);
          const simd = enhancedWith(image, s, 'auto', envelope, sigma);
          expect(Buffer.from(simd.buffer, simd.byteOffset, simd.byteLength).equals(Buffer.from(js.buffer, js.byteOffset, js.byteLength))).toBe(true);
          expect(js.some((v) => v !== 0)).toBe(true);
        }
      }
    }
  });

  it('through the extractor: unset is today, and a different width changes the template', async () => {
    const print = { ...withNoise(inDisc(ridgeLabyrinth(240, 240, 9), 110), 40, 5), ppi: 500 };
    const free = await extractFingerprint(print);
    const cases: [NonNullable<ExtractOptions['tuning']>['enhance'], NonNullable<ExtractOptions['tuning']>['enhance']][] = [
      [{ sigmaAlong: ENHANCE_SIGMA_ALONG }, { sigmaAlong: 1.0 }],
      [{ sigmaAcross: ENHANCE_SIGMA_ACROSS }, { sigmaAcross: 0.65 }],
    ];
    for (const [today, other] of cases) {
      const same = await extractFingerprint(print, { tuning: { enhance: today } });
      expect(same.template).toEqual(free.template);
      const changed = await extractFingerprint(print, { tuning: { enhance: other } });
      expect(changed.template.minutiae).not.toEqual(free.template.minutiae);
    }
  });
});
