/**
 * The ridge-count cue, leave-one-database-out (issue 15 points 2 and 3), exactly as declared in
 * docs/decisions/ridge-count-cue.md before any run: three fusions of today's score s with the
 * ridge-count agreement R = agree / n over the matcher's chosen pairs
 * (engine/fingerprint/matching/ridge-count-agreement.ts), each over the grid w × R0; for each
 * held-out FVC2002 set and each form, the grid point with the lowest mean extended EER over the
 * other three sets' original images (ties to today, w = 0, then the smaller w, then the smaller R0)
 * is reported on the held-out set: FVC-protocol EER / FMR1000, extended EER / FMR1000 (%).
 * With --conditions, each fold's pick (chosen on the original images only) is also scored on its
 * held-out set under each condition (scripts/eval/conditions.ts), summed against today; the two
 * never-tuned backgrounds (printed-background, ghost-print) are summed apart and only reported.
 *
 * Templates: the extraction cache of scripts/eval/eer-pairs.ts (`--cache`, default
 * /tmp/fp-ridgecount), made by this branch's extractor, whose templates carry ridge counts (the
 * orientation-cue study's caches, made before, do not: the study would see none and report today).
 *   npx tsx scripts/eval/ridge-count-cue.ts [--cache DIR] [--conditions none,dry,...] [--json OUT] [--exact]
 * `--exact` (post hoc, a diagnostic: defined after the declared run) counts a link as agreeing
 * only when its two counts are equal.
 */
import { parseArgs } from 'node:util';
import { writeFileSync } from 'node:fs';
import { type RidgeCountFusion, RIDGE_COUNT_MIN_LINKS, fuseRidgeCounts } from '../../engine/fingerprint/matching/ridge-count-agreement.js';
import { conditionNamed } from './conditions.js';
import { fvc2002Figures, type PairFigures, type SetFigures } from './eer-pairs.js';
import { errorRates } from './verification-metrics.js';

/** The declared grid: w = 0 (today) first, then ascending w, each with ascending R0. */
export const WEIGHTS = [0, 0.5, 1, 1.5, 2, 3, 4];
export const R0S = [0.5, 0.6, 0.7, 0.8, 0.9];
export const FORMS: readonly RidgeCountFusion[] = ['primary', 'penalty', 'shrunk'];
/** Conditions never tuned on: reported apart (issue 15; fvc2002-conditions.md). */
export const HELD_OUT_BACKGROUNDS = ['printed-background', 'ghost-print'];

export interface GridPoint { w: number; r0: number }
export const GRID: GridPoint[] = [{ w: 0, r0: R0S[0] }, ...WEIGHTS.filter((w) => w > 0).flatMap((w) => R0S.map((r0) => ({ w, r0 })))];

export interface Rates { fvcEer: number; fvcFmr1000: number; extEer: number; extFmr1000: number }

export function ratesOf(s: SetFigures, score: (c: PairFigures) => number): Rates {
  const g = s.genuine.map(score);
  const fvc = errorRates(g, s.impostor.map(score)), ext = errorRates(g, s.extended.map(score));
  return { fvcEer: fvc.eer, fvcFmr1000: fvc.fmr1000, extEer: ext.eer, extFmr1000: ext.fmr1000 };
}

/** `--exact`: agreement only where the counts are equal. Post hoc (added after the declared run's figures), so a diagnostic, never the decision. */
let exact = false;
const scorer = (form: RidgeCountFusion, p: GridPoint) => (c: PairFigures): number => fuseRidgeCounts(c.score, { agree: exact ? c.ridgeExact : c.ridgeAgree, compared: c.ridgeCompared }, form, p.w, p.r0);

/** For each held-out set, the grid index with the lowest mean extended EER on the others (ties to the earlier grid point, today first). */
export function leaveOneOut(ext: number[][]): number[] {
  const sets = ext[0].length;
  return Array.from({ length: sets }, (_, held) => {
    const mean = (k: number) => ext[k].reduce((a, v, si) => (si === held ? a : a + v), 0) / (sets - 1);
    let best = 0;
    for (let k = 1; k < ext.length; k++) if (mean(k) < mean(best) - 1e-12) best = k;
    return best;
  });
}

const pct = (v: number): string => (100 * v).toFixed(2);

/**
 * Every condition's extended and FVC-protocol EER, each set scored by `heldScore(set index)` and
 * by today's score, printed with the sums the keep rule reads: the conditions tuned on (and how
 * many cells got better or worse) and the never-tuned backgrounds apart.
 */
export function conditionsTable(form: string, conditions: string[], data: Map<string, SetFigures[]>, heldScore: (si: number) => (c: PairFigures) => number): Record<string, { held: number[]; today: number[]; heldFvc: number[]; todayFvc: number[] }> {
  const rows: Record<string, { held: number[]; today: number[]; heldFvc: number[]; todayFvc: number[] }> = {};
  let tuned = 0, tunedToday = 0, bg = 0, bgToday = 0, better = 0, worse = 0;
  for (const name of conditions) {
    const sets = data.get(name)!;
    const h = sets.map((s, si) => ratesOf(s, heldScore(si)));
    const t = sets.map((s) => ratesOf(s, (c) => c.score));
    rows[name] = { held: h.map((r) => 100 * r.extEer), today: t.map((r) => 100 * r.extEer), heldFvc: h.map((r) => 100 * r.fvcEer), todayFvc: t.map((r) => 100 * r.fvcEer) };
    const hs = h.reduce((a, r) => a + 100 * r.extEer, 0), ts = t.reduce((a, r) => a + 100 * r.extEer, 0);
    if (HELD_OUT_BACKGROUNDS.includes(name)) { bg += hs; bgToday += ts; } else {
      tuned += hs; tunedToday += ts;
      h.forEach((r, si) => { if (r.extEer < t[si].extEer - 1e-12) better++; else if (r.extEer > t[si].extEer + 1e-12) worse++; });
    }
    console.log(`  ${name}: ext. EER held out / today ${h.map((r, si) => `${pct(r.extEer)}/${pct(t[si].extEer)}`).join(', ')}; FVC EER ${h.map((r, si) => `${pct(r.fvcEer)}/${pct(t[si].fvcEer)}`).join(', ')}`);
  }
  console.log(`${form}: ext. EER summed over the tuned-on conditions ${tuned.toFixed(2)} against ${tunedToday.toFixed(2)} (cells better ${better}, worse ${worse}); never-tuned backgrounds ${bg.toFixed(2)} against ${bgToday.toFixed(2)}`);
  return rows;
}
const cell = (r: Rates): string => `${pct(r.fvcEer)} / ${pct(r.fvcFmr1000)} / ${pct(r.extEer)} / ${pct(r.extFmr1000)}`;
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { cache: { type: 'string' }, conditions: { type: 'string' }, json: { type: 'string' }, exact: { type: 'boolean' } } });
  exact = values.exact ?? false;
  const cache = values.cache ?? '/tmp/fp-ridgecount';
  const conditions = (values.conditions ?? 'none').split(',');
  if (conditions[0] !== 'none') conditions.unshift('none');
  const data = new Map<string, SetFigures[]>();
  for (const name of conditions) data.set(name, await fvc2002Figures(cache, name === 'none' ? undefined : conditionNamed(name)));
  const original = data.get('none')!;
  const names = original.map((s) => s.name);
  const out: Record<string, unknown> = { conditions, grid: GRID };

  // What the cue sees: links compared and their agreement, genuine against impostors.
  console.log('## Links compared (n) and agreement R on the original images');
  console.log('| set | genuine: n ≥ 3 share, median n, median R | extended impostors: n ≥ 3 share, median n, median R | FVC impostors above today\'s crossing |');
  console.log('|---|---|---|---|');
  for (const s of original) {
    const desc = (cs: PairFigures[]) => {
      const gated = cs.filter((c) => c.ridgeCompared >= RIDGE_COUNT_MIN_LINKS);
      return `${pct(gated.length / cs.length)}%, ${median(cs.map((c) => c.ridgeCompared))}, ${median(gated.map((c) => (exact ? c.ridgeExact : c.ridgeAgree) / c.ridgeCompared)).toFixed(2)}`;
    };
    const g = [...s.genuine].sort((a, b) => a.score - b.score);
    const topImp = [...s.impostor].sort((a, b) => b.score - a.score).slice(0, 2);
    console.log(`| ${s.name} | ${desc(s.genuine)} | ${desc(s.extended)} | ${topImp.map((c) => `${c.probe}–${c.candidate} ${c.score.toFixed(4)} R ${exact ? c.ridgeExact : c.ridgeAgree}/${c.ridgeCompared}`).join('; ')} (lowest genuine: ${g.slice(0, 3).map((c) => `${c.probe}–${c.candidate} ${c.score.toFixed(4)} R ${exact ? c.ridgeExact : c.ridgeAgree}/${c.ridgeCompared}`).join('; ')}) |`);
  }

  const today = original.map((s) => ratesOf(s, (c) => c.score));
  for (const form of FORMS) {
    // rates[k][set] on the original images
    const rates = GRID.map((p) => original.map((s) => ratesOf(s, scorer(form, p))));
    const picks = leaveOneOut(rates.map((r) => r.map((x) => x.extEer)));
    const allMean = rates.map((r) => r.reduce((a, x) => a + x.extEer, 0) / r.length);
    let bestAll = 0;
    allMean.forEach((m, k) => { if (m < allMean[bestAll] - 1e-12) bestAll = k; });
    console.log(`\n## ${form}: held out (cells FVC EER / FMR1000 / ext. EER / ext. FMR1000, %)`);
    console.log('| held out | pick (w, R0) | mean ext. EER on the other three, pick / today | held out | today |');
    console.log('|---|---|---|---|---|');
    const held: Rates[] = [];
    picks.forEach((k, si) => {
      const others = (kk: number) => rates[kk].reduce((a, x, i) => (i === si ? a : a + x.extEer), 0) / (names.length - 1);
      held.push(rates[k][si]);
      console.log(`| ${names[si]} | ${GRID[k].w}, ${GRID[k].r0} | ${pct(others(k))} / ${pct(others(0))} | ${cell(rates[k][si])} | ${cell(today[si])} |`);
    });
    const sum = (rs: Rates[], f: keyof Rates) => rs.reduce((a, r) => a + 100 * r[f], 0);
    console.log(`held out: FVC EER sum ${sum(held, 'fvcEer').toFixed(2)} (today ${sum(today, 'fvcEer').toFixed(2)}), mean ext. EER ${(sum(held, 'extEer') / 4).toFixed(2)} (today ${(sum(today, 'extEer') / 4).toFixed(2)})`);
    console.log(`all four: w ${GRID[bestAll].w}, R0 ${GRID[bestAll].r0}: ${original.map((_, si) => cell(rates[bestAll][si])).join(' | ')}; mean ext. EER ${pct(allMean[bestAll])} (today ${pct(allMean[0])})`);
    // The plateau: mean ext. EER on all four per grid point.
    console.log(`grid, mean ext. EER on all four (%): ${GRID.map((p, k) => `${p.w}/${p.r0} ${pct(allMean[k])}`).join(', ')}`);
    const formOut: Record<string, unknown> = { picks: picks.map((k) => GRID[k]), held, today, bestAll: GRID[bestAll] };
    if (conditions.length > 1) {
      formOut.conditions = conditionsTable(form, conditions, data, (si) => scorer(form, GRID[picks[si]]));
    }
    out[form] = formOut;
  }
  if (values.json) writeFileSync(values.json, JSON.stringify(out, null, 1));
}
