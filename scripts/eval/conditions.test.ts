import { describe, expect, it } from 'vitest';
import { parallelRidges } from '../../engine/fingerprint/extraction/synthetic-prints.js';
import { CONDITIONS, conditionNamed, seedOf } from './conditions.js';

const ridges = parallelRidges(120, 100, 0.3, 9);
const mean = (p: Uint8Array) => p.reduce((a, b) => a + b, 0) / p.length;
const spread = (p: Uint8Array) => { const m = mean(p); return Math.sqrt(p.reduce((a, b) => a + (b - m) ** 2, 0) / p.length); };

describe('sensor-like conditions', () => {
  it('are deterministic and keep the image well formed', () => {
    for (const c of CONDITIONS) {
      const a = c.apply(ridges, 500, 7), b = c.apply(ridges, 500, 7);
      expect(a.image.pixels, c.name).toEqual(b.image.pixels);
      expect(a.image.pixels.length, c.name).toBe(a.image.width * a.image.height);
    }
  });
  it('resample to the declared resolution, relative to the source\'s own', () => {
    const r = conditionNamed('ppi-250').apply(ridges, 500, 1);
    expect([r.image.width, r.image.height, r.ppi]).toEqual([60, 50, 250]);
    const d = conditionNamed('ppi-1000').apply(ridges, 569, 1); // FVC2002 DB2
    expect(d.ppi).toBe(1000);
    expect(d.image.width).toBe(Math.round((120 * 1000) / 569));
  });
  it('dry thins the dark ridges (lighter), wet thickens them (darker), low contrast squeezes the spread', () => {
    expect(mean(conditionNamed('dry').apply(ridges, 500, 1).image.pixels)).toBeGreaterThan(mean(ridges.pixels) + 10);
    expect(mean(conditionNamed('wet').apply(ridges, 500, 1).image.pixels)).toBeLessThan(mean(ridges.pixels) - 10);
    const wetBlur = conditionNamed('wet-blur').apply(ridges, 500, 1).image.pixels;
    expect(mean(wetBlur)).toBeLessThan(mean(ridges.pixels) - 10);
    expect(spread(wetBlur)).toBeLessThan(spread(ridges.pixels));
    expect(spread(conditionNamed('low-contrast').apply(ridges, 500, 1).image.pixels)).toBeLessThan(0.35 * spread(ridges.pixels));
  });
  it('noise and the backgrounds change the image, differently per seed', () => {
    for (const name of ['noise', 'noisy-background', 'wood-grain', 'woven-fabric', 'surface-noise', 'printed-background', 'ghost-print']) {
      const a = conditionNamed(name).apply(ridges, 500, seedOf('101_1.tif')).image.pixels;
      const b = conditionNamed(name).apply(ridges, 500, seedOf('101_2.tif')).image.pixels;
      expect(a).not.toEqual(ridges.pixels);
      expect(a).not.toEqual(b);
    }
    expect(() => conditionNamed('smudged')).toThrow(/unknown condition/);
  });
  it('gaussian-noise adds σ 12 gray levels, salt-pepper sets 3 % of the pixels to 0 or 255, both per seed', () => {
    const flat = { width: 200, height: 200, pixels: new Uint8Array(200 * 200).fill(128) };
    const g = conditionNamed('gaussian-noise').apply(flat, 500, seedOf('101_1.tif')).image.pixels;
    expect(Math.abs(mean(g) - 128)).toBeLessThan(0.3);
    expect(Math.abs(spread(g) - 12)).toBeLessThan(0.3);
    const sp = conditionNamed('salt-pepper').apply(flat, 500, seedOf('101_1.tif')).image.pixels;
    const black = sp.filter((v) => v === 0).length / sp.length, white = sp.filter((v) => v === 255).length / sp.length;
    expect(Math.abs(black - 0.015)).toBeLessThan(0.002);
    expect(Math.abs(white - 0.015)).toBeLessThan(0.002);
    expect(sp.filter((v) => v !== 0 && v !== 255 && v !== 128).length).toBe(0);
    for (const name of ['gaussian-noise', 'salt-pepper']) {
      expect(conditionNamed(name).apply(flat, 500, seedOf('101_2.tif')).image.pixels, name).not.toEqual(conditionNamed(name).apply(flat, 500, seedOf('101_1.tif')).image.pixels);
    }
  });
});
