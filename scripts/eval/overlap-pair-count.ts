/**
 * Study for docs/decisions/overlap-pair-count.md: nP from the overlap. Every FVC2002 comparison's
 * figures (eer-pairs.ts fvc2002Figures: the shipped matcher's chosen pairs, the consensus alignment
 * and each print's minutiae inside the other's finger blocks), under every condition; the minutiae
 * score re-averaged over the nP' = min(nP, scorePairCount(o + k)) most similar chosen pairs, o the
 * smaller inside count, the orientation cue's factor kept; k chosen leave one database out and the
 * declared keep rule applied (score-pair-count.ts keepRuleOnConditions).
 *
 *   npx tsx scripts/eval/overlap-pair-count.ts [--ks 0,4,8,16] [--conditions none,dry,...] [--cache DIR] [--reference cond.json] [--json OUT.json]
 *
 * --reference: an eval-conditions JSON of today's code; with k = ∞ every rate must equal it (a check
 * on the harness).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { scorePairCount } from '../../engine/fingerprint/matching/consolidation.js';
import { CONDITIONS, conditionNamed } from './conditions.js';
import { fvc2002Figures, type PairFigures } from './eer-pairs.js';
import { type Conditions, keepRuleOnConditions, leaveOneOut, SETS } from './score-pair-count.js';
import { errorRates } from './verification-metrics.js';

/** The comparison's score with nP' = min(nP, scorePairCount(o + k)); k = ∞, or no consensus: the shipped score. */
export function overlapPairScore(c: PairFigures, k: number): number {
  if (!Number.isFinite(k) || !c.consensus || c.similarities.length === 0) return c.score;
  const o = Math.min(c.probeInside, c.candidateInside);
  const n = Math.min(c.similarities.length, scorePairCount(o + k));
  if (n >= c.similarities.length) return c.score;
  const top = [...c.similarities].sort((x, y) => y - x).slice(0, n);
  const minutiae = top.reduce((s, v) => s + v, 0) / n;
  const factor = c.minutiaeScore > 0 ? c.score / c.minutiaeScore : 1;
  return Math.min(1, minutiae * factor);
}

async function main(): Promise<void> {
  const { values: a } = parseArgs({ options: { ks: { type: 'string' }, conditions: { type: 'string' }, cache: { type: 'string' }, reference: { type: 'string' }, json: { type: 'string' } } });
  const ks = [Infinity, ...(a.ks ?? '0,4,8,16').split(',').map(Number)];
  const names = a.conditions ? a.conditions.split(',') : CONDITIONS.map((c) => c.name);
  const cond = new Map<number, Conditions>(ks.map((k) => [k, {}]));
  let checked = 0;
  for (const name of names) {
    const sets = await fvc2002Figures(a.cache ?? '/tmp/tenprint-cue', name === 'none' ? undefined : conditionNamed(name));
    for (const s of sets) {
      for (const c of [...s.genuine, ...s.impostor, ...s.extended]) {
        const mean = c.similarities.length ? c.similarities.reduce((x, y) => x + y, 0) / c.similarities.length : 0;
        if (Math.abs(mean - c.minutiaeScore) > 1e-9 * Math.max(1, c.minutiaeScore)) throw new Error(`${name} ${c.probe}–${c.candidate}: the pairs' mean ${mean} is not the minutiae score ${c.minutiaeScore}`);
        checked++;
      }
      for (const k of ks) {
        const score = (c: PairFigures) => overlapPairScore(c, k);
        const g = s.genuine.map(score);
        const fvc = errorRates(g, s.impostor.map(score));
        const ext = errorRates(g, s.extended.map(score));
        (cond.get(k)![name] ??= {})[s.name] = { eer: fvc.eer, fmr1000: fvc.fmr1000, extended: { eer: ext.eer } };
      }
    }
    const row = (k: number) => SETS.map((s) => { const r = cond.get(k)![name]![s]!; return `${(100 * r.eer).toFixed(2)}/${(100 * r.extended.eer).toFixed(2)}`; }).join(' ');
    console.log(`${name}: ${ks.map((k) => `k ${k}: ${row(k)}`).join(' | ')}`);
  }
  console.log(`harness: ${checked} comparisons, each minutiae score the mean of its chosen pairs`);
  if (a.reference) {
    const ref = JSON.parse(readFileSync(a.reference, 'utf8')) as Conditions;
    for (const name of names) {
      for (const s of SETS) {
        const mine = cond.get(Infinity)![name]![s]!, theirs = ref[name]![s]!;
        if (Math.abs(mine.eer - theirs.eer) > 1e-12 || Math.abs(mine.extended.eer - theirs.extended.eer) > 1e-12 || Math.abs(mine.fmr1000 - theirs.fmr1000) > 1e-12) throw new Error(`harness: ${name} ${s} differs from the reference`);
      }
    }
    console.log(`harness: k = ∞ equals ${a.reference} on every condition and set`);
  }
  const picks = leaveOneOut(ks, Infinity, (k, s) => cond.get(k)!.none![s]!.extended.eer);
  console.log(`held-out picks: ${SETS.map((s) => `${s} ${picks[s]}`).join(', ')}`);
  const rule = names.length === CONDITIONS.length ? keepRuleOnConditions(cond, Infinity, picks) : null;
  if (rule) {
    for (const l of rule.lines) console.log(l);
    console.log(rule.passes.every(Boolean) ? 'KEPT by the declared rule (passed offline)' : 'NOT KEPT by the declared rule');
  } else console.log('(the keep rule needs every condition)');
  if (a.json) writeFileSync(a.json, JSON.stringify({ ks: ks.map(String), picks, rule: rule ? { ...rule.figures, passes: rule.passes } : null, rates: Object.fromEntries([...cond].map(([k, v]) => [String(k), v])) }, null, 1) + '\n');
}

if (process.argv[1]?.endsWith('overlap-pair-count.ts')) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
  });
}
