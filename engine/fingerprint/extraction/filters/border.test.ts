import { describe, expect, it } from 'vitest';
import type { MinutiaCandidate } from '../minutiae.js';
import { BORDER_INNER_PX, BORDER_MIN_PX } from '../parameters.js';
import type { SegmentationMask } from '../segmentation-mask.js';
import { removeBorderMinutiae } from './border.js';

// The print fills x < EDGE; beyond it is background. Border distance as the segmentation gives it:
// 0 outside the mask, growing by one per pixel inwards.
const W = 120, H = 120, EDGE = 80;
function halfPlane(): SegmentationMask {
  const mask = new Uint8Array(W * H);
  const borderDistance = new Float32Array(W * H);
  for (let y = 0; y < H; y++) for (let x = 0; x < EDGE; x++) { mask[y * W + x] = 1; borderDistance[y * W + x] = EDGE - x; }
  return { width: W, height: H, mask, borderDistance, area: EDGE * H };
}
// minutiae.ts: an ending's angle points from the end into its own ridge, so the ridge carried on
// beyond the end goes the opposite way. Pixel frame, +x towards +y.
const deg = (d: number): number => ((d % 360) + 360) % 360 * (Math.PI / 180);
const ending = (x: number, angleDeg: number): MinutiaCandidate => ({ x, y: 60, angle: deg(angleDeg), type: 'ending', node: 0, quality: 50 });
const bifurcation = (x: number, angleDeg: number): MinutiaCandidate => ({ x, y: 60, angle: deg(angleDeg), type: 'bifurcation', node: 0, quality: 50 });
const band = EDGE - 7; // border distance 7: inside today's 10 px band, outside the 4 px inner limit

describe('border filter', () => {
  it('distance: drops everything in the band, as before the study', () => {
    const seg = halfPlane();
    const ms = [ending(band, 180), ending(band, 90), bifurcation(band, 0), ending(EDGE - BORDER_MIN_PX, 180)];
    expect(removeBorderMinutiae(ms, seg)).toEqual([ms[3]]);
    expect(removeBorderMinutiae(ms, seg, 'distance')).toEqual([ms[3]]);
  });

  it('direction: drops an ending whose ridge runs into the border, keeps one whose ridge runs along it', () => {
    const seg = halfPlane();
    // Ridge body to the left (angle 180°): carried on, the ridge goes right, out of the print: cut.
    const cut = ending(band, 180);
    // Ridge body below (90°): carried on, it goes up, parallel to the border.
    const along = ending(band, 90);
    // Ridge body towards the border (0°): the ridge comes from the border and ends inside: a real ending.
    const fromBorder = ending(band, 0);
    expect(removeBorderMinutiae([cut, along, fromBorder], seg, 'direction')).toEqual([along, fromBorder]);
  });

  it('direction: the angle to the border decides (30° with the declared lookahead)', () => {
    const seg = halfPlane();
    const at = EDGE - 9;
    // Continuation 20° off the border towards it: 12 px ahead it is 4.1 px nearer the background (< 6): kept.
    const shallow = ending(at, 90 + 20);
    // 45° towards it: 8.5 px nearer: dropped.
    const steep = ending(at, 90 + 45);
    expect(removeBorderMinutiae([shallow, steep], seg, 'direction')).toEqual([shallow]);
  });

  it('direction: keeps bifurcations in the band, drops everything within the inner limit', () => {
    const seg = halfPlane();
    const fork = bifurcation(band, 180);
    const innerEnding = ending(EDGE - (BORDER_INNER_PX - 1), 90);
    const innerFork = bifurcation(EDGE - (BORDER_INNER_PX - 1), 90);
    const deep = ending(EDGE - 40, 180);
    expect(removeBorderMinutiae([fork, innerEnding, innerFork, deep], seg, 'direction')).toEqual([fork, deep]);
  });

  it('direction: a continuation leaving the image counts as leaving the print', () => {
    const seg = halfPlane();
    // A print touching the image's top edge: border distance 7 there too, and the ridge runs up out of the image.
    const m: MinutiaCandidate = { x: 40, y: 5, angle: deg(90), type: 'ending', node: 0, quality: 50 };
    seg.borderDistance[5 * W + 40] = 7;
    expect(removeBorderMinutiae([m], seg, 'direction')).toEqual([]);
  });
});

describe('border filter with the clarity gate', () => {
  // The clarity each minutia is given, by its x: the gate reads nothing else.
  const gateOf = (clarityByX: Record<number, number>, minClarity = 0.8) => ({ clarity: (m: MinutiaCandidate) => clarityByX[m.x], minClarity });

  it('direction-clarity: drops a band minutia in unclear ridges that direction keeps, keeps a clear one', () => {
    const seg = halfPlane();
    const unclear = bifurcation(EDGE - 7, 180);
    const clear = bifurcation(EDGE - 8, 180);
    const gate = gateOf({ [EDGE - 7]: 0.79, [EDGE - 8]: 0.8 });
    expect(removeBorderMinutiae([unclear, clear], seg, 'direction', gate)).toEqual([unclear, clear]);
    expect(removeBorderMinutiae([unclear, clear], seg, 'direction-clarity', gate)).toEqual([clear]);
  });

  it('direction-clarity: gates the band only, and a clear cut ridge still goes', () => {
    const seg = halfPlane();
    const deepUnclear = ending(EDGE - 40, 180);
    const cutClear = ending(EDGE - 7, 180);
    const innerClear = bifurcation(EDGE - (BORDER_INNER_PX - 1), 90);
    const gate = gateOf({ [EDGE - 40]: 0, [EDGE - 7]: 1, [EDGE - (BORDER_INNER_PX - 1)]: 1 });
    expect(removeBorderMinutiae([deepUnclear, cutClear, innerClear], seg, 'direction-clarity', gate)).toEqual([deepUnclear]);
  });

  it('distance ignores the gate; direction-clarity without one is refused', () => {
    const seg = halfPlane();
    const ms = [bifurcation(EDGE - 7, 0), ending(EDGE - BORDER_MIN_PX, 180)];
    expect(removeBorderMinutiae(ms, seg, 'distance', gateOf({ [EDGE - 7]: 1, [EDGE - BORDER_MIN_PX]: 0 }))).toEqual([ms[1]]);
    expect(() => removeBorderMinutiae(ms, seg, 'direction-clarity')).toThrow(/clarity gate/);
  });
});
