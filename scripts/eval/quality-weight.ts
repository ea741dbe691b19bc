/**
 * Quality-weighted minutiae in consolidation, leave-one-database-out (issue 15 points 2 and 3;
 * declared in docs/decisions/quality-weighted-minutiae.md before any run). For every FVC2002
 * comparison (FVC-protocol genuine and impostor pairs, and the extended impostors) it scores the
 * comparison today and under every setting of the grid for each form (engine/fingerprint/
 * matching/quality-weight.ts): the matcher's own kernels (local similarities once per comparison,
 * then consolidation with the study's weights, then the orientation cue as FingerprintMatcher.match
 * applies it). Today's column is FingerprintMatcher's score with `qualitySpread: false` to the bit,
 * and the shipped setting's (isShipped) FingerprintMatcher's own score (both checked per comparison
 * with --verify).
 *
 * For each form and each held-out set, the setting with the lowest mean extended EER over the other
 * three sets (ties to today, then to the earlier grid setting) is scored on the held-out set: its
 * FVC-protocol EER and FMR1000, its extended EER, and its extended EER under each condition.
 *
 * A family is a form with its grid: count, pair, both and spread (the earlier study,
 * docs/decisions/quality-weighted-minutiae.md), and spread-floor, spread with a floor f on r in
 * relaxation's spread (docs/decisions/quality-spread-floor.md). `--choose FAMILY` also checks that
 * family's held-out figures against quality-spread-floor.md's keep rule (today measured in the
 * same run).
 *
 * Templates come from an extraction cache as scripts/eval/eer-pairs.ts names it (DBn-block16-
 * stride4-v2.json for the original images, DBn-CONDITION-stride4.json); missing ones are extracted
 * and cached.
 *   npx tsx scripts/eval/quality-weight.ts [--cache /tmp/fp-qweight] [--forms count,pair,both]
 *     [--conditions none,dry,...] [--choose spread-floor] [--json OUT] [--verify]
 */
import { parseArgs } from 'node:util';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORIENTATION_BLOCK_STRIDE } from '../../engine/fingerprint/extraction/parameters.js';
import { FingerprintMatcher, type PreparedTemplate, prepareCandidate } from '../../engine/fingerprint/matcher.js';
import { ConsolidationScratch, consolidate } from '../../engine/fingerprint/matching/consolidation.js';
import { localSimilarities } from '../../engine/fingerprint/matching/local-similarity.js';
import { OrientationCue, fuseOrientation } from '../../engine/fingerprint/matching/orientation-agreement.js';
import { MAX_MINUTIAE, QUALITY_SPREAD_Q0, QUALITY_SPREAD_Q1, QUALITY_SPREAD_WMIN } from '../../engine/fingerprint/matching/parameters.js';
import { type QualityWeightForm, type QualityWeightSetting, cylinderWeights } from '../../engine/fingerprint/matching/quality-weight.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { FVC2002_SETS } from './fvc-evaluation.js';
import { type Sample, fvcProtocol, fvcSamples } from './fvc-protocol.js';
import { type Condition, conditionNamed } from './conditions.js';
import { loadImageTemplates, reviveBlockField } from './image-templates.js';
import { errorRates } from './verification-metrics.js';

/** A form with its declared grid: the earlier study's forms, and spread with a floor. */
export type Family = QualityWeightForm | 'spread-floor';

/**
 * One setting of the study: today (no weights) or a form with its weight ramp and, for the
 * spread-floor family, the floor f on r.
 */
export interface Setting { name: string; family: Family | null; form: QualityWeightForm | null; w: QualityWeightSetting | null; floor?: number }

export const TODAY: Setting = { name: 'today', family: null, form: null, w: null };

/** The floors of quality-spread-floor.md's grid. */
export const SPREAD_FLOORS = [0.5, 0.67] as const;

/** The declared grid of a family, in the tie-break order (f, then q0, q1, wmin ascending). */
export function grid(family: Family): Setting[] {
  const out: Setting[] = [];
  const floors = family === 'spread-floor' ? SPREAD_FLOORS : [undefined];
  const form: QualityWeightForm = family === 'spread-floor' ? 'spread' : family;
  for (const f of floors) {
    for (const q0 of [10, 30]) {
      for (const q1 of [60, 90]) {
        for (const wmin of [0.25, 0.5]) {
          const name = `${family}${f === undefined ? '' : ` f=${f}`} q0=${q0} q1=${q1} wmin=${wmin}`;
          out.push({ name, family, form, w: { q0, q1, wmin }, ...(f === undefined ? {} : { floor: f }) });
        }
      }
    }
  }
  return out;
}

/** Comparisons of a shipped setting checked against FingerprintMatcher by `--verify` (a count, for the report). */
export const verified = { shipped: 0 };

/** Scores of one set's comparisons under each setting: [setting][comparison]. */
export interface SetScores { name: string; genuine: Float64Array[]; impostor: Float64Array[]; extended: Float64Array[] }

/**
 * Whether a setting is the one shipped in the matcher (parameters.ts, QUALITY_SPREAD_*; docs/
 * decisions/quality-spread-floor.md, "Shipping S"): the spread form with that ramp, no floor
 * that binds (r ≥ wmin, so a floor f ≤ wmin never does).
 */
export function isShipped(s: Setting): boolean {
  return s.form === 'spread' && s.w !== null && s.w.q0 === QUALITY_SPREAD_Q0 && s.w.q1 === QUALITY_SPREAD_Q1 && s.w.wmin === QUALITY_SPREAD_WMIN && (s.floor === undefined || s.floor <= s.w.wmin);
}

/**
 * Scores every listed comparison under every setting. "today" is the matcher as it was before the
 * shipped quality spread (r = 1). `verify`: also compare today's column with FingerprintMatcher's
 * score with `qualitySpread: false`, and the shipped setting's columns (isShipped) with
 * FingerprintMatcher's own score (throws on the first difference).
 */
export function scoreComparisons(templates: FingerprintTemplate[], pairs: readonly (readonly [number, number])[], settings: Setting[], verify = false): Float64Array[] {
  let weights: (Float64Array[] | null)[] = [];
  return studyScores(templates, pairs, settings.length, {
    // Without the study's weights, r = 1 (today); with them, their sums set r instead.
    qualitySpread: false,
    prepared: (prepared) => { weights = settings.map((s) => (s.w === null ? null : templates.map((t, i) => cylinderWeights(t, prepared[i], s.w!)))); },
    minutiaeScore: (k, a, b, found, scratch, i, j) => {
      const w = weights[k], s = settings[k];
      return consolidate(a, b, found, scratch, w === null ? undefined : { form: s.form!, a: w[i], b: w[j], ...(s.floor === undefined ? {} : { floor: s.floor }) });
    },
    ...(verify ? {
      check: (k: number, a: PreparedTemplate, b: PreparedTemplate, i: number, j: number, score: number) => {
        const s = settings[k];
        if (s.form === null) {
          const m = new FingerprintMatcher(a, { qualitySpread: false }).match(b).score;
          if (m !== score) throw new Error(`today's column differs from the matcher (qualitySpread false) at ${i}–${j}: ${score} against ${m}`);
        }
        if (isShipped(s)) {
          const m = new FingerprintMatcher(a).match(b).score;
          if (m !== score) throw new Error(`${s.name}'s column differs from the matcher at ${i}–${j}: ${score} against ${m}`);
          verified.shipped++;
        }
      },
    } : {}),
  });
}

/** How a consolidation study scores one column (studyScores). */
export interface StudyColumns {
  /** relaxation's spread from the templates' W (ConsolidationScratch.qualitySpread); default true. */
  qualitySpread?: boolean;
  /** Called once with the prepared templates, before any comparison. */
  prepared?: (prepared: PreparedTemplate[]) => void;
  /** Column k's minutiae score of a against b (templates i, j), after their local similarities. */
  minutiaeScore: (k: number, a: PreparedTemplate, b: PreparedTemplate, found: number, scratch: ConsolidationScratch, i: number, j: number) => number;
  /** Called with each column's final score (e.g. to compare it with FingerprintMatcher's). */
  check?: (k: number, a: PreparedTemplate, b: PreparedTemplate, i: number, j: number, score: number) => void;
}

/**
 * The frame the consolidation studies share (this script, relative-tolerance.ts): every listed
 * comparison's local similarities once, then each column's minutiae score fused with the
 * orientation cue as FingerprintMatcher fuses it: [column][comparison].
 */
export function studyScores(templates: FingerprintTemplate[], pairs: readonly (readonly [number, number])[], columns: number, how: StudyColumns): Float64Array[] {
  const prepared = templates.map((t) => prepareCandidate(t));
  how.prepared?.(prepared);
  const scratch = new ConsolidationScratch(MAX_MINUTIAE);
  scratch.qualitySpread = how.qualitySpread ?? true;
  const out = Array.from({ length: columns }, () => new Float64Array(pairs.length));
  const cues = new Map<number, OrientationCue>();
  pairs.forEach(([i, j], p) => {
    const a: PreparedTemplate = prepared[i], b = prepared[j];
    const found = localSimilarities(a, b, scratch.packed);
    let cue = cues.get(i);
    if (cue === undefined && a.orientations) cues.set(i, (cue = new OrientationCue(a.orientations)));
    for (let k = 0; k < columns; k++) {
      const minutiaeScore = how.minutiaeScore(k, a, b, found, scratch, i, j);
      let score = minutiaeScore;
      if (cue !== undefined && b.orientations && minutiaeScore !== 0) score = fuseOrientation(minutiaeScore, cue.consensus(a, b, scratch) ? cue.agreement(b.orientations) : 0);
      out[k][p] = score;
      how.check?.(k, a, b, i, j, score);
    }
  });
  return out;
}

function cacheName(set: string, condition: Condition | undefined): string {
  return condition ? `${set}-${condition.name}-stride${ORIENTATION_BLOCK_STRIDE}.json` : `${set}-block16-stride${ORIENTATION_BLOCK_STRIDE}-v2.json`;
}

export async function setTemplates(cacheDir: string, set: (typeof FVC2002_SETS)[number], condition?: Condition): Promise<{ samples: Sample[]; templates: FingerprintTemplate[] }> {
  const dir = sharedDataPath('fingerprints', 'fvc2002', set.folder);
  const samples = fvcSamples(readdirSync(dir), ['tif']);
  const file = join(cacheDir, cacheName(set.name, condition));
  if (existsSync(file)) {
    const templates = (JSON.parse(readFileSync(file, 'utf8')) as { template: FingerprintTemplate }[]).map((c) => c.template);
    templates.forEach(reviveBlockField);
    return { samples, templates };
  }
  mkdirSync(cacheDir, { recursive: true });
  const templates = (await loadImageTemplates(samples.map((s) => join(dir, s.file)), set.ppi, { ...(condition ? { condition } : {}), ridgeCounts: true })).templates;
  writeFileSync(file, JSON.stringify(templates.map((template) => ({ template }))));
  return { samples, templates };
}

/**
 * Every FVC2002 set under every condition, scored by `score` (one Float64Array per setting over
 * the protocol's genuine, FVC impostor and extended impostor comparisons, in that order), split
 * into SetScores. Shared by the consolidation studies (this script, relative-tolerance.ts).
 */
export async function scoresByCondition(
  cacheDir: string,
  conditions: readonly string[],
  settingCount: number,
  score: (templates: FingerprintTemplate[], pairs: readonly (readonly [number, number])[], condition: string) => Float64Array[],
): Promise<Map<string, SetScores[]>> {
  const byCondition = new Map<string, SetScores[]>();
  for (const c of conditions) {
    const condition = c === 'none' ? undefined : conditionNamed(c);
    const sets: SetScores[] = [];
    for (const set of FVC2002_SETS) {
      const t0 = Date.now();
      const { samples, templates } = await setTemplates(cacheDir, set, condition);
      const protocol = fvcProtocol(samples);
      const all = [...protocol.genuine, ...protocol.impostor, ...protocol.extendedImpostor];
      const scores = score(templates, all, c);
      const g = protocol.genuine.length, im = protocol.impostor.length;
      sets.push({ name: set.name, genuine: scores.map((v) => v.subarray(0, g)), impostor: scores.map((v) => v.subarray(g, g + im)), extended: scores.map((v) => v.subarray(g + im)) });
      console.error(`${c} ${set.name}: ${all.length} comparisons × ${settingCount} settings, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    byCondition.set(c, sets);
  }
  return byCondition;
}

export interface Rates { fvcEer: number; fvcFmr1000: number; extEer: number; extFmr1000: number }

export function rates(s: SetScores, k: number): Rates {
  const fvc = errorRates(s.genuine[k], s.impostor[k]);
  const ext = errorRates(s.genuine[k], s.extended[k]);
  return { fvcEer: fvc.eer, fvcFmr1000: fvc.fmr1000, extEer: ext.eer, extFmr1000: ext.fmr1000 };
}

/** The nine conditions the earlier studies tuned on ('none': the original images). */
export const TUNED_CONDITIONS = ['none', 'dry', 'wet', 'ppi-250', 'ppi-1000', 'noisy-background', 'noise', 'low-contrast', 'ppi-400'] as const;
/** Never tuned on: the two backgrounds (seen by the unfloored spread form's choice)… */
export const BACKGROUNDS = ['printed-background', 'ghost-print'] as const;
/** …and the three newer conditions no spread form was ever measured on. */
export const NEWER_CONDITIONS = ['gaussian-noise', 'salt-pepper', 'wet-blur'] as const;

/** Held-out figures of a family: per set the chosen setting's rates, and summed ext. EERs by condition. */
export interface HeldOut { perSet: Rates[]; fvcEerSum: number; byCondition: Record<string, number> }

/**
 * quality-spread-floor.md's keep rule, candidate against today (both held out, same run), each
 * rule true when it holds. Rule 1: no set's FVC EER worse and the sum lower; 2: FVC FMR1000 ≤ 3%
 * on every set; 3: the nine tuned conditions' sum lower; 4: the backgrounds' sum not worse and the
 * three newer conditions' sum not worse. A rule whose conditions were not all measured is false.
 */
export function spreadFloorKeepRule(today: HeldOut, candidate: HeldOut): { rule1: boolean; rule2: boolean; rule3: boolean; rule4: boolean } {
  const sum = (h: HeldOut, cs: readonly string[]): number => cs.reduce((a, c) => a + (h.byCondition[c] ?? Number.NaN), 0);
  return {
    rule1: candidate.perSet.every((r, i) => r.fvcEer <= today.perSet[i].fvcEer) && candidate.fvcEerSum < today.fvcEerSum,
    rule2: candidate.perSet.every((r) => r.fvcFmr1000 <= 0.03),
    rule3: sum(candidate, TUNED_CONDITIONS) < sum(today, TUNED_CONDITIONS),
    rule4: sum(candidate, BACKGROUNDS) <= sum(today, BACKGROUNDS) && sum(candidate, NEWER_CONDITIONS) <= sum(today, NEWER_CONDITIONS),
  };
}

/** The held-out choice for set h: lowest mean extended EER over the others; ties to the earlier setting (today first). */
export function heldOutChoice(sets: SetScores[], h: number, candidates: number[]): number {
  let best = -1;
  let bestMean = Number.POSITIVE_INFINITY;
  for (const k of candidates) {
    let sum = 0;
    for (let o = 0; o < sets.length; o++) if (o !== h) sum += rates(sets[o], k).extEer;
    const mean = sum / (sets.length - 1);
    if (mean < bestMean - 1e-12) {
      bestMean = mean;
      best = k;
    }
  }
  return best;
}

const pct = (v: number): string => (100 * v).toFixed(2);

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { cache: { type: 'string' }, forms: { type: 'string' }, conditions: { type: 'string' }, json: { type: 'string' }, verify: { type: 'boolean' }, choose: { type: 'string' } } });
  const cacheDir = values.cache ?? '/tmp/fp-qweight';
  const families = (values.forms ?? 'count,pair,both').split(',') as Family[];
  const conditions = (values.conditions ?? 'none').split(',');
  const settings: Setting[] = [TODAY, ...families.flatMap(grid)];
  const byCondition = await scoresByCondition(cacheDir, conditions, settings.length, (templates, pairs, c) => scoreComparisons(templates, pairs, settings, values.verify === true && c === 'none'));
  const none = byCondition.get('none');
  if (!none) throw new Error('--conditions must include none (the original images): the choice is made there');
  const report: Record<string, unknown> = {};
  console.log(`\n## today\n| set | FVC EER | FVC FMR1000 | ext. EER | ext. FMR1000 |\n|---|---|---|---|---|`);
  none.forEach((s) => { const r = rates(s, 0); console.log(`| ${s.name} | ${pct(r.fvcEer)} | ${pct(r.fvcFmr1000)} | ${pct(r.extEer)} | ${pct(r.extFmr1000)} |`); });
  // Every setting on every set (original images): the table the choice is made from.
  console.log(`\n## every setting, original images: FVC EER / FVC FMR1000 / ext. EER per set, mean ext.\n| setting | DB1 | DB2 | DB3 | DB4 | mean ext. |\n|---|---|---|---|---|---|`);
  settings.forEach((st, k) => {
    const r = none.map((s) => rates(s, k));
    console.log(`| ${st.name} | ${r.map((x) => `${pct(x.fvcEer)} / ${pct(x.fvcFmr1000)} / ${pct(x.extEer)}`).join(' | ')} | ${pct(r.reduce((a, x) => a + x.extEer, 0) / r.length)} |`);
  });
  // Every setting, all four sets, under each condition (a report: nothing is chosen on it).
  const others = conditions.filter((c) => c !== 'none');
  if (others.length) {
    console.log(`\n## every setting, all four sets: ext. EER summed over the sets per condition (report only)\n| setting | ${others.join(' | ')} |\n|---|${others.map(() => '---|').join('')}`);
    settings.forEach((st, k) => console.log(`| ${st.name} | ${others.map((c) => pct(byCondition.get(c)!.reduce((a, s) => a + rates(s, k).extEer, 0))).join(' | ')} |`));
  }
  const heldOut = new Map<string, HeldOut>();
  for (const family of [null, ...families]) {
    const candidates = settings.map((s, k) => (s.family === null || s.family === family ? k : -1)).filter((k) => k >= 0);
    const chosen = none.map((_, h) => (family === null ? 0 : heldOutChoice(none, h, candidates)));
    const label = family ?? 'today';
    console.log(`\n## ${label}, held out\n| set | setting | FVC EER | FVC FMR1000 | ext. EER | ext. FMR1000 | ${others.join(' | ')} |\n|---|---|---|---|---|---|${others.map(() => '---|').join('')}`);
    const held: HeldOut = { perSet: [], fvcEerSum: 0, byCondition: {} };
    const rows: unknown[] = [];
    none.forEach((s, h) => {
      const k = chosen[h];
      const r = rates(s, k);
      held.perSet.push(r);
      held.fvcEerSum += r.fvcEer;
      held.byCondition.none = (held.byCondition.none ?? 0) + r.extEer;
      const cells = others.map((c) => { const v = rates(byCondition.get(c)![h], k).extEer; held.byCondition[c] = (held.byCondition[c] ?? 0) + v; return v; });
      rows.push({ set: s.name, setting: settings[k].name, ...r, conditions: Object.fromEntries(others.map((c, i) => [c, cells[i]])) });
      console.log(`| ${s.name} | ${settings[k].name} | ${pct(r.fvcEer)} | ${pct(r.fvcFmr1000)} | ${pct(r.extEer)} | ${pct(r.extFmr1000)} | ${cells.map(pct).join(' | ')} |`);
    });
    heldOut.set(label, held);
    const sumOf = (cs: readonly string[]): string => (cs.every((c) => c in held.byCondition) ? pct(cs.reduce((a, c) => a + held.byCondition[c], 0)) : 'not measured');
    console.log(`sums: FVC EER ${pct(held.fvcEerSum)}, ext. EER ${pct(held.byCondition.none)}; nine tuned conditions ${sumOf(TUNED_CONDITIONS)}; ${BACKGROUNDS.join(' + ')} ${sumOf(BACKGROUNDS)}; ${NEWER_CONDITIONS.join(' + ')} ${sumOf(NEWER_CONDITIONS)}`);
    report[label] = { rows, fvcEerSum: held.fvcEerSum, byCondition: held.byCondition };
  }
  if (values.choose) {
    const candidate = heldOut.get(values.choose);
    if (!candidate) throw new Error(`--choose ${values.choose}: not among --forms`);
    const verdict = spreadFloorKeepRule(heldOut.get('today')!, candidate);
    console.log(`\n## keep rule (quality-spread-floor.md), ${values.choose} held out against today held out\n${Object.entries(verdict).map(([k, v]) => `${k}: ${v ? 'holds' : 'fails'}`).join('\n')}\n${Object.values(verdict).every(Boolean) ? 'passes' : 'does not pass'}`);
    report.keepRule = { family: values.choose, ...verdict };
  }
  if (values.verify) console.log(`\n--verify: today's column equal to FingerprintMatcher (qualitySpread false) on every original-image comparison; ${verified.shipped} comparisons of the shipped setting's columns equal to FingerprintMatcher's score (path: ${process.env.BIOMATCH_WASM_SIMD === '0' ? 'JavaScript' : 'WebAssembly where available'})`);
  if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 1));
}
