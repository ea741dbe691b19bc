/**
 * The pixel-noise estimator (engine/fingerprint/extraction/pixel-noise.ts) over the FVC2002 B images,
 * per set and sensor-like condition: its distribution, and how many images a floor would let the
 * noise-adaptive pre-filter act on (docs/decisions/tenprint-noise-prefilter.md). Measured on the
 * working image (500 ppi), as the extractor does. No extraction, no EER: it places the floor.
 *   npx tsx scripts/eval/pixel-noise.ts [--conditions none,noise,...] [--floor F] [--json OUT.json]
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import { loadGray, fvcPpi } from '../../bench/extract-images.js';
import { workingImage } from '../../engine/fingerprint/extractor.js';
import { pixelNoise } from '../../engine/fingerprint/extraction/pixel-noise.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { CONDITIONS, conditionNamed, seedOf } from './conditions.js';
import { FVC2002_SETS } from './fvc-evaluation.js';

const { values } = parseArgs({ options: { conditions: { type: 'string' }, floor: { type: 'string' }, json: { type: 'string' } } });
const conditions = values.conditions ? values.conditions.split(',').map(conditionNamed) : CONDITIONS;
const floor = values.floor === undefined ? undefined : Number(values.floor);

const quantile = (s: number[], q: number): number => s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
const out: Record<string, Record<string, Record<string, number>>> = {};
const times: number[] = [];
console.log(`| condition | ${FVC2002_SETS.map((s) => `${s.name} min / median / max${floor === undefined ? '' : ` (> ${floor})`}`).join(' | ')} |`);
console.log(`|---|${FVC2002_SETS.map(() => '---').join('|')}|`);
const images = new Map<string, { gray: Awaited<ReturnType<typeof loadGray>>; name: string }[]>();
for (const set of FVC2002_SETS) {
  const dir = sharedDataPath('fingerprints', 'fvc2002', set.folder);
  const list = [];
  for (let f = 101; f <= 110; f++) for (let i = 1; i <= 8; i++) list.push({ gray: await loadGray(`${dir}/${f}_${i}.tif`, fvcPpi(dir)), name: `${f}_${i}.tif` });
  images.set(set.name, list);
}
for (const condition of conditions) {
  const row: string[] = [];
  out[condition.name] = {};
  for (const set of FVC2002_SETS) {
    const v: number[] = [];
    for (const { gray, name } of images.get(set.name)!) {
      const { image, ppi } = condition.apply(gray, gray.ppi ?? 500, seedOf(basename(name)));
      const working = workingImage(image, ppi);
      const t = performance.now();
      v.push(pixelNoise(working));
      times.push(performance.now() - t);
    }
    v.sort((a, b) => a - b);
    const over = floor === undefined ? undefined : v.filter((x) => x > floor).length;
    out[condition.name][set.name] = { min: v[0], p05: quantile(v, 0.05), median: quantile(v, 0.5), p95: quantile(v, 0.95), max: v[v.length - 1], ...(over === undefined ? {} : { over }) };
    row.push(`${v[0].toFixed(2)} / ${quantile(v, 0.5).toFixed(2)} / ${v[v.length - 1].toFixed(2)}${over === undefined ? '' : ` (${over})`}`);
  }
  console.log(`| ${condition.name} | ${row.join(' | ')} |`);
}
times.sort((a, b) => a - b);
console.log(`estimator wall time per image: median ${quantile(times, 0.5).toFixed(3)} ms (${times.length} images)`);
if (values.json) writeFileSync(values.json, JSON.stringify(out, null, 2) + '\n');
