/**
 * DNA search, ours against PostgreSQL, in one sitting (issue 14, point 2): the same synthetic
 * database and the same probes in both, queries run back to back (ours, then PostgreSQL, query by
 * query), p50 per stringency and the ratio printed.
 *
 * Database: exactly what `scripts/dna-synthetic-db.ts --count N --plant --seed S` writes (the 1036
 * real NIST profiles, then N synthetic ones drawn from the NIST 1036 AfAm/Asian/Cauc/Hisp tables:
 * 60 % CODIS 20, 25 % NIST 29, 15 % CODIS 13 loci), generated here in process with the same
 * generator and seed. Probes, as in bench/dna-search.bench.ts: `full` = real NIST profiles as typed
 * (27–29 loci); `partial` = 8–12 of their loci with one allele dropped at up to 3 loci.
 * Search: min 8 compared loci, no mismatch, HIGH / MODERATE / LOW.
 *
 * Ours: `DnaIndex.search` in this process (20 candidates ranked with RMP and per-locus detail).
 * PostgreSQL: one row per profile, one integer genotype-code column per locus (NULL = untyped), a
 * btree on every column, ANALYZE; a query is, per probe locus, `(col IS NULL OR col = ANY(codes))`
 * where `codes` are the genotypes present at that locus that the stringency accepts (decided by
 * the engine's own rule, locus-comparison.ts, so both systems answer the same question), and
 * "typed in both at ≥ 8 loci"; it returns every hit's id (no ranking, no statistics: less work
 * than ours). The hit counts of the two systems are compared for every query and reported.
 * PostgreSQL time is psql's `\timing` (libpq: query sent → result received over TCP loopback);
 * the round trip through the psql pipe is printed too.
 *
 * The machine is shared, so wall clocks there measure waiting for a core as much as work. Each
 * system's CPU time per query is printed beside it: ours `process.cpuUsage`, PostgreSQL's backend
 * process's on-CPU time from /proc/PID/schedstat (ns). For that the server runs each query in its
 * one backend (max_parallel_workers_per_gather = 0), as ours runs a search on one thread.
 *
 * Setup (PostgreSQL is a reference to beat, not a dependency; the script skips without it):
 *   Debian/Ubuntu:  apt-get install -y postgresql     (server binaries in /usr/lib/postgresql/NN/bin)
 *   It needs `initdb`, `pg_ctl` and `psql`: on PATH or in /usr/lib/postgresql/NN/bin, or all in
 *   PG_BIN_DIR when that is set.
 *   Run as root, it starts the server as the `postgres` user (the package creates it) through
 *   `runuser`, since PostgreSQL refuses to run as root.
 * The server runs on 127.0.0.1 on a free port, in a temporary directory, and is stopped and the
 * directory removed at the end (also on Ctrl-C). Settings: fsync off (load speed only), jit off
 * (JIT compilation costs tens of ms per query, which no DBA would leave on for lookups),
 * shared_buffers 512MB, no parallel workers (above); everything else PostgreSQL's defaults.
 *
 *   npx tsx bench/dna-postgres.bench.ts --size 100000 [--queries 100] [--seed 1] [--keep]
 *   npm run bench:dna-postgres -- --size 1000000
 */
import { execFileSync, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chownSync, createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadNist1036Profiles, loadSharedTables, NIST1036_GENOTYPES } from '../fixtures/dna/nist1036.js';
import { rng, SyntheticProfiles } from '../fixtures/dna/synthetic-profiles.js';
import { hasSharedData, sharedDataPath } from '../fixtures/shared-data.js';
import { DnaIndex } from '../engine/dna/dna-index.js';
import { genotypeDesignations, type DnaProfile, type LocusGenotype } from '../engine/dna/dna-profile.js';
import { LocusRegistry } from '../engine/dna/locus-registry.js';
import { alleleSet, compareLocus, STRINGENCIES, type AlleleSet, type Stringency } from '../engine/dna/locus-comparison.js';
import { arg, partialOf, percentile } from './dna-probes.js';

const size = Number(arg('size', '100000').replace(/_/g, ''));
const nQueries = Number(arg('queries', '100'));
const seed = Number(arg('seed', '1'));
const keep = process.argv.includes('--keep');
const MIN_COMPARED = 8;
const WARM_UP = 10;

const load = (): string => loadavg().map((v) => v.toFixed(2)).join(', ');

// --- Finding PostgreSQL -------------------------------------------------------------------------

/** PG_BIN_DIR, when set, is the only place looked in (to pick one PostgreSQL among several). */
function which(cmd: string): string | undefined {
  const only = process.env.PG_BIN_DIR;
  if (only !== undefined) return existsSync(join(only, cmd)) ? join(only, cmd) : undefined;
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const p = join(dir, cmd);
    if (dir !== '' && existsSync(p)) return p;
  }
  const lib = '/usr/lib/postgresql';
  if (existsSync(lib)) {
    for (const v of readdirSync(lib).sort().reverse()) {
      const p = join(lib, v, 'bin', cmd);
      if (existsSync(p)) return p;
    }
  }
  return undefined;
}

function skip(reason: string): never {
  console.log(`skipping: ${reason}`);
  console.log('setup: apt-get install -y postgresql (Debian/Ubuntu); the script needs initdb, pg_ctl and psql');
  process.exit(0);
}

if (!hasSharedData('dna', NIST1036_GENOTYPES)) skip(`${sharedDataPath('dna')} not found (the NIST 1036 profiles and tables)`);
const bin = { initdb: which('initdb'), pgCtl: which('pg_ctl'), psql: which('psql') };
if (!bin.initdb || !bin.pgCtl || !bin.psql) skip(`PostgreSQL not found (initdb: ${bin.initdb ?? 'missing'}, pg_ctl: ${bin.pgCtl ?? 'missing'}, psql: ${bin.psql ?? 'missing'})`);

/** As root, the server's commands run as `postgres` (PostgreSQL refuses root). */
let asServerUser: (cmd: string, args: string[]) => [string, string[]] = (cmd, args) => [cmd, args];
let serverUid: { uid: number; gid: number } | undefined;
if (process.getuid?.() === 0) {
  try {
    serverUid = { uid: Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), gid: Number(execFileSync('id', ['-g', 'postgres']).toString().trim()) };
  } catch {
    skip('running as root and there is no `postgres` user to run the server as');
  }
  const runuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((p) => existsSync(p));
  if (!runuser) skip('running as root and `runuser` is missing');
  asServerUser = (cmd, args) => [runuser, ['-u', 'postgres', '--', cmd, ...args]];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

// --- The server and a psql session -------------------------------------------------------------

const dir = mkdtempSync(join(tmpdir(), 'bm-pg-'));
const dataDir = join(dir, 'data');
if (serverUid) chownSync(dir, serverUid.uid, serverUid.gid);
let started = false;

function serverCmd(cmd: string, args: string[]): string {
  const [c, a] = asServerUser(cmd, args);
  return execFileSync(c, a, { stdio: ['ignore', 'pipe', 'pipe'] }).toString();
}

function stopServer(): void {
  if (started) {
    try { serverCmd(bin.pgCtl!, ['-D', dataDir, '-m', 'immediate', 'stop']); } catch { /* already gone */ }
    started = false;
  }
  if (!keep) rmSync(dir, { recursive: true, force: true });
}
process.on('exit', stopServer);
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => { stopServer(); process.exit(130); });

/** One psql process over TCP; statements go in on stdin, a marker line ends each answer. */
class Psql {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = '';
  private waiting: ((lines: string[]) => void) | undefined;
  private lines: string[] = [];
  private n = 0;
  private stderr = '';

  constructor(port: number) {
    this.child = spawn(bin.psql!, ['-h', '127.0.0.1', '-p', String(port), '-U', 'bench', '-d', 'bench', '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout.setEncoding('utf8');
    this.child.stderr.on('data', (d: Buffer) => { this.stderr += d.toString(); });
    this.child.on('exit', (code) => { if (this.waiting) { console.error(`psql exited (${code}): ${this.stderr.slice(-2000)}`); process.exit(1); } });
    this.child.stdout.on('data', (d: string) => {
      this.buffer += d;
      let nl: number;
      while ((nl = this.buffer.indexOf('\n')) >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        if (line.startsWith('@@END ')) {
          const w = this.waiting;
          const got = this.lines;
          this.waiting = undefined;
          this.lines = [];
          w?.(got);
        } else this.lines.push(line);
      }
    });
  }

  /** Runs statements; returns the output lines and the round trip through the pipe, ms. */
  run(sql: string): Promise<{ lines: string[]; wallMs: number }> {
    const t0 = performance.now();
    return new Promise((resolve) => {
      this.waiting = (lines) => resolve({ lines, wallMs: performance.now() - t0 });
      this.child.stdin.write(`${sql}\n\\echo @@END ${this.n++}\n`);
    });
  }

  /** One query under \timing: its rows and psql's time for it. */
  async timed(sql: string): Promise<{ rows: string[]; ms: number; wallMs: number }> {
    const { lines, wallMs } = await this.run(sql);
    const timeLine = lines.findIndex((l) => l.startsWith('Time: '));
    if (timeLine < 0) throw new Error(`no timing in psql output: ${lines.slice(0, 3).join(' | ')}`);
    return { rows: lines.slice(0, timeLine).filter((l) => l !== ''), ms: Number(/Time: ([\d.]+) ms/.exec(lines[timeLine])?.[1]), wallMs };
  }

  close(): void {
    this.child.stdin.end('\\q\n');
  }
}

// --- The database and probes (the same for both systems) ---------------------------------------

const registry = LocusRegistry.create();
const tables = loadSharedTables(registry);
const real = loadNist1036Profiles(registry);
const pops = ['AfAm', 'Asian', 'Cauc', 'Hisp'];
// As scripts/dna-synthetic-db.ts: same tables, seed, order and ids.
const synth = new SyntheticProfiles(registry, pops.map((p) => tables.resolve(`nist1036/${p}`)), seed);
const loci = registry.all().filter((l) => !l.sexMarker && tables.resolve('nist1036/All').hasLocus(l.name)).map((l) => l.name);
const column = new Map(loci.map((l, i) => [l, `l${i}`]));

/** Per locus: genotype (sorted designations) -> code, and each code's allele set for the rule. */
const genotypeCodes = loci.map(() => new Map<string, number>());
const genotypeSets = loci.map(() => [] as AlleleSet[]);
function codeOf(li: number, g: LocusGenotype): number {
  const key = genotypeDesignations(g).join('/');
  let code = genotypeCodes[li].get(key);
  if (code === undefined) {
    code = genotypeCodes[li].size + 1;
    genotypeCodes[li].set(key, code);
    genotypeSets[li][code] = alleleSet(g);
  }
  return code;
}


/** The PostgreSQL query for a probe: every stored genotype the rule accepts, per probe locus. */
function sqlFor(q: DnaProfile, s: Stringency): string {
  const conds: string[] = [];
  const typed: string[] = [];
  for (const [l, g] of q.loci) {
    const col = column.get(l);
    if (col === undefined) continue; // AMEL, or a locus no stored profile has
    const li = loci.indexOf(l);
    const qs = alleleSet(g);
    const ok: number[] = [];
    genotypeSets[li].forEach((c, code) => { if (compareLocus(qs, c, s) !== 'mismatch') ok.push(code); });
    conds.push(`(${col} IS NULL OR ${col} = ANY('{${ok.join(',')}}'::int[]))`);
    typed.push(`(${col} IS NOT NULL)::int`);
  }
  return `SELECT id FROM profiles WHERE ${conds.join(' AND ')} AND ${typed.join(' + ')} >= ${MIN_COMPARED};`;
}


async function main(): Promise<void> {
  console.log(`DNA search, ours vs PostgreSQL: ${size.toLocaleString('en-US')} synthetic + ${real.length} real profiles, ${nQueries} probes per set, seed ${seed}; load ${load()}`);
  // Generate once: rows to the index and to a CSV for COPY.
  const csvPath = join(dir, 'profiles.csv');
  const csv = createWriteStream(csvPath);
  const write = (s: string): Promise<void> => new Promise((res) => (csv.write(s) ? res() : csv.once('drain', () => res())));
  const index = new DnaIndex({ registry, tables, initialCapacity: size + real.length });
  const t0 = performance.now();
  const addRow = async (id: string, p: DnaProfile): Promise<void> => {
    index.add(id, p, { kind: 'offender', ownerAgency: 'BENCH' });
    const cells = loci.map((l, li) => { const g = p.loci.get(l); return g === undefined ? '' : String(codeOf(li, g)); });
    await write(`${id},${cells.join(',')}\n`);
  };
  for (const r of real) await addRow(r.sampleId, r.profile);
  for (let i = 0; i < size; i++) await addRow(`SYN${String(i).padStart(8, '0')}`, synth.next());
  await new Promise<void>((res) => csv.end(res));
  if (serverUid) chownSync(csvPath, serverUid.uid, serverUid.gid);
  console.log(`generated and indexed ${index.size} profiles in ${((performance.now() - t0) / 1000).toFixed(1)} s; load ${load()}`);

  // The server.
  const port = await freePort();
  serverCmd(bin.initdb!, ['-D', dataDir, '-A', 'trust', '-U', 'bench', '-E', 'UTF8', '--no-sync', '--no-locale']);
  serverCmd(bin.pgCtl!, ['-D', dataDir, '-l', join(dir, 'server.log'), '-w', '-t', '120', '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c jit=off -c shared_buffers=512MB -c maintenance_work_mem=256MB -c max_parallel_workers_per_gather=0`, 'start']);
  started = true;
  execFileSync(bin.psql!, ['-h', '127.0.0.1', '-p', String(port), '-U', 'bench', '-d', 'postgres', '-X', '-q', '-c', 'CREATE DATABASE bench']);
  const version = execFileSync(bin.psql!, ['-h', '127.0.0.1', '-p', String(port), '-U', 'bench', '-d', 'bench', '-X', '-A', '-t', '-c', 'SHOW server_version']).toString().trim();
  console.log(`PostgreSQL ${version} on 127.0.0.1:${port}, ${dir}`);
  const pg = new Psql(port);
  const t1 = performance.now();
  await pg.run(`CREATE TABLE profiles (id text PRIMARY KEY, ${loci.map((l) => `${column.get(l)} int`).join(', ')});`);
  await pg.run(`\\copy profiles FROM '${csvPath}' WITH (FORMAT csv)`);
  const tCopy = performance.now();
  for (const l of loci) await pg.run(`CREATE INDEX ON profiles (${column.get(l)});`);
  await pg.run('VACUUM ANALYZE profiles;');
  const tIdx = performance.now();
  const count = (await pg.run('SELECT count(*) FROM profiles;')).lines[0];
  const bytes = (await pg.run("SELECT pg_size_pretty(pg_total_relation_size('profiles'));")).lines[0];
  console.log(`loaded ${count} rows: COPY ${((tCopy - t1) / 1000).toFixed(1)} s, ${loci.length} btrees + VACUUM ANALYZE ${((tIdx - tCopy) / 1000).toFixed(1)} s; table + indexes ${bytes}; load ${load()}`);
  const backend = Number((await pg.run('SELECT pg_backend_pid();')).lines[0]);
  /** The backend's on-CPU time so far, ms (/proc/PID/schedstat, first field, ns); NaN where unreadable. */
  const backendCpu = (): number => { try { return Number(readFileSync(`/proc/${backend}/schedstat`, 'utf8').split(' ')[0]) / 1e6; } catch { return NaN; } };
  await pg.run('\\timing on');

  // Probes.
  const random = rng(seed * 7 + 3);
  const qIdx = Array.from({ length: Math.min(nQueries, real.length) }, (_, i) => Math.floor((i * real.length) / Math.min(nQueries, real.length)));
  const sets = {
    full: qIdx.map((i) => real[i].profile),
    partial: qIdx.map((i) => partialOf(real[i].profile, random, registry)),
  };

  // Warm-up: both systems, every stringency, a few probes.
  for (const s of STRINGENCIES) {
    for (const q of [...sets.full.slice(0, WARM_UP), ...sets.partial.slice(0, WARM_UP)]) {
      index.search(q, { stringency: s, minComparedLoci: MIN_COMPARED, maxCandidates: 20, viewerAgency: 'BENCH' });
      await pg.timed(sqlFor(q, s));
    }
  }

  const rows: string[] = [];
  for (const [set, probes] of Object.entries(sets)) {
    for (const s of STRINGENCIES) {
      const ours: number[] = [];
      const oursCpu: number[] = [];
      const theirsCpu: number[] = [];
      const theirs: number[] = [];
      const trips: number[] = [];
      let agree = 0;
      let hits = 0;
      for (const q of probes) {
        const c0 = process.cpuUsage();
        const ta = performance.now();
        const r = index.search(q, { stringency: s, minComparedLoci: MIN_COMPARED, maxCandidates: 20, viewerAgency: 'BENCH' });
        ours.push(performance.now() - ta);
        const c = process.cpuUsage(c0);
        oursCpu.push((c.user + c.system) / 1000);
        const sql = sqlFor(q, s);
        const b0 = backendCpu();
        const p = await pg.timed(sql);
        theirsCpu.push(backendCpu() - b0);
        theirs.push(p.ms);
        trips.push(p.wallMs);
        hits += r.totalHits;
        if (p.rows.length === r.totalHits) agree++;
      }
      const o50 = percentile(ours, 50);
      const p50 = percentile(theirs, 50);
      const oc50 = percentile(oursCpu, 50);
      const pc50 = percentile(theirsCpu, 50);
      const line = `| ${set} | ${s.toUpperCase()} | ${o50.toFixed(2)} / ${percentile(ours, 99).toFixed(2)} / ${oc50.toFixed(2)} | ${p50.toFixed(2)} / ${percentile(theirs, 99).toFixed(2)} / ${pc50.toFixed(2)} | ${percentile(trips, 50).toFixed(2)} | ${(p50 / o50).toFixed(1)}× | ${(pc50 / oc50).toFixed(1)}× | ${(hits / probes.length).toFixed(1)} | ${agree}/${probes.length} | ${load()} |`;
      rows.push(line);
      console.log(line);
    }
  }
  pg.close();
  console.log(`\n${(size + real.length).toLocaleString('en-US')} profiles; ms: wall p50 / wall p99 / CPU p50; ratio = PostgreSQL p50 / ours p50 (above 1: ours faster)\n`);
  console.log('| probes | stringency | ours | PostgreSQL | PostgreSQL round trip p50 | ratio (wall) | ratio (CPU) | mean hits | same hit count | load avg |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

await main();
