/**
 * Minutiae per image on the FVC2002 "B" sets (issue 4 point 8; NBIS mindtct finds 37–52 per image
 * on average), with endings/bifurcations, image quality, and the SecuGen ISO templates of the same
 * images for comparison when present; then the count distribution per set over every shared image
 * (FVC2002 DB1–4, SourceAFIS, the NIST sample PNGs) and generated ridge-like noisy images, counted
 * before the cut to a template's 255 (issue 15 point 4: a plausible count must come from
 * segmentation, not from that cut).
 *   npx tsx scripts/minutiae-counts.ts [--dir DIR] [--generated 20] [--conditions noisy-background,...] [--param NAME=VALUE]
 *   (--conditions: the FVC2002 images again under each sensor-like condition of
 *   scripts/eval/conditions.ts, one distribution row per set and condition; --param: a parameter under
 *   study, scripts/eval/studies.ts, e.g. segmentation.coreScore=0 for the segmentation before
 *   issue 15's background-texture stage; default: the shared data's
 *   fingerprints/, ../shared/data or $BIOMATCH_SHARED_DATA; figures in docs/measurements/
 *   extraction.md and docs/measurements/minutiae-counts.md)
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadGray } from '../bench/extract-images.js';
import { readIsoReference } from '../engine/fingerprint/extraction/iso-reference.js';
import { ridgeLabyrinth, withNoise } from '../engine/fingerprint/extraction/synthetic-prints.js';
import { extractFingerprint } from '../engine/fingerprint/extractor.js';
import type { GrayImage } from '../engine/fingerprint/gray-image.js';
import { sharedDataPath } from '../fixtures/shared-data.js';
import { conditionNamed, seedOf } from './eval/conditions.js';
import { tuningOf } from './eval/studies.js';

const { values } = parseArgs({ options: { dir: { type: 'string' }, generated: { type: 'string', default: '20' }, conditions: { type: 'string' }, param: { type: 'string' } } });
const tuning = values.param ? tuningOf(values.param) : undefined;
const root = values.dir ?? sharedDataPath('fingerprints');
const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / Math.max(1, v.length);
const quantile = (v: number[], q: number): number => {
  const s = [...v].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(q * s.length) - 1)]; // nearest rank
};

/** Per set, the count found before the template's cut (kept + dropped). */
const distribution: { set: string; counts: number[] }[] = [];

console.log('| set | images | minutiae/image mean (min–max) | endings | bifurcations | singular points/image | image quality mean | SecuGen ISO minutiae/image |');
console.log('|---|---|---|---|---|---|---|---|');
for (const set of [1, 2, 3, 4]) {
  const counts: number[] = [], found: number[] = [], endings: number[] = [], singular: number[] = [], quality: number[] = [], secugen: number[] = [];
  for (let f = 101; f <= 110; f++) {
    for (let i = 1; i <= 8; i++) {
      const path = `${root}/fvc2002/db${set}_b/${f}_${i}.tif`;
      const { template: t, minutiaeDropped } = await extractFingerprint(await loadGray(path, set === 2 ? 569 : 500), tuning ? { tuning } : {});
      counts.push(t.minutiae.length);
      found.push(t.minutiae.length + minutiaeDropped);
      endings.push(t.minutiae.filter((m) => m.type === 'ending').length);
      singular.push(t.singularPoints.length);
      quality.push(t.quality ?? 0);
      const iso = `${root}/templates/secugen-iso19794-2/fvc2002_db${set}_b/${f}_${i}.iso`;
      if (existsSync(iso)) secugen.push(readIsoReference(new Uint8Array(readFileSync(iso))).minutiae.length);
    }
  }
  distribution.push({ set: `FVC2002 DB${set}`, counts: found });
  const m = mean(counts);
  const e = mean(endings);
  console.log(
    `| DB${set} | ${counts.length} | ${m.toFixed(1)} (${Math.min(...counts)}–${Math.max(...counts)}) | ${e.toFixed(1)} | ${(m - e).toFixed(1)} | ${mean(singular).toFixed(1)} | ${mean(quality).toFixed(0)} | ${secugen.length ? mean(secugen).toFixed(1) : 'n/a'} |`,
  );
}

async function countsOf(images: (() => Promise<GrayImage>)[]): Promise<number[]> {
  const out: number[] = [];
  for (const load of images) {
    const r = await extractFingerprint(await load(), tuning ? { tuning } : {});
    out.push(r.template.minutiae.length + r.minutiaeDropped);
  }
  return out;
}
const sourceafis = ['probe.png', 'matching.png', 'nonmatching.png', 'wsq-converted.png'];
distribution.push({ set: 'SourceAFIS samples', counts: await countsOf(sourceafis.map((n) => () => loadGray(`${root}/sourceafis-test-resources/${n}`, 500))) });
const nist = `${root}/ansi-nist/nist-reference-transactions`;
// fp-1..10: rolled prints cut from a tenprint card (with its print box lines); fp-11..14: plain and slap impressions.
distribution.push({ set: 'NIST sample PNGs, rolled (fp-1..10)', counts: await countsOf(Array.from({ length: 10 }, (_, i) => () => loadGray(`${nist}/samples_nist/fp-${i + 1}.png`, 500))) });
distribution.push({ set: 'NIST sample PNGs, plain/slaps (fp-11..14)', counts: await countsOf(Array.from({ length: 4 }, (_, i) => () => loadGray(`${nist}/samples_nist/fp-${i + 11}.png`, 500))) });
distribution.push({ set: 'NIST WSQ sample PNG', counts: await countsOf([() => loadGray(`${nist}/samples_wsq/sample.png`, 500)]) });
const generated = Number(values.generated);
// The same generated images as scripts/check-extracted-templates.ts.
distribution.push({
  set: 'generated ridge-like noise (no finger)',
  counts: await countsOf(Array.from({ length: generated }, (_, k) => async () => withNoise(ridgeLabyrinth(160 + ((k * 97) % 461), 160 + ((k * 61) % 461), k + 1, 6 + (k % 8), 3 + (k % 21)), (k % 3) * 30, k + 1))),
});
for (const condition of (values.conditions ?? '').split(',').filter(Boolean).map(conditionNamed)) {
  for (const set of [1, 2, 3, 4]) {
    const ppi = set === 2 ? 569 : 500;
    const loads: (() => Promise<GrayImage>)[] = [];
    for (let f = 101; f <= 110; f++) {
      for (let i = 1; i <= 8; i++) {
        const file = `${f}_${i}.tif`;
        loads.push(async () => {
          const c = condition.apply(await loadGray(`${root}/fvc2002/db${set}_b/${file}`, ppi), ppi, seedOf(file));
          return { ...c.image, ppi: c.ppi };
        });
      }
    }
    distribution.push({ set: `FVC2002 DB${set}, ${condition.name}`, counts: await countsOf(loads) });
  }
}

console.log('');
console.log('| set | images | median | 90th percentile | max | over 120 | over 150 | over 255 (cut) |');
console.log('|---|---|---|---|---|---|---|---|');
for (const { set, counts } of distribution) {
  const over = (n: number) => counts.filter((c) => c > n).length;
  console.log(`| ${set} | ${counts.length} | ${quantile(counts, 0.5)} | ${quantile(counts, 0.9)} | ${Math.max(...counts)} | ${over(120)} | ${over(150)} | ${over(255)} |`);
}
