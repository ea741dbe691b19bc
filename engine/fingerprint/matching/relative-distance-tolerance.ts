/**
 * A distance tolerance in relaxation that grows with the distance (a study:
 * docs/decisions/relaxation-relative-tolerance.md; not used by FingerprintMatcher, and the
 * WebAssembly consolidation knows nothing of it). ρ's distance term (consolidation.ts, MCC eq. 24)
 * is sig(|dA − dB|, μ, τ) with today's fixed μ = RHO_DISTANCE_MU (8 px). Skin distortion
 * accumulates with distance (Cappelli, Maio & Maltoni 2001), so far couples of true mates differ
 * in distance by more than near ones; here, with d̄ = (dA + dB) / 2,
 *   μ(d̄) = max(RHO_DISTANCE_MU, κ·d̄),  τ(d̄) = RHO_DISTANCE_TAU · RHO_DISTANCE_MU / μ(d̄),
 * so that μ·τ is today's and the term depends on |dA − dB| / μ alone: the whole sigmoid is
 * stretched with the tolerance. Where μ is today's, the term is today's table entry, to the bit.
 */
import { DISTANCE_UNITS_PER_PX } from './pairwise-geometry.js';
import { RHO_DISTANCE_MU, RHO_DISTANCE_TAU } from './parameters.js';

/** What consolidation takes: κ, the tolerance's growth per pixel of mean distance (0: today). */
export interface RelativeDistanceTolerance {
  readonly kappa: number;
}

/** μ(d̄) in px for a mean distance d̄ in px. */
export function toleranceMu(meanDistance: number, kappa: number): number {
  return Math.max(RHO_DISTANCE_MU, kappa * meanDistance);
}

/**
 * The distance term for a gap and a mean distance, both in distance units (1/16 px), as a Float32
 * quantity like today's table. `table` is today's DIST_TABLE (passed in to keep this file free of
 * consolidation's import cycle): used whenever μ is today's, zero beyond its end (as today).
 */
export function relativeDistanceTerm(gapUnits: number, meanUnits: number, kappa: number, table: Float32Array): number {
  const mu = toleranceMu(meanUnits / DISTANCE_UNITS_PER_PX, kappa);
  if (mu === RHO_DISTANCE_MU) return gapUnits < table.length ? table[gapUnits] : 0;
  const tau = (RHO_DISTANCE_TAU * RHO_DISTANCE_MU) / mu;
  return Math.fround(1 / (1 + Math.exp(-tau * (gapUnits / DISTANCE_UNITS_PER_PX - mu))));
}
