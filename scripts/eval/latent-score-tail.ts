/**
 * What a latent score means, from impostor scores against generated galleries: the score of the
 * k-th best impostor in a gallery of n (the score a mate must beat to rank above k − 1 strangers),
 * and the pooled impostor tail (the score that a given fraction of impostor comparisons reach).
 */

/** The k-th highest of the first n scores (k = 1: the best); NaN when n < k. */
export function kthBest(scores: ArrayLike<number>, n: number, k: number): number {
  if (n < k || scores.length < n) return NaN;
  // A sorted best-k list is enough (k ≤ a few hundred).
  const best: number[] = [];
  for (let i = 0; i < n; i++) {
    const s = scores[i];
    if (best.length === k && s <= best[k - 1]) continue;
    let at = best.length;
    while (at > 0 && best[at - 1] < s) at--;
    best.splice(at, 0, s);
    if (best.length > k) best.pop();
  }
  return best[k - 1];
}

/**
 * The score reached by a fraction `rate` of impostor comparisons (the upper-tail quantile): a
 * threshold at it lets about that fraction of impostors through, per comparison.
 */
export function tailScore(sortedDescending: ArrayLike<number>, rate: number): number {
  const i = Math.ceil(rate * sortedDescending.length) - 1;
  if (i < 0 || i >= sortedDescending.length) return NaN;
  return sortedDescending[i];
}

/** The fraction of impostor comparisons at or above `score`. */
export function impostorRateAt(sortedDescending: ArrayLike<number>, score: number): number {
  let lo = 0, hi = sortedDescending.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sortedDescending[mid] >= score) lo = mid + 1;
    else hi = mid;
  }
  return sortedDescending.length ? lo / sortedDescending.length : NaN;
}
