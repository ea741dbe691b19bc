import { describe, expect, it } from 'vitest';
import type { BlockOrientations, FingerprintTemplate, SingularPoint } from '../../engine/fingerprint/template.js';
import { CORE_SLACK_PX, corePositionScore } from './core-position-cue.js';
import { coreDistance, type PairFigures } from './eer-pairs.js';

// docs/decisions/core-position-cue.md: the cores' distance under the consensus alignment, and the cue.

/** A 20 × 20 block field of 16-px blocks, finger everywhere except columns ≥ `fingerColumns`. */
function field(fingerColumns = 20): BlockOrientations {
  const angles = new Uint8Array(400);
  for (let by = 0; by < 20; by++) for (let bx = 0; bx < 20; bx++) angles[by * 20 + bx] = bx < fingerColumns ? 90 : 255;
  return { block: 16, blocksWide: 20, blocksHigh: 20, angles };
}
const template = (points: SingularPoint[]): FingerprintTemplate => ({ width: 320, height: 320, resolutionPpi: 500, minutiae: [], singularPoints: points, quality: 50 });
const core = (x: number, y: number): SingularPoint => ({ type: 'core', x, y, direction: Number.NaN });
// The prepared frame is y-up: a shift of the probe by (+10, +5) px in pixels is (+10, −5) there.
const shift = (dx: number, dy: number) => ({ fwd: (x: number, y: number): [number, number] => [x + dx, y - dy], back: (x: number, y: number): [number, number] => [x - dx, y + dy] });

describe('core distance under the consensus alignment (eer-pairs.ts coreDistance)', () => {
  it('measures the nearest core pair in pixels, in the image frame', () => {
    const { fwd, back } = shift(10, 5);
    expect(coreDistance(template([core(100, 100)]), template([core(110, 105)]), field(), field(), fwd, back)).toBeCloseTo(0, 9);
    expect(coreDistance(template([core(100, 100)]), template([core(140, 135)]), field(), field(), fwd, back)).toBeCloseTo(Math.hypot(30, 30), 9);
    // Two candidate cores (a whorl): the nearer one counts.
    expect(coreDistance(template([core(100, 100)]), template([core(200, 105), core(118, 105)]), field(), field(), fwd, back)).toBeCloseTo(8, 9);
  });
  it('is null unless both cores lie in the common finger area, and deltas do not count', () => {
    const { fwd, back } = shift(0, 0);
    // The probe's core maps onto the candidate's background (columns ≥ 5 are background there).
    expect(coreDistance(template([core(200, 100)]), template([core(40, 100)]), field(), field(5), fwd, back)).toBeNull();
    // The candidate's core maps back onto the probe's background.
    expect(coreDistance(template([core(40, 100)]), template([core(200, 100)]), field(5), field(), fwd, back)).toBeNull();
    expect(coreDistance(template([{ ...core(100, 100), type: 'delta' }]), template([core(100, 100)]), field(), field(), fwd, back)).toBeNull();
    expect(coreDistance(template([]), template([core(100, 100)]), field(), field(), fwd, back)).toBeNull();
  });
});

describe('the core-position score', () => {
  const c = (coreDistance: number | null) => ({ score: 0.05, coreDistance }) as PairFigures;
  it('is today\'s score at w 0, without a core pair, and within the slack', () => {
    expect(corePositionScore(c(200), 0)).toBe(0.05);
    expect(corePositionScore(c(null), 4)).toBe(0.05);
    expect(corePositionScore(c(CORE_SLACK_PX), 4)).toBe(0.05);
  });
  it('falls by exp(−w · excess / 100) beyond the slack', () => {
    expect(corePositionScore(c(CORE_SLACK_PX + 50), 2)).toBeCloseTo(0.05 * Math.exp(-1), 12);
    expect(corePositionScore(c(CORE_SLACK_PX + 50), 4)).toBeLessThan(corePositionScore(c(CORE_SLACK_PX + 50), 2));
  });
});
