/** AdminService's operation: the server's state, for operators and dashboards. */
import { EngineError, ErrorCode } from '../../errors.js';
import { maySee } from '../../security/access.js';
import { defaultRoles, isAdmin, permits } from '../../security/roles.js';
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
  /** The record kind the index holds, when it can count what an agency sees (`visibleCount`). */
  readonly kind?: RecordKind;
  /** Live records `agency` may see, from the index's own access metadata (no record decoded). */
  visibleCount?(agency: string): number;
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
  /**
   * Records of `kind` that `agency` may see: from an index that keeps access metadata (the
   * fingerprint gallery: one pass over its slots), else one pass over the store's records of that
   * kind. O(records of the kind) either way; the store pass decodes each record, which is fine
   * for DNA profiles and latents (small) and is why the fingerprint gallery answers for its own.
   */
  function visibleCount(kind: RecordKind, agency: string): number {
    const index = deps.indexes.find((i) => i.kind === kind && i.visibleCount);
    if (index?.visibleCount) return index.visibleCount(agency);
    let n = 0;
    for (const r of deps.store.scan(kind)) if (maySee(agency, r)) n++;
    return n;
  }

  return {
    /**
     * An admin (roles file) gets the whole server. Any other agency gets the counts of the
     * records it may see, for the kinds it may search, and nothing that reveals the size of the
     * whole store (its bytes, the indexes' entries).
     */
    async getStats(caller: Caller): Promise<ServerStats> {
      const roles = caller.roles ?? defaultRoles();
      const admin = isAdmin(roles, caller.agency);
      const common = {
        version: deps.version,
        startedAt: deps.startedAt,
        uptimeSeconds: (Date.now() - deps.startedAt.getTime()) / 1000,
        storeEngine: 'lmdb',
        pool: deps.pool.stats(),
        serving: deps.serving(),
      };
      if (admin) {
        return {
          ...common,
          records: RECORD_KINDS.map((kind) => ({ kind, count: deps.store.count(kind) })),
          storeBytes: deps.store.sizeBytes(),
          indexes: deps.indexes.map((i) => ({ name: i.name, entries: i.entries(), loaded: i.loaded() })),
        };
      }
      return {
        ...common,
        records: RECORD_KINDS.filter((kind) => permits(roles, caller.agency, 'search', kind)).map((kind) => ({ kind, count: visibleCount(kind, caller.agency) })),
        storeBytes: 0,
        indexes: [],
      };
    },
  };
}

export type AdminOperations = ReturnType<typeof adminOperations>;
