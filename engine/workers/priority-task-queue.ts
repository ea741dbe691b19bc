/**
 * The worker pool's waiting tasks, in two classes: interactive tasks always leave before batch
 * tasks, each class first in, first out, and a batch task leaves only when the pool says a batch
 * task may start (its cap on batch tasks in flight). Small: the pool's bounded queue (16 per thread)
 * keeps it to tens of entries, so plain arrays do.
 */
import type { WorkPriority } from '../work-priority.js';

export class PriorityTaskQueue<T> {
  private readonly interactive: T[] = [];
  private readonly batch: T[] = [];

  get size(): number {
    return this.interactive.length + this.batch.length;
  }

  /** Waiting tasks of one class. */
  count(priority: WorkPriority): number {
    return priority === 'batch' ? this.batch.length : this.interactive.length;
  }

  push(task: T, priority: WorkPriority): void {
    (priority === 'batch' ? this.batch : this.interactive).push(task);
  }

  /**
   * The next task to start: the oldest interactive one; else, when `batchMayStart`, the oldest
   * batch one; else none.
   */
  shift(batchMayStart: boolean): { task: T; priority: WorkPriority } | undefined {
    const i = this.interactive.shift();
    if (i !== undefined) return { task: i, priority: 'interactive' };
    if (!batchMayStart) return undefined;
    const b = this.batch.shift();
    return b === undefined ? undefined : { task: b, priority: 'batch' };
  }

  /** Takes a waiting task out (cancelled before it started); false when it was not waiting. */
  remove(task: T): boolean {
    for (const list of [this.interactive, this.batch]) {
      const at = list.indexOf(task);
      if (at >= 0) { list.splice(at, 1); return true; }
    }
    return false;
  }

  /** Empties the queue, oldest first (interactive, then batch). */
  drain(): T[] {
    return [...this.interactive.splice(0), ...this.batch.splice(0)];
  }
}
