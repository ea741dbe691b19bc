import { describe, expect, it } from 'vitest';
import { missingSharedData, sharedDataPath } from '../fixtures/shared-data.js';
import { evaluateSample, iou, orientationError, pairMinutiae, parseMnt } from './eval-latent-features.js';

describe('eval-latent-features scoring', () => {
  it('reads FingerNet .mnt files (name, count and size, then x y θ)', () => {
    expect(parseMnt('B1\n2 800 768\n10.5 20 1.5\r\n30 40 3.0\n')).toEqual([{ x: 10.5, y: 20, angle: 1.5 }, { x: 30, y: 40, angle: 3 }]);
    expect(() => parseMnt('B1\n1 8 8\n1 2 x\n')).toThrow();
  });

  it('pairs minutiae one to one within 15 px and 30°, across the 0/2π seam', () => {
    const truth = [{ x: 100, y: 100, angle: 0.1 }, { x: 200, y: 200, angle: 1 }];
    expect(pairMinutiae([{ x: 105, y: 100, angle: 2 * Math.PI - 0.2 }], truth)).toBe(1); // 0.3 rad apart
    expect(pairMinutiae([{ x: 100, y: 116, angle: 0.1 }], truth)).toBe(0); // 16 px
    expect(pairMinutiae([{ x: 100, y: 100, angle: 0.7 }], truth)).toBe(0); // 34°
    // Two found near one true minutia: only one pairs.
    expect(pairMinutiae([{ x: 101, y: 100, angle: 0.1 }, { x: 99, y: 100, angle: 0.1 }], truth)).toBe(1);
  });

  it('orientation error is modulo 180° and IoU is intersection over union', () => {
    const a = { width: 2, height: 1, angle: Float32Array.of(0.05, Math.PI - 0.05), coherence: new Float32Array(2) };
    const b = { width: 2, height: 1, angle: Float32Array.of(Math.PI - 0.05, 0.05), coherence: new Float32Array(2) };
    expect(orientationError(a, b, Uint8Array.of(1, 1), 1)).toBeCloseTo(((0.1 * 180) / Math.PI), 3);
    expect(iou(Uint8Array.of(1, 1, 0, 0), Uint8Array.of(0, 1, 1, 0))).toBeCloseTo(1 / 3);
  });
});

const SD27 = ['fingerprints', 'latent', 'labelled-samples', 'NISTSD27'];
describe.skipIf(missingSharedData(...SD27))('latent features on the labelled NIST SD27 mark', () => {
  it('beat the tenprint extractor on ROI, orientation and minutiae precision', async () => {
    const r = await evaluateSample(sharedDataPath(...SD27), 'B101L9U');
    const latent = r.scores.find((s) => s.method === 'latent')!;
    const tenprint = r.scores.find((s) => s.method === 'tenprint')!;
    expect(r.labelled).toBe(15);
    expect(latent.roiIou).toBeGreaterThan(0.4);
    expect(latent.roiIou).toBeGreaterThan(2 * tenprint.roiIou);
    expect(latent.orientationErrorDeg).toBeLessThan(tenprint.orientationErrorDeg);
    expect(latent.precision).toBeGreaterThan(3 * tenprint.precision);
    expect(latent.recall).toBeGreaterThanOrEqual(0.4);
  });
});
