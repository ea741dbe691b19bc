/**
 * What a condition breaks, pair by pair: two dumps of scripts/eval/eer-pairs.ts (`--dump`), the
 * clean images' and a condition's, compared over the same FVC-protocol genuine pairs (the dumps list
 * them in the same order). Per set, the medians over the 280 genuine pairs, then the condition's
 * lowest genuine pairs beside their clean figures. Read with docs/decisions/sensor-conditions.md:
 * - extraction: a print's usable minutiae (cylinders) against the clean print's;
 * - overlap: each print's minutiae inside the other's finger area under the consensus alignment;
 * - matcher: chosen pairs, and those agreeing with the consensus (inliers, within 20 px and 30°).
 *   npx tsx scripts/eval/condition-pairs.ts CLEAN.json CONDITION.json [--sets DB3] [--lowest 10]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { PairFigures, SetFigures } from './eer-pairs.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { sets: { type: 'string' }, lowest: { type: 'string' } } });
const [cleanFile, conditionFile] = positionals;
if (!cleanFile || !conditionFile) throw new Error('usage: condition-pairs.ts CLEAN.json CONDITION.json [--sets DB3] [--lowest 10]');
const load = (f: string): SetFigures[] => JSON.parse(readFileSync(f, 'utf8')) as SetFigures[];
const clean = load(cleanFile), condition = load(conditionFile);
const lowest = Number(values.lowest ?? 10);

const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** The figures compared, each as one number per pair. */
const COLUMNS: [string, (c: PairFigures) => number][] = [
  ['score', (c) => c.score],
  ['minutiae (mean of the two)', (c) => (c.nProbe + c.nCandidate) / 2],
  ['inside the other (mean of the two)', (c) => (c.probeInside + c.candidateInside) / 2],
  ['share inside', (c) => (c.probeInside + c.candidateInside) / Math.max(1, c.nProbe + c.nCandidate)],
  ['chosen pairs', (c) => c.pairs],
  ['inliers', (c) => c.inliers],
  ['inliers / inside', (c) => c.inliers / Math.max(1, (c.probeInside + c.candidateInside) / 2)],
  ['orientation overlap (blocks)', (c) => c.overlap],
];
const f = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(v < 1 ? 3 : 1));

for (const set of condition) {
  if (values.sets && !values.sets.split(',').includes(set.name)) continue;
  const base = clean.find((s) => s.name === set.name);
  if (!base || base.genuine.length !== set.genuine.length) throw new Error(`${set.name}: the clean dump has no matching genuine pairs`);
  for (let i = 0; i < set.genuine.length; i++) {
    if (set.genuine[i].probe !== base.genuine[i].probe || set.genuine[i].candidate !== base.genuine[i].candidate) throw new Error(`${set.name}: pair ${i} differs between the dumps`);
  }
  console.log(`\n### ${set.name}: medians over ${set.genuine.length} genuine pairs (clean → condition)\n`);
  console.log('| figure | clean | condition |\n|---|---|---|');
  for (const [name, of] of COLUMNS) console.log(`| ${name} | ${f(median(base.genuine.map(of)))} | ${f(median(set.genuine.map(of)))} |`);
  console.log(`\nimpostor medians, score: clean ${f(median(base.extended.map((c) => c.score)))}, condition ${f(median(set.extended.map((c) => c.score)))}; inliers: clean ${f(median(base.extended.map((c) => c.inliers)))}, condition ${f(median(set.extended.map((c) => c.inliers)))}`);
  const order = set.genuine.map((_, i) => i).sort((a, b) => set.genuine[a].score - set.genuine[b].score).slice(0, lowest);
  console.log(`\nthe condition's ${lowest} lowest genuine pairs (clean → condition):\n`);
  console.log(`| pair | ${COLUMNS.map(([n]) => n).join(' | ')} |\n|---|${COLUMNS.map(() => '---').join('|')}|`);
  for (const i of order) {
    const a = base.genuine[i], b = set.genuine[i];
    console.log(`| ${b.probe} – ${b.candidate} | ${COLUMNS.map(([, of]) => `${f(of(a))} → ${f(of(b))}`).join(' | ')} |`);
  }
}
