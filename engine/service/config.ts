/**
 * Server configuration: flags override environment variables, which override defaults. Every
 * value is validated at start; a bad one stops the server with a message naming it (main exits 2).
 */
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { isSubjectField, parseAgencyMap, type AgencySource } from '../security/certificate-identity.js';
import type { TfBackendName } from '../workers/messages.js';
import type { LogLevel } from './logger.js';
import { KeyFileError, readKeyFile } from '../security/encryption.js';
import { parseRoles } from '../security/roles.js';
import { DEFAULT_LATENT_EXHAUSTIVE_LIMIT, DEFAULT_LATENT_SHORTLIST_LENGTH, DEFAULT_REVERSE_SEARCH_MIN_SCORE, DEFAULT_TL_MIN_MARK_MINUTIAE } from '../latent/parameters.js';

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
  /** PEM server certificate (chain) for TLS; '' for plain text. */
  tlsCert: string;
  /** PEM private key of tlsCert. */
  tlsKey: string;
  /** PEM CA bundle for client certificates; given: mutual TLS, the agency comes from the certificate. */
  tlsClientCa: string;
  /** Client-certificate subject field naming the agency (default O). */
  tlsAgencyField: string;
  /** JSON file {"<sha-256 fingerprint>": "<agency>"}; given: the agency comes from it instead of a subject field. */
  tlsAgencyMap: string;
  /** Allows plain text on a non-loopback address. */
  insecure: boolean;
  /** File holding the 256-bit key that encrypts the data directory; '' for none (engine/security/encryption.ts). */
  encryptionKeyFile: string;
  /** Ed25519 private key (PKCS#8 PEM) signing audit checkpoints; '': `<dataDir>/audit-signing.key`, created at first start. */
  auditKeyFile: string;
  /** A signed audit checkpoint every this many entries. */
  auditCheckpointInterval: number;
  /** JSON roles file (security/roles.ts); '': the built-in defaults. Validated at start. */
  rolesFile: string;
  /** Reads and searches must carry a purpose code and a case reference. */
  requirePurpose: boolean;
  /** Calls per second per agency (token bucket); 0: no limit. */
  rateLimit: number;
  /** Calls an idle agency may make at once; 0: twice the rate. */
  rateBurst: number;
  /** Largest candidate list a request may ask for (max_candidates); larger asks are INVALID_ARGUMENT. */
  maxCandidates: number;
  /** Fewest compared loci a DNA search may ask for, per stringency (and for kinship searches). */
  dnaMinComparedLoci: DnaComparedLociFloor;
  /** Batch items running at once across every job; 0: the pool's threads (at least 2). */
  batchConcurrency: number;
  /** Days a finished batch job's results are kept; 0: until the job is deleted. */
  batchRetentionDays: number;
  /** Every tenprint enrolment is searched against the unsolved latent file (TL). */
  reverseSearch: boolean;
  /** A TL match at or above this score is stored as a hit for the mark's owner. */
  reverseSearchMinScore: number;
  /** Marks holding fewer minutiae are not searched by the automatic TL (enrolment and the daily schedule). */
  reverseSearchMinMarkMinutiae: number;
  /** Largest tenprint gallery a latent (LT) search scans exhaustively; beyond it, the index shortlist. */
  latentExhaustiveLimit: number;
  /** Index shortlist an LT search re-ranks beyond the exhaustive limit; 0: the `shortlist` setting. */
  latentShortlist: number;
}

/** Minimum compared loci per DNA search stringency, and for kinship searches. */
export interface DnaComparedLociFloor { high: number; moderate: number; low: number; kinship: number }

interface Option {
  key: keyof ServiceConfig;
  flag: string;
  env: string;
  help: string;
  parse: (raw: string) => ServiceConfig[keyof ServiceConfig] | Error;
  /** A switch: `--flag` alone means true. */
  boolean?: true;
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
  { key: 'dnaCustomLoci', flag: '--dna-custom-loci', env: 'BIOMATCH_DNA_CUSTOM_LOCI', help: 'JSON file of extra DNA loci/aliases: [{"name","repeatUnit"?,"aliases"?}]', parse: file },
  { key: 'exhaustiveLimit', flag: '--exhaustive-limit', env: 'BIOMATCH_EXHAUSTIVE_LIMIT', help: 'largest gallery an exhaustive fingerprint search may scan (default 1000000)', parse: integer(0, 100_000_000) },
  { key: 'efSearch', flag: '--ef-search', env: 'BIOMATCH_EF_SEARCH', help: 'HNSW search list length (default 20000; see docs/parameters.md)', parse: integer(1, 1_000_000) },
  { key: 'shortlist', flag: '--shortlist', env: 'BIOMATCH_SHORTLIST', help: 'index candidates re-ranked by the exact matcher (default 2500)', parse: integer(1, 1_000_000) },
  { key: 'encryptionKeyFile', flag: '--encryption-key-file', env: 'BIOMATCH_ENCRYPTION_KEY_FILE', help: 'file with a 256-bit key (64 hex characters; mode 600) that encrypts the data directory', parse: (r) => {
    const named = file(r);
    if (named instanceof Error) return named;
    try { readKeyFile(r); } catch (e) { return e instanceof KeyFileError ? e : new Error('cannot be read'); }
    return r;
  } },
  { key: 'batchConcurrency', flag: '--batch-concurrency', env: 'BIOMATCH_BATCH_CONCURRENCY', help: 'batch items running at once, all jobs together (default: the pool size, at least 2)', parse: integer(1, 1024) },
  { key: 'batchRetentionDays', flag: '--batch-retention-days', env: 'BIOMATCH_BATCH_RETENTION_DAYS', help: 'days finished batch jobs keep their results (default 30; 0: until deleted)', parse: integer(0, 36500) },
  { key: 'workerHeapMb', flag: '--worker-heap-mb', env: 'BIOMATCH_WORKER_HEAP_MB', help: 'heap limit per worker thread in MiB (default 1024)', parse: integer(64, 65536) },
  { key: 'tlsCert', flag: '--tls-cert', env: 'BIOMATCH_TLS_CERT', help: 'PEM server certificate (chain): serve TLS (needs --tls-key)', parse: file },
  { key: 'tlsKey', flag: '--tls-key', env: 'BIOMATCH_TLS_KEY', help: 'PEM private key of --tls-cert', parse: file },
  { key: 'tlsClientCa', flag: '--tls-client-ca', env: 'BIOMATCH_TLS_CLIENT_CA', help: 'PEM CA bundle: require client certificates (mutual TLS); the agency comes from the certificate', parse: file },
  { key: 'tlsAgencyField', flag: '--tls-agency-field', env: 'BIOMATCH_TLS_AGENCY_FIELD', help: 'client-certificate subject field naming the agency (default O)', parse: (r) => (isSubjectField(r) ? r : new Error('must be a subject field name such as O, OU or CN')) },
  { key: 'tlsAgencyMap', flag: '--tls-agency-map', env: 'BIOMATCH_TLS_AGENCY_MAP', help: 'JSON file {"<client cert SHA-256 fingerprint>": "<agency>"}, instead of a subject field', parse: file },
  { key: 'insecure', flag: '--insecure', env: 'BIOMATCH_INSECURE', help: 'allow plain text (no TLS) on a non-loopback --host', boolean: true, parse: (r) => (r.trim() === '' ? false : trueOrFalse(r)) },
  { key: 'auditKeyFile', flag: '--audit-key-file', env: 'BIOMATCH_AUDIT_KEY_FILE', help: 'Ed25519 key (PKCS#8 PEM) signing audit checkpoints; must exist (default: <data-dir>/audit-signing.key, created at first start)', parse: file },
  { key: 'auditCheckpointInterval', flag: '--audit-checkpoint-interval', env: 'BIOMATCH_AUDIT_CHECKPOINT_INTERVAL', help: 'a signed audit checkpoint every N entries (default 256)', parse: integer(1, 1_000_000) },
  { key: 'rolesFile', flag: '--roles-file', env: 'BIOMATCH_ROLES_FILE', help: 'JSON roles per agency and record kind (default: every agency may search, enrol, delete)', parse: rolesFile },
  { key: 'requirePurpose', flag: '--require-purpose', env: 'BIOMATCH_REQUIRE_PURPOSE', help: 'reads and searches need biomatch-purpose and biomatch-case (default true)', parse: trueOrFalse },
  { key: 'rateLimit', flag: '--rate-limit', env: 'BIOMATCH_RATE_LIMIT', help: 'calls per second per agency; 0: off (default 1000)', parse: integer(0, 1_000_000) },
  { key: 'rateBurst', flag: '--rate-burst', env: 'BIOMATCH_RATE_BURST', help: 'calls an idle agency may make at once (default twice the rate)', parse: integer(0, 10_000_000) },
  { key: 'maxCandidates', flag: '--max-candidates', env: 'BIOMATCH_MAX_CANDIDATES', help: 'largest candidate list a request may ask for (default 100)', parse: integer(1, 100_000) },
  { key: 'dnaMinComparedLoci', flag: '--dna-min-compared-loci', env: 'BIOMATCH_DNA_MIN_COMPARED_LOCI', help: 'fewest compared loci per DNA search (default high=8,moderate=8,low=12,kinship=8)', parse: comparedLociFloor },
  { key: 'reverseSearch', flag: '--reverse-search', env: 'BIOMATCH_REVERSE_SEARCH', help: 'search every tenprint enrolment against the unsolved latent file (default true)', parse: trueOrFalse },
  { key: 'reverseSearchMinScore', flag: '--reverse-search-min-score', env: 'BIOMATCH_REVERSE_SEARCH_MIN_SCORE', help: `score at which a tenprint-vs-mark match becomes a hit (default ${DEFAULT_REVERSE_SEARCH_MIN_SCORE})`, parse: (r) => {
    const v = Number(r);
    return r.trim() !== '' && Number.isFinite(v) && v > 0 && v <= 1 ? v : new Error('must be a score above 0, at most 1');
  } },
  { key: 'reverseSearchMinMarkMinutiae', flag: '--reverse-search-min-mark-minutiae', env: 'BIOMATCH_REVERSE_SEARCH_MIN_MARK_MINUTIAE', help: `fewest minutiae a filed mark needs to be searched by the automatic TL; 0: every mark (default ${DEFAULT_TL_MIN_MARK_MINUTIAE})`, parse: integer(0, 255) },
  { key: 'latentExhaustiveLimit', flag: '--latent-exhaustive-limit', env: 'BIOMATCH_LATENT_EXHAUSTIVE_LIMIT', help: `largest tenprint gallery a latent search scans exhaustively (default ${DEFAULT_LATENT_EXHAUSTIVE_LIMIT})`, parse: integer(0, 100_000_000) },
  { key: 'latentShortlist', flag: '--latent-shortlist', env: 'BIOMATCH_LATENT_SHORTLIST', help: `index candidates a latent search re-ranks beyond --latent-exhaustive-limit; 0: the --shortlist setting (default ${DEFAULT_LATENT_SHORTLIST_LENGTH})`, parse: integer(0, 1_000_000) },
];

function file(raw: string): string | Error {
  return raw.trim() === '' ? new Error('must name a file') : raw;
}

function trueOrFalse(raw: string): boolean | Error {
  const v = raw.trim().toLowerCase();
  return v === 'true' || v === '1' || v === 'yes' ? true : v === 'false' || v === '0' || v === 'no' ? false : new Error('must be true or false');
}

function rolesFile(raw: string): string | Error {
  if (raw.trim() === '') return '';
  let text: string;
  try { text = readFileSync(raw, 'utf8'); } catch (e) { return new Error(`cannot read the roles file (${e instanceof Error && 'code' in e ? String(e.code) : 'unreadable'})`); }
  try { parseRoles(text, raw); } catch (e) { return new Error(`bad roles file: ${e instanceof Error ? e.message : String(e)}`); }
  return raw;
}

function comparedLociFloor(raw: string): DnaComparedLociFloor | Error {
  const out = { ...DEFAULT_DNA_MIN_COMPARED_LOCI };
  for (const item of raw.split(',').map((x) => x.trim()).filter(Boolean)) {
    const m = /^(high|moderate|low|kinship)=(\d{1,3})$/.exec(item);
    if (!m || Number(m[2]) < 1) return new Error('must be high=N,moderate=N,low=N,kinship=N (any of them, N ≥ 1)');
    out[m[1] as keyof DnaComparedLociFloor] = Number(m[2]);
  }
  return out;
}

/**
 * Compared-loci floors. Two unrelated people agree by chance at one CODIS locus with probability
 * about 0.058 at HIGH, 0.18 at MODERATE and 0.53 at LOW (geometric means over the 20 core loci,
 * NIST 1036 "All" frequencies): 8 loci leave ~1e-10 and ~1e-6 of a database matching at HIGH and
 * MODERATE, but 6e-3 at LOW, so LOW needs 12 (5e-4). docs/decisions/roles-and-limits.md.
 */
export const DEFAULT_DNA_MIN_COMPARED_LOCI: DnaComparedLociFloor = { high: 8, moderate: 8, low: 12, kinship: 8 };

export function defaultConfig(): ServiceConfig {
  const poolSize = availableParallelism();
  return {
    host: '127.0.0.1', port: 50051, dataDir: './data', poolSize, maxQueue: poolSize * 16, tfBackend: 'wasm',
    maxMessageBytes: 64 * MiB, drainSeconds: 10, logLevel: 'info', workerHeapMb: 1024,
    dnaFrequencies: [], dnaDefaultPopulation: 'nist1036/All', dnaMinTypedLoci: 8, dnaCustomLoci: '',
    exhaustiveLimit: 1_000_000, efSearch: 0, shortlist: 0,
    tlsCert: '', tlsKey: '', tlsClientCa: '', tlsAgencyField: 'O', tlsAgencyMap: '', insecure: false,
    encryptionKeyFile: '',
    auditKeyFile: '', auditCheckpointInterval: 256,
    rolesFile: '', requirePurpose: true, rateLimit: 1000, rateBurst: 0, maxCandidates: 100, dnaMinComparedLoci: { ...DEFAULT_DNA_MIN_COMPARED_LOCI },
    batchConcurrency: 0, batchRetentionDays: 30,
    reverseSearch: true, reverseSearchMinScore: DEFAULT_REVERSE_SEARCH_MIN_SCORE, reverseSearchMinMarkMinutiae: DEFAULT_TL_MIN_MARK_MINUTIAE, latentExhaustiveLimit: DEFAULT_LATENT_EXHAUSTIVE_LIMIT,
    latentShortlist: DEFAULT_LATENT_SHORTLIST_LENGTH,
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
    const raw = inline ?? (o.boolean ? 'true' : argv[++i]);
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
  if (given.has('tlsAgencyField') && given.has('tlsAgencyMap')) problems.push('--tls-agency-field and --tls-agency-map: give one way to find the agency, not both');
  if (given.has('tlsAgencyField') && !config.tlsClientCa) problems.push('--tls-agency-field: applies only with --tls-client-ca (mutual TLS)');
  if (problems.length > 0) throw new ConfigError(problems);
  transportSecurity(config);
  return config;
}

/** What app.ts serves with: plain text, or TLS, and with a client CA where the agency comes from. */
export interface TransportSecurity {
  tls?: {
    cert: Buffer;
    key: Buffer;
    /** Mutual TLS: client certificates must chain to this bundle. */
    clientCa?: Buffer;
    agencySource?: AgencySource;
  };
}

/** Loopback addresses only this machine can reach: plain text there is allowed without --insecure. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

function readable(flag: string, path: string, problems: string[]): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (e) {
    problems.push(`${flag} ${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    return undefined;
  }
}

/** Every certificate in a PEM bundle; [] when there is none. */
function pemCertificates(pem: Buffer): X509Certificate[] {
  const blocks = pem.toString('latin1').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new X509Certificate(b));
}

/**
 * Reads and checks the TLS files named in `config` (readable, PEM, the key matching the
 * certificate, the agency map well-formed), and refuses plain text on a non-loopback address
 * without --insecure. Throws ConfigError naming each flag at fault.
 */
export function transportSecurity(config: ServiceConfig): TransportSecurity {
  const problems: string[] = [];
  if (!config.tlsCert !== !config.tlsKey) problems.push(config.tlsCert ? '--tls-cert: needs --tls-key' : '--tls-key: needs --tls-cert');
  if (!config.tlsCert && config.tlsClientCa) problems.push('--tls-client-ca: needs --tls-cert and --tls-key (mutual TLS is TLS first)');
  if (config.tlsAgencyMap && !config.tlsClientCa) problems.push('--tls-agency-map: applies only with --tls-client-ca (mutual TLS)');
  if (!config.tlsCert && !config.tlsKey && !config.insecure && !isLoopback(config.host)) {
    problems.push(`--host ${config.host}: refusing plain text (no TLS) on a non-loopback address; give --tls-cert and --tls-key, or --insecure to accept it`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  if (!config.tlsCert) return {};

  const cert = readable('--tls-cert', config.tlsCert, problems);
  const key = readable('--tls-key', config.tlsKey, problems);
  const clientCa = config.tlsClientCa ? readable('--tls-client-ca', config.tlsClientCa, problems) : undefined;
  const mapText = config.tlsAgencyMap ? readable('--tls-agency-map', config.tlsAgencyMap, problems) : undefined;
  if (cert && key) {
    let leaf: X509Certificate | undefined;
    try {
      leaf = pemCertificates(cert)[0];
      if (!leaf) problems.push(`--tls-cert ${config.tlsCert}: no PEM certificate in it`);
    } catch (e) {
      problems.push(`--tls-cert ${config.tlsCert}: not a readable PEM certificate (${(e as Error).message})`);
    }
    let privateKey;
    try {
      privateKey = createPrivateKey(key);
    } catch (e) {
      problems.push(`--tls-key ${config.tlsKey}: not a readable PEM private key (${(e as Error).message}; encrypted keys are not supported)`);
    }
    if (leaf && privateKey) {
      if (!leaf.checkPrivateKey(privateKey)) problems.push(`--tls-key ${config.tlsKey}: does not match the certificate in --tls-cert ${config.tlsCert}`);
      else if (Date.parse(leaf.validTo) < Date.now()) problems.push(`--tls-cert ${config.tlsCert}: expired on ${leaf.validTo}`);
      else {
        try {
          createSecureContext({ cert, key });
        } catch (e) {
          problems.push(`--tls-cert/--tls-key: not usable together (${(e as Error).message})`);
        }
      }
    }
  }
  if (clientCa) {
    try {
      if (pemCertificates(clientCa).length === 0) problems.push(`--tls-client-ca ${config.tlsClientCa}: no PEM certificate in it`);
    } catch (e) {
      problems.push(`--tls-client-ca ${config.tlsClientCa}: not a readable PEM certificate bundle (${(e as Error).message})`);
    }
  }
  let agencySource: AgencySource | undefined;
  if (mapText) {
    try {
      agencySource = { kind: 'fingerprint-map', agencies: parseAgencyMap(mapText.toString('utf8')) };
    } catch (e) {
      problems.push(`--tls-agency-map ${config.tlsAgencyMap}: ${(e as Error).message}`);
    }
  } else if (clientCa) {
    agencySource = { kind: 'subject-field', field: config.tlsAgencyField };
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return { tls: { cert: cert!, key: key!, ...(clientCa ? { clientCa, agencySource: agencySource! } : {}) } };
}

export function usage(): string {
  const lines = OPTIONS.map((o) => `  ${(o.flag + (o.boolean ? '' : ' <value>')).padEnd(26)} ${o.env.padEnd(26)} ${o.help}`);
  return `usage: biomatch-server [options]\n\n  ${'flag'.padEnd(26)} ${'environment'.padEnd(26)} meaning\n${lines.join('\n')}\n`;
}
