/**
 * The byte layout of a prepared matcher form inside a flat buffer, so that galleries can keep a
 * million forms in a few large (Shared)ArrayBuffers instead of a dozen typed-array objects apiece,
 * and worker threads can match against the same bytes without copies.
 *
 * Layout (all offsets relative to the form's start, which must be 4-byte aligned): 4-byte arrays
 * first (minutia, x, y, direction, cos, sin, cells), then 2-byte arrays (total, distance,
 * directionDifference, radialAngle), then the type bytes; the whole padded to 4 bytes.
 */
import { CYLINDER_WORDS, type PreparedTemplate } from './prepared-template.js';

/** Bytes one form with `count` cylinders takes in a buffer (a multiple of 4). */
export function preparedFormBytes(count: number): number {
  const b = 4 * (6 * count + count * CYLINDER_WORDS) + 2 * (count + 3 * count * count) + count;
  return (b + 3) & ~3;
}

/** Copies `p` into `buffer` at `byteOffset` (4-byte aligned, preparedFormBytes(p.count) long). */
export function writePreparedForm(p: PreparedTemplate, buffer: ArrayBufferLike, byteOffset: number): void {
  const v = viewPreparedForm(buffer, byteOffset, p.count);
  v.minutia.set(p.minutia);
  v.x.set(p.x);
  v.y.set(p.y);
  v.direction.set(p.direction);
  v.cos.set(p.cos);
  v.sin.set(p.sin);
  v.cells.set(p.cells);
  v.total.set(p.total);
  v.distance.set(p.distance);
  v.directionDifference.set(p.directionDifference);
  v.radialAngle.set(p.radialAngle);
  v.type.set(p.type);
}

/** A form over the bytes at `byteOffset`: views, no copies. */
export function viewPreparedForm(buffer: ArrayBufferLike, byteOffset: number, count: number): PreparedTemplate {
  const n = count;
  let o = byteOffset;
  const take4 = <T>(make: (b: ArrayBufferLike, o: number, len: number) => T, len: number): T => {
    const a = make(buffer, o, len);
    o += 4 * len;
    return a;
  };
  const f32 = (b: ArrayBufferLike, off: number, len: number) => new Float32Array(b, off, len);
  const minutia = take4((b, off, len) => new Int32Array(b, off, len), n);
  const x = take4(f32, n);
  const y = take4(f32, n);
  const direction = take4(f32, n);
  const cos = take4(f32, n);
  const sin = take4(f32, n);
  const cells = take4((b, off, len) => new Uint32Array(b, off, len), n * CYLINDER_WORDS);
  const total = new Uint16Array(buffer, o, n);
  o += 2 * n;
  const distance = new Uint16Array(buffer, o, n * n);
  o += 2 * n * n;
  const directionDifference = new Int16Array(buffer, o, n * n);
  o += 2 * n * n;
  const radialAngle = new Int16Array(buffer, o, n * n);
  o += 2 * n * n;
  const type = new Uint8Array(buffer, o, n);
  return { kind: 'mcc-prepared', count: n, minutia, x, y, direction, cos, sin, cells, total, type, distance, directionDifference, radialAngle };
}
