/**
 * 1:N identification at scale: the FVC2002 SecuGen ISO templates (impression 1 of each of the 40
 * fingers) are planted among N generated background templates; impressions 2–8 (280 probes) are
 * searched through the HNSW index shortlist and re-ranked by the exact MCC matcher.
 *
 *   npm run bench:identify -- --gallery 100000,1000000 [--shortlist N] [--ef N] [--m 16]
 *       [--ef-construction 100] [--exhaustive-probes 40] [--threads 2] [--oracle-probes 280]
 *       [--max-minutes 80] [--store /tmp/biomatch-identify] [--json out.json] [--no-oracle]
 *       [--no-persist] [--reuse-index /tmp/biomatch-identify/fingerprint.hnsw]
 *       [--sweep ef:shortlist,ef:shortlist] [--exhaustive-offset 0]
 *
 * Reports per gallery size: index build time and enrolment rate (matcher form + finger vector +
 * HNSW insert per record), memory per template (RSS delta; the index's estimate; the prepared
 * matcher forms), save/load time and file size, search latency p50/p99 (whole identify call:
 * vector, index search, re-rank of the shortlist over cached prepared forms), the mate's place in
 * the shortlist and in a 5,000-long index list, ANN recall against an exact scan of the graph's
 * own vectors and each mate's exact cosine rank (so a miss is put down to the vector or to the
 * graph), and the mate's rank-1 rate through the index relative to exhaustive search. Every
 * `--sweep` setting (efSearch:shortlist) is searched over the same graph and judged the same
 * way. Exhaustive search scores every record of the gallery with the exact matcher, for a sample
 * of probes (every k-th from --exhaustive-offset), in `--threads` worker threads sharing the
 * prepared forms; its per-probe results go into the JSON.
 */
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { FingerprintMatcher, prepareCandidate } from '../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../engine/fingerprint/template.js';
import type { PreparedTemplate } from '../engine/fingerprint/matching/prepared-template.js';
import { FINGER_VECTOR_ID, fingerVector, fingerVectorDimension } from '../engine/fingerprint/identification/finger-vector.js';
import { FingerprintIdentifier } from '../engine/fingerprint/identification/fingerprint-identifier.js';
import { HnswCandidateIndex } from '../engine/fingerprint/identification/hnsw-candidate-index.js';
import { metadataPath, idsPath } from '../engine/fingerprint/identification/index-files.js';
import { matcherReRanker } from '../engine/fingerprint/identification/matcher-re-ranker.js';
import { HNSW, IDENTIFY } from '../engine/fingerprint/identification/parameters.js';
import { galleryTemplate } from '../fixtures/gallery/background-gallery.js';
import { loadSecugenFvc2002 } from '../fixtures/gallery/fvc-secugen-templates.js';
import { PackedTemplateStore, PreparedArena, TopK, percentile } from './identify-gallery.js';
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';

interface Args {
  galleries: number[];
  shortlist: number;
  ef: number;
  m: number;
  efConstruction: number;
  exhaustiveProbes: number;
  oracleProbes: number;
  maxMinutes: number;
  store: string;
  json: string | undefined;
  oracle: boolean;
  persist: boolean;
  /** Search a saved index (same --gallery and --seed) instead of building one. */
  reuseIndex: string | undefined;
  seed: number;
  /** Worker threads for the exhaustive search. */
  threads: number;
  /** Further (efSearch, shortlist) settings searched over the same graph. */
  sweep: { ef: number; shortlist: number }[];
  /** First probe of the every-k-th exhaustive sample (to extend an earlier run's sample). */
  exhaustiveOffset: number;
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    galleries: [100_000],
    shortlist: IDENTIFY.shortlistLength,
    ef: HNSW.efSearch,
    m: HNSW.m,
    efConstruction: HNSW.efConstruction,
    exhaustiveProbes: 40,
    oracleProbes: 280,
    maxMinutes: 80,
    store: '/tmp/biomatch-identify-bench',
    json: undefined,
    oracle: true,
    persist: true,
    reuseIndex: undefined,
    seed: 20021,
    threads: 2,
    sweep: [],
    exhaustiveOffset: 0,
  };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => argv[++i];
    if (k === '--gallery') a.galleries = v().split(',').map((s) => Number(s.replace(/_/g, '')));
    else if (k === '--shortlist') a.shortlist = Number(v());
    else if (k === '--ef') a.ef = Number(v());
    else if (k === '--m') a.m = Number(v());
    else if (k === '--ef-construction') a.efConstruction = Number(v());
    else if (k === '--exhaustive-probes') a.exhaustiveProbes = Number(v());
    else if (k === '--oracle-probes') a.oracleProbes = Number(v());
    else if (k === '--max-minutes') a.maxMinutes = Number(v());
    else if (k === '--store') a.store = v();
    else if (k === '--json') a.json = v();
    else if (k === '--seed') a.seed = Number(v());
    else if (k === '--no-oracle') a.oracle = false;
    else if (k === '--threads') a.threads = Number(v());
    else if (k === '--no-persist') a.persist = false;
    else if (k === '--reuse-index') a.reuseIndex = v();
    else if (k === '--sweep') a.sweep = v().split(',').map((c) => {
      const [ef, shortlist] = c.split(':').map(Number);
      if (!(ef >= 1 && shortlist >= 1)) throw new Error(`--sweep wants ef:shortlist pairs, got "${c}"`);
      return { ef, shortlist };
    });
    else if (k === '--exhaustive-offset') a.exhaustiveOffset = Number(v());
    else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

const args = parseArgs(process.argv.slice(2));
const deadline = Date.now() + args.maxMinutes * 60_000;
const mb = (b: number) => b / (1 << 20);
const log = (...x: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...x);
const gcNow = () => (globalThis as { gc?: () => void }).gc?.();

const real = await loadSecugenFvc2002();
if (real.length === 0) throw new Error('SecuGen FVC2002 templates not found (shared data)');
const mates = real.filter((r) => r.impression === 1);
const probes = real.filter((r) => r.impression !== 1);
log(`real templates ${real.length}: ${mates.length} planted mates, ${probes.length} probes; load ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

/** Length of the separate long index search that locates each mate in the index's order. */
const LONG_LIST = 5000;
const results: Record<string, unknown>[] = [];
for (const n of args.galleries) {
  if (Date.now() > deadline) {
    log(`stopping before gallery ${n}: --max-minutes reached`);
    break;
  }
  results.push(await runGallery(n));
  if (args.json) writeFileSync(args.json, JSON.stringify({ args, results }, null, 2));
  gcNow();
}
if (args.json) writeFileSync(args.json, JSON.stringify({ args, results }, null, 2));

async function runGallery(n: number): Promise<Record<string, unknown>> {
  log(`--- gallery ${n} background + ${mates.length} mates`);
  gcNow();
  const rss0 = process.memoryUsage().rss;
  const dim = fingerVectorDimension();
  let index: HnswCandidateIndex | undefined = args.reuseIndex
    ? HnswCandidateIndex.load(args.reuseIndex, { efSearch: args.ef, vectorId: FINGER_VECTOR_ID })
    : new HnswCandidateIndex(dim, { m: args.m, efConstruction: args.efConstruction, efSearch: args.ef, initialCapacity: n + mates.length, vectorId: FINGER_VECTOR_ID });
  const store = new PackedTemplateStore();
  // Every record's prepared matcher form, made at enrolment as the service does, so a search
  // re-ranks its shortlist without preparing candidates.
  const arena = new PreparedArena();
  let prepMs = 0;
  const slotOfId = new Map<string, number>();
  // Plant the mates evenly through the insertion order, as records arrive over time.
  const plantEvery = Math.max(1, Math.floor(n / mates.length));
  let genMs = 0;
  let vecMs = 0;
  let addMs = 0;
  let planted = 0;
  const buildStart = performance.now();
  const buildCpu0 = process.cpuUsage();
  let built = 0;
  const enrol = (id: string, t: FingerprintTemplate, vector?: ArrayLike<number>, prepared?: PreparedTemplate) => {
    const slot = store.add(t);
    slotOfId.set(id, slot);
    const t1 = performance.now();
    if (arena.add(prepared ?? prepareCandidate(t)) !== slot) throw new Error('arena and store slots differ');
    const t2 = performance.now();
    // With --reuse-index the graph is loaded; only the template store and forms are refilled.
    const v = args.reuseIndex ? undefined : (vector ?? fingerVector(t));
    const t3 = performance.now();
    if (v) (index as HnswCandidateIndex).add(id, v);
    const t4 = performance.now();
    prepMs += t2 - t1;
    vecMs += t3 - t2;
    addMs += t4 - t3;
  };
  // Background records come from a worker thread a chunk ahead (generation, matcher form, finger
  // vector), while this thread stores them and inserts into the graph.
  const CHUNK = 2000;
  const buildWorker = args.reuseIndex ? undefined : new Worker(fileURLToPath(new URL('../engine/workers/dev-bootstrap.mjs', import.meta.url)), {
    workerData: { entry: new URL('./identify-build.worker.ts', import.meta.url).href },
  });
  let workerVectorMs = 0;
  let workerPrepareMs = 0;
  type Chunk = { from: number; vectors: Float32Array; prepared: PreparedTemplate[]; prepareMs: number; vectorMs: number };
  const pending = new Map<number, Promise<Chunk>>();
  const waiting = new Map<number, (c: Chunk) => void>();
  buildWorker?.on('message', (m: Chunk) => {
    workerVectorMs += m.vectorMs;
    workerPrepareMs += m.prepareMs;
    waiting.get(m.from)?.(m);
    waiting.delete(m.from);
  });
  const request = (from: number) => {
    if (!buildWorker || from >= n || pending.has(from)) return;
    pending.set(from, new Promise<Chunk>((resolve) => waiting.set(from, resolve)));
    buildWorker.postMessage({ seed: args.seed, from, count: Math.min(CHUNK, n - from) });
  };
  let stoppedEarly = false;
  request(0);
  for (let from = 0; from < n && !stoppedEarly; from += CHUNK) {
    request(from + CHUNK);
    const chunk = buildWorker ? await (pending.get(from) as Promise<Chunk>) : undefined;
    pending.delete(from);
    for (let i = from; i < Math.min(n, from + CHUNK); i++) {
      if (i % plantEvery === 0 && planted < mates.length) {
        enrol(`fvc:${mates[planted].finger}`, mates[planted].template);
        planted++;
      }
      const t0 = performance.now();
      const t = galleryTemplate(args.seed, i);
      genMs += performance.now() - t0;
      enrol(`bg:${i}`, t, chunk?.vectors.subarray((i - from) * dim, (i - from + 1) * dim), chunk?.prepared[i - from]);
      built++;
      if (built % 100_000 === 0) {
        log(`  built ${built} (${((performance.now() - buildStart) / 1000).toFixed(0)} s, rss ${mb(process.memoryUsage().rss).toFixed(0)} MB)`);
        if (Date.now() > deadline) {
          stoppedEarly = true;
          break;
        }
      }
    }
  }
  await buildWorker?.terminate();
  while (planted < mates.length) {
    enrol(`fvc:${mates[planted].finger}`, mates[planted].template);
    planted++;
  }
  if (stoppedEarly) log(`  build stopped at ${built} by --max-minutes`);
  // Enrolment = matcher form + finger vector + index insert (what the service does per record);
  // the background's vectors were made in the worker thread.
  const buildS = (prepMs + vecMs + addMs + workerVectorMs + workerPrepareMs) / 1000;
  const wallBuildS = (performance.now() - buildStart) / 1000;
  const buildCpu = process.cpuUsage(buildCpu0);
  gcNow();
  const rss1 = process.memoryUsage().rss;
  const total = index.size;
  const build = {
    records: total,
    /** Per-record work summed over both threads (matcher form, vector, insert). */
    buildSeconds: buildS,
    buildWallSeconds: wallBuildS,
    /** CPU seconds of the whole build loop, generation included (wall time is inflated by load). */
    buildCpuSeconds: (buildCpu.user + buildCpu.system) / 1e6,
    generateSeconds: genMs / 1000,
    /** Records enrolled per wall second (two threads: vectors in the worker, the rest here). */
    enrolPerSecond: total / wallBuildS,
    /** Making matcher forms (worker) plus copying them into the shared arena (here). */
    prepareSecondsTotal: (prepMs + workerPrepareMs) / 1000,
    vectorSecondsTotal: (vecMs + workerVectorMs) / 1000,
    indexAddSecondsTotal: addMs / 1000,
    rssDeltaMB: mb(rss1 - rss0),
    rssMB: mb(rss1),
    bytesPerTemplateRss: (rss1 - rss0) / total,
    bytesPerTemplateIndexEstimate: index.memoryBytes() / total,
    dimension: dim,
    bytesPerTemplateStore: store.memoryBytes() / total,
    bytesPerTemplatePreparedForms: arena.usedBytes() / total,
  };
  log('  build', JSON.stringify(build));

  // Persistence: save beside a store directory, load back, and search the loaded copy.
  let active: HnswCandidateIndex = index;
  let persist: Record<string, number> | undefined;
  if (args.persist && !args.reuseIndex) {
    rmSync(args.store, { recursive: true, force: true });
    mkdirSync(args.store, { recursive: true });
    const path = join(args.store, 'fingerprint.hnsw');
    const s0 = performance.now();
    index.save(path);
    const saveS = (performance.now() - s0) / 1000;
    const savedSize = index.size;
    // Drop the built graph before loading, so the two never coexist (peak memory at 1M).
    active = undefined as unknown as HnswCandidateIndex;
    index = undefined;
    gcNow();
    const l0 = performance.now();
    const loaded = HnswCandidateIndex.load(path, { efSearch: args.ef });
    const loadS = (performance.now() - l0) / 1000;
    const bytes = statSync(path).size + statSync(idsPath(path)).size + statSync(metadataPath(path)).size;
    if (loaded.size !== savedSize) throw new Error('loaded index differs in size');
    active = loaded;
    persist = { saveSeconds: saveS, loadSeconds: loadS, fileMB: mb(bytes), rssAfterLoadMB: mb(process.memoryUsage().rss) };
    log('  persist', JSON.stringify(persist));
  }

  const identifier = new FingerprintIdentifier(active, matcherReRanker((id) => {
    const slot = slotOfId.get(id);
    return slot === undefined ? undefined : arena.get(slot);
  }));
  const probeVectors = probes.map((p) => fingerVector(p.template));

  // Searches through the index: the main setting (--ef, --shortlist), with a long index list per
  // probe, then every --sweep setting over the same graph.
  const settings = [{ ef: args.ef, shortlist: args.shortlist }, ...args.sweep.filter((c) => c.ef !== args.ef || c.shortlist !== args.shortlist)];
  const runs: SearchRun[] = [];
  for (const [k, setting] of settings.entries()) {
    if (k > 0 && Date.now() > deadline) break;
    runs.push(searchAll(identifier, active, probeVectors, setting, k === 0));
    log('  search', JSON.stringify(runs[k].summary));
  }

  // The graph's own vectors scanned exactly: where each mate ranks by cosine among all records
  // (is a miss the vector's or the graph's?), and the graph's recall of the exact top list.
  const oracle = args.oracle && Date.now() < deadline ? exactOracle(active, probeVectors, settings.slice(0, runs.length)) : undefined;
  if (oracle) log('  oracle', JSON.stringify(oracle.summary));

  // Exhaustive search (every record scored by the matcher) for a sample of probes; what was
  // measured so far is written first, as the exhaustive pass can take hours at 1M.
  const measured = { gallery: n, background: built, build, persist, search: runs[0].summary, sweep: runs.slice(1).map((r) => r.summary), oracle: oracle?.summary };
  if (args.json) writeFileSync(args.json, JSON.stringify({ args, results: [...results, { ...measured, exhaustive: 'running' }] }, null, 2));
  const exhaustive = args.exhaustiveProbes > 0 ? await runExhaustive(runs, oracle?.exactRank, arena, slotOfId) : undefined;
  log('  exhaustive', JSON.stringify(exhaustive?.summary));
  return { ...measured, load: loadavg(), exhaustive: exhaustive?.summary, exhaustivePerProbe: exhaustive?.perProbe };
}

interface ProbeResult {
  key: string;
  mateId: string;
  indexRank1: boolean;
  /** 1-based place of the mate in the re-ranked shortlist; 0 when absent. */
  mateRank: number;
  inShortlist: boolean;
  /** 1-based place in the long index list (main setting only); Infinity when absent. */
  longPos: number;
}

interface SearchRun {
  setting: { ef: number; shortlist: number };
  perProbe: ProbeResult[];
  summary: Record<string, unknown>;
}

function searchAll(
  identifier: FingerprintIdentifier,
  active: HnswCandidateIndex,
  probeVectors: number[][],
  setting: { ef: number; shortlist: number },
  long: boolean,
): SearchRun {
  active.setEfSearch(setting.ef);
  const latencies: number[] = [];
  // CPU time per search as well as wall time: on a shared machine wall time mostly measures the
  // neighbours' load, CPU time what the search itself costs.
  const cpuMs: number[] = [];
  const perProbe: ProbeResult[] = [];
  for (let i = 0; i < probes.length; i++) {
    const p = probes[i];
    const mateId = `fvc:${p.finger}`;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    // The whole re-ranked shortlist comes back, so the mate's place in it is known; the
    // candidate list a user sees is its first 20.
    const r = identifier.identify(p.template, { shortlistLength: setting.shortlist, maxCandidates: setting.shortlist });
    latencies.push(performance.now() - t0);
    const c1 = process.cpuUsage(c0);
    cpuMs.push((c1.user + c1.system) / 1000);
    const pos = r.candidates.findIndex((c) => c.id === mateId);
    const rank1 = pos === 0 && (r.candidates.length < 2 || r.candidates[1].score < r.candidates[0].score);
    let longPos = Infinity;
    if (long) {
      // Where the mate sits in a longer index list (hit rate vs shortlist length).
      const at = active.search(probeVectors[i], Math.max(LONG_LIST, setting.shortlist)).findIndex((h) => h.id === mateId);
      if (at >= 0) longPos = at + 1;
    }
    perProbe.push({ key: p.key, mateId, indexRank1: rank1, mateRank: pos + 1, inShortlist: pos >= 0, longPos });
  }
  latencies.sort((a, b) => a - b);
  cpuMs.sort((a, b) => a - b);
  const hitAt = (k: number): number => perProbe.filter((q) => q.longPos <= k).length / perProbe.length;
  const summary: Record<string, unknown> = {
    probes: perProbe.length,
    shortlist: setting.shortlist,
    efSearch: setting.ef,
    latencyP50Ms: percentile(latencies, 0.5),
    latencyP99Ms: percentile(latencies, 0.99),
    latencyMaxMs: latencies[latencies.length - 1],
    cpuP50Ms: percentile(cpuMs, 0.5),
    cpuP99Ms: percentile(cpuMs, 0.99),
    indexRank1Rate: perProbe.filter((q) => q.indexRank1).length / perProbe.length,
    mateInCandidateList: perProbe.filter((q) => q.mateRank > 0 && q.mateRank <= 20).length / perProbe.length,
    /** Mate in the shortlist the identify call actually re-ranked. */
    mateInShortlist: perProbe.filter((q) => q.inShortlist).length / perProbe.length,
  };
  if (long) {
    /** From a separate k = LONG_LIST search: the mate's place in a long index list. */
    summary.mateHitInLongSearch = Object.fromEntries([50, 100, 200, 400, 1000, 2000, 3000, LONG_LIST].map((k) => [k, hitAt(k)]));
  }
  return { setting, perProbe, summary };
}

/**
 * Exact cosine over the vectors the graph itself holds (so only the graph's approximation is
 * judged, not vector arithmetic): every record is read once and scored against every probe.
 * Gives each probe's exact mate rank (records strictly more similar, plus one), and for every
 * --oracle-probes-th probe the exact top list, against which each setting's index list is
 * compared (ANN recall at that shortlist length).
 */
function exactOracle(
  active: HnswCandidateIndex,
  probeVectors: number[][],
  settings: { ef: number; shortlist: number }[],
): { summary: Record<string, unknown>; exactRank: number[] } {
  const o0 = performance.now();
  const dim = probeVectors[0].length;
  const P = probeVectors.length;
  const q = new Float32Array(P * dim);
  probeVectors.forEach((v, i) => {
    const norm = Math.hypot(...v) || 1;
    for (let d = 0; d < dim; d++) q[i * dim + d] = v[d] / norm;
  });
  const dot = (v: Float32Array, i: number): number => {
    let s = 0;
    const o = i * dim;
    for (let d = 0; d < dim; d++) s += v[d] * q[o + d];
    return s;
  };
  const mateSim = probes.map((p, i) => {
    const mv = active.storedVector(`fvc:${p.finger}`);
    if (!mv) throw new Error(`mate of ${p.key} missing from the index`);
    return dot(Float32Array.from(mv), i);
  });
  const above = new Int32Array(P);
  // Exact top lists for a sample (min-heaps of the longest shortlist swept).
  const K = Math.max(...settings.map((c) => c.shortlist));
  const oStep = Math.max(1, Math.floor(P / Math.max(1, args.oracleProbes)));
  const sample = probes.map((_, i) => i).filter((i) => i % oStep === 0).slice(0, args.oracleProbes);
  const heaps = sample.map(() => new TopK(K));
  const heapOf = new Int32Array(P).fill(-1);
  sample.forEach((i, j) => (heapOf[i] = j));
  const v = new Float32Array(dim);
  for (const id of active.ids()) {
    const stored = active.storedVector(id) as number[];
    for (let d = 0; d < dim; d++) v[d] = stored[d];
    for (let i = 0; i < P; i++) {
      const s = dot(v, i);
      // The mate's own similarity equals mateSim (same arithmetic), so it never counts itself.
      if (s > mateSim[i]) above[i]++;
      if (heapOf[i] >= 0) heaps[heapOf[i]].push(s, id);
    }
  }
  const perSetting = settings.map((setting) => {
    active.setEfSearch(setting.ef);
    let recall = 0;
    for (const [j, i] of sample.entries()) {
      const truth = new Set(heaps[j].sortedIds().slice(0, setting.shortlist));
      recall += active.search(probeVectors[i], setting.shortlist).filter((h) => truth.has(h.id)).length / truth.size;
    }
    return { ...setting, annRecallAtShortlist: recall / sample.length, mateInExactTopShortlist: [...above].filter((a) => a + 1 <= setting.shortlist).length / P };
  });
  active.setEfSearch(args.ef);
  const exactRank = [...above].map((a) => a + 1);
  const ranks = [...exactRank].sort((a, b) => a - b);
  const summary = {
    seconds: (performance.now() - o0) / 1000,
    recallProbes: sample.length,
    perSetting,
    /** Exact cosine rank of the mate among all records, over all probes. */
    exactMateRankP50: percentile(ranks, 0.5),
    exactMateRankP90: percentile(ranks, 0.9),
    mateInExactTop: Object.fromEntries([100, 1000, 2500, 5000, 10000, 20000].map((k) => [k, ranks.filter((r) => r <= k).length / P])),
  };
  return { summary, exactRank };
}

/**
 * Exhaustive search for a sample of probes: every record of the gallery scored by the exact
 * matcher, over the shared prepared forms, split across `--threads` worker threads. Rank 1 means
 * the mate scores strictly above every other record (ties count as misses). The exhaustive
 * result does not depend on the index, so every searched setting is judged against it.
 */
async function runExhaustive(
  runs: SearchRun[],
  /** Per probe, the mate's exact cosine rank (oracle), when it ran. */
  exactRank: number[] | undefined,
  arena: PreparedArena,
  slotOfId: Map<string, number>,
): Promise<{ summary: Record<string, unknown>; perProbe: unknown[] }> {
  const main = runs[0].perProbe;
  const step = Math.max(1, Math.floor(main.length / Math.max(1, args.exhaustiveProbes)));
  const offset = args.exhaustiveOffset % step;
  const sample = main.map((q, i) => ({ q, i })).filter((_, i) => i % step === offset).slice(0, args.exhaustiveProbes);
  const mateSlots = sample.map(({ q }) => slotOfId.get(q.mateId) as number);
  const mateScores = sample.map(({ i }, j) => new FingerprintMatcher(probes[i].template).score(arena.get(mateSlots[j])));
  const t0 = performance.now();
  const shared = arena.share();
  const threads = Math.max(1, args.threads);
  const per = Math.ceil(shared.size / threads);
  const bootstrap = fileURLToPath(new URL('../engine/workers/dev-bootstrap.mjs', import.meta.url));
  const entry = new URL('./identify-exhaustive.worker.ts', import.meta.url).href;
  const parts = await Promise.all(
    Array.from({ length: threads }, (_, w) =>
      new Promise<{ maxOther: number[]; atOrAbove: number[]; scanned: number }>((resolve, reject) => {
        const worker = new Worker(bootstrap, {
          workerData: { entry, arena: shared, probes: sample.map(({ i }) => probes[i].template), mateSlots, mateScores, from: w * per, to: Math.min(shared.size, (w + 1) * per) },
        });
        worker.once('message', (m) => {
          resolve(m);
          void worker.terminate();
        });
        worker.once('error', reject);
      }),
    ),
  );
  const maxOther = sample.map((_, j) => Math.max(...parts.map((p) => p.maxOther[j])));
  const atOrAbove = sample.map((_, j) => parts.reduce((a, p) => a + p.atOrAbove[j], 0));
  const scanned = parts.reduce((a, p) => a + p.scanned, 0);
  const exRank1 = sample.map((_, j) => mateScores[j] > maxOther[j]);
  const exCount = exRank1.filter(Boolean).length;
  const judge = (run: SearchRun) => {
    const r = (i: number) => run.perProbe[i];
    const both = sample.filter((s, j) => exRank1[j] && r(s.i).indexRank1).length;
    return {
      ...run.setting,
      latencyP50Ms: run.summary.latencyP50Ms,
      indexRank1OnSample: sample.filter((s) => r(s.i).indexRank1).length,
      indexFindsOfExhaustiveRank1: both,
      relativeRank1: exCount ? both / exCount : NaN,
      exhaustiveRank1ButNotIndex: sample
        .filter((s, j) => exRank1[j] && !r(s.i).indexRank1)
        .map((s) => ({ probe: s.q.key, inShortlist: r(s.i).inShortlist, exactVectorRank: exactRank?.[s.i] ?? null })),
      indexRank1ButNotExhaustive: sample.filter((s, j) => !exRank1[j] && r(s.i).indexRank1).map((s) => s.q.key),
    };
  };
  const summary = {
    sampledProbes: sample.length,
    sampleRule: step === 1 ? 'every probe' : `every ${step}th probe from probe ${offset}`,
    recordsScanned: scanned,
    complete: scanned === arena.size,
    threads,
    seconds: (performance.now() - t0) / 1000,
    exhaustiveRank1: exCount,
    perSetting: runs.map(judge),
    /** Records other than the mate scoring at or above it, per sampled probe (median). */
    othersAtOrAboveMateMedian: percentile([...atOrAbove].sort((a, b) => a - b), 0.5),
    maxBackgroundScoreMedian: percentile([...maxOther].sort((a, b) => a - b), 0.5),
  };
  // Per probe, so a later run can be judged against the same exhaustive results.
  const perProbe = sample.map((s, j) => ({ probe: s.q.key, mateScore: mateScores[j], maxOther: maxOther[j], othersAtOrAbove: atOrAbove[j], exhaustiveRank1: exRank1[j] }));
  return { summary, perProbe };
}
