/**
 * An ordinal-indexed list of strings packed into one growing byte buffer, for the DNA index's
 * record ids, subject ids and external ids (docs/decisions/dna-exact-search.md, "Memory"). A JS
 * string costs a 16–24 byte header plus its characters, rounded to 8, plus an 8-byte array slot:
 * ~40 bytes for a 12-character id, 30 million of them at 10M records. Here a string costs a 4-byte
 * offset, a 1–3 byte length and its characters (Latin-1, one byte each): ~17 bytes.
 *
 * Layout: `offsets[ordinal]` is 0 for '' (the empty string, the absent value), WIDE for a string with
 * a character above U+00FF (kept as a JS string in `wide`: rare, and exact for any UTF-16 content,
 * lone surrogates included; also a string of 2 MiB or more), else the position of `varint length ‖ Latin-1 bytes` in `bytes`.
 * Byte 0 of `bytes` is unused, so no entry starts at 0.
 *
 * Two shapes of id are stored compactly, since the service's ids take them: a prefix and a
 * lowercase UUID (`dna_<uuid>`, record-store.ts: 40 characters) and a prefix and a decimal number
 * without leading zeros (`subject-123456`, `S1234567`). Such an entry is the byte COMPACT (a
 * length no plain entry uses: a 127-character string takes the 2-byte length), a byte with the
 * shape and the prefix's code in this list's prefix table (at most MAX_PREFIXES, learned as they
 * come), then the UUID's 16 bytes or the number as a varint: 18 bytes for a record id instead of
 * 41, 5 for `subject-123456` instead of 15. Anything else (and a prefix past the table) is plain.
 *
 * Offsets are allocated at the first non-empty string: a list that stays empty (external ids the
 * records do not carry) costs nothing per record.
 *
 * A set or clear leaves the old entry's bytes unused (counted in `garbage`); when garbage is more
 * than half of the buffer's used bytes, the buffer is compacted (live entries copied in ordinal
 * order), so the buffer stays under twice the live strings' bytes.
 *
 * Thread safety: none; the index's thread owns it.
 */
const WIDE = 0xffffffff;
/** First byte of a compact entry (see above). */
const COMPACT = 0x7f;
/** Second byte of a compact entry: this bit for the number shape, the low 7 bits the prefix code. */
const NUMBER_SHAPE = 0x80;
const MAX_PREFIXES = 128;
/** Longest prefix kept in the table, in characters. */
const MAX_PREFIX = 32;
/** Decimal digits a number may have (below 2^53, so a double holds it exactly). */
const MAX_DIGITS = 15;
const UUID_CHARS = 36;

/** Below this many used bytes, garbage is left to grow (compacting a small buffer saves nothing). */
const COMPACT_MIN_BYTES = 1 << 16;
/** Largest buffer (offsets are Uint32, WIDE excluded); past it strings go to the side map. */
const MAX_BYTES = 0xffff0000;

export class PackedStrings {
  private offsets = new Uint32Array(0);
  private bytes: Uint8Array = new Uint8Array(1024);
  private buf: Buffer = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
  /** First free byte. */
  private end = 1;
  /** Bytes of entries no longer referenced. */
  private garbage = 0;
  private readonly wide = new Map<number, string>();
  /** Ordinals with room; `offsets` is this long once a non-empty string was set, else empty. */
  private room = 0;
  private readonly prefixes: string[] = [];
  private readonly prefixCodes = new Map<string, number>();

  constructor(capacity = 0) {
    this.reserve(capacity);
  }

  /** Ordinals with room. */
  get capacity(): number {
    return this.room;
  }

  reserve(n: number): void {
    if (n <= this.room) return;
    this.room = n;
    if (this.offsets.length === 0) return;
    const o = new Uint32Array(n);
    o.set(this.offsets);
    this.offsets = o;
  }

  /** Where the last readLength's bytes start (a field, so the hot paths allocate nothing). */
  private start = 0;

  /** The length stored at `at` (1–3 bytes, 7 bits each); sets `start` to the first byte after it. */
  private readLength(at: number): number {
    const b = this.bytes;
    let len = b[at];
    let p = at + 1;
    if (len >= 0x80) {
      len = (len & 0x7f) | (b[p++] << 7);
      if (len >= 0x4000) len = (len & 0x3fff) | (b[p++] << 14);
    }
    this.start = p;
    return len;
  }

  /** The string at `ordinal` ('' when none was set or it was cleared). */
  get(ordinal: number): string {
    const at = this.offsets[ordinal];
    if (at === 0 || at === undefined) return '';
    if (at === WIDE) return this.wide.get(ordinal) as string;
    if (this.bytes[at] === COMPACT) return this.compactAt(at);
    const len = this.readLength(at);
    const p = this.start;
    return this.buf.toString('latin1', p, p + len);
  }

  /** Whether the string at `ordinal` is `s`, without making a string. */
  equals(ordinal: number, s: string): boolean {
    const at = this.offsets[ordinal];
    if (at === 0 || at === undefined) return s === '';
    if (at === WIDE) return this.wide.get(ordinal) === s;
    if (this.bytes[at] === COMPACT) return this.compactEquals(at, s);
    const b = this.bytes;
    const len = this.readLength(at);
    const p = this.start;
    if (len !== s.length) return false;
    for (let i = 0; i < len; i++) if (b[p + i] !== s.charCodeAt(i)) return false;
    return true;
  }

  /** Sets the string at `ordinal` ('' clears it). The ordinal must be below `capacity`. */
  set(ordinal: number, s: string): void {
    this.release(ordinal);
    const n = s.length;
    if (n === 0) return;
    if (this.offsets.length < this.room) {
      const o = new Uint32Array(this.room);
      o.set(this.offsets);
      this.offsets = o;
    }
    if (this.setCompact(ordinal, s)) return;
    let wide = n >= 1 << 21; // past the 3-byte length (no id is; kept exact all the same)
    for (let i = 0; i < n && !wide; i++) if (s.charCodeAt(i) > 0xff) wide = true;
    const need = n + (n < COMPACT ? 1 : n < 0x4000 ? 2 : 3);
    if (wide || this.end - this.garbage + need >= MAX_BYTES) {
      this.offsets[ordinal] = WIDE;
      this.wide.set(ordinal, s);
      return;
    }
    if (this.end + need > this.bytes.length) this.makeRoom(need);
    const b = this.bytes;
    let p = this.end;
    this.offsets[ordinal] = p;
    if (n < COMPACT) b[p++] = n;
    else if (n < 0x4000) { b[p++] = (n & 0x7f) | 0x80; b[p++] = n >>> 7; }
    else { b[p++] = (n & 0x7f) | 0x80; b[p++] = ((n >>> 7) & 0x7f) | 0x80; b[p++] = n >>> 14; }
    this.buf.write(s, p, n, 'latin1');
    this.end = p + n;
  }

  /**
   * Gives back the buffer's room beyond the used bytes (and drops garbage): growth leaves up to a
   * third of it empty. For after a bulk load; the next set grows it again.
   */
  trim(): void {
    if (this.garbage > 0) this.compact(this.end - this.garbage + 16);
    else if (this.bytes.length > this.end + 16) this.setBuffer(this.bytes.slice(0, this.end + 16));
  }

  /** Bytes held (buffer, offsets; wide strings estimated at 2 bytes a character plus 40). */
  byteLength(): number {
    let wide = 0;
    for (const s of this.wide.values()) wide += 40 + 2 * s.length;
    return this.bytes.byteLength + this.offsets.byteLength + wide;
  }

  /** Bytes in the buffer no entry uses (for tests and stats). */
  get unusedBytes(): number {
    return this.garbage;
  }

  /**
   * Stores `s` as a compact entry when it has one of the two shapes and is shorter so; false
   * (nothing stored) otherwise.
   */
  private setCompact(ordinal: number, s: string): boolean {
    const n = s.length;
    let shape: 'uuid' | 'number' | undefined;
    let cut = n;
    if (n >= UUID_CHARS && n - UUID_CHARS <= MAX_PREFIX && isUuidAt(s, n - UUID_CHARS)) {
      shape = 'uuid';
      cut = n - UUID_CHARS;
    } else {
      while (cut > 0 && n - cut < MAX_DIGITS + 1) {
        const ch = s.charCodeAt(cut - 1);
        if (ch < 48 || ch > 57) break;
        cut--;
      }
      const digits = n - cut;
      // The whole run of trailing digits, without a leading zero ("0" itself is fine).
      if (digits >= 1 && digits <= MAX_DIGITS && cut <= MAX_PREFIX && (digits === 1 || s.charCodeAt(cut) !== 48) && (cut === 0 || !isDigit(s.charCodeAt(cut - 1)))) shape = 'number';
    }
    if (shape === undefined) return false;
    const prefix = s.slice(0, cut);
    for (let i = 0; i < prefix.length; i++) if (prefix.charCodeAt(i) > 0xff) return false;
    let code = this.prefixCodes.get(prefix);
    if (code === undefined) {
      if (this.prefixes.length >= MAX_PREFIXES) return false;
      code = this.prefixes.length;
      this.prefixes.push(prefix);
      this.prefixCodes.set(prefix, code);
    }
    let value = 0;
    let need: number;
    if (shape === 'uuid') need = 2 + 16;
    else {
      value = Number(s.slice(cut));
      need = 2 + varintBytes(value);
      if (need >= n + 1) return false; // the plain entry is no longer
    }
    if (this.end - this.garbage + need >= MAX_BYTES) return false; // the plain path keeps it aside
    if (this.end + need > this.bytes.length) this.makeRoom(need);
    const b = this.bytes;
    let p = this.end;
    this.offsets[ordinal] = p;
    b[p++] = COMPACT;
    if (shape === 'uuid') {
      b[p++] = code;
      // Two hex digits a byte, the dashes skipped (isUuidAt checked every character).
      for (let k = cut; k < n; k++) {
        if (s.charCodeAt(k) === 45) continue;
        b[p++] = (hexValue(s.charCodeAt(k)) << 4) | hexValue(s.charCodeAt(k + 1));
        k++;
      }
    } else {
      b[p++] = NUMBER_SHAPE | code;
      while (value >= 0x80) {
        b[p++] = (value % 0x80) | 0x80;
        value = Math.floor(value / 0x80);
      }
      b[p++] = value;
    }
    this.end = p;
    return true;
  }

  /** The string of the compact entry at `at`. */
  private compactAt(at: number): string {
    const b = this.bytes;
    const head = b[at + 1];
    const prefix = this.prefixes[head & 0x7f];
    if ((head & NUMBER_SHAPE) === 0) {
      const hex = this.buf.toString('hex', at + 2, at + 18);
      return `${prefix}${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }
    return prefix + String(this.compactNumber(at));
  }

  /** The number of the compact numbered entry at `at` (little-endian base-128 after its head). */
  private compactNumber(at: number): number {
    const b = this.bytes;
    let value = 0;
    let scale = 1;
    let p = at + 2;
    for (;;) {
      const x = b[p++];
      value += (x & 0x7f) * scale;
      if (x < 0x80) return value;
      scale *= 0x80;
    }
  }

  /** Whether the compact entry at `at` is `s`, without making its string. */
  private compactEquals(at: number, s: string): boolean {
    const b = this.bytes;
    const head = b[at + 1];
    const prefix = this.prefixes[head & 0x7f];
    const n = s.length;
    if (!s.startsWith(prefix)) return false;
    let k = prefix.length;
    if ((head & NUMBER_SHAPE) === 0) {
      if (n !== k + UUID_CHARS || !isUuidAt(s, k)) return false;
      for (let p = at + 2; p < at + 18; p++) {
        if (s.charCodeAt(k) === 45) k++;
        if (((hexValue(s.charCodeAt(k)) << 4) | hexValue(s.charCodeAt(k + 1))) !== b[p]) return false;
        k += 2;
      }
      return true;
    }
    const digits = n - k;
    if (digits < 1 || digits > MAX_DIGITS || (digits > 1 && s.charCodeAt(k) === 48)) return false;
    let value = 0;
    for (; k < n; k++) {
      const ch = s.charCodeAt(k);
      if (!isDigit(ch)) return false;
      value = value * 10 + (ch - 48);
    }
    return value === this.compactNumber(at);
  }

  private entryBytes(at: number): number {
    const b = this.bytes;
    if (b[at] === COMPACT) {
      if ((b[at + 1] & NUMBER_SHAPE) === 0) return 18;
      let p = at + 2;
      while (b[p] >= 0x80) p++;
      return p + 1 - at;
    }
    let len = b[at];
    let head = 1;
    if (len >= 0x80) {
      len = (len & 0x7f) | (b[at + 1] << 7);
      head = 2;
      if (len >= 0x4000) { len = (len & 0x3fff) | (b[at + 2] << 14); head = 3; }
    }
    return head + len;
  }

  private release(ordinal: number): void {
    const at = this.offsets[ordinal];
    if (at === 0 || at === undefined) return;
    if (at === WIDE) this.wide.delete(ordinal);
    else this.garbage += this.entryBytes(at);
    this.offsets[ordinal] = 0;
  }

  /** Compacts when over half the used bytes are garbage, else grows the buffer by half. */
  private makeRoom(need: number): void {
    const used = this.end - 1 - this.garbage;
    if (this.garbage * 2 > this.end && this.end > COMPACT_MIN_BYTES) {
      this.compact(Math.max(this.bytes.length, Math.ceil((used + need + 1) * 1.5)));
      if (this.end + need <= this.bytes.length) return;
    }
    const size = Math.min(MAX_BYTES, Math.max(Math.ceil(this.bytes.length * 1.5), this.end + need + 1024));
    if (this.end + need > size) { // only near MAX_BYTES, with garbage: set checked that the live bytes fit
      this.compact(size);
      return;
    }
    const nb = new Uint8Array(size);
    nb.set(this.bytes.subarray(0, this.end));
    this.setBuffer(nb);
  }

  private compact(size: number): void {
    const old = this.bytes;
    const nb = new Uint8Array(size);
    let p = 1;
    const o = this.offsets;
    for (let i = 0; i < o.length; i++) {
      const at = o[i];
      if (at === 0 || at === WIDE) continue;
      const n = this.entryBytes(at);
      nb.set(old.subarray(at, at + n), p);
      o[i] = p;
      p += n;
    }
    this.setBuffer(nb);
    this.end = p;
    this.garbage = 0;
  }

  private setBuffer(b: Uint8Array): void {
    this.bytes = b;
    this.buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  }
}

function isDigit(ch: number): boolean {
  return ch >= 48 && ch <= 57;
}

/** Bytes of `value` (a non-negative integer below 2^53) as a 7-bit varint. */
function varintBytes(value: number): number {
  let n = 1;
  while (value >= 0x80) {
    value = Math.floor(value / 0x80);
    n++;
  }
  return n;
}

/** The value of a lowercase hex digit, -1 for any other character. */
function hexValue(ch: number): number {
  return ch >= 48 && ch <= 57 ? ch - 48 : ch >= 97 && ch <= 102 ? ch - 87 : -1;
}

/** Whether `s` from `at` to its end is a lowercase UUID (8-4-4-4-12 hex digits). */
function isUuidAt(s: string, at: number): boolean {
  if (s.length - at !== UUID_CHARS) return false;
  for (let k = 0; k < UUID_CHARS; k++) {
    const ch = s.charCodeAt(at + k);
    if (k === 8 || k === 13 || k === 18 || k === 23) {
      if (ch !== 45) return false;
    } else if (hexValue(ch) < 0) return false;
  }
  return true;
}
