import { describe, expect, it } from 'vitest';
import type { MinutiaCandidate } from '../minutiae.js';
import type { RidgeFrequency } from '../ridge-frequency.js';
import type { SegmentationMask } from '../segmentation-mask.js';
import { removeBorderMinutiae } from './border.js';
import { removeClusters } from './clusters.js';
import { removeGaps } from './gaps.js';
import { filterMinutiaList } from './minutia-list.js';

const W = 200, H = 200;
function frequency(period: number): RidgeFrequency {
  const b = 16, bw = Math.ceil(W / b), bh = Math.ceil(H / b);
  return { width: W, height: H, block: b, blocksWide: bw, blocksHigh: bh, period: new Float32Array(bw * bh).fill(period), measured: new Uint8Array(bw * bh).fill(1) };
}
function mask(): SegmentationMask {
  const borderDistance = new Float32Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) borderDistance[y * W + x] = Math.min(x, y, W - 1 - x, H - 1 - y);
  return { width: W, height: H, mask: new Uint8Array(W * H).fill(1), borderDistance, area: W * H };
}
// An ending's angle points into its own ridge: across a gap the two point away from each other.
const ending = (x: number, y: number, angle: number): MinutiaCandidate => ({ x, y, angle, type: 'ending', node: 0, quality: 50 });
const bif = (x: number, y: number, angle: number): MinutiaCandidate => ({ x, y, angle, type: 'bifurcation', node: 0, quality: 50 });

describe('minutia-list filters', () => {
  it('untuned, is the gap, border and cluster chain of today', () => {
    let seed = 7;
    const r = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    const ms: MinutiaCandidate[] = [];
    for (let k = 0; k < 120; k++) ms.push(r() < 0.6 ? ending(Math.floor(r() * W), Math.floor(r() * H), r() * 2 * Math.PI) : bif(Math.floor(r() * W), Math.floor(r() * H), r() * 2 * Math.PI));
    const seg = mask();
    expect(filterMinutiaList(ms, seg, frequency(9))).toEqual(removeClusters(removeBorderMinutiae(removeGaps(ms), seg)));
  });
  it('measures the gap in local ridge periods when tuned so', () => {
    // A 20 px gap: beyond GAP_MAX_PX (16), within 2.2 periods of a 10 px ridge, not of a 6 px one.
    const ms = [ending(80, 100, Math.PI), ending(100, 100, 0)];
    expect(filterMinutiaList(ms, mask(), frequency(10))).toHaveLength(2);
    expect(filterMinutiaList(ms, mask(), frequency(10), { gapMaxPeriods: 2.2 })).toHaveLength(0);
    expect(filterMinutiaList(ms, mask(), frequency(6), { gapMaxPeriods: 2.2 })).toHaveLength(2);
  });
  it('pairs an ending with a facing bifurcation only when asked', () => {
    const ms = [ending(90, 100, Math.PI), bif(100, 100, 0)];
    expect(filterMinutiaList(ms, mask(), frequency(9))).toHaveLength(2);
    expect(filterMinutiaList(ms, mask(), frequency(9), { gapAnyType: true })).toHaveLength(0);
  });
  it('keeps endings that do not face each other', () => {
    const ms = [ending(80, 100, 0), ending(95, 100, Math.PI)];
    expect(filterMinutiaList(ms, mask(), frequency(9), { gapMaxPeriods: 3, gapAnyType: true })).toHaveLength(2);
  });
  it('scales the border distance by the period', () => {
    const ms = [bif(15, 100, 0)];
    expect(filterMinutiaList(ms, mask(), frequency(9))).toHaveLength(1);
    expect(filterMinutiaList(ms, mask(), frequency(9), { borderPeriods: 2 })).toHaveLength(0);
  });
});
