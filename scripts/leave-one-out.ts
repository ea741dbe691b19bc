/**
 * Leave-one-database-out for one extraction parameter under study (issue 15 point 1): each of
 * the candidate values is run on every FVC2002 "B" set (optionally under a sensor-like condition,
 * scripts/eval/conditions.ts); then, for each set in turn, the value with the lowest mean extended
 * EER on the other three is picked, and that set's figures at the picked value are reported. No
 * held-out figure comes from a value chosen on its own set. A change is kept only if these
 * held-out figures improve, not one set's.
 *   npx tsx scripts/leave-one-out.ts --param segmentation.relativeStd --values 0.2,0.3,0.4 [--condition NAME]
 * Parameters: scripts/eval/studies.ts (today's value is the one in extraction/parameters.ts).
 */
import { parseArgs } from 'node:util';
import { sharedDataPath } from '../fixtures/shared-data.js';
import { conditionNamed } from './eval/conditions.js';
import { evaluateFvcFolder, FVC2002_SETS, type FolderEvaluation } from './eval/fvc-evaluation.js';
import { pickOnOthers } from './eval/held-out.js';
import { STUDIES } from './eval/studies.js';

const { values } = parseArgs({ options: { param: { type: 'string' }, values: { type: 'string' }, condition: { type: 'string' } } });
const study = values.param ? STUDIES[values.param] : undefined;
if (!study || !values.values) {
  console.error(`usage: leave-one-out --param ${Object.keys(STUDIES).join('|')} --values A,B,C [--condition NAME]`);
  process.exit(2);
}
const candidates = [...new Set([study.today, ...values.values.split(',').map(Number)])].sort((a, b) => a - b);
if (candidates.some((v) => !Number.isFinite(v))) throw new Error('--values must be numbers');
const condition = values.condition ? conditionNamed(values.condition) : undefined;
const pct = (v: number): string => (100 * v).toFixed(2);

const results = new Map<number, Map<string, FolderEvaluation>>();
console.log(`${values.param} over ${candidates.join(', ')} (today ${study.today})${condition ? `, condition ${condition.name}` : ''}`);
console.log(`| value | ${FVC2002_SETS.map((s) => `${s.name} EER / ext. EER %`).join(' | ')} |`);
console.log(`|---|${FVC2002_SETS.map(() => '---').join('|')}|`);
for (const v of candidates) {
  const row = new Map<string, FolderEvaluation>();
  for (const set of FVC2002_SETS) {
    row.set(set.name, await evaluateFvcFolder(sharedDataPath('fingerprints', 'fvc2002', set.folder), set.ppi, { tuning: study.tuning(v), ...(condition ? { condition } : {}) }));
  }
  results.set(v, row);
  console.log(`| ${v}${v === study.today ? ' (today)' : ''} | ${FVC2002_SETS.map((s) => `${pct(row.get(s.name)!.eer)} / ${pct(row.get(s.name)!.extended.eer)}`).join(' | ')} |`);
}

console.log('');
console.log('| held-out set | value picked on the other three | held-out EER / FMR1000 / ext. EER % | today\'s value there |');
console.log('|---|---|---|---|');
const extendedEer = new Map([...results].map(([v, row]) => [v, new Map([...row].map(([set, r]) => [set, r.extended.eer]))]));
let heldOutSum = 0, todaySum = 0;
for (const held of FVC2002_SETS) {
  const best = pickOnOthers(extendedEer, FVC2002_SETS.map((s) => s.name), held.name, study.today);
  const r = results.get(best)!.get(held.name)!;
  const t = results.get(study.today)!.get(held.name)!;
  heldOutSum += r.extended.eer;
  todaySum += t.extended.eer;
  console.log(`| ${held.name} | ${best} | ${pct(r.eer)} / ${pct(r.fmr1000)} / ${pct(r.extended.eer)} | ${pct(t.eer)} / ${pct(t.fmr1000)} / ${pct(t.extended.eer)} |`);
}
console.log(`mean held-out ext. EER ${pct(heldOutSum / FVC2002_SETS.length)}% against ${pct(todaySum / FVC2002_SETS.length)}% with today's value`);
