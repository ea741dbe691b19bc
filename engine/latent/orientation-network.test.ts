import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { GrayImage } from '../fingerprint/gray-image.js';
import { collectingSink } from '../fingerprint/stage-sink.js';
import { extractLatentFeatures } from './latent-extractor.js';
import { latentOrientation, networkOrientation } from './latent-orientation.js';
import { NET_FEATURES, NET_ORIENTATIONS, blockFeatures, decodeFloats, encodeFloats, gaborBank, orientationNetworkReady } from './orientation-network.js';
import { regionOfInterest } from './region-of-interest.js';
import { ridgeSpectrum } from './ridge-spectrum.js';
import { syntheticMark } from './synthetic-marks.js';

const DEG = 180 / Math.PI;
const angleDiff = (a: number, b: number): number => {
  let d = Math.abs(a - b) % Math.PI;
  if (d > Math.PI / 2) d = Math.PI - d;
  return d;
};

/** Straight ridges along `angle` (pixel frame), period `period` px. */
function ridges(width: number, height: number, angle: number, period: number): GrayImage {
  const pixels = new Uint8Array(width * height);
  const nx = -Math.sin(angle), ny = Math.cos(angle);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels[y * width + x] = Math.round(128 + 80 * Math.cos((2 * Math.PI * (x * nx + y * ny)) / period));
  return { width, height, pixels, ppi: 500 };
}

/** Mean error (degrees) of a per-pixel field against the synthetic mark's truth, inside its mark mask away from the edge. */
function markError(angle: Float32Array, m: ReturnType<typeof syntheticMark>): number {
  let s = 0, n = 0;
  const w = m.image.width;
  for (let y = 24; y < m.image.height - 24; y++) {
    for (let x = 24; x < w - 24; x++) {
      const i = y * w + x;
      if (!m.markMask[i]) continue;
      s += angleDiff(angle[i]!, m.trueAngle[i]!);
      n++;
    }
  }
  return (s / n) * DEG;
}

/** A network that is right everywhere: the truth at each block centre, as doubled-angle vectors of this length. */
function truthField(m: ReturnType<typeof syntheticMark>, sp: ReturnType<typeof ridgeSpectrum>, length: number): { vx: Float32Array; vy: Float32Array } {
  const n = sp.blocksWide * sp.blocksHigh;
  const vx = new Float32Array(n), vy = new Float32Array(n);
  for (let by = 0; by < sp.blocksHigh; by++) {
    for (let bx = 0; bx < sp.blocksWide; bx++) {
      const x = Math.min(m.image.width - 1, bx * 16 + 8), y = Math.min(m.image.height - 1, by * 16 + 8);
      const t = m.trueAngle[y * m.image.width + x]!;
      vx[by * sp.blocksWide + bx] = length * Math.cos(2 * t);
      vy[by * sp.blocksWide + bx] = length * Math.sin(2 * t);
    }
  }
  return { vx, vy };
}

beforeAll(async () => {
  await orientationNetworkReady('wasm');
});

describe('orientation network: the fixed block features', () => {
  it('even kernels have zero mean; straight ridges put the most energy in the bank orientation nearest theirs', () => {
    const bank = gaborBank();
    const F = NET_FEATURES - 1;
    for (let f = 0; f < F; f++) {
      let s = 0;
      for (let i = 0; i < 121; i++) s += bank[i * 2 * F + 2 * f]!;
      expect(Math.abs(s)).toBeLessThan(1e-4);
    }
    for (const k of [0, 2, 5, 7]) {
      const angle = (k * Math.PI) / NET_ORIENTATIONS + 0.05;
      const t = blockFeatures(ridges(128, 96, angle, 9));
      expect(t.shape).toEqual([1, 6, 8, NET_FEATURES]);
      const v = t.dataSync();
      t.dispose();
      const b = (3 * 8 + 4) * NET_FEATURES; // a block away from the edges
      let best = 0;
      for (let c = 0; c < F; c++) if (v[b + c]! > v[b + best]!) best = c;
      expect(best % NET_ORIENTATIONS).toBe(k);
    }
  });

  it('weights survive their base64 form exactly', () => {
    const v = Float32Array.from([0, -1.5, 3.25e-7, 1e30, Math.PI]);
    expect(Array.from(decodeFloats(encodeFloats(v)))).toEqual(Array.from(v));
  });
});

describe('orientation network: the stage', () => {
  it("'field' takes the network's block field as the orientation and chooses the spectral peak nearest it", () => {
    const m = syntheticMark({ lineSpacing: 40, lineAngle: 0.5, lineWidth: 5 });
    const sp = ridgeSpectrum(m.image);
    const n = sp.blocksWide * sp.blocksHigh;
    const { vx, vy } = truthField(m, sp, 0.8);
    const field = networkOrientation(sp, { vx, vy });
    expect(markError(field.angle, m)).toBeLessThan(3);
    expect(field.blockConsistency[0]).toBeCloseTo(0.8, 5);
    const K = sp.candidates;
    for (let b = 0; b < n; b++) {
      for (let k = 0; k < K; k++) {
        if (sp.candidateEnergy[b * K + k]! <= 0) continue;
        expect(angleDiff(sp.candidateAngle[b * K + field.chosen[b]!]!, field.blockAngle[b]!)).toBeLessThanOrEqual(angleDiff(sp.candidateAngle[b * K + k]!, field.blockAngle[b]!) + 1e-6);
      }
    }
  });

  it("'prior' chooses the candidates by the network's field, once: a right prior errs less than their own coarse field under ruled lines at the ridge period, a prior across the ridges takes other peaks", () => {
    const m = syntheticMark({ lineSpacing: 12, lineAngle: 0.5, lineWidth: 3 });
    const sp = ridgeSpectrum(m.image);
    const roi = regionOfInterest(sp);
    const own = latentOrientation(sp, roi);
    const right = latentOrientation(sp, roi, { prior: truthField(m, sp, 1) });
    const across = truthField(m, sp, 1);
    for (let b = 0; b < across.vx.length; b++) { across.vx[b] = -across.vx[b]!; across.vy[b] = -across.vy[b]!; }
    const wrong = latentOrientation(sp, roi, { prior: across });
    let moved = 0;
    for (let b = 0; b < own.chosen.length; b++) if (wrong.chosen[b] !== right.chosen[b]) moved++;
    expect(markError(right.angle, m)).toBeLessThan(markError(own.angle, m));
    expect(markError(wrong.angle, m)).toBeGreaterThan(markError(right.angle, m) + 3);
    expect(moved).toBeGreaterThan(own.chosen.length / 10);
    expect(() => latentOrientation(sp, roi, { prior: { vx: new Float32Array(3), vy: new Float32Array(3) } })).toThrow(/grid/);
  });

  it("the extractor's switch: 'off' is the spectral field; the network's modes change the latent route's field", async () => {
    const m = syntheticMark({ lineSpacing: 60, lineAngle: 2.2, lineWidth: 5 });
    const roi = [{ x: 20, y: 20 }, { x: m.image.width - 20, y: 20 }, { x: m.image.width - 20, y: m.image.height - 20 }, { x: 20, y: m.image.height - 20 }];
    const fields: Record<string, Float32Array> = {};
    for (const mode of ['off', 'field', 'prior'] as const) {
      const { sink, outputs } = collectingSink();
      await extractLatentFeatures(m.image, { ppi: 500, roi, sink, orientationNetwork: mode });
      fields[mode] = (outputs['orientation-field'] as { angle: Float32Array }).angle;
    }
    const { sink, outputs } = collectingSink();
    await extractLatentFeatures(m.image, { ppi: 500, roi, sink });
    expect(Array.from((outputs['orientation-field'] as { angle: Float32Array }).angle)).toEqual(Array.from(fields.off!));
    // Run again: the network's fixed tensors outlive a call (the same field, no disposed tensor).
    const again = collectingSink();
    await extractLatentFeatures(m.image, { ppi: 500, roi, sink: again.sink, orientationNetwork: 'field' });
    expect(Array.from((again.outputs['orientation-field'] as { angle: Float32Array }).angle)).toEqual(Array.from(fields.field!));
    expect(Array.from(fields.field!)).not.toEqual(Array.from(fields.off!));
    expect(tf.getBackend()).toBe('wasm');
  });

  it('the fitted network as the prior keeps the synthetic marks\' field on their ridges (clean, and under ruled lines)', async () => {
    for (const [opts, bound] of [[{}, 2], [{ lineSpacing: 40, lineAngle: 0.5, lineWidth: 5 }, 6]] as const) {
      const m = syntheticMark(opts);
      const roi = [{ x: 20, y: 20 }, { x: m.image.width - 20, y: 20 }, { x: m.image.width - 20, y: m.image.height - 20 }, { x: 20, y: m.image.height - 20 }];
      const { sink, outputs } = collectingSink();
      await extractLatentFeatures(m.image, { ppi: 500, roi, sink, orientationNetwork: 'prior' });
      expect(markError((outputs['orientation-field'] as { angle: Float32Array }).angle, m)).toBeLessThan(bound);
    }
  });
});
