import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors.js';
import { extractTemplate } from './extractor.js';
import { dislocation, withNoise } from './extraction/synthetic-prints.js';

describe('extractTemplate', () => {
  it('returns an empty template, not an error, for blank and pure-noise images', async () => {
    const blank = await extractTemplate({ width: 200, height: 200, pixels: new Uint8Array(200 * 200).fill(255) }, { ppi: 500 });
    expect(blank.minutiae).toHaveLength(0);
    expect(blank.quality).toBe(0);
    const noise = await extractTemplate(withNoise({ width: 200, height: 200, pixels: new Uint8Array(200 * 200).fill(128) }, 127), { ppi: 500 });
    expect(noise.minutiae.length).toBeLessThan(5);
  });
  it('refuses images too small or too large at 500 ppi, naming the field', async () => {
    await expect(extractTemplate({ width: 10, height: 10, pixels: new Uint8Array(100), ppi: 500 })).rejects.toBeInstanceOf(EngineError);
    await expect(extractTemplate({ width: 3000, height: 40, pixels: new Uint8Array(3000 * 40), ppi: 500 })).rejects.toThrow(/^image:/);
    await expect(extractTemplate({ width: 100, height: 100, pixels: new Uint8Array(100 * 100) })).rejects.toThrow(/^image\.ppi:/);
  });
  it('is deterministic and reports template coordinates at 500 ppi', async () => {
    const img = { ...dislocation(200, 180, 100, 90, 12), ppi: 600 };
    const a = await extractTemplate(img);
    const b = await extractTemplate(img);
    expect(a).toEqual(b);
    expect(a.width).toBe(Math.round((200 * 500) / 600));
    expect(a.resolutionPpi).toBe(500);
    for (const m of a.minutiae) {
      expect(m.x).toBeGreaterThanOrEqual(0);
      expect(m.x).toBeLessThan(a.width);
      expect(m.direction).toBeGreaterThanOrEqual(0);
      expect(m.direction).toBeLessThan(2 * Math.PI);
      expect(m.quality).toBeGreaterThanOrEqual(0);
      expect(m.quality).toBeLessThanOrEqual(100);
    }
  });
});
