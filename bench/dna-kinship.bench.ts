/**
 * Kinship search alone, at database scale, for choosing between its scan plans: the database of
 * dna-search.bench.ts (synthetic profiles from the NIST 1036 tables, 60 % CODIS 20, 25 % NIST 29,
 * 15 % CODIS 13, with the 1036 real profiles planted), children built from two real profiles
 * each, searched for parents (parent-child) and for full siblings, default options (PI/SI ≥ 100,
 * 8 compared loci), 10 candidates. Per plan (`--plans`, DnaIndexOptions.kinship): wall p50 / p99,
 * CPU p50 of the process, the first (untimed warm-up) query's wall time, mean hits, whether both
 * true parents are the top two, and a digest of every answer (ids, indices to the last bit, total
 * hits): the plans must print the same digest, and the bench exits with 1 when they do not.
 *
 *   npx tsx bench/dna-kinship.bench.ts --size 1000000 [--queries 20] [--plans columns,records,g1,g2]
 *     [--min-kinship-index 0 (the default, 100)] [--loci N (children typed at their first N loci only)]
 *     [--viewer-share 1 (the share of the synthetic records the searching agency may see)] [--seed 1]
 *
 * The load average is printed with every figure: on a shared machine CPU time inflates too.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { rng, SyntheticProfiles } from '../fixtures/dna/synthetic-profiles.js';
import { DnaIndex, type DnaIndexOptions } from '../engine/dna/dna-index.js';
import type { DnaProfile } from '../engine/dna/dna-profile.js';
import { arg, childOf, loadAverage, nist1036Bench, percentile } from './dna-probes.js';

const size = Number(arg('size', '1000000').replace(/_/g, ''));
const nQueries = Number(arg('queries', '20'));
const seed = Number(arg('seed', '1'));
const minKinshipIndex = Number(arg('min-kinship-index', '0'));
const kidLoci = Number(arg('loci', '0'));
const viewerShare = Number(arg('viewer-share', '1'));
const PLANS: Record<string, NonNullable<DnaIndexOptions['kinship']>> = {
  columns: { columns: true },
  records: { columns: false },
  g1: { columns: true, group: 1 },
  g2: { columns: true, group: 2 },
  filterFirst: { columns: true, filterFirst: true },
  filterLast: { columns: true, filterFirst: false },
  b16k: { columns: true, block: 16384 },
  b1k: { columns: true, block: 1024 },
};
const plans = arg('plans', 'columns,records').split(',');
for (const p of plans) if (PLANS[p] === undefined) throw new Error(`--plans: unknown plan ${p} (${Object.keys(PLANS).join(', ')})`);

const { registry, tables, real, popTables } = nist1036Bench();
const load = loadAverage;

// One database, shared by the plans: a plan is a field of the index read at each search, so the
// bench switches it in place rather than holding 2 GB per plan at 10M.
const index = new DnaIndex({ registry, tables, initialCapacity: size });
const switchable = index as unknown as { kinshipPlan: NonNullable<DnaIndexOptions['kinship']> };
const synth = new SyntheticProfiles(registry, popTables, seed + size);
const t0 = performance.now();
// --viewer-share: the searching agency sees that share of the synthetic records (its own); the
// rest belong to another agency and are not shared.
for (let i = 0; i < Math.max(0, size - real.length); i++) index.add(`S${i}`, synth.next('offender'), { kind: 'offender', ownerAgency: (i % 1000) < viewerShare * 1000 ? 'BENCH' : 'OTHER' });
for (const r of real) index.add(r.sampleId, r.profile, { kind: 'offender', ownerAgency: 'BENCH' });
console.log(`indexed ${index.size} in ${((performance.now() - t0) / 1000).toFixed(1)} s; RSS ${(process.memoryUsage().rss / 2 ** 30).toFixed(2)} GiB; load ${load()}`);

const random = rng(seed * 11 + 5);
const kids: { kid: DnaProfile; pa: string; pb: string }[] = [];
for (let k = 0; k < nQueries; k++) {
  const pa = real[Math.floor(random() * real.length)];
  const pb = real[Math.floor(random() * real.length)];
  kids.push({ kid: childOf(pa, pb, random, registry, kidLoci > 0 ? kidLoci : undefined), pa: pa.sampleId, pb: pb.sampleId });
}

let differ = false;
for (const relationship of ['parent-child', 'full-sibling'] as const) {
  const digests = new Set<string>();
  for (const plan of plans) {
    switchable.kinshipPlan = { ...PLANS[plan] };
    const options = { relationship, maxCandidates: 10, viewerAgency: 'BENCH', minKinshipIndex, ...(kidLoci > 0 ? { minComparedLoci: Math.min(8, kidLoci) } : {}) };
    // Warm-up (not counted), the first one timed: the first kinship search in this process (or the first of this plan).
    const tf = performance.now();
    index.kinshipSearch(kids[0].kid, options);
    const firstMs = performance.now() - tf;
    index.kinshipSearch(kids[1 % kids.length].kid, options);
    const wall: number[] = [];
    const cpu: number[] = [];
    const digest = createHash('sha256');
    let hits = 0;
    let parents = 0;
    const usedPlans = new Set<string>();
    for (const { kid, pa, pb } of kids) {
      const c0 = process.cpuUsage();
      const t = performance.now();
      const res = index.kinshipSearch(kid, options);
      wall.push(performance.now() - t);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      usedPlans.add(index.lastPlan);
      hits += res.totalHits;
      const top2 = res.candidates.slice(0, 2).map((x) => x.recordId);
      if (top2.includes(pa) && top2.includes(pb)) parents++;
      digest.update(`${res.totalHits}|${res.compared}|${res.candidates.map((x) => `${x.recordId}:${x.kinshipIndex}:${x.comparedLoci}`).join(',')}\n`);
    }
    const hex = digest.digest('hex').slice(0, 12);
    digests.add(hex);
    console.log(`${relationship.padEnd(12)} ${plan.padEnd(8)} wall p50 ${percentile(wall, 50).toFixed(1)} ms p99 ${percentile(wall, 99).toFixed(1)} ms; CPU p50 ${percentile(cpu, 50).toFixed(1)} ms; mean hits ${(hits / kids.length).toFixed(1)}; parents top 2 ${parents}/${kids.length}; first (warm-up) query ${firstMs.toFixed(0)} ms; plans ${[...usedPlans].join('+')}; digest ${hex}; load ${load()}`);
  }
  if (digests.size > 1) {
    console.log(`PLANS DIFFER: ${relationship} answers are not the same under every plan`);
    differ = true;
  }
}
console.log(`RSS at the end ${(process.memoryUsage().rss / 2 ** 30).toFixed(2)} GiB`);
if (differ) process.exit(1);
