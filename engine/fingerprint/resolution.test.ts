import { describe, expect, it } from 'vitest';
import { EngineError, ErrorCode } from '../errors.js';
import { parallelRidges } from './extraction/synthetic-prints.js';
import { toPpi500 } from './resolution.js';

describe('toPpi500', () => {
  const img = { width: 296, height: 560, pixels: new Uint8Array(296 * 560).fill(77) };
  it('refuses an image without a resolution, naming image.ppi', () => {
    try {
      toPpi500(img);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EngineError);
      expect((e as EngineError).code).toBe(ErrorCode.InvalidArgument);
      expect((e as EngineError).field).toBe('image.ppi');
    }
  });
  it('refuses implausible resolutions and inconsistent sizes', () => {
    expect(() => toPpi500(img, 50)).toThrow(EngineError);
    expect(() => toPpi500(img, Number.NaN)).toThrow(EngineError);
    expect(() => toPpi500({ width: 10, height: 10, pixels: new Uint8Array(5) }, 500)).toThrow(EngineError);
  });
  it('passes 500 ppi through and takes the request ppi over the record ppi', () => {
    expect(toPpi500({ ...img, ppi: 500 }).pixels).toBe(img.pixels);
    expect(toPpi500({ ...img, ppi: 1000 }, 500).width).toBe(296);
  });
  it('brings FVC2002 DB2 (569 ppi) to 500 ppi, keeping flat gray flat', () => {
    const out = toPpi500(img, 569);
    expect(out.width).toBe(Math.round((296 * 500) / 569));
    expect(out.height).toBe(Math.round((560 * 500) / 569));
    expect(out.ppi).toBe(500);
    expect(out.pixels.every((v) => v === 77)).toBe(true);
  });
  it('scales the ridge period with the resolution (1000 → 500 ppi halves it)', () => {
    const fine = parallelRidges(200, 200, 0, 18);
    const half = toPpi500(fine, 1000);
    expect(half.width).toBe(100);
    // Column 50: ridges (dark) every 9 px.
    const col = Array.from({ length: 100 }, (_, y) => half.pixels[y * 100 + 50]);
    const minima = col.map((v, y) => (y > 0 && y < 99 && v < col[y - 1] && v <= col[y + 1] ? y : -1)).filter((y) => y >= 0);
    const spacing = (minima[minima.length - 1] - minima[0]) / (minima.length - 1);
    expect(Math.abs(spacing - 9)).toBeLessThan(0.3);
  });
});
