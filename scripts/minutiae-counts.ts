/**
 * Minutiae per image on the FVC2002 "B" sets (issue 4 point 8; NBIS mindtct finds 37–52 per image
 * on average), with endings/bifurcations, image quality, and the SecuGen ISO templates of the same
 * images for comparison when present.
 *   npx tsx scripts/minutiae-counts.ts [--dir DIR]   (default: the shared data's fingerprints/,
 *   ../shared/data or $BIOMATCH_SHARED_DATA; figures in docs/measurements/extraction.md)
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadGray } from '../bench/extract-images.js';
import { readIsoReference } from '../engine/fingerprint/extraction/iso-reference.js';
import { extractTemplate } from '../engine/fingerprint/extractor.js';
import { sharedDataPath } from '../fixtures/shared-data.js';

const { values } = parseArgs({ options: { dir: { type: 'string' } } });
const root = values.dir ?? sharedDataPath('fingerprints');
const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);

console.log('| set | images | minutiae/image mean (min–max) | endings | bifurcations | singular points/image | image quality mean | SecuGen ISO minutiae/image |');
console.log('|---|---|---|---|---|---|---|---|');
for (const set of [1, 2, 3, 4]) {
  const counts: number[] = [], endings: number[] = [], singular: number[] = [], quality: number[] = [], secugen: number[] = [];
  for (let f = 101; f <= 110; f++) {
    for (let i = 1; i <= 8; i++) {
      const path = `${root}/fvc2002/db${set}_b/${f}_${i}.tif`;
      const t = await extractTemplate(await loadGray(path, set === 2 ? 569 : 500));
      counts.push(t.minutiae.length);
      endings.push(t.minutiae.filter((m) => m.type === 'ending').length);
      singular.push(t.singularPoints.length);
      quality.push(t.quality ?? 0);
      const iso = `${root}/templates/secugen-iso19794-2/fvc2002_db${set}_b/${f}_${i}.iso`;
      if (existsSync(iso)) secugen.push(readIsoReference(new Uint8Array(readFileSync(iso))).minutiae.length);
    }
  }
  const m = mean(counts);
  const e = mean(endings);
  console.log(
    `| DB${set} | ${counts.length} | ${m.toFixed(1)} (${Math.min(...counts)}–${Math.max(...counts)}) | ${e.toFixed(1)} | ${(m - e).toFixed(1)} | ${mean(singular).toFixed(1)} | ${mean(quality).toFixed(0)} | ${secugen.length ? mean(secugen).toFixed(1) : 'n/a'} |`,
  );
}
