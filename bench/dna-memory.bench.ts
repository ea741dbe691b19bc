/**
 * Where the DNA index's bytes go: builds an index of N synthetic offender profiles (the
 * dna-search bench's generator, ids `S<n>`, no subject or external ids), runs one search per
 * stringency (so posting lists and bitsets exist, as after the bench's queries), and prints
 * DnaIndex.memoryBreakdown() per structure, scaled to 10M, with heap and RSS after gc.
 *
 *   npx tsx bench/dna-memory.bench.ts [--count 1000000] [--subjects] [--service-ids]
 *   (--subjects: give every record a subject id and an external id, as stored records carry;
 *   --service-ids: the ids the service's store gives, record ids `dna_<uuid>` (record-store.ts),
 *   subject ids `subject-N` and no external id, as bench/dna-warm-start.bench.ts fills its store)
 */
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadNist1036Profiles, loadSharedTables, NIST1036_GENOTYPES } from '../fixtures/dna/nist1036.js';
import { SyntheticProfiles } from '../fixtures/dna/synthetic-profiles.js';
import { hasSharedData, sharedDataPath } from '../fixtures/shared-data.js';
import { DnaIndex } from '../engine/dna/dna-index.js';
import { LocusRegistry } from '../engine/dna/locus-registry.js';
import { STRINGENCIES } from '../engine/dna/locus-comparison.js';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;
const arg = (name: string, dflt: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : dflt;
};
if (!hasSharedData('dna', NIST1036_GENOTYPES)) {
  console.log(`skipping: ${sharedDataPath('dna')} not found`);
  process.exit(0);
}
const count = Number(arg('count', '1000000'));
const withSubjects = process.argv.includes('--subjects');
const serviceIds = process.argv.includes('--service-ids');
const registry = LocusRegistry.create();
const tables = loadSharedTables(registry);
const real = loadNist1036Profiles(registry);
const popTables = ['AfAm', 'Asian', 'Cauc', 'Hisp'].map((p) => tables.resolve(`nist1036/${p}`));
const mib = (b: number): string => (b / 2 ** 20).toFixed(1);

gc();
const m0 = process.memoryUsage();
const synth = new SyntheticProfiles(registry, popTables, 1 + count);
const index = new DnaIndex({ registry, tables, initialCapacity: count });
for (let i = 0; i < count; i++) {
  if (serviceIds) index.add(`dna_${randomUUID()}`, synth.next('offender'), { kind: 'offender', ownerAgency: 'BENCH', subjectId: `subject-${i}` });
  else index.add(`S${i}`, synth.next('offender'), withSubjects
    ? { kind: 'offender', ownerAgency: 'BENCH', subjectId: `subject-${i}`, externalId: `EXT-${(i * 7919) % 100000000}` }
    : { kind: 'offender', ownerAgency: 'BENCH' });
}
// As the service does before SERVING (trims the id buffers' growth room, builds what searches read).
index.warm();
for (const s of STRINGENCIES) index.search(real[0].profile, { stringency: s, viewerAgency: 'BENCH', minComparedLoci: 8 });
gc();
const m1 = process.memoryUsage();
const parts = index.memoryBreakdown();
let total = 0;
console.log(`${count} profiles${serviceIds ? ' with the service\'s ids (dna_<uuid>, subject-N)' : withSubjects ? ' with subject and external ids' : ''}; load ${loadavg().map((v) => v.toFixed(2)).join(', ')}`);
console.log('\n| structure | MiB | bytes/profile | ×(10M/N) GiB |\n|---|---|---|---|');
for (const [k, v] of Object.entries(parts).sort((a, b) => b[1] - a[1])) {
  total += v;
  console.log(`| ${k} | ${mib(v)} | ${(v / count).toFixed(1)} | ${((v * 1e7) / count / 2 ** 30).toFixed(2)} |`);
}
console.log(`| **counted total** | ${mib(total)} | ${(total / count).toFixed(1)} | ${((total * 1e7) / count / 2 ** 30).toFixed(2)} |`);
const grown = m1.heapUsed + m1.arrayBuffers - m0.heapUsed - m0.arrayBuffers;
console.log(`| heap used + ArrayBuffers grown (after gc) | ${mib(grown)} | ${(grown / count).toFixed(1)} | ${((grown * 1e7) / count / 2 ** 30).toFixed(2)} |`);
console.log(`| of which JS heap (maps, lists, strings) | ${mib(m1.heapUsed - m0.heapUsed)} | ${((m1.heapUsed - m0.heapUsed) / count).toFixed(1)} | |`);
console.log(`\nRSS ${(m1.rss / 2 ** 30).toFixed(2)} GiB (grown ${mib(m1.rss - m0.rss)} MiB); typed per locus: ${JSON.stringify(index.typedPerLocus())}`);
