/**
 * The service's one worker pool (piscina): a bounded queue, deadlines and cancellation that reach
 * queued and running tasks, and crash isolation.
 *
 * - A full queue rejects at once with RESOURCE_EXHAUSTED (back-pressure to callers, not memory
 *   growth).
 * - An aborted signal removes a queued task, or terminates the thread running it (piscina replaces
 *   the thread); the task rejects with the signal's reason (DEADLINE_EXCEEDED or CANCELLED).
 * - A worker that dies (uncaught error, exit, out of memory) fails only its own task, with INTERNAL.
 * - Interactive calls come first. Tasks wait here, not in piscina: the pool hands piscina one task
 *   per thread, taking the oldest interactive task before any batch task (work-priority.ts says
 *   which a task is), and at most `batchThreads` batch tasks run at once (default: all threads but
 *   one), so a thread is always free of batch work for an interactive call's next task. Piscina's
 *   own `taskQueue` option was not enough: a task with an abort signal that finds no free thread goes
 *   to piscina's internal skip queue, which is drained before the task queue whatever the queue's
 *   order, and a queue cannot hold back a task (shift() must answer one while it holds any), so a
 *   cap on batch tasks in flight cannot live there (docs/decisions/batch-jobs.md).
 *
 * Workers written in TypeScript run in development through a bootstrap that registers tsx inside
 * the thread (tsx's loader does not reach worker threads on Node 20), and from the compiled `.js`
 * beside this file in the built output.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { EngineError, ErrorCode, toEngineError } from '../errors.js';
import { currentWorkPriority, type WorkPriority } from '../work-priority.js';
import type { TfBackendName, WorkerInit, WorkerResponse, WorkerTask, WorkerResultMap } from './messages.js';
import { PriorityTaskQueue } from './priority-task-queue.js';

export interface WorkerPoolOptions {
  /** Threads; default: the CPU count. */
  size?: number;
  /** Tasks waiting beyond the running ones; a further task is refused. */
  maxQueue?: number;
  tfBackend?: TfBackendName;
  /** Heap limit per worker, MiB: a hostile input exhausts its worker, not the server. */
  maxWorkerHeapMb?: number;
  /** Another worker entry (tests use this to exercise crashes); default pool.worker. */
  workerUrl?: URL;
  /** Batch tasks running at once; default: the threads less one (at least 1). */
  batchThreads?: number;
}

export interface PoolStats {
  threads: number;
  maxQueue: number;
  queued: number;
  running: number;
  completed: number;
  utilization: number;
  tfBackend: TfBackendName;
  /** Of queued and running: batch items' tasks. */
  batchQueued: number;
  batchRunning: number;
}

export interface RunOptions {
  signal?: AbortSignal;
  transferList?: ArrayBuffer[];
  /** Default: the async context's (work-priority.ts). */
  priority?: WorkPriority;
}

/** A task waiting for a thread. */
interface Waiting {
  start: () => void;
  fail: (e: unknown) => void;
}

/**
 * Resolves a worker entry to what piscina should load: the compiled .js when built; in
 * development a small bootstrap that registers tsx inside the thread and then imports the .ts
 * entry (`entry`, passed through workerData).
 */
export function resolveWorkerFile(url: URL): { filename: string; entry: string } {
  const path = fileURLToPath(url);
  if (path.endsWith('.ts') && existsSync(path)) {
    return { filename: fileURLToPath(new URL('./dev-bootstrap.mjs', import.meta.url)), entry: url.href };
  }
  return { filename: path.replace(/\.ts$/, '.js'), entry: pathToFileURL(path.replace(/\.ts$/, '.js')).href };
}

export class WorkerPool {
  private readonly piscina: Piscina;
  private readonly waiting = new PriorityTaskQueue<Waiting>();
  /** Tasks handed to piscina (at most one per thread), and how many of them are batch tasks. */
  private handedOut = 0;
  private batchHandedOut = 0;
  private readonly size: number;
  private idleWaiters: (() => void)[] = [];
  readonly tfBackend: TfBackendName;
  readonly maxQueue: number;
  readonly batchThreads: number;

  constructor(options: WorkerPoolOptions = {}) {
    const size = options.size ?? availableParallelism();
    this.size = size;
    this.maxQueue = options.maxQueue ?? size * 16;
    this.batchThreads = Math.max(1, Math.min(size, options.batchThreads ?? size - 1));
    this.tfBackend = options.tfBackend ?? 'wasm';
    const entry = options.workerUrl ?? new URL(import.meta.url.endsWith('.ts') ? './pool.worker.ts' : './pool.worker.js', import.meta.url);
    const { filename, entry: entryUrl } = resolveWorkerFile(entry);
    const init: WorkerInit = { tfBackend: this.tfBackend, entry: entryUrl };
    this.piscina = new Piscina({
      filename,
      minThreads: size,
      maxThreads: size,
      // Tasks wait in this.waiting; piscina holds at most one per thread (more only while a thread
      // terminated by an abort is being replaced).
      maxQueue: Math.max(size, this.maxQueue),
      idleTimeout: 60_000,
      workerData: init,
      resourceLimits: { maxOldGenerationSizeMb: options.maxWorkerHeapMb ?? 1024 },
    });
    // A thread that dies is replaced by piscina; its task is rejected below. Without a listener an
    // 'error' event would be thrown by the EventEmitter and take the process down.
    this.piscina.on('error', () => undefined);
  }

  async run<K extends WorkerTask['kind']>(task: Extract<WorkerTask, { kind: K }>, options: RunOptions = {}): Promise<WorkerResultMap[K]> {
    const { signal } = options;
    if (signal?.aborted) throw abortReason(signal);
    const priority = options.priority ?? currentWorkPriority();
    const response = await new Promise<WorkerResponse<WorkerResultMap[K]>>((resolve, reject) => {
      const onAbort = () => {
        if (this.waiting.remove(waiting)) reject(abortReason(signal!));
      };
      const waiting: Waiting = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          this.handOut<WorkerResultMap[K]>(task, options, priority).then(resolve, reject);
        },
        fail: (e) => { signal?.removeEventListener('abort', onAbort); reject(e); },
      };
      if (this.waiting.size >= this.maxQueue && !this.mayStartNow(priority)) {
        reject(new EngineError(ErrorCode.ResourceExhausted, 'the worker queue is full; retry later'));
        return;
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiting, priority);
      this.dispatch();
    });
    if (!response.ok) throw new EngineError(response.error.code, response.error.message, { field: response.error.field });
    return response.value;
  }

  private mayStartNow(priority: WorkPriority): boolean {
    return this.handedOut < this.size && this.waiting.count('interactive') === 0 && (priority === 'interactive' || this.batchHandedOut < this.batchThreads);
  }

  /** Starts waiting tasks while a thread is free: interactive first, batch within its cap. */
  private dispatch(): void {
    while (this.handedOut < this.size) {
      const next = this.waiting.shift(this.batchHandedOut < this.batchThreads);
      if (!next) break;
      this.handedOut++;
      if (next.priority === 'batch') this.batchHandedOut++;
      next.task.start();
    }
    if (this.handedOut === 0 && this.waiting.size === 0) for (const w of this.idleWaiters.splice(0)) w();
  }

  private async handOut<R>(task: WorkerTask, options: RunOptions, priority: WorkPriority): Promise<WorkerResponse<R>> {
    const { signal } = options;
    try {
      return await this.piscina.run(task, { signal: signal ?? null, transferList: options.transferList }) as WorkerResponse<R>;
    } catch (thrown) {
      if (signal?.aborted) throw abortReason(signal);
      if (thrown instanceof Error && thrown.message === 'Task queue is at limit') {
        throw new EngineError(ErrorCode.ResourceExhausted, 'the worker queue is full; retry later');
      }
      if (thrown instanceof Error && thrown.message === 'Terminating worker thread') {
        throw new EngineError(ErrorCode.Unavailable, 'the worker pool is shutting down');
      }
      // The worker died under this task (crash, exit, out of memory): its caller gets INTERNAL.
      throw EngineError.internal('the worker running this request failed', thrown);
    } finally {
      this.handedOut--;
      if (priority === 'batch') this.batchHandedOut--;
      this.dispatch();
    }
  }

  stats(): PoolStats {
    const piscinaQueued = this.piscina.queueSize;
    return {
      threads: this.piscina.threads.length,
      maxQueue: this.maxQueue,
      queued: this.waiting.size + piscinaQueued,
      running: Math.max(0, this.handedOut - piscinaQueued),
      completed: this.piscina.completed,
      utilization: this.piscina.utilization,
      tfBackend: this.tfBackend,
      batchQueued: this.waiting.count('batch'),
      batchRunning: this.batchHandedOut,
    };
  }

  /** Waits for running and queued tasks (up to the caller's bound), then stops the threads. */
  async close(): Promise<void> {
    if (this.handedOut > 0 || this.waiting.size > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    await this.piscina.close();
  }

  /** Stops at once: waiting tasks and running ones fail with UNAVAILABLE. */
  async destroy(): Promise<void> {
    for (const w of this.waiting.drain()) w.fail(new EngineError(ErrorCode.Unavailable, 'the worker pool is shutting down'));
    await this.piscina.destroy();
  }
}

function abortReason(signal: AbortSignal): EngineError {
  const reason: unknown = signal.reason;
  if (reason instanceof EngineError) return reason;
  const e = toEngineError(reason);
  return e.code === ErrorCode.Internal ? new EngineError(ErrorCode.Cancelled, 'the request was cancelled') : e;
}
