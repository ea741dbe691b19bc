import type { AdminServiceHandlers } from '../generated/biomatch/v1/AdminService.js';
import type { Stats } from '../generated/biomatch/v1/Stats.js';
import { RECORD_KINDS } from '../../store/record.js';
import { unary } from '../call-context.js';
import { timestamp } from '../convert/record.js';
import type { ServiceDeps } from '../deps.js';

export function adminHandlers(deps: ServiceDeps): AdminServiceHandlers {
  const { log, tracker } = deps;
  return {
    GetStats: unary('AdminService/GetStats', log, tracker, async (_req, ctx): Promise<Stats> => {
      ctx.requireAgency();
      const pool = deps.pool.stats();
      return {
        version: deps.version,
        startedAt: timestamp(deps.startedAt.toISOString()),
        uptimeSeconds: (Date.now() - deps.startedAt.getTime()) / 1000,
        records: RECORD_KINDS.map((kind) => ({ kind, count: deps.store.count(kind) })),
        storeBytes: deps.store.sizeBytes(),
        storeEngine: 'lmdb',
        pool: { threads: pool.threads, maxQueue: pool.maxQueue, queued: pool.queued, running: pool.running, completed: pool.completed, utilization: pool.utilization, tfjsBackend: pool.tfBackend },
        indexes: deps.indexes.map((i) => ({ name: i.name, entries: i.entries(), loaded: i.loaded() })),
        serving: deps.serving(),
      };
    }),
  };
}
