/**
 * Study for docs/decisions/core-position-cue.md: do the two prints' cores agree under the matcher's
 * consensus alignment? Every FVC2002 comparison's figures (eer-pairs.ts fvc2002Figures) under every
 * condition; where both prints have a core inside the common finger area (PairFigures.coreDistance,
 * d px), score' = score · exp(−w · max(0, d − D0) / 100); elsewhere the score is today's. w chosen
 * leave one database out and the declared keep rule applied (score-pair-count.ts).
 *
 *   npx tsx scripts/eval/core-position-cue.ts [--weights 0,0.5,1,2,4] [--conditions none,dry,...] [--cache DIR] [--reference cond.json] [--json OUT.json]
 *
 * --reference: an eval-conditions JSON of today's code; with w = 0 every rate must equal it (a check
 * on the harness).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CONDITIONS, conditionNamed } from './conditions.js';
import { fvc2002Figures, type PairFigures } from './eer-pairs.js';
import { type Conditions, keepRuleOnConditions, leaveOneOut, SETS } from './score-pair-count.js';
import { errorRates } from './verification-metrics.js';

/** Distance the two cores may lie apart with no penalty: core localisation (8-px blocks) and alignment error away from the pairs. */
export const CORE_SLACK_PX = 24;

/** The comparison's score under weight w (per 100 px beyond the slack); w 0 or no core pair: the shipped score. */
export function corePositionScore(c: PairFigures, w: number): number {
  if (w === 0 || c.coreDistance === null) return c.score;
  return c.score * Math.exp((-w * Math.max(0, c.coreDistance - CORE_SLACK_PX)) / 100);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1]! : Number.NaN;
};

async function main(): Promise<void> {
  const { values: a } = parseArgs({ options: { weights: { type: 'string' }, conditions: { type: 'string' }, cache: { type: 'string' }, reference: { type: 'string' }, json: { type: 'string' } } });
  const weights = (a.weights ?? '0,0.5,1,2,4').split(',').map(Number);
  if (!weights.includes(0)) weights.unshift(0);
  const names = a.conditions ? a.conditions.split(',') : CONDITIONS.map((c) => c.name);
  const cond = new Map<number, Conditions>(weights.map((w) => [w, {}]));
  const distances: Record<string, unknown> = {};
  for (const name of names) {
    const sets = await fvc2002Figures(a.cache ?? '/tmp/tenprint-cue', name === 'none' ? undefined : conditionNamed(name));
    for (const s of sets) {
      for (const w of weights) {
        const score = (c: PairFigures) => corePositionScore(c, w);
        const g = s.genuine.map(score);
        const fvc = errorRates(g, s.impostor.map(score));
        const ext = errorRates(g, s.extended.map(score));
        (cond.get(w)![name] ??= {})[s.name] = { eer: fvc.eer, fmr1000: fvc.fmr1000, extended: { eer: ext.eer } };
      }
      if (name === 'none') {
        const d = (xs: PairFigures[]) => xs.flatMap((c) => (c.coreDistance === null ? [] : [c.coreDistance]));
        const gd = d(s.genuine), id = d(s.extended);
        distances[s.name] = { genuine: { withCue: gd.length, of: s.genuine.length, median: median(gd) }, extended: { withCue: id.length, of: s.extended.length, median: median(id) } };
        console.log(`${s.name}: core distance median genuine ${median(gd).toFixed(1)} px (${gd.length}/${s.genuine.length} with the cue), extended impostors ${median(id).toFixed(1)} px (${id.length}/${s.extended.length})`);
      }
    }
    const row = (w: number) => SETS.map((s) => { const r = cond.get(w)![name]![s]!; return `${(100 * r.eer).toFixed(2)}/${(100 * r.extended.eer).toFixed(2)}`; }).join(' ');
    console.log(`${name}: ${weights.map((w) => `w ${w}: ${row(w)}`).join(' | ')}`);
  }
  if (a.reference) {
    const ref = JSON.parse(readFileSync(a.reference, 'utf8')) as Conditions;
    for (const name of names) {
      for (const s of SETS) {
        const mine = cond.get(0)![name]![s]!, theirs = ref[name]![s]!;
        if (Math.abs(mine.eer - theirs.eer) > 1e-12 || Math.abs(mine.extended.eer - theirs.extended.eer) > 1e-12 || Math.abs(mine.fmr1000 - theirs.fmr1000) > 1e-12) throw new Error(`harness: ${name} ${s} differs from the reference`);
      }
    }
    console.log(`harness: w = 0 equals ${a.reference} on every condition and set`);
  }
  const picks = leaveOneOut(weights, 0, (w, s) => cond.get(w)!.none![s]!.extended.eer);
  console.log(`held-out picks: ${SETS.map((s) => `${s} ${picks[s]}`).join(', ')}`);
  const rule = names.length === CONDITIONS.length ? keepRuleOnConditions(cond, 0, picks) : null;
  if (rule) {
    for (const l of rule.lines) console.log(l);
    console.log(rule.passes.every(Boolean) ? 'KEPT by the declared rule (passed offline)' : 'NOT KEPT by the declared rule');
  } else console.log('(the keep rule needs every condition)');
  if (a.json) writeFileSync(a.json, JSON.stringify({ weights, picks, distances, rule: rule ? { ...rule.figures, passes: rule.passes } : null, rates: Object.fromEntries([...cond].map(([w, v]) => [String(w), v])) }, null, 1) + '\n');
}

if (process.argv[1]?.endsWith('core-position-cue.ts')) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
  });
}
