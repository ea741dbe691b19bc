import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../gray-image.js';
import { binarizedImage } from './binarized-image.js';
import { enhancedImage } from './enhanced-image.js';
import { imageQuality } from './image-quality.js';
import { orientationField } from './orientation-field.js';
import { periodAt, ridgeFrequency } from './ridge-frequency.js';
import { segmentationMask } from './segmentation-mask.js';
import { singularPoints } from './singular-points.js';
import { inDisc, parallelRidges, withNoise } from './synthetic-prints.js';
import { thinnedSkeleton } from './thinned-skeleton.js';

function angleDiffMod(a: number, b: number, mod: number): number {
  const d = Math.abs(a - b) % mod;
  return Math.min(d, mod - d);
}

function pipeline(img: GrayImage) {
  const o = orientationField(img);
  const m = segmentationMask(img, o);
  const f = ridgeFrequency(img, o, m);
  const e = enhancedImage(img, o, f, m);
  const b = binarizedImage(e, m);
  return { o, m, f, e, b };
}

describe('orientation field', () => {
  for (const deg of [0, 30, 75, 90, 135, 160]) {
    it(`finds ridges running at ${deg}° with high coherence`, () => {
      const t = (deg * Math.PI) / 180;
      const o = orientationField(parallelRidges(96, 96, t, 9));
      const i = 48 * 96 + 48;
      expect(angleDiffMod(o.angle[i], t, Math.PI)).toBeLessThan((3 * Math.PI) / 180);
      expect(o.coherence[i]).toBeGreaterThan(0.9);
    });
  }
  it('gives low coherence on noise', () => {
    const o = orientationField(withNoise({ width: 64, height: 64, pixels: new Uint8Array(64 * 64).fill(128) }, 100));
    expect(o.coherence[32 * 64 + 32]).toBeLessThan(0.3);
  });
});

describe('segmentation mask', () => {
  it('covers the ridge disc and not the flat background', () => {
    const img = inDisc(withNoise(parallelRidges(160, 160, 0.4, 9), 10), 60);
    const { m } = pipeline(img);
    expect(m.mask[80 * 160 + 80]).toBe(1);
    expect(m.mask[5 * 160 + 5]).toBe(0);
    expect(m.mask[155 * 160 + 155]).toBe(0);
    const disc = Math.PI * 60 * 60;
    expect(m.area).toBeGreaterThan(0.6 * disc);
    expect(m.area).toBeLessThan(1.3 * disc); // the block decision reaches a few px past the ridges
    expect(m.borderDistance[80 * 160 + 80]).toBeGreaterThan(40);
  });
});

describe('ridge frequency', () => {
  for (const period of [6, 8, 9, 11, 13]) {
    it(`measures a ${period} px period`, () => {
      const img = withNoise(parallelRidges(128, 128, 1.1, period), 20);
      const { f } = pipeline(img);
      expect(Math.abs(periodAt(f, 64, 64) - period)).toBeLessThan(0.6);
    });
  }
});

describe('enhancement and binarisation', () => {
  it('recovers ridges from heavy noise', () => {
    const clean = parallelRidges(128, 128, 0.7, 9);
    const { b, m } = pipeline(withNoise(clean, 120, 7));
    let agree = 0, total = 0;
    for (let y = 20; y < 108; y++) for (let x = 20; x < 108; x++) {
      const i = y * 128 + x;
      if (!m.mask[i]) continue;
      total++;
      if (b.ridge[i] === (clean.pixels[i] < 128 ? 1 : 0)) agree++;
    }
    expect(total).toBeGreaterThan(5000);
    expect(agree / total).toBeGreaterThan(0.9);
  });
  it('outputs ridges where the image is dark (negative response)', () => {
    const clean = parallelRidges(96, 96, 0, 10);
    const { e } = pipeline(clean);
    const ridgeRow = 50 * 96 + 48; // cos(2π·5) = 1 → light: valley at y = 50
    const valleyRow = 45 * 96 + 48; // cos(2π·4.5) = −1 → dark ridge
    expect(e.data[ridgeRow]).toBeGreaterThan(0);
    expect(e.data[valleyRow]).toBeLessThan(0);
  });
});

describe('thinned skeleton', () => {
  it('thins bars to one pixel whose interior pixels have exactly two neighbours', () => {
    const w = 64, h = 64;
    const ridge = new Uint8Array(w * h);
    for (let y = 20; y < 27; y++) for (let x = 8; x < 56; x++) ridge[y * w + x] = 1; // horizontal bar
    for (let k = 0; k < 40; k++) for (let d = -3; d <= 3; d++) ridge[(30 + k >> 0) * w + 10 + k + d] = 1; // diagonal bar
    const { skeleton } = thinnedSkeleton({ width: w, height: h, ridge });
    let pixels = 0, ends = 0, bad = 0;
    for (let y = 1; y < h - 1; y++) for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      if (!skeleton[i]) continue;
      pixels++;
      let n = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) if ((dx || dy) && skeleton[i + dy * w + dx]) n++;
      if (n === 1) ends++;
      else if (n !== 2) bad++;
    }
    expect(pixels).toBeGreaterThan(60);
    expect(ends).toBe(4);
    expect(bad).toBe(0);
  });
});

describe('singular points', () => {
  function field(kind: 1 | -1) {
    const w = 160, h = 160;
    const angle = new Float32Array(w * h);
    const coherence = new Float32Array(w * h).fill(1);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
      let t = (kind * Math.atan2(y - 80, x - 80)) / 2;
      t = ((t % Math.PI) + Math.PI) % Math.PI;
      angle[y * w + x] = t;
    }
    const mask = new Uint8Array(w * h).fill(1);
    const borderDistance = new Float32Array(w * h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) borderDistance[y * w + x] = Math.min(x, y, w - 1 - x, h - 1 - y);
    return { o: { width: w, height: h, angle, coherence }, m: { width: w, height: h, mask, borderDistance, area: w * h } };
  }
  it('finds one core at a +½ Poincaré index', () => {
    const { o, m } = field(1);
    const sp = singularPoints(o, m);
    expect(sp).toHaveLength(1);
    expect(sp[0].type).toBe('core');
    expect(Math.hypot(sp[0].x - 80, sp[0].y - 80)).toBeLessThan(10);
  });
  it('finds one delta at a −½ Poincaré index', () => {
    const { o, m } = field(-1);
    const sp = singularPoints(o, m);
    expect(sp).toHaveLength(1);
    expect(sp[0].type).toBe('delta');
  });
  it('finds none in parallel ridges', () => {
    const img = parallelRidges(128, 128, 0.3, 9);
    const o = orientationField(img);
    expect(singularPoints(o, segmentationMask(img, o))).toHaveLength(0);
  });
});

describe('image quality', () => {
  it('scores a clean print above a noisy one, within 0–100', () => {
    const clean = pipeline(inDisc(parallelRidges(200, 200, 0.5, 9), 95));
    const noisy = pipeline(inDisc(withNoise(parallelRidges(200, 200, 0.5, 9, 40), 120, 3), 95));
    const q1 = imageQuality(clean.o, clean.f, clean.m);
    const q2 = imageQuality(noisy.o, noisy.f, noisy.m);
    expect(q1).toBeGreaterThan(q2);
    expect(q1).toBeLessThanOrEqual(100);
    expect(q2).toBeGreaterThanOrEqual(0);
  });
});
