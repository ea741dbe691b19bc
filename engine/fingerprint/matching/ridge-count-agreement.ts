/**
 * Ridge-count agreement over a comparison's paired minutiae (docs/decisions/ridge-count-cue.md):
 * for every two pairs a↔a′, b↔b′ whose probe minutiae (a, b) carry a ridge count and whose
 * candidate minutiae (a′, b′) carry one too, the link is compared; it agrees when the two counts
 * differ by at most RIDGE_COUNT_TOLERANCE. Ridge counts are topological (skin distortion keeps
 * them), so an impostor whose minutiae happen to line up seldom matches them.
 *
 * Study only so far: scripts/eval/ridge-count-cue.ts measures the declared fusions with it; the
 * matcher does not apply it.
 */
import type { RidgeCount } from '../template.js';

/** Counts agree when they differ by at most this (one ridge: a count's end falls on a ridge's edge). */
export const RIDGE_COUNT_TOLERANCE = 1;

/** A template's ridge counts for look-up by unordered pair of minutia indices. */
export class RidgeCountTable {
  private readonly counts = new Map<number, number>();

  constructor(edges: readonly RidgeCount[]) {
    for (const e of edges) this.counts.set(RidgeCountTable.key(e.from, e.to), e.count);
  }

  private static key(a: number, b: number): number {
    return a < b ? a * 65536 + b : b * 65536 + a;
  }

  /** The count between minutiae a and b, or −1 where none was stored. */
  get(a: number, b: number): number {
    return this.counts.get(RidgeCountTable.key(a, b)) ?? -1;
  }
}

export interface RidgeCountAgreement {
  /** Links whose counts agree within the tolerance. */
  agree: number;
  /** Links with a count on both sides. */
  compared: number;
}

/**
 * Compares the links between every two of `pairs` (indices into the probe's and candidate's
 * minutiae). `tolerance` other than the declared ±1 is for the study's post-hoc diagnostic only.
 */
export function ridgeCountAgreement(probe: RidgeCountTable, candidate: RidgeCountTable, pairs: readonly { probe: number; candidate: number }[], tolerance = RIDGE_COUNT_TOLERANCE): RidgeCountAgreement {
  let agree = 0, compared = 0;
  for (let p = 0; p < pairs.length; p++) {
    for (let q = p + 1; q < pairs.length; q++) {
      const c1 = probe.get(pairs[p].probe, pairs[q].probe);
      if (c1 < 0) continue;
      const c2 = candidate.get(pairs[p].candidate, pairs[q].candidate);
      if (c2 < 0) continue;
      compared++;
      if (Math.abs(c1 - c2) <= tolerance) agree++;
    }
  }
  return { agree, compared };
}

/** The three fusions declared in docs/decisions/ridge-count-cue.md, applied to today's score `s`. */
export type RidgeCountFusion = 'primary' | 'penalty' | 'shrunk';

/** Fewest compared links for the gated forms to apply (primary, penalty). */
export const RIDGE_COUNT_MIN_LINKS = 3;
/** Pseudo-links at R0 the shrunk form adds. */
export const RIDGE_COUNT_PRIOR_LINKS = 4;

export function fuseRidgeCounts(s: number, a: RidgeCountAgreement, form: RidgeCountFusion, w: number, r0: number): number {
  if (w === 0 || s === 0) return s;
  if (form === 'shrunk') {
    const r = (a.agree + RIDGE_COUNT_PRIOR_LINKS * r0) / (a.compared + RIDGE_COUNT_PRIOR_LINKS);
    return Math.min(1, s * Math.exp(w * (r - r0)));
  }
  if (a.compared < RIDGE_COUNT_MIN_LINKS) return s;
  const r = a.agree / a.compared;
  if (form === 'penalty') return s * Math.exp(-w * Math.max(0, r0 - r));
  return Math.min(1, s * Math.exp(w * (r - r0)));
}
