/**
 * The overlap-pairing cue under every sensor-like condition (scripts/eval/conditions.ts): for each
 * condition and FVC2002 set, FVC-protocol EER / FMR1000 / extended EER before (the orientation cue
 * as it was merged: w 2, A0 0.82, no pairing factor, recomputed from the matcher's minutiae score
 * and agreement) and after (the matcher's own score, with the cue). One extraction serves both;
 * templates are cached per condition (scripts/eval/eer-pairs.ts).
 *   npx tsx scripts/eval/paired-share-conditions.ts [--conditions none,dry,...] [--cache DIR]
 */
import { parseArgs } from 'node:util';
import { CONDITIONS, conditionNamed } from './conditions.js';
import { fvc2002Figures, type PairFigures } from './eer-pairs.js';
import { errorRates } from './verification-metrics.js';

const { values } = parseArgs({ options: { conditions: { type: 'string' }, cache: { type: 'string' } } });
const conditions = values.conditions ? values.conditions.split(',') : CONDITIONS.map((c) => c.name);
const pct = (v: number): string => (100 * v).toFixed(2);
const before = (c: PairFigures) => Math.min(1, c.minutiaeScore * Math.exp(2 * (c.agreement - 0.82)));
const after = (c: PairFigures) => c.score;
let sumBefore = 0, sumAfter = 0, better = 0, worse = 0;
const perSet = new Map<string, [number, number]>();
console.log('| condition | DB1 EER / FMR1000 / ext. EER, before → after | DB2 | DB3 | DB4 |\n|---|---|---|---|---|');
for (const name of conditions) {
  const sets = await fvc2002Figures(values.cache ?? '/tmp/tenprint-cue', name === 'none' ? undefined : conditionNamed(name));
  const cells = sets.map((s) => {
    const r = (f: (c: PairFigures) => number) => {
      const g = s.genuine.map(f);
      const fvc = errorRates(g, s.impostor.map(f));
      return { eer: fvc.eer, fmr1000: fvc.fmr1000, ext: errorRates(g, s.extended.map(f)).eer };
    };
    const b = r(before), a = r(after);
    sumBefore += 100 * b.ext;
    sumAfter += 100 * a.ext;
    if (a.ext < b.ext - 1e-9) better++;
    else if (a.ext > b.ext + 1e-9) worse++;
    const t = perSet.get(s.name) ?? [0, 0];
    perSet.set(s.name, [t[0] + (100 * b.ext) / conditions.length, t[1] + (100 * a.ext) / conditions.length]);
    const cell = (x: typeof a) => `${pct(x.eer)} / ${pct(x.fmr1000)} / ${pct(x.ext)}`;
    return `${cell(b)} → ${cell(a)}`;
  });
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}
console.log(`\nextended EER summed over ${conditions.length} conditions and 4 sets: ${sumBefore.toFixed(1)} before, ${sumAfter.toFixed(1)} after; ${better} cells better, ${worse} worse`);
console.log(`mean per set over the conditions: ${[...perSet].map(([n, [b, a]]) => `${n} ${b.toFixed(2)} → ${a.toFixed(2)}`).join(', ')}`);
