/**
 * The audit chain on disk: two named databases in the record store's LMDB environment,
 * `audit-chain` (sequence → {seq, prev, hash, entry}) and `audit-checkpoints` (sequence → signed
 * checkpoint), both JSON so that an auditor's own tools can read them. The chain's rules are in
 * engine/security/audit-chain.ts.
 *
 * Durability: `append` resolves once LMDB has committed and flushed the entry (the store's
 * default), so the audit interceptor, which awaits it, answers no call whose entry could be lost
 * to a kill -9. Order: sequence numbers and hashes are assigned synchronously, in call order, in
 * this process (one AuditLog per store); lmdb-js commits asynchronous writes in the order they
 * were made and batches concurrent ones into one transaction, so appends under load cost one
 * flush per batch, not one per entry.
 *
 * Fail-closed: when a write fails (disk full), later appends are refused too, since the chain in
 * memory would run ahead of the one on disk; the calls get UNAVAILABLE until a restart.
 */
import type { Database } from 'lmdb';
import type { KeyObject } from 'node:crypto';
import { EngineError, ErrorCode } from '../errors.js';
import {
  chainEntry, ChainVerifier, GENESIS_HASH, signCheckpoint,
  type AuditEntry, type ChainedEntry, type Checkpoint, type CheckpointReason, type VerifyReport,
} from '../security/audit-chain.js';
import type { RecordStore } from './record-store.js';

export const AUDIT_CHAIN_DB = 'audit-chain';
export const AUDIT_CHECKPOINTS_DB = 'audit-checkpoints';

/** Default: a signed checkpoint every 256 entries (an Ed25519 signature costs ~50 µs). */
export const DEFAULT_CHECKPOINT_INTERVAL = 256;
/** Default: a checkpoint within 10 s of the last entry, so a quiet server leaves little unsigned. */
export const DEFAULT_CHECKPOINT_SECONDS = 10;

/** Rows read per synchronous step of a scan; between steps the event loop runs. */
const SCAN_BATCH = 2000;

export interface AuditLogOptions {
  privateKey: KeyObject;
  publicKey: KeyObject;
  interval?: number;
  /** 0: no timer checkpoints (offline tools). */
  checkpointSeconds?: number;
  warn?: (message: string, fields?: Record<string, string | number>) => void;
  error?: (message: string, fields?: Record<string, string | number>) => void;
}

export interface AuditQuery {
  /** Only entries of this agency; undefined: every agency. */
  agency?: string;
  /** Epoch ms, inclusive. */
  since?: number;
  /** Epoch ms, exclusive. */
  until?: number;
  /** Continue after this sequence number (0: from the start). */
  after: number;
  limit: number;
  /** Rows examined at most per page, so one call stays short; the page may then hold fewer. */
  scanBudget?: number;
}

export interface AuditPage {
  entries: ChainedEntry[];
  /** The sequence to continue after; undefined when the scan reached the end. */
  next?: number;
}

/** Reads the chain's databases; enough for an offline verifier, which must not write. */
export class AuditChainReader {
  readonly entries: Database<unknown, number>;
  readonly checkpoints: Database<unknown, number>;

  constructor(store: RecordStore) {
    this.entries = store.openDb<unknown, number>(AUDIT_CHAIN_DB, { encoding: 'json' });
    this.checkpoints = store.openDb<unknown, number>(AUDIT_CHECKPOINTS_DB, { encoding: 'json' });
  }

  lastKey(db: Database<unknown, number>): number {
    for (const key of db.getKeys({ reverse: true, limit: 1 })) return typeof key === 'number' ? key : 0;
    return 0;
  }

  /**
   * Walks every entry up to the head as it stands now, with the checkpoints, and reports the
   * first problem. Runs in batches, yielding the event loop between them; honours `signal`.
   */
  async verify(options: { publicKey: KeyObject; interval: number; anchors?: { seq: number; hash: string }[]; signal?: AbortSignal }): Promise<VerifyReport> {
    // Head and checkpoints are read in the same tick, so from one LMDB snapshot: a checkpoint is
    // written after the entry it signs, so one past the head can only come from tampering.
    const head = this.lastKey(this.entries);
    const checkpoints = [...this.checkpoints.getRange()].map(({ value }) => value);
    const verifier = new ChainVerifier({ publicKey: options.publicKey, checkpoints, interval: options.interval, ...(options.anchors ? { anchors: options.anchors } : {}) });
    let start: number | undefined;
    for (;;) {
      options.signal?.throwIfAborted();
      const batch = [...this.entries.getRange({ ...(start !== undefined ? { start } : {}), limit: SCAN_BATCH + 1 })]
        .filter(({ key }) => start === undefined || key !== start);
      let done = batch.length < SCAN_BATCH;
      for (const { key, value } of batch) {
        if (typeof key !== 'number') { verifier.push({ key: Number.NaN, value }); done = true; break; }
        if (key > head) { done = true; break; }
        verifier.push({ key, value });
        start = key;
      }
      if (done) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return verifier.finish();
  }
}

export class AuditLog extends AuditChainReader {
  readonly interval: number;
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;
  private head: { seq: number; hash: string };
  private lastCheckpoint: number;
  private failed: unknown;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly options: AuditLogOptions;

  private constructor(store: RecordStore, options: AuditLogOptions) {
    super(store);
    this.options = options;
    this.interval = options.interval ?? DEFAULT_CHECKPOINT_INTERVAL;
    this.privateKey = options.privateKey;
    this.publicKey = options.publicKey;
    const seq = this.lastKey(this.entries);
    const row = seq > 0 ? this.entries.get(seq) as Partial<ChainedEntry> | undefined : undefined;
    this.head = { seq, hash: typeof row?.hash === 'string' ? row.hash : GENESIS_HASH };
    this.lastCheckpoint = this.lastKey(this.checkpoints);
  }

  /**
   * Opens the chain in `store`. Entries a previous run left unsigned (it did not stop cleanly)
   * are signed at once by a 'start' checkpoint, and the operator is told how many there were.
   */
  static async open(store: RecordStore, options: AuditLogOptions): Promise<AuditLog> {
    const log = new AuditLog(store, options);
    if (log.head.seq > log.lastCheckpoint) {
      options.warn?.('audit entries after the last checkpoint at start (the previous run did not stop cleanly); signing them now', { unsigned: log.head.seq - log.lastCheckpoint, lastCheckpoint: log.lastCheckpoint, head: log.head.seq });
      await log.checkpoint('start');
    }
    const seconds = options.checkpointSeconds ?? DEFAULT_CHECKPOINT_SECONDS;
    if (seconds > 0) {
      log.timer = setInterval(() => { if (log.head.seq > log.lastCheckpoint) log.checkpoint('timer').catch(() => undefined); }, seconds * 1000);
      log.timer.unref();
    }
    return log;
  }

  /** The newest entry's sequence and hash (what is assigned, committed or about to be). */
  get headNow(): { seq: number; hash: string } {
    return { ...this.head };
  }

  /** Appends one entry; resolves once it is durable. */
  async append(entry: AuditEntry): Promise<ChainedEntry> {
    this.assertWritable();
    const chained = chainEntry(this.head.seq + 1, this.head.hash, entry);
    this.head = { seq: chained.seq, hash: chained.hash };
    const writes: Promise<unknown>[] = [this.write(this.entries, chained.seq, chained)];
    if (chained.seq % this.interval === 0) writes.push(this.writeCheckpoint('interval'));
    await Promise.all(writes);
    return chained;
  }

  /** Signs the head now (no-op when it is signed already); resolves once durable. */
  async checkpoint(reason: CheckpointReason): Promise<Checkpoint | undefined> {
    this.assertWritable();
    if (this.head.seq <= this.lastCheckpoint) return undefined;
    return this.writeCheckpoint(reason);
  }

  private async writeCheckpoint(reason: CheckpointReason): Promise<Checkpoint> {
    const c = signCheckpoint(this.privateKey, {
      seq: this.head.seq, hash: this.head.hash, previous: this.lastCheckpoint, interval: this.interval, time: new Date().toISOString(), reason,
    });
    this.lastCheckpoint = c.seq;
    await this.write(this.checkpoints, c.seq, c);
    return c;
  }

  private async write(db: Database<unknown, number>, key: number, value: unknown): Promise<void> {
    try {
      await db.put(key, value);
    } catch (e) {
      if (this.failed === undefined) {
        this.failed = e;
        this.options.error?.('the audit chain could not be written; refusing calls until restart', { reason: e instanceof Error ? e.message : String(e) });
      }
      throw new EngineError(ErrorCode.Unavailable, 'the audit trail cannot be written', { cause: e });
    }
  }

  private assertWritable(): void {
    if (this.closed) throw new EngineError(ErrorCode.Unavailable, 'the audit trail is closed (the server is shutting down)');
    if (this.failed !== undefined) throw new EngineError(ErrorCode.Unavailable, 'the audit trail cannot be written', { cause: this.failed });
  }

  /** A page of entries in sequence order, filtered. */
  list(q: AuditQuery): AuditPage {
    const budget = q.scanBudget ?? 10_000;
    const out: ChainedEntry[] = [];
    let scanned = 0;
    for (const { key, value } of this.entries.getRange({ start: q.after + 1 })) {
      if (typeof key !== 'number') continue;
      scanned++;
      const row = value as ChainedEntry;
      const e = row?.entry;
      if (e && typeof e.time === 'string' && (q.agency === undefined || e.agency === q.agency)) {
        const t = Date.parse(e.time);
        if ((q.since === undefined || t >= q.since) && (q.until === undefined || t < q.until)) out.push(row);
      }
      if (out.length >= q.limit || scanned >= budget) {
        return key < this.head.seq ? { entries: out, next: key } : { entries: out };
      }
    }
    return { entries: out };
  }

  /** The public half of the signing key, SPKI PEM, for auditors to pin. */
  publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** Verifies the chain with the server's own key. */
  verifyNow(options: { anchors?: { seq: number; hash: string }[]; signal?: AbortSignal } = {}): Promise<VerifyReport> {
    return this.verify({ publicKey: this.publicKey, interval: this.interval, ...options });
  }

  /** Signs what is unsigned ('shutdown') and stops taking entries. */
  async close(): Promise<void> {
    if (this.closed) return;
    if (this.timer) clearInterval(this.timer);
    if (this.failed === undefined) {
      try { await this.checkpoint('shutdown'); } catch { /* reported by write() */ }
    }
    this.closed = true;
    await this.entries.flushed;
  }
}
