/**
 * The latent matcher's impostor-only score normalisation (engine/latent/impostor-normalisation.ts)
 * applied to the tenprint score, leave-one-database-out on FVC2002 (issue 15 points 2 and 3), as
 * declared in docs/decisions/tenprint-impostor-normalisation.md before any run.
 *
 * For each held-out set, the model is fitted on IMPOSTORS ONLY of the other three sets' original
 * images: their within-set different-finger pairs (the FVC extended impostors) and every cross-set
 * pair between them (each of the six blocks weighted equally); never a genuine score. The model is
 * applied to the held-out set: FVC-protocol EER / FMR1000, extended EER / FMR1000 (%), on the
 * original images and, with --conditions, under each condition (scripts/eval/conditions.ts), summed
 * against today; the two never-tuned backgrounds (printed-background, ghost-print) are summed apart.
 * Forms: `primary` (location = impostor 99% point, spread = gap to the 99.9% point, each a full
 * quadratic in the log counts) and `location` (the same location, a constant spread).
 *
 *   npx tsx scripts/eval/impostor-normalisation-loo.ts [--cache DIR] [--conditions none,dry,...] [--json OUT] [--iterations 1500]
 */
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { FingerprintMatcher, prepareCandidate } from '../../engine/fingerprint/matcher.js';
import { type ComparisonOpportunity, type ImpostorModel, normaliseLatentScore, opportunityFeatures } from '../../engine/latent/impostor-normalisation.js';
import { conditionNamed } from './conditions.js';
import { cachedTemplates, figures, fvc2002Figures, type PairFigures, type SetFigures } from './eer-pairs.js';
import { FVC2002_SETS } from './fvc-evaluation.js';
import { quantileRegression } from './latent-depth-study.js';
import { type Rates, conditionsTable, ratesOf } from './ridge-count-cue.js';

export type Form = 'primary' | 'location';
export const FORMS: readonly Form[] = ['primary', 'location'];
export const EPSILON = 0.002;

/** The opportunity of one comparison, from the study's figures. */
export const opportunityOf = (c: PairFigures): ComparisonOpportunity => ({ probeMinutiae: c.nProbe, candidateMinutiae: c.nCandidate, probeOverlap: c.probeInside, candidateOverlap: c.candidateInside });

/** One impostor comparison used for fitting: its score, opportunity and weight. */
export interface ImpostorRow { score: number; opportunity: ComparisonOpportunity; weight: number }

const quantile = (xs: number[], f: number): number => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(f * (s.length - 1))))];
};

/**
 * The model from impostor rows only (the latent fit, scripts/eval/latent-depth-study.ts `fitModel`,
 * on rows instead of a latent dump): t = ln(s + ε), location the conditional 99% point, spread the
 * gap to the 99.9% point (`primary`) or that gap at the median features, constant (`location`).
 */
export function fitImpostorModel(rows: readonly ImpostorRow[], form: Form, epsilon = EPSILON, fitQuantile = quantileRegression): ImpostorModel {
  const open: ImpostorModel = { epsilon, location: [], spread: [], spreadFloor: 0, low: [0, 0, 0, 0], high: [1e9, 1e9, 1e9, 1e9], refLocation: 0, refSpread: 1 };
  const used = rows.filter((r) => r.opportunity.probeMinutiae > 0 && r.opportunity.candidateMinutiae > 0 && Number.isFinite(r.score));
  const xs = used.map((r) => opportunityFeatures(open, r.opportunity));
  const ts = used.map((r) => Math.log(Math.max(0, r.score) + epsilon));
  const ws = used.map((r) => r.weight);
  const b99 = fitQuantile(xs, ts, ws, 0.99);
  const b999 = fitQuantile(xs, ts, ws, 0.999);
  const gap = b999.map((v, k) => v - b99[k]);
  const low = [1, 2, 3, 4].map((k) => xs.reduce((m, x) => Math.min(m, x[k]), Infinity));
  const high = [1, 2, 3, 4].map((k) => xs.reduce((m, x) => Math.max(m, x[k]), -Infinity));
  const m4 = [1, 2, 3, 4].map((k) => quantile(xs.map((x) => x[k]), 0.5));
  const med = opportunityFeatures({ ...open, low: [-1e9, -1e9, -1e9, -1e9] }, { probeMinutiae: Math.expm1(m4[0]), candidateMinutiae: Math.expm1(m4[1]), probeOverlap: Math.expm1(m4[2]), candidateOverlap: Math.expm1(m4[3]) });
  const dot = (a: readonly number[], b: readonly number[]) => a.reduce((s, v, k) => s + v * b[k], 0);
  const refLocation = dot(med, b99), refGap = dot(med, gap);
  // The constant spread of `location`: the reference gap as the intercept, nothing else.
  const spread = form === 'primary' ? gap : gap.map((_, k) => (k === 0 ? refGap : 0));
  const sds = xs.map((x) => dot(x, spread)).sort((a, b) => a - b);
  const floor = form === 'primary' ? sds[Math.floor(0.01 * sds.length)] : refGap;
  return { epsilon, location: b99, spread, spreadFloor: Math.max(1e-3, floor), low, high, refLocation, refSpread: Math.max(1e-3, refGap) };
}

/** The normalised score of one comparison (the latent normalisation; `model` null: the score as it is). */
export const normalisedScore = (model: ImpostorModel | null) => (c: PairFigures): number => normaliseLatentScore(c.score, opportunityOf(c), model);

/** Cross-set impostors: every template of set a against every template of set b (a's as probe). */
async function crossSet(cache: string, a: number, b: number): Promise<PairFigures[]> {
  const [ta, tb] = await Promise.all([cachedTemplates(cache, FVC2002_SETS[a]), cachedTemplates(cache, FVC2002_SETS[b])]);
  const pa = ta.templates.map((t) => prepareCandidate(t)), pb = tb.templates.map((t) => prepareCandidate(t));
  const out: PairFigures[] = [];
  for (let i = 0; i < pa.length; i++) {
    const matcher = new FingerprintMatcher(pa[i]);
    for (let j = 0; j < pb.length; j++) out.push(figures(ta.templates[i], tb.templates[j], pa[i], pb[j], matcher.match(pb[j]), [ta.samples[i].file, tb.samples[j].file]));
  }
  return out;
}

/** The training rows for held-out set `held`: the other sets' within-set and cross-set impostors, each block weighted equally. */
export function trainingRows(held: number, within: readonly PairFigures[][], cross: ReadonlyMap<string, PairFigures[]>): ImpostorRow[] {
  const blocks: PairFigures[][] = [];
  const others = within.map((_, i) => i).filter((i) => i !== held);
  for (const i of others) blocks.push(within[i] as PairFigures[]);
  for (const i of others) for (const j of others) if (i < j) blocks.push(cross.get(`${i}-${j}`)!);
  return blocks.flatMap((b) => b.map((c) => ({ score: c.score, opportunity: opportunityOf(c), weight: 1 / b.length })));
}

/** The weighted f-quantile of xs. */
export function weightedQuantile(xs: readonly number[], ws: readonly number[], f: number): number {
  const order = xs.map((_, i) => i).sort((a, b) => xs[a] - xs[b]);
  const total = ws.reduce((a, w) => a + w, 0);
  let acc = 0;
  for (const i of order) if ((acc += ws[i]) >= f * total) return xs[i];
  return xs[order[order.length - 1]];
}

const pct = (v: number): string => (100 * v).toFixed(2);
const cell = (r: Rates): string => `${pct(r.fvcEer)} / ${pct(r.fvcFmr1000)} / ${pct(r.extEer)} / ${pct(r.extFmr1000)}`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { cache: { type: 'string' }, conditions: { type: 'string' }, json: { type: 'string' }, iterations: { type: 'string' } } });
  const cache = values.cache ?? '/tmp/fp-ridgecount';
  const conditions = (values.conditions ?? 'none').split(',');
  if (conditions[0] !== 'none') conditions.unshift('none');
  const data = new Map<string, SetFigures[]>();
  for (const name of conditions) data.set(name, await fvc2002Figures(cache, name === 'none' ? undefined : conditionNamed(name)));
  const original = data.get('none')!;
  const names = original.map((s) => s.name);
  const cross = new Map<string, PairFigures[]>();
  for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) cross.set(`${i}-${j}`, await crossSet(cache, i, j));
  console.error(`cross-set impostors: ${[...cross.values()].reduce((a, b) => a + b.length, 0)}`);
  const within = original.map((s) => s.extended);
  const today = original.map((s) => ratesOf(s, (c) => c.score));
  const out: Record<string, unknown> = { conditions, today };
  // Both forms share a fold's two quantile fits: fit once per fold and quantile.
  const fits = new Map<string, number[]>();
  const fitsOf = (held: number): typeof quantileRegression => (xs, ts, ws, tau) => {
    const key = `${held}-${tau}`;
    if (!fits.has(key)) fits.set(key, quantileRegression(xs, ts, ws, tau));
    return fits.get(key)!;
  };
  for (const form of FORMS) {
    const models = names.map((_, held) => fitImpostorModel(trainingRows(held, within, cross), form, EPSILON, fitsOf(held)));
    const held = original.map((s, si) => ratesOf(s, normalisedScore(models[si])));
    console.log(`\n## ${form}: held out (cells FVC EER / FMR1000 / ext. EER / ext. FMR1000, %)`);
    console.log('| held out | normalised | today | model ref. location / spread (t), score at ref. 99% point |');
    console.log('|---|---|---|---|');
    held.forEach((r, si) => console.log(`| ${names[si]} | ${cell(r)} | ${cell(today[si])} | ${models[si].refLocation.toFixed(3)} / ${models[si].refSpread.toFixed(3)}, ${(Math.exp(models[si].refLocation) - EPSILON).toFixed(4)} |`));
    const sum = (rs: Rates[], f: keyof Rates) => rs.reduce((a, r) => a + 100 * r[f], 0);
    const fvcNoWorse = held.every((r, si) => r.fvcEer <= today[si].fvcEer + 1e-12);
    console.log(`held out: FVC EER sum ${sum(held, 'fvcEer').toFixed(2)} (today ${sum(today, 'fvcEer').toFixed(2)}; no set worse: ${fvcNoWorse}), mean ext. EER ${(sum(held, 'extEer') / 4).toFixed(2)} (today ${(sum(today, 'extEer') / 4).toFixed(2)})`);
    // The weakest genuine and strongest FVC impostor per set, before and after (what sets the EER).
    original.forEach((s, si) => {
      const f = normalisedScore(models[si]);
      const g = [...s.genuine].sort((a, b) => f(a) - f(b)).slice(0, 2), imp = [...s.impostor].sort((a, b) => f(b) - f(a)).slice(0, 2);
      const show = (c: PairFigures) => `${c.probe}–${c.candidate} ${c.score.toFixed(4)}→${f(c).toFixed(4)} (n ${c.nProbe}/${c.nCandidate}, in ${c.probeInside}/${c.candidateInside})`;
      console.log(`  ${s.name}: top FVC impostors ${imp.map(show).join('; ')}; lowest genuine ${g.map(show).join('; ')}`);
    });
    // Impostors only: how the fold's model places the held-out set's extended impostors (share
    // above the conditional 99% point, 1% if it transfers), overall and by the smaller side's
    // minutiae, against the training impostors' unconditional 99% point (no model).
    if (form === 'primary') {
      const bands: [string, (c: PairFigures) => boolean][] = [['all', () => true], ['min n < 25', (c) => Math.min(c.nProbe, c.nCandidate) < 25], ['25–40', (c) => { const m = Math.min(c.nProbe, c.nCandidate); return m >= 25 && m < 40; }], ['≥ 40', (c) => Math.min(c.nProbe, c.nCandidate) >= 40]];
      console.log('| held out | ' + bands.map(([b]) => `${b}: above q99(x) / above the plain 99% point (n)`).join(' | ') + ' |');
      console.log('|---|' + bands.map(() => '---|').join(''));
      original.forEach((s, si) => {
        const rows = trainingRows(si, within, cross);
        const plain = weightedQuantile(rows.map((r) => Math.log(Math.max(0, r.score) + EPSILON)), rows.map((r) => r.weight), 0.99);
        const m = models[si];
        const cells = bands.map(([, keep]) => {
          const cs = s.extended.filter(keep);
          const t = (c: PairFigures) => Math.log(Math.max(0, c.score) + EPSILON);
          const above = cs.filter((c) => t(c) > m.location.reduce((a, b, k) => a + b * opportunityFeatures(m, opportunityOf(c))[k], 0)).length;
          const abovePlain = cs.filter((c) => t(c) > plain).length;
          return `${pct(above / cs.length)}% / ${pct(abovePlain / cs.length)}% (${cs.length})`;
        });
        console.log(`| ${s.name} | ${cells.join(' | ')} |`);
      });
    }
    const formOut: Record<string, unknown> = { models, held };
    if (conditions.length > 1) {
      formOut.conditions = conditionsTable(form, conditions, data, (si) => normalisedScore(models[si]));
    }
    out[form] = formOut;
  }
  if (values.json) writeFileSync(values.json, JSON.stringify(out, null, 1));
}
