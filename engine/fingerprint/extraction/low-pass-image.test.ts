import { describe, expect, it } from 'vitest';
import { extractFingerprint } from '../extractor.js';
import type { GrayImage } from '../gray-image.js';
import { collectingSink } from '../stage-sink.js';
import { gaussianWeights, lowPassImage } from './low-pass-image.js';
import { dislocation, withNoise } from './synthetic-prints.js';

function image(width: number, height: number, f: (x: number, y: number) => number): GrayImage {
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels[y * width + x] = f(x, y);
  return { width, height, pixels, ppi: 500 };
}

describe('gaussianWeights', () => {
  it('is a normalised sampled Gaussian out to ⌈3σ⌉ with variance σ² (σ ≥ 0.9)', () => {
    for (const sigma of [0.5, 0.7, 0.9, 1.2, 2]) {
      const w = gaussianWeights(sigma);
      expect(w.length).toBe(Math.ceil(3 * sigma) + 1);
      const sum = w.reduce((s, v, k) => s + (k === 0 ? v : 2 * v), 0);
      expect(sum).toBeCloseTo(1, 12);
      for (let k = 1; k < w.length; k++) expect(w[k] / w[0]).toBeCloseTo(Math.exp(-(k * k) / (2 * sigma * sigma)), 12);
      if (sigma >= 0.9) {
        const variance = w.reduce((s, v, k) => s + 2 * v * k * k, 0);
        expect(Math.abs(variance - sigma * sigma) / (sigma * sigma)).toBeLessThan(0.03);
      }
    }
    expect([...gaussianWeights(0)]).toEqual([1]);
  });
});

describe('lowPassImage', () => {
  it('is the identity at σ 0: the very same image', () => {
    const img = withNoise(image(40, 30, () => 128), 60, 3);
    expect(lowPassImage(img, 0)).toBe(img);
  });

  it('leaves a flat image flat, including at its borders', () => {
    const flat = image(23, 17, () => 77);
    for (const sigma of [0.5, 1.2, 3]) expect([...lowPassImage(flat, sigma).pixels].every((v) => v === 77)).toBe(true);
  });

  it('spreads a point as the product of two sampled Gaussians', () => {
    const sigma = 1.2;
    const w = gaussianWeights(sigma);
    const r = w.length - 1;
    const out = lowPassImage(image(21, 21, (x, y) => (x === 10 && y === 10 ? 250 : 0)), sigma);
    for (let y = 0; y < 21; y++) {
      for (let x = 0; x < 21; x++) {
        const dx = Math.abs(x - 10), dy = Math.abs(y - 10);
        const expected = dx > r || dy > r ? 0 : 250 * w[dx] * w[dy];
        expect(Math.abs(out.pixels[y * 21 + x] - expected)).toBeLessThanOrEqual(0.5 + 1e-4);
      }
    }
    expect(out.pixels[10 * 21 + 10]).toBe(Math.round(250 * w[0] * w[0]));
  });

  it('damps a ridge-like grating by the Gaussian transfer exp(−2π²σ²/P²)', () => {
    // Vertical stripes of period P: away from the left and right borders each column's amplitude
    // is multiplied by the filter's frequency response at 1/P (rows are constant, so the vertical
    // pass leaves them alone).
    for (const [sigma, period] of [[0.9, 9], [1.2, 6], [0.7, 4.5]] as const) {
      const amplitude = 100;
      const img = image(120, 8, (x) => 128 + amplitude * Math.cos((2 * Math.PI * x) / period));
      const out = lowPassImage(img, sigma);
      // The discrete filter's exact response, and the continuous Gaussian's.
      const w = gaussianWeights(sigma);
      const discrete = w.reduce((s, v, k) => s + (k === 0 ? v : 2 * v * Math.cos((2 * Math.PI * k) / period)), 0);
      const continuous = Math.exp((-2 * Math.PI * Math.PI * sigma * sigma) / (period * period));
      expect(Math.abs(discrete - continuous)).toBeLessThan(0.01);
      for (let x = 10; x < 110; x++) {
        const inRow = img.pixels[4 * 120 + x] - 128;
        const expected = 128 + discrete * inRow;
        // The input was rounded to 8 bits before filtering (±0.5 × the kernel's sum) and the output after.
        expect(Math.abs(out.pixels[4 * 120 + x] - expected)).toBeLessThanOrEqual(1);
      }
      // The amplitude falls as predicted, within one gray level.
      let max = 0;
      for (let x = 10; x < 110; x++) max = Math.max(max, Math.abs(out.pixels[4 * 120 + x] - 128));
      expect(Math.abs(max - amplitude * discrete)).toBeLessThanOrEqual(1.5);
    }
  });

  it('repeats the border pixel beyond the edge', () => {
    // A step at x = 2: with the left column repeated, column 0 sees mostly dark.
    const out = lowPassImage(image(12, 5, (x) => (x < 2 ? 0 : 200)), 0.9);
    const w = gaussianWeights(0.9);
    let expected = 0;
    for (let k = -3; k <= 3; k++) expected += (Math.max(0, k) >= 2 ? 200 : 0) * w[Math.abs(k)];
    expect(Math.abs(out.pixels[2 * 12] - expected)).toBeLessThanOrEqual(0.5 + 1e-4);
    expect(out.pixels[2 * 12 + 11]).toBe(200);
  });
});

describe('the pre-filter in the extractor', () => {
  const print = { ...withNoise(dislocation(200, 180, 100, 90, 9), 30, 5), ppi: 500 };

  it('σ 0 given as tuning extracts exactly as today, with no extra stage', async () => {
    const plain = collectingSink();
    const tuned = collectingSink();
    const a = await extractFingerprint(print, { sink: plain.sink });
    const b = await extractFingerprint(print, { sink: tuned.sink, tuning: { prefilter: { sigma: 0 } } });
    expect(b).toEqual(a);
    expect(Object.keys(tuned.outputs)).toEqual(Object.keys(plain.outputs));
    expect(tuned.outputs['low-pass-image']).toBeUndefined();
  });

  it('at σ > 0 hands the filtered image to the sink and the stages read it', async () => {
    const all = collectingSink();
    const enhancementOnly = collectingSink();
    await extractFingerprint(print, { sink: all.sink, tuning: { prefilter: { sigma: 1.2 } } });
    await extractFingerprint(print, { sink: enhancementOnly.sink, tuning: { prefilter: { sigma: 1.2, enhancementOnly: true } } });
    const filtered = all.outputs['low-pass-image']!;
    expect(filtered.pixels).toEqual(lowPassImage(print, 1.2).pixels);
    // The orientation field reads the filtered image in the primary form, the original in the alternate.
    const plain = collectingSink();
    await extractFingerprint(print, { sink: plain.sink });
    expect(enhancementOnly.outputs['orientation-field']!.angle).toEqual(plain.outputs['orientation-field']!.angle);
    expect(all.outputs['orientation-field']!.angle).not.toEqual(plain.outputs['orientation-field']!.angle);
    expect(enhancementOnly.outputs['enhanced-image']!.data).not.toEqual(plain.outputs['enhanced-image']!.data);
  });
});
