/**
 * The runner on a real store with a stand-in executor: bounded concurrency, fairness between
 * agencies (a small job is not stuck behind a big one), a full worker queue retried rather than
 * failed, and a stop that records nothing for the items it interrupts (they run at the next start).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordStore } from '../store/record-store.js';
import { EngineError, ErrorCode } from '../errors.js';
import { JobStore, type JobCaller, type JobMeta, type StoredItem } from './job-store.js';
import { itemsPerSecond, JobRunner, RECENT_KEPT, type ItemExecutor } from './job-runner.js';
import { currentWorkPriority, type WorkPriority } from '../work-priority.js';

const open: { store: RecordStore; dir: string }[] = [];
const runners: JobRunner[] = [];
afterEach(async () => {
  for (const r of runners.splice(0)) await r.stop();
  for (const { store, dir } of open.splice(0)) { await store.close(); rmSync(dir, { recursive: true, force: true }); }
});

function track(r: JobRunner): JobRunner {
  runners.push(r);
  return r;
}

function jobStore(): JobStore {
  const dir = mkdtempSync(join(tmpdir(), 'bm-jobs-'));
  const store = RecordStore.open(dir);
  open.push({ store, dir });
  return new JobStore(store);
}

async function submit(jobs: JobStore, caller: JobCaller, n: number): Promise<JobMeta> {
  const { job } = await jobs.begin(caller, '');
  for (let i = 1; i <= n; i++) await jobs.putItem(job.id, i, { itemId: `${caller.agency}-${i}`, kind: 'dna-search', request: { i } });
  return jobs.seal(job.id, n, ['dna-search']);
}

/** Runs each item for `ms`, recording the order and the most running at once. */
function timedExecutor(ms: number, fail?: (item: StoredItem) => EngineError | undefined) {
  const order: string[] = [];
  let running = 0;
  let most = 0;
  const executor: ItemExecutor = {
    method: () => '/biomatch.v1.DnaService/Search',
    async execute(_caller, item, _where, signal) {
      running++;
      most = Math.max(most, running);
      try {
        await new Promise<void>((resolve, reject) => {
          const t = setTimeout(resolve, ms);
          signal.addEventListener('abort', () => { clearTimeout(t); reject(signal.reason); }, { once: true });
        });
        const e = fail?.(item);
        if (e) throw e;
        order.push(item.itemId);
        return { response: { ok: item.itemId }, recordIds: [] };
      } finally { running--; }
    },
  };
  return { executor, order, most: () => most };
}

async function until(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('JobRunner', () => {
  it('never runs more than `concurrency` items, and a small job of another agency finishes long before a big one', async () => {
    const jobs = jobStore();
    const { executor, order, most } = timedExecutor(2);
    const runner = track(new JobRunner({ jobs, executor, concurrency: 3, retentionMs: 0 }));
    const big = await submit(jobs, { agency: 'BIG' }, 300);
    runner.enqueue(big);
    await runner.start();
    await until(() => order.length >= 30);
    const small = await submit(jobs, { agency: 'SMALL' }, 10);
    const from = order.length;
    runner.enqueue(small);
    await until(() => jobs.get(small.id)!.state === 'done');
    // Round robin: the small job's items alternate with the big one's; it waits for about its own
    // length of the big job's items (plus those already running), not for the big job to end.
    const lastSmall = order.lastIndexOf('SMALL-10');
    expect(order.slice(from, lastSmall + 1).filter((x) => x.startsWith('BIG')).length).toBeLessThanOrEqual(10 + 3);
    expect(jobs.get(big.id)!.state).toBe('running');
    await until(() => jobs.get(big.id)!.state === 'done');
    expect(most()).toBe(3);
    expect(jobs.get(big.id)).toMatchObject({ done: 300, failed: 0, state: 'done' });
    await runner.stop();
  }, 30_000);

  it('runs every item as batch work, including what the item awaits (the pool and gallery give interactive calls priority)', async () => {
    const jobs = jobStore();
    const seen: WorkPriority[] = [];
    const executor: ItemExecutor = {
      method: () => '/biomatch.v1.DnaService/Search',
      async execute() {
        seen.push(currentWorkPriority());
        await new Promise((r) => setTimeout(r, 1));
        seen.push(currentWorkPriority());
        return { response: {}, recordIds: [] };
      },
    };
    const runner = track(new JobRunner({ jobs, executor, concurrency: 2, retentionMs: 0 }));
    await runner.start();
    const job = await submit(jobs, { agency: 'A' }, 3);
    runner.enqueue(job);
    await until(() => jobs.get(job.id)!.state === 'done');
    expect(seen).toEqual(Array(6).fill('batch'));
    expect(currentWorkPriority()).toBe('interactive');
  });

  it('a full worker queue is retried, not an item failure; other errors are the item\'s result', async () => {
    const jobs = jobStore();
    let busy = 3;
    const { executor } = timedExecutor(1, (item) => {
      if (item.itemId === 'A-2' && busy-- > 0) return new EngineError(ErrorCode.ResourceExhausted, 'queue full');
      if (item.itemId === 'A-3') return EngineError.invalidArgument('profile.loci.vWA', 'not an allele');
      return undefined;
    });
    const runner = track(new JobRunner({ jobs, executor, concurrency: 1, retentionMs: 0, busyWaitMs: 1 }));
    await runner.start();
    const job = await submit(jobs, { agency: 'A' }, 3);
    runner.enqueue(job);
    await until(() => jobs.get(job.id)!.state === 'done');
    const results = [...jobs.results(job.id, 1)];
    expect(results.map((r) => r.result.error?.code ?? 'OK')).toEqual(['OK', 'OK', 'INVALID_ARGUMENT']);
    expect(results[2].result.error?.field).toBe('profile.loci.vWA');
    expect(busy).toBe(-1);
    await runner.stop();
  });

  it('stop records nothing for the items it interrupts; the next start runs only those without a result', async () => {
    const jobs = jobStore();
    const slow = timedExecutor(30);
    const runner = track(new JobRunner({ jobs, executor: slow.executor, concurrency: 2, retentionMs: 0 }));
    await runner.start();
    const job = await submit(jobs, { agency: 'A' }, 20);
    runner.enqueue(job);
    await until(() => jobs.get(job.id)!.done >= 5);
    await runner.stop();
    const doneAtStop = jobs.get(job.id)!.done;
    expect(doneAtStop).toBeLessThan(20);
    expect([...jobs.results(job.id, 1)]).toHaveLength(doneAtStop);
    const fast = timedExecutor(1);
    const again = track(new JobRunner({ jobs, executor: fast.executor, concurrency: 2, retentionMs: 0 }));
    await again.start();
    await until(() => jobs.get(job.id)!.state === 'done');
    expect(fast.order).toHaveLength(20 - doneAtStop);
    expect(new Set([...slow.order, ...fast.order]).size).toBe(20);
    await again.stop();
  });

  it('deletes finished jobs past the retention at start, and keeps the others', async () => {
    const jobs = jobStore();
    const old = await submit(jobs, { agency: 'A' }, 1);
    await jobs.update(old.id, (m) => ({ ...m, state: 'done', finishedAt: new Date(Date.now() - 3 * 86_400_000).toISOString() }));
    const recent = await submit(jobs, { agency: 'A' }, 1);
    await jobs.update(recent.id, (m) => ({ ...m, state: 'done', finishedAt: new Date().toISOString() }));
    const runner = track(new JobRunner({ jobs, executor: timedExecutor(1).executor, concurrency: 1, retentionMs: 86_400_000 }));
    await runner.start();
    expect(jobs.get(old.id)).toBeUndefined();
    expect(jobs.item(old.id, 1)).toBeUndefined();
    expect(jobs.get(recent.id)?.state).toBe('done');
    await runner.stop();
  });
});

describe('items a second', () => {
  it('divides by the span the kept completions cover, not always by the minute', () => {
    const now = 1_000_000;
    // 100 items in the last 10 s of a job active for 10 s: 10/s.
    expect(itemsPerSecond(Array.from({ length: 100 }, (_, i) => now - 10_000 + i * 100), now, now - 10_000)).toBeCloseTo(10, 5);
    // A job active for minutes, 30 items over the last minute: 0.5/s.
    expect(itemsPerSecond(Array.from({ length: 30 }, (_, i) => now - 60_000 + 1 + i * 2000), now, now - 600_000)).toBeCloseTo(0.5, 5);
    // 300 items a second for minutes: only the newest RECENT_KEPT are kept, over ~13.7 s — still ~300/s, not 68.
    const fast = Array.from({ length: RECENT_KEPT }, (_, i) => now - (RECENT_KEPT - i) * (1000 / 300));
    expect(itemsPerSecond(fast, now, now - 600_000)).toBeCloseTo(300, 0);
    expect(itemsPerSecond([], now, now)).toBe(0);
  });
});
