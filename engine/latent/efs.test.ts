import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingSharedData, sharedDataPath } from '../../fixtures/shared-data.js';
import { EngineError } from '../errors.js';
import { markupFromAnsiNist } from './efs.js';
import { insidePolygon, latentTemplate, mergeMarkup } from './latent-features.js';

const GS = '\x1d';
const FS = '\x1c';
const RS = '\x1e';
const US = '\x1f';

/** A tagged record "T.001:LEN<GS>…<FS>" whose length field counts itself. */
function tagged(type: number, fields: Array<[number, string]>): string {
  const body = fields.map(([n, v]) => `${type}.${String(n).padStart(3, '0')}:${v}`).join(GS) + FS;
  let len = body.length + `${type}.001:`.length + 1;
  for (;;) {
    const rec = `${type}.001:${len}${GS}${body}`;
    if (rec.length === len) return rec;
    len = rec.length;
  }
}

function transaction(type9: Array<[number, string]>): Uint8Array {
  const t1 = tagged(1, [[2, '0500'], [3, `1${US}1${RS}9${US}01`], [4, 'TEST'], [5, '20261201'], [6, '5'], [7, 'X'], [8, 'Y'], [9, 'T1'], [11, '00.00'], [12, '00.00']]);
  const t9 = tagged(9, [[2, '01'], [3, '4'], [4, 'U'], ...type9]);
  return new Uint8Array(Buffer.from(t1 + t9, 'latin1'));
}

function invalid(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error('expected an EngineError');
}

describe('EFS markup from a constructed transaction', () => {
  it('places ROI-relative 10 µm locations in the image at 500 ppi, with types, directions and singular points', () => {
    const bytes = transaction([
      [300, `1000${US}800${US}2540${US}508${US}0,0-1000,0-1000,800-0,800`],
      [302, `2${US}${US}${US}`],
      [320, `500${US}400${US}90`],
      [321, `254${US}254${US}180`],
      [331, `254${US}508${US}90${US}E${RS}0${US}0${US}360${US}B${RS}100${US}100${US}45${US}X${US}50${US}45`],
    ]);
    const [m] = markupFromAnsiNist(bytes);
    expect(m!.idc).toBe(1);
    expect(m!.fingerPositions).toEqual([2]);
    // ROI offset 25.4 mm, 5.08 mm → 500 px, 100 px.
    expect(m!.roi![0]).toEqual({ x: 500, y: 100 });
    expect(m!.roi![2]!.x).toBeCloseTo(500 + 1000 * (500 / 2540), 6);
    const [a, b, c] = m!.minutiae!;
    expect(a).toMatchObject({ type: 'ending', quality: 100 });
    expect(a!.x).toBeCloseTo(550, 6);
    expect(a!.y).toBeCloseTo(200, 6);
    expect(a!.direction).toBeCloseTo(Math.PI / 2, 9);
    expect(b).toMatchObject({ type: 'bifurcation', x: 500, y: 100, direction: 0 });
    expect(c!.type).toBe('other');
    expect(c!.quality).toBe(50); // 0.5 mm radius of uncertainty halves the confidence
    expect(m!.cores![0]).toMatchObject({ type: 'core' });
    expect(m!.cores![0]!.direction).toBeCloseTo(Math.PI / 2, 9);
    expect(m!.deltas![0]).toMatchObject({ type: 'delta', x: 550, y: 150 });
  });

  it('without a polygon the ROI is the rectangle', () => {
    const [m] = markupFromAnsiNist(transaction([[300, `254${US}254`]]));
    expect(m!.roi).toHaveLength(4);
    expect(m!.minutiae).toEqual([]);
  });

  it('refuses malformed markup, naming the field and the item', () => {
    const cases: Array<[Array<[number, string]>, RegExp]> = [
      [[[331, `1${US}2${US}3${US}E`]], /no region of interest \(9\.300\)/],
      [[[300, `abc${US}10`]], /9\.300 width/],
      [[[300, `100${US}100${US}0${US}0${US}0,0-200,0-0,100`]], /polygon vertex 2 lies outside/],
      [[[300, `100${US}100${US}0${US}0${US}0,0-1,1`]], /polygon needs 3/],
      [[[300, `100${US}100`], [331, `1${US}2${US}400${US}E`]], /9\.331 minutia 1/],
      [[[300, `100${US}100`], [331, `1${US}2${US}30${US}E${RS}1${US}2${US}30${US}Q`]], /9\.331 minutia 2/],
      [[[300, `100${US}100`], [320, `x${US}2`]], /9\.320 core 1 needs x and y/],
    ];
    for (const [fields, reason] of cases) {
      const e = invalid(() => markupFromAnsiNist(transaction([[301, '0'], ...fields]), 'mark.efs'));
      expect(e.field).toBe('mark.efs');
      expect(e.message).toMatch(reason);
    }
    expect(invalid(() => markupFromAnsiNist(new Uint8Array([1, 2, 3]))).message).toMatch(/^mark\.efs: ANSI\/NIST/);
    const noEfs = transaction([]);
    expect(invalid(() => markupFromAnsiNist(noEfs)).message).toMatch(/no Type-9 extended feature set/);
  });

  it('markup alone is a probe the matcher can take', () => {
    const [m] = markupFromAnsiNist(transaction([[300, `2540${US}2540`], [331, `254${US}254${US}10${US}E${RS}1270${US}1270${US}200${US}B`]]));
    const features = mergeMarkup(null, { ...m!, useOnlyMarkup: true });
    const template = latentTemplate(features);
    expect(template.minutiae).toHaveLength(2);
    expect(template.width).toBeGreaterThan(250);
    expect(template.minutiae.every((x) => x.quality === 100)).toBe(true);
  });
});

const EFS_FILE = ['fingerprints', 'ansi-nist', 'libbiomeval-testdata', 'type9-efs.an2k'];
describe.skipIf(missingSharedData(...EFS_FILE))('EFS markup of NIST type9-efs.an2k (skipped without ../shared/data)', () => {
  it('reads all eight records; every minutia lies inside its ROI rectangle once offsets are applied', () => {
    const all = markupFromAnsiNist(new Uint8Array(readFileSync(sharedDataPath(...EFS_FILE))));
    expect(all.map((m) => m.minutiae!.length)).toEqual([60, 35, 68, 37, 54, 48, 53, 59]);
    for (const m of all) {
      const xs = m.roi!.map((p) => p.x);
      const ys = m.roi!.map((p) => p.y);
      for (const n of m.minutiae!) {
        expect(n.x).toBeGreaterThanOrEqual(Math.min(...xs) - 1e-9);
        expect(n.y).toBeGreaterThanOrEqual(Math.min(...ys) - 1e-9);
        expect(n.direction).toBeGreaterThanOrEqual(0);
        expect(n.direction).toBeLessThan(2 * Math.PI);
      }
      expect(m.cores!.length).toBeGreaterThan(0);
    }
    // Record 6: ROI 43.97 mm from the image's left edge, so every minutia is right of 865 px.
    expect(Math.min(...all[5]!.minutiae!.map((n) => n.x))).toBeGreaterThan(4397 * (500 / 2540));
    // Most minutiae fall inside the examiner's polygon (it traces the mark's outline).
    const inside = all.flatMap((m) => m.minutiae!.map((n) => insidePolygon(n, m.roi!)));
    expect(inside.filter(Boolean).length / inside.length).toBeGreaterThan(0.9);
    expect(all.filter((m) => m.deltas!.length > 0).map((m) => m.recordIndex)).toEqual([6, 8, 9]);
  });
});
