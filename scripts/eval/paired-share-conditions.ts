/**
 * One overlap-pairing fusion (scripts/eval/overlap-pairing.ts) under every sensor-like condition
 * (scripts/eval/conditions.ts): for each condition and FVC2002 set, FVC-protocol EER / FMR1000 /
 * extended EER before (the matcher's own score: the orientation cue, w 2) and after (the gate
 * fusion s · exp(w (A − 1)) · min(1, R / r0)^γ, R over the inside or the agreeing counts). One
 * extraction serves both; templates are cached per condition (scripts/eval/eer-pairs.ts).
 *   npx tsx scripts/eval/paired-share-conditions.ts [--w 3.5] [--m0 8] [--r0 0.3] [--gamma 0.5]
 *     [--area inside|agreeing] [--conditions none,dry,...] [--cache DIR]
 */
import { parseArgs } from 'node:util';
import { CONDITIONS, conditionNamed } from './conditions.js';
import { fvc2002Figures, type PairFigures } from './eer-pairs.js';
import { errorRates } from './verification-metrics.js';

const { values } = parseArgs({ options: { conditions: { type: 'string' }, cache: { type: 'string' }, w: { type: 'string' }, m0: { type: 'string' }, r0: { type: 'string' }, gamma: { type: 'string' }, area: { type: 'string' } } });
const w = Number(values.w ?? 3.5), m0 = Number(values.m0 ?? 8), r0 = Number(values.r0 ?? 0.3), gamma = Number(values.gamma ?? 0.5);
const agreeing = values.area === 'agreeing';
const conditions = values.conditions ? values.conditions.split(',') : CONDITIONS.map((c) => c.name);
const pct = (v: number): string => (100 * v).toFixed(2);
const before = (c: PairFigures) => c.score;
const after = (c: PairFigures) => {
  const r = c.inliers / Math.max(m0, agreeing ? Math.min(c.probeAgreeing, c.candidateAgreeing) : Math.min(c.probeInside, c.candidateInside));
  return c.minutiaeScore * Math.exp(w * (c.agreement - 1)) * Math.pow(Math.min(1, r / r0), gamma);
};
console.log(`after: w ${w}, gate M0 ${m0} r0 ${r0} γ ${gamma}, ${agreeing ? 'agreeing' : 'inside'} counts`);
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
