/**
 * Long straight dark lines: a tenprint card's ruled print-box lines, ruled paper under a print
 * (issue 15: "segmentation that works on any background"). A printed line is straight and much
 * longer than a ridge period; a ridge curves within a few periods and always has neighbours one
 * period away (ridges are periodic), so a line is a straight dark stripe that
 * 1. holds more dark pixels than the stripes PRINTED_LINE_NEIGHBOUR_MIN..MAX px either side of it
 *    (where a ridge field has its next ridge), by at least PRINTED_LINE_MIN_LENGTH periods' worth,
 *    in a projection of the dark pixels along each direction within ±PRINTED_LINE_MAX_TILT° of
 *    the image's rows and columns (a card is scanned upright; ruled paper lies as it lies);
 * 2. is continuous: along it, a dark pixel within PRINTED_LINE_HALF_WIDTH px of its axis at every
 *    step but gaps of at most PRINTED_LINE_MAX_GAP px, over at least PRINTED_LINE_MIN_LENGTH
 *    periods.
 * "Dark": below the midpoint of the image's 5th and 95th percentile grays. Lengths are in periods
 * of PERIOD_DEFAULT (9 px at 500 ppi, where every stage works).
 */
import {
  PERIOD_DEFAULT,
  PRINTED_LINE_HALF_WIDTH,
  PRINTED_LINE_MAX_GAP,
  PRINTED_LINE_MAX_TILT,
  PRINTED_LINE_MIN_LENGTH,
  PRINTED_LINE_NEIGHBOUR_MAX,
  PRINTED_LINE_NEIGHBOUR_MIN,
  PRINTED_LINE_RULED_SPACING,
} from './parameters.js';

export interface PrintedLine {
  /** The line's direction (unit vector) and a point on it; from..to: its run along the direction, px from that point. */
  dx: number;
  dy: number;
  x0: number;
  y0: number;
  from: number;
  to: number;
}

/**
 * The long straight dark lines of the image (none on a plain fingerprint). `angle`: the ridge
 * orientation per pixel (orientation-field.ts); a dark pixel votes only for the directions within
 * 1° of its own (a line's pixels have the line's direction), which keeps the search cheap.
 */
export function printedLines(pixels: Uint8Array, angle: Float32Array, w: number, h: number): PrintedLine[] {
  const { dark } = darkThreshold(pixels, w, h);
  const minLength = PRINTED_LINE_MIN_LENGTH * PERIOD_DEFAULT;
  if (Math.max(w, h) < minLength) return [];
  const tilts = 2 * PRINTED_LINE_MAX_TILT + 1;
  const lines: PrintedLine[] = [];
  const degree = Math.PI / 180;
  // The dark pixels of every second row and column vote (a line at least 2 px thick is seen at
  // every second step along it).
  type Direction = { dx: number; dy: number; nx: number; ny: number; lo: number; count: Int32Array };
  const axes: Direction[][] = [0, 1].map((axis) => {
    const dirs: Direction[] = [];
    for (let k = 0; k < tilts; k++) {
      const t = (k - PRINTED_LINE_MAX_TILT) * degree;
      const dx = axis === 0 ? Math.cos(t) : -Math.sin(t), dy = axis === 0 ? Math.sin(t) : Math.cos(t);
      const nx = -dy, ny = dx;
      const lo = Math.floor(Math.min(0, nx * (w - 1)) + Math.min(0, ny * (h - 1))) - 1;
      dirs.push({ dx, dy, nx, ny, lo, count: new Int32Array(Math.ceil(Math.abs(nx) * w + Math.abs(ny) * h) + 3) });
    }
    return dirs;
  });
  const votes = [0, 0];
  const toDegrees = 180 / Math.PI, reach = PRINTED_LINE_MAX_TILT + 1.5;
  for (let y = 0; y < h; y += 2) {
    for (let x = 0, i = y * w; x < w; x += 2, i += 2) {
      if (pixels[i] >= dark) continue;
      // The pixel's direction in degrees, [0, 180): near 0 or 180 horizontal, near 90 vertical.
      const a = angle[i] * toDegrees;
      let axis: 0 | 1, d: number;
      if (a < reach) { axis = 0; d = a; }
      else if (a > 180 - reach) { axis = 0; d = a - 180; }
      else if (a > 90 - reach && a < 90 + reach) { axis = 1; d = a - 90; }
      else continue;
      const dirs = axes[axis];
      const k0 = Math.round(d) + PRINTED_LINE_MAX_TILT;
      for (let k = Math.max(0, k0 - 1); k <= Math.min(tilts - 1, k0 + 1); k++) {
        const dir = dirs[k];
        dir.count[Math.round(x * dir.nx + y * dir.ny) - dir.lo]++;
        votes[axis]++;
      }
    }
  }
  for (const axis of [0, 1] as const) {
    const dirs = axes[axis];
    const need = minLength / 2; // votes: every second step along the line
    if (votes[axis] < need) continue;
    const along = axis === 0 ? w : h;
    const hw = PRINTED_LINE_HALF_WIDTH;
    for (const { dx, dy, nx, ny, lo, count } of dirs) {
      const bins = count.length;
      // Window sums of 2·HALF_WIDTH+1 bins.
      const s = new Int32Array(bins);
      for (let b = 0, run = 0; b < bins + hw; b++) {
        if (b < bins) run += count[b];
        if (b - 2 * hw - 1 >= 0) run -= count[b - 2 * hw - 1];
        if (b - hw >= 0 && b - hw < bins) s[b - hw] = run;
      }
      for (let b = 0; b < bins; b++) {
        if (s[b] < need) continue;
        // A local maximum of the window sum only (a thick line gives a plateau: its first bin).
        if ((b > 0 && s[b - 1] >= s[b]) || (b + 1 < bins && s[b + 1] > s[b])) continue;
        let neighbour = 0;
        for (let d = PRINTED_LINE_NEIGHBOUR_MIN; d <= PRINTED_LINE_NEIGHBOUR_MAX; d++) {
          if (b - d >= 0 && s[b - d] > neighbour) neighbour = s[b - d];
          if (b + d < bins && s[b + d] > neighbour) neighbour = s[b + d];
        }
        if (s[b] - neighbour < need) continue;
        const offset = b + lo;
        const run = longestRun(pixels, w, h, dark, dx, dy, nx * offset, ny * offset, along);
        if (run && run.to - run.from >= minLength) lines.push({ dx, dy, x0: nx * offset, y0: ny * offset, from: run.from, to: run.to });
      }
    }
  }
  return lines;
}

/** The longest stretch along the line (through (x0, y0), direction (dx, dy)) dark within HALF_WIDTH px of its axis, with gaps of at most MAX_GAP. */
function longestRun(pixels: Uint8Array, w: number, h: number, dark: number, dx: number, dy: number, x0: number, y0: number, along: number): { from: number; to: number } | null {
  const nx = -dy, ny = dx;
  const reach = along * 1.1 + PERIOD_DEFAULT;
  let best: { from: number; to: number } | null = null;
  let start = NaN, last = NaN;
  for (let s = -reach; s <= reach; s++) {
    const cx = x0 + dx * s, cy = y0 + dy * s;
    let on = false, inside = false;
    for (let k = -PRINTED_LINE_HALF_WIDTH; k <= PRINTED_LINE_HALF_WIDTH && !on; k++) {
      const x = Math.round(cx + nx * k), y = Math.round(cy + ny * k);
      if (x < 0 || y < 0 || x >= w || y >= h) continue;
      inside = true;
      if (pixels[y * w + x] < dark) on = true;
    }
    if (!inside && Number.isNaN(start)) continue;
    if (on) {
      if (Number.isNaN(start) || s - last > PRINTED_LINE_MAX_GAP + 1) start = s;
      last = s;
      if (!best || last - start > best.to - best.from) best = { from: start, to: last };
    }
  }
  return best;
}

/** The midpoint of the 5th and 95th percentile grays of every second row and column. */
function darkThreshold(pixels: Uint8Array, w: number, h: number): { dark: number } {
  const histogram = new Uint32Array(256);
  let n = 0;
  for (let y = 0; y < h; y += 2) for (let i = y * w, end = y * w + w; i < end; i += 2, n++) histogram[pixels[i]]++;
  let light = 255, low = 0;
  for (let v = 0, seen = 0, found = false; v < 256; v++) {
    seen += histogram[v];
    if (!found && seen >= 0.05 * n) { low = v; found = true; }
    if (seen >= 0.95 * n) { light = v; break; }
  }
  return { dark: (low + light) / 2 };
}

/**
 * The blocks (side `block`) the lines pass through, widened by `margin` px either side of the
 * line's dark stripe: 1 there, 0 elsewhere.
 */
export function lineBlocks(lines: PrintedLine[], w: number, h: number, block: number, margin: number): Uint8Array {
  const bw = Math.ceil(w / block), bh = Math.ceil(h / block);
  const out = new Uint8Array(bw * bh);
  const half = PRINTED_LINE_HALF_WIDTH + margin;
  for (const l of lines) {
    const nx = -l.dy, ny = l.dx;
    for (let s = l.from; s <= l.to; s++) {
      for (let k = -half; k <= half; k++) {
        const x = Math.round(l.x0 + l.dx * s + nx * k), y = Math.round(l.y0 + l.dy * s + ny * k);
        if (x < 0 || y < 0 || x >= w || y >= h) continue;
        out[((y / block) | 0) * bw + ((x / block) | 0)] = 1;
      }
    }
  }
  return out;
}

/**
 * Whether the line is one of a ruled family (ruled paper, a printed grid): another line within 2°
 * of its direction lies more than PRINTED_LINE_NEIGHBOUR_MAX px (not the same line found again)
 * and at most PRINTED_LINE_RULED_SPACING periods from it (measured at that line's middle). A print
 * box's edge is a lone line; a ruled family runs under the print.
 */
export function isRuled(line: PrintedLine, lines: PrintedLine[]): boolean {
  const nx = -line.dy, ny = line.dx;
  const offset = line.x0 * nx + line.y0 * ny;
  for (const other of lines) {
    if (other === line) continue;
    if (Math.abs(other.dx * line.dx + other.dy * line.dy) < Math.cos((2 * Math.PI) / 180)) continue;
    const mid = (other.from + other.to) / 2;
    const d = Math.abs((other.x0 + other.dx * mid) * nx + (other.y0 + other.dy * mid) * ny - offset);
    if (d > PRINTED_LINE_NEIGHBOUR_MAX && d <= PRINTED_LINE_RULED_SPACING * PERIOD_DEFAULT) return true;
  }
  return false;
}
