/**
 * The byte layout of a prepared matcher form inside a flat buffer, so that galleries can keep a
 * million forms in a few large (Shared)ArrayBuffers instead of a dozen typed-array objects apiece,
 * and worker threads can match against the same bytes without copies.
 *
 * Layout (all offsets relative to the form's start, which must be 8-byte aligned): 8-byte arrays
 * first (x, y, direction), then 4-byte arrays (minutia, cos, sin, cells), then the 2-byte totals,
 * then the type bytes; the whole padded to 8 bytes so that the next form starts aligned.
 * 87 bytes per cylinder before padding; no count² part.
 */
import { CYLINDER_WORDS, type PreparedTemplate } from './prepared-template.js';

/** Bytes one form with `count` cylinders takes in a buffer (a multiple of 8). */
export function preparedFormBytes(count: number): number {
  const b = 8 * 3 * count + 4 * (3 * count + count * CYLINDER_WORDS) + 2 * count + count;
  return (b + 7) & ~7;
}

/** Copies `p` into `buffer` at `byteOffset` (8-byte aligned, preparedFormBytes(p.count) long). */
export function writePreparedForm(p: PreparedTemplate, buffer: ArrayBufferLike, byteOffset: number): void {
  const v = viewPreparedForm(buffer, byteOffset, p.count);
  v.x.set(p.x);
  v.y.set(p.y);
  v.direction.set(p.direction);
  v.minutia.set(p.minutia);
  v.cos.set(p.cos);
  v.sin.set(p.sin);
  v.cells.set(p.cells);
  v.total.set(p.total);
  v.type.set(p.type);
}

/** A form over the bytes at `byteOffset`: views, no copies. */
export function viewPreparedForm(buffer: ArrayBufferLike, byteOffset: number, count: number): PreparedTemplate {
  const n = count;
  let o = byteOffset;
  const x = new Float64Array(buffer, o, n);
  o += 8 * n;
  const y = new Float64Array(buffer, o, n);
  o += 8 * n;
  const direction = new Float64Array(buffer, o, n);
  o += 8 * n;
  const minutia = new Int32Array(buffer, o, n);
  o += 4 * n;
  const cos = new Float32Array(buffer, o, n);
  o += 4 * n;
  const sin = new Float32Array(buffer, o, n);
  o += 4 * n;
  const cells = new Uint32Array(buffer, o, n * CYLINDER_WORDS);
  o += 4 * n * CYLINDER_WORDS;
  const total = new Uint16Array(buffer, o, n);
  o += 2 * n;
  const type = new Uint8Array(buffer, o, n);
  return { kind: 'mcc-prepared', count: n, minutia, x, y, direction, cos, sin, cells, total, type };
}
