/**
 * Encryption at rest, the pure parts: reading the key file, deriving one sub-key per use, the key
 * check kept in the data directory's plain header, and sealing whole files with AES-256-GCM.
 * The choices and their measurements: docs/decisions/encryption-at-rest.md.
 *
 * - The key file holds a 256-bit key: 64 hexadecimal characters, or 44 characters of base64, each
 *   optionally followed by a newline (`openssl rand -hex 32 > key`), or exactly 32 raw bytes.
 *   Anything else is refused. A key file that group or others may read or write is refused too
 *   (as ssh and PostgreSQL refuse such private keys): `chmod 600` it.
 * - Sub-keys come from HKDF-SHA256 (RFC 5869) with one label per use, so the LMDB page cipher,
 *   sealed files and the key check never share a key.
 * - The key check is HMAC-SHA256(key, label): it tells a right key from a wrong one before any
 *   encrypted byte is read, and says nothing about the key (HMAC is a PRF).
 * - A sealed file is MAGIC ‖ nonce (12 random bytes) ‖ ciphertext ‖ tag (16), with the magic and the
 *   file's role as additional data, so a file altered, truncated or swapped for another is refused.
 *
 * Error messages name the file and the problem, never key bytes.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, openSync, readFileSync, readSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { EngineError, ErrorCode } from '../errors.js';

export const KEY_BYTES = 32;

/** Why a key file was refused; the caller decides whether that is a config error or a start error. */
export class KeyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFileError';
  }
}

/** The parsed master key. Never logged; `toJSON` keeps it out of accidental serialisation. */
export class EncryptionKey {
  private constructor(private readonly bytes: Buffer) {}

  static fromBytes(bytes: Uint8Array): EncryptionKey {
    if (bytes.length !== KEY_BYTES) throw new KeyFileError(`a key must be ${KEY_BYTES} bytes, not ${bytes.length}`);
    return new EncryptionKey(Buffer.from(bytes));
  }

  /** A sub-key for one use (HKDF-SHA256, no salt: the master key is uniformly random). */
  derive(label: string, length = KEY_BYTES): Buffer {
    return Buffer.from(hkdfSync('sha256', this.bytes, Buffer.alloc(0), `biomatch/v1/${label}`, length));
  }

  /** The value kept in the data directory's header to recognise this key. */
  check(): string {
    return createHmac('sha256', this.derive('key-check')).update('biomatch key check').digest('hex');
  }

  /**
   * The key lmdb-js's `encryptionKey` takes. lmdb-js passes that option to LMDB as a JavaScript
   * string that must be 32 bytes in UTF-8, so arbitrary bytes cannot go through; 24 derived bytes
   * in base64 are 32 ASCII characters: a 192-bit key for its ChaCha8 page cipher.
   */
  lmdbKey(): string {
    const key = this.derive('lmdb-chacha8', 24).toString('base64');
    if (key.length !== 32) throw EngineError.internal('derived LMDB key has the wrong length');
    return key;
  }

  /** A copy of the key's bytes, to hand to a worker thread of this process (which rebuilds it with fromBytes). */
  bytesForThread(): Uint8Array {
    return new Uint8Array(this.bytes);
  }

  toJSON(): string {
    return '[encryption key]';
  }
}

const HEX_KEY = /^[0-9a-fA-F]{64}$/;
const BASE64_KEY = /^[A-Za-z0-9+/]{43}=$/;

/** Parses a key file's bytes (see the module comment for the accepted forms). */
export function parseKey(content: Uint8Array): EncryptionKey {
  const buf = Buffer.from(content);
  if (buf.length === KEY_BYTES) return EncryptionKey.fromBytes(buf);
  const text = buf.toString('latin1').replace(/\r?\n$/, '');
  if (HEX_KEY.test(text)) return EncryptionKey.fromBytes(Buffer.from(text, 'hex'));
  if (BASE64_KEY.test(text)) return EncryptionKey.fromBytes(Buffer.from(text, 'base64'));
  throw new KeyFileError(
    `holds no 256-bit key: expected 64 hex characters (openssl rand -hex 32), 44 base64 characters, or 32 raw bytes; found ${buf.length} bytes`,
  );
}

/** Reads, checks the permissions of, and parses a key file; throws KeyFileError naming the problem. */
export function readKeyFile(path: string): EncryptionKey {
  let mode: number;
  let content: Buffer;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new KeyFileError('is not a regular file');
    mode = st.mode;
    content = readFileSync(path);
  } catch (e) {
    if (e instanceof KeyFileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new KeyFileError(code === 'ENOENT' ? 'does not exist' : code === 'EACCES' ? 'cannot be read (permission denied)' : `cannot be read (${code ?? 'error'})`);
  }
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new KeyFileError(`is readable or writable by group or others (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); chmod 600 it`);
  }
  return parseKey(content);
}

/** The plain header of an encrypted data directory: which scheme, and how to recognise the key. */
export interface EncryptionHeader {
  format: 'biomatch-encryption';
  version: 1;
  /** The LMDB store file this header belongs to (encrypted stores use their own name). */
  store: string;
  keyCheck: string;
  createdAt: string;
}

export function makeHeader(key: EncryptionKey, store: string): EncryptionHeader {
  return { format: 'biomatch-encryption', version: 1, store, keyCheck: key.check(), createdAt: new Date().toISOString() };
}

/** Parses a header file's text; throws FAILED_PRECONDITION naming what is wrong with it. */
export function parseHeader(text: string, path: string): EncryptionHeader {
  let h: Partial<EncryptionHeader>;
  try {
    h = JSON.parse(text) as Partial<EncryptionHeader>;
  } catch {
    throw new EngineError(ErrorCode.FailedPrecondition, `${path} is not valid JSON; restore it from a backup`);
  }
  if (h?.format !== 'biomatch-encryption' || h.version !== 1 || typeof h.keyCheck !== 'string' || typeof h.store !== 'string') {
    throw new EngineError(ErrorCode.FailedPrecondition, `${path} is not a biomatch encryption header of version 1`);
  }
  return h as EncryptionHeader;
}

/** True when `key` is the key the header was written for (constant-time comparison). */
export function keyMatches(key: EncryptionKey, header: EncryptionHeader): boolean {
  const expected = Buffer.from(header.keyCheck, 'hex');
  const actual = Buffer.from(key.check(), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

const SEAL_MAGIC = Buffer.from('BMSEAL\u0001\u0000', 'latin1');
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM over a whole file's content. `role` names what the file is (e.g. "fingerprint.hnsw.ids")
 * and is authenticated, so one sealed file cannot stand in for another.
 */
export function seal(key: EncryptionKey, role: string, plain: Uint8Array): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.derive('file-seal'), nonce);
  cipher.setAAD(Buffer.concat([SEAL_MAGIC, Buffer.from(role, 'utf8')]));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([SEAL_MAGIC, nonce, body, cipher.getAuthTag()]);
}

/** Opens a sealed file's content; FAILED_PRECONDITION when it is not sealed, or not by this key for this role. */
export function unseal(key: EncryptionKey, role: string, sealed: Uint8Array): Buffer {
  const buf = Buffer.from(sealed);
  if (buf.length < SEAL_MAGIC.length + NONCE_BYTES + TAG_BYTES || !buf.subarray(0, SEAL_MAGIC.length).equals(SEAL_MAGIC)) {
    throw new EngineError(ErrorCode.FailedPrecondition, `${role} is not a sealed file`);
  }
  const nonce = buf.subarray(SEAL_MAGIC.length, SEAL_MAGIC.length + NONCE_BYTES);
  const body = buf.subarray(SEAL_MAGIC.length + NONCE_BYTES, buf.length - TAG_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key.derive('file-seal'), nonce);
  decipher.setAAD(Buffer.concat([SEAL_MAGIC, Buffer.from(role, 'utf8')]));
  decipher.setAuthTag(buf.subarray(buf.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    throw new EngineError(ErrorCode.FailedPrecondition, `${role} failed authentication: altered, or sealed under another key`);
  }
}

/** Writes `content` to `path` durably: a temporary file, fsync, then rename over the old one. */
export function writeFileAtomic(path: string, content: Uint8Array, mode = 0o600): void {
  const temp = `${path}.tmp-${process.pid}`;
  const fd = openSync(temp, 'w', mode);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

/** Seals `plain` and writes it atomically to `path`. */
export function writeSealedFile(key: EncryptionKey, role: string, path: string, plain: Uint8Array): void {
  writeFileAtomic(path, seal(key, role, plain));
}

/** Reads and opens a file written by writeSealedFile. */
export function readSealedFile(key: EncryptionKey, role: string, path: string): Buffer {
  return unseal(key, role, readFileSync(path));
}

const CHUNK = 1 << 22;

/**
 * seal() for a file too large to hold twice in memory: reads `from` in chunks and writes the sealed
 * form to `to` (temporary file, fsync, rename). Same format as seal().
 */
export function sealFile(key: EncryptionKey, role: string, from: string, to: string): void {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.derive('file-seal'), nonce);
  cipher.setAAD(Buffer.concat([SEAL_MAGIC, Buffer.from(role, 'utf8')]));
  const temp = `${to}.tmp-${process.pid}`;
  const input = openSync(from, 'r');
  const output = openSync(temp, 'w', 0o600);
  try {
    writeSync(output, Buffer.concat([SEAL_MAGIC, nonce]));
    const buf = Buffer.allocUnsafe(CHUNK);
    for (let n; (n = readSync(input, buf, 0, CHUNK, null)) > 0;) writeSync(output, cipher.update(buf.subarray(0, n)));
    writeSync(output, Buffer.concat([cipher.final(), cipher.getAuthTag()]));
    fsyncSync(output);
  } finally {
    closeSync(input);
    closeSync(output);
  }
  renameSync(temp, to);
}

/**
 * unseal() from file to file, in chunks. The tag is checked at the end: on failure `to` is removed
 * before this throws, so nothing unauthenticated is left for a reader to trust.
 */
export function unsealFile(key: EncryptionKey, role: string, from: string, to: string): void {
  const input = openSync(from, 'r');
  let output: number | undefined;
  try {
    const size = fstatSync(input).size;
    const head = Buffer.alloc(SEAL_MAGIC.length + NONCE_BYTES);
    const tag = Buffer.alloc(TAG_BYTES);
    if (size < head.length + TAG_BYTES || readSync(input, head, 0, head.length, 0) !== head.length || !head.subarray(0, SEAL_MAGIC.length).equals(SEAL_MAGIC)) {
      throw new EngineError(ErrorCode.FailedPrecondition, `${role} is not a sealed file`);
    }
    readSync(input, tag, 0, TAG_BYTES, size - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key.derive('file-seal'), head.subarray(SEAL_MAGIC.length));
    decipher.setAAD(Buffer.concat([SEAL_MAGIC, Buffer.from(role, 'utf8')]));
    decipher.setAuthTag(tag);
    output = openSync(to, 'w', 0o600);
    const buf = Buffer.allocUnsafe(CHUNK);
    for (let at = head.length, end = size - TAG_BYTES; at < end;) {
      const n = readSync(input, buf, 0, Math.min(CHUNK, end - at), at);
      if (n <= 0) throw new EngineError(ErrorCode.FailedPrecondition, `${role} is truncated`);
      writeSync(output, decipher.update(buf.subarray(0, n)));
      at += n;
    }
    try {
      writeSync(output, decipher.final());
    } catch {
      throw new EngineError(ErrorCode.FailedPrecondition, `${role} failed authentication: altered, or sealed under another key`);
    }
  } catch (e) {
    if (output !== undefined) { closeSync(output); output = undefined; unlinkSync(to); }
    throw e;
  } finally {
    closeSync(input);
    if (output !== undefined) closeSync(output);
  }
}
