/**
 * What the ridge counts add to extraction (docs/decisions/ridge-count-cue.md): for FVC2002 B
 * images, the extractor runs once with a sink that keeps the binarised image and the mask; then
 * `ridgeCounts` is timed alone on the template's minutiae (median of `--rounds` runs an image),
 * beside the whole extraction's wall time. Also the template bytes the counts add in ISO.
 *   npx tsx bench/ridge-counts.bench.ts [--sets 1,2,3,4] [--per-set 20] [--rounds 5]
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { fvcPpi, loadGray } from './extract-images.js';
import { extractTemplate } from '../engine/fingerprint/extractor.js';
import type { BinarizedImage } from '../engine/fingerprint/extraction/binarized-image.js';
import { ridgeCounts } from '../engine/fingerprint/extraction/ridge-counts.js';
import type { SegmentationMask } from '../engine/fingerprint/extraction/segmentation-mask.js';
import { encodeIso19794_2 } from '../engine/fingerprint/templates/iso-19794-2.js';
import { sharedDataPath } from '../fixtures/shared-data.js';

const { values } = parseArgs({ options: { sets: { type: 'string' }, 'per-set': { type: 'string' }, rounds: { type: 'string' } } });
const sets = (values.sets ?? '1,2,3,4').split(',').map(Number);
const perSet = Number(values['per-set'] ?? 20), rounds = Number(values.rounds ?? 5);
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

for (const set of sets) {
  const dir = sharedDataPath('fingerprints', 'fvc2002', `db${set}_b`);
  const countMs: number[] = [], extractMs: number[] = [], edges: number[] = [], bytes: number[] = [], without: number[] = [];
  for (let k = 0; k < perSet; k++) {
    const file = `${dir}/${101 + (k % 10)}_${1 + Math.floor(k / 10)}.tif`;
    const img = await loadGray(file, fvcPpi(dir));
    let binary: BinarizedImage | undefined, mask: SegmentationMask | undefined;
    const started = performance.now();
    const t = await extractTemplate(img, { sink: (stage, out) => { if (stage === 'binarized-image') binary = out as BinarizedImage; if (stage === 'segmentation-mask') mask = out as SegmentationMask; } });
    extractMs.push(performance.now() - started);
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const t0 = performance.now();
      ridgeCounts(t.minutiae, binary!, mask!.mask);
      times.push(performance.now() - t0);
    }
    countMs.push(median(times));
    edges.push(t.ridgeCounts?.length ?? 0);
    const plain = encodeIso19794_2({ ...t, ridgeCounts: undefined }).length;
    without.push(plain);
    bytes.push(encodeIso19794_2(t).length - plain);
  }
  console.log(`DB${set}: ${perSet} images, ridge counts median ${median(countMs).toFixed(3)} ms (max ${Math.max(...countMs).toFixed(3)}), extraction with a sink median ${median(extractMs).toFixed(1)} ms; edges median ${median(edges)}, ISO bytes added median ${median(bytes)} (to a median ${median(without)} without)`);
}
