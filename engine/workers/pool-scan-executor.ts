/**
 * Gallery scans on the service's worker pool: the arena travels as shared memory (nothing is
 * copied but the probe and the slot list), and a search stops its scans through the shared stop
 * flag rather than by aborting pool tasks, which would terminate and replace the threads.
 */
import type { ScanExecutor } from '../fingerprint/identification/fingerprint-gallery.js';
import type { WorkerPool } from './worker-pool.js';

export function poolScanExecutor(pool: WorkerPool, parallelism: number): ScanExecutor {
  return {
    parallelism: Math.max(1, parallelism),
    scan: (request) => pool.run({ kind: 'gallery-scan', request }),
  };
}
