/**
 * gRPC load suite for throughput tuning: a closed-loop load generator against a biomatch server.
 *
 *   npm run bench:load -- --scenario extract|verify|identify|dna-search|mixed
 *     --concurrency 1,2,4,8,16,32 --seconds S [--gallery N] [--server HOST:PORT] [--pool-size N]
 *     [--ef N] [--shortlist N] [--client-threads N] [--warmup S] [--seed N] [--no-retry]
 *     --json OUT.json
 *
 * Without --server it starts its own server (engine/service/main.ts, a child process, fresh data
 * directory, 127.0.0.1, --pool-size passed on); either way it enrols the gallery over gRPC first
 * (N fingerprints with the 40 FVC2002 mates among them, or N DNA profiles, or both for mixed;
 * re-enrolling into a given server updates the same records by external id). Then for each
 * concurrency level it keeps that many calls in flight for S seconds from client threads (each its
 * own channel), polling grpc.health.v1 every ~20 ms on another. It writes OUT.json
 * ({scenario, gallery, settings, runs}) and OUT.svg beside it (throughput against p50/p99).
 * --ef and --shortlist go to a spawned server as its --ef-search and --shortlist; a server given
 * with --server keeps its own (the JSON says which).
 * Needs the shared data (FVC2002 templates and images).
 */
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_RETRY_POLICY } from '../engine/service/client.js';
import { loadCurveSvg } from './load-plot.js';
import { DEFAULTS, runLoadBench, type LoadOptions } from './load-runner.js';
import { SCENARIOS, type Scenario } from './load-messages.js';

const USAGE = 'usage: npm run bench:load -- --scenario extract|verify|identify|dna-search|mixed --concurrency 1,2,4 --seconds S [--gallery N] [--server HOST:PORT] [--pool-size N] [--ef N] [--shortlist N] [--client-threads N] [--warmup S] [--seed N] [--no-retry] --json OUT.json';

function positiveInteger(raw: string | undefined, name: string, min = 1): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be a whole number ≥ ${min}`);
  return n;
}

/** The command line → options; throws with a message naming the bad argument. */
export function parseLoadArgs(argv: string[]): LoadOptions & { json: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      scenario: { type: 'string' }, concurrency: { type: 'string' }, seconds: { type: 'string' },
      gallery: { type: 'string' }, server: { type: 'string' }, 'pool-size': { type: 'string' },
      ef: { type: 'string' }, shortlist: { type: 'string' }, json: { type: 'string' },
      'client-threads': { type: 'string' }, warmup: { type: 'string' }, seed: { type: 'string' },
      'no-retry': { type: 'boolean' },
    },
  });
  if (!values.scenario || !(SCENARIOS as readonly string[]).includes(values.scenario)) throw new Error(`--scenario must be one of ${SCENARIOS.join(', ')}`);
  if (!values.json) throw new Error('--json OUT.json is required');
  const concurrency = (values.concurrency ?? '1').split(',').map((c) => positiveInteger(c.trim(), 'concurrency')!);
  const seconds = Number(values.seconds ?? '10');
  if (!(seconds > 0)) throw new Error('--seconds must be positive');
  const warmup = Number(values.warmup ?? DEFAULTS.warmupSeconds);
  if (!(warmup >= 0)) throw new Error('--warmup must be 0 or more seconds');
  if (values.server !== undefined && !/^[\w.-]+:\d+$|^\[[\da-fA-F:]+\]:\d+$/.test(values.server)) throw new Error('--server must be HOST:PORT');
  const poolSize = positiveInteger(values['pool-size'], 'pool-size');
  const ef = positiveInteger(values.ef, 'ef');
  const shortlist = positiveInteger(values.shortlist, 'shortlist');
  return {
    scenario: values.scenario as Scenario,
    concurrency,
    seconds,
    gallery: positiveInteger(values.gallery, 'gallery') ?? DEFAULTS.gallery,
    ...(values.server !== undefined ? { server: values.server } : {}),
    ...(poolSize !== undefined ? { poolSize } : {}),
    ...(ef !== undefined ? { ef } : {}),
    ...(shortlist !== undefined ? { shortlist } : {}),
    clientThreads: positiveInteger(values['client-threads'], 'client-threads') ?? DEFAULTS.clientThreads,
    warmupSeconds: warmup,
    seed: positiveInteger(values.seed, 'seed', 0) ?? DEFAULTS.seed,
    agency: DEFAULTS.agency,
    deadlineMs: DEFAULTS.deadlineMs,
    retry: values['no-retry'] ? false : DEFAULT_RETRY_POLICY,
    log: (line) => process.stderr.write(`${line}\n`),
    json: values.json,
  };
}

/** Runs the bench and writes OUT.json and OUT.svg; returns the report. */
export async function loadBenchMain(argv: string[]) {
  const { json, ...options } = parseLoadArgs(argv);
  const report = await runLoadBench(options);
  mkdirSync(dirname(json), { recursive: true });
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  const svg = json.replace(/\.json$/i, '') + '.svg';
  writeFileSync(svg, loadCurveSvg(report));
  options.log(`wrote ${json} and ${svg}`);
  return report;
}

// Run only as a program, so the test can import parseLoadArgs() and loadBenchMain().
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    await loadBenchMain(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`bench:load: ${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    process.exitCode = 1;
  }
}
