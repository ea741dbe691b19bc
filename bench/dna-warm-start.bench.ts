/**
 * Warm start of the DNA service: the time from `startService` to health SERVING with N DNA
 * profiles in the store, once rebuilding the index from the store and once loading the index
 * snapshot (docs/decisions/dna-index-snapshot.md) that the first start's clean shutdown wrote;
 * the latency of the first searches after SERVING (through the DNA gallery's index thread, as
 * the DnaService calls it; gRPC framing not included); RSS; the snapshot's size and write time.
 * Each start runs in its own process (this script spawns itself with --phase), so RSS figures
 * are one start's own.
 *
 * The store is filled once (synthetic profiles drawn from the NIST 1036 tables, the 1036 real ones
 * planted) and reused by later runs on the same --store directory. Filling is the bench's bulk
 * path: putMany batches of --fill-batch records (default 20,000: one durable transaction each,
 * instead of the service's per-request transactions), which is what makes a 10M store fillable
 * in minutes rather than hours. Records are the ones the service would write (payloadOf: the
 * canonical profile and its content hash).
 *
 *   npx tsx bench/dna-warm-start.bench.ts --count 1000000 [--store /tmp/biomatch-dna-1m] [--queries 20] [--phases rebuild,snapshot]
 *   npx tsx bench/dna-warm-start.bench.ts --count 10000000 --store /tmp/biomatch-dna-10m --fill-only
 *
 * The machine is shared: every figure is printed with the load average.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { SyntheticProfiles } from '../fixtures/dna/synthetic-profiles.js';
import { arg, loadAverage, nist1036Bench } from './dna-probes.js';
import { STRINGENCIES } from '../engine/dna/locus-comparison.js';
import { RecordStore } from '../engine/store/record-store.js';
import type { NewRecord } from '../engine/store/record.js';
import { startService } from '../engine/service/app.js';
import { loadConfig } from '../engine/service/config.js';
import { createLogger } from '../engine/service/logger.js';
import { DNA_SNAPSHOT_FILE, payloadOf, type DnaPayload } from '../engine/service/dna-catalog.js';

const count = Number(arg('count', '100000').replace(/_/g, ''));
const dir = arg('store', `/tmp/biomatch-dna-warm-${count}`);
const nQueries = Number(arg('queries', '20'));
const fillBatch = Number(arg('fill-batch', '20000'));
const phase = arg('phase', '');

const { registry, tables, real } = nist1036Bench();
const load = loadAverage;
const snapshotFile = join(dir, DNA_SNAPSHOT_FILE);

if (phase === '') {
  mkdirSync(dir, { recursive: true });
  const store = RecordStore.open(dir);
  const have = store.count('dna-profile');
  if (have < count) {
    const t0 = performance.now();
    const synth = new SyntheticProfiles(registry, ['AfAm', 'Asian', 'Cauc', 'Hisp'].map((p) => tables.resolve(`nist1036/${p}`)), 7);
    let batch: NewRecord<DnaPayload>[] = [];
    for (let i = have; i < count; i++) {
      const planted = i < real.length ? real[i] : undefined;
      const profile = planted?.profile ?? synth.next('offender');
      batch.push({ kind: 'dna-profile', subjectId: `subject-${i}`, ownerAgency: 'BENCH', visibility: { agencies: [], allAgencies: false }, payload: payloadOf(profile) });
      if (batch.length === fillBatch) {
        await store.putMany(batch, 'BENCH');
        batch = [];
        if ((i + 1) % 1_000_000 === 0) console.log(`  filled ${i + 1} in ${((performance.now() - t0) / 1000).toFixed(0)} s; load ${load()}`);
      }
    }
    if (batch.length > 0) await store.putMany(batch, 'BENCH');
    // The store changed: an older snapshot is stale (it would be replayed against, not trusted).
    rmSync(snapshotFile, { force: true });
    console.log(`filled ${dir}: ${count - have} profiles in ${((performance.now() - t0) / 1000).toFixed(0)} s (putMany batches of ${fillBatch}); store ${(store.sizeBytes() / 2 ** 30).toFixed(2)} GiB; load ${load()}`);
  }
  await store.close();
  if (process.argv.includes('--fill-only')) process.exit(0);
  const phases = arg('phases', 'rebuild,snapshot').split(',');
  const self = fileURLToPath(import.meta.url);
  for (const p of phases) {
    const r = spawnSync(process.execPath, [...process.execArgv, self, ...process.argv.slice(2), '--phase', p], { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  console.log(`store kept in ${dir} (reuse with --store)`);
  process.exit(0);
}

// One start, in this process. "rebuild": no snapshot (removed first); "snapshot": the one the
// previous phase's shutdown wrote.
if (phase === 'rebuild') rmSync(snapshotFile, { force: true });
if (phase === 'snapshot' && !existsSync(snapshotFile)) {
  console.log('no snapshot to load: run the rebuild phase first');
  process.exit(1);
}
const lines: string[] = [];
const config = { ...loadConfig([], {}), port: 0, poolSize: 1, drainSeconds: 1, rateLimit: 0, dataDir: dir };
const t0 = performance.now();
const service = await startService(config, { log: createLogger('info', (line) => { if (line.includes('DNA index') || line.includes('index loaded')) lines.push(line.trim()); }) });
await service.ready;
const toServing = performance.now() - t0;
const rss = process.memoryUsage().rss / 2 ** 30;
const peak = process.resourceUsage().maxRSS / 2 ** 20;
// Anonymous memory (the heaps, the index's arrays) apart from file-backed pages (LMDB's map: a
// rebuild touches every page of the store, and those count in RSS while the kernel keeps them).
const status = existsSync('/proc/self/status') ? readFileSync('/proc/self/status', 'utf8') : '';
const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN) / 2 ** 20;
const catalog = service.deps.catalog;
const how = lines.some((l) => l.includes('DNA index snapshot loaded')) ? 'from the snapshot' : 'rebuilt from the store';
console.log(`[${phase}] start → SERVING with ${catalog.entries()} DNA profiles (${how}): ${(toServing / 1000).toFixed(1)} s; RSS ${rss.toFixed(2)} GiB (anonymous ${kb('RssAnon').toFixed(2)}, file-backed ${kb('RssFile').toFixed(2)}), peak ${peak.toFixed(2)} GiB (main thread and index thread); load ${load()}`);
for (const l of lines) console.log(`  log: ${l}`);

// First searches after SERVING: partial-ish probes (the real profiles' first 11 loci) per stringency.
const probes = real.slice(0, Math.max(1, nQueries)).map((r) => ({ ...r.profile, loci: new Map([...r.profile.loci].slice(0, 11)) }));
for (const stringency of STRINGENCIES) {
  const times: number[] = [];
  for (const q of probes) {
    const t = performance.now();
    await catalog.search(q, { stringency, minComparedLoci: 8, maxCandidates: 20, viewerAgency: 'BENCH' });
    times.push(performance.now() - t);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`  ${stringency.padEnd(8)} first query after SERVING ${times[0].toFixed(2)} ms; second ${times[1]?.toFixed(2) ?? '-'} ms; p50 of ${times.length} ${sorted[sorted.length >> 1].toFixed(2)} ms; load ${load()}`);
}
const s0 = performance.now();
lines.length = 0;
await service.shutdown('bench done');
const written = lines.find((l) => l.includes('DNA index snapshot written'));
console.log(`  shutdown ${((performance.now() - s0) / 1000).toFixed(1)} s${written ? `; snapshot ${(statSync(snapshotFile).size / 2 ** 20).toFixed(0)} MiB: ${written}` : ''}; load ${load()}`);
