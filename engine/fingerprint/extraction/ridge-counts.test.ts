import { describe, expect, it } from 'vitest';
import type { BinarizedImage } from './binarized-image.js';
import { ridgeCounts, ridgesBetween } from './ridge-counts.js';

/** Horizontal ridges: rows y with (y mod period) < width are ridge (1); the whole image is finger. */
function stripes(w: number, h: number, period = 10, width = 5): { binary: BinarizedImage; mask: Uint8Array } {
  const ridge = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) ridge[y * w + x] = y % period < width ? 1 : 0;
  return { binary: { width: w, height: h, ridge }, mask: new Uint8Array(w * h).fill(1) };
}

describe('ridgesBetween (the counting convention of docs/decisions/ridge-count-cue.md)', () => {
  // Ridges occupy rows 10k .. 10k+4; a at row 22 sits on ridge 2, b at row 72 on ridge 7.
  const { binary, mask } = stripes(200, 200);

  it('counts the ridges strictly between two minutiae, not the ones they sit on', () => {
    expect(ridgesBetween(binary, mask, 50, 22, 50, 72)).toBe(4); // ridges 3, 4, 5, 6
    expect(ridgesBetween(binary, mask, 50, 72, 50, 22)).toBe(4); // either direction
    expect(ridgesBetween(binary, mask, 50, 22, 50, 32)).toBe(0); // adjacent ridges: none between
    expect(ridgesBetween(binary, mask, 50, 22, 50, 42)).toBe(1);
  });

  it('counts the same ridges along an oblique segment, whatever its angle', () => {
    expect(ridgesBetween(binary, mask, 30, 22, 130, 72)).toBe(4);
    expect(ridgesBetween(binary, mask, 170, 21, 20, 73)).toBe(4);
    expect(ridgesBetween(binary, mask, 10, 12, 190, 92)).toBe(7); // ridge 1 to ridge 9
  });

  it('counts nothing along the ridge a minutia sits on, and counts from a minutia in a valley', () => {
    expect(ridgesBetween(binary, mask, 20, 22, 120, 22)).toBe(0);
    // A minutia just off its ridge (a ridge ending's tip lies at the ridge's end): the ridge it
    // leaves within two samples is still its own.
    expect(ridgesBetween(binary, mask, 50, 25, 50, 72)).toBe(4);
    expect(ridgesBetween(binary, mask, 50, 26, 50, 72)).toBe(4);
    // Mid-valley (row 27), three samples from ridge 3: that ridge is crossed and counted.
    expect(ridgesBetween(binary, mask, 50, 27, 50, 72)).toBe(4);
    expect(ridgesBetween(binary, mask, 50, 17, 50, 72)).toBe(5); // mid-valley above ridge 2: ridges 2..6
  });

  it('ignores one-sample specks: a hole in a ridge and a dot in a valley', () => {
    const holes = stripes(200, 200);
    holes.binary.ridge[42 * 200 + 50] = 0; // a one-pixel hole inside ridge 4 on the path
    holes.binary.ridge[57 * 200 + 50] = 1; // a one-pixel dot in the valley between ridges 5 and 6
    expect(ridgesBetween(holes.binary, holes.mask, 50, 22, 50, 72)).toBe(4);
    // A one-sample piece of ridge left beside a hole is merged away too (rows 40, then 41–42 hole).
    holes.binary.ridge[41 * 200 + 50] = 0;
    expect(ridgesBetween(holes.binary, holes.mask, 50, 22, 50, 72)).toBe(4);
    // Two samples of hole between two pieces of two samples split the ridge in two: widen ridge 4
    // to rows 40–45 and open rows 42–43.
    holes.binary.ridge[41 * 200 + 50] = 1;
    holes.binary.ridge[45 * 200 + 50] = 1;
    holes.binary.ridge[43 * 200 + 50] = 0;
    expect(ridgesBetween(holes.binary, holes.mask, 50, 22, 50, 72)).toBe(5);
  });

  it('gives no count (−1) where the segment leaves the finger area or the image', () => {
    const m = mask.slice();
    m[50 * 200 + 50] = 0;
    expect(ridgesBetween(binary, m, 50, 22, 50, 72)).toBe(-1);
    expect(ridgesBetween(binary, m, 60, 22, 60, 72)).toBe(4);
    expect(ridgesBetween(binary, mask, 50, 22, 50, 250)).toBe(-1);
  });

  it('follows the ridge period: halving it doubles the count', () => {
    const fine = stripes(200, 200, 6, 3); // ridges rows 6k..6k+2
    // From ridge 2 (row 13) to ridge 12 (row 73): ridges 3..11 between.
    expect(ridgesBetween(fine.binary, fine.mask, 40, 13, 40, 73)).toBe(9);
  });
});

describe('ridgeCounts', () => {
  const { binary, mask } = stripes(200, 200);

  it('links each minutia to its k nearest, once per pair (from < to), in order, with the counts', () => {
    // A column of minutiae on ridges 1, 3, 5, 7 and one far to the side on ridge 5.
    const m = [
      { x: 50, y: 12 },
      { x: 50, y: 32 },
      { x: 50, y: 52 },
      { x: 50, y: 72 },
      { x: 190, y: 52 },
    ];
    expect(ridgeCounts(m, binary, mask, 1)).toEqual([
      { from: 0, to: 1, count: 1 },
      { from: 1, to: 2, count: 1 }, // 1's nearest: 0 and 2 at equal distance; ties to the lower index → 0; 2's nearest → 1
      { from: 2, to: 3, count: 1 },
      { from: 2, to: 4, count: 0 }, // 4's nearest is 2, along ridge 5
    ]);
    const all = ridgeCounts(m, binary, mask, 8);
    expect(all).toHaveLength(10);
    expect(all.find((e) => e.from === 0 && e.to === 3)?.count).toBe(5);
    expect(all.find((e) => e.from === 0 && e.to === 4)?.count).toBe(3); // oblique: ridges 2, 3, 4
  });

  it('leaves out pairs whose segment leaves the finger area, and handles 0 or 1 minutia', () => {
    const m = mask.slice();
    for (let y = 0; y < 200; y++) m[y * 200 + 100] = 0; // a background column between the two halves
    const pts = [{ x: 50, y: 12 }, { x: 150, y: 12 }, { x: 50, y: 52 }];
    expect(ridgeCounts(pts, binary, m)).toEqual([{ from: 0, to: 2, count: 3 }]);
    expect(ridgeCounts([], binary, mask)).toEqual([]);
    expect(ridgeCounts([{ x: 1, y: 1 }], binary, mask)).toEqual([]);
  });
});
