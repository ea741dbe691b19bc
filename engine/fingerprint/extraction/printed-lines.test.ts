import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../gray-image.js';
import { orientationField } from './orientation-field.js';
import { isRuled, printedLines } from './printed-lines.js';
import { segmentationMask } from './segmentation-mask.js';

const W = 420, H = 420, LINE_Y = 330;

/**
 * A rolled print cut from a tenprint card: a finger (a rounded blob, x 50..330, y 30..322) of
 * curved ridges (period 9 px) on light paper; with `line`, the print box's ruled line (3 px, dark)
 * across the whole image at rows 330–332, and below it ink of the next box (oblique ridges, rows
 * `inkFrom`..419, the whole width).
 */
function card(line: boolean, inkFrom = LINE_Y + 20): GrayImage {
  const pixels = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let v = 225;
      const inFinger = Math.hypot((x - 190) / 140, (y - 176) / 146) <= 1;
      if (inFinger) v = Math.round(130 + 90 * Math.cos((2 * Math.PI * Math.hypot(x - 190, y - 60)) / 9));
      if (line && y >= LINE_Y && y < LINE_Y + 3) v = 35;
      if (line && y >= inkFrom) v = Math.round(140 + 80 * Math.cos((2 * Math.PI * (x * 0.8 + y * 0.6)) / 9));
      pixels[y * W + x] = Math.max(0, Math.min(255, v + (((x * 7 + y * 13) % 5) - 2)));
    }
  }
  return { width: W, height: H, pixels, ppi: 500 };
}

/** Mask pixels set in rows y0..y1 − 1 of a mask `width` wide (the card's W unless given). */
function maskedRows(mask: Uint8Array, y0: number, y1: number, width = W): number {
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = 0; x < width; x++) n += mask[y * width + x];
  return n;
}

describe('printed lines', () => {
  it('finds the box line of a card, and no line in a print alone', () => {
    const withLine = card(true);
    const lines = printedLines(withLine.pixels, orientationField(withLine).angle, W, H);
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      // Horizontal, through rows 328..334, over most of the width.
      expect(Math.abs(l.dy)).toBeLessThan(0.05);
      const mid = (l.from + l.to) / 2;
      expect(Math.abs(l.y0 + l.dy * mid - (LINE_Y + 1))).toBeLessThanOrEqual(3);
      expect(l.to - l.from).toBeGreaterThan(0.8 * W);
    }
    const plain = card(false);
    expect(printedLines(plain.pixels, orientationField(plain).angle, W, H)).toEqual([]);
  });

  it('tells a ruled family from a lone line', () => {
    const line = (y: number) => ({ dx: 1, dy: 0, x0: 0, y0: y, from: 0, to: 400 });
    const a = line(100), b = line(130), c = line(300), d = line(104);
    expect(isRuled(a, [a, b, c])).toBe(true); // 30 px apart: ruled paper
    expect(isRuled(c, [a, b, c])).toBe(false); // 170 px from the nearest
    expect(isRuled(a, [a, d])).toBe(false); // the same line found again at 4 px
  });

  it("cuts the mask at the box line: the next box's ink leaves it, the finger stays", () => {
    const image = card(true);
    const orientation = orientationField(image);
    const before = segmentationMask(image, orientation, { printedLines: 0 });
    const after = segmentationMask(image, orientation, { printedLines: 2 });
    // Without the stage the mask runs over the line into the ink below (the test can fail).
    expect(maskedRows(before.mask, LINE_Y + 20, H)).toBeGreaterThan(10 * W);
    expect(maskedRows(after.mask, LINE_Y - 4, H)).toBe(0);
    // The finger's rows are kept.
    expect(maskedRows(after.mask, 60, 290)).toBeGreaterThan(0.9 * maskedRows(before.mask, 60, 290));
  });

  it('leaves the mask of a print with no printed line as it was', () => {
    const image = card(false);
    const orientation = orientationField(image);
    const before = segmentationMask(image, orientation, { printedLines: 0 });
    const after = segmentationMask(image, orientation, { printedLines: 2 });
    expect(Buffer.from(after.mask).equals(Buffer.from(before.mask))).toBe(true);
    expect(after.area).toBe(before.area);
  });
});

describe('printed lines, setting 3 (a lone line cuts only where the cut is safe)', () => {
  const WW = 700, HH = 420, MID = 176;

  /**
   * A finger (a rounded blob, x 210..490, y 30..322, curved ridges of period 9 px) on light paper
   * with one dark ruled line (3 px) across the whole width through its middle, rows 176–178: a line
   * of a ruled family whose other lines went unseen. No other line.
   */
  function crossed(): GrayImage {
    const pixels = new Uint8Array(WW * HH);
    for (let y = 0; y < HH; y++) {
      for (let x = 0; x < WW; x++) {
        let v = 225;
        if (Math.hypot((x - 350) / 140, (y - MID) / 146) <= 1) v = Math.round(130 + 90 * Math.cos((2 * Math.PI * Math.hypot(x - 350, y - 60)) / 9));
        if (y >= MID && y < MID + 3) v = 35;
        pixels[y * WW + x] = Math.max(0, Math.min(255, v + (((x * 7 + y * 13) % 5) - 2)));
      }
    }
    return { width: WW, height: HH, pixels, ppi: 500 };
  }

  it("cuts at a box edge below the print: the next box's ink leaves, the finger stays", () => {
    // Ink from row 370: the piece beyond the line holds well under half the finger's core blocks.
    // (With the ink from row 350, 70 rows of ridges across the whole width, it holds about half,
    // as much as a finger's half, and setting 3 leaves the line alone.)
    const image = card(true, LINE_Y + 40);
    const orientation = orientationField(image);
    const before = segmentationMask(image, orientation, { printedLines: 0 });
    const after = segmentationMask(image, orientation, { printedLines: 3 });
    expect(maskedRows(before.mask, LINE_Y + 40, H)).toBeGreaterThan(10 * W);
    expect(maskedRows(after.mask, LINE_Y - 4, H)).toBe(0);
    expect(maskedRows(after.mask, 60, 290)).toBeGreaterThan(0.9 * maskedRows(before.mask, 60, 290));
  });

  it('does not cut at a lone line through the middle of a finger (setting 2 does)', () => {
    const image = crossed();
    const orientation = orientationField(image);
    const lines = printedLines(image.pixels, orientation.angle, WW, HH);
    // The line is found, and taken for a lone one (the test can fail: setting 2 cuts the finger).
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => !isRuled(l, lines))).toBe(true);
    const before = segmentationMask(image, orientation, { printedLines: 0 });
    const two = segmentationMask(image, orientation, { printedLines: 2 });
    const three = segmentationMask(image, orientation, { printedLines: 3 });
    const upper = maskedRows(before.mask, 40, MID - 10, WW), lower = maskedRows(before.mask, MID + 10, 310, WW);
    expect(upper).toBeGreaterThan(0);
    expect(lower).toBeGreaterThan(0);
    expect(Math.min(maskedRows(two.mask, 40, MID - 10, WW), maskedRows(two.mask, MID + 10, 310, WW))).toBeLessThan(0.1 * Math.min(upper, lower));
    // Setting 3 keeps both halves of the finger.
    expect(maskedRows(three.mask, 40, MID - 10, WW)).toBeGreaterThan(0.9 * upper);
    expect(maskedRows(three.mask, MID + 10, 310, WW)).toBeGreaterThan(0.9 * lower);
  });
});
