/**
 * Study for docs/decisions/cohort-score-normalisation.md: the tenprint score put on each print's
 * own impostor scale, measured against a fixed cohort of prints of other fingers (symmetric adaptive
 * S-norm): s' = ½ [(s − μ_K(a)) / σ_K(a) + (s − μ_K(b)) / σ_K(b)], μ_K and σ_K the mean and
 * standard deviation of a print's K highest cohort scores (value 0: today's raw score). K chosen
 * leave one database out, the declared keep rule applied (score-study.ts); then the SecuGen
 * templates (rule 5), normalised against the same cohort.
 *
 * Cohorts: `synthetic` (declared): 200 synthetic fingers, seed 41, setting `mixed`, each finger's
 * first impression through today's extractor, cached in `--cohort-cache`; `fvc` (diagnostic): for
 * each set, the other three FVC2002 sets' original prints from the extraction cache; `gallery`
 * (the declared follow-up): the set's own prints of other fingers, under the same condition.
 *
 *   npx tsx scripts/eval/cohort-normalisation.ts [--k 0,20,50,200] [--cohort synthetic|fvc|gallery] [--conditions none,...] [--cache DIR] [--reference cond.json] [--json OUT.json] [--secugen DIR]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { extractFingerprint } from '../../engine/fingerprint/extractor.js';
import { FingerprintMatcher, type PreparedTemplate, prepareCandidate } from '../../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { syntheticFinger, syntheticImpression } from '../../fixtures/synthetic-fingers/synthetic-fingers.js';
import { cachedTemplates, type PairFigures, type SetFigures } from './eer-pairs.js';
import { reviveBlockField } from './image-templates.js';
import { FVC2002_SETS, isoFolderTemplates, pairScores } from './fvc-evaluation.js';
import { fvcProtocol } from './fvc-protocol.js';
import { leaveOneOut, SETS } from './score-pair-count.js';
import { runScoreStudy } from './score-study.js';
import { errorRates } from './verification-metrics.js';

export const COHORT_SEED = 41;
export const COHORT_FINGERS = 200;
export const COHORT_SETTING = 'mixed';
/** A numeric guard on σ_K only (declared): never binds on real score spreads. */
export const SIGMA_FLOOR = 1e-4;

/** A print's cohort statistics for each K (0 excluded). */
export type CohortStats = Map<number, { mean: number; sd: number }>;

/** μ_K and σ_K (population standard deviation, floored) of the K highest of `scores`, for each K (K above the cohort: the whole cohort). */
export function cohortStats(scores: readonly number[], ks: readonly number[]): CohortStats {
  const sorted = [...scores].sort((x, y) => y - x);
  const out: CohortStats = new Map();
  for (const k of ks) {
    if (k <= 0) continue;
    const top = sorted.slice(0, Math.min(k, sorted.length));
    if (top.length === 0) throw new Error('cohort: no scores');
    const mean = top.reduce((a, b) => a + b, 0) / top.length;
    const variance = top.reduce((a, b) => a + (b - mean) ** 2, 0) / top.length;
    out.set(k, { mean, sd: Math.max(SIGMA_FLOOR, Math.sqrt(variance)) });
  }
  return out;
}

/** The symmetric S-norm of a raw score between prints a and b at K (K 0: the raw score). */
export function sNorm(score: number, a: CohortStats | undefined, b: CohortStats | undefined, k: number): number {
  if (k === 0) return score;
  const sa = a?.get(k), sb = b?.get(k);
  if (!sa || !sb) throw new Error(`cohort statistics missing at K ${k}`);
  return 0.5 * ((score - sa.mean) / sa.sd + (score - sb.mean) / sb.sd);
}

/** Every print's scores (as probe) against every cohort print. */
export function cohortScores(probes: readonly PreparedTemplate[], cohort: readonly PreparedTemplate[]): number[][] {
  return probes.map((p) => {
    const matcher = new FingerprintMatcher(p);
    return cohort.map((c) => matcher.score(c));
  });
}

/** The declared synthetic cohort's templates (cached as JSON in `file`). */
export async function syntheticCohort(file: string): Promise<FingerprintTemplate[]> {
  if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as FingerprintTemplate[]).map(reviveBlockField);
  const out: FingerprintTemplate[] = [];
  for (let f = 0; f < COHORT_FINGERS; f++) {
    const imp = syntheticImpression(COHORT_SEED, f, syntheticFinger(COHORT_SEED, f), 0, COHORT_SETTING);
    out.push((await extractFingerprint(imp.image, { ppi: imp.ppi, ridgeCounts: true })).template);
    if ((f + 1) % 50 === 0) console.error(`cohort: ${f + 1}/${COHORT_FINGERS} synthetic prints extracted`);
  }
  writeFileSync(file, JSON.stringify(out));
  return out;
}

/** The finger of an FVC file name (F_I.ext). */
const fingerOf = (file: string): string => file.slice(0, file.indexOf('_'));

/**
 * The gallery as the cohort (the follow-up): print i compared with print j takes its statistics
 * over its scores against every print of the set whose finger is neither i's nor j's.
 */
export function galleryStats(files: readonly string[], templates: readonly FingerprintTemplate[], ks: readonly number[]): (i: number, j: number) => CohortStats {
  const prepared = templates.map((t) => prepareCandidate(t));
  return galleryStatsOf(cohortScores(prepared, prepared), files, ks);
}

/** galleryStats from the set's score matrix (all[i][q]: print i as probe against print q). */
export function galleryStatsOf(all: readonly (readonly number[])[], files: readonly string[], ks: readonly number[]): (i: number, j: number) => CohortStats {
  const fingers = files.map(fingerOf);
  const memo = new Map<string, CohortStats>();
  return (i, j) => {
    const key = `${i}:${fingers[j]}`;
    let st = memo.get(key);
    if (!st) {
      st = cohortStats(all[i]!.filter((_, q) => fingers[q] !== fingers[i] && fingers[q] !== fingers[j]), ks);
      memo.set(key, st);
    }
    return st;
  };
}

async function main(): Promise<void> {
  const { values: a } = parseArgs({ options: { k: { type: 'string' }, cohort: { type: 'string' }, conditions: { type: 'string' }, cache: { type: 'string' }, reference: { type: 'string' }, json: { type: 'string' }, 'cohort-cache': { type: 'string' }, secugen: { type: 'string' } } });
  const ks = String(a.k ?? '0,20,50,200').split(',').map(Number);
  if (ks.some((k) => k < 0 || !Number.isInteger(k))) throw new Error('--k: non-negative integers');
  const kind = a.cohort ?? 'synthetic';
  const cache = String(a.cache ?? '/tmp/tenprint-cue');
  // For each set: the statistics of print i when it is compared with print j (a fixed cohort ignores j).
  type StatsOf = (i: number, j: number) => CohortStats;
  let statsFor: (set: string, files: readonly string[], templates: readonly FingerprintTemplate[]) => StatsOf;
  if (kind === 'synthetic' || kind === 'fvc') {
    let cohortFor: (set: string) => PreparedTemplate[];
    if (kind === 'synthetic') {
      const cohort = (await syntheticCohort(String(a['cohort-cache'] ?? `/tmp/cohort-synthetic-${COHORT_SEED}.json`))).map((t) => prepareCandidate(t));
      cohortFor = () => cohort;
    } else {
      const bySet = new Map<string, PreparedTemplate[]>();
      for (const s of FVC2002_SETS) bySet.set(s.name, (await cachedTemplates(cache, s)).templates.map((t) => prepareCandidate(t)));
      cohortFor = (set) => [...bySet].filter(([n]) => n !== set).flatMap(([, v]) => v);
    }
    statsFor = (set, _files, templates) => {
      const st = cohortScores(templates.map((t) => prepareCandidate(t)), cohortFor(set)).map((row) => cohortStats(row, ks));
      return (i) => st[i]!;
    };
  } else if (kind === 'gallery') {
    statsFor = (_set, files, templates) => galleryStats(files, templates, ks);
  } else throw new Error('--cohort synthetic, fvc or gallery');

  let stats: StatsOf = () => { throw new Error('no set prepared'); };
  let index = new Map<string, number>();
  const prepare = (set: SetFigures): void => {
    stats = statsFor(set.name, set.files!, set.templates!);
    index = new Map(set.files!.map((f, i) => [f, i]));
  };
  const score = (c: PairFigures, k: number): number => {
    const i = index.get(c.probe)!, j = index.get(c.candidate)!;
    return sNorm(c.score, stats(i, j), stats(j, i), k);
  };
  const describe = (set: SetFigures): { line: string; figures: unknown } => {
    const top = [...set.impostor].sort((x, y) => y.score - x.score)[0]!;
    const k = ks.filter((v) => v > 0);
    const i = index.get(top.probe)!, j = index.get(top.candidate)!;
    const st = (x: number, y: number) => k.map((v) => `${stats(x, y).get(v)!.mean.toFixed(4)}±${stats(x, y).get(v)!.sd.toFixed(4)}`).join(' ');
    const figures = { topImpostor: `${top.probe}–${top.candidate}`, raw: top.score, normalised: Object.fromEntries(k.map((v) => [v, score(top, v)])) };
    return { line: `top FVC impostor ${figures.topImpostor} raw ${top.score.toFixed(4)}; cohort μ±σ (K ${k.join(', ')}): ${top.probe} ${st(i, j)}, ${top.candidate} ${st(j, i)}`, figures };
  };
  const passOn = [...(['conditions', 'cache', 'reference', 'json'] as const).flatMap((o) => (a[o] ? [`--${o}`, String(a[o])] : [])), '--k', ks.join(',')];
  await runScoreStudy({ option: 'k', values: ks.join(','), today: 0, score, prepare, describe }, passOn);

  // Rule 5: the SecuGen templates, normalised against the same cohort, their own leave-one-out choice.
  if (a.secugen) {
    const ext = new Map<number, Record<string, number>>(ks.map((k) => [k, {}]));
    const rows: string[] = [];
    for (const s of FVC2002_SETS) {
      const { samples, templates } = isoFolderTemplates(join(String(a.secugen), `fvc2002_${s.name.toLowerCase()}_b`));
      const st = statsFor(s.name, samples.map((x) => x.file), templates);
      const protocol = fvcProtocol(samples);
      const scoreOf = pairScores(templates);
      const raw = (p: readonly [number, number]): [number, number, number] => [scoreOf(p), p[0], p[1]];
      const g = protocol.genuine.map(raw), im = protocol.impostor.map(raw), ex = protocol.extendedImpostor.map(raw);
      const cells: string[] = [];
      for (const k of ks) {
        const n = ([v, i, j]: [number, number, number]) => sNorm(v, st(i, j), st(j, i), k);
        const gs = g.map(n), fvc = errorRates(gs, im.map(n)), e = errorRates(gs, ex.map(n));
        ext.get(k)![s.name] = e.eer;
        cells.push(`${k}: ${(100 * fvc.eer).toFixed(2)}/${(100 * e.eer).toFixed(2)}`);
      }
      rows.push(`SecuGen ${s.name} (FVC EER / ext. EER %): ${cells.join(' | ')}`);
    }
    for (const r of rows) console.log(r);
    const picks = leaveOneOut(ks, 0, (k, set) => ext.get(k)![set]!);
    const held = SETS.reduce((t, set) => t + ext.get(picks[set]!)![set]!, 0) / SETS.length, today = SETS.reduce((t, set) => t + ext.get(0)![set]!, 0) / SETS.length;
    console.log(`SecuGen held-out picks: ${SETS.map((set) => `${set} ${picks[set]}`).join(', ')}; held-out mean ext. EER ${(100 * held).toFixed(3)} % against today ${(100 * today).toFixed(3)} %: rule 5 ${held <= today + 1e-12 ? 'passes' : 'fails'}`);
    if (a.json) writeFileSync(String(a.json).replace(/\.json$/, '') + '-secugen.json', JSON.stringify({ picks, heldMean: held, todayMean: today, extended: Object.fromEntries(ext) }, null, 1) + '\n');
  }
}

if (process.argv[1]?.endsWith('cohort-normalisation.ts')) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
  });
}
