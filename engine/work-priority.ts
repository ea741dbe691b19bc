/**
 * Whose work is running now: an interactive call's, or a batch item's. Batch items run the same
 * operations as the RPCs (engine/jobs/job-runner.ts), so the priority travels with the async
 * context instead of through every operation's parameters: the job runner runs each item inside
 * `asBatchWork`, and the places where work waits its turn (the worker pool's queue, the gallery's
 * search slots) read `currentWorkPriority()`. Anything not started by the job runner is
 * interactive.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type WorkPriority = 'interactive' | 'batch';

const priority = new AsyncLocalStorage<WorkPriority>();

/** Runs `work` (and everything it awaits or starts) as batch work. */
export function asBatchWork<T>(work: () => T): T {
  return priority.run('batch', work);
}

export function currentWorkPriority(): WorkPriority {
  return priority.getStore() ?? 'interactive';
}
