/**
 * The per-locus match rules, one function for every search path (index and brute force).
 *
 * Stringencies (FBI NDIS Operational Procedures Manual, searching):
 * - HIGH: the same alleles at the locus;
 * - MODERATE: all alleles of one profile are present in the other (either direction);
 * - LOW: at least one allele in common.
 * Sets are compared, so a homozygote written once equals the same allele written twice.
 *
 * Wildcards (Prüm, Council Decision 2008/616/JHA annex ch.1 §1.1: `*` may match any value): a
 * wildcard position stands for one unknown allele value. A locus matches when SOME assignment of
 * values to the wildcard positions (of both profiles) makes it match under the stringency. With Q/C
 * the concrete alleles and wq/wc the wildcard positions of query and candidate this is exactly:
 * - HIGH:     |Q \ C| ≤ wc  and  |C \ Q| ≤ wq
 * - MODERATE: |Q \ C| ≤ wc  or   |C \ Q| ≤ wq
 * - LOW:      Q ∩ C ≠ ∅  or  wq > 0  or  wc > 0
 * (each wildcard can take any one missing value, or repeat a present one). A matching locus with
 * any wildcard on either side is reported as WILDCARD, not MATCH; it still counts as a matching
 * locus. `locus-comparison.test.ts` checks these closed forms against enumeration of assignments.
 */
import type { LocusGenotype } from './dna-profile.js';

export type Stringency = 'high' | 'moderate' | 'low';
export const STRINGENCIES: readonly Stringency[] = ['high', 'moderate', 'low'];

export type LocusComparison = 'match' | 'mismatch' | 'wildcard' | 'not-compared';

/** Concrete alleles as a set of designations, plus wildcard positions. */
export interface AlleleSet {
  readonly alleles: ReadonlySet<string>;
  readonly wildcards: number;
}

export function alleleSet(g: LocusGenotype): AlleleSet {
  return { alleles: new Set(g.alleles.map((a) => a.designation)), wildcards: g.wildcards };
}

/** Applies the stringency to one locus typed in both profiles. */
export function compareLocus(q: AlleleSet, c: AlleleSet, stringency: Stringency): Exclude<LocusComparison, 'not-compared'> {
  let qOnly = 0;
  let shared = 0;
  for (const a of q.alleles) {
    if (c.alleles.has(a)) shared++;
    else qOnly++;
  }
  const cOnly = c.alleles.size - shared;
  let ok: boolean;
  switch (stringency) {
    case 'high':
      ok = qOnly <= c.wildcards && cOnly <= q.wildcards;
      break;
    case 'moderate':
      ok = qOnly <= c.wildcards || cOnly <= q.wildcards;
      break;
    case 'low':
      ok = shared > 0 || q.wildcards > 0 || c.wildcards > 0;
      break;
  }
  if (!ok) return 'mismatch';
  return q.wildcards > 0 || c.wildcards > 0 ? 'wildcard' : 'match';
}
