import { describe, expect, it } from 'vitest';
import { dislocation, inDisc, withNoise } from '../fingerprint/extraction/synthetic-prints.js';
import { ridgeSpectrum } from './ridge-spectrum.js';
import { routeStatistics } from './route-statistics.js';

describe('route statistics (study)', () => {
  it('finds little ridge-band energy outside a mask over a mark on plain paper, and most of it outside a mask beside the mark', () => {
    const w = 320, h = 320;
    const spectrum = ridgeSpectrum(withNoise(inDisc(dislocation(w, h, 160, 160, 9), 90), 6, 2));
    const onMark = new Uint8Array(w * h);
    const beside = new Uint8Array(w * h);
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (Math.hypot(x - 160, y - 160) < 100) onMark[y * w + x] = 1;
        if (x < 40 && y < 40) beside[y * w + x] = 1;
      }
    }
    const on = routeStatistics(spectrum, onMark);
    const off = routeStatistics(spectrum, beside);
    expect(on.outsideBand).toBeLessThan(0.1);
    expect(off.outsideBand).toBeGreaterThan(0.9);
    expect(on.outsideRidgeBlocks).toBeLessThan(off.outsideRidgeBlocks);
    for (const v of Object.values(on)) expect(Number.isFinite(v)).toBe(true);
  });
});
