/**
 * Batch jobs: throughput, memory, fairness, and a background load for bench:load.
 *
 *   npm run bench:batch -- --scenario throughput [--fp-enroll 10000] [--fp-identify 1000]
 *   npm run bench:batch -- --scenario dna [--profiles 100000]
 *   npm run bench:batch -- --scenario rss [--sizes 1000,100000]
 *   npm run bench:batch -- --scenario fairness [--big 100000] [--small 10]
 *   npm run bench:batch -- --scenario background --server HOST:PORT [--items 100000]
 *   common: [--pool-size N] [--batch-concurrency N] [--seed N] [--json OUT.json]
 *
 * Each scenario except `background` starts its own server (engine/service/main.ts as a child
 * process, a fresh data directory) and samples the server's RSS from /proc every 100 ms.
 * - throughput: N fp-enroll items (synthetic background templates, so extraction is not what is
 *   timed), then M fp-identify items against them; items/s of each job and peak RSS.
 * - dna: N synthetic profiles imported (DnaService/Import), then N other profiles searched as one
 *   dna-search job at moderate stringency; items/s and peak RSS.
 * - rss: one dna-search job per size on a 1,000-profile gallery; peak RSS above the idle server's,
 *   to show that a job's size does not grow the server's memory (items are streamed from the store).
 * - fairness: a small job (agency SMALL) timed alone, then again while a big job (agency BIG) runs.
 * - background: keeps a big dna-search + fp-identify job running on a server you started, so that
 *   `bench:load` can measure Identify's p99 during a batch. The figures of issue 12 (Identify p99 within
 *   2× of idle) come from running, against one server (pool 4, say):
 *       npm run bench:load -- --server 127.0.0.1:50051 --scenario identify --concurrency 4 --seconds 60 --gallery 10000 --json idle.json
 *       npm run bench:batch -- --scenario background --server 127.0.0.1:50051 &
 *       npm run bench:load -- --server 127.0.0.1:50051 --scenario identify --concurrency 4 --seconds 60 --gallery 10000 --json busy.json
 *   and comparing p99 in idle.json and busy.json.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { call, connect, type BiomatchClients } from '../engine/service/client.js';
import { submitBatch } from '../engine/service/batch-client.js';
import { spawnServer, waitServing, type ServerProcess } from '../engine/service/test-harness.js';
import { templateToProto } from '../engine/service/convert/fingerprint.js';
import type { BatchItem } from '../engine/service/generated/biomatch/v1/BatchItem.js';
import type { BatchJob__Output } from '../engine/service/generated/biomatch/v1/BatchJob.js';
import { galleryTemplate } from '../fixtures/gallery/background-gallery.js';
import { SyntheticProfiles } from '../fixtures/dna/synthetic-profiles.js';
import { LocusRegistry } from '../engine/dna/locus-registry.js';
import { loadFrequencyFiles } from '../engine/dna/frequency-files.js';
import { profileToLociRecord } from '../engine/dna/dna-profile.js';
import { enrolDna } from './load-gallery.js';
import { BENCH_PURPOSE } from './load-messages.js';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string' }, 'fp-enroll': { type: 'string' }, 'fp-identify': { type: 'string' }, profiles: { type: 'string' },
    sizes: { type: 'string' }, big: { type: 'string' }, small: { type: 'string' }, items: { type: 'string' }, server: { type: 'string' },
    'pool-size': { type: 'string' }, 'batch-concurrency': { type: 'string' }, seed: { type: 'string' }, json: { type: 'string' },
  },
});
const num = (v: string | undefined, d: number) => (v === undefined ? d : Number(v.replace(/_/g, '')));
const seed = num(values.seed, 7);
const poolSize = num(values['pool-size'], 2);

function serverRss(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch { return 0; }
}

/** Peak RSS of `pid` while `work` runs. */
async function peakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = serverRss(pid);
  const timer = setInterval(() => { peak = Math.max(peak, serverRss(pid)); }, 100);
  try {
    const result = await work();
    return { result, peak: Math.max(peak, serverRss(pid)) };
  } finally { clearInterval(timer); }
}

async function waitJob(c: BiomatchClients, jobId: string): Promise<BatchJob__Output> {
  for (;;) {
    const j = await call<object, BatchJob__Output>(c.batch.getStatus, c.batch, { jobId }, c.metadata());
    if (j.state === 'BATCH_STATE_DONE' || j.state === 'BATCH_STATE_CANCELLED' || j.state === 'BATCH_STATE_FAILED') return j;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Submits, runs to the end; items/s from Submit's start (storing included) and from the ack. */
async function timedJob(c: BiomatchClients, items: Iterable<BatchItem>): Promise<{ total: number; failed: number; submitSeconds: number; runSeconds: number; itemsPerSecond: number }> {
  const t0 = performance.now();
  const ack = await submitBatch(c, items, { timeoutMs: 86_400_000 });
  const t1 = performance.now();
  const end = await waitJob(c, ack.jobId);
  const t2 = performance.now();
  return { total: end.total, failed: end.failed, submitSeconds: (t1 - t0) / 1000, runSeconds: (t2 - t1) / 1000, itemsPerSecond: end.total / ((t2 - t1) / 1000) };
}

function* fpItems(kind: 'enroll' | 'identify', n: number): Generator<BatchItem> {
  for (let i = 0; i < n; i++) {
    const template = templateToProto(galleryTemplate(seed, i));
    yield kind === 'enroll'
      ? { itemId: `fp-${i}`, fpEnroll: { sample: { template: { template } }, subjectId: `bg-${i}`, externalId: `batch-bench-${i}` } }
      : { itemId: `probe-${i}`, fpIdentify: { probe: { template: { template } }, maxCandidates: 5 } };
  }
}

function* dnaSearchItems(n: number, s: number): Generator<BatchItem> {
  const registry = LocusRegistry.create();
  const tables = loadFrequencyFiles([{ source: 'nist1036', path: fileURLToPath(new URL('../engine/dna/frequency-tables/nist1036_us_29loci_freqs.csv', import.meta.url)) }], registry);
  const synth = new SyntheticProfiles(registry, ['AfAm', 'Asian', 'Cauc', 'Hisp'].map((p) => tables.resolve(`nist1036/${p}`)), s);
  for (let i = 0; i < n; i++) {
    const loci = profileToLociRecord(synth.next('forensic-unknown'));
    yield { itemId: `q-${i}`, dnaSearch: { profile: { loci: Object.fromEntries(Object.entries(loci).map(([l, a]) => [l, { alleles: a }])) }, stringency: 'STRINGENCY_MODERATE' } };
  }
}

async function withServer<T>(work: (s: ServerProcess, address: string) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bm-batch-bench-'));
  // --rate-limit 0: the bench measures the server's capacity, not the per-agency limiter.
  const args = ['--port', '0', '--data-dir', dataDir, '--pool-size', String(poolSize), '--rate-limit', '0'];
  if (values['batch-concurrency']) args.push('--batch-concurrency', values['batch-concurrency']);
  const s = await spawnServer(args);
  const address = `127.0.0.1:${s.port}`;
  try {
    await waitServing(address);
    return await work(s, address);
  } finally {
    s.child.kill('SIGTERM');
    await s.exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const MB = (b: number) => Math.round(b / 1048576);

async function main(): Promise<Record<string, unknown>> {
  switch (values.scenario) {
    case 'throughput': return withServer(async (s, address) => {
      const c = connect(address, 'LAB1', BENCH_PURPOSE);
      const idle = serverRss(s.child.pid!);
      const enrol = await peakRss(s.child.pid!, () => timedJob(c, fpItems('enroll', num(values['fp-enroll'], 10_000))));
      const ident = await peakRss(s.child.pid!, () => timedJob(c, fpItems('identify', num(values['fp-identify'], 1000))));
      c.close();
      return { idleRssMb: MB(idle), fpEnroll: { ...enrol.result, peakRssMb: MB(enrol.peak) }, fpIdentify: { ...ident.result, peakRssMb: MB(ident.peak) } };
    });
    case 'dna': return withServer(async (s, address) => {
      const c = connect(address, 'LAB1', BENCH_PURPOSE);
      const n = num(values.profiles, 100_000);
      const t0 = performance.now();
      await enrolDna(c, n, seed);
      const importSeconds = (performance.now() - t0) / 1000;
      const search = await peakRss(s.child.pid!, () => timedJob(c, dnaSearchItems(n, seed + 1)));
      c.close();
      return { profiles: n, importSeconds, importPerSecond: n / importSeconds, search: { ...search.result, peakRssMb: MB(search.peak) } };
    });
    case 'rss': return withServer(async (s, address) => {
      const c = connect(address, 'LAB1', BENCH_PURPOSE);
      await enrolDna(c, 1000, seed);
      const idle = serverRss(s.child.pid!);
      const runs: Record<string, unknown>[] = [];
      for (const size of (values.sizes ?? '1000,100000').split(',').map(Number)) {
        const r = await peakRss(s.child.pid!, () => timedJob(c, dnaSearchItems(size, seed + size)));
        runs.push({ items: size, peakRssMb: MB(r.peak), aboveIdleMb: MB(r.peak - idle), itemsPerSecond: r.result.itemsPerSecond });
      }
      c.close();
      return { idleRssMb: MB(idle), runs };
    });
    case 'fairness': return withServer(async (_s, address) => {
      const bigC = connect(address, 'BIG', BENCH_PURPOSE);
      const smallC = connect(address, 'SMALL', BENCH_PURPOSE);
      await enrolDna(bigC, 1000, seed);
      const small = num(values.small, 10);
      const alone = await timedJob(smallC, dnaSearchItems(small, seed + 2));
      const big = await submitBatch(bigC, dnaSearchItems(num(values.big, 100_000), seed + 3), { timeoutMs: 86_400_000 });
      await new Promise((r) => setTimeout(r, 2000));
      const withBig = await timedJob(smallC, dnaSearchItems(small, seed + 4));
      const bigStatus = await call<object, BatchJob__Output>(bigC.batch.getStatus, bigC.batch, { jobId: big.jobId }, bigC.metadata());
      await call(bigC.batch.cancel, bigC.batch, { jobId: big.jobId }, bigC.metadata());
      bigC.close(); smallC.close();
      return { smallItems: small, aloneSeconds: alone.runSeconds, withBigSeconds: withBig.runSeconds, bigItems: bigStatus.total, bigDoneMeanwhile: bigStatus.done };
    });
    case 'background': {
      if (!values.server) throw new Error('--server HOST:PORT is required');
      const c = connect(values.server, 'BATCH-BENCH', BENCH_PURPOSE);
      const n = num(values.items, 100_000);
      for (let round = 0; ; round++) {
        const r = await timedJob(c, (function* () { yield* dnaSearchItems(n / 2, seed + round); yield* fpItems('identify', n / 2); })());
        process.stdout.write(`${JSON.stringify({ round, ...r })}\n`);
      }
    }
    default:
      throw new Error('--scenario must be throughput, dna, rss, fairness or background');
  }
}

const result = await main();
const out = { scenario: values.scenario, poolSize, batchConcurrency: values['batch-concurrency'] ?? 'default', date: new Date().toISOString(), ...result };
process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
if (values.json) writeFileSync(values.json, JSON.stringify(out, null, 2));
