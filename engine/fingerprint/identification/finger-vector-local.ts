/**
 * Study code (docs/decisions/finger-vector-local.md), unused by the service: candidate inputs for
 * the finger vector's projection, measured against realistic impostors by
 * scripts/eval/index-background-realism.ts (--vector) after a projection is fitted for each by
 * scripts/fit-finger-vector.ts (--features).
 *
 * Today's vector is a global histogram of minutia pairs up to 100 px apart; a probe and its mate
 * share only part of their area, and pairs across the whole print dilute what the common part
 * holds. The candidates here are more local (pairs up to 60 px, triangles of a minutia and two of
 * its nearest neighbours), more specific (pairs up to 150 px), or both (pairs and triangles side
 * by side). Every one is built only from relative quantities, so it does not change when the
 * finger is rotated or shifted.
 */
import { EngineError } from '../../errors.js';
import type { FingerprintTemplate, Minutia } from '../template.js';
import { hellingerUnitNorm, pairHistogramVector, qualityPairWeight, wrapAngle } from './finger-vector.js';
import { FINGER_VECTOR, FINGER_VECTOR_LOCAL_STUDY } from './parameters.js';

const TWO_PI = 2 * Math.PI;

export interface TriangleHistogramParameters {
  neighbours: number;
  minSidePx: number;
  maxSidePx: number;
  sideBins: number;
  angleBins: number;
  directionBins: number;
}

/** The candidate inputs by name (the study's declared names). */
export const LOCAL_FEATURES = ['pairs', 'pairs-10-60', 'pairs-10-150', 'triangles', 'pairs+triangles', 'pairs-quality-0.5', 'pairs-quality-1', 'pairs-quality-2'] as const;
export type LocalFeatureName = (typeof LOCAL_FEATURES)[number];

export function isLocalFeatureName(name: string): name is LocalFeatureName {
  return (LOCAL_FEATURES as readonly string[]).includes(name);
}

/** The named candidate's histogram (unit L2 norm, or all zero when the template gives nothing). */
export function localFeatureVector(name: LocalFeatureName, template: FingerprintTemplate): number[] {
  switch (name) {
    case 'pairs':
      return pairHistogramVector(template);
    case 'pairs-10-60':
      return pairsInRange(template, FINGER_VECTOR_LOCAL_STUDY.pairRangesPx.short);
    case 'pairs-10-150':
      return pairsInRange(template, FINGER_VECTOR_LOCAL_STUDY.pairRangesPx.long);
    case 'triangles':
      return triangleHistogramVector(template);
    case 'pairs-quality-0.5':
      return pairHistogramVector(template, FINGER_VECTOR, qualityPairWeight(0.5));
    case 'pairs-quality-1':
      return pairHistogramVector(template, FINGER_VECTOR, qualityPairWeight(1));
    case 'pairs-quality-2':
      return pairHistogramVector(template, FINGER_VECTOR, qualityPairWeight(2));
    case 'pairs+triangles':
      // Each part unit norm, weighted 1/√2: neither dominates and the whole stays unit norm.
      return [...pairHistogramVector(template), ...triangleHistogramVector(template)].map((x) => x * Math.SQRT1_2);
  }
}

function pairsInRange(template: FingerprintTemplate, [min, max]: readonly [number, number]): number[] {
  return pairHistogramVector(template, { ...FINGER_VECTOR, minPairDistancePx: min, maxPairDistancePx: max });
}

/** Length of the triangle histogram. */
export function triangleHistogramDimension(p: TriangleHistogramParameters = FINGER_VECTOR_LOCAL_STUDY.triangles): number {
  return p.sideBins * p.sideBins * p.angleBins * p.directionBins;
}

/**
 * The triangle histogram: for each minutia c and every ordered two (a, b) of its `neighbours`
 * nearest others within [minSidePx, maxSidePx]: |ca|, |cb|, the signed angle from c→a to c→b, and
 * c's direction against c→a; soft (linear) bins on every axis (sides clamp at their ends, angles
 * wrap), then square root and unit L2 norm (the Hellinger map, as the pair histogram).
 */
export function triangleHistogramVector(template: FingerprintTemplate, p: TriangleHistogramParameters = FINGER_VECTOR_LOCAL_STUDY.triangles): number[] {
  const ms = template.minutiae;
  if (!Array.isArray(ms)) throw EngineError.invalidArgument('template.minutiae', 'must be an array');
  const hist = new Float64Array(triangleHistogramDimension(p));
  const n = ms.length;
  const span = p.maxSidePx - p.minSidePx;
  const near: { d: number; phi: number; j: number }[] = [];
  for (let i = 0; i < n; i++) {
    const c = ms[i];
    near.length = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const dx = ms[j].x - c.x;
      const dy = ms[j].y - c.y;
      const d = Math.hypot(dx, dy);
      if (d < p.minSidePx || d > p.maxSidePx) continue;
      // Segment direction in the template convention (CCW from +x as viewed, y down).
      near.push({ d, phi: Math.atan2(-dy, dx), j });
    }
    // Index breaks distance ties so the order does not depend on the sort's stability.
    near.sort((u, v) => u.d - v.d || u.j - v.j);
    const k = Math.min(p.neighbours, near.length);
    // Both orders of every two neighbours (as the pair histogram counts both orders of a pair):
    // which of two is nearer flips on a near-tie, and the histogram must not depend on it.
    for (let s = 0; s < k; s++) {
      const a = near[s];
      const aPos = ((a.d - p.minSidePx) / span) * p.sideBins - 0.5;
      const dirPos = (wrapAngle(c.direction - a.phi) / TWO_PI) * p.directionBins - 0.5;
      for (let t = 0; t < k; t++) {
        if (t === s) continue;
        const b = near[t];
        const bPos = ((b.d - p.minSidePx) / span) * p.sideBins - 0.5;
        const angPos = (wrapAngle(b.phi - a.phi) / TWO_PI) * p.angleBins - 0.5;
        addTriangle(hist, p, aPos, bPos, angPos, dirPos);
      }
    }
  }
  return hellingerUnitNorm(hist);
}

function addTriangle(hist: Float64Array, p: TriangleHistogramParameters, aPos: number, bPos: number, angPos: number, dirPos: number): void {
  const ns = p.sideBins;
  const na = p.angleBins;
  const nr = p.directionBins;
  const a0 = Math.floor(aPos), fa = aPos - a0;
  const b0 = Math.floor(bPos), fb = bPos - b0;
  const g0 = Math.floor(angPos), fg = angPos - g0;
  const r0 = Math.floor(dirPos), fr = dirPos - r0;
  for (let u = 0; u < 2; u++) {
    const ai = Math.min(ns - 1, Math.max(0, a0 + u));
    const wa = u === 0 ? 1 - fa : fa;
    for (let v = 0; v < 2; v++) {
      const bi = Math.min(ns - 1, Math.max(0, b0 + v));
      const wb = v === 0 ? 1 - fb : fb;
      for (let w = 0; w < 2; w++) {
        const gi = (((g0 + w) % na) + na) % na;
        const wg = w === 0 ? 1 - fg : fg;
        for (let x = 0; x < 2; x++) {
          const ri = (((r0 + x) % nr) + nr) % nr;
          const wr = x === 0 ? 1 - fr : fr;
          hist[((ai * ns + bi) * na + gi) * nr + ri] += wa * wb * wg * wr;
        }
      }
    }
  }
}
