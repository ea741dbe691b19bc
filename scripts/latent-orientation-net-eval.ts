/**
 * The latent orientation field against the true orientation of generated marks (docs/decisions/
 * latent-orientation-network.md): the spectral candidates ('off') against the orientation network
 * ('field', 'prior'), each mark extracted with its true ROI given as the examiner's (so every mark
 * takes the latent route and every mode sees the same ROI), the error per pixel against the carried
 * truth (scripts/eval/mark-orientation-truth.ts) inside ROI ∩ the source's print:
 *
 *   npx tsx scripts/latent-orientation-net-eval.ts --pairs DIR[,DIR...] [--validation] [--modes off,field,prior] [--limit N] [--json OUT.json]
 *
 * --validation: only the marks with index ≡ 0 (mod 5), the training script's validation split;
 * --limit N: the first N marks of each folder. The modes run one after the other on each mark, so
 * their extraction times (medians reported, wall and CPU) are taken at the same load.
 * Prints, per mode, the mean and median of the per-mark errors, for all marks and by the source's
 * FVC2002 set (DB1 sources are fingers the network never saw in training).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { OrientationField } from '../engine/fingerprint/extraction/orientation-field.js';
import { collectingSink } from '../engine/fingerprint/stage-sink.js';
import { extractLatentFeatures } from '../engine/latent/latent-extractor.js';
import type { OrientNetworkMode } from '../engine/latent/latent-parameters.js';
import { median } from './eval/latent-ranks.js';
import { markOrientationTruth, truthError } from './eval/mark-orientation-truth.js';
import { orientationNetworkMode } from './eval-latent-features.js';

interface MarkRow {
  id: string;
  set: string;
  pixels: number;
  errorDeg: Partial<Record<OrientNetworkMode, number>>;
  /** Extraction time per mode: wall and CPU (user + system, every thread) ms. */
  extractMs: Partial<Record<OrientNetworkMode, { wall: number; cpu: number }>>;
}

function summary(rows: MarkRow[], modes: OrientNetworkMode[]): Record<string, { marks: number; meanDeg: number; medianDeg: number }> {
  const out: Record<string, { marks: number; meanDeg: number; medianDeg: number }> = {};
  for (const m of modes) {
    const v = rows.map((r) => r.errorDeg[m]!).filter((e) => Number.isFinite(e));
    out[m] = { marks: v.length, meanDeg: v.reduce((a, b) => a + b, 0) / Math.max(1, v.length), medianDeg: v.length ? median([...v].sort((a, b) => a - b)) : NaN };
  }
  return out;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { pairs: { type: 'string' }, validation: { type: 'boolean' }, modes: { type: 'string' }, limit: { type: 'string' }, json: { type: 'string' } } });
  if (!values.pairs) throw new Error('usage: latent-orientation-net-eval --pairs DIR[,DIR...] [--validation] [--modes off,field,prior] [--json OUT.json]');
  const modes = (values.modes ?? 'off,field,prior').split(',').map(orientationNetworkMode);
  const rows: MarkRow[] = [];
  console.log(`load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  for (const dir of values.pairs.split(',')) {
    const ids = readdirSync(dir).filter((f) => /^m\d+$/.test(f)).sort().filter((id) => !values.validation || Number(id.slice(1)) % 5 === 0).slice(0, values.limit ? Number(values.limit) : undefined);
    for (const id of ids) {
      const truth = await markOrientationTruth(dir, id);
      const row: MarkRow = { id: `${dir}/${id}`, set: truth.set, pixels: 0, errorDeg: {}, extractMs: {} };
      for (const mode of modes) {
        const { sink, outputs } = collectingSink();
        const t0 = performance.now(), c0 = process.cpuUsage();
        await extractLatentFeatures(truth.image, { ppi: 500, roi: truth.roi, sink, orientationNetwork: mode });
        const c = process.cpuUsage(c0);
        row.extractMs[mode] = { wall: performance.now() - t0, cpu: (c.user + c.system) / 1000 };
        const field = outputs['orientation-field'] as OrientationField;
        const e = truthError(field.angle, truth);
        row.errorDeg[mode] = e.errorDeg;
        row.pixels = e.pixels;
      }
      rows.push(row);
      if (rows.length % 50 === 0) console.log(`  ${rows.length} marks`);
    }
  }
  const known = rows.filter((r) => r.pixels > 0);
  const report = {
    marks: rows.length, withTruth: known.length, modes,
    all: summary(known, modes),
    db1: summary(known.filter((r) => r.set === 'db1_b'), modes),
    db2to4: summary(known.filter((r) => r.set !== 'db1_b'), modes),
    // Medians of the per-mark extraction times (the first mark, which loads the wasm backend, left out).
    extractMsMedian: Object.fromEntries(modes.map((m) => {
      const t = rows.slice(1).map((r) => r.extractMs[m]!);
      return [m, { wall: median(t.map((x) => x.wall).sort((a, b) => a - b)), cpu: median(t.map((x) => x.cpu).sort((a, b) => a - b)) }];
    })),
    better: Object.fromEntries(modes.filter((m) => m !== 'off').map((m) => [m, { lower: known.filter((r) => r.errorDeg[m]! < r.errorDeg.off! - 1).length, higher: known.filter((r) => r.errorDeg[m]! > r.errorDeg.off! + 1).length }])),
  };
  console.log(JSON.stringify(report, null, 1));
  console.log(`load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  if (values.json) writeFileSync(values.json, JSON.stringify({ report, rows }, null, 1) + '\n');
}

await main();
