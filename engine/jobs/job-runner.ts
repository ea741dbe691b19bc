/**
 * Runs batch jobs in the background, item by item, through the same operations as the RPCs
 * (the ItemExecutor the service hands in).
 *
 * - Bounded: at most `concurrency` items run at once, whatever the number of jobs, so batch work
 *   holds a bounded share of the worker pool and interactive calls keep the rest. Items run as
 *   batch work (work-priority.ts): the pool starts interactive tasks first and keeps batch tasks
 *   off one thread, and the gallery gives interactive searches their own slots.
 * - Fair: the next item comes from the next agency in turn, and within an agency from its next job
 *   in turn, so a 10-item job is not queued behind another's 100k-item job.
 * - Streamed: an item is read from the store when it is dispatched; nothing holds a job's items
 *   or results in memory (a job in memory is a cursor and a few counters).
 * - Durable: an item's result is written once (JobStore.recordResult). An item stopped by a
 *   shutdown records nothing and runs again when the server restarts; one that had already
 *   finished is skipped.
 */
import { EngineError, ErrorCode, toEngineError } from '../errors.js';
import { asBatchWork } from '../work-priority.js';
import { isTerminal, type ItemError, type JobCaller, type JobMeta, type JobStore, type StoredItem } from './job-store.js';

/** What runs one item: decode as its RPC does, run the RPC's operation, encode its response. */
export interface ItemExecutor {
  /** The RPC path an item kind runs as, for the per-item hook (audit). */
  method(item: StoredItem): string;
  execute(caller: JobCaller, item: StoredItem, where: { jobId: string; item: number }, signal: AbortSignal): Promise<{ response: unknown; recordIds: string[] }>;
}

/** Called once per item result: for the audit trail (outcome 'OK' or a status code name). */
/**
 * Called once per item that ran, before its result is stored (so an item whose result is stored
 * has its audit entry, as an RPC's entry is written before its answer); awaited when it returns a
 * promise. An item that runs again after a crash is reported again: it really ran twice.
 */
export type ItemHook = (caller: JobCaller, method: string, outcome: string, recordIds: string[], where: { jobId: string; item: number }) => void | Promise<void>;

export interface JobRunnerOptions {
  jobs: JobStore;
  executor: ItemExecutor;
  /** Items running at once across every job. */
  concurrency: number;
  /** Finished jobs older than this are deleted; 0: kept until deleted. */
  retentionMs: number;
  onItem?: ItemHook;
  log?: (level: 'info' | 'warn' | 'error', msg: string, fields?: LogFields) => void;
  /** A full worker queue is retried after this wait (doubling, at most 2 s), for at most `busyRetryMs`. */
  busyWaitMs?: number;
  busyRetryMs?: number;
}

/** Log fields: ids and counts only, never item payloads. */
export type LogFields = Record<string, string | number | boolean | null | undefined>;

interface ActiveJob {
  id: string;
  agency: string;
  caller: JobCaller;
  total: number;
  /** Next item number to dispatch. */
  next: number;
  inFlight: number;
  controller: AbortController;
  /** Completion times (ms) in the last minute, for the rate. */
  recent: number[];
  activeSince: number;
  markedRunning: boolean;
  scheduleId?: string;
}

const RATE_WINDOW_MS = 60_000;
const SWEEP_MS = 3_600_000;

export class JobRunner {
  private readonly byAgency = new Map<string, ActiveJob[]>();
  private agencyOrder: string[] = [];
  private turn = 0;
  private running = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly stopping = new AbortController();
  private started = false;
  private sweepTimer: NodeJS.Timeout | undefined;
  private readonly rates = new Map<string, ActiveJob>();

  constructor(private readonly options: JobRunnerOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw EngineError.invalidArgument('concurrency', 'must be a positive integer');
  }

  /** Resumes every unfinished job (oldest first) and starts the retention sweep. */
  async start(): Promise<void> {
    this.started = true;
    await this.sweep();
    const unfinished = [...this.options.jobs.jobs()].filter((j) => j.state === 'queued' || j.state === 'running')
      .sort((a, b) => a.submittedAt.localeCompare(b.submittedAt));
    for (const job of unfinished) this.add(job);
    if (unfinished.length) this.log('info', 'batch jobs resumed', { jobs: unfinished.length });
    this.sweepTimer = setInterval(() => { void this.sweep(); }, SWEEP_MS);
    this.sweepTimer.unref();
    this.pump();
  }

  /** A newly acknowledged job; it runs once the runner has started. */
  enqueue(job: JobMeta): void {
    this.add(job);
    this.pump();
  }

  /** Stops the job's items (those running record nothing) and forgets it. */
  cancel(jobId: string): void {
    const job = this.rates.get(jobId);
    if (!job) return;
    job.controller.abort(new EngineError(ErrorCode.Cancelled, 'the batch job was cancelled'));
    this.remove(job);
  }

  /** Items per second over the last minute and the seconds left at that rate (0 when unknown). */
  progress(job: JobMeta): { itemsPerSecond: number; etaSeconds: number } {
    const active = this.rates.get(job.id);
    if (!active || isTerminal(job.state)) return { itemsPerSecond: 0, etaSeconds: 0 };
    const now = Date.now();
    active.recent = active.recent.filter((t) => t > now - RATE_WINDOW_MS);
    const rate = itemsPerSecond(active.recent, now, active.activeSince);
    return { itemsPerSecond: rate, etaSeconds: rate > 0 ? (job.total - job.done) / rate : 0 };
  }

  /** Items running now, across every job. */
  get active(): number {
    return this.running;
  }

  /** Stops dispatching, aborts the items running (they run again at the next start) and waits for them. */
  async stop(): Promise<void> {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    this.stopping.abort(new EngineError(ErrorCode.Unavailable, 'the server is shutting down'));
    await Promise.allSettled([...this.inFlight]);
  }

  private add(meta: JobMeta): void {
    if (this.rates.has(meta.id) || isTerminal(meta.state)) return;
    const job: ActiveJob = {
      id: meta.id, agency: meta.caller.agency, caller: meta.caller, total: meta.total, next: 1, inFlight: 0,
      controller: new AbortController(), recent: [], activeSince: Date.now(), markedRunning: meta.state === 'running',
      ...(meta.scheduleId ? { scheduleId: meta.scheduleId } : {}),
    };
    this.rates.set(job.id, job);
    const list = this.byAgency.get(job.agency);
    if (list) list.push(job);
    else { this.byAgency.set(job.agency, [job]); this.agencyOrder.push(job.agency); }
  }

  private remove(job: ActiveJob): void {
    this.rates.delete(job.id);
    const list = this.byAgency.get(job.agency);
    if (!list) return;
    const i = list.indexOf(job);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) {
      this.byAgency.delete(job.agency);
      const at = this.agencyOrder.indexOf(job.agency);
      this.agencyOrder.splice(at, 1);
      if (at < this.turn) this.turn--;
    }
  }

  /** The next job to take an item from: agencies in turn, then that agency's jobs in turn. */
  private pick(): ActiveJob | undefined {
    const n = this.agencyOrder.length;
    for (let i = 0; i < n; i++) {
      const at = (this.turn + i) % n;
      const list = this.byAgency.get(this.agencyOrder[at])!;
      const k = list.findIndex((j) => j.next <= j.total);
      if (k < 0) continue;
      const job = list[k];
      list.splice(k, 1);
      list.push(job);
      this.turn = (at + 1) % n;
      return job;
    }
    return undefined;
  }

  private pump(): void {
    if (!this.started || this.stopping.signal.aborted) return;
    while (this.running < this.options.concurrency) {
      const job = this.pick();
      if (!job) return;
      const n = job.next++;
      // Resumed after a restart: an item that already has its result is not run again.
      if (this.options.jobs.hasResult(job.id, n)) { this.finishIfComplete(job); continue; }
      this.running++;
      job.inFlight++;
      if (!job.markedRunning) {
        job.markedRunning = true;
        void this.options.jobs.update(job.id, (m) => (m.state === 'queued' ? { ...m, state: 'running', startedAt: new Date().toISOString() } : m)).catch(() => undefined);
      }
      const p = this.runItem(job, n).finally(() => {
        this.inFlight.delete(p);
        this.running--;
        job.inFlight--;
        this.finishIfComplete(job);
        this.pump();
      });
      this.inFlight.add(p);
    }
  }

  private async runItem(job: ActiveJob, n: number): Promise<void> {
    const signal = AbortSignal.any([this.stopping.signal, job.controller.signal]);
    const where = { jobId: job.id, item: n };
    let item: StoredItem | undefined;
    let response: unknown;
    let recordIds: string[] = [];
    let error: ItemError | undefined;
    try {
      item = this.options.jobs.item(job.id, n);
      if (!item) throw EngineError.internal(`item ${n} of batch job ${job.id} is missing from the store`);
      // As batch work: interactive calls go first wherever work waits its turn (work-priority.ts).
      ({ response, recordIds } = await this.withBusyRetry(() => asBatchWork(() => this.options.executor.execute(job.caller, item!, where, signal)), signal));
    } catch (thrown) {
      // Stopped by a shutdown or a cancellation: no result; the item runs again on resume.
      if (signal.aborted) return;
      const e = toEngineError(thrown);
      if (e.code === ErrorCode.Internal) this.log('error', 'batch item failed', { jobId: job.id, item: n, cause: thrown instanceof Error ? thrown.message : String(thrown) });
      error = { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) };
    }
    try {
      await this.options.onItem?.(job.caller, item ? this.options.executor.method(item) : '', error ? error.code : 'OK', recordIds, where);
      const { recorded } = await this.options.jobs.recordResult(job.id, n, {
        itemId: item?.itemId ?? '', ...(item?.kind ? { kind: item.kind } : {}), ...(error ? { error } : { response }), finishedAt: new Date().toISOString(),
      }, job.scheduleId && !error ? recordIds : []);
      if (!recorded) return;
      job.recent.push(Date.now());
      if (job.recent.length > RECENT_KEPT) job.recent.splice(0, job.recent.length - RECENT_KEPT);
    } catch (e) {
      this.log('error', 'could not audit or store a batch item result; it will run again at restart', { jobId: job.id, item: n, cause: e instanceof Error ? e.message : String(e) });
    }
  }

  /** A full worker queue is back-pressure, not an item's failure: wait and try again. */
  private async withBusyRetry<T>(run: () => Promise<T>, signal: AbortSignal): Promise<T> {
    const budget = this.options.busyRetryMs ?? 120_000;
    let wait = this.options.busyWaitMs ?? 50;
    const until = Date.now() + budget;
    for (;;) {
      try {
        return await run();
      } catch (e) {
        if (signal.aborted || toEngineError(e).code !== ErrorCode.ResourceExhausted || Date.now() + wait > until) throw e;
      }
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(2000, wait * 2);
    }
  }

  private finishIfComplete(job: ActiveJob): void {
    if (job.next <= job.total || job.inFlight > 0) return;
    const meta = this.options.jobs.get(job.id);
    if (!meta || isTerminal(meta.state)) { this.remove(job); return; }
    // Every item dispatched and none running, yet not done: an item's result could not be
    // written. The job stays unfinished in the store and resumes at the next start.
    if (meta.done < meta.total) {
      this.remove(job);
      this.log('warn', 'batch job has items without results; they run again at the next start', { jobId: job.id, missing: meta.total - meta.done });
    }
  }

  /** Deletes finished jobs past the retention. */
  private async sweep(): Promise<void> {
    const keep = this.options.retentionMs;
    if (keep <= 0) return;
    const cutoff = Date.now() - keep;
    for (const job of [...this.options.jobs.jobs()]) {
      if (!isTerminal(job.state) || !job.finishedAt || Date.parse(job.finishedAt) > cutoff) continue;
      try {
        await this.options.jobs.delete(job.id);
        this.log('info', 'batch job expired', { jobId: job.id });
      } catch (e) {
        this.log('warn', 'could not delete an expired batch job', { jobId: job.id, cause: e instanceof Error ? e.message : String(e) });
      }
    }
  }

  private log(level: 'info' | 'warn' | 'error', msg: string, fields?: LogFields): void {
    this.options.log?.(level, msg, fields);
  }
}

export function expiresAt(job: JobMeta, retentionMs: number): string | undefined {
  return retentionMs > 0 && job.finishedAt ? new Date(Date.parse(job.finishedAt) + retentionMs).toISOString() : undefined;
}

/** Completion times kept per job for its rate. */
export const RECENT_KEPT = 4096;

/**
 * Items a second from the completion times in the last RATE_WINDOW_MS. The span is the window, or
 * less: since the job became active, or since the oldest time kept when more than RECENT_KEPT items
 * finished in the window (dividing those by the whole window capped the rate at 4096/60 = 68/s and
 * made the ETA too long; found by bench:batch).
 */
export function itemsPerSecond(recent: readonly number[], now: number, activeSince: number): number {
  const kept = recent.length >= RECENT_KEPT ? now - recent[0] : Infinity;
  const span = Math.min(RATE_WINDOW_MS, now - activeSince, kept) / 1000;
  return span > 0 ? recent.length / span : 0;
}
