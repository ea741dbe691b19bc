/**
 * Verification error rates the FVC way (Maio, Maltoni, Cappelli, Wayman, Jain, "FVC2000:
 * Fingerprint Verification Competition", IEEE TPAMI 24(3), 2002, §3; the same definitions in the
 * FVC2002 report). Scores are similarities: a comparison is accepted when score ≥ t.
 *
 *   FMR(t)  = share of impostor scores ≥ t          FNMR(t) = share of genuine scores < t
 *
 * Thresholds t range over every distinct score and +∞ (accept nothing), which is exactly where the
 * two step functions change.
 *
 * EER (Maio et al. 2002, §3): with t1 = the largest t where FNMR(t) ≤ FMR(t) and t2 = the smallest t
 * where FNMR(t) ≥ FMR(t), the EER lies in [EERlow, EERhigh] =
 *   [FNMR(t1), FMR(t1)]  if FNMR(t1) + FMR(t1) ≤ FMR(t2) + FNMR(t2),
 *   [FMR(t2), FNMR(t2)]  otherwise,
 * and is reported as (EERlow + EERhigh) / 2.
 * FMR100 / FMR1000 = the lowest FNMR at which FMR ≤ 1% / ≤ 0.1%; ZeroFMR = the lowest FNMR at FMR = 0.
 */

export interface ErrorRates {
  eer: number;
  fmr100: number;
  fmr1000: number;
  zeroFmr: number;
}

export interface OperatingPoint {
  threshold: number;
  fmr: number;
  fnmr: number;
}

/** FMR and FNMR at every distinct score (ascending thresholds), then at +∞. */
export function operatingPoints(genuine: ArrayLike<number>, impostor: ArrayLike<number>): OperatingPoint[] {
  if (genuine.length === 0 || impostor.length === 0) throw new Error('operatingPoints: needs genuine and impostor scores');
  const g = Float64Array.from(genuine).sort();
  const im = Float64Array.from(impostor).sort();
  const all = Float64Array.from([...g, ...im]).sort();
  const points: OperatingPoint[] = [];
  let gi = 0; // genuine scores < t
  let ii = 0; // impostor scores < t
  for (let k = 0; k < all.length; k++) {
    const t = all[k];
    if (k > 0 && all[k - 1] === t) continue;
    while (gi < g.length && g[gi] < t) gi++;
    while (ii < im.length && im[ii] < t) ii++;
    points.push({ threshold: t, fmr: (im.length - ii) / im.length, fnmr: gi / g.length });
  }
  points.push({ threshold: Number.POSITIVE_INFINITY, fmr: 0, fnmr: 1 });
  return points;
}

export function equalErrorRate(points: OperatingPoint[]): number {
  // FMR falls and FNMR rises with t, so t1 is the last point with FNMR ≤ FMR, t2 the first with FNMR ≥ FMR.
  let p1: OperatingPoint | undefined;
  let p2: OperatingPoint | undefined;
  for (const p of points) {
    if (p.fnmr <= p.fmr) p1 = p;
    if (p2 === undefined && p.fnmr >= p.fmr) p2 = p;
  }
  if (p1 === undefined) p1 = points[0];
  if (p2 === undefined) p2 = points[points.length - 1];
  const [low, high] = p1.fnmr + p1.fmr <= p2.fmr + p2.fnmr ? [p1.fnmr, p1.fmr] : [p2.fmr, p2.fnmr];
  return (low + high) / 2;
}

/** The lowest FNMR over thresholds whose FMR is at most `maxFmr`. */
export function fnmrAtFmr(points: OperatingPoint[], maxFmr: number): number {
  let best = 1;
  for (const p of points) if (p.fmr <= maxFmr && p.fnmr < best) best = p.fnmr;
  return best;
}

export function errorRates(genuine: ArrayLike<number>, impostor: ArrayLike<number>): ErrorRates {
  const points = operatingPoints(genuine, impostor);
  return {
    eer: equalErrorRate(points),
    fmr100: fnmrAtFmr(points, 0.01),
    fmr1000: fnmrAtFmr(points, 0.001),
    zeroFmr: fnmrAtFmr(points, 0),
  };
}

/**
 * The smallest threshold t (on the scores seen) with FMR(t) ≤ target: at most ⌊target·N⌋ impostor
 * scores reach it. It sits just above the (⌊target·N⌋ + 1)-th highest impostor score.
 */
export function thresholdAtFmr(impostor: ArrayLike<number>, target: number): number {
  const sorted = Float64Array.from(impostor).sort().reverse();
  const allowed = Math.floor(target * sorted.length + 1e-9);
  if (allowed >= sorted.length) return Number.NEGATIVE_INFINITY;
  const s = sorted[allowed];
  return s + Math.max(1e-9, Math.abs(s) * 1e-9);
}

/** The share of `scores` at or above `threshold` (a score equal to a threshold is a match): the FMR of impostor scores there. */
export function shareAtOrAbove(scores: ArrayLike<number>, threshold: number): number {
  let n = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i]! >= threshold) n++;
  return scores.length ? n / scores.length : 0;
}
