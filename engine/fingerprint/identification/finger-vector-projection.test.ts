import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EngineError, ErrorCode } from '../../errors.js';
import { applyProjection, decodeProjection, encodeProjection, projectionPath, shippedProjection } from './finger-vector-projection.js';
import { FINGER_VECTOR } from './parameters.js';

describe('finger vector projection file', () => {
  it('the shipped file matches its pinned SHA-256 and the histogram and vector dimensions', () => {
    const p = shippedProjection(FINGER_VECTOR.projection.sha256);
    expect(p.inputDimension).toBe(FINGER_VECTOR.distanceBins * FINGER_VECTOR.angleBins * FINGER_VECTOR.angleBins);
    expect(p.outputDimension).toBe(FINGER_VECTOR.projection.dimensions);
    // Whitening scales grow as the eigenvalues fall (λ^−α with α > 0).
    expect(p.scale[0]).toBeCloseTo(1, 6);
    expect(p.scale[p.outputDimension - 1]).toBeGreaterThan(p.scale[0]);
  });

  it('encodes and decodes a projection exactly (float32)', () => {
    const p = { inputDimension: 3, outputDimension: 2, mean: Float32Array.of(0.5, 0, 1), scale: Float32Array.of(1, 2), basis: Float32Array.of(1, 0, 0, 1, 0.25, -0.5) };
    const back = decodeProjection(encodeProjection(p));
    expect(back.inputDimension).toBe(3);
    expect([...back.basis]).toEqual([...p.basis]);
    // (v − mean) = (0.5, 1, −1); basisᵀ·that = (0.5 − 0.25, 1 + 0.5) = (0.25, 1.5); scaled (0.25, 3); normalised.
    const out = applyProjection(back, [1, 1, 0]);
    const n = Math.hypot(0.25, 3);
    expect(out[0]).toBeCloseTo(0.25 / n, 6);
    expect(out[1]).toBeCloseTo(3 / n, 6);
  });

  it('refuses a damaged file with INTERNAL naming the reason, and a file that differs from the pinned hash', () => {
    const bytes = readFileSync(projectionPath());
    const cases: [Uint8Array, RegExp][] = [
      [Buffer.concat([Buffer.from('NOTAPCA1'), bytes.subarray(8)]), /wrong magic/],
      [bytes.subarray(0, bytes.length - 4), /do not fit the length/],
    ];
    const nan = Buffer.from(bytes);
    nan.writeFloatLE(Number.NaN, 16);
    cases.push([nan, /non-finite/]);
    for (const [b, why] of cases) {
      try {
        decodeProjection(b);
        expect.unreachable('decoded a damaged projection');
      } catch (e) {
        expect((e as EngineError).code).toBe(ErrorCode.Internal);
        expect((e as Error).message).toMatch(why);
      }
    }
    expect(() => shippedProjection('0'.repeat(64))).toThrow(/parameters\.ts pins 000000000000/);
  });
});
