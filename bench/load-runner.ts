/**
 * The closed-loop gRPC load generator behind `npm run bench:load` (bench/load.bench.ts): starts
 * (or is given) a server, enrols the gallery, then for each concurrency level keeps that many
 * calls in flight from client threads for the given seconds while a channel of its own polls the
 * standard health check, and reports throughput, latency percentiles, errors that survived the
 * client's retries, health-check latency, and how many answers were right.
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { connect, DEFAULT_RETRY_POLICY, type BiomatchClients, type HealthCheckResponse, type RetryPolicy } from '../engine/service/client.js';
import { resolveWorkerFile } from '../engine/workers/worker-pool.js';
import { enrolDna, enrolFingerprints, extractRequests, mixedSequence, MIXED_WEIGHTS, type DnaGallery, type FingerprintGallery, type Progress } from './load-gallery.js';
import { spawnLoadServer, type SpawnedServer } from './load-server.js';
import { BENCH_PURPOSE } from './load-messages.js';
import { SCENARIOS, type FromWorker, type LoadReport, type LoadRequest, type LoadRun, type RequestKind, type RunResult, type Scenario, type ToWorker, type WorkerInit } from './load-messages.js';

export interface LoadOptions {
  scenario: Scenario;
  concurrency: number[];
  seconds: number;
  /** Records of each kind the scenario searches (fingerprints, DNA profiles, or both for mixed). */
  gallery: number;
  /** HOST:PORT of a running server; absent: spawn one with a fresh data directory. */
  server?: string;
  poolSize?: number;
  ef?: number;
  shortlist?: number;
  /** Client threads at most (each level uses min(concurrency, this)). */
  clientThreads: number;
  /** Seconds at the first level before measuring, not reported (JIT, connections, caches). */
  warmupSeconds: number;
  seed: number;
  agency: string;
  deadlineMs: number;
  retry: RetryPolicy | false;
  /** Progress lines (counts and timings only). */
  log: (line: string) => void;
}

export const DEFAULTS = {
  gallery: 10_000,
  clientThreads: Math.max(1, Math.min(8, availableParallelism())),
  warmupSeconds: 2,
  seed: 1,
  agency: 'LOAD-BENCH',
  deadlineMs: 60_000,
} as const;

/** How often the health poller asks (from the brief: about every 20 ms). */
const HEALTH_INTERVAL_MS = 20;
/** Length of the mixed scenario's fixed request order. */
const MIXED_SEQUENCE = 2000;

function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round = (v: number, digits = 2): number => Number(v.toFixed(digits));

/** Polls grpc.health.v1 Check about every HEALTH_INTERVAL_MS until stopped (also used by bench:identify). */
export function pollHealth(clients: BiomatchClients): { stop: () => Promise<{ latencies: number[]; failures: number; notServing: number }> } {
  const latencies: number[] = [];
  let failures = 0;
  let notServing = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      const res = await new Promise<HealthCheckResponse | undefined>((resolve) =>
        clients.health.check({ service: '' }, clients.metadata(), { deadline: Date.now() + 5000 }, (e, r) => resolve(e ? undefined : r)));
      const ms = performance.now() - t0;
      // A check that failed (its 5 s deadline passed) counts with the time it took, so a server
      // too busy to answer raises the percentile instead of dropping out of it.
      latencies.push(ms);
      if (res === undefined) failures++;
      else if (res.status !== 'SERVING') notServing++;
      await new Promise((r) => setTimeout(r, Math.max(0, HEALTH_INTERVAL_MS - ms)));
    }
  })();
  return { stop: async () => { running = false; await loop; return { latencies, failures, notServing }; } };
}

/** A client thread: started once, runs every level it is given a share of. */
class ClientThread {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private pending: { resolve: (r: RunResult) => void; reject: (e: Error) => void } | undefined;

  constructor(init: Omit<WorkerInit, 'entry'>) {
    const { filename, entry } = resolveWorkerFile(new URL(import.meta.url.endsWith('.ts') ? './load-worker.ts' : './load-worker.js', import.meta.url));
    this.worker = new Worker(filename, { workerData: { ...init, entry } satisfies WorkerInit });
    this.ready = new Promise((resolve, reject) => {
      this.worker.on('message', (m: FromWorker) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'done') { this.pending?.resolve(m); this.pending = undefined; }
        else { this.pending?.reject(new Error(`client thread failed: ${m.message}`)); this.pending = undefined; }
      });
      this.worker.on('error', (e) => { reject(e); this.pending?.reject(e); this.pending = undefined; });
    });
  }

  async run(inFlight: number, seconds: number, offset: number): Promise<RunResult> {
    await this.ready;
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage({ type: 'run', inFlight, seconds, offset } satisfies ToWorker);
    });
  }

  async close(): Promise<void> {
    this.worker.postMessage({ type: 'close' } satisfies ToWorker);
    await new Promise((r) => setTimeout(r, 50));
    await this.worker.terminate();
  }
}

/** One level: `concurrency` loops spread over the threads, health polled meanwhile. */
interface LevelNotes {
  concurrency: number;
  seconds: number;
  healthChecks: number;
  healthFailures: number;
  healthNotServing: number;
  /** 1-minute load average before and after: the machine may be shared (ours adds about 2). */
  loadAverage: [number, number];
}

async function runLevel(threads: ClientThread[], concurrency: number, seconds: number, requests: number, health: BiomatchClients): Promise<{ run: LoadRun; notes: LevelNotes }> {
  const loadBefore = loadavg()[0];
  const used = threads.slice(0, Math.min(concurrency, threads.length));
  const poller = pollHealth(health);
  const results = await Promise.all(used.map((t, j) => {
    const inFlight = Math.floor(concurrency / used.length) + (j < concurrency % used.length ? 1 : 0);
    return t.run(inFlight, seconds, Math.floor((j * requests) / used.length));
  }));
  const h = await poller.stop();
  const latencies = new Float64Array(results.reduce((s, r) => s + r.latenciesMs.length, 0));
  let at = 0;
  for (const r of results) { latencies.set(r.latenciesMs, at); at += r.latenciesMs.length; }
  latencies.sort();
  const errors: Record<string, number> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
  const errorCount = Object.values(errors).reduce((s, v) => s + v, 0);
  const judged = results.reduce((s, r) => s + r.judged, 0);
  const right = results.reduce((s, r) => s + r.right, 0);
  const elapsedS = (Math.max(...results.map((r) => r.lastAnsweredAt)) - Math.min(...results.map((r) => r.firstSentAt))) / 1000;
  const healthSorted = [...h.latencies].sort((a, b) => a - b);
  const run: LoadRun = {
    concurrency,
    requests: latencies.length + errorCount,
    rps: round(latencies.length / elapsedS),
    p50Ms: round(percentile(latencies, 50)),
    p90Ms: round(percentile(latencies, 90)),
    p99Ms: round(percentile(latencies, 99)),
    errors,
    healthP99Ms: round(percentile(healthSorted, 99)),
    correct: judged > 0 ? round(right / judged, 4) : null,
  };
  const notes: LevelNotes = {
    concurrency, seconds: round(elapsedS, 1), healthChecks: h.latencies.length, healthFailures: h.failures, healthNotServing: h.notServing,
    loadAverage: [round(loadBefore), round(loadavg()[0])],
  };
  return { run, notes };
}

function gitCommit(): { commit: string; uncommittedEngineChanges: boolean | 'unknown' } {
  const root = fileURLToPath(new URL('..', import.meta.url));
  try {
    const commit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'engine', 'proto'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() !== '';
    return { commit, uncommittedEngineChanges: dirty };
  } catch {
    return { commit: process.env.BIOMATCH_LOAD_COMMIT ?? 'unknown', uncommittedEngineChanges: 'unknown' };
  }
}

function progressLine(log: (l: string) => void, what: string): Progress {
  return (done, total, rate) => log(`${what}: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} (${rate.toFixed(0)}/s)`);
}

export async function runLoadBench(o: LoadOptions): Promise<LoadReport> {
  if (!SCENARIOS.includes(o.scenario)) throw new Error(`unknown scenario ${o.scenario}`);
  let spawned: SpawnedServer | undefined;
  const threads: ClientThread[] = [];
  try {
    if (!o.server) {
      // The server's own flags for the index search (engine/service/config.ts): --ef → --ef-search.
      // --rate-limit 0: the bench measures the server's capacity, not the per-agency limiter.
      const extraArgs = ['--rate-limit', '0', ...(o.ef ? ['--ef-search', String(o.ef)] : []), ...(o.shortlist ? ['--shortlist', String(o.shortlist)] : [])];
      spawned = await spawnLoadServer({ ...(o.poolSize ? { poolSize: o.poolSize } : {}), extraArgs });
      o.log(`server spawned at ${spawned.address} (data in a fresh temporary directory)`);
    }
    const address = o.server ?? spawned!.address;
    const enrol = connect(address, o.agency, { retry: o.retry, ...BENCH_PURPOSE });
    await waitServing(enrol, 120_000);

    const needsFingerprints = o.scenario === 'identify' || o.scenario === 'verify' || o.scenario === 'mixed';
    const needsDna = o.scenario === 'dna-search' || o.scenario === 'mixed';
    const needsImages = o.scenario === 'extract' || o.scenario === 'mixed';
    let fp: FingerprintGallery | undefined;
    let dna: DnaGallery | undefined;
    try {
      if (needsFingerprints) fp = await enrolFingerprints(enrol, o.gallery, o.seed, progressLine(o.log, 'fingerprints enrolled'));
      if (needsDna) dna = await enrolDna(enrol, o.gallery, o.seed, progressLine(o.log, 'DNA profiles sent'));
    } finally {
      enrol.close();
    }
    if (fp) o.log(`fingerprint gallery: ${fp.size} records (${fp.mates} FVC2002 mates) in ${fp.enrolSeconds.toFixed(1)} s`);
    if (dna) o.log(`DNA gallery: ${dna.size} profiles in ${dna.enrolSeconds.toFixed(1)} s`);
    const pools: Record<RequestKind, LoadRequest[]> = {
      identify: fp?.identify ?? [],
      verify: fp?.verify ?? [],
      'dna-search': dna?.search ?? [],
      extract: needsImages ? extractRequests() : [],
    };
    const requests: LoadRequest[] = o.scenario === 'mixed' ? mixedSequence(pools, MIXED_SEQUENCE, o.seed) : pools[o.scenario];
    if (requests.length === 0) throw new Error(`no ${o.scenario} requests could be made (is the shared data there?)`);

    const maxThreads = Math.max(1, Math.min(o.clientThreads, Math.max(...o.concurrency)));
    for (let i = 0; i < maxThreads; i++) {
      threads.push(new ClientThread({ address, agency: o.agency, requests, deadlineMs: o.deadlineMs, retry: o.retry }));
    }
    const health = connect(address, o.agency, { retry: false, channelOptions: { 'grpc.use_local_subchannel_pool': 1 } });
    const runs: LoadRun[] = [];
    const levels: LevelNotes[] = [];
    try {
      if (o.warmupSeconds > 0) {
        o.log(`warm-up: ${o.warmupSeconds} s at concurrency ${o.concurrency[0]}`);
        await runLevel(threads, o.concurrency[0], o.warmupSeconds, requests.length, health);
      }
      for (const c of o.concurrency) {
        const { run, notes } = await runLevel(threads, c, o.seconds, requests.length, health);
        runs.push(run);
        levels.push(notes);
        o.log(`concurrency ${c}: ${run.requests} calls, ${run.rps} OK/s, p50 ${run.p50Ms} ms, p90 ${run.p90Ms} ms, p99 ${run.p99Ms} ms, health p99 ${run.healthP99Ms} ms, errors ${JSON.stringify(run.errors)}, correct ${run.correct}`);
        if (spawned && !(await isServing(health))) throw new Error(`the server stopped answering after concurrency ${c}:\n${spawned.tail()}`);
      }
    } finally {
      health.close();
    }

    const searchSetting = (requested: number | undefined, flag: string) => (
      requested === undefined ? { requested: null, applied: false, note: 'not given: the server used its own setting (default in docs/parameters.md)' }
        : spawned ? { requested, applied: true, note: `passed to the spawned server as ${flag}` }
          : { requested, applied: false, note: `not applied: a running server's ${flag} is set where it was started` });
    const cpu = cpus()[0]?.model ?? 'unknown';
    const settings: Record<string, unknown> = {
      seconds: o.seconds,
      warmupSeconds: o.warmupSeconds,
      concurrency: o.concurrency,
      server: spawned ? 'spawned' : o.server,
      ...(spawned ? { serverCommand: `node --import tsx engine/service/main.ts ${spawned.args.map((a) => (a === spawned!.dataDir ? '<fresh tmp dir>' : a)).join(' ')}` } : {}),
      poolSize: o.poolSize ?? (spawned ? `server default (CPU count, ${availableParallelism()})` : 'the server\'s own'),
      ef: searchSetting(o.ef, '--ef-search'),
      shortlist: searchSetting(o.shortlist, '--shortlist'),
      clientThreads: maxThreads,
      clientChannels: 'one per client thread and service (grpc.use_local_subchannel_pool: 1); health polled on its own channel every ~20 ms',
      retry: o.retry,
      deadlineMs: o.deadlineMs,
      agency: o.agency,
      seed: o.seed,
      requestOrder: o.scenario === 'mixed' ? { length: requests.length, weights: MIXED_WEIGHTS } : { length: requests.length },
      galleryDetail: {
        ...(fp ? { fingerprints: { records: fp.size, fvc2002Mates: fp.mates, background: fp.size - fp.mates, identifyProbes: fp.identify.length, verifyPairs: fp.verify.length, enrolSeconds: round(fp.enrolSeconds, 1) } } : {}),
        ...(dna ? { dna: { profiles: dna.size, plantedSearched: dna.search.length, importSeconds: round(dna.enrolSeconds, 1) } } : {}),
        ...(needsImages ? { extractImages: pools.extract.length } : {}),
      },
      levels,
      definitions: 'requests: calls completed in the run (OK or failed after retries); rps: OK answers / (last answer − first call sent); p50/p90/p99: latency of OK answers, nearest rank; healthP99Ms: health checks, failed ones (5 s deadline) counted with their time; correct: right answers / judged OK answers (identify: rank-1 subject is the probe\'s mate; verify: match == genuine at the server\'s FMR 0.01% threshold; dna-search: planted profile among candidates; extract: minutiae came back)',
      machine: { cores: availableParallelism(), cpu, memoryGb: round(totalmem() / 2 ** 30, 1) },
      node: process.version,
      ...gitCommit(),
      date: new Date().toISOString(),
    };
    return { scenario: o.scenario, gallery: o.scenario === 'extract' ? 0 : o.gallery, settings, runs };
  } finally {
    await Promise.all(threads.map((t) => t.close()));
    await spawned?.stop();
  }
}

async function isServing(c: BiomatchClients): Promise<boolean> {
  return new Promise((resolve) => c.health.check({ service: '' }, c.metadata(), { deadline: Date.now() + 10_000 }, (e, r) => resolve(!e && r?.status === 'SERVING')));
}

async function waitServing(c: BiomatchClients, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await isServing(c)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the server never said SERVING');
}
