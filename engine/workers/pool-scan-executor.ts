/**
 * Gallery scans on the service's worker pool: the arena travels as shared memory (nothing is
 * copied but the probe and the slot list), and a search stops its scans through the shared stop
 * flag rather than by aborting pool tasks, which would terminate and replace the threads.
 */
import type { ScanExecutor } from '../fingerprint/identification/fingerprint-gallery.js';
import type { FormMaker } from '../fingerprint/identification/enrolment-forms.js';
import type { WorkerPool } from './worker-pool.js';
import { EngineError, ErrorCode } from '../errors.js';

export function poolScanExecutor(pool: WorkerPool, parallelism: number): ScanExecutor {
  return {
    parallelism: Math.max(1, parallelism),
    scan: (request) => pool.run({ kind: 'gallery-scan', request }),
  };
}

/**
 * Enrolment forms (prepared form and finger vector) made on the worker pool, off the event loop.
 * At most `inFlight` tasks are given to the pool at once, so a burst of enrolments waits its turn
 * here (up to `maxWaiting`, then RESOURCE_EXHAUSTED) instead of overflowing the pool's queue,
 * which extraction and searches share.
 */
export function poolFormMaker(pool: WorkerPool, inFlight: number, maxWaiting = 4096): FormMaker {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async make(templates) {
      if (running >= inFlight) {
        if (waiting.length >= maxWaiting) throw new EngineError(ErrorCode.ResourceExhausted, 'too many enrolments are waiting; retry later');
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running++;
      }
      try {
        return await pool.run({ kind: 'enrolment-forms', templates });
      } finally {
        const next = waiting.shift();
        if (next) next(); // the turn passes straight on
        else running--;
      }
    },
  };
}
