/**
 * The running service: opens the store, starts the worker pool, loads the in-memory indexes,
 * registers every service with health and reflection, and drains on shutdown.
 *
 * Health (grpc.health.v1): NOT_SERVING until every index has loaded, SERVING then, NOT_SERVING
 * again from the moment a shutdown starts.
 */
import { readFileSync } from 'node:fs';
import * as grpc from '@grpc/grpc-js';
import { HealthImplementation } from 'grpc-health-check';
import { addReflection } from './reflection.js';
import { RecordStore } from '../store/record-store.js';
import { WorkerPool } from '../workers/worker-pool.js';
import { transportSecurity, type ServiceConfig, type TransportSecurity } from './config.js';
import { createLogger, describeCause, type Logger } from './logger.js';
import { loadBiomatchProto } from './proto.js';
import { bindService } from './binder.js';
import { standardChain, type AuditSink, type CallTracker } from './interceptors.js';
import { whoCalled } from './audit-interceptor.js';
import { fingerprintOperations, type FingerprintOperations } from './operations/fingerprint.js';
import { dnaOperations, type DnaOperations } from './operations/dna.js';
import { adminOperations, type ServingIndex } from './operations/admin.js';
import type { Caller } from './operations/operation.js';
import { fingerprintBindings } from './bindings/fingerprint.js';
import { dnaBindings } from './bindings/dna.js';
import { adminBindings } from './bindings/admin.js';
import { latentBindings } from './bindings/latent.js';
import { latentOperations, type LatentOperations } from './operations/latent.js';
import { LatentGallery } from '../latent/latent-gallery.js';
import { LatentHitStore } from '../latent/latent-hits.js';
import { ReverseSearch } from '../latent/reverse-search.js';
import { batchBindings, batchItemExecutor, scheduleKinds } from './bindings/batch.js';
import { Scheduler } from '../jobs/scheduler.js';
import { batchOperations } from './operations/batch.js';
import { JobStore } from '../jobs/job-store.js';
import { JobRunner, type ItemHook } from '../jobs/job-runner.js';
import { DnaCatalog, DNA_SNAPSHOT_FILE, readCustomLoci } from './dna-catalog.js';
import { FingerprintGallery } from '../fingerprint/identification/fingerprint-gallery.js';
import { FINGER_VECTOR_ID, fingerVectorDimension } from '../fingerprint/identification/finger-vector.js';
import { CandidateIndexThread } from '../workers/candidate-index-thread.js';
import { poolFormMaker, poolScanExecutor } from '../workers/pool-scan-executor.js';
import { protoDir } from './proto.js';
import { join } from 'node:path';
import { EngineError, ErrorCode } from '../errors.js';
import { KeyFileError, readKeyFile, type EncryptionKey } from '../security/encryption.js';
import { AuditLog } from '../store/audit-log.js';
import { loadOrCreateSigningKey } from '../security/audit-key.js';
import { auditOperations } from './operations/audit.js';
import { defaultRoles, mayAuditAll, parseRoles, type Roles } from '../security/roles.js';
import { RateLimiter } from '../security/rate-limit.js';

export const SERVICE_NAMES = [
  'biomatch.v1.FingerprintService', 'biomatch.v1.LatentService', 'biomatch.v1.DnaService',
  'biomatch.v1.BatchService', 'biomatch.v1.AdminService',
] as const;

/** Services whose operations are built; the others answer UNIMPLEMENTED and health NOT_SERVING. */
export const BUILT_SERVICES: readonly string[] = ['biomatch.v1.FingerprintService', 'biomatch.v1.DnaService', 'biomatch.v1.AdminService', 'biomatch.v1.BatchService', 'biomatch.v1.LatentService'];

/** What the running service is made of; tests and tools reach operations and galleries here. */
export interface ServiceParts {
  config: ServiceConfig;
  store: RecordStore;
  pool: WorkerPool;
  log: Logger;
  gallery: FingerprintGallery;
  catalog: DnaCatalog;
  indexes: ServingIndex[];
  operations: { fingerprint: FingerprintOperations; dna: DnaOperations; latent: LatentOperations };
  /** The unsolved latent file's gallery. */
  latents: LatentGallery;
  /** TL: tenprint enrolments searched against the unsolved latent file. */
  reverseSearch: ReverseSearch;
  tracker: CallTracker;
  /** The audit chain (the default audit sink). */
  audit: AuditLog;
  jobs: JobStore;
  runner: JobRunner;
  scheduler: Scheduler;
}

export interface RunningService {
  /** The port actually bound (useful with port 0). */
  port: number;
  deps: ServiceParts;
  /** Resolves once every index has loaded and health says SERVING. */
  ready: Promise<void>;
  /** Graceful: NOT_SERVING, refuse new calls, wait up to drainSeconds, cancel the rest, close. */
  shutdown(reason: string): Promise<void>;
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(protoDir(), '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/**
 * TLS with the configured certificate; with a client CA, clients must present a certificate
 * chaining to it (checkClientCertificate), or the handshake fails before any call.
 */
function serverCredentials(transport: TransportSecurity): grpc.ServerCredentials {
  const tls = transport.tls;
  if (!tls) return grpc.ServerCredentials.createInsecure();
  return grpc.ServerCredentials.createSsl(tls.clientCa ?? null, [{ cert_chain: tls.cert, private_key: tls.key }], tls.clientCa !== undefined);
}

/** The roles file, validated (config.ts checked it at start too; it may have changed since). */
function loadRoles(path: string): Roles {
  if (!path) return defaultRoles();
  try {
    return parseRoles(readFileSync(path, 'utf8'), path);
  } catch (e) {
    throw new EngineError(ErrorCode.FailedPrecondition, `roles file ${path}: ${e instanceof Error ? e.message : 'cannot be read'}`, { cause: e });
  }
}

export async function startService(config: ServiceConfig, options: { log?: Logger; indexes?: ServingIndex[]; audit?: AuditSink; mayAuditAll?: (caller: Caller) => boolean; onBatchItem?: ItemHook } = {}): Promise<RunningService> {
  const log = options.log ?? createLogger(config.logLevel);
  const roles = loadRoles(config.rolesFile);
  // Before anything opens: unreadable TLS files, or plain text on a non-loopback address without
  // --insecure, stop the start with a ConfigError naming the flag.
  const transport = transportSecurity(config);
  const encryptionKey = config.encryptionKeyFile ? loadEncryptionKey(config.encryptionKeyFile) : undefined;
  const store = RecordStore.open(config.dataDir, encryptionKey ? { encryptionKey } : {});
  let auditLog: AuditLog;
  try {
    const key = loadOrCreateSigningKey(config.dataDir, config.auditKeyFile || undefined);
    if (key.warning) log.warn(key.warning);
    auditLog = await AuditLog.open(store, {
      privateKey: key.privateKey, publicKey: key.publicKey, interval: config.auditCheckpointInterval,
      warn: (msg, fields) => log.warn(msg, fields), error: (msg, fields) => log.error(msg, fields),
    });
    log.info('audit trail', { head: auditLog.headNow.seq, keyId: key.keyId, keyFile: key.path, checkpointInterval: auditLog.interval });
  } catch (e) {
    await store.close();
    throw e;
  }
  const pool = new WorkerPool({ size: config.poolSize, maxQueue: config.maxQueue, tfBackend: config.tfBackend, maxWorkerHeapMb: config.workerHeapMb });
  const tracker: CallTracker = { inFlight: new Set() };
  const gallery = new FingerprintGallery({
    index: new CandidateIndexThread({
      dimension: fingerVectorDimension(), path: join(config.dataDir, 'fingerprint.hnsw'), vectorId: FINGER_VECTOR_ID,
      // Encrypted: saved sealed, its plaintext only in RAM (docs/decisions/encryption-at-rest.md).
      ...(encryptionKey ? { sealKey: encryptionKey.bytesForThread() } : {}),
      ...(config.efSearch ? { efSearch: config.efSearch } : {}),
      onError: (message) => log.error('candidate index update failed', { reason: message }),
    }),
    executor: poolScanExecutor(pool, config.poolSize),
    forms: poolFormMaker(pool, 2 * config.poolSize),
    exhaustiveLimit: config.exhaustiveLimit,
    ...(config.shortlist ? { shortlistLength: config.shortlist } : {}),
    log: (msg, fields) => log.info(msg, fields),
  });
  const galleryIndex: ServingIndex = {
    name: gallery.name, load: (st) => gallery.load(st), loaded: () => gallery.loaded(), entries: () => gallery.entries(),
    save: () => gallery.save(), close: () => gallery.close(),
    kind: 'fingerprint', visibleCount: (agency) => gallery.visibleCount(agency),
  };
  let catalog: DnaCatalog;
  try {
    catalog = new DnaCatalog({
      ...(config.dnaCustomLoci ? { customLoci: readCustomLoci(config.dnaCustomLoci) } : {}),
      ...(config.dnaFrequencies.length ? { frequencyFiles: config.dnaFrequencies } : {}),
      defaultPopulation: config.dnaDefaultPopulation,
      minTypedLoci: config.dnaMinTypedLoci,
      onAddFailed: (recordId, reason) => log.error('DNA index update failed', { recordId, reason }),
      // Loaded at start instead of a rebuild, written at shutdown; sealed under the key (docs/decisions/dna-index-snapshot.md).
      snapshot: { path: join(config.dataDir, DNA_SNAPSHOT_FILE), ...(encryptionKey ? { sealKey: encryptionKey.bytesForThread() } : {}) },
      log: (msg, fields) => log.info(msg, fields),
    });
  } catch (e) {
    await gallery.close();
    await pool.destroy();
    await auditLog.close();
    await store.close();
    throw new EngineError(ErrorCode.FailedPrecondition, `DNA frequency tables: ${e instanceof Error ? e.message : 'cannot be loaded'}`, { cause: e });
  }
  // The unsolved latent file: scans and forms on the same pool as the tenprint gallery.
  const latents = new LatentGallery({ executor: poolScanExecutor(pool, config.poolSize), forms: poolFormMaker(pool, 2 * config.poolSize) });
  const latentHits = new LatentHitStore(store);
  const reverseSearch = new ReverseSearch({
    store, hits: latentHits, latents, minScore: config.reverseSearchMinScore, minMarkMinutiae: config.reverseSearchMinMarkMinutiae, log: (level, msg, fields) => log[level](msg, fields),
  });
  const indexes: ServingIndex[] = [galleryIndex, catalog, latents, ...(options.indexes ?? [])];
  let serving = false;
  let shuttingDown = false;
  const operations = {
    fingerprint: fingerprintOperations({ store, pool, gallery, ...(config.reverseSearch ? { afterEnrolment: reverseSearch } : {}) }),
    dna: dnaOperations({ store, catalog, minComparedLoci: config.dnaMinComparedLoci }),
    latent: latentOperations({ store, pool, gallery, latents, hits: latentHits, exhaustiveLimit: config.latentExhaustiveLimit, shortlistLength: config.latentShortlist }),
  };
  const admin = adminOperations({ store, pool, indexes, version: packageVersion(), startedAt: new Date(), serving: () => serving });
  // The store's chain is the default sink; a test may pass its own. Appends resolve once durable.
  const auditSink: AuditSink = options.audit ?? { record: async (e) => { await auditLog.append(e); } };
  const accessOptions = {
    roles, requirePurpose: config.requirePurpose, maxCandidates: config.maxCandidates,
    rateLimiter: new RateLimiter({ ratePerSecond: config.rateLimit, burst: config.rateBurst || 2 * config.rateLimit }),
  };
  const interceptors = standardChain({
    log, tracker, audit: auditSink, access: accessOptions,
    ...(transport.tls?.agencySource ? { identity: { certificates: transport.tls.agencySource } } : {}),
  });
  // An auditor (the roles file's audit grant) lists every agency's entries; others their own.
  const auditOps = auditOperations({ log: auditLog, mayAuditAll: options.mayAuditAll ?? ((caller) => mayAuditAll(roles, caller.agency)) });
  const bindings = { fingerprint: fingerprintBindings(operations.fingerprint), dna: dnaBindings(operations.dna, catalog), latent: latentBindings(operations.latent, { reverseSearchMinMarkMinutiae: config.reverseSearchMinMarkMinutiae }) };
  // Batch jobs share the store; a submission the server never acknowledged (it stopped mid-stream) is dropped.
  const jobs = new JobStore(store);
  const dropped = await jobs.purgeUnacknowledged();
  if (dropped) log.warn('dropped batch submissions that were never acknowledged', { jobs: dropped });
  const retentionMs = config.batchRetentionDays * 86_400_000;
  const runner = new JobRunner({
    jobs, executor: batchItemExecutor(bindings, roles), retentionMs,
    // As many items as threads (at least 2, so one item's store flush overlaps another's work): batch
    // holds at most that many of the pool's tasks at a time, a small share of its queue (16 per thread).
    concurrency: config.batchConcurrency || Math.max(2, config.poolSize),
    log: (level, msg, fields) => log[level](msg, fields),
    // Each item is audited as its own call (the RPC it runs), after its result is stored.
    onItem: options.onBatchItem ?? auditBatchItem(auditLog),
  });
  const scheduler = new Scheduler({ jobs, runner, kinds: scheduleKinds(store, { minScore: config.reverseSearchMinScore, minMarkMinutiae: config.reverseSearchMinMarkMinutiae }), log: (level, msg, fields) => log[level](msg, fields) });
  const deps: ServiceParts = { config, store, pool, log, gallery, catalog, indexes, operations, tracker, audit: auditLog, jobs, runner, scheduler, latents, reverseSearch };

  const { packageDefinition, proto } = loadBiomatchProto();
  const server = new grpc.Server({
    'grpc.max_receive_message_length': config.maxMessageBytes,
    'grpc.max_send_message_length': config.maxMessageBytes,
  });
  const v1 = proto.biomatch.v1;
  server.addService(v1.FingerprintService.service, bindService(v1.FingerprintService.service, bindings.fingerprint, interceptors));
  server.addService(v1.LatentService.service, bindService(v1.LatentService.service, bindings.latent, interceptors));
  server.addService(v1.DnaService.service, bindService(v1.DnaService.service, bindings.dna, interceptors));
  server.addService(v1.BatchService.service, bindService(v1.BatchService.service, batchBindings(batchOperations({ jobs, runner, retentionMs, scheduler })), interceptors));
  server.addService(v1.AdminService.service, bindService(v1.AdminService.service, adminBindings(admin, auditOps), interceptors));

  const health = new HealthImplementation(Object.fromEntries(['', ...SERVICE_NAMES].map((s) => [s, 'NOT_SERVING' as const])));
  health.addToServer(server);
  addReflection(server, packageDefinition);

  // A service that is not built stays NOT_SERVING whatever the server's state.
  const setAll = (status: 'SERVING' | 'NOT_SERVING') => {
    for (const s of ['', ...SERVICE_NAMES]) health.setStatus(s, s === '' || BUILT_SERVICES.includes(s) ? status : 'NOT_SERVING');
  };

  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${config.host}:${config.port}`, serverCredentials(transport), (err, bound) => (err ? reject(new EngineError(
      // A port in use or a bad host is a start-up failure the operator must see plainly.
      ErrorCode.Unavailable, `cannot listen on ${config.host}:${config.port}: ${err.message}`)) : resolve(bound)));
  }).catch(async (e) => { await gallery.close(); await pool.destroy(); await auditLog.close(); await store.close(); throw e; });
  log.info('listening', { host: config.host, port, transport: transport.tls ? (transport.tls.clientCa ? 'mutual-tls' : 'tls') : 'plaintext', dataDir: config.dataDir, encryptedAtRest: store.encrypted, poolSize: config.poolSize, maxQueue: config.maxQueue, tfBackend: config.tfBackend, maxMessageBytes: config.maxMessageBytes });

  log.info('access', { roles: roles.source, requirePurpose: config.requirePurpose, rateLimit: config.rateLimit, maxCandidates: config.maxCandidates });

  const ready = (async () => {
    for (const index of indexes) {
      const started = performance.now();
      await index.load(store);
      log.info('index loaded', { index: index.name, entries: index.entries(), ms: Math.round(performance.now() - started) });
    }
    if (!shuttingDown) {
      serving = true;
      setAll('SERVING');
      // Reverse searches a crash left pending run first, then each new enrolment's.
      if (config.reverseSearch) reverseSearch.start();
      // Batch jobs run once every index has loaded (their items search and enrol in them).
      await runner.start();
      scheduler.start();
      log.info('serving', { records: store.count('fingerprint') + store.count('dna-profile') + store.count('latent') });
    }
  })().catch((e: unknown) => {
    log.error('index load failed; staying NOT_SERVING', describeCause(e));
  });

  const shutdown = async (reason: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    serving = false;
    setAll('NOT_SERVING');
    log.info('draining', { reason, inFlight: tracker.inFlight.size, drainSeconds: config.drainSeconds });
    const drained = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), config.drainSeconds * 1000);
      server.tryShutdown(() => { clearTimeout(timer); resolve(true); });
    });
    if (!drained) {
      log.warn('drain bound reached; cancelling the calls still running', { inFlight: tracker.inFlight.size });
      for (const c of tracker.inFlight) c.abort(new EngineError(ErrorCode.Unavailable, 'the server is shutting down'));
      server.forceShutdown();
    }
    // Batch items stop before the pool they run on; those stopped run again at the next start.
    await scheduler.stop();
    await runner.stop();
    await reverseSearch.stop();
    await pool.destroy();
    for (const index of indexes) {
      try { await index.save?.(); } catch (e) { log.warn('could not save an index; it will be rebuilt at start', { index: index.name, ...describeCause(e) }); }
      try { await index.close?.(); } catch (e) { log.warn('could not close an index', { index: index.name, ...describeCause(e) }); }
    }
    // Signs what is unsigned (a 'shutdown' checkpoint); calls still finishing after this are refused.
    try { await auditLog.close(); } catch (e) { log.error('could not close the audit trail', describeCause(e)); }
    await store.close();
    log.info('stopped', { reason });
  };

  return { port, deps, ready, shutdown };
}

/** The key named by --encryption-key-file; a start-up error naming the file and the problem. */
function loadEncryptionKey(path: string): EncryptionKey {
  try {
    return readKeyFile(path);
  } catch (e) {
    if (e instanceof KeyFileError) throw new EngineError(ErrorCode.FailedPrecondition, `--encryption-key-file ${path}: ${e.message}`);
    throw e;
  }
}

/**
 * Each batch item is audited as the call it stands for: its RPC's method, the submitting caller
 * (agency, purpose, case), its status and record ids, with the job and item as the peer.
 */
function auditBatchItem(audit: AuditLog): ItemHook {
  return async (caller, method, outcome, recordIds, where) => {
    await audit.append({
      time: new Date().toISOString(), method, peer: `batch:${where.jobId}#${where.item}`, status: outcome, recordIds, counts: { records: recordIds.length },
      ...whoCalled(caller),
    });
  };
}
