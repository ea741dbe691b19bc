/**
 * Impostor-only normalisation of the latent score (issue 11 point 7; docs/decisions/latent-depth.md).
 *
 * What an impostor comparison scores depends on what it had to work with: a mark with few
 * minutiae, a candidate with many, an alignment that lays the mark mostly off the candidate's print
 * (a small overlap) all give chance pairings more room, so the best of 10,000 strangers is often a
 * stranger with such an opportunity. The model here says, for the comparison's opportunity
 * features x, where impostor scores sit: in t = ln(s + ε), a location μ(x) and a spread σ(x), each
 * a full quadratic in the logs of the four counts of ComparisonOpportunity. It is fitted on impostor comparisons only (scripts/latent-depth.ts --fit), which are
 * plentiful, never on mates. The score becomes
 *
 *     s' = exp(μ_ref + σ_ref · (t − μ(x)) / σ(x)) − ε,   floored at 0,
 *
 * and above KNEE (0.5, far above any impostor: the best of 100,000 scores about 0.03) bent smoothly
 * towards 1 without reaching it, KNEE + (1 − KNEE)(1 − exp(−(s' − KNEE)/(1 − KNEE))), so that strong
 * candidates keep their order instead of all clamping to 1 (a raw 0.21 with a large overlap would
 * otherwise already reach 1);
 *
 * the comparison's standing among impostors of its own kind, put back on the score scale of a
 * reference comparison (μ_ref, σ_ref: the model at the pooled impostors' median features), so that
 * an ordinary comparison keeps about its score. Monotone in s for fixed x (σ(x) is floored above 0);
 * deterministic; without a model the score is returned as it is.
 */

/** The opportunity features of one comparison, as counts (the matcher's view). */
export interface ComparisonOpportunity {
  /** Minutiae of the prepared probe and candidate. */
  probeMinutiae: number;
  candidateMinutiae: number;
  /** Probe minutiae inside the candidate's region, candidate minutiae inside the probe's (verification). */
  probeOverlap: number;
  candidateOverlap: number;
}

export interface ImpostorModel {
  /** ε of t = ln(s + ε). */
  epsilon: number;
  /**
   * Coefficients over [1, a, b, c, d, a², b², c², d², ab, ac, ad, bc, bd, cd], a–d = ln(1 + probeMinutiae), ln(1 +
   * candidateMinutiae), ln(1 + probeOverlap), ln(1 + candidateOverlap), each clamped to [low, high].
   */
  location: readonly number[];
  spread: readonly number[];
  /**
   * 'quadratic' (absent: the same): the 15 terms above. 'probe-cubic': 19, the mark's own count
   * interacting more freely (docs/decisions/latent-popmodel.md): the 15, then a³, a²b, a²c, a²d.
   */
  form?: 'quadratic' | 'probe-cubic';
  /** Smallest spread used (in t). */
  spreadFloor: number;
  /** Each feature (ln(1 + count)) is clamped to the range it was fitted on: [low, high] per feature. */
  low: readonly number[];
  high: readonly number[];
  /** The reference location and spread (in t). */
  refLocation: number;
  refSpread: number;
}

/** The model's features of a comparison, clamped to the fitted range (index 0 is the constant 1). */
export function opportunityFeatures(model: ImpostorModel, o: ComparisonOpportunity): number[] {
  const raw = [o.probeMinutiae, o.candidateMinutiae, o.probeOverlap, o.candidateOverlap];
  const x = [1];
  for (let k = 0; k < raw.length; k++) x.push(Math.min(model.high[k], Math.max(model.low[k], Math.log1p(Math.max(0, raw[k])))));
  for (let k = 1; k <= raw.length; k++) x.push(x[k] * x[k]);
  for (let i = 1; i <= raw.length; i++) for (let j = i + 1; j <= raw.length; j++) x.push(x[i] * x[j]);
  if (model.form === 'probe-cubic') for (let k = 1; k <= raw.length; k++) x.push(x[1] * x[1] * x[k]);
  return x;
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += a[k] * b[k];
  return s;
}

/** Impostor location and spread (in t) for a comparison. */
export function impostorLocation(model: ImpostorModel, o: ComparisonOpportunity): { location: number; spread: number } {
  const x = opportunityFeatures(model, o);
  return { location: dot(model.location, x), spread: Math.max(model.spreadFloor, dot(model.spread, x)) };
}

/**
 * The normalised score (see the file comment). `model` null, a non-finite score or an empty side
 * (no minutiae: nothing to model): the score unchanged.
 */
export function normaliseLatentScore(score: number, o: ComparisonOpportunity, model: ImpostorModel | null): number {
  if (model === null || !Number.isFinite(score) || o.probeMinutiae <= 0 || o.candidateMinutiae <= 0) return score;
  const { location, spread } = impostorLocation(model, o);
  const t = Math.log(Math.max(0, score) + model.epsilon);
  const s = Math.exp(model.refLocation + (model.refSpread * (t - location)) / spread) - model.epsilon;
  if (s <= KNEE) return Math.max(0, s);
  // Continuous with slope 1 at the knee, strictly increasing, below 1 (until exp underflows).
  return KNEE + (1 - KNEE) * -Math.expm1(-(s - KNEE) / (1 - KNEE));
}

/** Normalised scores above this are bent towards 1 rather than clamped (see the file comment). */
export const KNEE = 0.5;
