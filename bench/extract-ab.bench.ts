/**
 * Extraction speed A/B in one process (issue 15 point 1–2, docs/decisions/border-filter-gate.md):
 * today's parameters (A) against one parameter under study (B, scripts/eval/studies.ts), image by
 * image on the FVC2002 B images, the two extractions of each image back to back and their order
 * swapped every other image, so the load of a shared machine falls on both alike. Per set: the
 * median CPU ms per image (user + system of this process) of each, and the median and quartiles
 * of the per-image ratio B / A, and the ratio of the two sums. extract.bench.ts's separate runs spread 40–52 % under the shared
 * load (border-filter.md); a paired ratio does not carry that spread.
 * The last column (docs/decisions/border-filter-gate.md, follow-up): a 95 % bootstrap interval of the
 * median ratio, resampling images (each image's ratio the mean over its rounds; 2,000 resamples, a
 * fixed seed), so that the median's own uncertainty, not one extraction's spread, is judged.
 * And the geometric mean of B / A (exp of the mean log ratio, each image's log ratio the mean over
 * its rounds) with the same bootstrap over images: a log ratio is not biased upward by timing noise
 * as a mean of ratios is (border-filter-gate.md, second follow-up).
 *   npx tsx bench/extract-ab.bench.ts --param NAME=VALUE [--rounds 2] [--sets 1,2,3,4] [--fingers 10]
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { fvcPpi, loadGray } from './extract-images.js';
import { extractTemplate, type ExtractOptions } from '../engine/fingerprint/extractor.js';
import { sharedDataPath } from '../fixtures/shared-data.js';
import { tuningOf } from '../scripts/eval/studies.js';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, sets: { type: 'string' }, fingers: { type: 'string' }, param: { type: 'string' } } });
if (!values.param) throw new Error('usage: extract-ab.bench.ts --param NAME=VALUE [--rounds N] [--sets 1,2,3,4] [--fingers N]');
const b: ExtractOptions = { tuning: tuningOf(values.param) };
const rounds = Number(values.rounds ?? 2);
const sets = (values.sets ?? '1,2,3,4').split(',').map(Number);
const fingers = Number(values.fingers ?? 10);

const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const sum = (v: number[]): number => v.reduce((x, y) => x + y, 0);
const quantile = (v: number[], p: number): number => { const s = [...v].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
/** 95 % bootstrap interval of a statistic of `v` (the median unless told; resampled with replacement; mulberry32, fixed seed). */
function bootstrapInterval(v: number[], resamples = 2000, seed = 20261202, statistic: (x: number[]) => number = (x) => quantile(x, 0.5)): [number, number] {
  let t = seed >>> 0;
  const rand = (): number => {
    t = (t + 0x6d2b79f5) >>> 0;
    let x = Math.imul(t ^ (t >>> 15), 1 | t);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
  const medians: number[] = [];
  for (let r = 0; r < resamples; r++) medians.push(statistic(Array.from(v, () => v[Math.floor(rand() * v.length)])));
  return [quantile(medians, 0.025), quantile(medians, 0.975)];
}
async function timed(img: Parameters<typeof extractTemplate>[0], options: ExtractOptions): Promise<number> {
  const c0 = cpuMs();
  await extractTemplate(img, options);
  return cpuMs() - c0;
}

console.log(`A: today's parameters; B: ${values.param}; load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
{
  // Warm the JIT on both paths so the first set is not charged for compilation.
  const img = await loadGray(sharedDataPath('fingerprints', 'fvc2002', 'db1_b', '101_1.tif'), 500);
  for (let k = 0; k < 5; k++) { await extractTemplate(img); await extractTemplate(img, b); }
}
console.log('| set | median CPU ms/image A | B | B / A per image: median (25–75 %) | B / A of the summed CPU | median of the per-image mean ratio, 95 % bootstrap interval | geometric mean of B / A, 95 % bootstrap interval |\n|---|---|---|---|---|---|---|');
for (const set of sets) {
  const dir = sharedDataPath('fingerprints', 'fvc2002', `db${set}_b`);
  const images = [];
  for (let f = 101; f < 101 + fingers; f++) for (let i = 1; i <= 8; i++) images.push(await loadGray(`${dir}/${f}_${i}.tif`, fvcPpi(dir)));
  const a: number[] = [], bb: number[] = [], ratio: number[] = [];
  let k = 0;
  for (let r = 0; r < rounds; r++) {
    for (const img of images) {
      let ta: number, tb: number;
      if (k++ % 2) { tb = await timed(img, b); ta = await timed(img, {}); } else { ta = await timed(img, {}); tb = await timed(img, b); }
      a.push(ta); bb.push(tb); ratio.push(tb / ta);
    }
  }
  // ratio[r * n + i] is image i's ratio in round r: each image's mean over its rounds.
  const perImage = images.map((_, i) => sum(Array.from({ length: rounds }, (_, r) => ratio[r * images.length + i])) / rounds);
  const [lo, hi] = bootstrapInterval(perImage);
  const logPerImage = images.map((_, i) => sum(Array.from({ length: rounds }, (_, r) => Math.log(ratio[r * images.length + i]))) / rounds);
  const meanOf = (x: number[]): number => sum(x) / x.length;
  const [glo, ghi] = bootstrapInterval(logPerImage, 2000, 20261202, meanOf).map(Math.exp);
  console.log(`| DB${set} | ${quantile(a, 0.5).toFixed(1)} | ${quantile(bb, 0.5).toFixed(1)} | ${quantile(ratio, 0.5).toFixed(3)} (${quantile(ratio, 0.25).toFixed(3)}–${quantile(ratio, 0.75).toFixed(3)}) | ${(sum(bb) / sum(a)).toFixed(3)} | ${quantile(perImage, 0.5).toFixed(3)} (${lo.toFixed(3)}–${hi.toFixed(3)}) | ${Math.exp(meanOf(logPerImage)).toFixed(3)} (${glo.toFixed(3)}–${ghi.toFixed(3)}) |`);
}
console.log(`load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
