import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../fixtures/seeded-random.js';
import { extractFingerprint } from '../extractor.js';
import type { GrayImage } from '../gray-image.js';
import { collectingSink } from '../stage-sink.js';
import { lowPassImage } from './low-pass-image.js';
import { NOISE_PREFILTER_FLOOR, NOISE_PREFILTER_MAX_SIGMA } from './parameters.js';
import { noisePrefilterSigma, pixelNoise } from './pixel-noise.js';
import { dislocation, parallelRidges } from './synthetic-prints.js';

function image(width: number, height: number, f: (x: number, y: number) => number): GrayImage {
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels[y * width + x] = f(x, y);
  return { width, height, pixels, ppi: 500 };
}

/** The image plus Gaussian noise of σ gray levels (seeded), clamped to 0..255. */
function withGaussian(img: GrayImage, sigma: number, seed: number): GrayImage {
  const rand = mulberry32(seed);
  const pixels = img.pixels.map((v) => Math.max(0, Math.min(255, Math.round(v + sigma * Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand())))));
  return { ...img, pixels };
}

describe('pixelNoise (Immerkær 1996)', () => {
  it('is 0 on a flat image, a planar ramp, and an image too small for the mask', () => {
    expect(pixelNoise(image(64, 64, () => 120))).toBe(0);
    expect(pixelNoise(image(64, 64, (x, y) => 20 + x + 2 * y))).toBe(0);
    expect(pixelNoise(image(2, 50, (x, y) => (x + y) % 2 ? 0 : 255))).toBe(0);
  });

  it('recovers the σ of added Gaussian noise on a flat gray image within 5 %', () => {
    for (const sigma of [3, 6, 12, 23]) {
      const n = pixelNoise(withGaussian(image(300, 300, () => 128), sigma, 7 + sigma));
      expect(Math.abs(n - sigma) / sigma).toBeLessThan(0.05);
    }
  });

  it('sees a ridge pattern of period 9 px at any angle as under 1 gray level, and noise added to it as that noise', () => {
    for (const angle of [0, Math.PI / 8, Math.PI / 4, Math.PI / 3]) {
      const print = parallelRidges(300, 300, angle, 9, 100);
      expect(pixelNoise(print)).toBeLessThan(1);
      const noisy = pixelNoise(withGaussian(print, 12, 3));
      expect(Math.abs(noisy - 12) / 12).toBeLessThan(0.1);
    }
  });
});

describe('noisePrefilterSigma', () => {
  it('is 0 at or below the floor and with slope 0, rises by the slope above it, and stops at the guard', () => {
    expect(noisePrefilterSigma(8, 8, 0.05, 1.5)).toBe(0);
    expect(noisePrefilterSigma(3, 8, 0.05, 1.5)).toBe(0);
    expect(noisePrefilterSigma(30, 8, 0, 1.5)).toBe(0);
    expect(noisePrefilterSigma(24, 8, 0.05, 1.5)).toBeCloseTo(0.8, 12);
    expect(noisePrefilterSigma(100, 8, 0.05, 1.5)).toBe(1.5);
    expect(noisePrefilterSigma(Number.NaN, 8, 0.05, 1.5)).toBe(0);
  });
});

describe('the noise-adaptive pre-filter in the extractor', () => {
  const clean = { ...dislocation(200, 180, 100, 90, 9), ppi: 500 };

  it('leaves a clean synthetic print exactly as with the filter off (σ 0, no extra stage)', async () => {
    expect(pixelNoise(clean)).toBeLessThan(NOISE_PREFILTER_FLOOR);
    const off = collectingSink();
    const on = collectingSink();
    const a = await extractFingerprint(clean, { sink: off.sink });
    const b = await extractFingerprint(clean, { sink: on.sink, tuning: { prefilter: { noiseSlope: 0.07, noiseFloor: NOISE_PREFILTER_FLOOR } } });
    expect(b).toEqual(a);
    expect(Object.keys(on.outputs)).toEqual(Object.keys(off.outputs));
    expect(on.outputs['low-pass-image']).toBeUndefined();
  });

  it('filters a noisy print with the σ its measured noise gives, and the stages read the filtered image', async () => {
    const noisy = { ...withGaussian(clean, 20, 11), ppi: 500 };
    const n = pixelNoise(noisy);
    expect(n).toBeGreaterThan(NOISE_PREFILTER_FLOOR);
    const slope = 0.05;
    const sigma = noisePrefilterSigma(n, NOISE_PREFILTER_FLOOR, slope, NOISE_PREFILTER_MAX_SIGMA);
    expect(sigma).toBeGreaterThan(0.3);
    const on = collectingSink();
    await extractFingerprint(noisy, { sink: on.sink, tuning: { prefilter: { noiseSlope: slope, noiseFloor: NOISE_PREFILTER_FLOOR } } });
    expect(on.outputs['low-pass-image']!.pixels).toEqual(lowPassImage(noisy, sigma).pixels);
    const off = collectingSink();
    await extractFingerprint(noisy, { sink: off.sink });
    expect(off.outputs['low-pass-image']).toBeUndefined();
    expect(on.outputs['orientation-field']!.angle).not.toEqual(off.outputs['orientation-field']!.angle);
  });

  it('a fixed σ under study overrides the adaptive one', async () => {
    const noisy = { ...withGaussian(clean, 20, 11), ppi: 500 };
    const on = collectingSink();
    await extractFingerprint(noisy, { sink: on.sink, tuning: { prefilter: { sigma: 0, noiseSlope: 0.05 } } });
    expect(on.outputs['low-pass-image']).toBeUndefined();
  });
});
