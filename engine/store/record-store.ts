/**
 * The durable record store: LMDB through lmdb-js (chosen by bench/store-choice.bench.ts;
 * the numbers and the reasons are in docs/decisions/store-lmdb.md).
 *
 * Durability: every write method resolves only after LMDB has committed the transaction and
 * flushed it to disk (lmdb-js's default: write promises resolve once "written and flushed"), so an
 * acknowledged write survives kill -9 and power loss. Writes are batched by lmdb-js into shared
 * transactions, which is what makes concurrent enrolment fast.
 *
 * Layout: one named database per record kind (`records/<kind>`; counts are O(1) and a kind scans
 * alone when indexes are rebuilt at start), one for the (kind, owner, external id) → id
 * uniqueness key, and an append-only audit trail of who created, updated and deleted what (ids and
 * agencies only — never payloads).
 *
 * Thread safety: one RecordStore per process, used from the main thread. Reads are synchronous
 * and see every write whose promise has resolved.
 */
import { mkdirSync, statSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { open, type Database, type DatabaseOptions, type Key, type RootDatabase } from 'lmdb';
import { keyMatches, makeHeader, parseHeader, writeFileAtomic, type EncryptionKey } from '../security/encryption.js';

/** Virtual address space reserved for the store's map (the file itself grows as needed). */
const MAP_SIZE = 256 * 2 ** 30;

/** The plain store's file, and the encrypted store's: the name alone tells which a directory holds. */
export const PLAIN_STORE_FILE = 'biomatch.mdb';
export const ENCRYPTED_STORE_FILE = 'biomatch.enc.mdb';
/** The encrypted store's plain header: the key check, read before LMDB sees the key. */
export const ENCRYPTION_HEADER_FILE = 'encryption.json';

export interface StoreOptions {
  /**
   * Encrypts every page of the store (records, external ids, audit) with LMDB's page cipher
   * (docs/decisions/encryption-at-rest.md). A directory is encrypted or not for its whole life.
   */
  encryptionKey?: EncryptionKey;
}
import { EngineError, ErrorCode } from '../errors.js';
import { RECORD_KINDS, type NewRecord, type RecordKind, type StoredRecord } from './record.js';

const ID_PREFIX: Record<RecordKind, string> = { fingerprint: 'fp', latent: 'lt', 'dna-profile': 'dna' };
const KIND_BY_PREFIX = new Map<string, RecordKind>(RECORD_KINDS.map((k) => [ID_PREFIX[k], k]));

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

export interface PutResult<P> {
  record: StoredRecord<P>;
  outcome: WriteOutcome;
}

/**
 * Writes that must commit with the records or not at all (a pending reverse-search marker with its
 * enrolment): called inside the store's transaction, after the records are written; it may write
 * only to the store's own named databases, synchronously, and must not throw.
 */
export type InTransaction<P> = (results: PutResult<P>[]) => void;

export interface AuditEntry {
  at: string;
  action: 'create' | 'update' | 'delete';
  recordId: string;
  kind: RecordKind;
  agency: string;
}

/** A limit on any one text field of the record envelope; payload limits belong to each domain. */
const MAX_FIELD_CHARS = 256;

interface Plan<P> {
  record: StoredRecord<P>;
  outcome: WriteOutcome;
  previous: StoredRecord<P> | undefined;
  extKey: string | undefined;
}

export class RecordStore {
  readonly dir: string;
  /** The LMDB file: biomatch.mdb, or biomatch.enc.mdb when encrypted. */
  readonly file: string;
  readonly encrypted: boolean;
  private readonly root: RootDatabase;
  private readonly byKind: Map<RecordKind, Database<StoredRecord, string>>;
  private readonly external: Database<string, string>;
  private readonly audit: Database<AuditEntry, number>;
  private auditSeq: number;
  private closed = false;

  private constructor(dir: string, options: StoreOptions) {
    this.dir = dir;
    this.encrypted = options.encryptionKey !== undefined;
    this.file = join(dir, this.encrypted ? ENCRYPTED_STORE_FILE : PLAIN_STORE_FILE);
    // One address-space reservation up front: without it lmdb-js starts at 1 GiB and maps the file
    // again each time it grows, and every old mapping's resident pages count in the process RSS
    // again (14 mappings and 4.3 GB file-backed RSS for a 1.6 GB store were seen at 720k prints).
    // It reserves virtual addresses only; the file grows as records are written.
    this.root = open({
      path: this.file, maxDbs: 16, encoding: 'msgpack', mapSize: MAP_SIZE,
      ...(options.encryptionKey ? { encryptionKey: options.encryptionKey.lmdbKey() } : {}),
    });
    this.byKind = new Map(RECORD_KINDS.map((k) => [k, this.root.openDB<StoredRecord, string>({ name: `records/${k}`, encoding: 'msgpack' })]));
    this.external = this.root.openDB<string, string>({ name: 'external-ids', encoding: 'string' });
    this.audit = this.root.openDB<AuditEntry, number>({ name: 'audit', encoding: 'msgpack', keyEncoding: 'uint32' });
    let last = 0;
    for (const key of this.audit.getKeys({ reverse: true, limit: 1 })) last = key as number;
    this.auditSeq = last;
  }

  /**
   * Opens (creating when absent) the store in `dir`. With a key, the directory must be new or
   * hold an encrypted store made with that key; without one, it must not hold an encrypted store.
   * Anything else is refused with FAILED_PRECONDITION before LMDB opens the file: LMDB itself
   * crashes on an encrypted file opened without its key and reads garbage with a wrong one.
   */
  static open(dir: string, options: StoreOptions = {}): RecordStore {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      throw new EngineError(ErrorCode.Unavailable, `cannot create the data directory ${dir}`, { cause: e });
    }
    checkEncryption(dir, options.encryptionKey);
    try {
      return new RecordStore(dir, options);
    } catch (e) {
      throw new EngineError(ErrorCode.Unavailable, `cannot open the record store in ${dir}`, { cause: e });
    }
  }

  static kindOfId(id: string): RecordKind | undefined {
    const cut = id.indexOf('_');
    return cut > 0 ? KIND_BY_PREFIX.get(id.slice(0, cut)) : undefined;
  }

  /**
   * Creates a record, or — when (kind, owner, externalId) already exists — updates that record in
   * place (same id, same createdAt). `actingAgency` goes to the audit trail.
   */
  async put<P>(input: NewRecord<P>, actingAgency: string, inTransaction?: InTransaction<P>): Promise<PutResult<P>> {
    const [result] = await this.putMany([input], actingAgency, inTransaction);
    return result;
  }

  /**
   * Several records in one durable transaction; all are stored or none. Every check runs before
   * the first write (lmdb-js batches async transactions, so a throw would not roll back writes
   * already made in the callback).
   */
  async putMany<P>(inputs: NewRecord<P>[], actingAgency: string, inTransaction?: InTransaction<P>): Promise<PutResult<P>[]> {
    this.assertOpen();
    for (const input of inputs) validateEnvelope(input);
    const now = new Date().toISOString();
    return this.root.transaction(() => {
      const planned = new Map<string, StoredRecord<P>>();
      const plans = inputs.map((input) => this.plan(input, now, planned));
      for (const plan of plans) this.apply(plan, actingAgency, now);
      const results = plans.map(({ record, outcome }) => ({ record, outcome }));
      inTransaction?.(results);
      return results;
    });
  }

  /** Reads and checks only; `planned` carries this batch's earlier records by external key. */
  private plan<P>(input: NewRecord<P>, now: string, planned: Map<string, StoredRecord<P>>): Plan<P> {
    const db = this.db(input.kind);
    const extKey = input.externalId ? externalKey(input.kind, input.ownerAgency, input.externalId) : undefined;
    let existing: StoredRecord<P> | undefined;
    if (extKey !== undefined && planned.has(extKey)) existing = planned.get(extKey);
    else {
      const existingId = input.id ?? (extKey !== undefined ? this.external.get(extKey) : undefined);
      existing = existingId !== undefined ? (db.get(existingId) as StoredRecord<P> | undefined) : undefined;
    }
    if (existing && existing.ownerAgency !== input.ownerAgency) {
      throw new EngineError(ErrorCode.PermissionDenied, `record ${existing.id} belongs to another agency`);
    }
    const record: StoredRecord<P> = {
      id: existing?.id ?? input.id ?? `${ID_PREFIX[input.kind]}_${randomUUID()}`,
      kind: input.kind,
      subjectId: input.subjectId,
      ownerAgency: input.ownerAgency,
      visibility: { agencies: [...new Set(input.visibility?.agencies ?? [])].sort(), allAgencies: input.visibility?.allAgencies ?? false },
      ...(input.externalId ? { externalId: input.externalId } : {}),
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
      payload: input.payload,
    };
    if (extKey !== undefined) planned.set(extKey, record);
    if (existing && sameContent(existing, record)) return { record: existing, outcome: 'unchanged', previous: existing, extKey };
    return { record, outcome: existing ? 'updated' : 'created', previous: existing, extKey };
  }

  private apply<P>(plan: Plan<P>, actingAgency: string, now: string): void {
    const { record, outcome, previous, extKey } = plan;
    if (outcome === 'unchanged') return;
    if (previous?.externalId && previous.externalId !== record.externalId) {
      this.external.remove(externalKey(previous.kind, previous.ownerAgency, previous.externalId));
    }
    this.db(record.kind).put(record.id, record);
    if (extKey !== undefined) this.external.put(extKey, record.id);
    this.appendAudit({ at: now, action: outcome === 'created' ? 'create' : 'update', recordId: record.id, kind: record.kind, agency: actingAgency });
  }

  get<P = unknown>(id: string): StoredRecord<P> | undefined {
    this.assertOpen();
    const kind = RecordStore.kindOfId(id);
    if (kind === undefined) return undefined;
    return this.db(kind).get(id) as StoredRecord<P> | undefined;
  }

  findByExternalId<P = unknown>(kind: RecordKind, ownerAgency: string, externalId: string): StoredRecord<P> | undefined {
    this.assertOpen();
    const id = this.external.get(externalKey(kind, ownerAgency, externalId));
    return id === undefined ? undefined : this.get<P>(id);
  }

  /** Removes a record; resolves to the removed record, or undefined if there was none. */
  async delete<P = unknown>(id: string, actingAgency: string): Promise<StoredRecord<P> | undefined> {
    this.assertOpen();
    const kind = RecordStore.kindOfId(id);
    if (kind === undefined) return undefined;
    const db = this.db(kind);
    return this.root.transaction(() => {
      const existing = db.get(id) as StoredRecord<P> | undefined;
      if (!existing) return undefined;
      db.remove(id);
      if (existing.externalId) this.external.remove(externalKey(kind, existing.ownerAgency, existing.externalId));
      this.appendAudit({ at: new Date().toISOString(), action: 'delete', recordId: id, kind, agency: actingAgency });
      return existing;
    });
  }

  /** Every record of a kind, in id order (for rebuilding in-memory indexes at start). */
  *scan<P = unknown>(kind: RecordKind): Generator<StoredRecord<P>> {
    this.assertOpen();
    for (const { value } of this.db(kind).getRange()) yield value as StoredRecord<P>;
  }

  count(kind: RecordKind): number {
    this.assertOpen();
    // LMDB's own entry count (mdb_stat), O(1). lmdb-js's getCount() iterates the whole range,
    // values included: 0.8 s and every page of a 1M-profile store read (1.4 GiB of file-backed
    // RSS) just to size the DNA index at start (docs/measurements/dna-search.md, 2026-12-01).
    return (this.db(kind).getStats() as { entryCount: number }).entryCount;
  }

  /** The audit trail, newest last; `limit` newest entries. */
  auditTrail(limit = 100): AuditEntry[] {
    const out: AuditEntry[] = [];
    for (const { value } of this.audit.getRange({ reverse: true, limit })) out.push(value);
    return out.reverse();
  }

  /**
   * Another named database in the store's environment, for parts that keep their own data with
   * the same durability (the audit chain, engine/store/audit-log.ts). Its writes share the
   * store's batched, flushed transactions.
   */
  openDb<V, K extends Key = Key>(name: string, options: Omit<DatabaseOptions, 'name'> = {}): Database<V, K> {
    this.assertOpen();
    return this.root.openDB<V, K>({ ...options, name });
  }

  /**
   * Another named database in the same LMDB environment (msgpack values, ordered keys), for data
   * that is not records but must be as durable and share transactions' guarantees: batch jobs.
   */
  namedDatabase<V = unknown>(name: string): Database<V, Key> {
    this.assertOpen();
    if (name.startsWith('records/') || name === 'external-ids' || name === 'audit') throw EngineError.invalidArgument('name', 'is one of the record store\'s own databases');
    return this.openDb<V>(name, { encoding: 'msgpack' });
  }

  /**
   * The store's generation: the sequence number of its latest committed change (create, update or
   * delete of any record; 0 for a store never written). It only grows, and the audit trail keeps
   * every change after any generation (changesSince), so an index saved at generation G is brought
   * up to date by replaying what changed after G (the DNA index snapshot,
   * docs/decisions/dna-index-snapshot.md).
   */
  generation(): number {
    this.assertOpen();
    let last = 0;
    for (const key of this.audit.getKeys({ reverse: true, limit: 1 })) last = key as number;
    return last;
  }

  /**
   * Names the change at `generation` (a digest of its audit entry; '' for generation 0), so that a
   * saved index can tell this store's history from another store's (a restored backup, another
   * data directory) that happens to be at the same generation. Undefined when there is no such change.
   */
  generationAnchor(generation: number): string | undefined {
    this.assertOpen();
    if (generation === 0) return '';
    const entry = this.audit.get(generation);
    if (entry === undefined) return undefined;
    return createHash('sha256').update(JSON.stringify([entry.at, entry.action, entry.recordId, entry.kind, entry.agency])).digest('hex').slice(0, 32);
  }

  /** The changes after `generation`, oldest first (ids, kinds and actions only). */
  *changesSince(generation: number): Generator<AuditEntry & { generation: number }> {
    this.assertOpen();
    for (const { key, value } of this.audit.getRange({ start: generation + 1 })) yield { ...value, generation: key as number };
  }

  /** Resolves once every write issued so far is committed and flushed. */
  flushed(): Promise<void> {
    return this.root.flushed.then(() => undefined);
  }

  /** Bytes the store occupies on disk. */
  sizeBytes(): number {
    return existsSync(this.file) ? statSync(this.file).size : 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.root.flushed;
    await this.root.close();
  }

  private appendAudit(entry: AuditEntry): void {
    this.auditSeq += 1;
    this.audit.put(this.auditSeq, entry);
  }

  private db(kind: RecordKind): Database<StoredRecord, string> {
    const db = this.byKind.get(kind);
    if (!db) throw EngineError.invalidArgument('kind', `unknown record kind`);
    return db;
  }

  private assertOpen(): void {
    if (this.closed) throw new EngineError(ErrorCode.Unavailable, 'the record store is closed');
  }
}

/** Refuses a key that does not fit the directory (see RecordStore.open); writes the header for a new encrypted store. */
function checkEncryption(dir: string, key: EncryptionKey | undefined): void {
  const headerPath = join(dir, ENCRYPTION_HEADER_FILE);
  const plainStore = existsSync(join(dir, PLAIN_STORE_FILE));
  const encryptedStore = existsSync(join(dir, ENCRYPTED_STORE_FILE));
  const hasHeader = existsSync(headerPath);
  const refuse = (why: string) => new EngineError(ErrorCode.FailedPrecondition, `${why}; nothing was read or written`);
  if (!key) {
    if (encryptedStore || hasHeader) throw refuse(`the data directory ${dir} holds an encrypted store: start with --encryption-key-file and its key`);
    return;
  }
  if (plainStore) {
    throw refuse(`the data directory ${dir} holds an unencrypted store (${PLAIN_STORE_FILE}), which cannot be encrypted in place: start without --encryption-key-file, or with a new data directory`);
  }
  if (!hasHeader) {
    if (encryptedStore) throw refuse(`${headerPath} is missing, so the key cannot be checked: restore it from a backup of this data directory`);
    writeFileAtomic(headerPath, Buffer.from(`${JSON.stringify(makeHeader(key, ENCRYPTED_STORE_FILE), null, 2)}\n`), 0o644);
    return;
  }
  let text: string;
  try {
    text = readFileSync(headerPath, 'utf8');
  } catch (e) {
    throw new EngineError(ErrorCode.Unavailable, `cannot read ${headerPath}`, { cause: e });
  }
  const header = parseHeader(text, headerPath);
  if (!keyMatches(key, header)) {
    throw refuse(`the encryption key is not the one the store in ${dir} was encrypted with (the key check in ${ENCRYPTION_HEADER_FILE} differs)`);
  }
}

function externalKey(kind: RecordKind, owner: string, externalId: string): string {
  return `${kind}\u0000${owner}\u0000${externalId}`;
}

function sameContent(a: StoredRecord, b: StoredRecord): boolean {
  return a.subjectId === b.subjectId && a.externalId === b.externalId && a.ownerAgency === b.ownerAgency
    && JSON.stringify(a.visibility) === JSON.stringify(b.visibility) && JSON.stringify(a.payload) === JSON.stringify(b.payload);
}

function validateEnvelope(input: NewRecord): void {
  if (!RECORD_KINDS.includes(input.kind)) throw EngineError.invalidArgument('kind', 'unknown record kind');
  checkText('owner_agency', input.ownerAgency, true);
  checkText('subject_id', input.subjectId, false);
  if (input.externalId !== undefined) checkText('external_id', input.externalId, false);
  for (const a of input.visibility?.agencies ?? []) checkText('visibility.agencies', a, true);
  if (input.id !== undefined && RecordStore.kindOfId(input.id) !== input.kind) throw EngineError.invalidArgument('id', 'does not name a record of this kind');
}

function checkText(field: string, value: string, required: boolean): void {
  if (typeof value !== 'string') throw EngineError.invalidArgument(field, 'must be a string');
  if (required && value.trim() === '') throw EngineError.invalidArgument(field, 'is required');
  if (value.length > MAX_FIELD_CHARS) throw EngineError.invalidArgument(field, `is longer than ${MAX_FIELD_CHARS} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) throw EngineError.invalidArgument(field, 'contains control characters');
}
