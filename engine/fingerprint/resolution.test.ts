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
  it('gives, at every resolution, the bits of the plain per-pixel loops it replaced (all taps, Math.round)', () => {
    // The kept loops skip zero-weight taps and sum a row at a time; this is the loop they replaced,
    // with the same weights (recovered from the triangle rule), on noise at several resolutions.
    let seed = 7;
    const noise = new Uint8Array(123 * 97).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24));
    for (const ppi of [250, 333, 450, 569, 700, 1000, 1270]) {
      const input = { width: 123, height: 97, pixels: noise };
      expect(toPpi500(input, ppi).pixels).toEqual(reference(input.pixels, 123, 97, 500 / ppi));
    }
  });
});

function referenceWeights(inSize: number, outSize: number): { start: Int32Array; w: Float32Array; taps: number } {
  const ratio = inSize / outSize;
  const support = Math.max(1, ratio);
  const taps = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(outSize);
  const w = new Float32Array(outSize * taps);
  for (let o = 0; o < outSize; o++) {
    const center = (o + 0.5) * ratio - 0.5;
    const first = Math.max(0, Math.min(Math.floor(center - support) + 1, inSize - taps));
    start[o] = first;
    let sum = 0;
    for (let k = 0; k < taps; k++) {
      const i = first + k;
      const wt = i < inSize ? Math.max(0, 1 - Math.abs(i - center) / support) : 0;
      w[o * taps + k] = wt;
      sum += wt;
    }
    for (let k = 0; k < taps; k++) w[o * taps + k] /= sum || 1;
  }
  return { start, w, taps };
}

function reference(pixels: Uint8Array, width: number, height: number, scale: number): Uint8Array {
  const outW = Math.max(1, Math.round(width * scale));
  const outH = Math.max(1, Math.round(height * scale));
  const h = referenceWeights(width, outW);
  const v = referenceWeights(height, outH);
  const tmp = new Float32Array(outW * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < outW; x++) {
      let s = 0;
      for (let k = 0; k < h.taps; k++) s += h.w[x * h.taps + k] * pixels[y * width + h.start[x] + k];
      tmp[y * outW + x] = s;
    }
  }
  const out = new Uint8Array(outW * outH);
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      let s = 0;
      for (let k = 0; k < v.taps; k++) s += v.w[y * v.taps + k] * tmp[(v.start[y] + k) * outW + x];
      out[y * outW + x] = s < 0 ? 0 : s > 255 ? 255 : Math.round(s);
    }
  }
  return out;
}
