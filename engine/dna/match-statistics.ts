/**
 * Match statistics for a candidate: random match probability (RMP) with the θ correction of
 * NRC II (1996) recommendation 4.10 (Balding & Nichols 1994), the likelihood ratio 1/RMP for a
 * single-source match, and the combined probability of inclusion (CPI) for mixtures.
 *
 * Which alleles a locus contributes (decided here, used by every search path):
 * - only loci compared as MATCH contribute; WILDCARD and MISMATCH loci and Amelogenin do not,
 *   nor loci the population table does not cover;
 * - single source: the genotype both profiles share at the locus. Two shared alleles: the
 *   heterozygote formula; one shared allele that is the whole genotype of both: the homozygote
 *   formula; one shared allele while either side shows another (a partial profile matched at
 *   MODERATE or LOW, where drop-out is possible): the 2p rule (NRC II §4.1, capped at 1);
 *   three shared alleles (tri-allelic): their probability of inclusion;
 * - mixture (query or candidate of kind forensic-mixture): the probability that a random person
 *   is included in the mixture's alleles at the locus, PI = (Σ p)², multiplied into the CPI.
 *   θ is not applied to the CPI (SWGDAM 2010 interpretation guidelines, §5).
 */
import type { LocusGenotype } from './dna-profile.js';
import type { FrequencyTable } from './frequency-table.js';
import type { LocusComparison } from './locus-comparison.js';

/** NRC II 4.10: P(AA) = [2θ + (1−θ)p][3θ + (1−θ)p] / [(1+θ)(1+2θ)]. */
export function homozygoteFrequency(p: number, theta: number): number {
  return ((2 * theta + (1 - theta) * p) * (3 * theta + (1 - theta) * p)) / ((1 + theta) * (1 + 2 * theta));
}

/** NRC II 4.10: P(AB) = 2[θ + (1−θ)p][θ + (1−θ)q] / [(1+θ)(1+2θ)]. */
export function heterozygoteFrequency(p: number, q: number, theta: number): number {
  return (2 * (theta + (1 - theta) * p) * (theta + (1 - theta) * q)) / ((1 + theta) * (1 + 2 * theta));
}

export type StatisticMode = 'single-source' | 'mixture';

/**
 * The per-locus factor a MATCH locus contributes, or undefined when it contributes nothing.
 * `mixtureSide` is the genotype of the mixture when mode is 'mixture'.
 */
export function locusMatchFactor(
  query: LocusGenotype,
  candidate: LocusGenotype,
  comparison: LocusComparison,
  mode: StatisticMode,
  mixtureSide: LocusGenotype,
  table: FrequencyTable,
  theta: number,
): number | undefined {
  if (comparison !== 'match' || !table.hasLocus(query.locus)) return undefined;
  const locus = query.locus;
  if (mode === 'mixture') {
    let sum = 0;
    for (const a of mixtureSide.alleles) sum += table.frequency(locus, a.designation) as number;
    return Math.min(1, sum * sum);
  }
  const shared: string[] = [];
  for (const a of query.alleles) if (candidate.alleles.some((b) => b.designation === a.designation)) shared.push(a.designation);
  if (shared.length === 0) return undefined;
  const f = (d: string): number => table.frequency(locus, d) as number;
  if (shared.length === 1) {
    const p = f(shared[0]);
    if (query.alleles.length === 1 && candidate.alleles.length === 1) return homozygoteFrequency(p, theta);
    return Math.min(1, 2 * p);
  }
  if (shared.length === 2) return heterozygoteFrequency(f(shared[0]), f(shared[1]), theta);
  let sum = 0;
  for (const d of shared) sum += f(d);
  return Math.min(1, sum * sum);
}

export interface CandidateStatistics {
  /** Single source: random match probability over the contributing loci (1 when none). */
  randomMatchProbability?: number;
  /** Single source: 1 / RMP. */
  likelihoodRatio?: number;
  /** Mixture: combined probability of inclusion (1 when no locus contributes). */
  combinedProbabilityOfInclusion?: number;
  /** The ranking statistic: RMP or CPI; smaller ranks higher. */
  rankingStatistic: number;
}

/** Turns the product of per-locus factors into the reported statistics. */
export function candidateStatistics(product: number, mode: StatisticMode): CandidateStatistics {
  if (mode === 'mixture') return { combinedProbabilityOfInclusion: product, rankingStatistic: product };
  return { randomMatchProbability: product, likelihoodRatio: 1 / product, rankingStatistic: product };
}
