/**
 * Quality-weighted minutiae for consolidation (a study: docs/decisions/quality-weighted-minutiae.md;
 * not used by FingerprintMatcher). Each matcher minutia (valid cylinder) gets a weight
 * w(q) = clamp((q − q0) / (q1 − q0), wmin, 1) from its quality q (0–100), and consolidation
 * (consolidation.ts, its optional last argument) uses the weights in one of two ways or both:
 * - 'count': minutiae are counted as the sum of their weights in the normalisation: relaxation's
 *   spread (1 − wR) / (n − 1) becomes (1 − wR) / max(1, n·r − 1), r = min(W_A, W_B) / min(n_A, n_B),
 *   and nP = scorePairCount(min(W_A, W_B)), at most n;
 * - 'pair': each selected pair's initial λ is multiplied by w(q_a)·w(q_b);
 * - 'spread': 'count' in relaxation's spread only, nP as today (defined after the declared forms
 *   were measured: a diagnostic of where 'count' loses, not eligible for the decision).
 * An optional floor f (docs/decisions/quality-spread-floor.md) raises r to at least f in
 * relaxation's spread, (1 − wR) / max(1, n·max(r, f) − 1): a template whose few minutiae weigh
 * little cannot multiply its spread by more than 1/f. Without it, every form is as above.
 * A template whose cylinders all carry one quality has no quality information: every weight is 1,
 * and with all weights 1 both forms compute today's values exactly (its comparisons score bit for bit
 * as without weights).
 */
import type { FingerprintTemplate } from '../template.js';
import type { PreparedTemplate } from './prepared-template.js';

export interface QualityWeightSetting {
  /** Quality at and below which a minutia weighs wmin (unless the ramp gives more). */
  q0: number;
  /** Quality from which a minutia weighs 1. */
  q1: number;
  /** Least weight, 0–1. */
  wmin: number;
}

export type QualityWeightForm = 'count' | 'pair' | 'both' | 'spread';

/** What consolidation takes: the form and the two templates' per-cylinder weights. */
export interface ConsolidationWeights {
  readonly form: QualityWeightForm;
  readonly a: Float64Array;
  readonly b: Float64Array;
  /** The floor f on r in relaxation's spread (quality-spread-floor.md); none: r as it is. */
  readonly floor?: number;
}

/** w(q) = clamp((q − q0) / (q1 − q0), wmin, 1). */
export function qualityWeight(q: number, s: QualityWeightSetting): number {
  const w = (q - s.q0) / (s.q1 - s.q0);
  return w < s.wmin ? s.wmin : w > 1 ? 1 : w;
}

/** The weight of each of `prepared`'s cylinders (all 1 when their minutiae carry one quality). */
export function cylinderWeights(template: FingerprintTemplate, prepared: PreparedTemplate, s: QualityWeightSetting): Float64Array {
  const out = new Float64Array(prepared.count).fill(1);
  if (prepared.count === 0) return out;
  const first = template.minutiae[prepared.minutia[0]].quality;
  let uniform = true;
  for (let k = 1; k < prepared.count && uniform; k++) uniform = template.minutiae[prepared.minutia[k]].quality === first;
  if (uniform) return out;
  for (let k = 0; k < prepared.count; k++) out[k] = qualityWeight(template.minutiae[prepared.minutia[k]].quality, s);
  return out;
}
