/**
 * Ridge counts (template.ridgeCounts) through ISO/IEC 19794-2:2005 and ANSI INCITS 378-2004
 * extended data block type 1: written by our encoders, read back by our decoders, kept when a
 * view must drop minutiae, read leniently from foreign records, and checked on the way in.
 */
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../errors.js';
import { extractTemplate } from '../extractor.js';
import { inDisc, ridgeLabyrinth } from '../extraction/synthetic-prints.js';
import type { FingerprintTemplate, Minutia } from '../template.js';
import { validateTemplate } from '../template-validation.js';
import { decodeAnsi378, decodeAnsi378Record, encodeAnsi378, encodeAnsi378Record } from './ansi-378.js';
import { decodeIso19794_2, decodeIso19794_2Record, encodeIso19794_2, encodeIso19794_2Record } from './iso-19794-2.js';

function minutia(i: number, quality = 50): Minutia {
  return { x: 20 + 7 * (i % 40), y: 30 + 11 * Math.floor(i / 40), direction: 0.5, type: 'ending', quality };
}

const template: FingerprintTemplate = {
  width: 400,
  height: 400,
  resolutionPpi: 500,
  minutiae: [0, 1, 2, 3, 4].map((i) => minutia(i)),
  singularPoints: [{ type: 'core', x: 100, y: 100, direction: 1 }],
  quality: 60,
  ridgeCounts: [
    { from: 0, to: 1, count: 0 },
    { from: 0, to: 4, count: 7 },
    { from: 1, to: 2, count: 3 },
    { from: 3, to: 4, count: 255 },
  ],
};

const codecs = [
  { name: 'ISO 19794-2:2005', encode: encodeIso19794_2, decode: decodeIso19794_2, record: decodeIso19794_2Record, reencode: encodeIso19794_2Record },
  { name: 'ANSI 378-2004', encode: encodeAnsi378, decode: decodeAnsi378, record: decodeAnsi378Record, reencode: encodeAnsi378Record },
];

describe.each(codecs)('ridge counts in $name', ({ encode, decode, record, reencode }) => {
  it('round-trip exactly as extended data block type 1, method 0, before the core/delta block', () => {
    const bytes = encode(template);
    const [back] = decode(bytes);
    expect(back.ridgeCounts).toEqual(template.ridgeCounts);
    const view = record(bytes).views[0];
    expect(view.extensions.map((e) => e.type)).toEqual([1, 2]);
    expect([...view.extensions[0].data]).toEqual([0, 0, 1, 0, 0, 4, 7, 1, 2, 3, 3, 4, 255]);
    expect(view.ridgeCounts).toEqual({ method: 0, edges: template.ridgeCounts });
    // The decoded record re-encodes byte for byte.
    expect([...reencode(record(bytes))]).toEqual([...bytes]);
  });

  it('writes no block for a template without counts, and reads none back', () => {
    const { ridgeCounts: _, ...without } = template;
    const bytes = encode(without);
    expect(record(bytes).views[0].extensions.map((e) => e.type)).toEqual([2]);
    expect(decode(bytes)[0].ridgeCounts).toBeUndefined();
    expect(decode(encode({ ...without, ridgeCounts: [] }))[0].ridgeCounts).toBeUndefined();
  });

  it('keeps the edges between kept minutiae, renumbered, when a view keeps the best 255 of more', () => {
    // 300 minutiae; the 45 of quality 10 (indices 0, 5, 10 … 220) are the ones left out.
    const minutiae = Array.from({ length: 300 }, (_, i) => minutia(i, i % 5 === 0 && i <= 220 ? 10 : 80));
    const ridgeCounts = [
      { from: 0, to: 1, count: 2 }, // to a dropped minutia: left out
      { from: 1, to: 2, count: 3 },
      { from: 4, to: 299, count: 9 },
      { from: 298, to: 299, count: 1 },
    ];
    const [back] = decode(encode({ ...template, minutiae, ridgeCounts }, { overflow: 'best-quality' }));
    expect(back.minutiae).toHaveLength(255);
    const at = (m: Minutia) => `${Math.round(m.x)},${Math.round(m.y)}`;
    const pairs = back.ridgeCounts!.map((e) => [at(back.minutiae[e.from]), at(back.minutiae[e.to]), e.count]);
    const expected = ridgeCounts.slice(1).map((e) => [at(minutiae[e.from]), at(minutiae[e.to]), e.count]);
    expect(pairs.sort()).toEqual(expected.sort());
  });

  it('reads a foreign block leniently: edges naming a missing minutia or itself left out, order and duplicates normalised', () => {
    const bytes = encode({ ...template, ridgeCounts: undefined });
    const rec = record(bytes);
    const v = rec.views[0];
    // (4, 1) reversed, (1, 4) again, (2, 9) beyond the five minutiae, (3, 3) itself.
    v.extensions.unshift({ type: 1, data: Uint8Array.from([2, 4, 1, 5, 1, 4, 6, 2, 9, 1, 3, 3, 0]) });
    const [back] = decode(reencode(rec));
    expect(back.ridgeCounts).toEqual([{ from: 1, to: 4, count: 5 }]);
  });
});

describe('validateTemplate on ridge counts', () => {
  const bad = (ridgeCounts: FingerprintTemplate['ridgeCounts']): string => {
    try {
      validateTemplate({ ...template, ridgeCounts }, 'template');
      return 'valid';
    } catch (e) {
      return e instanceof EngineError ? e.message : String(e);
    }
  };

  it('accepts well-formed counts and refuses the malformed, naming the field', () => {
    expect(bad(template.ridgeCounts)).toBe('valid');
    expect(bad([])).toBe('valid');
    expect(bad([{ from: 1, to: 0, count: 2 }])).toMatch(/ridge_counts\[0\].*from < to/);
    expect(bad([{ from: 0, to: 5, count: 2 }])).toMatch(/ridge_counts\[0\]/);
    expect(bad([{ from: 0, to: 1, count: 256 }])).toMatch(/ridge_counts\[0\]\.count/);
    expect(bad([{ from: 0, to: 1, count: 1.5 }])).toMatch(/ridge_counts\[0\]\.count/);
    expect(bad([{ from: 0, to: 1, count: 1 }, { from: 0, to: 1, count: 2 }])).toMatch(/ridge_counts\[1\].*repeats/);
  });
});

describe('the extractor’s ridge counts', () => {
  it('are off unless asked (the service never asks)', async () => {
    const t = await extractTemplate(inDisc(ridgeLabyrinth(320, 320, 3), 150));
    expect(t.minutiae.length).toBeGreaterThan(10);
    expect(t.ridgeCounts).toBeUndefined();
  });

  it('are valid, link every minutia of a synthetic print, and survive ISO and ANSI', async () => {
    const t = await extractTemplate(inDisc(ridgeLabyrinth(320, 320, 3), 150), { ridgeCounts: true });
    expect(t.minutiae.length).toBeGreaterThan(10);
    expect(() => validateTemplate(t, 'template')).not.toThrow();
    const rc = t.ridgeCounts!;
    const linked = new Set(rc.flatMap((e) => [e.from, e.to]));
    // Every minutia has counts, unless all its segments leave the finger area (none in a disc's interior).
    expect(linked.size).toBeGreaterThan(t.minutiae.length * 0.8);
    expect(rc.length).toBeGreaterThanOrEqual(t.minutiae.length * 4);
    expect(decodeIso19794_2(encodeIso19794_2(t))[0].ridgeCounts).toEqual(rc);
    expect(decodeAnsi378(encodeAnsi378(t))[0].ridgeCounts).toEqual(rc);
  });
});
