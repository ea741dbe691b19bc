/** AdminService's operation: the server's state, for operators and dashboards. */
import { EngineError, ErrorCode } from '../../errors.js';
import { RECORD_KINDS, type RecordKind } from '../../store/record.js';
import type { RecordStore } from '../../store/record-store.js';
import type { PoolStats, WorkerPool } from '../../workers/worker-pool.js';
import type { Caller } from './operation.js';

/** An in-memory index rebuilt from the store at start; health is NOT_SERVING until all have loaded. */
export interface ServingIndex {
  readonly name: string;
  load(store: RecordStore): Promise<void>;
  loaded(): boolean;
  entries(): number;
  /** Persists what is worth keeping across restarts (called once, at shutdown). */
  save?(): void | Promise<void>;
  /** Releases threads and memory (after save). */
  close?(): Promise<void>;
}

/**
 * Refuses work that needs an index still being rebuilt at start (a search would miss records; an
 * enrolment would race the rebuild): UNAVAILABLE, which clients retry.
 */
export function requireLoaded(index: Pick<ServingIndex, 'name' | 'loaded'>): void {
  if (!index.loaded()) throw new EngineError(ErrorCode.Unavailable, `the ${index.name} index is still loading; retry when health says SERVING`);
}

export interface ServerStats {
  version: string;
  startedAt: Date;
  uptimeSeconds: number;
  records: { kind: RecordKind; count: number }[];
  storeBytes: number;
  storeEngine: string;
  pool: PoolStats;
  indexes: { name: string; entries: number; loaded: boolean }[];
  serving: boolean;
}

export interface AdminOperationDeps {
  store: RecordStore;
  pool: WorkerPool;
  indexes: readonly ServingIndex[];
  version: string;
  startedAt: Date;
  serving(): boolean;
}

export function adminOperations(deps: AdminOperationDeps) {
  return {
    async getStats(_caller: Caller): Promise<ServerStats> {
      return {
        version: deps.version,
        startedAt: deps.startedAt,
        uptimeSeconds: (Date.now() - deps.startedAt.getTime()) / 1000,
        records: RECORD_KINDS.map((kind) => ({ kind, count: deps.store.count(kind) })),
        storeBytes: deps.store.sizeBytes(),
        storeEngine: 'lmdb',
        pool: deps.pool.stats(),
        indexes: deps.indexes.map((i) => ({ name: i.name, entries: i.entries(), loaded: i.loaded() })),
        serving: deps.serving(),
      };
    },
  };
}

export type AdminOperations = ReturnType<typeof adminOperations>;
