import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { missingSharedData, sharedDataPath } from '../../../fixtures/shared-data.js';
import { extractTemplate } from '../extractor.js';
import { collectingSink } from '../stage-sink.js';
import type { FingerprintTemplate } from '../template.js';
import { removeBridges } from './filters/bridges.js';
import { removeClusters } from './filters/clusters.js';
import { removeGaps } from './filters/gaps.js';
import { removeShortRidges } from './filters/short-ridges.js';
import { removeSpurs } from './filters/spurs.js';
import { readIsoReference } from './iso-reference.js';
import { minutiae, type MinutiaCandidate } from './minutiae.js';
import type { OrientationField } from './orientation-field.js';
import type { RidgeFrequency } from './ridge-frequency.js';
import { ridgeGraph } from './ridge-graph.js';
import { dislocation, withNoise } from './synthetic-prints.js';

/** Direction vector of an ISO angle in pixel coordinates (y down). */
function isoVector(direction: number): [number, number] {
  return [Math.cos(direction), -Math.sin(direction)];
}

describe('minutiae on a synthetic dislocation (one minutia of known place)', () => {
  for (const invert of [false, true]) {
    it(`finds exactly one ${invert ? 'ridge ending' : 'bifurcation'} at the dislocation, pointing into its ridge`, async () => {
      const img = withNoise(dislocation(160, 160, 80, 80, 10, invert), 15, 5);
      const { sink, outputs } = collectingSink();
      const t = await extractTemplate(img, { sink });
      const near = t.minutiae.filter((m) => Math.hypot(m.x - 80, m.y - 80) < 8);
      expect(near).toHaveLength(1);
      expect(t.minutiae.length).toBeLessThanOrEqual(2);
      const m = near[0];
      // The dislocation adds a dark ridge on one side (a bifurcation); inverted, a valley (an ending).
      expect(m.type).toBe(invert ? 'ending' : 'bifurcation');
      // ISO 19794-2: an ending points into its ridge, a bifurcation into its fork (between the
      // branches): either way, 8 px ahead lies the minutia's ridge (ending) / valley (bifurcation)
      // and 8 px behind, the opposite.
      const [dx, dy] = isoVector(m.direction);
      const ridge = outputs['binarized-image']!;
      const ahead = ridge.ridge[Math.round(m.y + 8 * dy) * 160 + Math.round(m.x + 8 * dx)];
      const behind = ridge.ridge[Math.round(m.y - 8 * dy) * 160 + Math.round(m.x - 8 * dx)];
      expect(ahead).toBe(m.type === 'ending' ? 1 : 0);
      expect(behind).toBe(m.type === 'ending' ? 0 : 1);
      // Ridges run horizontally: the direction is within 20° of ±x.
      expect(Math.abs(dy)).toBeLessThan(Math.sin((20 * Math.PI) / 180));
    });
  }
  it('gives ending and bifurcation of inverted images the same direction (ISO duality)', async () => {
    const a = await extractTemplate(dislocation(160, 160, 80, 80, 10, false));
    const b = await extractTemplate(dislocation(160, 160, 80, 80, 10, true));
    const ma = a.minutiae.find((m) => Math.hypot(m.x - 80, m.y - 80) < 8)!;
    const mb = b.minutiae.find((m) => Math.hypot(m.x - 80, m.y - 80) < 8)!;
    const d = Math.abs(ma.direction - mb.direction) % (2 * Math.PI);
    expect(Math.min(d, 2 * Math.PI - d)).toBeLessThan(Math.PI / 6);
  });
});

/** A skeleton from line segments (pixel coordinates), for the graph filters. */
function skeletonOf(w: number, h: number, segments: [number, number, number, number][]) {
  const skeleton = new Uint8Array(w * h);
  for (const [x0, y0, x1, y1] of segments) {
    const n = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
    for (let k = 0; k <= n; k++) skeleton[Math.round(y0 + ((y1 - y0) * k) / n) * w + Math.round(x0 + ((x1 - x0) * k) / n)] = 1;
  }
  return { width: w, height: h, skeleton };
}
function horizontalField(w: number, h: number): OrientationField {
  return { width: w, height: h, angle: new Float32Array(w * h), coherence: new Float32Array(w * h).fill(1) };
}
/** A uniform 8 px ridge period (spur limit 11.2 px, short ridge 15.2 px). */
function uniformPeriod(w: number, h: number): RidgeFrequency {
  const bw = Math.ceil(w / 16), bh = Math.ceil(h / 16);
  return { width: w, height: h, block: 16, blocksWide: bw, blocksHigh: bh, period: new Float32Array(bw * bh).fill(8), measured: new Uint8Array(bw * bh).fill(1) };
}
function types(ms: MinutiaCandidate[]): string {
  return ms.map((m) => m.type[0]).sort().join('');
}

describe('ridge graph and false-minutia filters', () => {
  const w = 100, h = 60;
  const o = horizontalField(w, h);
  const f = uniformPeriod(w, h);
  it('cuts a spur: a short branch off a ridge', () => {
    const g = ridgeGraph(skeletonOf(w, h, [[5, 30, 95, 30], [50, 30, 56, 24]]));
    expect(types(minutiae(g, o))).toBe('beee');
    expect(removeSpurs(g, f)).toBe(1);
    expect(types(minutiae(g, o))).toBe('ee');
  });
  it('cuts a bridge: a short cross-flow link between two ridges', () => {
    const g = ridgeGraph(skeletonOf(w, h, [[5, 20, 95, 20], [5, 30, 95, 30], [50, 21, 50, 29]]));
    expect(types(minutiae(g, o))).toBe('bbeeee');
    expect(removeBridges(g, o)).toBe(1);
    expect(types(minutiae(g, o))).toBe('eeee');
  });
  it('removes a short ridge (dot) and keeps a long one', () => {
    const g = ridgeGraph(skeletonOf(w, h, [[5, 20, 95, 20], [40, 40, 48, 40]]));
    expect(removeShortRidges(g, f)).toBe(1);
    expect(types(minutiae(g, o))).toBe('ee');
  });
  it('joins a broken ridge: two endings facing across a short gap', () => {
    const g = ridgeGraph(skeletonOf(w, h, [[5, 30, 45, 30], [55, 30, 95, 30]]));
    const ms = minutiae(g, o);
    expect(ms).toHaveLength(4);
    expect(removeGaps(ms)).toHaveLength(2);
  });
  it('keeps endings of parallel ridges that merely sit close', () => {
    const g = ridgeGraph(skeletonOf(w, h, [[5, 30, 45, 30], [45, 40, 95, 40]]));
    expect(removeGaps(minutiae(g, o))).toHaveLength(4);
  });
  it('drops clusters', () => {
    const at = (x: number, y: number): MinutiaCandidate => ({ x, y, angle: 0, type: 'ending', node: 0, quality: 50 });
    const ms = [at(10, 10), at(14, 10), at(10, 14), at(14, 14), at(60, 60)];
    expect(removeClusters(ms)).toEqual([at(60, 60)]);
  });
});

async function fvcTemplate(set: number, name: string): Promise<FingerprintTemplate> {
  const path = sharedDataPath('fingerprints', 'fvc2002', `db${set}_b`, `${name}.tif`);
  const { data, info } = await sharp(path).grayscale().raw().toBuffer({ resolveWithObject: true });
  return extractTemplate({ width: info.width, height: info.height, pixels: new Uint8Array(data) }, { ppi: set === 2 ? 569 : 500 });
}

describe.skipIf(missingSharedData('fingerprints', 'templates', 'secugen-iso19794-2'))('directions agree with SecuGen ISO templates of the same FVC2002 images', () => {
  it('in sense, for endings and bifurcations, on one print of each set', async () => {
    const agree = { ending: 0, bifurcation: 0 };
    const opposite = { ending: 0, bifurcation: 0 };
    for (const set of [1, 2, 3, 4]) {
      const t = await fvcTemplate(set, '102_3');
      const ref = readIsoReference(new Uint8Array(readFileSync(sharedDataPath('fingerprints', 'templates', 'secugen-iso19794-2', `fvc2002_db${set}_b`, '102_3.iso'))));
      // SecuGen's templates are of the image resized to 300×400 regardless of aspect ratio.
      const sx = ref.width / t.width, sy = ref.height / t.height;
      for (const m of t.minutiae) {
        if (m.type === 'other') continue;
        const x = m.x * sx, y = m.y * sy;
        const r = ref.minutiae.find((q) => Math.hypot(q.x - x, q.y - y) < 6);
        if (!r) continue;
        const dir = Math.atan2(sy * Math.sin(m.direction), sx * Math.cos(m.direction));
        let d = Math.abs(dir - r.direction) % (2 * Math.PI);
        d = Math.min(d, 2 * Math.PI - d);
        if (d < Math.PI / 4) agree[m.type]++;
        else if (d > (3 * Math.PI) / 4) opposite[m.type]++;
      }
    }
    expect(agree.ending).toBeGreaterThan(20);
    expect(agree.bifurcation).toBeGreaterThan(10);
    expect(opposite.ending).toBeLessThan(0.1 * agree.ending);
    expect(opposite.bifurcation).toBeLessThan(0.1 * agree.bifurcation);
  });
});
