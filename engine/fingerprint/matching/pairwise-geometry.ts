/**
 * The quantised pairwise geometry that relaxation compares (MCC §4.3.2): for minutiae t and k of one
 * template, their distance, the difference of their directions dφ(θt, θk), and the radial angle
 * dR(t, k) between t's direction and the segment from t to k.
 *
 * A prepared form keeps no pairwise table (they were 6·n² bytes, two thirds of a cached form):
 * the probe's tables are made once per matcher (`ProbeGeometry`), and a candidate's values are
 * computed when relaxation reaches a pair, by the same functions from the same Float64 positions
 * and directions, so they are the same integers the stored tables held.
 */
import { angleDifference } from './angle.js';
import type { PreparedTemplate } from './prepared-template.js';
import { roundHalfUp } from './round-half-up.js';

/** Units of the quantised pairwise geometry: distances in 1/16 px, angles in π/1024. */
export const DISTANCE_UNITS_PER_PX = 16;
export const ANGLE_UNITS_PER_PI = 1024;

/** Distance of a displacement in 1/16 px, saturating at 65535. */
export function distanceUnits(dx: number, dy: number): number {
  return Math.min(65535, roundHalfUp(Math.sqrt(dx * dx + dy * dy) * DISTANCE_UNITS_PER_PX));
}

/** An angle in [−π, π) in π/1024 units, in [−1024, 1023]. */
export function angleUnits(angle: number): number {
  return Math.min(ANGLE_UNITS_PER_PI - 1, roundHalfUp((angle * ANGLE_UNITS_PER_PI) / Math.PI));
}

/** dR(t, k) in π/1024 units by Math.atan2: the definition, and the series' fallback. */
export function radialAngleUnitsExact(theta: number, dx: number, dy: number): number {
  return angleUnits(angleDifference(theta, Math.atan2(dy, dx)));
}

const PI_4 = Math.PI / 4;
const PI_2 = Math.PI / 2;
const TAN_PI_8 = Math.SQRT2 - 1;
/** atan on [−tan π/8, tan π/8] by its Taylor series to t^15: error below 2e-8. */
function atanSmall(t: number): number {
  const t2 = t * t;
  return t * (1 + t2 * (-1 / 3 + t2 * (1 / 5 + t2 * (-1 / 7 + t2 * (1 / 9 + t2 * (-1 / 11 + t2 * (1 / 13 + t2 * (-1 / 15))))))));
}
/** Bound on the error of radial-angle units from atanSmall: 1.8e-8 rad · 1024/π = 6e-6, with slack. */
const RADIAL_UNITS_SLACK = 2e-5;

/**
 * dR(t, k) in π/1024 units: angleUnits(angleDifference(theta, Math.atan2(dy, dx))), to the last
 * bit. Math.atan2 cost ~45 ns a call in consolidation (200 a comparison), so the angle is first
 * found by a series; where the result is within RADIAL_UNITS_SLACK of a rounding boundary (of the
 * units, or of the wrap at ±π), or dx = dy = 0, it is computed again with Math.atan2.
 * consolidation-wasm.wat evaluates the same series with the same constants (keep them in step).
 */
export function radialAngleUnits(theta: number, dx: number, dy: number): number {
  const ax = Math.abs(dx);
  const ay = Math.abs(dy);
  const big = ax > ay ? ax : ay;
  const small = ax > ay ? ay : ax;
  if (big === 0) return radialAngleUnitsExact(theta, dx, dy);
  let r = small / big;
  let a = 0;
  if (r > TAN_PI_8) {
    a = PI_4 + atanSmall((r - 1) / (r + 1));
  } else {
    a = atanSmall(r);
  }
  if (ay > ax) a = PI_2 - a;
  if (dx < 0) a = Math.PI - a;
  if (dy < 0) a = -a;
  const d = angleDifference(theta, a);
  const v = (d * ANGLE_UNITS_PER_PI) / Math.PI;
  const f = v - Math.floor(v);
  // Near a half unit (rounding), or near ±1024 units (the wrap at ±π and the clamp): recompute.
  if (Math.abs(f - 0.5) < RADIAL_UNITS_SLACK || ANGLE_UNITS_PER_PI - Math.abs(v) < 1) return radialAngleUnitsExact(theta, dx, dy);
  return Math.min(ANGLE_UNITS_PER_PI - 1, roundHalfUp(v));
}

/**
 * A template's pairwise geometry, count² entries each, row t column k. Held by a matcher for its
 * probe (up to 128² · 12 bytes of scratch), not by the prepared form.
 */
export class ProbeGeometry {
  readonly distance: Int32Array;
  readonly directionDifference: Int32Array;
  readonly radialAngle: Int32Array;
  /** The form these tables were made from (tables are rebuilt when a different one is passed). */
  of: PreparedTemplate | null = null;

  constructor(maxMinutiae: number) {
    this.distance = new Int32Array(maxMinutiae * maxMinutiae);
    this.directionDifference = new Int32Array(maxMinutiae * maxMinutiae);
    this.radialAngle = new Int32Array(maxMinutiae * maxMinutiae);
  }

  /** Fills the tables for `p` unless they already hold its geometry. */
  load(p: PreparedTemplate): void {
    if (this.of === p) return;
    const n = p.count;
    const { x, y, direction } = p;
    for (let t = 0; t < n; t++) {
      for (let k = 0; k < n; k++) {
        const dx = x[k] - x[t];
        const dy = y[k] - y[t];
        this.distance[t * n + k] = distanceUnits(dx, dy);
        this.directionDifference[t * n + k] = angleUnits(angleDifference(direction[t], direction[k]));
        this.radialAngle[t * n + k] = radialAngleUnitsExact(direction[t], dx, dy);
      }
    }
    this.of = p;
  }
}
