/**
 * Strict ranks and the cumulative match characteristic (CMC) of a latent evaluation.
 *
 * Strict rank of the mate: 1 + the number of non-mate gallery entries scoring at or above the mate,
 * so a tie with a non-mate is a miss (the rule, and the NBIS baseline's).
 */

/** 1 + non-mates scoring ≥ the mate's score. */
export function strictRank(mateScore: number, nonMateScores: Iterable<number>): number {
  let rank = 1;
  for (const s of nonMateScores) if (s >= mateScore) rank++;
  return rank;
}

/** Fraction of searches whose mate's strict rank is ≤ k. */
export function rankRate(ranks: readonly number[], k: number): number {
  if (ranks.length === 0) return NaN;
  return ranks.filter((r) => r <= k).length / ranks.length;
}

/** The CMC curve: the identification rate at each rank 1..maxRank. */
export function cmc(ranks: readonly number[], maxRank: number): number[] {
  const out: number[] = [];
  for (let k = 1; k <= maxRank; k++) out.push(rankRate(ranks, k));
  return out;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
