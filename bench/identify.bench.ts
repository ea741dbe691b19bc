/**
 * 1:N identification at scale, measured inside the service: the service is started in this
 * process (`startService`, a fresh data directory), the gallery is enrolled through its own Enroll
 * operation, and Identify is measured through its own Identify operation — the engine's
 * FingerprintGallery (prepared forms in shared memory, scans on the worker pool, HNSW on its own
 * thread) exactly as the gRPC handlers reach it. Deadlines and health are then measured through
 * gRPC against the same in-process server.
 *
 *   npm run bench:identify -- --gallery 100000[,1000000] [--shortlist N] [--ef N] [--probes 280]
 *       [--exhaustive-probes 280] [--pool-size 2] [--seed 20021] [--burst 16] [--deadline-ms 1000]
 *       [--max-minutes M] [--data-dir DIR] [--json out.json] [--in-service]
 *
 * The gallery: N generated background templates (fixtures/gallery/background-gallery.ts, seed
 * 20021) with the 40 FVC2002 SecuGen fingers (impression 1) planted evenly among them; impressions
 * 2–8 are the 280 probes. Per gallery size it reports
 * - enrolment: records per second through the Enroll operation (store write, prepared form, finger
 *   vector; the index thread inserting meanwhile) and the wait until the index thread caught up,
 * - memory: process RSS after enrolment and after a forced GC (run node with --expose-gc; the
 *   npm script does), prepared-form bytes per template and shared memory reserved
 *   (`gallery.footprint()`), the store's size on disk,
 * - Identify through the index (--probes, one call at a time): latency p50/p99 of the whole
 *   operation, mate rank 1 and mate in the 20-long candidate list,
 * - a deadline: one exhaustive Identify over gRPC with a --deadline-ms deadline, alone and then
 *   with a burst of --burst index Identify calls beside it, while grpc.health.v1 is asked every
 *   20 ms: time until DEADLINE_EXCEEDED came back, until the pool's threads were free again, and
 *   the health checks' latency,
 * - exhaustive Identify (the oracle: the same gallery and scans, every record compared, on the
 *   pool's threads) for --exhaustive-probes probes: time per probe, its mate rank-1 rate, and how
 *   many of the mates it ranks first the index also ranks first. Probes the index did not rank
 *   first are searched first: only they can be misses, so once they are done the recall is decided
 *   for every probe (judge.allIndexMissesScanned).
 * Rank 1 means the mate strictly above every other candidate (a tie at the top is a miss). The
 * JSON (--json) is rewritten as results arrive, with every probe's results.
 *
 * The service is the only mode (--in-service is accepted and changes nothing); --max-minutes ends
 * the exhaustive pass early (what was measured is reported).
 */
import { pollHealth as pollHealthChecks } from './load-runner.js';
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { startService, type RunningService } from '../engine/service/app.js';
import { call, connect, type BiomatchClients } from '../engine/service/client.js';
import { defaultConfig, type ServiceConfig } from '../engine/service/config.js';
import { templateToProto } from '../engine/service/convert/fingerprint.js';
import { createLogger } from '../engine/service/logger.js';
import type { CandidateList__Output } from '../engine/service/generated/biomatch/v1/CandidateList.js';
import type { IdentifyRequest as IdentifyRequestProto } from '../engine/service/generated/biomatch/v1/IdentifyRequest.js';
import type { Caller } from '../engine/service/operations/operation.js';
import type { IdentifyRequest } from '../engine/service/operations/fingerprint.js';
import type { FingerprintTemplate } from '../engine/fingerprint/template.js';
import { DEFAULT_EXHAUSTIVE_LIMIT } from '../engine/fingerprint/identification/fingerprint-gallery.js';
import { HNSW, IDENTIFY } from '../engine/fingerprint/identification/parameters.js';
import { galleryTemplate } from '../fixtures/gallery/background-gallery.js';
import { loadSecugenFvc2002, type RealTemplate } from '../fixtures/gallery/fvc-secugen-templates.js';
import { enrolmentOrder, judgeAgainstExhaustive, matePlace, percentile, sampleProbes, type MatePlace } from './identify-gallery.js';

interface Args {
  galleries: number[];
  /** 0: the service's default (IDENTIFY.shortlistLength). */
  shortlist: number;
  /** 0: the service's default (HNSW.efSearch). */
  ef: number;
  probes: number;
  exhaustiveProbes: number;
  poolSize: number;
  seed: number;
  burst: number;
  deadlineMs: number;
  maxMinutes: number;
  dataDir: string | undefined;
  json: string | undefined;
}

const USAGE = 'usage: npm run bench:identify -- --gallery 100000[,1000000] [--shortlist N] [--ef N] [--probes 280] [--exhaustive-probes 280] [--pool-size 2] [--seed 20021] [--burst 16] [--deadline-ms 1000] [--max-minutes M] [--data-dir DIR] [--json out.json] [--in-service]';

function parseArgs(argv: string[]): Args {
  const a: Args = {
    galleries: [100_000], shortlist: 0, ef: 0, probes: 280, exhaustiveProbes: 280, poolSize: 2, seed: 20021,
    burst: 16, deadlineMs: 1000, maxMinutes: Infinity, dataDir: undefined, json: undefined,
  };
  const count = (k: string, raw: string | undefined, min = 0): number => {
    const n = Number((raw ?? '').replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min) throw new Error(`${k} wants a whole number ≥ ${min}, got "${raw}"\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => argv[++i];
    if (k === '--gallery') a.galleries = v().split(',').map((s) => count(k, s, 1));
    else if (k === '--shortlist') a.shortlist = count(k, v(), 1);
    else if (k === '--ef') a.ef = count(k, v(), 1);
    else if (k === '--probes') a.probes = count(k, v(), 1);
    else if (k === '--exhaustive-probes') a.exhaustiveProbes = count(k, v());
    else if (k === '--pool-size') a.poolSize = count(k, v(), 1);
    else if (k === '--seed') a.seed = count(k, v());
    else if (k === '--burst') a.burst = count(k, v());
    else if (k === '--deadline-ms') a.deadlineMs = count(k, v(), 1);
    else if (k === '--max-minutes') a.maxMinutes = Number(v());
    else if (k === '--data-dir') a.dataDir = v();
    else if (k === '--json') a.json = v();
    else if (k === '--in-service') { /* the only mode */ }
    else throw new Error(`unknown argument ${k}\n${USAGE}`);
  }
  return a;
}

const args = parseArgs(process.argv.slice(2));
const endBy = Date.now() + args.maxMinutes * 60_000;
const MiB = 1 << 20;
const round = (v: number, digits = 1): number => Number(v.toFixed(digits));
const load = () => loadavg().map((x) => round(x, 2));
const log = (...x: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...x);
const gc = (globalThis as { gc?: () => void }).gc;
const caller: Caller = { agency: 'BENCH' };
/** Owned by BENCH and seen by no other agency (the access rule lets the owner see its own). */
const visibility = { agencies: [], allAgencies: false };
/** Operations called directly are never cancelled. */
const never = new AbortController().signal;
/** Enrolments in flight at once, so the store commits them in shared transactions. */
const ENROL_WINDOW = 256;

const commit = git('rev-parse HEAD');
/** Uncommitted changes where the measured code lives (other work in the same tree shows here). */
const dirty = git('status --porcelain -- engine bench fixtures').split('\n').filter(Boolean);

const real = await loadSecugenFvc2002();
if (real.length === 0) throw new Error('SecuGen FVC2002 templates not found (shared data)');
const mates = real.filter((r) => r.impression === 1);
const allProbes = real.filter((r) => r.impression !== 1);
log(`commit ${commit.slice(0, 12)}${dirty.length ? ` (+${dirty.length} uncommitted files under engine/bench/fixtures)` : ''}; ${mates.length} planted mates, ${allProbes.length} probes; gc ${gc ? 'exposed' : 'NOT exposed (run node with --expose-gc)'}; load ${load().join(' ')}`);

const report: Record<string, unknown> = {
  args: { ...args, maxMinutes: Number.isFinite(args.maxMinutes) ? args.maxMinutes : null },
  commit, uncommitted: dirty, startedAt: new Date().toISOString(), node: process.version, cpus: cpus().length,
  results: [] as unknown[],
};
const results = report.results as unknown[];
const save = (partial?: unknown) => {
  if (args.json) writeFileSync(args.json, JSON.stringify({ ...report, results: partial ? [...results, partial] : results }, null, 2));
};

for (const n of args.galleries) {
  results.push(await runGallery(n));
  save();
}
log('done');

async function runGallery(n: number): Promise<Record<string, unknown>> {
  const records = n + mates.length;
  log(`--- gallery: ${n} background + ${mates.length} mates`);
  const dataDir = args.dataDir ? join(args.dataDir, `gallery-${n}`) : mkdtempSync(join(tmpdir(), 'bm-identify-'));
  rmSync(dataDir, { recursive: true, force: true });
  const config: ServiceConfig = {
    ...defaultConfig(), host: '127.0.0.1', port: 0, dataDir, poolSize: args.poolSize, maxQueue: args.poolSize * 16,
    logLevel: 'warn', drainSeconds: 5, efSearch: args.ef, shortlist: args.shortlist,
    // The oracle compares every record, whatever the size.
    exhaustiveLimit: Math.max(DEFAULT_EXHAUSTIVE_LIMIT, records),
  };
  gc?.();
  const rssBefore = process.memoryUsage().rss;
  const service = await startService(config, { log: createLogger('warn') });
  await service.ready;
  const result: Record<string, unknown> = {
    gallery: n, records, dataDir, rssBeforeServiceMiB: round(rssBefore / MiB),
    settings: { poolSize: config.poolSize, efSearch: args.ef || HNSW.efSearch, shortlist: args.shortlist || IDENTIFY.shortlistLength, hnswM: HNSW.m, hnswEfConstruction: HNSW.efConstruction, maxCandidates: 20 },
  };
  try {
    const mateIds = await enrol(service, n, result);
    save(result);
    const probeIdx = sampleProbes(allProbes.length, args.probes);
    const index = await searchIndex(service, probeIdx, mateIds);
    result.index = index.summary;
    log('  index', JSON.stringify(index.summary));
    save({ ...result, perProbe: index.perProbe });
    result.deadline = await deadlineAndHealth(service, mateIds);
    log('  deadline', JSON.stringify(result.deadline));
    save({ ...result, perProbe: index.perProbe });
    // The probes the index did not rank first go first: they are the only ones that can be misses
    // (judgeAgainstExhaustive), so a pass cut short by --max-minutes still decides the recall.
    const missed = new Set(index.perProbe.filter((p) => !p.index.rank1).map((p) => p.probe));
    const exIdx = sampleProbes(probeIdx.length, args.exhaustiveProbes).map((j) => probeIdx[j])
      .sort((a, b) => Number(missed.has(allProbes[b].key)) - Number(missed.has(allProbes[a].key)));
    await searchExhaustive(service, exIdx, mateIds, index.perProbe, result);
    result.judge = judge(index.perProbe);
    log('  judge', JSON.stringify(result.judge));
    result.perProbe = index.perProbe;
    result.loadAtEnd = load();
    return result;
  } finally {
    await service.shutdown('bench done');
    if (!args.dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Enrols the gallery through the Enroll operation; returns the mates' record ids by finger. */
async function enrol(service: RunningService, n: number, result: Record<string, unknown>): Promise<Map<string, string>> {
  const ops = service.deps.operations.fingerprint;
  const mateIds = new Map<string, string>();
  let inFlight = 0;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const settled = () => {
    inFlight--;
    const w = wake;
    wake = undefined;
    w?.();
  };
  const enrolOne = (template: FingerprintTemplate, subjectId: string, mate?: RealTemplate) => {
    inFlight++;
    ops.enroll(caller, { sample: { source: 'template', template }, subjectId, ownerAgency: '', visibility, fingerPosition: 0 }, never)
      .then((r) => { if (mate) mateIds.set(mate.finger, r.id); }, (e: unknown) => { failure ??= e; })
      .finally(settled);
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let generateMs = 0;
  let done = 0;
  const every = Math.max(10_000, Math.round(n / 20 / 10_000) * 10_000);
  for (const step of enrolmentOrder(n, mates.length)) {
    while (inFlight >= ENROL_WINDOW) await new Promise<void>((r) => (wake = r));
    if (failure) throw failure;
    if (step.kind === 'mate') {
      const m = mates[step.index];
      enrolOne(m.template, `fvc-${m.finger}`, m);
    } else {
      const g0 = performance.now();
      const t = galleryTemplate(args.seed, step.index);
      generateMs += performance.now() - g0;
      enrolOne(t, `bg-${step.index}`);
    }
    if (++done % every === 0) {
      const s = (performance.now() - t0) / 1000;
      log(`  enrolled ${done} in ${s.toFixed(0)} s (${(done / s).toFixed(0)}/s), rss ${(process.memoryUsage().rss / MiB).toFixed(0)} MiB, load ${load().join(' ')}`);
    }
  }
  while (inFlight > 0) await new Promise<void>((r) => (wake = r));
  if (failure) throw failure;
  const enrolS = (performance.now() - t0) / 1000;
  // The index thread inserts as the adds arrive; a search is answered after every add before it,
  // so the first one measures how far the graph was behind.
  const c0 = performance.now();
  await ops.identify(caller, identifyRequest(allProbes[0].template, false), never);
  const catchUpS = (performance.now() - c0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const rss = process.memoryUsage().rss;
  gc?.();
  await new Promise((r) => setTimeout(r, 200));
  const mem = process.memoryUsage();
  const rssGc = mem.rss;
  const fp = service.deps.gallery.footprint();
  const records = service.deps.gallery.entries();
  result.enrolment = {
    records,
    seconds: round(enrolS),
    /** Until the first search was answered, i.e. the graph held every record. */
    secondsUntilIndexCaughtUp: round(enrolS + catchUpS),
    perSecond: round(records / enrolS),
    perSecondIncludingIndexCatchUp: round(records / (enrolS + catchUpS)),
    /** Generating the background templates (bench work, on the same thread as the service). */
    generateSeconds: round(generateMs / 1000),
    /** CPU of the whole process (every thread) during enrolment. */
    processCpuSeconds: round((cpu.user + cpu.system) / 1e6),
    window: ENROL_WINDOW,
    load: load(),
  };
  result.memory = {
    rssMiB: round(rss / MiB),
    rssAfterGcMiB: gc ? round(rssGc / MiB) : null,
    rssBytesPerTemplate: Math.round(rss / records),
    rssAfterGcBytesPerTemplate: gc ? Math.round(rssGc / records) : null,
    preparedFormBytesPerTemplate: Math.round(fp.formBytes / fp.live),
    sharedMemoryMiB: round(fp.sharedBytes / MiB),
    sharedBytesPerTemplate: Math.round(fp.sharedBytes / fp.live),
    storeMiB: round(service.deps.store.sizeBytes() / MiB),
    /** After the GC: the main thread's JS heap, and memory outside it (shared arena included). */
    mainHeapUsedMiB: round(mem.heapUsed / MiB),
    externalMiB: round(mem.external / MiB),
    arrayBuffersMiB: round(mem.arrayBuffers / MiB),
  };
  if (mateIds.size !== mates.length) throw new Error(`only ${mateIds.size} of ${mates.length} mates enrolled`);
  log('  enrolment', JSON.stringify(result.enrolment));
  log('  memory', JSON.stringify(result.memory));
  return mateIds;
}

function identifyRequest(template: FingerprintTemplate, exhaustive: boolean): IdentifyRequest {
  return { probe: { source: 'template', template }, maxCandidates: 0, minScore: 0, fingerPositions: [], exhaustive };
}

interface ProbeRecord {
  probe: string;
  mateId: string;
  index: MatePlace;
  indexMs: number;
  indexCpuMs: number;
  indexCompared: number;
  exhaustive?: MatePlace;
  exhaustiveMs?: number;
  exhaustiveCompared?: number;
}

/** Every sampled probe through the index, one Identify at a time. */
async function searchIndex(service: RunningService, probeIdx: number[], mateIds: Map<string, string>) {
  const ops = service.deps.operations.fingerprint;
  const perProbe: ProbeRecord[] = [];
  for (const i of probeIdx) {
    const p = allProbes[i];
    const mateId = mateIds.get(p.finger) as string;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const list = await ops.identify(caller, identifyRequest(p.template, false), never);
    const ms = performance.now() - t0;
    const c = process.cpuUsage(c0);
    perProbe.push({ probe: p.key, mateId, index: matePlace(list.candidates, mateId), indexMs: round(ms, 2), indexCpuMs: round((c.user + c.system) / 1000, 2), indexCompared: list.compared });
  }
  const ms = perProbe.map((p) => p.indexMs).sort((a, b) => a - b);
  const cpu = perProbe.map((p) => p.indexCpuMs).sort((a, b) => a - b);
  const share = (f: (p: ProbeRecord) => boolean) => round((100 * perProbe.filter(f).length) / perProbe.length, 1);
  return {
    perProbe,
    summary: {
      probes: perProbe.length,
      latencyP50Ms: percentile(ms, 0.5),
      latencyP99Ms: percentile(ms, 0.99),
      latencyMaxMs: ms[ms.length - 1],
      /** CPU of the whole process (all threads) per call: what a search costs, whatever the load. */
      cpuP50Ms: percentile(cpu, 0.5),
      cpuP99Ms: percentile(cpu, 0.99),
      comparedMedian: percentile(perProbe.map((p) => p.indexCompared).sort((a, b) => a - b), 0.5),
      rank1Percent: share((p) => p.index.rank1),
      mateInCandidateListPercent: share((p) => p.index.rank > 0),
      load: load(),
    },
  };
}

/**
 * The oracle: every sampled probe compared with every record (the same gallery, the same scans on
 * the pool's threads), one Identify at a time; the JSON is rewritten every ten probes, as this
 * pass takes the longest.
 */
async function searchExhaustive(service: RunningService, exIdx: number[], mateIds: Map<string, string>, perProbe: ProbeRecord[], result: Record<string, unknown>) {
  const ops = service.deps.operations.fingerprint;
  const byKey = new Map(perProbe.map((p) => [p.probe, p]));
  const t0 = performance.now();
  let done = 0;
  let stoppedEarly = false;
  for (const i of exIdx) {
    if (Date.now() > endBy) { stoppedEarly = true; break; }
    const p = allProbes[i];
    const rec = byKey.get(p.key) as ProbeRecord;
    const s0 = performance.now();
    const list = await ops.identify(caller, identifyRequest(p.template, true), never);
    rec.exhaustiveMs = round(performance.now() - s0, 1);
    rec.exhaustiveCompared = list.compared;
    rec.exhaustive = matePlace(list.candidates, mateIds.get(p.finger) as string);
    done++;
    if (done % 10 === 0 || done === exIdx.length) {
      const s = (performance.now() - t0) / 1000;
      log(`  exhaustive ${done}/${exIdx.length}: ${(s / done).toFixed(2)} s per probe, ~${((exIdx.length - done) * s / done / 60).toFixed(0)} min left, load ${load().join(' ')}`);
      result.exhaustive = exhaustiveSummary(perProbe, done, exIdx.length, s, stoppedEarly);
      save({ ...result, judge: judge(perProbe), perProbe });
    }
  }
  result.exhaustive = exhaustiveSummary(perProbe, done, exIdx.length, (performance.now() - t0) / 1000, stoppedEarly);
  log('  exhaustive', JSON.stringify(result.exhaustive));
}

function judge(perProbe: ProbeRecord[]) {
  return judgeAgainstExhaustive(perProbe.map((p) => ({ probe: p.probe, index: p.index, ...(p.exhaustive ? { exhaustive: p.exhaustive } : {}) })));
}

function exhaustiveSummary(perProbe: ProbeRecord[], done: number, planned: number, seconds: number, stoppedEarly: boolean) {
  const ran = perProbe.filter((p) => p.exhaustive);
  const ms = ran.map((p) => p.exhaustiveMs as number).sort((a, b) => a - b);
  return {
    probes: done,
    planned,
    ...(stoppedEarly ? { stoppedBy: '--max-minutes' } : {}),
    threads: args.poolSize,
    seconds: round(seconds),
    secondsPerProbeP50: round(percentile(ms, 0.5) / 1000, 2),
    secondsPerProbeMax: round((ms[ms.length - 1] ?? NaN) / 1000, 2),
    comparedPerProbe: ran[0]?.exhaustiveCompared ?? null,
    /** Comparisons per CPU-second per thread, from wall time (a floor when the machine is shared). */
    comparisonsPerSecondPerThread: ran.length ? Math.round((ran[0].exhaustiveCompared as number) / (percentile(ms, 0.5) / 1000) / args.poolSize) : null,
    rank1Percent: round((100 * ran.filter((p) => p.exhaustive?.rank1).length) / Math.max(1, ran.length), 1),
    indexRank1PercentOnTheseProbes: round((100 * ran.filter((p) => p.index.rank1).length) / Math.max(1, ran.length), 1),
    load: load(),
  };
}

/** Health checks polled while something runs (bench/load-runner.ts), summarised for the report. */
function pollHealth(clients: BiomatchClients) {
  const poller = pollHealthChecks(clients);
  return {
    stop: async () => {
      const { latencies, failures, notServing } = await poller.stop();
      const s = [...latencies].sort((a, b) => a - b);
      return { checks: s.length, p50Ms: round(percentile(s, 0.5), 2), p99Ms: round(percentile(s, 0.99), 2), maxMs: round(s[s.length - 1] ?? NaN, 2), failures, notServing };
    },
  };
}

/**
 * One exhaustive Identify over gRPC with a deadline too short for it: how soon DEADLINE_EXCEEDED
 * comes back and how soon the pool's threads are free again (the scans see the stop flag), first
 * alone, then with a burst of index Identify calls beside it; health is polled throughout.
 */
async function deadlineAndHealth(service: RunningService, mateIds: Map<string, string>) {
  const address = `127.0.0.1:${service.port}`;
  const client = connect(address, caller.agency, { retry: false, purpose: 'quality-control', caseId: 'BENCH-IDENTIFY' });
  const healthClient = connect(address, caller.agency, { retry: false, channelOptions: { 'grpc.use_local_subchannel_pool': 1 } });
  const md = () => client.metadata();
  const fp = client.fingerprint;
  const protoProbe = (t: FingerprintTemplate) => ({ template: { template: templateToProto(t) } });
  const exhaustiveProbe = allProbes[0];
  try {
    // Both channels connected (and the server's handlers warm) before anything is timed.
    await call(fp.identify, fp, { probe: protoProbe(exhaustiveProbe.template) }, md(), 60_000);
    (await pollHealth(healthClient).stop());

    /** `untilPoolFree`: also wait until the pool's threads are idle (alone only: a burst keeps them busy). */
    const deadlineCall = async (untilPoolFree: boolean) => {
      const t0 = performance.now();
      let code: string;
      try {
        await call(fp.identify, fp, { probe: protoProbe(exhaustiveProbe.template), exhaustive: true }, md(), args.deadlineMs);
        code = 'OK';
      } catch (e) {
        code = grpc.status[(e as grpc.ServiceError).code] ?? String(e);
      }
      const answeredMs = round(performance.now() - t0);
      if (!untilPoolFree) return { code, answeredMs };
      // The scans stop at the shared flag and hand their threads back.
      while (service.deps.pool.stats().running > 0 && performance.now() - t0 < 120_000) await new Promise((r) => setTimeout(r, 5));
      return { code, answeredMs, poolFreeMs: round(performance.now() - t0) };
    };

    const aloneHealth = pollHealth(healthClient);
    const alone = await deadlineCall(true);
    const healthAlone = await aloneHealth.stop();

    const withHealth = pollHealth(healthClient);
    const burstProbes = sampleProbes(allProbes.length, args.burst).map((i) => allProbes[i]);
    const exhaustive = deadlineCall(false);
    // Sent just after the exhaustive call, so they queue behind its scans until the deadline.
    const burst = await Promise.all(burstProbes.map(async (p) => {
      const t0 = performance.now();
      try {
        const r = await call<IdentifyRequestProto, CandidateList__Output>(fp.identify, fp, { probe: protoProbe(p.template) }, md(), 120_000);
        return { ms: performance.now() - t0, ok: true, rank1: matePlace(r.candidates ?? [], mateIds.get(p.finger) as string).rank1 };
      } catch {
        return { ms: performance.now() - t0, ok: false, rank1: false };
      }
    }));
    const withBurst = await exhaustive;
    const healthWithBurst = await withHealth.stop();
    const ms = burst.filter((b) => b.ok).map((b) => b.ms).sort((a, b) => a - b);
    return {
      deadlineMs: args.deadlineMs,
      alone: { ...alone, health: healthAlone },
      withBurst: {
        ...withBurst,
        burst: { calls: burst.length, ok: ms.length, rank1: burst.filter((b) => b.rank1).length, p50Ms: round(percentile(ms, 0.5)), p99Ms: round(percentile(ms, 0.99)), maxMs: round(ms[ms.length - 1] ?? NaN) },
        health: healthWithBurst,
      },
      load: load(),
    };
  } finally {
    client.close();
    healthClient.close();
  }
}

function git(cmd: string): string {
  try {
    return execSync(`git ${cmd}`, { cwd: new URL('..', import.meta.url), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'unknown';
  }
}
