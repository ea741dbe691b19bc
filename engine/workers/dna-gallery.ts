/**
 * The DNA gallery: the one object the service holds for DNA profile records. It loads the store's
 * `dna-profile` records at start, follows enrolments and deletions, and answers searches and
 * kinship searches with self-contained candidates (record id, subject id, external id, owner,
 * statistics, per-locus detail), so nothing goes back to the store per candidate.
 *
 * Design: one dedicated worker thread owns the only copy of the columnar DnaIndex
 * (engine/workers/dna-index.worker.ts); the main thread keeps no index state. add, remove and the
 * searches are messages to that thread, answered in the order they were sent, so a search sent
 * after an add sees the added record, and a search sent after a remove does not. A search runs
 * to completion in that thread, never on the event loop that serves gRPC and health checks.
 * (Scanning shared columns from several threads would split one search across cores, but it
 * needs the columns, dictionaries and overflow map in shared memory and a reader/writer protocol
 * for adds; one owner thread keeps DnaIndex as it is and exact by construction.)
 *
 * Access: `viewerAgency` is required and applied by the index with access.ts's rule, fail-closed:
 * an empty or malformed agency gets no candidates.
 *
 * Cancellation: an aborted signal rejects the call at once with the signal's reason (an
 * EngineError, DEADLINE_EXCEEDED or CANCELLED). The thread is told over a second port and leaves
 * the scan at its next block of 64K records; a late answer is dropped.
 *
 * If the thread dies, every call in flight fails with INTERNAL, `loaded()` turns false (health
 * stops saying SERVING) and later calls fail with UNAVAILABLE; a restart reloads from the store.
 *
 * Thread safety: call from one thread (the service's event loop).
 */
import { performance } from 'node:perf_hooks';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import { EngineError, ErrorCode, toEngineError } from '../errors.js';
import type { StoredRecord } from '../store/record.js';
import type { RecordStore } from '../store/record-store.js';
import type { DnaIndexReply, DnaIndexRecord, DnaIndexRequest, DnaIndexResultMap, DnaIndexStats, DnaWorkerInit } from './dna-messages.js';
import { resolveWorkerFile } from './worker-pool.js';
import type { DnaProfile, StoredDnaProfile } from '../dna/dna-profile.js';
import type { DnaRecordMeta, DnaSearchOptions, DnaSearchResult, KinshipSearchOptions, KinshipSearchResult } from '../dna/dna-search.js';
import type { PopulationTables } from '../dna/frequency-table.js';
import { LocusRegistry } from '../dna/locus-registry.js';

/** Records per add message while loading: large enough to amortise a message, small enough to yield often. */
const LOAD_BATCH = 2048;
/** Load batches sent ahead of the thread's acknowledgements (bounds the copies waiting in its queue). */
const LOAD_BATCHES_AHEAD = 2;

export interface DnaGalleryOptions {
  /** The main thread's registry; the index thread rebuilds the same one (built-in plus custom loci). */
  registry: LocusRegistry;
  /** The frequency tables; the index thread gets a copy of their data (small). */
  tables: PopulationTables;
  /** Records to make room for at once; `load` also reserves the store's count. */
  initialCapacity?: number;
  /**
   * Told when the index thread could not index a record the store holds (the record then stays
   * out of searches). Only the record id and the engine error, never profile data.
   */
  onAddFailed?: (recordId: string, error: EngineError) => void;
  /**
   * The index snapshot (docs/decisions/dna-index-snapshot.md): loaded at start instead of a
   * rebuild when the store has not changed in another way since, written by `save`. `sealKey`:
   * the encryption-at-rest key's bytes (EncryptionKey.bytesForThread); the snapshot is sealed.
   */
  snapshot?: { path: string; sealKey?: Uint8Array };
  /** Told what a start did with the snapshot (loaded, refused and why); never profile data. */
  log?: (message: string, fields: Record<string, string | number | boolean>) => void;
}

/** What the gallery reads of the store at start (and, with a snapshot, its generation and changes). */
export type DnaRecordSource = Pick<RecordStore, 'count' | 'scan'> & Partial<Pick<RecordStore, 'get' | 'generation' | 'generationAnchor' | 'changesSince' | 'flushed'>>;
type SnapshotSource = Pick<RecordStore, 'count' | 'scan' | 'get' | 'generation' | 'generationAnchor' | 'changesSince'>;

/** A search's options: the viewer is required (see DnaSearchOptions). */
export type DnaGallerySearchOptions = DnaSearchOptions & { viewerAgency: string };
export type DnaGalleryKinshipOptions = KinshipSearchOptions & { viewerAgency: string };

type Op = DnaIndexRequest['op'];
type Request<K extends Op> = Omit<Extract<DnaIndexRequest, { op: K }>, 'seq'> & { op: K };

interface Pending {
  resolve(value: unknown): void;
  reject(error: EngineError): void;
  /** Removes the abort listener, if any. */
  done(): void;
}

export class DnaGallery {
  readonly name = 'dna-profiles';
  private readonly worker: Worker;
  private readonly cancelPort: MessagePort;
  private readonly pending = new Map<number, Pending>();
  private readonly onAddFailed: DnaGalleryOptions['onAddFailed'];
  private readonly snapshot: DnaGalleryOptions['snapshot'];
  private readonly log: NonNullable<DnaGalleryOptions['log']>;
  private seq = 0;
  private live = 0;
  private isLoaded = false;
  /** Set once the thread is gone (closed or died): every later call fails with it (UNAVAILABLE). */
  private stopped: EngineError | undefined;
  private closing: Promise<void> | undefined;
  /** The store generation of the snapshot on disk when it holds exactly this index's records. */
  private snapshotGeneration: number | undefined;

  constructor(options: DnaGalleryOptions) {
    this.onAddFailed = options.onAddFailed;
    this.snapshot = options.snapshot;
    this.log = options.log ?? (() => undefined);
    const { port1, port2 } = new MessageChannel();
    this.cancelPort = port1;
    this.cancelPort.unref();
    const defaults = LocusRegistry.create().size;
    const loci = options.registry.all();
    const { filename, entry } = resolveWorkerFile(new URL('./dna-index.worker.ts', import.meta.url));
    const init: DnaWorkerInit = {
      entry,
      customLoci: loci.slice(defaults).map(({ index: _index, ...definition }) => definition),
      lociNames: loci.map((l) => l.name),
      tables: options.tables.names().map((n) => {
        const t = options.tables.resolve(n);
        return { name: t.name, loci: t.loci };
      }),
      defaultTable: options.tables.defaultTableName,
      initialCapacity: options.initialCapacity ?? 1024,
      cancelPort: port2,
      ...(options.snapshot ? { snapshotPath: options.snapshot.path, ...(options.snapshot.sealKey ? { sealKey: options.snapshot.sealKey } : {}) } : {}),
    };
    this.worker = new Worker(filename, { workerData: init, transferList: [port2] });
    this.worker.on('message', (reply: DnaIndexReply) => this.answer(reply));
    this.worker.on('error', (e) => this.fail(EngineError.internal('the DNA index thread failed', e)));
    this.worker.on('messageerror', (e) => this.fail(EngineError.internal('the DNA index thread sent an unreadable message', e)));
    this.worker.on('exit', (code) => this.fail(EngineError.internal(`the DNA index thread exited (code ${code})`)));
    // Held (ref'd) only while a request is outstanding: an idle gallery does not keep the process up.
    this.worker.unref();
  }

  /**
   * Reads every `dna-profile` record of the store into the index and warms it (DnaIndex.warm);
   * resolves when all are indexed (records the thread could not index go to `onAddFailed`),
   * rejects if the thread is gone.
   */
  async load(store: DnaRecordSource): Promise<void> {
    if (this.snapshot !== undefined && hasSnapshotParts(store) && await this.loadSnapshot(store)) {
      await this.send({ op: 'warm' });
      this.isLoaded = true;
      return;
    }
    await this.send({ op: 'reserve', records: store.count('dna-profile') });
    const ahead: Promise<void>[] = [];
    let batch: DnaIndexRecord[] = [];
    const flush = async (): Promise<void> => {
      const sent = this.addBatch(batch);
      sent.catch(() => undefined); // awaited below; this only keeps a rejection waiting its turn from counting as unhandled
      ahead.push(sent);
      batch = [];
      if (ahead.length >= LOAD_BATCHES_AHEAD) await ahead.shift();
    };
    for (const r of store.scan<StoredDnaProfile>('dna-profile')) {
      batch.push(indexRecord(r));
      if (batch.length >= LOAD_BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    await Promise.all(ahead);
    // Ready at full speed before health says SERVING: the index builds its posting lists and
    // compiles its search code now, not on the first query.
    await this.send({ op: 'warm' });
    this.isLoaded = true;
    // A rebuild is what the snapshot saves: written now (a few seconds against the rebuild's
    // minutes), a crash before the next clean shutdown replays only what changed since.
    if (this.snapshot !== undefined && hasSnapshotParts(store)) {
      try {
        await this.writeSnapshot(store, 'after a rebuild');
      } catch (e) {
        this.log('DNA index snapshot not written; the next start rebuilds', { reason: toEngineError(e).message });
      }
    }
  }

  /**
   * Loads the snapshot when it fits the store, then replays the store's changes after the
   * snapshot's generation (records re-read from the store, deletions removed). False (the caller
   * rebuilds; the index is empty) when there is no snapshot or it is refused: damaged, another
   * format version or locus registry, or written from another store history (the store is older
   * than the snapshot, or its change at the snapshot's generation is another one).
   */
  private async loadSnapshot(store: SnapshotSource): Promise<boolean> {
    const started = performance.now();
    const refuse = (reason: string): false => {
      this.log('DNA index snapshot refused; rebuilding the index from the store', { reason });
      return false;
    };
    const header = await this.send({ op: 'snapshot-header' });
    if ('refused' in header) return header.refused === 'no snapshot' ? false : refuse(header.refused);
    const { generation, anchor } = header.store;
    if (generation > store.generation()) return refuse(`the store (generation ${store.generation()}) is older than the snapshot (generation ${generation})`);
    if (store.generationAnchor(generation) !== anchor) return refuse(`the store's change at generation ${generation} is not the one the snapshot was written after (another store, or a restored one)`);
    const loaded = await this.send({ op: 'snapshot-load', snapshotId: header.snapshotId });
    if ('refused' in loaded) return refuse(loaded.refused);
    // Changes after the snapshot (a crash after it was written, an offline import): the current
    // state of each changed record, read and sent in this one turn, so an enrolment acknowledged
    // meanwhile reaches the thread after it (its add replaces the replayed copy).
    const changed = new Set<string>();
    for (const e of store.changesSince(generation)) if (e.kind === 'dna-profile') changed.add(e.recordId);
    const removed: string[] = [];
    let batch: DnaIndexRecord[] = [];
    const sent: Promise<void>[] = [];
    for (const id of changed) {
      const r = store.get<StoredDnaProfile>(id);
      if (r === undefined) removed.push(id);
      else batch.push(indexRecord(r));
      if (batch.length >= LOAD_BATCH) { sent.push(this.addBatch(batch)); batch = []; }
    }
    if (batch.length > 0) sent.push(this.addBatch(batch));
    if (removed.length > 0) sent.push(this.send({ op: 'remove', ids: removed }).then(() => undefined));
    await Promise.all(sent);
    // Unchanged since the snapshot: shutdown need not write it again.
    this.snapshotGeneration = changed.size === 0 ? generation : undefined;
    this.log('DNA index snapshot loaded', {
      entries: this.live, snapshotEntries: loaded.live, generation, replayedChanges: changed.size, ms: Math.round(performance.now() - started),
    });
    return true;
  }

  /**
   * Writes the index snapshot (clean shutdown; see docs/decisions/dna-index-snapshot.md), stamped
   * with the store's generation. Nothing when no snapshot is configured or the index never
   * finished loading. Call after writes have stopped: a write acknowledged after the generation is
   * read has a later generation and is replayed at the next start.
   */
  async save(store: DnaRecordSource): Promise<void> {
    if (this.snapshot === undefined || !this.loaded() || !hasSnapshotParts(store)) return;
    // The snapshot on disk already holds this state (loaded or written at this generation).
    if (this.snapshotGeneration !== undefined && this.snapshotGeneration === store.generation()) return;
    await this.writeSnapshot(store, 'shutdown');
  }

  private async writeSnapshot(store: DnaRecordSource & SnapshotSource, why: string): Promise<void> {
    const generation = store.generation();
    const anchor = store.generationAnchor(generation);
    if (anchor === undefined) return;
    // Every write up to `generation` has resolved its promise once the store has flushed, and
    // its enrolment's `add` (the continuation) has been sent before the next turn.
    await store.flushed?.();
    await new Promise((resolve) => setImmediate(resolve));
    const started = performance.now();
    const { bytes } = await this.send({ op: 'snapshot-save', store: { generation, anchor } });
    this.snapshotGeneration = generation;
    this.log('DNA index snapshot written', { entries: this.live, generation, bytes, ms: Math.round(performance.now() - started), when: why });
  }

  loaded(): boolean {
    return this.isLoaded && this.stopped === undefined;
  }

  /** Live records, as of the index thread's latest answer. */
  entries(): number {
    return this.live;
  }

  /**
   * Indexes a record (or replaces the record of the same id) after the store acknowledged it.
   * Searches sent after this call see it. A record the thread cannot index is reported to
   * `onAddFailed`.
   */
  add(record: StoredRecord<StoredDnaProfile>): void {
    this.checkRunning();
    // A failure here means the thread is gone: `loaded()` already says so and later calls fail.
    this.addBatch([indexRecord(record)]).catch(() => undefined);
  }

  /** Removes a record; searches sent after this call no longer see it. */
  remove(id: string): void {
    this.checkRunning();
    void this.send({ op: 'remove', ids: [id] }).catch(() => undefined);
  }

  /** Exact search at a stringency (see DnaIndex.search), as `options.viewerAgency` may see. */
  search(query: DnaProfile, options: DnaGallerySearchOptions, signal?: AbortSignal): Promise<DnaSearchResult> {
    return this.send({ op: 'search', query, options }, signal);
  }

  /** Kinship search (see DnaIndex.kinshipSearch), as `options.viewerAgency` may see. */
  kinshipSearch(query: DnaProfile, options: DnaGalleryKinshipOptions, signal?: AbortSignal): Promise<KinshipSearchResult> {
    return this.send({ op: 'kinship-search', query, options }, signal);
  }

  /** For admin stats: the index's entries, loci, overflow records and approximate bytes. */
  stats(): Promise<DnaIndexStats> {
    return this.send({ op: 'stats' });
  }

  /** Stops the index thread; calls still in flight fail with UNAVAILABLE. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const closed = new EngineError(ErrorCode.Unavailable, 'the DNA gallery is closed');
      this.fail(closed, closed);
      await this.worker.terminate();
      this.cancelPort.close();
    })();
    return this.closing;
  }

  private checkRunning(): void {
    if (this.stopped !== undefined) throw this.stopped;
  }

  private async addBatch(records: DnaIndexRecord[]): Promise<void> {
    const { failed } = await this.send({ op: 'add', records: JSON.stringify(records) });
    for (const f of failed) this.onAddFailed?.(f.id, new EngineError(f.error.code, f.error.message, { field: f.error.field }));
  }

  private send<K extends Op>(request: Request<K>, signal?: AbortSignal): Promise<DnaIndexResultMap[K]> {
    if (this.stopped !== undefined) return Promise.reject(this.stopped);
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    const seq = ++this.seq;
    return new Promise<DnaIndexResultMap[K]>((resolve, reject) => {
      const onAbort = (): void => {
        if (!this.pending.delete(seq)) return;
        this.release();
        this.cancelPort.postMessage(seq);
        reject(abortReason(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(seq, {
        resolve: resolve as (value: unknown) => void,
        reject,
        done: () => signal?.removeEventListener('abort', onAbort),
      });
      if (this.pending.size === 1) this.worker.ref();
      this.worker.postMessage({ ...request, seq });
    });
  }

  private answer(reply: DnaIndexReply): void {
    this.live = reply.entries;
    const p = this.pending.get(reply.seq);
    if (p === undefined) return; // abandoned (aborted) call: its answer is dropped
    this.pending.delete(reply.seq);
    this.release();
    p.done();
    if (reply.ok) p.resolve(reply.value);
    else p.reject(new EngineError(reply.error.code, reply.error.message, { field: reply.error.field }));
  }

  private release(): void {
    if (this.pending.size === 0) this.worker.unref();
  }

  /** The thread is gone: fail everything in flight with `error`, and everything after with `later`. */
  private fail(error: EngineError, later: EngineError = unavailable()): void {
    if (this.stopped !== undefined) return;
    this.stopped = later;
    this.isLoaded = false;
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) {
      p.done();
      p.reject(error);
    }
  }
}

function hasSnapshotParts(store: DnaRecordSource): store is DnaRecordSource & SnapshotSource {
  return typeof store.generation === 'function' && typeof store.generationAnchor === 'function' && typeof store.changesSince === 'function' && typeof store.get === 'function';
}

function unavailable(): EngineError {
  return new EngineError(ErrorCode.Unavailable, 'the DNA index is not running; the service must restart it');
}

function indexRecord(r: StoredRecord<StoredDnaProfile>): DnaIndexRecord {
  const { loci, kind, relationship, caseReference } = r.payload;
  const meta: DnaRecordMeta = {
    kind,
    ownerAgency: r.ownerAgency,
    visibleTo: r.visibility.agencies,
    visibleToAll: r.visibility.allAgencies,
    subjectId: r.subjectId,
    ...(r.externalId !== undefined ? { externalId: r.externalId } : {}),
  };
  return {
    id: r.id,
    profile: { loci, kind, ...(relationship !== undefined ? { relationship } : {}), ...(caseReference !== undefined ? { caseReference } : {}) },
    meta,
  };
}

/** The signal's reason as an engine error (DEADLINE_EXCEEDED, CANCELLED); anything else is CANCELLED. */
function abortReason(signal: AbortSignal): EngineError {
  const reason: unknown = signal.reason;
  if (reason instanceof EngineError) return reason;
  const e = toEngineError(reason);
  return e.code === ErrorCode.Internal ? new EngineError(ErrorCode.Cancelled, 'the request was cancelled') : e;
}
