/**
 * Extraction throughput with the full worker pool: FVC2002 images through the same path as the
 * Extract RPC (decode in the worker, bring to 500 ppi, extract), all threads busy.
 *
 *   npx tsx bench/extract-pool.bench.ts [--threads N] [--sets db1_b,db2_b,db3_b,db4_b] [--rounds 2]
 *
 * Reports images per second and per-image latency (median, p99) as seen by the caller.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { WorkerPool } from '../engine/workers/worker-pool.js';
import { sharedDataPath, missingSharedData } from '../fixtures/shared-data.js';

const arg = (name: string, dflt: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : dflt; };
const threads = Number(arg('threads', String(availableParallelism())));
const sets = arg('sets', 'db1_b,db2_b,db3_b,db4_b').split(',');
const rounds = Number(arg('rounds', '2'));
if (missingSharedData('fingerprints', 'fvc2002')) process.exit(0);

const images: { data: Uint8Array; ppi: number }[] = [];
for (const set of sets) {
  const dir = sharedDataPath('fingerprints', 'fvc2002', set);
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.tif')).sort()) images.push({ data: readFileSync(join(dir, f)), ppi: set === 'db2_b' ? 569 : 500 });
}
const pool = new WorkerPool({ size: threads, maxQueue: images.length * rounds });
// Warm every thread (module load, TensorFlow.js init) before timing.
await Promise.all(Array.from({ length: threads * 2 }, () => pool.run({ kind: 'extract', data: new Uint8Array(images[0].data), ppi: images[0].ppi, encodeAs: 'internal', includeStageImages: false })));
const latencies: number[] = [];
const started = performance.now();
await Promise.all(Array.from({ length: rounds }, () => images).flat().map(async (img) => {
  const t0 = performance.now();
  const data = new Uint8Array(img.data);
  await pool.run({ kind: 'extract', data, ppi: img.ppi, encodeAs: 'internal', includeStageImages: false }, { transferList: [data.buffer as ArrayBuffer] });
  latencies.push(performance.now() - t0);
}));
const seconds = (performance.now() - started) / 1000;
await pool.destroy();
latencies.sort((a, b) => a - b);
const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
console.log(`| threads | images | images/s | median latency ms (queued + extract) | p99 ms | load average |`);
console.log(`|---|---|---|---|---|---|`);
console.log(`| ${threads} | ${latencies.length} | ${(latencies.length / seconds).toFixed(1)} | ${q(0.5).toFixed(0)} | ${q(0.99).toFixed(0)} | ${loadavg().map((l) => l.toFixed(2)).join(' ')} |`);
