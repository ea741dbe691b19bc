/**
 * The matcher's search form of a template: one bit-based Minutia Cylinder-Code cylinder per usable
 * minutia, with the minutia's position, direction and type. Made once per template (probe or
 * gallery record) and then compared with many others without further allocation. About 87 bytes
 * per cylinder (48 of them cell bits) and the template's W; the pairwise geometry relaxation needs
 * is not stored.
 *
 * Method: Cappelli, Ferrara, Maltoni 2010 (TPAMI), §3 (cylinder creation) and §3.3 (bit-based
 * implementation, "MCC-bit"). Coordinates are turned to a right-handed frame (y up) so that the
 * template convention "direction CCW from +x as viewed" is an ordinary mathematical angle.
 */
import { EngineError } from '../../errors.js';
import type { BlockOrientations, FingerprintTemplate, Minutia } from '../template.js';
import { angleDifference } from './angle.js';
import { convexHull, insideEnlargedHull } from './convex-hull.js';
import {
  CELL_THRESHOLD,
  CYLINDER_RADIUS,
  DIRECTION_CELLS,
  HULL_OFFSET,
  MAX_MINUTIAE,
  MIN_NEIGHBOURS,
  MIN_VALID_CELLS,
  QUALITY_SPREAD_Q0,
  QUALITY_SPREAD_Q1,
  QUALITY_SPREAD_WMIN,
  SIGMA_DIRECTION,
  SIGMA_SPATIAL,
  SPATIAL_CELLS,
} from './parameters.js';
import { qualityWeight } from './quality-weight.js';

/** Cells of one directional layer, and 32-bit words per layer / per cylinder. */
export const LAYER_CELLS = SPATIAL_CELLS * SPATIAL_CELLS;
export const LAYER_WORDS = Math.ceil(LAYER_CELLS / 32);
export const CYLINDER_WORDS = LAYER_WORDS * DIRECTION_CELLS;

export interface PreparedTemplate {
  readonly kind: 'mcc-prepared';
  /** Number of valid cylinders (the minutiae the matcher uses). */
  readonly count: number;
  /**
   * W: the sum of the valid cylinders' quality weights (parameters.ts, QUALITY_SPREAD_*), which
   * sets relaxation's spread (consolidation.ts); exactly `count` when they all carry one quality.
   */
  readonly weightedCount: number;
  /** Index into the source template's `minutiae` of each cylinder's minutia. */
  readonly minutia: Int32Array;
  /**
   * Minutia position in a y-up frame (x, −y) and direction in [0, 2π), per cylinder. Float64, as
   * the template gave them: relaxation's pairwise geometry (pairwise-geometry.ts) is computed from
   * them on demand instead of being stored as count² tables, and must round as it always did.
   */
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly direction: Float64Array;
  /** cos and sin of the direction, for the δθ test of local-similarity.ts. */
  readonly cos: Float32Array;
  readonly sin: Float32Array;
  /** Cell bits, CYLINDER_WORDS per cylinder; a bit is set only in a valid cell. */
  readonly cells: Uint32Array;
  /** Number of set cells, per cylinder (the Dice denominator of local-similarity.ts). */
  readonly total: Uint16Array;
  /** Minutia type per cylinder: 0 other, 1 ending, 2 bifurcation. */
  readonly type: Uint8Array;
  /** The template's block orientation field, when it has one (the orientation cue). */
  readonly orientations?: BlockOrientations;
}
/** erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), enough for cell contributions. */
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.3275911 * ax);
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-ax * ax);
  return sign * y;
}

const DELTA_S = (2 * CYLINDER_RADIUS) / SPATIAL_CELLS;
const DELTA_D = (2 * Math.PI) / DIRECTION_CELLS;
const GAUSS_NORM = 1 / (SIGMA_SPATIAL * Math.sqrt(2 * Math.PI));
const SPATIAL_REACH = 3 * SIGMA_SPATIAL;

/** Directional contribution: the σD Gaussian integrated over one directional cell (MCC §3, eq. 8). */
function directionalContribution(cellAngle: number, relativeDirection: number): number {
  const alpha = angleDifference(cellAngle, relativeDirection);
  const s = SIGMA_DIRECTION * Math.SQRT2;
  return 0.5 * (erf((alpha + DELTA_D / 2) / s) - erf((alpha - DELTA_D / 2) / s));
}

/**
 * The same, tabulated per directional cell over the relative direction in 2π/4096 steps (0.09°,
 * far below σD = 40°), so building a template costs no erf per minutia pair.
 */
const DIRECTION_STEPS = 4096;
const DIRECTION_TABLE = (() => {
  const table = new Float64Array(DIRECTION_STEPS * DIRECTION_CELLS);
  for (let q = 0; q < DIRECTION_STEPS; q++) {
    const relative = -Math.PI + (q * 2 * Math.PI) / DIRECTION_STEPS;
    for (let k = 0; k < DIRECTION_CELLS; k++) table[q * DIRECTION_CELLS + k] = directionalContribution(-Math.PI + (k + 0.5) * DELTA_D, relative);
  }
  return table;
})();

function checkMinutia(m: Minutia, i: number): void {
  if (!Number.isFinite(m.x) || !Number.isFinite(m.y) || !Number.isFinite(m.direction)) {
    throw EngineError.invalidArgument(`template.minutiae[${i}]`, 'position and direction must be finite numbers');
  }
}

/** Keeps at most MAX_MINUTIAE minutiae, the best quality first (stable for equal quality). */
function usableMinutiae(template: FingerprintTemplate): number[] {
  const order = template.minutiae.map((_, i) => i);
  if (order.length <= MAX_MINUTIAE) return order;
  order.sort((a, b) => template.minutiae[b].quality - template.minutiae[a].quality || a - b);
  return order.slice(0, MAX_MINUTIAE).sort((a, b) => a - b);
}

/** Builds the cylinders of a template (MCC §3). */
export function prepareTemplate(template: FingerprintTemplate): PreparedTemplate {
  if (!template || !Array.isArray(template.minutiae)) {
    throw EngineError.invalidArgument('template.minutiae', 'must be an array of minutiae');
  }
  const chosen = usableMinutiae(template);
  const n = chosen.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const th = new Float64Array(n);
  const points = new Float64Array(2 * n);
  chosen.forEach((src, i) => {
    const m = template.minutiae[src];
    checkMinutia(m, src);
    xs[i] = m.x;
    ys[i] = -m.y;
    th[i] = ((m.direction % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
    points[2 * i] = xs[i];
    points[2 * i + 1] = ys[i];
  });
  const hull = convexHull(points, HULL_OFFSET);

  const cellsAll = new Uint32Array(n * CYLINDER_WORDS);
  const validAll = new Uint32Array(n * LAYER_WORDS);
  const keep: number[] = [];
  const neighbourReach2 = (CYLINDER_RADIUS + SPATIAL_REACH) ** 2;
  const cellSums = new Float64Array(DIRECTION_CELLS);
  const directional = new Float64Array(n * DIRECTION_CELLS);

  for (let i = 0; i < n; i++) {
    let neighbours = 0;
    for (let t = 0; t < n; t++) {
      if (t !== i && (xs[t] - xs[i]) ** 2 + (ys[t] - ys[i]) ** 2 <= neighbourReach2) neighbours++;
    }
    if (neighbours < MIN_NEIGHBOURS) continue;
    const c = Math.cos(th[i]);
    const s = Math.sin(th[i]);
    // The directional term depends on the two minutiae only, not on the cell: once per neighbour.
    for (let t = 0; t < n; t++) {
      const relative = angleDifference(th[i], th[t]);
      const q = Math.round(((relative + Math.PI) * DIRECTION_STEPS) / (2 * Math.PI)) % DIRECTION_STEPS;
      for (let k = 0; k < DIRECTION_CELLS; k++) directional[t * DIRECTION_CELLS + k] = DIRECTION_TABLE[q * DIRECTION_CELLS + k];
    }
    let validCells = 0;
    for (let a = 0; a < SPATIAL_CELLS; a++) {
      for (let b = 0; b < SPATIAL_CELLS; b++) {
        // Cell centre: the minutia plus the cell offset rotated by the minutia direction (§3, eq. 2).
        const u = DELTA_S * (a - (SPATIAL_CELLS - 1) / 2);
        const v = DELTA_S * (b - (SPATIAL_CELLS - 1) / 2);
        if (u * u + v * v > CYLINDER_RADIUS * CYLINDER_RADIUS) continue;
        const px = xs[i] + c * u - s * v;
        const py = ys[i] + s * u + c * v;
        if (!insideEnlargedHull(hull, px, py)) continue;
        const cell = a * SPATIAL_CELLS + b;
        validAll[i * LAYER_WORDS + (cell >>> 5)] |= 1 << (cell & 31);
        validCells++;
        cellSums.fill(0);
        for (let t = 0; t < n; t++) {
          if (t === i) continue;
          const dx = xs[t] - px;
          const dy = ys[t] - py;
          const d2 = dx * dx + dy * dy;
          if (d2 > SPATIAL_REACH * SPATIAL_REACH) continue;
          const spatial = GAUSS_NORM * Math.exp(-d2 / (2 * SIGMA_SPATIAL * SIGMA_SPATIAL));
          for (let k = 0; k < DIRECTION_CELLS; k++) cellSums[k] += spatial * directional[t * DIRECTION_CELLS + k];
        }
        for (let k = 0; k < DIRECTION_CELLS; k++) {
          // Bit-based cylinders: the sigmoid Ψ is replaced by the step at μΨ (§3.3).
          if (cellSums[k] >= CELL_THRESHOLD) {
            cellsAll[i * CYLINDER_WORDS + k * LAYER_WORDS + (cell >>> 5)] |= 1 << (cell & 31);
          }
        }
      }
    }
    // Cells within R of the centre: the base disc (§3: a cylinder is valid when enough of them are).
    if (validCells >= MIN_VALID_CELLS * DISC_CELLS) keep.push(i);
  }

  const count = keep.length;
  const cells = new Uint32Array(count * CYLINDER_WORDS);
  const total = new Uint16Array(count);
  const type = new Uint8Array(count);
  const minutia = new Int32Array(count);
  const x = new Float64Array(count);
  const y = new Float64Array(count);
  const direction = new Float64Array(count);
  const cos = new Float32Array(count);
  const sin = new Float32Array(count);
  keep.forEach((i, j) => {
    cells.set(cellsAll.subarray(i * CYLINDER_WORDS, (i + 1) * CYLINDER_WORDS), j * CYLINDER_WORDS);
    for (let w = 0; w < CYLINDER_WORDS; w++) total[j] += popcount(cellsAll[i * CYLINDER_WORDS + w]);
    minutia[j] = chosen[i];
    const mt = template.minutiae[chosen[i]].type;
    type[j] = mt === 'ending' ? 1 : mt === 'bifurcation' ? 2 : 0;
    x[j] = xs[i];
    y[j] = ys[i];
    direction[j] = th[i];
    cos[j] = Math.cos(th[i]);
    sin[j] = Math.sin(th[i]);
  });
  const weightedCount = templateWeight(template, minutia);
  return { kind: 'mcc-prepared', count, weightedCount, minutia, x, y, direction, cos, sin, cells, total, type, ...(template.orientations ? { orientations: template.orientations } : {}) };
}

const SPREAD_WEIGHTS = { q0: QUALITY_SPREAD_Q0, q1: QUALITY_SPREAD_Q1, wmin: QUALITY_SPREAD_WMIN } as const;

/**
 * W of the cylinders whose minutiae are `minutia` (indices into the template): Σ w(q) in cylinder
 * order, the order the study's consolidation summed them in (same bits); the count itself when
 * every one carries the same quality, which then says nothing about them (quality-weight.ts).
 */
export function templateWeight(template: FingerprintTemplate, minutia: Int32Array): number {
  const n = minutia.length;
  if (n === 0) return 0;
  const first = template.minutiae[minutia[0]].quality;
  let uniform = true;
  for (let k = 1; k < n && uniform; k++) uniform = template.minutiae[minutia[k]].quality === first;
  if (uniform) return n;
  let w = 0;
  for (let k = 0; k < n; k++) w += qualityWeight(template.minutiae[minutia[k]].quality, SPREAD_WEIGHTS);
  return w;
}

/** Number of base cells whose centre lies within R of the cylinder centre. */
export const DISC_CELLS = (() => {
  let c = 0;
  for (let a = 0; a < SPATIAL_CELLS; a++) {
    for (let b = 0; b < SPATIAL_CELLS; b++) {
      const u = DELTA_S * (a - (SPATIAL_CELLS - 1) / 2);
      const v = DELTA_S * (b - (SPATIAL_CELLS - 1) / 2);
      if (u * u + v * v <= CYLINDER_RADIUS * CYLINDER_RADIUS) c++;
    }
  }
  return c;
})();

/** Set bits of a 32-bit word (SWAR; JavaScript has no popcount instruction). */
export function popcount(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return Math.imul(v, 0x01010101) >>> 24;
}
