/**
 * Server configuration: flags override environment variables, which override defaults. Every
 * value is validated at start; a bad one stops the server with a message naming it (main exits 2).
 */
import { availableParallelism } from 'node:os';
import type { TfBackendName } from '../workers/messages.js';
import type { LogLevel } from './logger.js';

export interface ServiceConfig {
  host: string;
  port: number;
  dataDir: string;
  poolSize: number;
  maxQueue: number;
  tfBackend: TfBackendName;
  /** gRPC message limit, both directions (images need more than gRPC's 4 MiB default). */
  maxMessageBytes: number;
  /** How long SIGTERM waits for in-flight calls before cancelling them. */
  drainSeconds: number;
  logLevel: LogLevel;
  workerHeapMb: number;
  /** DNA allele-frequency tables, `source=path.csv` each; empty: the bundled NIST 1036 and FBI 2015 tables. */
  dnaFrequencies: { source: string; path: string }[];
  /** The table searches use unless they name one (`source/population`). */
  dnaDefaultPopulation: string;
  /** A DNA profile with fewer typed autosomal loci is refused. */
  dnaMinTypedLoci: number;
  /** JSON file with extra loci or aliases: [{"name", "repeatUnit"?, "aliases"?: [...]}]; '' for none. */
  dnaCustomLoci: string;
  /** Largest gallery an exhaustive fingerprint search may scan. */
  exhaustiveLimit: number;
  /** HNSW search list length; 0: the built-in default (docs/parameters.md). */
  efSearch: number;
  /** Index shortlist re-ranked by the exact matcher; 0: the built-in default. */
  shortlist: number;
  /** Batch items running at once across every job; 0: the pool's threads (at least 2). */
  batchConcurrency: number;
  /** Days a finished batch job's results are kept; 0: until the job is deleted. */
  batchRetentionDays: number;
}

interface Option {
  key: keyof ServiceConfig;
  flag: string;
  env: string;
  help: string;
  parse: (raw: string) => ServiceConfig[keyof ServiceConfig] | Error;
}

const MiB = 1024 * 1024;

function integer(min: number, max: number) {
  return (raw: string): number | Error => {
    if (!/^\d+$/.test(raw.trim())) return new Error(`must be a whole number from ${min} to ${max}`);
    const n = Number(raw);
    return n >= min && n <= max ? n : new Error(`must be a whole number from ${min} to ${max}`);
  };
}

function oneOf<T extends string>(values: readonly T[]) {
  return (raw: string): T | Error => (values as readonly string[]).includes(raw) ? (raw as T) : new Error(`must be one of ${values.join(', ')}`);
}

export const OPTIONS: Option[] = [
  { key: 'host', flag: '--host', env: 'BIOMATCH_HOST', help: 'address to listen on (default 127.0.0.1)', parse: (r) => (r.trim() === '' || /\s/.test(r) ? new Error('must be a host name or address') : r) },
  { key: 'port', flag: '--port', env: 'BIOMATCH_PORT', help: 'port (default 50051; 0 picks a free one)', parse: integer(0, 65535) },
  { key: 'dataDir', flag: '--data-dir', env: 'BIOMATCH_DATA_DIR', help: 'where the embedded store keeps its files (default ./data)', parse: (r) => (r.trim() === '' ? new Error('must not be empty') : r) },
  { key: 'poolSize', flag: '--pool-size', env: 'BIOMATCH_POOL_SIZE', help: 'worker threads (default: CPU count)', parse: integer(1, 256) },
  { key: 'maxQueue', flag: '--max-queue', env: 'BIOMATCH_MAX_QUEUE', help: 'tasks allowed to wait for a worker before RESOURCE_EXHAUSTED (default 16 per thread)', parse: integer(0, 1_000_000) },
  { key: 'tfBackend', flag: '--tf-backend', env: 'BIOMATCH_TF_BACKEND', help: 'TensorFlow.js backend: wasm (default), cpu, tensorflow (needs @tensorflow/tfjs-node)', parse: oneOf(['wasm', 'cpu', 'tensorflow'] as const) },
  { key: 'maxMessageBytes', flag: '--max-message-mb', env: 'BIOMATCH_MAX_MESSAGE_MB', help: 'largest gRPC message in MiB, both directions (default 64)', parse: (r) => { const n = integer(1, 2047)(r); return n instanceof Error ? n : n * MiB; } },
  { key: 'drainSeconds', flag: '--drain-seconds', env: 'BIOMATCH_DRAIN_SECONDS', help: 'graceful-shutdown bound in seconds (default 10)', parse: integer(0, 3600) },
  { key: 'logLevel', flag: '--log-level', env: 'BIOMATCH_LOG_LEVEL', help: 'debug, info (default), warn, error', parse: oneOf(['debug', 'info', 'warn', 'error'] as const) },
  { key: 'dnaFrequencies', flag: '--dna-frequencies', env: 'BIOMATCH_DNA_FREQUENCIES', help: 'DNA frequency tables, source=path.csv[,source=path.csv...] (default: bundled nist1036, fbi2015)', parse: (r) => {
    const out: { source: string; path: string }[] = [];
    for (const item of r.split(',').map((x) => x.trim()).filter(Boolean)) {
      const eq = item.indexOf('=');
      if (eq <= 0 || eq === item.length - 1) return new Error('each entry must be source=path.csv');
      out.push({ source: item.slice(0, eq), path: item.slice(eq + 1) });
    }
    return out.length ? out : new Error('must name at least one table');
  } },
  { key: 'dnaDefaultPopulation', flag: '--dna-default-population', env: 'BIOMATCH_DNA_DEFAULT_POPULATION', help: 'frequency table used when a search names none (default nist1036/All)', parse: (r) => (/^[\w.-]+\/[\w .()-]+$/.test(r) ? r : new Error('must be source/population')) },
  { key: 'dnaMinTypedLoci', flag: '--dna-min-typed-loci', env: 'BIOMATCH_DNA_MIN_TYPED_LOCI', help: 'minimum typed autosomal loci of a stored DNA profile (default 8)', parse: integer(1, 100) },
  { key: 'dnaCustomLoci', flag: '--dna-custom-loci', env: 'BIOMATCH_DNA_CUSTOM_LOCI', help: 'JSON file of extra DNA loci/aliases: [{"name","repeatUnit"?,"aliases"?}]', parse: (r) => (r.trim() === '' ? new Error('must name a file') : r) },
  { key: 'exhaustiveLimit', flag: '--exhaustive-limit', env: 'BIOMATCH_EXHAUSTIVE_LIMIT', help: 'largest gallery an exhaustive fingerprint search may scan (default 1000000)', parse: integer(0, 100_000_000) },
  { key: 'efSearch', flag: '--ef-search', env: 'BIOMATCH_EF_SEARCH', help: 'HNSW search list length (default 20000; see docs/parameters.md)', parse: integer(1, 1_000_000) },
  { key: 'shortlist', flag: '--shortlist', env: 'BIOMATCH_SHORTLIST', help: 'index candidates re-ranked by the exact matcher (default 2500)', parse: integer(1, 1_000_000) },
  { key: 'batchConcurrency', flag: '--batch-concurrency', env: 'BIOMATCH_BATCH_CONCURRENCY', help: 'batch items running at once, all jobs together (default: the pool size, at least 2)', parse: integer(1, 1024) },
  { key: 'batchRetentionDays', flag: '--batch-retention-days', env: 'BIOMATCH_BATCH_RETENTION_DAYS', help: 'days finished batch jobs keep their results (default 30; 0: until deleted)', parse: integer(0, 36500) },
  { key: 'workerHeapMb', flag: '--worker-heap-mb', env: 'BIOMATCH_WORKER_HEAP_MB', help: 'heap limit per worker thread in MiB (default 1024)', parse: integer(64, 65536) },
];

export function defaultConfig(): ServiceConfig {
  const poolSize = availableParallelism();
  return {
    host: '127.0.0.1', port: 50051, dataDir: './data', poolSize, maxQueue: poolSize * 16, tfBackend: 'wasm',
    maxMessageBytes: 64 * MiB, drainSeconds: 10, logLevel: 'info', workerHeapMb: 1024,
    dnaFrequencies: [], dnaDefaultPopulation: 'nist1036/All', dnaMinTypedLoci: 8, dnaCustomLoci: '',
    exhaustiveLimit: 1_000_000, efSearch: 0, shortlist: 0,
    batchConcurrency: 0, batchRetentionDays: 30,
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads `--flag value` / `--flag=value` arguments and BIOMATCH_* variables; throws ConfigError. */
export function loadConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ServiceConfig {
  const config = defaultConfig();
  const problems: string[] = [];
  const given = new Map<keyof ServiceConfig, { raw: string; source: string }>();
  for (const o of OPTIONS) {
    const raw = env[o.env];
    if (raw !== undefined) given.set(o.key, { raw, source: o.env });
  }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const o = OPTIONS.find((x) => x.flag === flag);
    if (!o) { problems.push(`${arg}: unknown option (see --help)`); continue; }
    const raw = inline ?? argv[++i];
    if (raw === undefined) { problems.push(`${flag}: needs a value`); continue; }
    given.set(o.key, { raw, source: flag });
  }
  let maxQueueGiven = false;
  for (const o of OPTIONS) {
    const g = given.get(o.key);
    if (!g) continue;
    const v = o.parse(g.raw);
    if (v instanceof Error) problems.push(`${g.source}=${JSON.stringify(g.raw)}: ${v.message}`);
    else {
      (config as unknown as Record<string, unknown>)[o.key] = v;
      if (o.key === 'maxQueue') maxQueueGiven = true;
    }
  }
  if (!maxQueueGiven) config.maxQueue = config.poolSize * 16;
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

export function usage(): string {
  const lines = OPTIONS.map((o) => `  ${(o.flag + ' <value>').padEnd(26)} ${o.env.padEnd(26)} ${o.help}`);
  return `usage: biomatch-server [options]\n\n  ${'flag'.padEnd(26)} ${'environment'.padEnd(26)} meaning\n${lines.join('\n')}\n`;
}
