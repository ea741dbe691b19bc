/**
 * Batch jobs in the record store's LMDB environment, in one named database of their own
 * (`batch-jobs`), so that a job, its items and its results are as durable as records: a write
 * resolves only once LMDB has committed and flushed it.
 *
 * Keys (ordered-binary arrays, so a job's items and results scan in item order):
 *   ['j', jobId]              → JobMeta
 *   ['r', agency, requestId]  → jobId      (the client request id: same id, same job)
 *   ['i', jobId, n]           → StoredItem (n from 1, in submission order)
 *   ['o', jobId, n]           → StoredResult, written at most once (idempotent by job and item)
 *   ['s', scheduleId]         → ScheduleMeta
 *   ['h', scheduleId, itemId, recordId] → jobId  (a hit a run of the schedule reported first)
 *
 * A result and the job's counters change in one transaction, so after kill -9 the counters
 * always agree with the results on disk. Nothing here knows gRPC: an item's request is kept as
 * the caller sent it and decoded when it runs (engine/service/operations/batch.ts).
 */
import { randomUUID } from 'node:crypto';
import type { Database, Key } from 'lmdb';
import { EngineError, ErrorCode } from '../errors.js';
import type { RecordStore } from '../store/record-store.js';

export const ITEM_KINDS = ['fp-enroll', 'fp-identify', 'fp-verify', 'latent-search', 'latent-add', 'dna-enroll', 'dna-search', 'dna-kinship', 'latent-search-unsolved'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** 'receiving': Submit has not finished (never acknowledged; removed at start). */
export type JobState = 'receiving' | 'queued' | 'running' | 'done' | 'cancelled' | 'failed';

export const TERMINAL_STATES: readonly JobState[] = ['done', 'cancelled', 'failed'];

/** Who submitted the job; every item runs as this caller. */
export interface JobCaller {
  agency: string;
  purpose?: string;
  caseId?: string;
}

export interface JobMeta {
  id: string;
  caller: JobCaller;
  /** '' when the client gave none. */
  requestId: string;
  state: JobState;
  total: number;
  /** Items with their one result (succeeded or failed). */
  done: number;
  failed: number;
  kinds: ItemKind[];
  submittedAt: string;
  startedAt?: string;
  finishedAt?: string;
  failure?: string;
  /** The schedule this job is a run of. */
  scheduleId?: string;
}

/** A recurring search owned by an agency; each run is a job. */
export interface ScheduleMeta {
  id: string;
  caller: JobCaller;
  kind: string;
  everyHours: number;
  name: string;
  createdAt: string;
  nextRunAt: string;
  lastRunAt?: string;
  lastJobId?: string;
  runs: number;
}

export interface StoredItem {
  itemId: string;
  /** Absent when the caller set no request (the item then fails alone). */
  kind?: ItemKind;
  /** The request as received, decoded when the item runs. */
  request: unknown;
  /** A problem found on receipt (e.g. an over-long item id); the item fails with it. */
  invalid?: { field: string; reason: string };
}

export interface ItemError {
  code: ErrorCode;
  message: string;
  field?: string;
}

export interface StoredResult {
  itemId: string;
  kind?: ItemKind;
  /** The encoded response, when the item succeeded. */
  response?: unknown;
  error?: ItemError;
  finishedAt: string;
  /** In a scheduled run: candidates an earlier run of the schedule already reported for this item. */
  alreadyReported?: string[];
}

type JobKey = ['j' | 's', string] | ['r', string, string] | ['i' | 'o', string, number] | ['h', string, string, string];

const LAST = Number.MAX_SAFE_INTEGER;
const DELETE_CHUNK = 5000;

export function isTerminal(state: JobState): boolean {
  return TERMINAL_STATES.includes(state);
}

export class JobStore {
  private readonly db: Database<unknown, Key>;

  constructor(store: RecordStore) {
    this.db = store.namedDatabase('batch-jobs');
  }

  /**
   * Starts a submission, or finds the job a request id already names. `existing` is true when
   * the request id was seen before; its job may still be receiving (a concurrent duplicate).
   */
  async begin(caller: JobCaller, requestId: string): Promise<{ job: JobMeta; existing: boolean }> {
    return this.db.transaction(() => {
      if (requestId !== '') {
        const known = this.db.get(key(['r', caller.agency, requestId])) as string | undefined;
        const job = known !== undefined ? this.get(known) : undefined;
        if (job) return { job, existing: true };
      }
      const job: JobMeta = {
        id: `job_${randomUUID()}`, caller: { ...caller }, requestId, state: 'receiving', total: 0, done: 0, failed: 0, kinds: [],
        submittedAt: new Date().toISOString(),
      };
      this.db.put(key(['j', job.id]), job);
      if (requestId !== '') this.db.put(key(['r', caller.agency, requestId]), job.id);
      return { job, existing: false };
    });
  }

  putItem(jobId: string, n: number, item: StoredItem): Promise<boolean> {
    return this.db.put(key(['i', jobId, n]), item);
  }

  /** Submit has received every item: the job is queued (and from now on acknowledged). */
  async seal(jobId: string, total: number, kinds: ItemKind[]): Promise<JobMeta> {
    return this.update(jobId, (m) => ({ ...m, state: 'queued', total, kinds }));
  }

  get(jobId: string): JobMeta | undefined {
    return this.db.get(key(['j', jobId])) as JobMeta | undefined;
  }

  item(jobId: string, n: number): StoredItem | undefined {
    return this.db.get(key(['i', jobId, n])) as StoredItem | undefined;
  }

  hasResult(jobId: string, n: number): boolean {
    return this.db.doesExist(key(['o', jobId, n]));
  }

  /** Results from item `from` on, in item order, read lazily from the store. */
  *results(jobId: string, from: number): Generator<{ n: number; result: StoredResult }> {
    for (const { key: k, value } of this.db.getRange({ start: key(['o', jobId, from]), end: key(['o', jobId, LAST]) })) {
      yield { n: (k as [string, string, number])[2], result: value as StoredResult };
    }
  }

  /** Every job, in id order (few: a job holds its items, not the other way round). */
  *jobs(): Generator<JobMeta> {
    for (const { value } of this.db.getRange({ start: key(['j', '']), end: key(['j', '\uffff']) })) yield value as JobMeta;
  }

  /**
   * Stores an item's one result and counts it, in one transaction. False (and nothing written)
   * when the item already has its result: an item re-run after a crash is recorded once.
   */
  async recordResult(jobId: string, n: number, result: StoredResult, hits: string[] = []): Promise<{ recorded: boolean; job: JobMeta | undefined }> {
    return this.db.transaction(() => {
      const job = this.get(jobId);
      if (!job || this.hasResult(jobId, n)) return { recorded: false, job };
      // A scheduled run marks each hit (item, candidate) the first time it is reported, in the
      // same transaction as the result: a re-run item neither loses nor repeats its marks.
      if (job.scheduleId && hits.length > 0) {
        const seen: string[] = [];
        for (const id of hits) {
          const k = key(['h', job.scheduleId, result.itemId, id]);
          const first = this.db.get(k) as string | undefined;
          if (first !== undefined && first !== jobId) seen.push(id);
          else if (first === undefined) this.db.put(k, jobId);
        }
        if (seen.length) result = { ...result, alreadyReported: seen };
      }
      this.db.put(key(['o', jobId, n]), result);
      const done = job.done + 1;
      const next: JobMeta = { ...job, done, failed: job.failed + (result.error ? 1 : 0) };
      if (done >= job.total && !isTerminal(job.state)) Object.assign(next, { state: 'done', finishedAt: result.finishedAt });
      this.db.put(key(['j', jobId]), next);
      return { recorded: true, job: next };
    });
  }

  /** Read-modify-write of a job's metadata in one transaction; NOT_FOUND when it is gone. */
  async update(jobId: string, change: (m: JobMeta) => JobMeta): Promise<JobMeta> {
    const out = await this.db.transaction(() => {
      const job = this.get(jobId);
      if (!job) return undefined;
      const next = change(job);
      if (next !== job) this.db.put(key(['j', jobId]), next);
      return next;
    });
    if (!out) throw EngineError.notFound(`batch job ${jobId}`);
    return out;
  }

  /** Removes a job, its request id, items and results (in chunks: a job may hold 100k items). */
  async delete(jobId: string): Promise<JobMeta | undefined> {
    const job = this.get(jobId);
    if (!job) return undefined;
    for (const tag of ['i', 'o'] as const) {
      for (;;) {
        const keys = [...this.db.getKeys({ start: key([tag, jobId, 0]), end: key([tag, jobId, LAST]), limit: DELETE_CHUNK })];
        if (keys.length === 0) break;
        await this.db.transaction(() => { for (const k of keys) this.db.remove(k); });
      }
    }
    await this.db.transaction(() => {
      this.db.remove(key(['j', jobId]));
      if (job.requestId !== '' && this.db.get(key(['r', job.caller.agency, job.requestId])) === jobId) this.db.remove(key(['r', job.caller.agency, job.requestId]));
    });
    return job;
  }

  async putSchedule(s: ScheduleMeta): Promise<void> {
    await this.db.put(key(['s', s.id]), s);
  }

  schedule(id: string): ScheduleMeta | undefined {
    return this.db.get(key(['s', id])) as ScheduleMeta | undefined;
  }

  *schedules(): Generator<ScheduleMeta> {
    for (const { value } of this.db.getRange({ start: key(['s', '']), end: key(['s', '\uffff']) })) yield value as ScheduleMeta;
  }

  /** Removes a schedule and its reported-hit marks (its jobs stay until deleted or expired). */
  async deleteSchedule(id: string): Promise<void> {
    for (;;) {
      const keys = [...this.db.getKeys({ start: key(['h', id, '', '']), end: key(['h', id, '\uffff', '']), limit: DELETE_CHUNK })];
      if (keys.length === 0) break;
      await this.db.transaction(() => { for (const k of keys) this.db.remove(k); });
    }
    await this.db.remove(key(['s', id]));
  }

  /** Submissions that never finished (the server stopped mid-stream): never acknowledged, so removed. */
  async purgeUnacknowledged(): Promise<number> {
    const stale = [...this.jobs()].filter((j) => j.state === 'receiving');
    for (const j of stale) await this.delete(j.id);
    return stale.length;
  }
}

function key(k: JobKey): Key {
  return k as Key;
}
