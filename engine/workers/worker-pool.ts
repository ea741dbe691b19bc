/**
 * The service's one worker pool (piscina): a bounded queue, deadlines and cancellation that reach
 * queued and running tasks, and crash isolation.
 *
 * - A full queue rejects at once with RESOURCE_EXHAUSTED (back-pressure to callers, not memory
 *   growth).
 * - An aborted signal removes a queued task, or terminates the thread running it (piscina replaces
 *   the thread); the task rejects with the signal's reason (DEADLINE_EXCEEDED or CANCELLED).
 * - A worker that dies (uncaught error, exit, out of memory) fails only its own task, with INTERNAL.
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
import type { TfBackendName, WorkerInit, WorkerResponse, WorkerTask, WorkerResultMap } from './messages.js';

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
}

export interface PoolStats {
  threads: number;
  maxQueue: number;
  queued: number;
  running: number;
  completed: number;
  utilization: number;
  tfBackend: TfBackendName;
}

export interface RunOptions {
  signal?: AbortSignal;
  transferList?: ArrayBuffer[];
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
  private running = 0;
  readonly tfBackend: TfBackendName;
  readonly maxQueue: number;

  constructor(options: WorkerPoolOptions = {}) {
    const size = options.size ?? availableParallelism();
    this.maxQueue = options.maxQueue ?? size * 16;
    this.tfBackend = options.tfBackend ?? 'wasm';
    const entry = options.workerUrl ?? new URL(import.meta.url.endsWith('.ts') ? './pool.worker.ts' : './pool.worker.js', import.meta.url);
    const { filename, entry: entryUrl } = resolveWorkerFile(entry);
    const init: WorkerInit = { tfBackend: this.tfBackend, entry: entryUrl };
    this.piscina = new Piscina({
      filename,
      minThreads: size,
      maxThreads: size,
      maxQueue: this.maxQueue,
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
    if (this.piscina.queueSize >= this.maxQueue) {
      throw new EngineError(ErrorCode.ResourceExhausted, 'the worker queue is full; retry later');
    }
    this.running += 1;
    let response: WorkerResponse<WorkerResultMap[K]>;
    try {
      response = await this.piscina.run(task, { signal: signal ?? null, transferList: options.transferList });
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
      this.running -= 1;
    }
    if (!response.ok) throw new EngineError(response.error.code, response.error.message, { field: response.error.field });
    return response.value;
  }

  stats(): PoolStats {
    return {
      threads: this.piscina.threads.length,
      maxQueue: this.maxQueue,
      queued: this.piscina.queueSize,
      running: Math.max(0, this.running - this.piscina.queueSize),
      completed: this.piscina.completed,
      utilization: this.piscina.utilization,
      tfBackend: this.tfBackend,
    };
  }

  /** Waits for running and queued tasks (up to the caller's bound), then stops the threads. */
  async close(): Promise<void> {
    await this.piscina.close();
  }

  async destroy(): Promise<void> {
    await this.piscina.destroy();
  }
}

function abortReason(signal: AbortSignal): EngineError {
  const reason: unknown = signal.reason;
  if (reason instanceof EngineError) return reason;
  const e = toEngineError(reason);
  return e.code === ErrorCode.Internal ? new EngineError(ErrorCode.Cancelled, 'the request was cancelled') : e;
}
