import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors.js';
import { extractFingerprint, extractTemplate } from './extractor.js';
import { dislocation, inDisc, ridgeLabyrinth, withNoise } from './extraction/synthetic-prints.js';
import { TEMPLATE_LIMITS, validateTemplate } from './template-validation.js';

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

describe('extractFingerprint within a template\'s capacity', () => {
  it('keeps at most 255 minutiae and 16 singular points, and says how many minutiae it left out', async () => {
    // 400×400 px of ridge-like texture with no finger: over 255 minutiae before the cut once the
    // segmentation lets it all through (its background-texture stage off, as a texture it does not
    // recognise would be).
    const image = ridgeLabyrinth(400, 400, 7);
    let beforeCut: number[] = [];
    const r = await extractFingerprint(image, {
      tuning: { segmentation: { coreScore: 0 } },
      sink: (stage, out) => { if (stage === 'filtered-minutiae') beforeCut = (out as { quality: number }[]).map((m) => m.quality); },
    });
    expect(r.minutiaeDropped).toBeGreaterThan(0);
    expect(r.template.minutiae).toHaveLength(TEMPLATE_LIMITS.maxMinutiae);
    expect(beforeCut).toHaveLength(TEMPLATE_LIMITS.maxMinutiae);
    expect(r.template.singularPoints.length).toBeLessThanOrEqual(TEMPLATE_LIMITS.maxSingularPoints);
    expect(() => validateTemplate(r.template, 'template')).not.toThrow();
    // A smaller patch of the same texture stays within capacity: nothing is dropped then.
    const small = await extractFingerprint(ridgeLabyrinth(160, 160, 7));
    expect(small.minutiaeDropped).toBe(0);
  });
});

describe('extractFingerprint on a textured background (issue 15)', () => {
  it('keeps the finger and drops ridge-like texture around it', async () => {
    // A print: a ridge dislocation in a disc, on ridge-like texture of lower contrast that fills
    // the image (min of the two, as platen residue darkens the light background and valleys).
    const print = inDisc(dislocation(360, 360, 180, 180, 9), 110, 255);
    const texture = ridgeLabyrinth(360, 360, 3, 9, 12, 30);
    const image = { ...print, pixels: print.pixels.map((v, i) => Math.min(v, texture.pixels[i] + 72)) };
    let area = 0;
    let mask: Uint8Array = new Uint8Array(0);
    const t = await extractTemplate(image, { sink: (stage, out) => { if (stage === 'segmentation-mask') ({ area, mask } = out as { area: number; mask: Uint8Array }); } });
    const disc = Math.PI * 110 * 110;
    expect(area).toBeGreaterThan(0.6 * disc);
    expect(area).toBeLessThan(1.5 * disc);
    expect(mask[180 * 360 + 180]).toBe(1);
    expect(mask[10 * 360 + 10]).toBe(0);
    expect(t.minutiae.length).toBeLessThanOrEqual(120);
    expect(t.minutiae.some((m) => Math.hypot(m.x - 180, m.y - 180) < 8)).toBe(true);
    // The same texture with the stage off fills the image, and its minutiae with it.
    const off = await extractFingerprint(image, { tuning: { segmentation: { coreScore: 0 } } });
    expect(off.template.minutiae.length + off.minutiaeDropped).toBeGreaterThan(t.minutiae.length);
  });

  it('makes few minutiae of texture with no finger at all', async () => {
    const r = await extractFingerprint(ridgeLabyrinth(400, 400, 7));
    expect(r.template.minutiae.length + r.minutiaeDropped).toBeLessThanOrEqual(120);
  });
});

describe('faint prints', () => {
  it('segments a print of ±8 gray levels (a light touch, a faint capacitive image) and finds its minutia', async () => {
    const pattern = dislocation(200, 180, 100, 90, 9);
    const faint = inDisc({ ...pattern, pixels: pattern.pixels.map((v) => Math.round(200 + ((v - 128) * 8) / 100)) }, 80, 200);
    const t = await extractTemplate(faint);
    expect(t.minutiae.some((m) => Math.hypot(m.x - 100, m.y - 90) < 6)).toBe(true);
  });
});
