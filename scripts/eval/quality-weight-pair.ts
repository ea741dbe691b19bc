/**
 * One FVC2002 comparison under every setting of the quality-weight study's families (a diagnostic
 * for docs/decisions/quality-spread-floor.md: which impostor rises, and the weight sum W of each
 * side's cylinders against their count n). Templates from the study's extraction cache.
 *   npx tsx scripts/eval/quality-weight-pair.ts --cache /tmp/fp-spread --set DB4 --pair 101_1,110_1 \
 *     [--forms spread-floor,spread]
 */
import { parseArgs } from 'node:util';
import { prepareCandidate } from '../../engine/fingerprint/matcher.js';
import { cylinderWeights } from '../../engine/fingerprint/matching/quality-weight.js';
import { FVC2002_SETS } from './fvc-evaluation.js';
import { type Family, TODAY, grid, scoreComparisons, setTemplates } from './quality-weight.js';

const { values } = parseArgs({ options: { cache: { type: 'string' }, set: { type: 'string' }, pair: { type: 'string' }, forms: { type: 'string' } } });
const set = FVC2002_SETS.find((s) => s.name === values.set);
if (!set || !values.pair) throw new Error('usage: quality-weight-pair.ts --set DBn --pair FINGER_IMPRESSION,FINGER_IMPRESSION [--cache DIR] [--forms ...]');
const { samples, templates } = await setTemplates(values.cache ?? '/tmp/fp-qweight', set);
const [a, b] = values.pair.split(',').map((name) => {
  const [finger, impression] = name.split('_');
  const k = samples.findIndex((s) => s.finger === finger && s.impression === Number(impression));
  if (k < 0) throw new Error(`${set.name} has no ${name}`);
  return k;
});
const settings = [TODAY, ...((values.forms ?? 'spread-floor,spread').split(',') as Family[]).flatMap(grid)];
const scores = scoreComparisons(templates, [[a, b]], settings);
const side = (k: number, s: (typeof settings)[number]): string => {
  const p = prepareCandidate(templates[k]);
  return `n ${p.count} W ${s.w ? cylinderWeights(templates[k], p, s.w).reduce((x, y) => x + y, 0).toFixed(1) : p.count}`;
};
console.log(`| setting | score | ${values.pair.split(',').join(' | ')} |\n|---|---|---|---|`);
settings.forEach((s, k) => console.log(`| ${s.name} | ${scores[k][0].toFixed(4)} | ${side(a, s)} | ${side(b, s)} |`));
