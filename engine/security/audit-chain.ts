/**
 * The audit chain: one entry per call (who, why, which records, what answer), hash-chained, with
 * checkpoints signed under the server's Ed25519 key. Pure: no store, no gRPC, no files.
 *
 * - hash(n) = SHA-256(canonical(["biomatch.audit.entry.v1", n, hash(n-1), entry])), hash(0) = 64
 *   zeros. `canonical` is JSON with object keys sorted and no whitespace, so the hash does not
 *   depend on how the store encodes the entry.
 * - A checkpoint signs (sequence, hash at that sequence, the previous checkpoint's sequence, the
 *   interval in force, time, reason). Checkpoints come every `interval` entries (at each multiple
 *   of it), at start when the previous run left entries unsigned, on a timer, and at shutdown.
 *
 * What a verification can and cannot show is in docs/decisions/audit-trail.md. In short: any
 * change to an entry at or before the last checkpoint is detected, even when the editor
 * recomputes every hash (the signature no longer matches); an edit after it is detected only when
 * the editor leaves a hash inconsistent; cutting the tail back to a checkpoint is not detectable
 * from the store alone, but is against a head (sequence, hash) the auditor noted earlier.
 *
 * CJIS Security Policy 5.4.1.1 lists the content of an audit record: date and time, the component,
 * the type of event, the user or subject identity, and the outcome. Entries never hold biometric
 * data: no images, templates or alleles, only record ids and counts.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';

/** One audited call. */
export interface AuditEntry {
  /** ISO 8601, when the call was answered. */
  time: string;
  /** The calling agency ('' when the caller named none or was refused before naming one). */
  agency: string;
  /** The client certificate's subject (mutual TLS), when there was one. */
  certificateSubject?: string;
  /** The full gRPC path: '/biomatch.v1.DnaService/Search'. */
  method: string;
  /** The declared purpose of the search or read, when given. */
  purpose?: string;
  /** The case reference, when given. */
  caseReference?: string;
  /** The caller's address as the server saw it. */
  peer: string;
  /** Record ids the call returned or touched (or, when refused, the ones it named). */
  recordIds: string[];
  /** Counts that describe the answer: records returned, compared, stored, rejected... */
  counts: Record<string, number>;
  /** 'OK' or the gRPC status code name the caller received. */
  status: string;
}

/** An entry as stored: its place in the chain and the hashes that bind it. */
export interface ChainedEntry {
  seq: number;
  prev: string;
  hash: string;
  entry: AuditEntry;
}

export type CheckpointReason = 'interval' | 'timer' | 'start' | 'shutdown';

/** What a checkpoint signs. */
export interface CheckpointBody {
  /** The last entry it covers. */
  seq: number;
  /** That entry's hash. */
  hash: string;
  /** The sequence of the checkpoint before it; 0 for the first. */
  previous: number;
  /** The checkpoint interval in force, so a verifier knows how many entries may go unsigned. */
  interval: number;
  time: string;
  reason: CheckpointReason;
  /** SHA-256 of the public key (SPKI DER), hex. */
  keyId: string;
}

export interface Checkpoint extends CheckpointBody {
  /** Ed25519 over the canonical body, base64. */
  signature: string;
}

export const GENESIS_HASH = '0'.repeat(64);
const ENTRY_DOMAIN = 'biomatch.audit.entry.v1';
const CHECKPOINT_DOMAIN = 'biomatch.audit.checkpoint.v1';

/**
 * JSON with sorted object keys and no whitespace. Only JSON values are allowed (strings, finite
 * numbers, booleans, null, arrays, plain objects): anything else throws, so an entry that would
 * not survive a round trip cannot be hashed.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError('not a finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  throw new TypeError(`cannot encode a ${typeof value}`);
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The hash that binds entry `seq` to its predecessor. Throws TypeError for a non-JSON entry. */
export function entryHash(seq: number, prev: string, entry: unknown): string {
  return sha256Hex(canonicalJson([ENTRY_DOMAIN, seq, prev, entry]));
}

/** Drops undefined fields, so the stored entry and the hashed one are the same JSON. */
export function normalizeEntry(e: AuditEntry): AuditEntry {
  return JSON.parse(JSON.stringify(e)) as AuditEntry;
}

/** The next link of the chain after (`seq - 1`, `prev`). */
export function chainEntry(seq: number, prev: string, entry: AuditEntry): ChainedEntry {
  const e = normalizeEntry(entry);
  return { seq, prev, hash: entryHash(seq, prev, e), entry: e };
}

/** SHA-256 of the public key's SPKI DER, hex: names the key in checkpoints and reports. */
export function keyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

function checkpointMessage(body: CheckpointBody): Buffer {
  const { seq, hash, previous, interval, time, reason, keyId: id } = body;
  return Buffer.from(canonicalJson([CHECKPOINT_DOMAIN, { seq, hash, previous, interval, time, reason, keyId: id }]), 'utf8');
}

/** Signs a checkpoint body with the server's Ed25519 private key. */
export function signCheckpoint(privateKey: KeyObject, body: Omit<CheckpointBody, 'keyId'>): Checkpoint {
  const full: CheckpointBody = { ...body, keyId: keyId(createPublicKey(privateKey)) };
  return { ...full, signature: sign(null, checkpointMessage(full), privateKey).toString('base64') };
}

/** True when the checkpoint's signature is valid under `publicKey`. */
export function checkpointSignatureValid(publicKey: KeyObject, c: Checkpoint): boolean {
  try {
    return verify(null, checkpointMessage(c), publicKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Verification

export type ProblemKind =
  | 'edited' // an entry's content no longer matches its hash, or was rewritten with a new hash
  | 'removed' // a sequence number is missing
  | 'inserted' // an entry that the chain did not have sits in it
  | 'reordered' // entries were moved to other places
  | 'malformed' // a stored row is not an audit entry at all
  | 'bad-signature' // a checkpoint's signature does not verify under the server's key
  | 'unknown-key' // a checkpoint was signed by another key
  | 'checkpoint-mismatch' // a checkpoint signs a hash the chain no longer has: entries were rewritten
  | 'checkpoint-missing' // more entries went unsigned than the interval allows, or a checkpoint's predecessor is gone
  | 'truncated' // a checkpoint covers entries that are gone
  | 'anchor-mismatch'; // the chain lacks a (sequence, hash) the auditor noted earlier

export interface Problem {
  kind: ProblemKind;
  /** The sequence number where the problem shows. */
  seq: number;
  message: string;
}

export interface VerifyReport {
  intact: boolean;
  /** Entries read. */
  entries: number;
  checkpoints: number;
  headSeq: number;
  headHash: string;
  lastCheckpointSeq: number;
  /**
   * Entries after the last checkpoint: their removal (cutting the tail back) or a consistent
   * rewrite cannot be detected from the store alone.
   */
  unsignedTail: number;
  keyId: string;
  /** The first problem found; verification stops there. */
  problem?: Problem;
}

/** A row as read from the store: its key and whatever value is there. */
export interface StoredRow {
  key: number;
  value: unknown;
}

export interface VerifyOptions {
  /** The key checkpoints must be signed with. */
  publicKey: KeyObject;
  /** Every checkpoint, any order. */
  checkpoints: readonly unknown[];
  /** The interval assumed before the first checkpoint (the server's setting). */
  interval: number;
  /** (sequence, hash) pairs noted earlier (e.g. from a previous verify): each must still be in the chain. */
  anchors?: readonly { seq: number; hash: string }[];
}

function isChained(v: unknown): v is ChainedEntry {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return Number.isSafeInteger(r.seq) && typeof r.prev === 'string' && typeof r.hash === 'string' && typeof r.entry === 'object' && r.entry !== null;
}

function isCheckpoint(v: unknown): v is Checkpoint {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return Number.isSafeInteger(r.seq) && typeof r.hash === 'string' && Number.isSafeInteger(r.previous) && Number.isSafeInteger(r.interval)
    && typeof r.time === 'string' && typeof r.reason === 'string' && typeof r.keyId === 'string' && typeof r.signature === 'string';
}

function recomputed(row: ChainedEntry, seq: number): string | undefined {
  try {
    return entryHash(seq, row.prev, row.entry);
  } catch {
    return undefined;
  }
}

/**
 * Walks the chain in key order, one row at a time (`push`), then `finish()`. Stops at the first
 * problem. Incremental so that a store can feed it in batches without holding the chain in memory
 * or blocking its event loop.
 */
export class ChainVerifier {
  private readonly expectedKeyId: string;
  private readonly checkpointsBySeq = new Map<number, Checkpoint>();
  private readonly anchors: Map<number, string>;
  private problem: Problem | undefined;
  private expected = 1;
  private prevHash = GENESIS_HASH;
  private entries = 0;
  private lastCheckpoint: Checkpoint | undefined;
  /** After a problem: the sequence claims of the rows that follow (to tell a move from a loss). */
  private pendingClaim: { key: number; claim: number; laterClaims: Set<number> } | undefined;

  constructor(private readonly options: VerifyOptions) {
    this.expectedKeyId = keyId(options.publicKey);
    this.anchors = new Map((options.anchors ?? []).map((a) => [a.seq, a.hash]));
    for (const c of options.checkpoints) {
      if (!isCheckpoint(c)) { this.fail('malformed', 0, 'a stored checkpoint is not a checkpoint'); continue; }
      this.checkpointsBySeq.set(c.seq, c);
    }
  }

  private fail(kind: ProblemKind, seq: number, message: string): void {
    if (!this.problem) this.problem = { kind, seq, message };
  }

  /** False once a problem was found (further rows are only read to name it). */
  get ok(): boolean {
    return this.problem === undefined;
  }

  push(row: StoredRow): void {
    if (this.pendingClaim) {
      const v = row.value;
      if (isChained(v)) this.pendingClaim.laterClaims.add(v.seq);
      return;
    }
    if (this.problem) return;
    const { key, value } = row;
    if (!Number.isSafeInteger(key)) { this.fail('inserted', this.expected, `a row with a key that is not a sequence number follows entry ${this.expected - 1}`); return; }
    if (!isChained(value)) { this.fail('malformed', key, `the row at sequence ${key} is not an audit entry`); return; }
    if (key > this.expected) {
      this.fail('removed', this.expected, key === this.expected + 1 ? `entry ${this.expected} is missing` : `entries ${this.expected} to ${key - 1} are missing`);
      return;
    }
    if (key < this.expected) { this.fail('inserted', key, `a row with sequence ${key} appears after ${this.expected - 1}`); return; }
    if (value.seq !== key) {
      // The row was moved here from elsewhere; which move it was shows from the rows that follow.
      this.pendingClaim = { key, claim: value.seq, laterClaims: new Set() };
      return;
    }
    const own = recomputed(value, key);
    if (own === undefined) { this.fail('malformed', key, `entry ${key} holds values that are not JSON`); return; }
    if (own !== value.hash) { this.fail('edited', key, `entry ${key} was changed after it was written (its content no longer matches its hash)`); return; }
    if (value.prev !== this.prevHash) {
      this.fail('edited', Math.max(1, key - 1), key === 1
        ? 'entry 1 does not start the chain'
        : `entry ${key} does not follow entry ${key - 1}: entry ${key - 1} was rewritten (with a new hash), or entries around it were replaced`);
      return;
    }
    const anchored = this.anchors.get(key);
    if (anchored !== undefined && anchored !== value.hash) { this.fail('anchor-mismatch', key, `entry ${key} is not the one noted earlier (its hash differs)`); return; }
    const c = this.checkpointsBySeq.get(key);
    if (c) { this.checkCheckpoint(c, value.hash); if (this.problem) return; }
    this.entries++;
    this.prevHash = value.hash;
    this.expected = key + 1;
  }

  private checkCheckpoint(c: Checkpoint, hash: string): void {
    if (c.keyId !== this.expectedKeyId) { this.fail('unknown-key', c.seq, `the checkpoint at ${c.seq} was signed by another key (${c.keyId.slice(0, 16)}…)`); return; }
    if (!checkpointSignatureValid(this.options.publicKey, c)) { this.fail('bad-signature', c.seq, `the checkpoint at ${c.seq} has a signature that does not verify: it was forged or altered`); return; }
    if (c.hash !== hash) { this.fail('checkpoint-mismatch', c.seq, `entries up to ${c.seq} were rewritten after the checkpoint at ${c.seq} signed them`); return; }
    const previous = this.lastCheckpoint?.seq ?? 0;
    if (c.previous !== previous) {
      this.fail('checkpoint-missing', c.seq, c.previous > previous
        ? `the checkpoint at ${c.previous}, which the checkpoint at ${c.seq} follows, is missing`
        : `the checkpoint at ${c.seq} does not follow the checkpoint at ${previous}`);
      return;
    }
    // A start checkpoint signs what an unclean stop left unsigned, under a possibly new interval.
    const allowed = this.lastCheckpoint?.interval ?? c.interval;
    if (c.seq - previous > allowed && c.reason !== 'start') {
      this.fail('checkpoint-missing', previous + allowed, `no checkpoint between ${previous} and ${c.seq} (at most ${allowed} entries go unsigned)`);
      return;
    }
    this.lastCheckpoint = c;
  }

  finish(): VerifyReport {
    if (this.pendingClaim) {
      const { key, claim, laterClaims } = this.pendingClaim;
      this.pendingClaim = undefined;
      // Every sequence before `key` was read and found in place, so a claim below it is a copy.
      if (claim >= 1 && claim < key) this.fail('inserted', key - 1, `an entry was inserted before sequence ${key}: the entry written as ${claim} now sits at ${key}`);
      else if (claim > key && !laterClaims.has(key)) this.fail('removed', key, `entry ${key} was removed and the entries after it renumbered (the entry written as ${claim} now sits at ${key})`);
      else this.fail('reordered', key, `entries were reordered: the entry written as ${claim} sits at ${key}`);
    }
    if (!this.problem) {
      const head = this.expected - 1;
      const beyond = [...this.checkpointsBySeq.keys()].filter((s) => s > head).sort((a, b) => a - b);
      if (beyond.length > 0) this.fail('truncated', head + 1, `the checkpoint at ${beyond[0]} covers entries after ${head} that are gone: the chain was cut`);
      for (const [seq] of this.anchors) if (seq > head) { this.fail('anchor-mismatch', seq, `entry ${seq}, noted earlier, is gone: the chain was cut back to ${head}`); break; }
      const last = this.lastCheckpoint?.seq ?? 0;
      const allowed = this.lastCheckpoint?.interval ?? this.options.interval;
      if (!this.problem && head - last > allowed) this.fail('checkpoint-missing', last + allowed, `${head - last} entries after the checkpoint at ${last} are unsigned (at most ${allowed} may be): a checkpoint was removed`);
    }
    const lastCheckpointSeq = this.lastCheckpoint?.seq ?? 0;
    return {
      intact: this.problem === undefined,
      entries: this.entries,
      checkpoints: this.checkpointsBySeq.size,
      headSeq: this.expected - 1,
      headHash: this.prevHash,
      lastCheckpointSeq,
      unsignedTail: this.expected - 1 - lastCheckpointSeq,
      keyId: this.expectedKeyId,
      ...(this.problem ? { problem: this.problem } : {}),
    };
  }
}

/** Verifies a whole chain held in memory (tests, small logs). */
export function verifyChain(rows: Iterable<StoredRow>, options: VerifyOptions): VerifyReport {
  const v = new ChainVerifier(options);
  for (const row of rows) v.push(row);
  return v.finish();
}
