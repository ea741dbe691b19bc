/**
 * DNA search at database scale: synthetic profiles drawn from the NIST 1036 population tables
 * (AfAm, Asian, Cauc, Hisp; panels: 60 % CODIS 20, 25 % NIST 29, 15 % legacy CODIS 13, all with
 * Amelogenin) with the 1036 real NIST profiles planted. Per database size it measures:
 * - import: index build rate (`DnaIndex.add`, the rebuild-from-store path) and CSV parse+add rate
 *   (`CsvProfileReader` on NIST-layout text, 100k rows at most);
 * - memory per profile (RSS and heap+ArrayBuffer growth after gc);
 * - warm start: the first query straight after the build (cold: it builds the posting lists),
 *   then `DnaIndex.warm()` (what the service runs before it reports SERVING) and the first query
 *   after it;
 * - query latency p50/p99 per stringency at min 8 compared loci, after a warm-up of
 *   --warmup queries per set (not counted), for two query sets:
 *   `full` = the real NIST profiles as typed (27–29 loci), `partial` = 8–12 of their loci with
 *   one allele dropped at up to 3 loci (a degraded stain); plus parent-child and full-sibling
 *   kinship search; for each, how many queries the posting lists answered (the rest scanned);
 * - exactness checks on the way: every full query finds its planted profile at rank 1 at HIGH;
 *   every partial query finds it among the MODERATE hits (rank 1 is not guaranteed: an
 *   unrelated profile matching the same loci can have a smaller RMP, e.g. a homozygote where
 *   the stain lost an allele), and how often it is rank 1 is reported.
 * Latency is wall-clock (performance.now) and CPU time of the process (process.cpuUsage) per
 * query: the machine is shared, and under load the wall-clock time includes waiting for a core.
 *
 *   npx tsx bench/dna-search.bench.ts --sizes 100000,1000000[,10000000] [--queries 200]
 *     [--kinship-queries 20] [--warmup 10] [--no-csv] [--max-rss-gb 8] [--max-build-s 900] [--seed 1]
 *
 * It stops by itself: a size whose build passes --max-build-s or --max-rss-gb is cut short and
 * reported with the number of profiles actually indexed.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { rng, SyntheticProfiles } from '../fixtures/dna/synthetic-profiles.js';
import { DnaIndex } from '../engine/dna/dna-index.js';
import { genotypeDesignations, type DnaProfile } from '../engine/dna/dna-profile.js';
import { STRINGENCIES, type Stringency } from '../engine/dna/locus-comparison.js';
import { CsvProfileReader } from '../engine/dna/profile-import.js';
import { arg, childOf, loadAverage, nist1036Bench, partialOf, percentile } from './dna-probes.js';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

const sizes = arg('sizes', '100000,1000000').split(',').map((s) => Number(s.replace(/_/g, '')));
const nQueries = Number(arg('queries', '200'));
const maxRssBytes = Number(arg('max-rss-gb', '8')) * 2 ** 30;
const maxBuildMs = Number(arg('max-build-s', '900')) * 1000;
const seed = Number(arg('seed', '1'));
const nKinship = Number(arg('kinship-queries', '20'));
const nWarmup = Number(arg('warmup', '10'));
const withCsv = !process.argv.includes('--no-csv');

const { registry, tables, real, popTables } = nist1036Bench();
const load = loadAverage;



/** NIST-layout CSV text of synthetic profiles, for the parse+add rate. */
function csvOf(profiles: DnaProfile[], loci: string[]): string {
  const header = ['sample', 'population', ...loci.flatMap((l) => [`${l}_1`, `${l}_2`])].join(',');
  const rows = profiles.map((p, i) => {
    const cells = [`CSV${i}`, 'X'];
    for (const l of loci) {
      const g = p.loci.get(l);
      const d = g === undefined ? [] : genotypeDesignations(g);
      cells.push(d[0] ?? '', d[1] ?? d[0] ?? '');
    }
    return cells.join(',');
  });
  return [header, ...rows].join('\n');
}

interface Row {
  size: number;
  indexed: number;
  buildRate: number;
  csvRate: number;
  rssPerProfile: number;
  heapPerProfile: number;
  rssGiB: number;
  lat: Record<string, { p50: number; p99: number; cpu50: number; hits: number; postings: string }>;
  warm: { coldFirstMs: number; warmMs: number; firstAfterWarmMs: number };
  checks: string;
  load: string;
}
const results: Row[] = [];

/** One database size, measured in this process (a fresh process per size keeps memory honest). */
function runSize(size: number): Row {
  gc();
  const rss0 = process.memoryUsage().rss;
  const m0 = process.memoryUsage();
  const heap0 = m0.heapUsed + m0.arrayBuffers;
  const synth = new SyntheticProfiles(registry, popTables, seed + size);
  const index = new DnaIndex({ registry, tables, initialCapacity: size });
  const nSynthetic = Math.max(0, size - real.length);
  const t0 = performance.now();
  let added = 0;
  let cut = '';
  for (; added < nSynthetic; added++) {
    index.add(`S${added}`, synth.next('offender'), { kind: 'offender', ownerAgency: 'BENCH' });
    if ((added & 0xffff) === 0xffff) {
      if (process.memoryUsage().rss > maxRssBytes) { cut = `stopped at RSS limit`; break; }
      if (performance.now() - t0 > maxBuildMs) { cut = `stopped at build time limit`; break; }
    }
  }
  const buildMs = performance.now() - t0;
  for (const r of real) index.add(r.sampleId, r.profile, { kind: 'offender', ownerAgency: 'BENCH' });
  gc();
  const m1 = process.memoryUsage();
  const indexed = index.size;
  const rssPerProfile = (m1.rss - rss0) / indexed;
  const heapPerProfile = (m1.heapUsed + m1.arrayBuffers - heap0) / indexed;
  console.log(`size ${size}: indexed ${indexed} in ${(buildMs / 1000).toFixed(1)} s (${Math.round(added / (buildMs / 1000))} profiles/s)${cut ? `, ${cut}` : ''}; RSS ${(m1.rss / 2 ** 30).toFixed(2)} GiB; ${rssPerProfile.toFixed(0)} B/profile RSS, ${heapPerProfile.toFixed(0)} B/profile heap+buffers; load ${load()}`);

  // CSV parse + add rate on at most 100k rows (the per-row cost does not depend on the size).
  const csvN = withCsv ? Math.min(100_000, size) : 0;
  const csvProfiles = Array.from({ length: csvN }, () => synth.next('offender'));
  const allLoci = registry.all().filter((l) => !l.sexMarker && popTables[0].hasLocus(l.name)).map((l) => l.name);
  const text = csvOf(csvProfiles, allLoci);
  const csvIndex = new DnaIndex({ registry, tables, initialCapacity: csvN });
  const t1 = performance.now();
  const reader = new CsvProfileReader(registry, { defaultKind: 'offender' });
  let csvOk = 0;
  const bytes = Buffer.from(text);
  for (let i = 0; i <= bytes.length; i += 1 << 16) {
    for (const row of i < bytes.length ? reader.push(bytes.subarray(i, i + (1 << 16))) : reader.end()) {
      if (row.ok) { csvIndex.add(row.record.sampleId, row.record.profile, { kind: 'offender' }); csvOk++; }
    }
  }
  const csvRate = csvOk / ((performance.now() - t1) / 1000);
  if (withCsv) console.log(`  CSV parse+add: ${csvOk} rows at ${Math.round(csvRate)} rows/s`);

  const random = rng(seed * 7 + 3);
  const qIdx = Array.from({ length: Math.min(nQueries, real.length) }, (_, i) => Math.floor((i * real.length) / Math.min(nQueries, real.length)));
  const fullQ = qIdx.map((i) => real[i]);
  const partialQ = qIdx.map((i) => ({ id: real[i].sampleId, profile: partialOf(real[i].profile, random, registry) }));
  const lat: Row['lat'] = {};
  const failures: string[] = [];
  let partialRank1 = 0;
  // Warm start: the first query after the build, before and after warm().
  const searchOptions = { stringency: 'high' as const, minComparedLoci: 8, maxCandidates: 20, viewerAgency: 'BENCH' };
  let tw = performance.now();
  index.search(partialQ[0].profile, searchOptions);
  const coldFirstMs = performance.now() - tw;
  tw = performance.now();
  index.warm();
  const warmMs = performance.now() - tw;
  tw = performance.now();
  index.search(partialQ[1 % partialQ.length].profile, searchOptions);
  const firstAfterWarmMs = performance.now() - tw;
  console.log(`  warm start: first query on a fresh index ${coldFirstMs.toFixed(1)} ms; warm() ${warmMs.toFixed(1)} ms; first query after warm() ${firstAfterWarmMs.toFixed(2)} ms`);
  for (const set of ['full', 'partial'] as const) {
    for (const s of STRINGENCIES as readonly Stringency[]) {
      const times: number[] = [];
      const cpu: number[] = [];
      let hits = 0;
      let rank1 = 0;
      let postings = 0;
      let hashed = 0;
      const qs = set === 'full' ? fullQ.map((r) => ({ id: r.sampleId, profile: r.profile })) : partialQ;
      // Warm-up (not counted): the JIT compiles the search paths before the timed queries.
      for (let w = 0; w < nWarmup; w++) index.search(qs[(w * 7) % qs.length].profile, { stringency: s, minComparedLoci: 8, maxCandidates: 20, viewerAgency: 'BENCH' });
      for (const q of qs) {
        const c0 = process.cpuUsage();
        const t = performance.now();
        const res = index.search(q.profile, { stringency: s, minComparedLoci: 8, maxCandidates: 20, viewerAgency: 'BENCH' });
        times.push(performance.now() - t);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
        if (index.lastPlan === 'postings') postings++;
        if (index.lastPlan === 'hash') hashed++;
        hits += res.totalHits;
        if (res.candidates[0]?.recordId === q.id) rank1++;
        if (set === 'full' && s === 'high' && res.candidates[0]?.recordId !== q.id) failures.push(`${set}/${s}/${q.id}`);
        if (set === 'partial' && s === 'moderate' && !res.candidates.some((x) => x.recordId === q.id)) failures.push(`${set}/${s}/${q.id}`);
      }
      lat[`${set} ${s}`] = { p50: percentile(times, 50), p99: percentile(times, 99), cpu50: percentile(cpu, 50), hits: hits / qs.length, postings: `${postings}/${qs.length}${hashed > 0 ? `, hash ${hashed}` : ''}` };
      if (set === 'partial' && s === 'moderate') partialRank1 = rank1;
      console.log(`  ${set.padEnd(7)} ${s.padEnd(8)} p50 ${percentile(times, 50).toFixed(3)} ms  p99 ${percentile(times, 99).toFixed(3)} ms  CPU p50 ${percentile(cpu, 50).toFixed(3)} ms  mean hits ${(hits / qs.length).toFixed(1)}  planted at rank 1: ${rank1}/${qs.length}  from postings ${postings}/${qs.length}  from the genotype hash ${hashed}/${qs.length}  load ${load()}`);
    }
  }
  // Kinship: children built from real profiles (both parents planted), searched for parents and
  // for full siblings (none planted: the parents are found, as related, and unrelated hits timed).
  let kinFirst = 0;
  const kids: { kid: DnaProfile; pa: string; pb: string }[] = [];
  for (let k = 0; k < nKinship; k++) {
    const pa = real[Math.floor(random() * real.length)];
    const pb = real[Math.floor(random() * real.length)];
    kids.push({ kid: childOf(pa, pb, random, registry), pa: pa.sampleId, pb: pb.sampleId });
  }
  for (const relationship of ['parent-child', 'full-sibling'] as const) {
    const kinTimes: number[] = [];
    const kinCpu: number[] = [];
    let postings = 0;
    let hits = 0;
    for (let w = 0; w < Math.min(2, nWarmup); w++) index.kinshipSearch(kids[w % kids.length].kid, { relationship, maxCandidates: 10, viewerAgency: 'BENCH' });
    for (const { kid, pa, pb } of kids) {
      const c0 = process.cpuUsage();
      const t = performance.now();
      const res = index.kinshipSearch(kid, { relationship, maxCandidates: 10, viewerAgency: 'BENCH' });
      kinTimes.push(performance.now() - t);
      const c = process.cpuUsage(c0);
      kinCpu.push((c.user + c.system) / 1000);
      if (index.lastPlan === 'postings') postings++;
      hits += res.totalHits;
      if (relationship === 'parent-child' && res.candidates.slice(0, 2).some((c) => c.recordId === pa) && res.candidates.slice(0, 2).some((c) => c.recordId === pb)) kinFirst++;
    }
    lat[`kinship ${relationship}`] = { p50: percentile(kinTimes, 50), p99: percentile(kinTimes, 99), cpu50: percentile(kinCpu, 50), hits: hits / kids.length, postings: `${postings}/${kids.length}` };
    console.log(`  kinship ${relationship} p50 ${percentile(kinTimes, 50).toFixed(1)} ms p99 ${percentile(kinTimes, 99).toFixed(1)} ms CPU p50 ${percentile(kinCpu, 50).toFixed(1)} ms; mean hits ${(hits / kids.length).toFixed(1)}; pre-filtered ${postings}/${kids.length}${relationship === 'parent-child' ? `; both true parents in top 2: ${kinFirst}/${kids.length}` : ''}  load ${load()}`);
  }
  const nKin = kids.length;
  const checks = `planted found: ${qIdx.length * 2 - failures.length}/${qIdx.length * 2} (partial at rank 1: ${partialRank1}/${qIdx.length}); kinship parents top-2: ${kinFirst}/${nKin}`;
  if (failures.length > 0) console.log(`  NOT FOUND: ${failures.slice(0, 10).join(' ')}`);
  csvIndex.remove('CSV0');
  const rssEnd = process.memoryUsage().rss / 2 ** 30;
  console.log(`  RSS after the queries (posting lists built): ${rssEnd.toFixed(2)} GiB; index stats ${JSON.stringify(index.stats())}`);
  return { size, indexed, buildRate: added / (buildMs / 1000), csvRate, rssPerProfile, heapPerProfile, rssGiB: rssEnd, lat, checks, load: load(), warm: { coldFirstMs, warmMs, firstAfterWarmMs } };
}

const oneSize = arg('one-size', '');
if (oneSize !== '') {
  console.log(`RESULT ${JSON.stringify(runSize(Number(oneSize)))}`);
  process.exit(0);
}
for (const size of sizes) {
  // Each size in a child process: RSS never shrinks, so a shared process would hide the cost.
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1), '--one-size', String(size)], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    const text = d.toString();
    out += text;
    process.stdout.write(text.split('\n').filter((l) => !l.startsWith('RESULT ')).join('\n'));
  });
  const code = await new Promise<number | null>((res) => child.on('close', res));
  const line = out.split('\n').find((l) => l.startsWith('RESULT '));
  if (code !== 0 || line === undefined) {
    console.log(`\nsize ${size}: the run did not finish (exit ${code}); see the output above`);
    continue;
  }
  results.push(JSON.parse(line.slice('RESULT '.length)) as Row);
}

const keys = Object.keys(results[0]?.lat ?? {});
console.log('\nLatency, ms: wall p50 / wall p99 / CPU p50 [queries answered from posting lists] (min 8 compared loci, max 20 candidates)\n');
console.log('| query set | ' + results.map((r) => `${r.indexed.toLocaleString('en-US')} profiles`).join(' | ') + ' |');
console.log('|---|' + results.map(() => '---|').join(''));
for (const k of keys) console.log(`| ${k} | ` + results.map((r) => `${r.lat[k].p50.toFixed(3)} / ${r.lat[k].p99.toFixed(3)} / ${r.lat[k].cpu50.toFixed(3)} [${r.lat[k].postings}]`).join(' | ') + ' |');
console.log('| warm start: first query on a fresh index / warm() / first query after warm() | ' + results.map((r) => `${r.warm.coldFirstMs.toFixed(1)} / ${r.warm.warmMs.toFixed(1)} / ${r.warm.firstAfterWarmMs.toFixed(2)}`).join(' | ') + ' |');
console.log('\n| profiles | build (index.add) profiles/s | CSV parse+add rows/s | bytes/profile (RSS, after build) | bytes/profile (heap+buffers, after build) | RSS GiB (after the queries) | checks | load avg at end |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of results) {
  console.log(`| ${r.indexed.toLocaleString('en-US')} | ${Math.round(r.buildRate).toLocaleString('en-US')} | ${Math.round(r.csvRate).toLocaleString('en-US')} | ${r.rssPerProfile.toFixed(0)} | ${r.heapPerProfile.toFixed(0)} | ${r.rssGiB.toFixed(2)} | ${r.checks} | ${r.load} |`);
}
