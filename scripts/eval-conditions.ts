/**
 * EER and FMR1000 (FVC protocol, and the extended 2,880-impostor EER) per sensor-like condition
 * (scripts/eval/conditions.ts) on each FVC2002 "B" set: development variety from the shared data
 * (issue 15 point 1). Figures in docs/measurements/fvc2002-conditions.md.
 *   npx tsx scripts/eval-conditions.ts [--conditions none,dry,...] [--sets DB1,DB3] [--param NAME=VALUE] [--json OUT.json]
 * (--param: a parameter under study instead of today's value, scripts/eval/studies.ts)
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sharedDataPath } from '../fixtures/shared-data.js';
import { CONDITIONS, conditionNamed } from './eval/conditions.js';
import { evaluateFvcFolder, FVC2002_SETS, type FolderEvaluation } from './eval/fvc-evaluation.js';
import { tuningOf } from './eval/studies.js';

const { values } = parseArgs({ options: { conditions: { type: 'string' }, sets: { type: 'string' }, json: { type: 'string' }, param: { type: 'string' } } });
const tuning = values.param ? tuningOf(values.param) : undefined;
const conditions = values.conditions ? values.conditions.split(',').map(conditionNamed) : CONDITIONS;
const sets = values.sets ? FVC2002_SETS.filter((s) => values.sets!.split(',').includes(s.name)) : FVC2002_SETS;
const pct = (v: number): string => (100 * v).toFixed(2);

const results: Record<string, Record<string, FolderEvaluation>> = {};
console.log(`| condition | ${sets.map((s) => `${s.name} EER / FMR1000 / ext. EER % (minutiae median, max)`).join(' | ')} |`);
console.log(`|---|${sets.map(() => '---').join('|')}|`);
for (const condition of conditions) {
  const row: string[] = [];
  results[condition.name] = {};
  for (const set of sets) {
    const r = await evaluateFvcFolder(sharedDataPath('fingerprints', 'fvc2002', set.folder), set.ppi, { condition, ...(tuning ? { tuning } : {}) });
    results[condition.name][set.name] = r;
    row.push(`${pct(r.eer)} / ${pct(r.fmr1000)} / ${pct(r.extended.eer)} (${r.minutiaeMedian}, ${r.minutiaeMax})`);
  }
  console.log(`| ${condition.name} | ${row.join(' | ')} |`);
}
if (values.json) writeFileSync(values.json, JSON.stringify(results, null, 2) + '\n');
