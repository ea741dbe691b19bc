/**
 * Pure summaries for scripts/latent-background-realism.ts (docs/decisions/latent-background-realism.md):
 * how often an impostor template beats a mark's mate, and what that rate projects at a larger
 * background. Kept apart from the script so that the arithmetic is tested.
 */

/** Templates of a family whose score is ≥ the mate's (strict: a tie beats the mate, as strictRank). */
export function beatsMate(mateScore: number, impostorScores: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < impostorScores.length; i++) if (impostorScores[i] >= mateScore) n++;
  return n;
}

/**
 * The projected strict rank-1 against a background of `size` templates drawn like the family:
 * mean over marks of P(no template beats the mate) = (1 − p_m)^size, times 0 for a mark that some
 * other fixed gallery entry (another mate) already beats. A projection: it treats the family's
 * templates as independent draws with the measured per-mark rate p_m, which has resolution 1/N.
 */
export function projectedRank1(perMarkRate: readonly number[], size: number, alreadyBeaten: readonly boolean[] = []): number {
  if (perMarkRate.length === 0) return Number.NaN;
  let sum = 0;
  for (let m = 0; m < perMarkRate.length; m++) {
    if (alreadyBeaten[m]) continue;
    sum += (1 - perMarkRate[m]) ** size;
  }
  return sum / perMarkRate.length;
}

/** The q-quantile (0–1) of unsorted values by the nearest rank on the sorted copy. */
export function quantile(values: ArrayLike<number>, q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}
