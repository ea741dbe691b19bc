/**
 * A learned score fusion, trained leave-one-database-out (issue 15 point 3: FVC2002 EER ≤ 1% on
 * every set, held out). The matcher already computes several cues per comparison; this study
 * collects them for every FVC2002 genuine pair and the 2,880 extended impostors of each set
 * (scripts/eval/eer-pairs.ts `figures`: the matcher's own MatchResult plus the cue's consensus
 * alignment, no copy of the matcher), fits a logistic regression with L2 on three sets and reports
 * the fourth's FVC-protocol EER, FMR1000 and extended EER, for every fold.
 *
 * Features (monotone, scale-free; `FEATURES`):
 *   today    ln of today's fused score (below)
 *   logS     ln s, s the minutiae score (MCC global score, floored at 1e-4)
 *   A        orientation agreement, mean cos 2Δθ over the consensus-aligned overlap
 *   share    inliers / max(4, min(probe inside, candidate inside)), at most 1: the share of the
 *            overlap's minutiae that pair consistently (overlap-pairing.ts counts)
 *   logPairs ln(1 + consolidated pairs)
 *   logIn    ln(1 + inliers), the chosen pairs consistent with the consensus alignment
 *   sim      mean local similarity of the chosen pairs (after relaxation)
 *   quality  mean quality of the inliers' minutiae / 100
 *   pairQ    mean quality of the chosen pairs' minutiae / 100 (needs no orientation field)
 *   logArea  ln(1 + overlap blocks)
 * The matcher's score today, s · exp(2 (A − 0.82)), is the linear model ln s + 2 A (+ a constant)
 * in the first two: the model with {logS, A} only learns that weight again (a check on the fit).
 * A comparison with minutiae score 0 scores −∞ under every model (no pair: no evidence), as today.
 *
 * Fit: class-balanced mean log loss (genuine and impostors weigh half each) + (λ/2)·|β|² on
 * features standardised on the training sets, Newton's method. λ for a fold is chosen by an inner
 * leave-one-set-out on its three training sets (lowest mean extended EER; ties to the larger λ),
 * so the held-out set is used for nothing but the report. `--lambda X` fixes it instead.
 *
 * Keep rule (the brief's): held out, the mean extended EER and the FVC-protocol EER sum both
 * below today's, and no fold worse than today by more than one impostor step (FVC protocol
 * 1/45 of FMR, extended 1/2,880).
 *
 *   npx tsx scripts/eval/score-fusion.ts [--cache /tmp/fp-fusion] [--features logS,A,share,logPairs]
 *     [--lambda X] [--conditions none,dry,wet,ppi-250,ppi-1000,noisy-background] [--json OUT]
 * With --conditions, each fold's model (fitted on the other three sets' original images) is also
 * scored on the held-out set under each condition (scripts/eval/conditions.ts; templates from the
 * condition caches DBn-NAME-stride4.json), summed against today.
 */
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { conditionNamed } from './conditions.js';
import { fvc2002Figures, type PairFigures, type SetFigures } from './eer-pairs.js';
import { errorRates } from './verification-metrics.js';

export const FEATURES: Record<string, (c: PairFigures) => number> = {
  // ln of the matcher's score today, ln s + 2 (A − 0.82) below its cap of 1: with one more feature,
  // the model keeps today's balance of s and A and learns only what the other cue adds.
  today: (c) => Math.log(Math.max(c.score, 1e-4)),
  logS: (c) => Math.log(Math.max(c.minutiaeScore, 1e-4)),
  A: (c) => c.agreement,
  share: (c) => Math.min(1, c.inliers / Math.max(4, Math.min(c.probeInside, c.candidateInside))),
  logPairs: (c) => Math.log1p(c.pairs),
  logIn: (c) => Math.log1p(c.inliers),
  sim: (c) => c.meanSimilarity,
  quality: (c) => c.inlierQuality / 100,
  pairQ: (c) => c.pairQuality / 100,
  logArea: (c) => Math.log1p(c.overlap),
};

/** A fitted model in the features' own units: score = bias + Σ weight·feature. */
export interface Model { names: string[]; weights: number[]; bias: number }

export interface Sample { x: number[]; genuine: boolean }

/** Solves the symmetric positive definite system M v = r (Gaussian elimination, partial pivoting). */
function solve(m: number[][], r: number[]): number[] {
  const n = r.length;
  const a = m.map((row, i) => [...row, r[i]]);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i][k]) > Math.abs(a[p][k])) p = i;
    [a[k], a[p]] = [a[p], a[k]];
    for (let i = k + 1; i < n; i++) {
      const f = a[i][k] / a[k][k];
      for (let j = k; j <= n; j++) a[i][j] -= f * a[k][j];
    }
  }
  const v = new Array<number>(n).fill(0);
  for (let k = n - 1; k >= 0; k--) {
    let s = a[k][n];
    for (let j = k + 1; j < n; j++) s -= a[k][j] * v[j];
    v[k] = s / a[k][k];
  }
  return v;
}

/**
 * L2-regularised logistic regression, class-balanced: minimises Σ wᵢ·logloss(yᵢ, β·zᵢ + b) +
 * (λ/2)|β|², wᵢ = 1/(2·count of its class), z the standardised features; the bias is not penalised.
 */
export function fitLogistic(samples: Sample[], names: string[], lambda: number): Model {
  const d = names.length;
  const mean = new Array<number>(d).fill(0), sd = new Array<number>(d).fill(0);
  for (const s of samples) for (let k = 0; k < d; k++) mean[k] += s.x[k] / samples.length;
  for (const s of samples) for (let k = 0; k < d; k++) sd[k] += (s.x[k] - mean[k]) ** 2 / samples.length;
  for (let k = 0; k < d; k++) sd[k] = Math.sqrt(sd[k]) || 1;
  const nGenuine = samples.filter((s) => s.genuine).length, nImpostor = samples.length - nGenuine;
  const z = samples.map((s) => [...s.x.map((v, k) => (v - mean[k]) / sd[k]), 1]);
  const w = samples.map((s) => 0.5 / (s.genuine ? nGenuine : nImpostor));
  let beta = new Array<number>(d + 1).fill(0);
  for (let iter = 0; iter < 50; iter++) {
    const grad = new Array<number>(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    samples.forEach((s, i) => {
      const t = z[i].reduce((acc, v, k) => acc + v * beta[k], 0);
      const p = 1 / (1 + Math.exp(-t));
      const g = w[i] * (p - (s.genuine ? 1 : 0)), h = w[i] * p * (1 - p);
      for (let a = 0; a <= d; a++) {
        grad[a] += g * z[i][a];
        for (let b = 0; b <= d; b++) hess[a][b] += h * z[i][a] * z[i][b];
      }
    });
    for (let a = 0; a < d; a++) { grad[a] += lambda * beta[a]; hess[a][a] += lambda; }
    hess[d][d] += 1e-9;
    const step = solve(hess, grad);
    beta = beta.map((b, k) => b - step[k]);
    if (Math.max(...step.map(Math.abs)) < 1e-10) break;
  }
  const weights = names.map((_, k) => beta[k] / sd[k]);
  const bias = beta[d] - names.reduce((acc, _, k) => acc + (beta[k] * mean[k]) / sd[k], 0);
  return { names, weights, bias };
}

/** The model's score of a comparison: −∞ where the minutiae score is 0 (as today: no pair, no evidence). */
export function fusedScore(model: Model, c: PairFigures): number {
  if (c.minutiaeScore === 0) return Number.NEGATIVE_INFINITY;
  return model.names.reduce((acc, n, k) => acc + model.weights[k] * FEATURES[n](c), model.bias);
}

/**
 * Training comparisons of some sets. With `tail`, only the contested ones of each set, by today's
 * score: genuine pairs at or below the set's `tail.genuine` quantile and impostors at or above its
 * `tail.impostor` quantile (a log loss over all pairs fits the bulk; the EER lives where the two
 * tails meet).
 */
export interface Tail { genuine: number; impostor: number }
function quantile(values: number[], q: number): number {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.max(0, Math.floor(q * (v.length - 1))))];
}
const samplesOf = (sets: SetFigures[], names: string[], tail?: Tail): Sample[] =>
  sets.flatMap((s) => {
    const gMax = tail ? quantile(s.genuine.map((c) => c.score), tail.genuine) : Number.POSITIVE_INFINITY;
    const iMin = tail ? quantile(s.extended.map((c) => c.score), tail.impostor) : Number.NEGATIVE_INFINITY;
    return [
      ...s.genuine.filter((c) => c.minutiaeScore > 0 && c.score <= gMax).map((c) => ({ x: names.map((n) => FEATURES[n](c)), genuine: true })),
      ...s.extended.filter((c) => c.minutiaeScore > 0 && c.score >= iMin).map((c) => ({ x: names.map((n) => FEATURES[n](c)), genuine: false })),
    ];
  });

export interface Figures { fvcEer: number; fvcFmr1000: number; extEer: number; extFmr1000: number }

export function figuresOf(set: SetFigures, score: (c: PairFigures) => number): Figures {
  const g = set.genuine.map(score);
  const fvc = errorRates(g, set.impostor.map(score)), ext = errorRates(g, set.extended.map(score));
  return { fvcEer: fvc.eer, fvcFmr1000: fvc.fmr1000, extEer: ext.eer, extFmr1000: ext.fmr1000 };
}

export const LAMBDAS = [1e-4, 1e-3, 1e-2, 1e-1];

/** λ by an inner leave-one-set-out on the training sets: lowest mean extended EER, ties to the larger λ. */
export function innerLambda(training: SetFigures[], names: string[], tail?: Tail): number {
  let best = LAMBDAS[LAMBDAS.length - 1], bestEer = Number.POSITIVE_INFINITY;
  for (const lambda of [...LAMBDAS].reverse()) {
    let sum = 0;
    for (let k = 0; k < training.length; k++) {
      const model = fitLogistic(samplesOf(training.filter((_, i) => i !== k), names, tail), names, lambda);
      sum += figuresOf(training[k], (c) => fusedScore(model, c)).extEer;
    }
    if (sum / training.length < bestEer - 1e-12) { best = lambda; bestEer = sum / training.length; }
  }
  return best;
}

export function fitFold(training: SetFigures[], names: string[], lambda?: number, tail?: Tail): { model: Model; lambda: number } {
  const l = lambda ?? innerLambda(training, names, tail);
  return { model: fitLogistic(samplesOf(training, names, tail), names, l), lambda: l };
}

/** The weights relative to ln s's (today: A 2), or to today's score's, so that folds compare whatever their scale. */
export const relative = (m: Model): string => {
  const ref = m.names.includes('logS') ? 'logS' : 'today';
  return m.names.map((n, k) => `${n} ${(m.weights[k] / (m.weights[m.names.indexOf(ref)] || 1)).toFixed(2)}`).join(', ');
};

/** The feature sets of the study's panel (`--panel`): the primary, declared before any run, first. */
export const PANEL = [
  'logS,A,share,logPairs',
  'logS,A',
  'logS,A,share',
  'logS,A,logIn',
  'logS,A,logPairs',
  'logS,A,sim',
  'logS,A,quality',
  'logS,A,logArea',
  'logS,A,share,logIn',
  'logS,A,share,logPairs,logIn,sim,quality,logArea',
  'today,share',
  'today,logPairs',
  'today,logIn',
  'today,sim',
  'today,quality',
  'today,logArea',
  'today,pairQ',
];

interface Fold { set: string; model: Model; lambda: number; today: Figures; fused: Figures }
interface Study { names: string[]; folds: Fold[]; all: { model: Model; lambda: number }; meanExt: { today: number; fused: number }; fvcSum: { today: number; fused: number }; worse: string[]; keep: boolean }

/** Leave-one-database-out for one feature set. */
export function study(sets: SetFigures[], names: string[], lambda?: number, tail?: Tail): Study {
  const today = (c: PairFigures) => c.score;
  const folds: Fold[] = sets.map((held, k) => {
    const { model, lambda: l } = fitFold(sets.filter((_, i) => i !== k), names, lambda, tail);
    return { set: held.name, model, lambda: l, today: figuresOf(held, today), fused: figuresOf(held, (c) => fusedScore(model, c)) };
  });
  const sum = (key: keyof Figures, which: 'today' | 'fused') => folds.reduce((a, f) => a + f[which][key], 0);
  const meanExt = { today: sum('extEer', 'today') / folds.length, fused: sum('extEer', 'fused') / folds.length };
  const fvcSum = { today: sum('fvcEer', 'today'), fused: sum('fvcEer', 'fused') };
  // One impostor step: an impostor crossing the threshold moves FMR by 1/45 (FVC protocol) or 1/2,880 (extended).
  const worse = folds.filter((f) => f.fused.fvcEer - f.today.fvcEer > 1 / 45 + 1e-9 || f.fused.extEer - f.today.extEer > 1 / 2880 + 1e-9).map((f) => f.set);
  const keep = meanExt.fused < meanExt.today - 1e-12 && fvcSum.fused < fvcSum.today - 1e-12 && worse.length === 0;
  return { names, folds, all: fitFold(sets, names, lambda, tail), meanExt, fvcSum, worse, keep };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { cache: { type: 'string' }, features: { type: 'string' }, lambda: { type: 'string' }, tail: { type: 'string' }, panel: { type: 'boolean' }, conditions: { type: 'string' }, json: { type: 'string' } } });
  const cache = values.cache ?? '/tmp/fp-fusion';
  const featureSets = values.panel ? PANEL : [values.features ?? PANEL[0]];
  for (const f of featureSets) for (const n of f.split(',')) if (!FEATURES[n]) throw new Error(`--features: ${n} is not one of ${Object.keys(FEATURES).join(', ')}`);
  const fixed = values.lambda === undefined ? undefined : Number(values.lambda);
  // --tail G,I: train on genuine pairs up to their G quantile and impostors from their I quantile (today's score).
  const tail = values.tail ? (([g, i]) => ({ genuine: g, impostor: i }))(values.tail.split(',').map(Number)) : undefined;
  const sets = await fvc2002Figures(cache);
  const pct = (v: number) => (100 * v).toFixed(2);
  const cell = (f: Figures) => `${pct(f.fvcEer)} / ${pct(f.fvcFmr1000)} / ${pct(f.extEer)} / ${pct(f.extFmr1000)}`;
  const studies: Study[] = [];
  for (const f of featureSets) {
    const r = study(sets, f.split(','), fixed, tail);
    studies.push(r);
    console.log(`\nfeatures ${r.names.join(', ')}; λ ${fixed ?? 'inner leave-one-set-out'}${tail ? `; trained on the tails (genuine ≤ q${tail.genuine}, impostors ≥ q${tail.impostor})` : ''}; cells FVC EER / FMR1000 / ext. EER / ext. FMR1000 (%)`);
    console.log('| held out | today | fused | λ | weights relative to ln s |\n|---|---|---|---|---|');
    for (const fold of r.folds) console.log(`| ${fold.set} | ${cell(fold.today)} | ${cell(fold.fused)} | ${fold.lambda} | ${relative(fold.model)} |`);
    console.log(`held out: mean ext. EER ${pct(r.meanExt.fused)} (today ${pct(r.meanExt.today)}); FVC EER sum ${pct(r.fvcSum.fused)} (today ${pct(r.fvcSum.today)}); folds worse by more than one impostor step: ${r.worse.join(', ') || 'none'} → ${r.keep ? 'KEEP' : 'not kept'}`);
    console.log(`all four sets (λ ${r.all.lambda}): bias ${r.all.model.bias.toFixed(3)}, weights ${r.all.model.names.map((n, k) => `${n} ${r.all.model.weights[k].toFixed(3)}`).join(', ')}; relative to ln s: ${relative(r.all.model)}`);
  }
  if (values.panel) {
    console.log('\n| features | held-out FVC EER DB1 / DB2 / DB3 / DB4 (sum) | held-out ext. EER (mean) | worse by > 1 impostor | kept |\n|---|---|---|---|---|');
    const t = studies[0];
    console.log(`| today (s · exp(2 (A − 0.82))) | ${t.folds.map((f) => pct(f.today.fvcEer)).join(' / ')} (${pct(t.fvcSum.today)}) | ${t.folds.map((f) => pct(f.today.extEer)).join(' / ')} (${pct(t.meanExt.today)}) | | |`);
    for (const r of studies) console.log(`| ${r.names.join(', ')} | ${r.folds.map((f) => pct(f.fused.fvcEer)).join(' / ')} (${pct(r.fvcSum.fused)}) | ${r.folds.map((f) => pct(f.fused.extEer)).join(' / ')} (${pct(r.meanExt.fused)}) | ${r.worse.join(', ') || 'none'} | ${r.keep ? 'yes' : 'no'} |`);
  }

  // Conditions: each fold's model, fitted on the other three sets' original images, on the held-out set's degraded images.
  const conditions = values.conditions ? values.conditions.split(',') : [];
  const condRows: { features: string; condition: string; set: string; today: number; fused: number }[] = [];
  for (const name of conditions) {
    const csets = name === 'none' ? sets : await fvc2002Figures(cache, conditionNamed(name));
    for (const r of studies) {
      csets.forEach((held, k) => {
        const model = r.folds[k].model;
        condRows.push({ features: r.names.join(','), condition: name, set: held.name, today: figuresOf(held, (c) => c.score).extEer, fused: figuresOf(held, (c) => fusedScore(model, c)).extEer });
      });
    }
  }
  for (const r of conditions.length ? studies : []) {
    const rows = condRows.filter((x) => x.features === r.names.join(','));
    console.log(`\nextended EER under each condition, each set held out, features ${r.names.join(', ')} (fused / today, %):`);
    for (const name of conditions) console.log(`  ${name}: ${rows.filter((x) => x.condition === name).map((x) => `${x.set} ${pct(x.fused)} / ${pct(x.today)}`).join(', ')}`);
    const better = rows.filter((x) => x.fused < x.today - 1e-12).length, worse = rows.filter((x) => x.fused > x.today + 1e-12).length;
    console.log(`  sum ${rows.reduce((a, x) => a + 100 * x.fused, 0).toFixed(2)} against ${rows.reduce((a, x) => a + 100 * x.today, 0).toFixed(2)} today (cells better / worse: ${better} / ${worse})`);
  }
  if (values.json) writeFileSync(values.json, JSON.stringify({ studies, conditions: condRows }, null, 1));
}
