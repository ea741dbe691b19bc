/**
 * BatchService's operations: submit a job (stored before it is acknowledged), its status, its
 * results from a resume token, cancel, list and delete — each on the caller's own jobs only
 * (another agency's job answers NOT_FOUND, as a record it may not see does).
 *
 * An item's request stays as the caller sent it until the item runs; the runner then decodes it
 * with its RPC's own decoder, so a bad item fails alone with the RPC's INVALID_ARGUMENT.
 */
import { EngineError, ErrorCode } from '../../errors.js';
import { expiresAt, type JobRunner } from '../../jobs/job-runner.js';
import type { Scheduler } from '../../jobs/scheduler.js';
import { isTerminal, type ItemKind, type JobMeta, type JobStore, type StoredItem, type StoredResult } from '../../jobs/job-store.js';
import type { Caller } from './operation.js';

export const MAX_REQUEST_ID_CHARS = 128;
export const MAX_ITEM_ID_CHARS = 256;
/** Items one job may hold. */
export const MAX_JOB_ITEMS = 10_000_000;
/** Items written before waiting for the store to flush them (bounds Submit's memory). */
const SUBMIT_FLUSH_EVERY = 64;
const RESULTS_POLL_MS = 200;
const DEFAULT_LIST_LIMIT = 100;

export interface SubmittedItem {
  itemId: string;
  requestId: string;
  kind?: ItemKind;
  request: unknown;
  /** A problem found on receipt (e.g. an ANSI/NIST record that cannot be read): the item fails with it. */
  invalid?: { field: string; reason: string };
}

export interface JobStatus extends JobMeta {
  itemsPerSecond: number;
  etaSeconds: number;
  expiresAt?: string;
}

export interface ItemResult extends StoredResult {
  /** Item number, from 1. */
  item: number;
}

export interface BatchOperationDeps {
  jobs: JobStore;
  runner: JobRunner;
  retentionMs: number;
  scheduler: Scheduler;
}

export function batchOperations(deps: BatchOperationDeps) {
  const { jobs, runner, retentionMs, scheduler } = deps;

  const status = (job: JobMeta): JobStatus => {
    const exp = expiresAt(job, retentionMs);
    return { ...job, ...runner.progress(job), ...(exp ? { expiresAt: exp } : {}) };
  };

  /** The caller's own job, or NOT_FOUND (absent, or another agency's). */
  const own = (caller: Caller, jobId: string): JobMeta => {
    if (jobId.trim() === '') throw EngineError.invalidArgument('job_id', 'is required');
    if (!/^job_[0-9a-f-]{36}$/.test(jobId)) throw EngineError.invalidArgument('job_id', 'is not a biomatch batch job id');
    const job = jobs.get(jobId);
    if (!job || job.state === 'receiving' || job.caller.agency !== caller.agency) throw EngineError.notFound(`batch job ${jobId}`);
    return job;
  };

  return {
    async submit(caller: Caller, items: AsyncIterable<SubmittedItem>, signal: AbortSignal): Promise<JobStatus> {
      let job: JobMeta | undefined;
      let n = 0;
      const kinds = new Set<ItemKind>();
      let pending: Promise<unknown>[] = [];
      try {
        for await (const item of items) {
          if (signal.aborted) throw signal.reason;
          if (!job) {
            if (item.requestId.length > MAX_REQUEST_ID_CHARS) throw EngineError.invalidArgument('request_id', `is longer than ${MAX_REQUEST_ID_CHARS} characters`);
            // eslint-disable-next-line no-control-regex
            if (/[\u0000-\u001f\u007f]/.test(item.requestId)) throw EngineError.invalidArgument('request_id', 'contains control characters');
            const begun = await jobs.begin({ agency: caller.agency, ...(caller.purpose ? { purpose: caller.purpose } : {}), ...(caller.caseId ? { caseId: caller.caseId } : {}) }, item.requestId);
            if (begun.existing) {
              // The same request id: the same job, never a second one. The rest of the stream is not read.
              if (begun.job.state === 'receiving') throw new EngineError(ErrorCode.AlreadyExists, `a submission with request id ${JSON.stringify(item.requestId)} is still being received`);
              return status(begun.job);
            }
            job = begun.job;
          }
          n++;
          if (n > MAX_JOB_ITEMS) throw EngineError.invalidArgument('items', `a job holds at most ${MAX_JOB_ITEMS} items`);
          const stored: StoredItem = { itemId: item.itemId.slice(0, MAX_ITEM_ID_CHARS), request: item.request, ...(item.kind ? { kind: item.kind } : {}) };
          if (item.invalid) stored.invalid = item.invalid;
          if (item.itemId.length > MAX_ITEM_ID_CHARS) stored.invalid = { field: 'item_id', reason: `is longer than ${MAX_ITEM_ID_CHARS} characters` };
          if (item.kind) kinds.add(item.kind);
          pending.push(jobs.putItem(job.id, n, stored));
          if (pending.length >= SUBMIT_FLUSH_EVERY) { await Promise.all(pending); pending = []; }
        }
        if (!job) throw EngineError.invalidArgument('items', 'the stream held no items');
        await Promise.all(pending);
        if (signal.aborted) throw signal.reason;
        const sealed = await jobs.seal(job.id, n, [...kinds]);
        runner.enqueue(sealed);
        return status(sealed);
      } catch (e) {
        // Not acknowledged: nothing of this submission stays (a retry with its request id starts afresh).
        if (job) { await Promise.allSettled(pending); await jobs.delete(job.id).catch(() => undefined); }
        throw e;
      }
    },

    async getStatus(caller: Caller, req: { jobId: string }): Promise<JobStatus> {
      return status(own(caller, req.jobId));
    },

    /**
     * Results in item order from `resumeToken`. While the job runs, only the unbroken run of
     * finished items is sent (so a resume token never skips an item that finishes later); once it
     * has ended, every result. `wait` keeps the stream open until the job ends.
     */
    async *results(caller: Caller, req: { jobId: string; resumeToken: string; wait: boolean }, signal: AbortSignal): AsyncGenerator<ItemResult> {
      own(caller, req.jobId);
      let next = 1;
      if (req.resumeToken !== '') {
        if (!/^\d{1,10}$/.test(req.resumeToken)) throw EngineError.invalidArgument('resume_token', 'is not a token from a previous result');
        next = Number(req.resumeToken) + 1;
      }
      for (;;) {
        const job = jobs.get(req.jobId);
        if (!job) throw EngineError.notFound(`batch job ${req.jobId}`);
        const ended = isTerminal(job.state);
        for (const { n, result } of jobs.results(req.jobId, next)) {
          if (!ended && n !== next) break;
          yield { item: n, ...result };
          next = n + 1;
          if (signal.aborted) throw signal.reason;
        }
        if (ended || !req.wait) return;
        await sleep(RESULTS_POLL_MS, signal);
      }
    },

    async cancel(caller: Caller, req: { jobId: string }): Promise<JobStatus> {
      own(caller, req.jobId);
      const job = await jobs.update(req.jobId, (m) => (isTerminal(m.state) ? m : { ...m, state: 'cancelled', finishedAt: new Date().toISOString() }));
      runner.cancel(req.jobId);
      return status(job);
    },

    async list(caller: Caller, req: { limit: number }): Promise<JobStatus[]> {
      const limit = req.limit === 0 ? DEFAULT_LIST_LIMIT : req.limit;
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw EngineError.invalidArgument('limit', 'must be from 1 to 10000 (0: 100)');
      const mine = [...jobs.jobs()].filter((j) => j.caller.agency === caller.agency && j.state !== 'receiving');
      mine.sort((a, b) => b.submittedAt.localeCompare(a.submittedAt));
      return mine.slice(0, limit).map(status);
    },

    async delete(caller: Caller, req: { jobId: string }): Promise<JobStatus> {
      const job = own(caller, req.jobId);
      runner.cancel(req.jobId);
      await jobs.delete(req.jobId);
      return status(isTerminal(job.state) ? job : { ...job, state: 'cancelled' });
    },

    async addSchedule(caller: Caller, req: { kind: string; everyHours: number; name: string }) {
      return scheduler.add({ agency: caller.agency, ...(caller.purpose ? { purpose: caller.purpose } : {}), ...(caller.caseId ? { caseId: caller.caseId } : {}) }, req);
    },
    async listSchedules(caller: Caller) {
      return scheduler.list(caller.agency);
    },
    async removeSchedule(caller: Caller, req: { scheduleId: string }) {
      return scheduler.remove(caller.agency, req.scheduleId);
    },
    async runSchedule(caller: Caller, req: { scheduleId: string }): Promise<JobStatus> {
      return status(await scheduler.runNow(caller.agency, req.scheduleId));
    },
  };
}

export type BatchOperations = ReturnType<typeof batchOperations>;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) { reject(signal.reason); return; }
    const onAbort = () => { clearTimeout(timer); reject(signal.reason); };
    const timer = setTimeout(() => { signal.removeEventListener('abort', onAbort); resolve(); }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
