/** AdminService on the wire. */
import type { AdminServiceHandlers } from '../generated/biomatch/v1/AdminService.js';
import { unary, type ServiceBindings } from '../binder.js';
import { timestamp } from '../convert/record.js';
import type { AdminOperations } from '../operations/admin.js';

export function adminBindings(ops: AdminOperations): ServiceBindings<AdminServiceHandlers> {
  return {
    GetStats: unary({
      access: 'agency',
      decode: () => ({}),
      run: (caller) => ops.getStats(caller),
      encode: (s) => ({
        version: s.version,
        startedAt: timestamp(s.startedAt.toISOString()),
        uptimeSeconds: s.uptimeSeconds,
        records: s.records,
        storeBytes: s.storeBytes,
        storeEngine: s.storeEngine,
        pool: { threads: s.pool.threads, maxQueue: s.pool.maxQueue, queued: s.pool.queued, running: s.pool.running, completed: s.pool.completed, utilization: s.pool.utilization, tfjsBackend: s.pool.tfBackend },
        indexes: s.indexes,
        serving: s.serving,
      }),
    }),
  };
}
