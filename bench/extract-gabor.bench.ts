/**
 * Contextual enhancement: typed arrays versus TensorFlow.js (issue 4 point 3: "use TensorFlow.js
 * on its wasm backend where convolution dominates, and plain typed arrays where that is faster —
 * measure").
 *   npx tsx bench/extract-gabor.bench.ts [--backend wasm|cpu] [--images N]
 * - typed arrays: the production stage (enhanced-image.ts): per pixel, a 1-D band-pass across and
 *   a 1-D low-pass along the local ridge direction (24 orientations × 24 period bins).
 * - tfjs: the usual tensor formulation: one conv2d of the image with a bank of full 2-D Gabor
 *   kernels (17×17, 16 orientations, at 1 or 3 periods), then per pixel the channel of its own
 *   orientation/period is picked (the pick runs in JS on the downloaded tensor; it is a small part).
 *   This is coarser than the typed-array stage (fewer bins) and still has to do (2r+1)² MACs per
 *   channel per pixel.
 * Median wall ms per FVC2002 DB1 image, one thread; `uptime` load printed beside it.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { loadGray } from './extract-images.js';
import { enhancedImage } from '../engine/fingerprint/extraction/enhanced-image.js';
import { orientationField } from '../engine/fingerprint/extraction/orientation-field.js';
import { ridgeFrequency } from '../engine/fingerprint/extraction/ridge-frequency.js';
import { segmentationMask } from '../engine/fingerprint/extraction/segmentation-mask.js';
import { sharedDataPath } from '../fixtures/shared-data.js';

const { values } = parseArgs({ options: { backend: { type: 'string' }, images: { type: 'string' } } });
const backend = values.backend ?? 'wasm';
const count = Number(values.images ?? 8);
if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
else await import('@tensorflow/tfjs-backend-cpu');
await tf.setBackend(backend);
await tf.ready();

const R = 8;
const ANGLES = 16;
function bank(periods: number[]): tf.Tensor4D {
  const k = 2 * R + 1;
  const ch = ANGLES * periods.length;
  const data = new Float32Array(k * k * ch);
  periods.forEach((period, pi) => {
    for (let a = 0; a < ANGLES; a++) {
      const t = (a * Math.PI) / ANGLES;
      const c = pi * ANGLES + a;
      const sx = 0.45 * period, sy = 0.55 * period;
      let sum = 0, n = 0;
      for (let y = -R; y <= R; y++) for (let x = -R; x <= R; x++) {
        const u = x * Math.cos(t) + y * Math.sin(t); // along
        const v = -x * Math.sin(t) + y * Math.cos(t); // across
        const g = Math.exp(-(u * u) / (2 * sy * sy) - (v * v) / (2 * sx * sx)) * Math.cos((2 * Math.PI * v) / period);
        data[((y + R) * k + (x + R)) * ch + c] = g;
        sum += g;
        n++;
      }
      for (let i = 0; i < k * k; i++) data[i * ch + c] -= sum / n;
    }
  });
  return tf.tensor4d(data, [k, k, 1, ch]);
}

function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const images = [];
for (let i = 0; i < count; i++) {
  const img = await loadGray(sharedDataPath('fingerprints', 'fvc2002', 'db1_b', `${101 + (i % 10)}_${1 + (i % 8)}.tif`), 500);
  const o = orientationField(img);
  const m = segmentationMask(img, o);
  const f = ridgeFrequency(img, o, m);
  images.push({ img, o, m, f });
}
const banks = { one: bank([9]), three: bank([7, 9, 11]) };
const typed: number[] = [];
const tfOne: number[] = [];
const tfThree: number[] = [];
for (let round = 0; round < 3; round++) {
  for (const { img, o, m, f } of images) {
    let t0 = performance.now();
    enhancedImage(img, o, f, m);
    if (round > 0) typed.push(performance.now() - t0);
    for (const [name, filters] of Object.entries(banks)) {
      t0 = performance.now();
      const input = tf.tensor4d(Float32Array.from(img.pixels), [1, img.height, img.width, 1]);
      const out = tf.conv2d(input, filters, 1, 'same');
      const resp = out.dataSync() as Float32Array;
      const ch = filters.shape[3];
      const enh = new Float32Array(img.width * img.height);
      for (let i = 0; i < enh.length; i++) {
        if (!m.mask[i]) continue;
        const a = Math.round((o.angle[i] * ANGLES) / Math.PI) % ANGLES;
        enh[i] = resp[i * ch + a];
      }
      input.dispose();
      out.dispose();
      if (round > 0) (name === 'one' ? tfOne : tfThree).push(performance.now() - t0);
    }
  }
}
console.log(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}; DB1 ${images[0].img.width}×${images[0].img.height}, ${images.length} images × 2 rounds`);
console.log(`| method | median ms/image |\n|---|---|`);
console.log(`| typed arrays, separable oriented Gabor (24 angles × 24 periods) | ${median(typed).toFixed(1)} |`);
console.log(`| tfjs ${backend}, conv2d 17×17 × 16 angles × 1 period + pick | ${median(tfOne).toFixed(1)} |`);
console.log(`| tfjs ${backend}, conv2d 17×17 × 16 angles × 3 periods + pick | ${median(tfThree).toFixed(1)} |`);
