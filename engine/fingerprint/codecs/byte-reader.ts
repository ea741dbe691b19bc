/**
 * A bounds-checked big-endian reader over untrusted bytes. Every read past the end throws
 * INVALID_ARGUMENT naming the field and the format, with offsets only (never the bytes), so a
 * truncated or hostile file can never surface as a RangeError or read garbage.
 */
import { EngineError } from '../../errors.js';

export class ByteReader {
  private pos: number;
  private readonly end: number;

  /**
   * @param bytes the whole input
   * @param field the request field the bytes came from (`image.data`, `template.data`)
   * @param what a short label of the format, prefixed to reasons (`ISO 19794-2`)
   */
  constructor(
    readonly bytes: Uint8Array,
    readonly field: string,
    readonly what: string,
    start = 0,
    end = bytes.length,
  ) {
    this.pos = start;
    this.end = end;
  }

  get offset(): number {
    return this.pos;
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  /** An INVALID_ARGUMENT for this input: `field: <what>: reason`. */
  fail(reason: string): EngineError {
    return EngineError.invalidArgument(this.field, `${this.what}: ${reason}`);
  }

  need(n: number, what: string): void {
    if (n < 0 || this.pos + n > this.end) {
      throw this.fail(`truncated: ${what} needs ${n} bytes at offset ${this.pos}, ${Math.max(0, this.end - this.pos)} left`);
    }
  }

  u8(what = 'a byte'): number {
    this.need(1, what);
    return this.bytes[this.pos++];
  }

  u16(what = 'a 16-bit field'): number {
    this.need(2, what);
    const v = (this.bytes[this.pos] << 8) | this.bytes[this.pos + 1];
    this.pos += 2;
    return v;
  }

  u32(what = 'a 32-bit field'): number {
    this.need(4, what);
    const b = this.bytes;
    const p = this.pos;
    const v = b[p] * 0x1000000 + ((b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3]);
    this.pos += 4;
    return v;
  }

  /** A view (no copy) of the next n bytes. */
  take(n: number, what = 'a block'): Uint8Array {
    this.need(n, what);
    const v = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  skip(n: number, what = 'a block'): void {
    this.need(n, what);
    this.pos += n;
  }

  /** A reader over the next n bytes, advancing this one past them. */
  sub(n: number, what = 'a block'): ByteReader {
    this.need(n, what);
    const r = new ByteReader(this.bytes, this.field, this.what, this.pos, this.pos + n);
    this.pos += n;
    return r;
  }
}

/** A growable big-endian writer. */
export class ByteWriter {
  private buf = new Uint8Array(256);
  private len = 0;

  private grow(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  get length(): number {
    return this.len;
  }

  u8(v: number): void {
    this.grow(1);
    this.buf[this.len++] = v & 0xff;
  }

  u16(v: number): void {
    this.grow(2);
    this.buf[this.len++] = (v >>> 8) & 0xff;
    this.buf[this.len++] = v & 0xff;
  }

  u32(v: number): void {
    this.grow(4);
    this.buf[this.len++] = (v >>> 24) & 0xff;
    this.buf[this.len++] = (v >>> 16) & 0xff;
    this.buf[this.len++] = (v >>> 8) & 0xff;
    this.buf[this.len++] = v & 0xff;
  }

  bytes(b: Uint8Array): void {
    this.grow(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }

  /** Overwrites a 32-bit field already written (lengths known only at the end). */
  patchU32(at: number, v: number): void {
    this.buf[at] = (v >>> 24) & 0xff;
    this.buf[at + 1] = (v >>> 16) & 0xff;
    this.buf[at + 2] = (v >>> 8) & 0xff;
    this.buf[at + 3] = v & 0xff;
  }

  patchU16(at: number, v: number): void {
    this.buf[at] = (v >>> 8) & 0xff;
    this.buf[at + 1] = v & 0xff;
  }

  toBytes(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}
