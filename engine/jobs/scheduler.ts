/**
 * Recurring searches: schedules owned by an agency, stored beside the jobs; each run is an
 * ordinary batch job (so it is durable, fair and resumable like any other), submitted as the
 * schedule's owner. A run's items come from a source per schedule kind, read from the store when
 * the run starts; each hit is marked new or already reported by an earlier run of the same
 * schedule (JobStore.recordResult).
 *
 * A run's request id is `schedule:<id>:<run number>`, so a run cut short by a crash before it was
 * stored is started again under the same id, and a run already stored is never submitted twice.
 */
import { randomUUID } from 'node:crypto';
import { EngineError, ErrorCode } from '../errors.js';
import type { JobRunner } from './job-runner.js';
import { isTerminal, type ItemKind, type JobCaller, type JobMeta, type JobStore, type ScheduleMeta, type StoredItem } from './job-store.js';

export interface ScheduleKind {
  defaultEveryHours: number;
  /** The items of one run, as the owner would submit them; throws UNIMPLEMENTED when the kind cannot run yet. */
  items(owner: JobCaller, since: string | undefined): Iterable<StoredItem>;
  /** Checked when a schedule is added (e.g. UNIMPLEMENTED for a capability not built). */
  check?(): void;
}

const TICK_MS = 60_000;
const MAX_EVERY_HOURS = 24 * 366;

export class Scheduler {
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;

  constructor(private readonly options: {
    jobs: JobStore;
    runner: JobRunner;
    kinds: Record<string, ScheduleKind>;
    log?: (level: 'info' | 'warn' | 'error', msg: string, fields?: Record<string, string | number>) => void;
  }) {}

  start(): void {
    this.timer = setInterval(() => { void this.tick(); }, TICK_MS);
    this.timer.unref();
    void this.tick();
  }

  /** Stops planning runs and waits for a run being submitted. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
  }

  async add(caller: JobCaller, req: { kind: string; everyHours: number; name: string }): Promise<ScheduleMeta> {
    const kind = this.options.kinds[req.kind];
    if (!kind) throw EngineError.invalidArgument('kind', `must be one of ${Object.keys(this.options.kinds).join(', ')}`);
    kind.check?.();
    const everyHours = req.everyHours || kind.defaultEveryHours;
    if (!Number.isInteger(everyHours) || everyHours < 1 || everyHours > MAX_EVERY_HOURS) throw EngineError.invalidArgument('every_hours', `must be from 1 to ${MAX_EVERY_HOURS} (0: the kind's default)`);
    if (req.name.length > 256) throw EngineError.invalidArgument('name', 'is longer than 256 characters');
    const now = new Date().toISOString();
    // The first run is due at once: a weekly search starts with this week's.
    const s: ScheduleMeta = { id: `sch_${randomUUID()}`, caller: { ...caller }, kind: req.kind, everyHours, name: req.name, createdAt: now, nextRunAt: now, runs: 0 };
    await this.options.jobs.putSchedule(s);
    void this.tick();
    return s;
  }

  list(agency: string): ScheduleMeta[] {
    return [...this.options.jobs.schedules()].filter((s) => s.caller.agency === agency).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  own(agency: string, id: string): ScheduleMeta {
    if (!/^sch_[0-9a-f-]{36}$/.test(id)) throw EngineError.invalidArgument('schedule_id', 'is not a biomatch schedule id');
    const s = this.options.jobs.schedule(id);
    if (!s || s.caller.agency !== agency) throw EngineError.notFound(`schedule ${id}`);
    return s;
  }

  async remove(agency: string, id: string): Promise<ScheduleMeta> {
    const s = this.own(agency, id);
    await this.options.jobs.deleteSchedule(id);
    return s;
  }

  /** Runs the schedule now (FAILED_PRECONDITION while its previous run is still going). */
  async runNow(agency: string, id: string): Promise<JobMeta> {
    const s = this.own(agency, id);
    const job = await this.run(s, false);
    if (!job) throw new EngineError(ErrorCode.FailedPrecondition, `the previous run of schedule ${id} has not finished`);
    return job;
  }

  /** Starts every schedule that is due (one tick at a time). */
  tick(): Promise<void> {
    if (!this.ticking) {
      this.ticking = (async () => {
        const now = Date.now();
        for (const s of [...this.options.jobs.schedules()]) {
          if (Date.parse(s.nextRunAt) > now) continue;
          try {
            await this.run(s, true);
          } catch (e) {
            this.options.log?.('warn', 'scheduled run failed to start', { scheduleId: s.id, reason: e instanceof Error ? e.message : String(e) });
          }
        }
      })().finally(() => { this.ticking = undefined; });
    }
    return this.ticking;
  }

  /** Submits one run; undefined when the previous run is still going (a run is skipped, not piled up). */
  private async run(s: ScheduleMeta, planned: boolean): Promise<JobMeta | undefined> {
    const previous = s.lastJobId ? this.options.jobs.get(s.lastJobId) : undefined;
    if (previous && !isTerminal(previous.state)) return undefined;
    const { jobs, runner } = this.options;
    const started = new Date();
    const { job, existing } = await jobs.begin(s.caller, `schedule:${s.id}:${s.runs + 1}`);
    let meta = job;
    if (!existing) {
      let n = 0;
      const kinds = new Set<ItemKind>();
      try {
        for (const item of this.options.kinds[s.kind].items(s.caller, s.lastRunAt)) {
          await jobs.putItem(job.id, ++n, item);
          if (item.kind) kinds.add(item.kind);
        }
        await jobs.update(job.id, (m) => ({ ...m, scheduleId: s.id }));
        meta = await jobs.seal(job.id, n, [...kinds]);
        // A run with nothing to search is done at once.
        if (n === 0) meta = await jobs.update(job.id, (m) => ({ ...m, state: 'done', finishedAt: new Date().toISOString() }));
      } catch (e) {
        await jobs.delete(job.id);
        throw e;
      }
      runner.enqueue(meta);
    }
    // After downtime, one catch-up run, then the cadence again from now (missed runs are not replayed).
    const every = s.everyHours * 3_600_000;
    let due = Date.parse(s.nextRunAt) + every;
    if (due <= started.getTime()) due = started.getTime() + every;
    const next = planned ? new Date(due).toISOString() : s.nextRunAt;
    await jobs.putSchedule({ ...s, runs: s.runs + 1, lastRunAt: started.toISOString(), lastJobId: meta.id, nextRunAt: next });
    this.options.log?.('info', 'scheduled run started', { scheduleId: s.id, jobId: meta.id, items: meta.total });
    return meta;
  }
}
