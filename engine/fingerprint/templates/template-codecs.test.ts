import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError, ErrorCode } from '../../errors.js';
import { missingSharedData, sharedDataPath } from '../../../fixtures/shared-data.js';
import type { FingerprintTemplate, MinutiaType } from '../template.js';
import { decodeIso19794_2, decodeIso19794_2Single, encodeIso19794_2 } from './iso-19794-2.js';
import { decodeAnsi378, encodeAnsi378 } from './ansi-378.js';
import { decodeTemplate, decodeTemplateRecord, detectTemplateFormat } from './template-format.js';

const TWO_PI = 2 * Math.PI;
const angleDiff = (a: number, b: number): number => {
  const d = Math.abs(a - b) % TWO_PI;
  return Math.min(d, TWO_PI - d);
};

const minutiaArb = fc.record({
  x: fc.double({ min: 0, max: 799, noNaN: true }),
  y: fc.double({ min: 0, max: 749, noNaN: true }),
  direction: fc.double({ min: 0, max: TWO_PI - 1e-9, noNaN: true }),
  type: fc.constantFrom<MinutiaType>('ending', 'bifurcation', 'other'),
  quality: fc.integer({ min: 0, max: 100 }),
});

const templateArb: fc.Arbitrary<FingerprintTemplate> = fc.record({
  width: fc.constant(800),
  height: fc.constant(750),
  resolutionPpi: fc.constant(500),
  minutiae: fc.array(minutiaArb, { maxLength: 120 }),
  singularPoints: fc.array(
    fc.record({
      type: fc.constantFrom<'core' | 'delta'>('core', 'delta'),
      x: fc.integer({ min: 0, max: 799 }),
      y: fc.integer({ min: 0, max: 749 }),
      direction: fc.double({ min: 0, max: TWO_PI - 1e-9, noNaN: true }),
    }),
    { maxLength: 4 },
  ),
  quality: fc.integer({ min: 0, max: 100 }),
  fingerPosition: fc.integer({ min: 0, max: 10 }),
});

function expectClose(a: FingerprintTemplate, b: FingerprintTemplate, unitRad: number): void {
  expect([b.width, b.height, b.resolutionPpi, b.quality, b.fingerPosition]).toEqual([a.width, a.height, 500, a.quality, a.fingerPosition]);
  expect(b.minutiae.length).toBe(a.minutiae.length);
  a.minutiae.forEach((m, i) => {
    const n = b.minutiae[i];
    expect(Math.abs(n.x - m.x)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(n.y - m.y)).toBeLessThanOrEqual(0.5);
    expect(angleDiff(n.direction, m.direction)).toBeLessThanOrEqual(unitRad / 2 + 1e-9);
    expect(n.type).toBe(m.type);
    expect(n.quality).toBe(m.quality);
  });
  const cores = a.singularPoints.filter((p) => p.type === 'core');
  const bc = b.singularPoints.filter((p) => p.type === 'core');
  expect(bc.length).toBe(cores.length);
  cores.forEach((c, i) => {
    expect([bc[i].x, bc[i].y]).toEqual([c.x, c.y]);
    expect(angleDiff(bc[i].direction, c.direction)).toBeLessThanOrEqual(unitRad / 2 + 1e-9);
  });
  expect(b.singularPoints.filter((p) => p.type === 'delta').map((p) => [p.x, p.y])).toEqual(a.singularPoints.filter((p) => p.type === 'delta').map((p) => [p.x, p.y]));
}

describe('ISO 19794-2:2005 and ANSI 378-2004 round trips', () => {
  it('ISO: internal -> bytes -> internal within quantisation (0.5 px, 0.703 deg)', () => {
    fc.assert(
      fc.property(templateArb, (t) => {
        const bytes = encodeIso19794_2(t);
        expect(detectTemplateFormat(bytes)).toBe('iso-19794-2:2005');
        expectClose(t, decodeIso19794_2Single(bytes), TWO_PI / 256);
        // Encoding is idempotent once quantised.
        expect(Buffer.from(encodeIso19794_2(decodeIso19794_2Single(bytes))).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('ANSI: internal -> bytes -> internal within quantisation (0.5 px, 1 deg)', () => {
    fc.assert(
      fc.property(templateArb, (t) => {
        const bytes = encodeAnsi378(t);
        expect(detectTemplateFormat(bytes)).toBe('ansi-378:2004');
        const back = decodeAnsi378(bytes);
        expect(back.length).toBe(1);
        expectClose(t, back[0], (2 * Math.PI) / 180);
        expect(Buffer.from(encodeAnsi378(back[0])).equals(Buffer.from(bytes))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('several views in one record; the same finger gets view numbers 0, 1', () => {
    const t: FingerprintTemplate = { width: 300, height: 400, resolutionPpi: 500, minutiae: [{ x: 10, y: 20, direction: 1, type: 'ending', quality: 50 }], singularPoints: [], fingerPosition: 2, quality: 80 };
    for (const enc of [encodeIso19794_2, encodeAnsi378]) {
      const bytes = enc([t, t, { ...t, fingerPosition: 7 }]);
      const rec = decodeTemplateRecord(bytes);
      expect(rec.views.map((v) => [v.position, v.view])).toEqual([[2, 0], [2, 1], [7, 0]]);
      expect(decodeTemplate(bytes).length).toBe(3);
    }
  });

  it('refuses what it cannot encode, naming the field', () => {
    const many: FingerprintTemplate = { width: 300, height: 400, resolutionPpi: 500, minutiae: Array.from({ length: 256 }, (_, i) => ({ x: i, y: i, direction: 0, type: 'ending' as const, quality: i % 101 })), singularPoints: [] };
    expect(() => encodeIso19794_2(many)).toThrow(/at most 255/);
    expect(decodeIso19794_2Single(encodeIso19794_2(many, { overflow: 'best-quality' })).minutiae.length).toBe(255);
    expect(() => encodeIso19794_2({ ...many, resolutionPpi: 569 })).toThrow(EngineError);
    expect(() => encodeAnsi378({ ...many, minutiae: [{ x: NaN, y: 0, direction: 0, type: 'ending', quality: 1 }] })).toThrow(/finite/);
  });

  it('rescales coordinates from the header resolution to 500 ppi', () => {
    const t: FingerprintTemplate = { width: 569, height: 569, resolutionPpi: 500, minutiae: [{ x: 224, y: 112, direction: 0, type: 'ending', quality: 50 }], singularPoints: [] };
    const bytes = encodeIso19794_2(t);
    // Rewrite the header as 224 px/cm (568.96 ppi, FVC2002 DB2's 569 ppi).
    bytes[18] = 0; bytes[19] = 224; bytes[20] = 0; bytes[21] = 224;
    const back = decodeIso19794_2Single(bytes);
    const s = 500 / (224 * 2.54);
    expect(back.minutiae[0].x).toBeCloseTo(224 * s, 9);
    expect(back.minutiae[0].y).toBeCloseTo(112 * s, 9);
    expect(back.width).toBe(Math.round(569 * s));
  });

  it('refuses truncated, wrong-magic and zero-resolution records with INVALID_ARGUMENT', () => {
    const t: FingerprintTemplate = { width: 300, height: 400, resolutionPpi: 500, minutiae: [{ x: 10, y: 20, direction: 1, type: 'ending', quality: 50 }], singularPoints: [] };
    const iso = encodeIso19794_2(t);
    const code = (f: () => unknown): string | undefined => {
      try {
        f();
        return undefined;
      } catch (e) {
        return e instanceof EngineError ? `${e.code} ${e.field} ${e.message}` : 'not an EngineError';
      }
    };
    expect(code(() => decodeIso19794_2(iso.subarray(0, iso.length - 3)))).toMatch(/^INVALID_ARGUMENT template.data .*truncated/);
    expect(code(() => decodeTemplate(new Uint8Array([1, 2, 3])))).toMatch(/^INVALID_ARGUMENT template.data .*not an ISO/);
    const zero = iso.slice();
    zero[18] = 0; zero[19] = 0;
    expect(code(() => decodeIso19794_2(zero))).toMatch(/resolution of 0/);
    expect(code(() => decodeTemplate(iso, 'ansi-378'))).toMatch(/^INVALID_ARGUMENT template.format/);
    expect(ErrorCode.InvalidArgument).toBe('INVALID_ARGUMENT');
  });
});

const LIBBIOMEVAL = ['fingerprints', 'ansi-nist', 'libbiomeval-testdata'];
describe.skipIf(missingSharedData(...LIBBIOMEVAL))('NIST libbiomeval minutiae records', () => {
  it.each([
    ['fmr.ansi2004', 'ansi-378:2004'],
    ['fmr.ansi2007', 'ansi-378:2009'],
    ['fmr.iso2005', 'iso-19794-2:2005'],
  ])('%s decodes', (file, detected) => {
    const bytes = new Uint8Array(readFileSync(sharedDataPath(...LIBBIOMEVAL, file)));
    expect(detectTemplateFormat(bytes)).toBe(detected);
    const rec = decodeTemplateRecord(bytes);
    const ts = decodeTemplate(bytes);
    console.log(`${file}: ${rec.format}, ${rec.views.length} views, minutiae ${ts.map((t) => t.minutiae.length).join('/')}`);
    expect(ts.length).toBeGreaterThan(0);
    expect(ts[0].minutiae.length).toBeGreaterThan(0);
  });

  it('fmr.iso2005: its core/delta block (lengths one byte over what it holds) still gives 2 cores and 4 deltas', () => {
    const t = decodeTemplate(new Uint8Array(readFileSync(sharedDataPath(...LIBBIOMEVAL, 'fmr.iso2005'))))[1];
    expect(t.singularPoints.map((p) => `${p.type} ${p.x},${p.y}`)).toEqual(['core 150,250', 'core 100,150', 'delta 143,232', 'delta 103,104', 'delta 136,214', 'delta 130,319']);
    expect(Number.isNaN(t.singularPoints[3].direction)).toBe(true);
  });
});
