/**
 * Kinship indices for missing-person and unidentified-remains searches: the paternity index
 * (parent-child) and the full-sibling index, per locus, with θ.
 *
 * Both are likelihood ratios P(G1, G2 | related) / P(G1, G2 | unrelated) = P(G2 | G1, related) /
 * P(G2 | G1, unrelated) (Evett & Weir, Interpreting DNA Evidence, ch. 7). With θ every allele of
 * G2 that is not identical by descent is drawn from the subpopulation given the alleles already
 * seen (Balding & Nichols 1994): P(A | n seen, m of them A) = (mθ + (1−θ)p_A) / (1 + (n−1)θ).
 * - P0 = P(G2 | G1 seen), no allele IBD;
 * - P1 = Σ over G1's two alleles t (½ each) of [t ∈ G2] · P(G2's other allele | G1 seen), one allele IBD;
 * - PI = P1 / P0 (a parent passes exactly one allele); without θ this is the textbook
 *   1/(4p), 1/(2p), 1/p ... table;
 * - SI = k0 + k1·P1/P0 + k2·[G1 = G2]/P0 with (k0, k1, k2) = (¼, ½, ¼).
 * A parent-child locus sharing no allele gets PARENT_CHILD_INCONSISTENCY_FACTOR (a possible
 * mutation) instead of 0. Loci with wildcards, more than two alleles, or not covered by the table
 * are not used.
 */
import { PARENT_CHILD_INCONSISTENCY_FACTOR } from './dna-parameters.js';
import type { LocusGenotype, Relationship } from './dna-profile.js';
import type { FrequencyTable } from './frequency-table.js';

/**
 * The per-locus index on two genotypes given as allele identities (designations, or the index's
 * integer codes), with the frequencies of G2's alleles (G1's enter only through θ). Both search paths call this one function, so their
 * products agree to the last bit. g1 = (a, b), g2 = (c, d); pa..pd their frequencies.
 */
export function kinshipIndexCore<T>(a: T, b: T, c: T, d: T, pc: number, pd: number, relationship: Relationship, theta: number): number {
  const denom2 = 1 + theta; // (1 + (n−1)θ) with n = 2 alleles seen (G1)
  const denom3 = 1 + 2 * theta; // n = 3 (G1 and c)
  const mc = (c === a ? 1 : 0) + (c === b ? 1 : 0);
  const md = (d === a ? 1 : 0) + (d === b ? 1 : 0);
  // P0: G2 drawn after G1's two alleles.
  const qc = (mc * theta + (1 - theta) * pc) / denom2;
  const qd = ((md + (d === c ? 1 : 0)) * theta + (1 - theta) * pd) / denom3;
  const p0 = (c === d ? 1 : 2) * qc * qd;
  // P1: one of G1's alleles t passed on (½ each); G2's other allele drawn given G1 seen.
  const dGiven = (md * theta + (1 - theta) * pd) / denom2;
  let p1 = 0;
  if (c === a) p1 += 0.5 * dGiven;
  if (d === a && c !== d) p1 += 0.5 * qc;
  if (c === b) p1 += 0.5 * dGiven;
  if (d === b && c !== d) p1 += 0.5 * qc;
  if (relationship === 'parent-child') return p1 > 0 ? p1 / p0 : PARENT_CHILD_INCONSISTENCY_FACTOR;
  const identical = (a === c && b === d) || (a === d && b === c);
  return 0.25 + (0.5 * p1) / p0 + (identical ? 0.25 / p0 : 0);
}

/** Genotype as its two allele copies, or undefined when kinship cannot use the locus. */
export function kinshipAlleles(g: LocusGenotype): [string, string] | undefined {
  if (g.wildcards > 0 || g.alleles.length === 0 || g.alleles.length > 2) return undefined;
  const a = g.alleles[0].designation;
  return [a, g.alleles.length === 2 ? g.alleles[1].designation : a];
}

/**
 * The per-locus kinship index of G2 given G1, or undefined when the locus is not usable.
 * Symmetric in G1/G2 for both relationships.
 */
export function locusKinshipIndex(
  g1: LocusGenotype,
  g2: LocusGenotype,
  relationship: Relationship,
  table: FrequencyTable,
  theta: number,
): number | undefined {
  const x = kinshipAlleles(g1);
  const y = kinshipAlleles(g2);
  if (x === undefined || y === undefined || !table.hasLocus(g1.locus)) return undefined;
  const f = (d: string): number => table.frequency(g1.locus, d) as number;
  return kinshipIndexCore(x[0], x[1], y[0], y[1], f(y[0]), f(y[1]), relationship, theta);
}
