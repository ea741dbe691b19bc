import { afterEach, describe, expect, it } from 'vitest';
import { threadId } from 'node:worker_threads';
import { WorkerPool, resolveWorkerFile } from './worker-pool.js';
import { EngineError, ErrorCode } from '../errors.js';
import { asBatchWork, type WorkPriority } from '../work-priority.js';

const faultWorker = new URL('../../fixtures/workers/fault.worker.ts', import.meta.url);
const pools: WorkerPool[] = [];
function pool(...args: ConstructorParameters<typeof WorkerPool>): WorkerPool {
  const p = new WorkerPool(...args);
  pools.push(p);
  return p;
}
afterEach(async () => { await Promise.all(pools.splice(0).map((p) => p.destroy())); });

// The fault worker's tasks are not part of the service's task union; tests reach them this way.
type AnyRun = (task: unknown, options?: { signal?: AbortSignal; priority?: WorkPriority }) => Promise<unknown>;
const run = (p: WorkerPool, task: unknown, signal?: AbortSignal, priority?: WorkPriority) => (p.run as unknown as AnyRun).call(p, task, { signal, ...(priority ? { priority } : {}) });

describe('WorkerPool', () => {
  it('runs tasks in worker threads with TensorFlow.js initialised once per thread on wasm', async () => {
    const p = pool({ size: 1, tfBackend: 'wasm' });
    const first = await p.run({ kind: 'runtime-info' });
    const second = await p.run({ kind: 'runtime-info' });
    expect(first.isMainThread).toBe(false);
    expect(first.threadId).not.toBe(threadId);
    expect(first.tfBackend).toBe('wasm');
    expect(second.threadId).toBe(first.threadId);
    expect(second.tfInitCount).toBe(1);
    expect(second.tasksRun).toBe(2);
  });

  it('takes the TensorFlow.js backend from config', async () => {
    const p = pool({ size: 1, tfBackend: 'cpu' });
    expect((await p.run({ kind: 'runtime-info' })).tfBackend).toBe('cpu');
    expect(p.stats().tfBackend).toBe('cpu');
  });

  it('answers RESOURCE_EXHAUSTED when the queue is full, and serves the queued work', async () => {
    const p = pool({ size: 1, maxQueue: 1, workerUrl: faultWorker });
    await run(p, { kind: 'thread-id' }); // thread up
    const running = run(p, { kind: 'sleep', ms: 400 });
    const queued = run(p, { kind: 'sleep', ms: 10 });
    await expect(run(p, { kind: 'sleep', ms: 10 })).rejects.toMatchObject({ code: ErrorCode.ResourceExhausted });
    await expect(running).resolves.toBeTypeOf('number');
    await expect(queued).resolves.toBeTypeOf('number');
  });

  it('stops a running task at its deadline (DEADLINE_EXCEEDED) and a queued one on cancel (CANCELLED)', async () => {
    const p = pool({ size: 1, maxQueue: 4, workerUrl: faultWorker });
    await run(p, { kind: 'thread-id' });
    const deadline = new AbortController();
    const cancel = new AbortController();
    const started = Date.now();
    const running = run(p, { kind: 'sleep', ms: 20_000 }, deadline.signal);
    const queued = run(p, { kind: 'sleep', ms: 20_000 }, cancel.signal);
    setTimeout(() => cancel.abort(new EngineError(ErrorCode.Cancelled, 'the client cancelled the request')), 100);
    setTimeout(() => deadline.abort(new EngineError(ErrorCode.DeadlineExceeded, 'the deadline passed')), 200);
    await expect(queued).rejects.toMatchObject({ code: ErrorCode.Cancelled });
    await expect(running).rejects.toMatchObject({ code: ErrorCode.DeadlineExceeded });
    expect(Date.now() - started).toBeLessThan(10_000);
    // The busy thread was terminated and replaced: the pool still works.
    await expect(run(p, { kind: 'thread-id' })).resolves.toBeTypeOf('number');
  });

  it('a worker that crashes or exits fails only its own task, with INTERNAL', async () => {
    const p = pool({ size: 1, workerUrl: faultWorker });
    await expect(run(p, { kind: 'crash' })).rejects.toMatchObject({ code: ErrorCode.Internal });
    await expect(run(p, { kind: 'exit' })).rejects.toMatchObject({ code: ErrorCode.Internal });
    await expect(run(p, { kind: 'thread-id' })).resolves.toBeTypeOf('number');
  });

  it('carries an engine error across the thread boundary with its code and field', async () => {
    const p = pool({ size: 1, workerUrl: faultWorker });
    const e = await run(p, { kind: 'throw-engine-error' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(EngineError);
    expect(e).toMatchObject({ code: ErrorCode.InvalidArgument, field: 'image.data' });
  });

  it('starts every waiting interactive task before any waiting batch task', async () => {
    const p = pool({ size: 1, workerUrl: faultWorker });
    await run(p, { kind: 'thread-id' });
    const done: string[] = [];
    const track = (name: string, work: Promise<unknown>) => work.then(() => { done.push(name); });
    const all = [
      track('running', run(p, { kind: 'sleep', ms: 150 })),
      // Batch work by context, as the job runner marks its items, and by option.
      track('batch-1', asBatchWork(() => run(p, { kind: 'sleep', ms: 5 }))),
      track('batch-2', run(p, { kind: 'sleep', ms: 5 }, undefined, 'batch')),
      track('interactive-1', run(p, { kind: 'sleep', ms: 5 })),
      track('interactive-2', run(p, { kind: 'sleep', ms: 5 })),
    ];
    expect(p.stats()).toMatchObject({ queued: 4, batchQueued: 2 });
    await Promise.all(all);
    expect(done).toEqual(['running', 'interactive-1', 'interactive-2', 'batch-1', 'batch-2']);
  });

  it('keeps batch tasks off at least one thread: a second batch task waits while a thread is idle', async () => {
    const p = pool({ size: 2, workerUrl: faultWorker });
    expect(p.batchThreads).toBe(1);
    await Promise.all([run(p, { kind: 'sleep', ms: 50 }), run(p, { kind: 'sleep', ms: 50 })]); // both threads up
    const done: string[] = [];
    const track = (name: string, work: Promise<unknown>) => work.then(() => { done.push(name); });
    const all = [
      track('batch-long', run(p, { kind: 'sleep', ms: 400 }, undefined, 'batch')),
      track('batch-short', run(p, { kind: 'sleep', ms: 5 }, undefined, 'batch')),
    ];
    expect(p.stats()).toMatchObject({ batchRunning: 1, batchQueued: 1 });
    // The idle thread is kept for this interactive task, which arrives after both batch tasks.
    all.push(track('interactive', run(p, { kind: 'sleep', ms: 5 })));
    await Promise.all(all);
    expect(done).toEqual(['interactive', 'batch-long', 'batch-short']);
  });

  it('a waiting task cancelled before it starts leaves the queue; destroy fails the rest with UNAVAILABLE', async () => {
    const p = pool({ size: 1, workerUrl: faultWorker });
    await run(p, { kind: 'thread-id' });
    const running = run(p, { kind: 'sleep', ms: 300 }).catch((e: unknown) => e);
    const cancel = new AbortController();
    const cancelled = run(p, { kind: 'sleep', ms: 5 }, cancel.signal, 'batch');
    const left = run(p, { kind: 'sleep', ms: 5 }, undefined, 'batch').catch((e: unknown) => e);
    cancel.abort(new EngineError(ErrorCode.Cancelled, 'the batch job was cancelled'));
    await expect(cancelled).rejects.toMatchObject({ code: ErrorCode.Cancelled });
    expect(p.stats().batchQueued).toBe(1);
    await p.destroy();
    expect(await left).toMatchObject({ code: ErrorCode.Unavailable });
    expect(await running).toMatchObject({ code: ErrorCode.Unavailable });
  });

  it('runs TypeScript workers through tsx in development and compiled JS when built', () => {
    const dev = resolveWorkerFile(new URL('./pool.worker.ts', import.meta.url));
    expect(dev.filename.endsWith('dev-bootstrap.mjs')).toBe(true);
    expect(dev.entry.endsWith('/engine/workers/pool.worker.ts')).toBe(true);
    const built = resolveWorkerFile(new URL('file:///opt/biomatch/dist/engine/workers/pool.worker.js'));
    expect(built).toEqual({ filename: '/opt/biomatch/dist/engine/workers/pool.worker.js', entry: 'file:///opt/biomatch/dist/engine/workers/pool.worker.js' });
  });
});
