/**
 * The DNA index snapshot: a DnaIndex's record state (DnaIndex.exportState) in one file of the data
 * directory, read at start instead of rebuilding the index from every stored profile. Why, when it
 * is written and when it is refused: docs/decisions/dna-index-snapshot.md.
 *
 * File: MAGIC, then sections, each `u32 length ‖ body`. With an encryption-at-rest key a body is
 * one sealed blob (AES-256-GCM, encryption.ts `seal`; genotypes are biometric data, so no
 * plaintext reaches the disk); without one it is the plain section ‖ SHA-256 of it (the store is
 * plain too; the digest catches damage, not tampering). Each section names its role in the
 * authenticated data: `dna-index.snapshot/header`, then `dna-index.snapshot/<snapshot id>/<n>`,
 * so a section cut, reordered, or taken from another snapshot is refused.
 *
 * Sections, in order: the header (JSON: format, version, snapshot id, the caller's store stamp,
 * the locus registry, counts); the per-record arrays (owners, flags, kinds); small tables (JSON);
 * record ids, subject ids, external ids (string lists, STRING_CHUNK per section; read back one
 * section at a time); visibility lists
 * and overflow genotypes (JSON, JSON_CHUNK entries per section); one section per locus column
 * (keys, key counts). Sections are written and read one at a time, so neither side holds the
 * whole file in memory. Posting lists and bitsets are not stored: DnaIndex.warm rebuilds them.
 *
 * Any failure to read (missing, damaged, another format version, another locus registry, a tag
 * that does not verify) throws SnapshotRefused with a reason that names no record and no allele.
 *
 * Thread safety: none; the index thread (dna-index.worker.ts) calls it between requests.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, openSync, readSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { EngineError, ErrorCode } from '../errors.js';
import { seal, unseal, type EncryptionKey } from '../security/encryption.js';
import type { DnaIndex, DnaIndexColumnState, DnaIndexState, StringList } from './dna-index.js';
import type { LocusRegistry } from './locus-registry.js';

export const SNAPSHOT_FORMAT = 'biomatch-dna-index-snapshot';
/** Bumped whenever the layout or the meaning of a field changes: another version is refused. */
export const SNAPSHOT_VERSION = 1;
const MAGIC = Buffer.from('BMDNASN\u0001', 'latin1');
const DIGEST_BYTES = 32;
/** Largest section accepted when reading (a damaged length must not allocate gigabytes). */
const MAX_SECTION_BYTES = 1 << 30;
/** Strings per string-list section (1M ids ≈ 40 MB). */
const STRING_CHUNK = 1 << 20;
/** Entries per JSON list section. */
const JSON_CHUNK = 1 << 17;
const NO_STRING = 0xffffffff;

/** What the caller knows of the store the index was built from; compared at load by the caller. */
export interface SnapshotStoreStamp {
  /** The store's generation (RecordStore.generation) the snapshot includes every change up to. */
  generation: number;
  /** Identifies the store's history at that generation (RecordStore.generationAnchor). */
  anchor: string;
}

export interface SnapshotHeader {
  format: typeof SNAPSHOT_FORMAT;
  version: number;
  snapshotId: string;
  writtenAt: string;
  store: SnapshotStoreStamp;
  /** Canonical locus names in registry order: column numbers mean nothing under another registry. */
  loci: string[];
  highWater: number;
  live: number;
  sections: { idChunks: number; visibleToChunks: number; overflowChunks: number; columns: number };
}

/** The snapshot cannot be used: the caller rebuilds from the store. `reason` holds no biometric data. */
export class SnapshotRefused extends Error {
  constructor(readonly reason: string) {
    super(`DNA index snapshot refused: ${reason}`);
    this.name = 'SnapshotRefused';
  }
}

const headerRole = 'dna-index.snapshot/header';
const sectionRole = (id: string, n: number) => `dna-index.snapshot/${id}/${n}`;

function protect(key: EncryptionKey | undefined, role: string, plain: Buffer): Buffer {
  if (key !== undefined) return seal(key, role, plain);
  return Buffer.concat([plain, createHash('sha256').update(role).update(plain).digest()]);
}

function open(key: EncryptionKey | undefined, role: string, body: Buffer): Buffer {
  if (key !== undefined) {
    try {
      return unseal(key, role, body);
    } catch {
      throw new SnapshotRefused(`a section failed authentication (damaged, from another snapshot, or sealed under another key)`);
    }
  }
  if (body.length < DIGEST_BYTES) throw new SnapshotRefused('a section is truncated');
  const plain = body.subarray(0, body.length - DIGEST_BYTES);
  const digest = createHash('sha256').update(role).update(plain).digest();
  if (!digest.equals(body.subarray(body.length - DIGEST_BYTES))) throw new SnapshotRefused('a section failed its checksum (damaged)');
  return plain;
}

/** A string list: u8 encoding (0 latin1, 1 UTF-16LE) ‖ u32 count ‖ u32 lengths (NO_STRING: undefined) ‖ characters. */
function encodeStrings(list: readonly (string | undefined)[]): Buffer {
  let chars = 0;
  let wide = false;
  for (const s of list) {
    if (s === undefined) continue;
    chars += s.length;
    // eslint-disable-next-line no-control-regex
    if (!wide && /[^\u0000-\u00ff]/.test(s)) wide = true;
  }
  const head = Buffer.alloc(5 + 4 * list.length);
  head.writeUInt8(wide ? 1 : 0, 0);
  head.writeUInt32LE(list.length, 1);
  list.forEach((s, i) => head.writeUInt32LE(s === undefined ? NO_STRING : s.length, 5 + 4 * i));
  const text = Buffer.from(list.filter((s): s is string => s !== undefined).join(''), wide ? 'utf16le' : 'latin1');
  if (text.length !== (wide ? 2 * chars : chars)) throw EngineError.internal('dna index snapshot: string list encoding');
  return Buffer.concat([head, text]);
}

function decodeStrings(buf: Buffer): (string | undefined)[] {
  if (buf.length < 5) throw new SnapshotRefused('a string list is truncated');
  const wide = buf.readUInt8(0) === 1;
  const n = buf.readUInt32LE(1);
  const start = 5 + 4 * n;
  if (start > buf.length) throw new SnapshotRefused('a string list is truncated');
  const text = buf.toString(wide ? 'utf16le' : 'latin1', start);
  const out = new Array<string | undefined>(n);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const len = buf.readUInt32LE(5 + 4 * i);
    if (len === NO_STRING) { out[i] = undefined; continue; }
    if (at + len > text.length) throw new SnapshotRefused('a string list is truncated');
    out[i] = text.slice(at, at + len);
    at += len;
  }
  if (at !== text.length) throw new SnapshotRefused('a string list has trailing characters');
  return out;
}

/** A copy of `n` elements of a typed array from `buf` at `offset` (the buffer need not be aligned). */
function typedCopy<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array>(buf: Buffer, offset: number, make: (n: number) => T, n: number): T {
  const out = make(n);
  const bytes = out.byteLength;
  if (offset + bytes > buf.length) throw new SnapshotRefused('a section is shorter than its header says');
  new Uint8Array(out.buffer, out.byteOffset, bytes).set(buf.subarray(offset, offset + bytes));
  return out;
}

const bytesOf = (a: Uint8Array | Uint16Array | Uint32Array | Int32Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/**
 * Writes `index`'s snapshot to `path` durably (temporary file, fsync, rename), sealed under `key`
 * when one is given. `store` is recorded for the caller's check at load.
 */
export function writeDnaIndexSnapshot(index: DnaIndex, registry: LocusRegistry, path: string, store: SnapshotStoreStamp, key?: EncryptionKey): { bytes: number } {
  const state = index.exportState();
  const snapshotId = randomBytes(12).toString('hex');
  const columns = [...state.columns];
  const visibleTo = chunks(state.visibleTo, JSON_CHUNK);
  const overflow = chunks(state.overflow, JSON_CHUNK);
  const header: SnapshotHeader = {
    format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, snapshotId, writtenAt: new Date().toISOString(), store,
    loci: registry.all().map((l) => l.name), highWater: state.highWater, live: state.live,
    sections: { idChunks: Math.ceil(state.highWater / STRING_CHUNK), visibleToChunks: visibleTo.length, overflowChunks: overflow.length, columns: columns.length },
  };
  const temp = `${path}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w', 0o600);
  let bytes = 0;
  let n = 0;
  const write = (b: Buffer): void => {
    writeSync(fd, b);
    bytes += b.length;
  };
  const section = (plain: Buffer, role = sectionRole(snapshotId, n++)): void => {
    const body = protect(key, role, plain);
    const len = Buffer.alloc(4);
    len.writeUInt32LE(body.length);
    write(len);
    write(body);
  };
  try {
    write(MAGIC);
    section(Buffer.from(JSON.stringify(header)), headerRole);
    section(Buffer.concat([bytesOf(state.owners), bytesOf(state.flags), bytesOf(state.kinds)]));
    section(Buffer.from(JSON.stringify({
      agencyNames: state.agencyNames, free: state.free, visibleToAllCount: [...state.visibleToAllCount],
      seenByCount: state.seenByCount.map(([a, c]) => [a, [...c]]),
    })));
    for (const list of [state.ids, state.subjects, state.externals]) {
      for (let i = 0; i < header.sections.idChunks; i++) section(encodeStrings(list.slice(i * STRING_CHUNK, (i + 1) * STRING_CHUNK)));
    }
    for (const c of visibleTo) section(Buffer.from(JSON.stringify(c)));
    for (const c of overflow) section(Buffer.from(JSON.stringify(c)));
    for (const c of columns) {
      const meta = Buffer.from(JSON.stringify({ locusIndex: c.locusIndex, name: c.name, designations: c.designations, wildcardCode: c.wildcardCode, typed: c.typed, usedKeys: c.usedKeys }));
      const len = Buffer.alloc(4);
      len.writeUInt32LE(meta.length);
      section(Buffer.concat([len, meta, bytesOf(c.keyCounts), bytesOf(c.keys)]));
    }
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    try { unlinkSync(temp); } catch { /* already gone */ }
    throw e;
  }
  closeSync(fd);
  renameSync(temp, path);
  return { bytes };
}

/** Reads sections one at a time from an open file. */
class SectionReader {
  private at = MAGIC.length;
  private n = 0;
  private readonly size: number;
  snapshotId = '';

  constructor(private readonly fd: number, private readonly key: EncryptionKey | undefined) {
    this.size = fstatSync(fd).size;
    const magic = Buffer.alloc(MAGIC.length);
    if (this.size < MAGIC.length || readSync(fd, magic, 0, MAGIC.length, 0) !== MAGIC.length || !magic.equals(MAGIC)) {
      throw new SnapshotRefused('not a DNA index snapshot of this format');
    }
  }

  header(): SnapshotHeader {
    const h = JSON.parse(this.next(headerRole).toString('utf8')) as Partial<SnapshotHeader>;
    if (h?.format !== SNAPSHOT_FORMAT) throw new SnapshotRefused('not a DNA index snapshot');
    if (h.version !== SNAPSHOT_VERSION) throw new SnapshotRefused(`format version ${String(h.version)}, this build reads version ${SNAPSHOT_VERSION}`);
    if (typeof h.snapshotId !== 'string' || typeof h.store?.generation !== 'number' || typeof h.store.anchor !== 'string' || !Array.isArray(h.loci)
      || !Number.isInteger(h.highWater) || !Number.isInteger(h.live) || typeof h.sections !== 'object') throw new SnapshotRefused('the header is incomplete');
    this.snapshotId = h.snapshotId;
    return h as SnapshotHeader;
  }

  next(role = sectionRole(this.snapshotId, this.n++)): Buffer {
    const len = Buffer.alloc(4);
    if (this.at + 4 > this.size || readSync(this.fd, len, 0, 4, this.at) !== 4) throw new SnapshotRefused('the file is truncated');
    const n = len.readUInt32LE(0);
    if (n > MAX_SECTION_BYTES || this.at + 4 + n > this.size) throw new SnapshotRefused('the file is truncated or a section length is damaged');
    const body = Buffer.allocUnsafe(n);
    if (readSync(this.fd, body, 0, n, this.at + 4) !== n) throw new SnapshotRefused('the file is truncated');
    this.at += 4 + n;
    return open(this.key, role, body);
  }

  atEnd(): boolean {
    return this.at === this.size;
  }
}

function readFile<T>(path: string, key: EncryptionKey | undefined, read: (r: SectionReader) => T): T {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new SnapshotRefused((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no snapshot' : `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return read(new SectionReader(fd, key));
  } catch (e) {
    if (e instanceof SnapshotRefused) throw e;
    // A JSON or shape error after the tags verified: a bug or a hand-made file, refused all the same.
    // Only the index's own consistency messages are passed on: a parse error may quote content.
    throw new SnapshotRefused(e instanceof EngineError && e.code === ErrorCode.Internal ? e.message : `invalid content (${e instanceof EngineError ? 'a value fails validation' : e instanceof Error ? e.name : 'error'})`);
  } finally {
    closeSync(fd);
  }
}

/** The header alone (its tag verified), for the caller's check against the store before a load. */
export function readDnaIndexSnapshotHeader(path: string, registry: LocusRegistry, key?: EncryptionKey): SnapshotHeader {
  return readFile(path, key, (r) => checkRegistry(r.header(), registry));
}

function checkRegistry(h: SnapshotHeader, registry: LocusRegistry): SnapshotHeader {
  const loci = registry.all().map((l) => l.name);
  if (h.loci.length !== loci.length || h.loci.some((n, i) => n !== loci[i])) throw new SnapshotRefused('written under another locus registry (custom loci changed)');
  return h;
}

/**
 * Restores the snapshot at `path` into `index`, which must be empty and built with the same
 * registry; `expectedId`, when given, must be the snapshot id the header check saw. On
 * SnapshotRefused the index may hold part of the snapshot: discard it.
 */
export function readDnaIndexSnapshot(path: string, index: DnaIndex, registry: LocusRegistry, key?: EncryptionKey, expectedId?: string): SnapshotHeader {
  return readFile(path, key, (r) => {
    const h = checkRegistry(r.header(), registry);
    if (expectedId !== undefined && h.snapshotId !== expectedId) throw new SnapshotRefused('the file changed since its header was checked');
    const hw = h.highWater;
    const rec = r.next();
    if (rec.length !== 6 * hw) throw new SnapshotRefused('the record arrays have the wrong length');
    const owners = typedCopy(rec, 0, (n) => new Uint32Array(n), hw);
    const flags = typedCopy(rec, 4 * hw, (n) => new Uint8Array(n), hw);
    const kinds = typedCopy(rec, 5 * hw, (n) => new Uint8Array(n), hw);
    const tables = JSON.parse(r.next().toString('utf8')) as { agencyNames: string[]; free: number[]; visibleToAllCount: number[]; seenByCount: [string, number[]][] };
    // Each list keeps its sections as read and decodes one at a time as restoreState slices it:
    // the bytes (~15 per id) instead of 30 million strings (~40 bytes each) at 10M records.
    const strings = (): StringList => {
      const sections: Buffer[] = [];
      const starts: number[] = [];
      let length = 0;
      for (let i = 0; i < h.sections.idChunks; i++) {
        const b = r.next();
        if (b.length < 5) throw new SnapshotRefused('a string list is truncated');
        sections.push(b);
        starts.push(length);
        length += b.readUInt32LE(1);
      }
      let cached = -1;
      let decoded: (string | undefined)[] = [];
      return {
        length,
        slice(start: number, end: number): (string | undefined)[] {
          const out: (string | undefined)[] = [];
          for (let k = 0; k < sections.length && start < end; k++) {
            const from = starts[k];
            const to = k + 1 < starts.length ? starts[k + 1] : length;
            if (start >= to || end <= from) continue;
            if (cached !== k) { decoded = decodeStrings(sections[k]); cached = k; }
            for (let i = Math.max(start, from); i < Math.min(end, to); i++) out.push(decoded[i - from]);
          }
          return out;
        },
      };
    };
    const ids = strings();
    const subjects = strings();
    const externals = strings();
    const visibleTo: [number, string[]][] = [];
    for (let i = 0; i < h.sections.visibleToChunks; i++) for (const e of JSON.parse(r.next().toString('utf8')) as [number, string[]][]) visibleTo.push(e);
    const overflow: [number, number, string[]][] = [];
    for (let i = 0; i < h.sections.overflowChunks; i++) for (const e of JSON.parse(r.next().toString('utf8')) as [number, number, string[]][]) overflow.push(e);
    function* columns(): Generator<DnaIndexColumnState> {
      for (let i = 0; i < h.sections.columns; i++) {
        const b = r.next();
        const metaLen = b.readUInt32LE(0);
        const meta = JSON.parse(b.toString('utf8', 4, 4 + metaLen)) as Omit<DnaIndexColumnState, 'keys' | 'keyCounts'>;
        const keyCounts = typedCopy(b, 4 + metaLen, (n) => new Uint32Array(n), 65536);
        if (b.length !== 4 + metaLen + 4 * 65536 + 2 * hw) throw new SnapshotRefused('a locus column has the wrong length');
        const keys = typedCopy(b, 4 + metaLen + 4 * 65536, (n) => new Uint16Array(n), hw);
        yield { ...meta, keys, keyCounts };
      }
    }
    const state: DnaIndexState = {
      highWater: hw, live: h.live, ids, free: tables.free, flags, kinds, owners, agencyNames: tables.agencyNames, subjects, externals,
      visibleTo, visibleToAllCount: Int32Array.from(tables.visibleToAllCount), seenByCount: tables.seenByCount.map(([a, c]) => [a, Int32Array.from(c)]),
      columns: columns(), overflow,
    };
    index.restoreState(state);
    if (!r.atEnd()) throw new SnapshotRefused('the file has data after its last section');
    return h;
  });
}
