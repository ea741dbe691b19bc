/**
 * Where a DNA index rebuild's time goes, stage by stage, in one thread (the service splits them
 * between the main thread — LMDB scan, JSON to the index thread — and the index thread — JSON
 * parse, indexing): LMDB read and msgpack decode (`RecordStore.scan`), the record batch to JSON and
 * back (the message to the index thread), and indexing, once through `fromStoredProfile` +
 * `DnaIndex.add` (the path before 2026-12-01) and once through `DnaIndex.addStored` (the path now).
 * The two indexes are checked to hold the same records.
 *
 *   npx tsx bench/dna-load-path.bench.ts --count 100000 [--store /tmp/biomatch-dna-path-100000]
 *
 * Fills the store on first use (putMany batches of 10,000). Prints the load average with the figures.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadSharedTables, NIST1036_GENOTYPES } from '../fixtures/dna/nist1036.js';
import { SyntheticProfiles } from '../fixtures/dna/synthetic-profiles.js';
import { hasSharedData, sharedDataPath } from '../fixtures/shared-data.js';
import { fromStoredProfile, type StoredDnaProfile } from '../engine/dna/dna-profile.js';
import { DnaIndex } from '../engine/dna/dna-index.js';
import type { DnaRecordMeta } from '../engine/dna/dna-search.js';
import { LocusRegistry } from '../engine/dna/locus-registry.js';
import { RecordStore } from '../engine/store/record-store.js';
import type { NewRecord, StoredRecord } from '../engine/store/record.js';
import { payloadOf, type DnaPayload } from '../engine/service/dna-catalog.js';
import { arg } from './dna-probes.js';

const count = Number(arg('count', '100000').replace(/_/g, ''));
const dir = arg('store', `/tmp/biomatch-dna-path-${count}`);
if (!hasSharedData('dna', NIST1036_GENOTYPES)) {
  console.log(`skipping: ${sharedDataPath('dna')} not found`);
  process.exit(0);
}
const registry = LocusRegistry.create();
const tables = loadSharedTables(registry);
const store = RecordStore.open(dir);
if (store.count('dna-profile') < count) {
  const synth = new SyntheticProfiles(registry, ['AfAm', 'Asian', 'Cauc', 'Hisp'].map((p) => tables.resolve(`nist1036/${p}`)), 7);
  let batch: NewRecord<DnaPayload>[] = [];
  for (let i = store.count('dna-profile'); i < count; i++) {
    batch.push({ kind: 'dna-profile', subjectId: `subject-${i}`, ownerAgency: 'BENCH', visibility: { agencies: [], allAgencies: false }, payload: payloadOf(synth.next('offender')) });
    if (batch.length === 10000) { await store.putMany(batch, 'BENCH'); batch = []; }
  }
  if (batch.length) await store.putMany(batch, 'BENCH');
}

interface Msg { id: string; profile: StoredDnaProfile; meta: DnaRecordMeta }
for (const path of ['fromStoredProfile + add', 'addStored']) {
  const acc: Record<string, number> = {};
  const index = new DnaIndex({ registry, tables, initialCapacity: count });
  let batch: StoredRecord<DnaPayload>[] = [];
  let t = performance.now();
  const lap = (k: string): void => { const now = performance.now(); acc[k] = (acc[k] ?? 0) + now - t; t = now; };
  const flush = (): void => {
    // As dna-gallery.ts indexRecord + JSON.stringify, and the index thread's JSON.parse.
    const json = JSON.stringify(batch.map((r): Msg => ({
      id: r.id, profile: { loci: r.payload.loci, kind: r.payload.kind },
      meta: { kind: r.payload.kind, ownerAgency: r.ownerAgency, visibleTo: r.visibility.agencies, visibleToAll: r.visibility.allAgencies, subjectId: r.subjectId },
    })));
    lap('to JSON');
    const parsed = JSON.parse(json) as Msg[];
    lap('from JSON');
    if (path === 'addStored') {
      for (const r of parsed) index.addStored(r.id, r.profile, r.meta);
      lap('index');
    } else {
      const profiles = parsed.map((r) => fromStoredProfile(r.profile, registry));
      lap('fromStoredProfile');
      for (let i = 0; i < parsed.length; i++) index.add(parsed[i].id, profiles[i], parsed[i].meta);
      lap('index');
    }
    batch = [];
  };
  const t0 = performance.now();
  for (const r of store.scan<DnaPayload>('dna-profile')) {
    batch.push(r);
    if (batch.length === 2048) { lap('LMDB scan + decode'); flush(); }
  }
  lap('LMDB scan + decode');
  flush();
  const total = performance.now() - t0;
  console.log(`${path}: ${index.size} records in ${(total / 1000).toFixed(2)} s (${Math.round(index.size / (total / 1000))}/s) — ${Object.entries(acc).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)} s`).join('; ')}; load ${loadavg().map((v) => v.toFixed(2)).join(', ')}`);
}
await store.close();
