/**
 * The tenprint gallery: everything the enrolled fingers need to be searched 1:N and verified 1:1.
 * It owns
 * - the store scan at start (the store stays the one truth),
 * - the prepared matcher forms and per-record search metadata in a shared-memory arena
 *   (prepared-arena.ts), which worker threads scan without copies,
 * - the candidate index (HNSW over finger vectors), held by its own thread in the service
 *   (`AsyncCandidateIndex`), saved beside the store and reconciled with it at start,
 * - each record's access metadata, interned as access groups (gallery-access.ts) under the one
 *   access rule.
 *
 * Searches: the index shortlist (or, exhaustive, every slot) is split into as many scans as the
 * executor runs in parallel; their best lists are merged. Nothing here blocks for long: the graph
 * search and the scans run elsewhere, and an aborted search raises the scans' shared stop flag and
 * answers at once. The service and the benchmarks use this same class.
 */
import { EngineError, ErrorCode } from '../../errors.js';
import { currentWorkPriority, type WorkPriority } from '../../work-priority.js';
import type { RecordStore } from '../../store/record-store.js';
import type { StoredRecord } from '../../store/record.js';
import type { PreparedTemplate } from '../matcher.js';
import type { FingerprintTemplate } from '../template.js';
import type { CandidateIndex, IndexHit } from './candidate-index.js';
import { fingerVector } from './finger-vector.js';
import { STOPPED, scanGallery, admits, mergeScanResults, type ScanFilter, type ScanRequest, type ScanResult } from './gallery-scan.js';
import { IDENTIFY } from './parameters.js';
import { GallerySlots } from './gallery-slots.js';
import { enrolmentForms, inThreadFormMaker, type EnrolmentForms, type FormMaker } from './enrolment-forms.js';
import type { FingerprintCandidate, FingerprintCandidateList, FingerprintSearch, FingerprintSearcher } from './fingerprint-searcher.js';
import { abortable, stopReason } from './abortable.js';

/** The stored payload of a fingerprint record. */
export interface FingerprintPayload {
  fingerPosition: number;
  template: FingerprintTemplate;
}

/** The candidate index as the gallery uses it: updates in order, searches asynchronous. */
export interface AsyncCandidateIndex {
  /** Opens (or creates) the index; the ids it holds, and why a saved copy was refused. */
  open(): Promise<{ ids: string[]; refused?: string }>;
  add(id: string, vector: ArrayLike<number>): void;
  remove(id: string): void;
  search(vector: ArrayLike<number>, k: number): Promise<IndexHit[]>;
  save(): Promise<void>;
  close(): Promise<void>;
}

/** Runs scans: on worker threads in the service, in the calling thread in tests. */
export interface ScanExecutor {
  /** Scans run at once; a search is split into this many. */
  readonly parallelism: number;
  scan(request: ScanRequest): Promise<ScanResult>;
}

export interface FingerprintGalleryOptions {
  index: AsyncCandidateIndex;
  executor: ScanExecutor;
  /** Makes prepared forms and finger vectors (default: in the calling thread). */
  forms?: FormMaker;
  /** Largest gallery an exhaustive search may scan (FAILED_PRECONDITION beyond). */
  exhaustiveLimit?: number;
  /** Interactive searches running at once; more wait (default: the executor's parallelism). */
  maxConcurrentSearches?: number;
  /**
   * Batch items' searches running at once, in slots of their own (default: half the interactive
   * slots, at least 1), so a running batch never holds the slots an interactive call needs; their
   * scans then wait behind interactive ones in the worker pool.
   */
  maxConcurrentBatchSearches?: number;
  /** Searches allowed to wait; one more is refused with RESOURCE_EXHAUSTED. */
  maxWaitingSearches?: number;
  /** Shortlist default (IDENTIFY.shortlistLength). */
  shortlistLength?: number;
  /** Candidates that get pairs and alignment (the top of the list). */
  describe?: number;
  log?: (msg: string, fields: Record<string, string | number>) => void;
}

interface SlotRecord {
  id: string;
  subjectId: string;
  externalId?: string;
}

export const DEFAULT_EXHAUSTIVE_LIMIT = 1_000_000;
/** Records a form-making task takes at start (a few hundred ms of work: small enough to yield often). */
const LOAD_BATCH = 128;

/** An in-thread scan executor (tests, tools, small galleries). */
export const inThreadExecutor: ScanExecutor = { parallelism: 1, scan: async (r) => scanGallery(r) };

/** An in-thread AsyncCandidateIndex over any CandidateIndex (tests, tools). */
export function inThreadIndex(index: CandidateIndex, save: () => void = () => undefined): AsyncCandidateIndex {
  return {
    open: async () => ({ ids: [...index.ids()] }),
    add: (id, v) => index.add(id, v),
    remove: (id) => { index.remove(id); },
    search: async (v, k) => index.search(v, k),
    save: async () => save(),
    close: async () => undefined,
  };
}

export class FingerprintGallery implements FingerprintSearcher {
  readonly name = 'fingerprint-gallery';
  private readonly slots = new GallerySlots<SlotRecord>();
  private readonly arena = this.slots.arena;
  private readonly access = this.slots.access;
  private readonly slotOf = this.slots.slotOf;
  private readonly records = this.slots.records;
  private isLoaded = false;
  private readonly running: Record<WorkPriority, number> = { interactive: 0, batch: 0 };
  private readonly waiting: Record<WorkPriority, (() => void)[]> = { interactive: [], batch: [] };
  private readonly exhaustiveLimit: number;
  private readonly maxConcurrent: Record<WorkPriority, number>;
  private readonly maxWaiting: number;
  private readonly forms: FormMaker;

  constructor(private readonly options: FingerprintGalleryOptions) {
    this.exhaustiveLimit = options.exhaustiveLimit ?? DEFAULT_EXHAUSTIVE_LIMIT;
    const interactive = Math.max(1, options.maxConcurrentSearches ?? options.executor.parallelism);
    this.maxConcurrent = { interactive, batch: Math.max(1, options.maxConcurrentBatchSearches ?? Math.floor(interactive / 2)) };
    this.maxWaiting = options.maxWaitingSearches ?? 256;
    this.forms = options.forms ?? inThreadFormMaker;
  }

  /**
   * Scans the store, fills the arena, and reconciles the saved index with the store. Forms are
   * made a batch at a time by the form maker (the worker pool in the service), two batches in
   * flight, so a rebuild uses every thread and leaves the event loop free for health checks.
   */
  async load(store: RecordStore): Promise<void> {
    const opened = await this.options.index.open();
    if (opened.refused) this.options.log?.('saved fingerprint index refused; rebuilding it from the store', { reason: opened.refused });
    const indexed = new Set(opened.ids);
    let added = 0;
    let batch: StoredRecord<FingerprintPayload>[] = [];
    const inFlight: Promise<void>[] = [];
    const flush = () => {
      const records = batch;
      batch = [];
      const made = this.makeAtStart(records.map((r) => r.payload.template));
      // Placed in store order, whichever batch the pool finishes first.
      const previous = inFlight.at(-1) ?? Promise.resolve();
      inFlight.push(Promise.all([made, previous]).then(([forms]) => {
        records.forEach((r, i) => {
          this.place(r, forms[i]);
          if (!indexed.delete(r.id)) { this.options.index.add(r.id, forms[i].vector); added++; }
        });
      }));
    };
    for (const r of store.scan<FingerprintPayload>('fingerprint')) {
      batch.push(r);
      if (batch.length >= LOAD_BATCH) {
        flush();
        if (inFlight.length >= 2) await inFlight.shift();
      }
    }
    if (batch.length > 0) flush();
    await Promise.all(inFlight);
    for (const id of indexed) this.options.index.remove(id);
    this.isLoaded = true;
    if (added || indexed.size) this.options.log?.('fingerprint index reconciled with the store', { added, removed: indexed.size });
  }

  /**
   * Forms for the rebuild. Extraction calls are served while the gallery loads and share the
   * pool, so a full pool queue here means "later", not failure: the rebuild waits and tries again.
   */
  private async makeAtStart(templates: FingerprintTemplate[]): Promise<EnrolmentForms[]> {
    for (let wait = 50; ; wait = Math.min(2000, wait * 2)) {
      try {
        return await this.forms.make(templates);
      } catch (e) {
        if (!(e instanceof EngineError) || e.code !== ErrorCode.ResourceExhausted) throw e;
        await new Promise((res) => setTimeout(res, wait));
      }
    }
  }

  loaded(): boolean {
    return this.isLoaded;
  }

  entries(): number {
    return this.arena.live;
  }

  /** Bytes of prepared forms per live template, and shared memory reserved. */
  footprint(): { formBytes: number; sharedBytes: number; live: number } {
    return { formBytes: this.arena.formBytes(), sharedBytes: this.arena.memoryBytes(), live: this.arena.live };
  }

  /**
   * The forms a template needs to join the gallery, made by the form maker (the worker pool in the
   * service). Make them before storing the record, so that nothing is stored that the gallery
   * then fails to take.
   */
  async prepare(template: FingerprintTemplate): Promise<EnrolmentForms> {
    return (await this.forms.make([template]))[0];
  }

  /**
   * Adds or replaces a record; call after the store has acknowledged it, with the forms from
   * `prepare` (made here, in the calling thread, when not given).
   */
  enroll(record: StoredRecord<FingerprintPayload>, forms: EnrolmentForms = enrolmentForms([record.payload.template])[0]): void {
    this.requireLoaded();
    this.place(record, forms);
    this.options.index.add(record.id, forms.vector);
  }

  delete(id: string): void {
    if (this.slots.remove(id)) this.options.index.remove(id);
  }

  /** Live records `agency` may see; for statistics (GetStats). */
  visibleCount(agency: string): number {
    return this.slots.visibleCount(agency);
  }

  /** The prepared form of a live record (for 1:1 verification against a record id). */
  form(id: string): PreparedTemplate | undefined {
    return this.slots.form(id);
  }

  async identify(probe: FingerprintTemplate, search: FingerprintSearch, signal?: AbortSignal): Promise<FingerprintCandidateList> {
    this.requireLoaded();
    const started = performance.now();
    const maxCandidates = search.maxCandidates;
    const shortlistLength = search.shortlistLength ?? this.options.shortlistLength ?? IDENTIFY.shortlistLength;
    if (!Number.isInteger(maxCandidates) || maxCandidates < 1) throw EngineError.invalidArgument('max_candidates', 'must be a positive integer');
    if (!Number.isInteger(shortlistLength) || shortlistLength < 1) throw EngineError.invalidArgument('shortlist_length', 'must be a positive integer');
    if (search.exhaustive && this.arena.live > this.exhaustiveLimit) {
      throw new EngineError(ErrorCode.FailedPrecondition, `exhaustive search is limited to galleries of ${this.exhaustiveLimit} records (this one holds ${this.arena.live}); use the index, or raise --exhaustive-limit`);
    }
    const filter: ScanFilter = { groups: this.access.visibleTo(search.agency) };
    if (search.fingerPositions && search.fingerPositions.length > 0) {
      filter.positions = new Uint8Array(256);
      for (const p of search.fingerPositions) filter.positions[p] = 1;
    }
    const priority = currentWorkPriority();
    await this.admit(priority, signal);
    try {
      return await this.runSearch(probe, search, filter, maxCandidates, shortlistLength, started, signal);
    } finally {
      this.release(priority);
    }
  }

  private async runSearch(probe: FingerprintTemplate, search: FingerprintSearch, filter: ScanFilter, maxCandidates: number,
    shortlistLength: number, started: number, signal?: AbortSignal): Promise<FingerprintCandidateList> {
    const shared = this.arena.share();
    const indexSimilarity = new Map<number, number>();
    const parts = this.options.executor.parallelism;
    const pieces: Pick<ScanRequest, 'slots' | 'range'>[] = [];
    if (search.exhaustive) {
      const step = Math.ceil(shared.size / parts);
      for (let from = 0; from < shared.size; from += step) pieces.push({ range: { from, to: Math.min(shared.size, from + step) } });
    } else {
      // Over-fetch by half so that records the caller may not see (or other finger positions) do
      // not starve the shortlist; the graph search is cheap next to the re-rank.
      const hits = await abortable(this.options.index.search(fingerVector(probe), Math.ceil(shortlistLength * 1.5)), signal);
      const slots: number[] = [];
      for (const h of hits) {
        const slot = this.slotOf.get(h.id);
        if (slot === undefined || !admits(shared, filter, slot)) continue;
        slots.push(slot);
        indexSimilarity.set(slot, h.similarity);
        if (slots.length >= shortlistLength) break;
      }
      // Deal the shortlist out round-robin, so each scan gets a like share of strong candidates.
      for (let p = 0; p < Math.min(parts, slots.length); p++) {
        pieces.push({ slots: Int32Array.from(slots.filter((_, i) => i % parts === p)) });
      }
    }
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const describe = Math.min(maxCandidates, this.options.describe ?? 50);
    const results = await abortable(Promise.all(pieces.map((piece) => this.options.executor.scan({
      probe, arena: shared, ...piece, filter, keep: maxCandidates, minScore: search.minScore ?? -Infinity, describe, stop,
      ...(search.anyRotation ? { anyRotation: true, ...(search.tenprintProbe ? { tenprintProbe: search.tenprintProbe } : {}) } : {}),
    }))), signal, () => Atomics.store(stop, 0, STOPPED));
    if (results.some((r) => r.stopped)) throw stopReason(signal);
    const merged = mergeScanResults(results);
    const candidates: FingerprintCandidate[] = [];
    for (const m of merged) {
      if (candidates.length >= maxCandidates) break;
      // A record deleted while the scans ran must not come back.
      if (!this.arena.isLive(m.slot)) continue;
      candidates.push({
        ...this.slots.candidate(m, candidates.length + 1, probe.minutiae.length),
        fingerPosition: this.arena.metadata(m.slot).fingerPosition,
        retrieval: search.exhaustive ? 'exhaustive' : 'index',
        indexSimilarity: indexSimilarity.get(m.slot) ?? Number.NaN,
      });
    }
    return {
      candidates,
      totalHits: results.reduce((s, r) => s + r.hits, 0),
      compared: results.reduce((s, r) => s + r.compared, 0),
      elapsedMs: performance.now() - started,
    };
  }

  /** Saves the candidate index beside the store (at shutdown); the next start reconciles it. */
  async save(): Promise<void> {
    await this.options.index.save();
  }

  async close(): Promise<void> {
    await this.options.index.close();
  }

  private place(r: StoredRecord<FingerprintPayload>, forms: EnrolmentForms): void {
    this.slots.place(r, forms.form, { fingerPosition: r.payload.fingerPosition, minutiae: r.payload.template.minutiae.length },
      { id: r.id, subjectId: r.subjectId, ...(r.externalId ? { externalId: r.externalId } : {}) });
  }

  private requireLoaded(): void {
    if (!this.isLoaded) throw new EngineError(ErrorCode.Unavailable, 'the fingerprint gallery is still loading; retry when health says SERVING');
  }

  /** A search slot of the caller's class (interactive or batch), waiting first in, first out. */
  private async admit(priority: WorkPriority, signal?: AbortSignal): Promise<void> {
    if (this.running[priority] < this.maxConcurrent[priority]) { this.running[priority]++; return; }
    const waiting = this.waiting[priority];
    if (waiting.length >= this.maxWaiting) throw new EngineError(ErrorCode.ResourceExhausted, 'too many fingerprint searches are waiting; retry later');
    await new Promise<void>((resolve, reject) => {
      const go = () => { signal?.removeEventListener('abort', onAbort); resolve(); };
      const onAbort = () => {
        const i = waiting.indexOf(go);
        if (i >= 0) waiting.splice(i, 1);
        reject(stopReason(signal));
      };
      waiting.push(go);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private release(priority: WorkPriority): void {
    const next = this.waiting[priority].shift();
    if (next) next(); // the slot passes straight to the next search of its class
    else this.running[priority]--;
  }
}
