/**
 * Warm start of the DNA service: the time from `startService` to health SERVING with N DNA
 * profiles in the store (the DNA index is rebuilt from the store and warmed, DnaIndex.warm, before
 * SERVING), and the latency of the first searches after SERVING (through the DNA gallery's index
 * thread, as the DnaService calls it; gRPC framing not included).
 *
 * The store is filled once (synthetic profiles drawn from the NIST 1036 tables, the 1036 real ones
 * planted) and reused by later runs on the same --store directory:
 *
 *   npx tsx bench/dna-warm-start.bench.ts --count 1000000 [--store /tmp/biomatch-dna-1m] [--queries 20]
 *
 * The machine is shared: every figure is printed with the load average.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadNist1036Profiles, loadSharedTables, NIST1036_GENOTYPES } from '../fixtures/dna/nist1036.js';
import { SyntheticProfiles } from '../fixtures/dna/synthetic-profiles.js';
import { hasSharedData, sharedDataPath } from '../fixtures/shared-data.js';
import { toStoredProfile, type StoredDnaProfile } from '../engine/dna/dna-profile.js';
import { LocusRegistry } from '../engine/dna/locus-registry.js';
import { STRINGENCIES } from '../engine/dna/locus-comparison.js';
import { RecordStore } from '../engine/store/record-store.js';
import type { NewRecord } from '../engine/store/record.js';
import { startService } from '../engine/service/app.js';
import { loadConfig } from '../engine/service/config.js';
import { createLogger } from '../engine/service/logger.js';

function arg(name: string, dflt: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : dflt;
}
const count = Number(arg('count', '100000').replace(/_/g, ''));
const dir = arg('store', `/tmp/biomatch-dna-warm-${count}`);
const nQueries = Number(arg('queries', '20'));

if (!hasSharedData('dna', NIST1036_GENOTYPES)) {
  console.log(`skipping: ${sharedDataPath('dna')} not found`);
  process.exit(0);
}
const load = (): string => loadavg().map((v) => v.toFixed(2)).join(', ');
const registry = LocusRegistry.create();
const tables = loadSharedTables(registry);
const real = loadNist1036Profiles(registry);

mkdirSync(dir, { recursive: true });
{
  const store = RecordStore.open(dir);
  const have = store.count('dna-profile');
  if (have < count) {
    const t0 = performance.now();
    const synth = new SyntheticProfiles(registry, ['AfAm', 'Asian', 'Cauc', 'Hisp'].map((p) => tables.resolve(`nist1036/${p}`)), 7);
    const batch: NewRecord<StoredDnaProfile>[] = [];
    const flush = async (): Promise<void> => {
      await store.putMany(batch.splice(0), 'BENCH');
    };
    for (let i = have; i < count; i++) {
      const planted = i < real.length ? real[i] : undefined;
      const profile = planted?.profile ?? synth.next('offender');
      batch.push({ kind: 'dna-profile', subjectId: `subject-${i}`, ownerAgency: 'BENCH', visibility: { agencies: [], allAgencies: false }, payload: toStoredProfile(profile) } as NewRecord<StoredDnaProfile>);
      if (batch.length === 5000) await flush();
    }
    await flush();
    console.log(`filled ${dir}: ${count - have} profiles in ${((performance.now() - t0) / 1000).toFixed(0)} s; load ${load()}`);
  }
  await store.close();
}

const config = { ...loadConfig([], {}), port: 0, poolSize: 1, drainSeconds: 1, rateLimit: 0, dataDir: dir };
const t0 = performance.now();
const service = await startService(config, { log: createLogger('error', () => undefined) });
await service.ready;
const toServing = performance.now() - t0;
const rss = process.memoryUsage().rss / 2 ** 30;
console.log(`start → SERVING with ${service.deps.catalog.entries()} DNA profiles: ${(toServing / 1000).toFixed(1)} s; RSS ${rss.toFixed(2)} GiB (main thread and index thread); load ${load()}`);

// First searches after SERVING: partial-ish probes (the real profiles' first 10 loci) per stringency.
const catalog = service.deps.catalog;
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
await service.shutdown('bench done');
console.log(`store kept in ${dir} (${existsSync(dir) ? 'reuse with --store' : 'missing'})`);
