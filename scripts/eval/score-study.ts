/**
 * The harness of the offline score studies (overlap-pair-count.ts, core-position-cue.ts, cohort-normalisation.ts,
 * power-mean-score.ts): every
 * FVC2002 comparison's figures (eer-pairs.ts fvc2002Figures) under every condition of
 * eval-conditions, re-scored per study value; the reference check (today's value must reproduce an
 * eval-conditions JSON of today's code to the last bit), the leave-one-database-out choice on the
 * original images' extended EER, and the declared keep rule (score-pair-count.ts points 1–4).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CONDITIONS, conditionNamed } from './conditions.js';
import { fvc2002Figures, type PairFigures, type SetFigures } from './eer-pairs.js';
import { type Conditions, keepRuleOnConditions, leaveOneOut, SETS } from './score-pair-count.js';
import { errorRates } from './verification-metrics.js';

export interface ScoreStudy {
  /** The option that lists the values (e.g. `weights`), its default list, and today's value (always studied). */
  option: string;
  values: string;
  today: number;
  score: (c: PairFigures, value: number) => number;
  /** Printed once per set on the original images, before the rates (the study's own diagnostic). */
  describe?: (set: SetFigures) => { line: string; figures: unknown };
  /** Run on every comparison of every condition before it is scored (a harness invariant; throws on a breach). */
  check?: (c: PairFigures, condition: string) => void;
  /** Run once per set and condition before its comparisons are scored (a study that needs the set's prints, e.g. their cohort scores). */
  prepare?: (set: SetFigures, condition: string) => void;
}

export async function runScoreStudy(study: ScoreStudy, args: string[] = process.argv.slice(2)): Promise<void> {
  const { values: a } = parseArgs({ args, options: { [study.option]: { type: 'string' }, conditions: { type: 'string' }, cache: { type: 'string' }, reference: { type: 'string' }, json: { type: 'string' } } });
  const values = String(a[study.option] ?? study.values).split(',').map(Number);
  if (!values.includes(study.today)) values.unshift(study.today);
  const names = a.conditions ? String(a.conditions).split(',') : CONDITIONS.map((c) => c.name);
  const cond = new Map<number, Conditions>(values.map((v) => [v, {}]));
  const described: Record<string, unknown> = {};
  for (const name of names) {
    const sets = await fvc2002Figures(String(a.cache ?? '/tmp/tenprint-cue'), name === 'none' ? undefined : conditionNamed(name));
    for (const s of sets) {
      if (study.check) for (const c of [...s.genuine, ...s.impostor, ...s.extended]) study.check(c, name);
      study.prepare?.(s, name);
      for (const v of values) {
        const score = (c: PairFigures) => study.score(c, v);
        const g = s.genuine.map(score);
        const fvc = errorRates(g, s.impostor.map(score));
        const ext = errorRates(g, s.extended.map(score));
        (cond.get(v)![name] ??= {})[s.name] = { eer: fvc.eer, fmr1000: fvc.fmr1000, extended: { eer: ext.eer } };
      }
      if (name === 'none' && study.describe) {
        const d = study.describe(s);
        described[s.name] = d.figures;
        console.log(`${s.name}: ${d.line}`);
      }
    }
    const row = (v: number) => SETS.map((s) => { const r = cond.get(v)![name]![s]!; return `${(100 * r.eer).toFixed(2)}/${(100 * r.extended.eer).toFixed(2)}`; }).join(' ');
    console.log(`${name}: ${values.map((v) => `${v}: ${row(v)}`).join(' | ')}`);
  }
  if (a.reference) {
    const ref = JSON.parse(readFileSync(String(a.reference), 'utf8')) as Conditions;
    for (const name of names) {
      for (const s of SETS) {
        const mine = cond.get(study.today)![name]![s]!, theirs = ref[name]![s]!;
        if (Math.abs(mine.eer - theirs.eer) > 1e-12 || Math.abs(mine.extended.eer - theirs.extended.eer) > 1e-12 || Math.abs(mine.fmr1000 - theirs.fmr1000) > 1e-12) throw new Error(`harness: ${name} ${s} differs from the reference`);
      }
    }
    console.log(`harness: today's value equals ${a.reference} on every condition and set`);
  }
  const picks = leaveOneOut(values, study.today, (v, s) => cond.get(v)!.none![s]!.extended.eer);
  console.log(`held-out picks: ${SETS.map((s) => `${s} ${picks[s]}`).join(', ')}`);
  const rule = names.length === CONDITIONS.length ? keepRuleOnConditions(cond, study.today, picks) : null;
  if (rule) {
    for (const l of rule.lines) console.log(l);
    console.log(rule.passes.every(Boolean) ? 'KEPT by the declared rule (passed offline)' : 'NOT KEPT by the declared rule');
  } else console.log('(the keep rule needs every condition)');
  if (a.json) writeFileSync(String(a.json), JSON.stringify({ values, picks, described, rule: rule ? { ...rule.figures, passes: rule.passes } : null, rates: Object.fromEntries([...cond].map(([v, r]) => [String(v), r])) }, null, 1) + '\n');
}
