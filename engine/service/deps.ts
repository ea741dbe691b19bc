import { EngineError, ErrorCode } from '../errors.js';

/**
 * Refuses work that needs an index still being rebuilt at start (a search would miss records; an
 * enrolment would race the rebuild): UNAVAILABLE, which clients retry.
 */
export function requireLoaded(index: ServingIndex): void {
  if (!index.loaded()) throw new EngineError(ErrorCode.Unavailable, `the ${index.name} index is still loading; retry when health says SERVING`);
}

/** What the handlers share: configuration, the store, the pool, the in-memory indexes, the log. */
import type { RecordStore } from '../store/record-store.js';
import type { WorkerPool } from '../workers/worker-pool.js';
import type { CallTracker } from './call-context.js';
import type { ServiceConfig } from './config.js';
import type { Logger } from './logger.js';

/**
 * An in-memory index rebuilt from the store at start (DNA loci, fingerprint ANN). Health answers
 * NOT_SERVING until every registered index has loaded.
 */
export interface ServingIndex {
  readonly name: string;
  load(store: RecordStore): Promise<void>;
  loaded(): boolean;
  entries(): number;
  /** Persists what is worth keeping across restarts (called once, at shutdown). */
  save?(): void;
}

export interface ServiceDeps {
  config: ServiceConfig;
  store: RecordStore;
  pool: WorkerPool;
  log: Logger;
  startedAt: Date;
  indexes: ServingIndex[];
  tracker: CallTracker;
  version: string;
  serving(): boolean;
}
