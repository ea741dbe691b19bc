/**
 * Extraction speed on FVC2002 (issue 4, point 8): median CPU milliseconds per image on one core,
 * per set, with a per-stage breakdown (CPU time between consecutive sink calls).
 *   npm run bench:extract [-- --rounds N --sets 1,2,3,4] [--param NAME=VALUE]
 * (--param: an extraction parameter under study instead of today's value, scripts/eval/studies.ts)
 * Decoding (sharp) is excluded; bringing DB2 from 569 to 500 ppi is included. CPU time
 * (process.cpuUsage, user + system of this process) is reported beside wall time because the
 * machine is shared; `uptime` load is printed with the figures. Images per second with the full
 * worker pool are measured by the service's pool benchmark, not here.
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { fvcPpi, loadGray } from './extract-images.js';
import { extractTemplate } from '../engine/fingerprint/extractor.js';
import type { GrayImage } from '../engine/fingerprint/gray-image.js';
import { sharedDataPath } from '../fixtures/shared-data.js';
import type { StageSink } from '../engine/fingerprint/stage-sink.js';
import { tuningOf } from '../scripts/eval/studies.js';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, sets: { type: 'string' }, fingers: { type: 'string' }, param: { type: 'string' } } });
const options = values.param ? { tuning: tuningOf(values.param) } : {};
const rounds = Number(values.rounds ?? 2);
const sets = (values.sets ?? '1,2,3,4').split(',').map(Number);
const fingers = Number(values.fingers ?? 10);

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
function median(v: number[]): number {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

if (values.param) console.log(`parameter under study: ${values.param}`);
console.log(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
// Warm the JIT on one image so the first set is not charged for compilation.
{
  const p = sharedDataPath('fingerprints', 'fvc2002', 'db1_b', '101_1.tif');
  const img = await loadGray(p, 500);
  for (let k = 0; k < 5; k++) await extractTemplate(img, options);
}
const rows: string[] = [];
for (const set of sets) {
  const dir = sharedDataPath('fingerprints', 'fvc2002', `db${set}_b`);
  const images: GrayImage[] = [];
  for (let f = 101; f < 101 + fingers; f++) for (let i = 1; i <= 8; i++) images.push(await loadGray(`${dir}/${f}_${i}.tif`, fvcPpi(dir)));
  const cpu: number[] = [];
  const wall: number[] = [];
  const stageCpu = new Map<string, number[]>();
  for (let r = 0; r < rounds; r++) {
    for (const img of images) {
      const c0 = cpuMs();
      const w0 = performance.now();
      await extractTemplate(img, options);
      wall.push(performance.now() - w0);
      cpu.push(cpuMs() - c0);
    }
  }
  // Per-stage breakdown on a separate pass (the sink's own bookkeeping is tiny but not zero).
  for (const img of images) {
    let last = cpuMs();
    const sink: StageSink = (stage) => {
      const now = cpuMs();
      const list = stageCpu.get(stage) ?? [];
      list.push(now - last);
      stageCpu.set(stage, list);
      last = cpuMs();
    };
    await extractTemplate(img, { ...options, sink });
  }
  const stages = [...stageCpu.entries()].map(([s, v]) => `${s} ${median(v).toFixed(1)}`).join(', ');
  rows.push(`| DB${set} | ${images[0].width}×${images[0].height} @ ${fvcPpi(dir)} ppi | ${median(cpu).toFixed(1)} | ${median(wall).toFixed(1)} | ${stages} |`);
  console.log(rows[rows.length - 1]);
}
console.log('\n| set | image | median CPU ms/image | median wall ms | median CPU ms per stage |\n|---|---|---|---|---|');
for (const r of rows) console.log(r);
console.log(`load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
