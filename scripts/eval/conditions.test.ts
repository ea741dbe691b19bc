import { describe, expect, it } from 'vitest';
import { parallelRidges } from '../../engine/fingerprint/extraction/synthetic-prints.js';
import { CONDITIONS, conditionNamed, distortedImage, distortionDraw, distortionSource, seedOf, smallSensorWindow, sweepRowMap } from './conditions.js';

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

  describe('sensors of other kinds (never tuned on)', () => {
    // A finger-like image: ridges on a dark oval, light around it, as on an optical sensor.
    const finger = (() => {
      const w = 480, h = 540, pixels = new Uint8Array(w * h);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          const inside = ((x - 240) / 220) ** 2 + ((y - 280) / 250) ** 2 < 1;
          pixels[y * w + x] = inside ? Math.round(90 + 60 * Math.cos((2 * Math.PI * (0.8 * x + 0.6 * y)) / 9)) : 250;
        }
      }
      return { width: w, height: h, pixels, ppi: 500 };
    })();
    const names = ['distortion', 'small-sensor', 'sweep'];
    const seeds = [seedOf('101_1.tif'), seedOf('101_2.tif'), seedOf('102_5.tif'), 7];

    it('are the same bytes for the same seed, and differ between two impressions of a finger', () => {
      for (const name of names) {
        const a = conditionNamed(name).apply(finger, 500, seeds[0]), b = conditionNamed(name).apply(finger, 500, seeds[0]);
        const same = (p: Uint8Array, q: Uint8Array): boolean => Buffer.from(p.buffer, p.byteOffset, p.length).equals(Buffer.from(q.buffer, q.byteOffset, q.length));
        expect(same(a.image.pixels, b.image.pixels), name).toBe(true);
        expect([a.image.width, a.image.height], name).toEqual([b.image.width, b.image.height]);
        expect(a.ppi, name).toBe(500);
        const c = conditionNamed(name).apply(finger, 500, seeds[1]);
        expect(same(c.image.pixels, a.image.pixels), name).toBe(false);
      }
    });

    it('distortion keeps the size, leaves the close-contact disc as it is and moves the skin beyond the band', () => {
      for (const [seed, ppi] of [[seeds[0], 500], [seeds[1], 500], [seeds[2], 569]] as const) {
        const d = distortionDraw(finger, ppi, seed);
        const out = conditionNamed('distortion').apply(finger, ppi, seed).image;
        expect([out.width, out.height]).toEqual([finger.width, finger.height]);
        const unit = ppi / 500;
        expect(d.r).toBeGreaterThanOrEqual(50 * unit); expect(d.r).toBeLessThanOrEqual(80 * unit);
        expect(d.k).toBeGreaterThanOrEqual(60 * unit); expect(d.k).toBeLessThanOrEqual(120 * unit);
        expect(Math.abs(d.theta)).toBeGreaterThanOrEqual((3 * Math.PI) / 180); expect(Math.abs(d.theta)).toBeLessThanOrEqual((8 * Math.PI) / 180);
        expect(Math.hypot(d.dx, d.dy)).toBeGreaterThanOrEqual(8 * unit - 1e-9); expect(Math.hypot(d.dx, d.dy)).toBeLessThanOrEqual(18 * unit + 1e-9);
        // The dark-pixel centroid: the oval's centre (240, 280), near enough.
        expect(Math.hypot(d.cx - 240, d.cy - 280)).toBeLessThan(10);
        let contact = 0, contactSame = 0, far = 0, farSame = 0;
        for (let y = 0; y < out.height; y++) {
          for (let x = 0; x < out.width; x++) {
            const dist = Math.hypot(x - d.cx, y - d.cy), i = y * out.width + x;
            if (dist <= d.r) { contact++; if (out.pixels[i] === finger.pixels[i]) contactSame++; }
            if (dist > d.r + d.k && finger.pixels[i] < 200) { far++; if (out.pixels[i] === finger.pixels[i]) farSame++; }
          }
        }
        expect(contact).toBeGreaterThan(5000);
        expect(contactSame).toBe(contact);
        expect(far).toBeGreaterThan(1000);
        expect(farSame / far).toBeLessThan(0.5); // rigidly moved ridges: most pixels change
      }
    });

    it('distortion\'s inverse mapping: the identity on the disc, the rigid turn and shift beyond the band, between them in the band', () => {
      const d = distortionDraw(finger, 500, seeds[1]);
      expect(distortionSource(d, d.cx + 0.7 * d.r, d.cy)).toEqual([d.cx + 0.7 * d.r, d.cy]);
      const rigid = (x: number, y: number): [number, number] => {
        const u = x - d.cx, v = y - d.cy, c = Math.cos(d.theta), s = Math.sin(d.theta);
        return [d.cx + c * u - s * v + d.dx, d.cy + s * u + c * v + d.dy];
      };
      const far = [d.cx - (d.r + d.k + 5), d.cy] as const;
      const [fx, fy] = distortionSource(d, ...far), [rx, ry] = rigid(...far);
      expect(Math.hypot(fx - rx, fy - ry)).toBeLessThan(1e-9);
      const mid = [d.cx, d.cy + d.r + d.k / 2] as const;
      const [mx, my] = distortionSource(d, ...mid), [qx, qy] = rigid(...mid);
      // Half-way across the band the raised-cosine brake is ½: half the rigid move.
      expect(Math.hypot(mx - (mid[0] + qx) / 2, my - (mid[1] + qy) / 2)).toBeLessThan(1e-9);
      expect(Buffer.from(distortedImage(finger, d).pixels).equals(Buffer.from(conditionNamed('distortion').apply(finger, 500, seeds[1]).image.pixels))).toBe(true);
    });

    it('distortion fills what comes from outside the image with the background level', () => {
      const flat = { width: 200, height: 200, pixels: new Uint8Array(200 * 200).fill(60) };
      flat.pixels.fill(240, 0, 200 * 20); // a light band at the top: 95th percentile 240
      const out = conditionNamed('distortion').apply(flat, 500, seeds[0]).image.pixels;
      expect(out.some((v, i) => v === 240 && i >= 200 * 40)).toBe(true); // corners brought in from outside, filled
    });

    it('small-sensor crops a 62% × 62% window inside the image, around the finger', () => {
      for (const seed of seeds) {
        const win = smallSensorWindow(finger, seed);
        expect([win.width, win.height]).toEqual([Math.round(0.62 * 480), Math.round(0.62 * 540)]);
        expect(win.x).toBeGreaterThanOrEqual(0); expect(win.y).toBeGreaterThanOrEqual(0);
        expect(win.x + win.width).toBeLessThanOrEqual(finger.width); expect(win.y + win.height).toBeLessThanOrEqual(finger.height);
        const out = conditionNamed('small-sensor').apply(finger, 500, seed).image;
        expect([out.width, out.height]).toEqual([win.width, win.height]);
        for (const [x, y] of [[0, 0], [win.width - 1, win.height - 1], [17, 31]]) expect(out.pixels[y * out.width + x]).toBe(finger.pixels[(win.y + y) * finger.width + win.x + x]);
      }
      // A small image: the window still fits.
      const win = smallSensorWindow(ridges, 3);
      expect(win.x + win.width).toBeLessThanOrEqual(ridges.width);
      expect(win.y + win.height).toBeLessThanOrEqual(ridges.height);
    });

    it('sweep keeps the width, resamples rows by a monotone map within the source, and its height follows the speed', () => {
      const heights: number[] = [];
      for (const seed of seeds) {
        for (const ppi of [500, 569]) {
          const map = sweepRowMap(finger.height, ppi, seed);
          expect(map[0]).toBe(0);
          for (let i = 1; i < map.length; i++) expect(map[i]).toBeGreaterThan(map[i - 1]);
          expect(map[map.length - 1]).toBeLessThanOrEqual(finger.height - 1);
          // s0 0.9–1.1 and a ≤ 0.15: each output row steps 1/(1.1·1.15)–1/(0.9·0.85) source rows.
          for (let i = 1; i < map.length; i++) { expect(map[i] - map[i - 1]).toBeGreaterThan(0.78); expect(map[i] - map[i - 1]).toBeLessThan(1.31); }
        }
        const out = conditionNamed('sweep').apply(finger, 500, seed).image;
        const map = sweepRowMap(finger.height, 500, seed);
        expect([out.width, out.height]).toEqual([finger.width, map.length]);
        heights.push(out.height);
      }
      expect(new Set(heights).size).toBeGreaterThan(1);
      // A flat image stays flat: linear interpolation between rows adds nothing.
      const flat = { width: 50, height: 80, pixels: new Uint8Array(50 * 80).fill(77) };
      expect(conditionNamed('sweep').apply(flat, 500, 5).image.pixels.every((v) => v === 77)).toBe(true);
    });
  });
});
