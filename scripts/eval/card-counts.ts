/**
 * Minutiae per NIST sample rolled print (a scanned tenprint card, fp-1..10, 500 ppi), before the
 * cut to 255, with the mask's area: the development set of the printed-lines study
 * (docs/decisions/segmentation-printed-lines.md).
 *   npx tsx scripts/eval/card-counts.ts [--param NAME=VALUE]
 */
import { parseArgs } from 'node:util';
import { loadGray } from '../../bench/extract-images.js';
import { extractFingerprint } from '../../engine/fingerprint/extractor.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { tuningOf } from './studies.js';

const { values } = parseArgs({ options: { param: { type: 'string' } } });
const tuning = values.param ? tuningOf(values.param) : undefined;
const dir = `${sharedDataPath('fingerprints')}/ansi-nist/nist-reference-transactions/samples_nist`;
const counts: number[] = [];
for (let i = 1; i <= 10; i++) {
  let area = 0;
  const { template, minutiaeDropped } = await extractFingerprint(await loadGray(`${dir}/fp-${i}.png`, 500), {
    ...(tuning ? { tuning } : {}),
    sink: (stage, value) => { if (stage === 'segmentation-mask') area = (value as { area: number }).area; },
  });
  counts.push(template.minutiae.length + minutiaeDropped);
  console.log(`fp-${i}: ${counts[counts.length - 1]} minutiae, mask ${area} px`);
}
const s = [...counts].sort((a, b) => a - b);
console.log(`median ${(s[4] + s[5]) / 2}, max ${s[9]}, over 120: ${s.filter((c) => c > 120).length}, over 150: ${s.filter((c) => c > 150).length}, over 255: ${s.filter((c) => c > 255).length}`);
