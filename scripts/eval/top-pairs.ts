/**
 * The FVC-protocol pairs that set each FVC2002 set's EER, today and under a parameter under study
 * (scripts/eval/studies.ts): the two highest of the 45 FVC impostors, how many of the 280 genuine
 * pairs score below each, and the three lowest genuine pairs. With 45 impostors one of them is 2.2
 * points of FMR, so this tells a shifted distribution from one pair crossing. Extracts afresh (no
 * cache; scripts/eval/eer-pairs.ts has the matcher's full figures for today's extraction).
 *   npx tsx scripts/eval/top-pairs.ts --param prefilter.sigma=0.5 [--sets DB2,DB4]
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FingerprintMatcher, prepareCandidate } from '../../engine/fingerprint/matcher.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { FVC2002_SETS } from './fvc-evaluation.js';
import { fvcProtocol, fvcSamples, type Pair } from './fvc-protocol.js';
import { loadImageTemplates } from './image-templates.js';
import { tuningOf } from './studies.js';

const { values } = parseArgs({ options: { param: { type: 'string' }, sets: { type: 'string' } } });
if (!values.param) throw new Error('usage: top-pairs --param NAME=VALUE [--sets DB1,DB2]');
const sets = values.sets ? FVC2002_SETS.filter((s) => values.sets!.split(',').includes(s.name)) : FVC2002_SETS;

for (const set of sets) {
  const dir = sharedDataPath('fingerprints', 'fvc2002', set.folder);
  const samples = fvcSamples(readdirSync(dir), ['tif', 'tiff', 'png', 'bmp']);
  const protocol = fvcProtocol(samples);
  const name = (i: number): string => samples[i].file.replace(/\.[a-z]+$/, '');
  console.log(set.name);
  for (const [label, tuning] of [['today', undefined], [values.param, tuningOf(values.param)]] as const) {
    const { templates } = await loadImageTemplates(samples.map((s) => join(dir, s.file)), set.ppi, tuning ? { tuning } : {});
    const prepared = templates.map((t) => prepareCandidate(t));
    const scored = (pairs: readonly Pair[]) => pairs.map((q) => ({ q, s: new FingerprintMatcher(prepared[q[0]]).score(prepared[q[1]]) }));
    const impostors = scored(protocol.impostor).sort((a, b) => b.s - a.s);
    const genuine = scored(protocol.genuine).sort((a, b) => a.s - b.s);
    const show = (x: { q: Pair; s: number }): string => `${name(x.q[0])}–${name(x.q[1])} ${x.s.toFixed(4)}`;
    const below = (t: number): number => genuine.filter((g) => g.s < t).length;
    console.log(`  ${label}: top FVC impostors ${impostors.slice(0, 2).map(show).join(', ')}; genuine below them ${below(impostors[0].s)}, ${below(impostors[1].s)}; lowest genuine ${genuine.slice(0, 3).map(show).join(', ')}`);
  }
}
