/**
 * The byte layout of a prepared matcher form inside a flat buffer, so that galleries can keep a
 * million forms in a few large (Shared)ArrayBuffers instead of a dozen typed-array objects apiece,
 * and worker threads can match against the same bytes without copies.
 *
 * Layout (all offsets relative to the form's start, which must be 8-byte aligned): the form's W
 * (weightedCount, f64: relaxation's spread needs it, so a gallery record scores as its template
 * does), then 8-byte arrays (x, y, direction), then 4-byte arrays (minutia, cos, sin, cells), then
 * the 2-byte totals, then the type bytes; the whole padded to 8 bytes so that the next form starts
 * aligned. 8 bytes plus 87 per cylinder before padding; no count² part.
 *
 * A form whose template has a block orientation field (the orientation cue) is followed by an
 * orientation section: an 8-byte header (block, blocks wide, blocks high as 16-bit words, one
 * spare) and a byte per block, padded to 8; about 400 bytes for a plain print. Whether a slot has
 * one is kept beside the form (prepared-arena.ts), not in it.
 */
import type { BlockOrientations } from '../template.js';
import { CYLINDER_WORDS, type PreparedTemplate } from './prepared-template.js';

/** Bytes one form with `count` cylinders takes in a buffer (a multiple of 8). */
export function preparedFormBytes(count: number): number {
  const b = 8 + 8 * 3 * count + 4 * (3 * count + count * CYLINDER_WORDS) + 2 * count + count;
  return (b + 7) & ~7;
}

/** Bytes of the orientation section after a form for a field of `blocks` blocks (a multiple of 8). */
export function orientationSectionBytes(blocks: number): number {
  return (8 + blocks + 7) & ~7;
}

/** The block count an orientation section's header (at `at` in `bytes`) announces. */
export function orientationSectionBlocks(bytes: Uint8Array, at: number): number {
  const h = new Uint16Array(bytes.slice(at, at + 8).buffer);
  return h[1] * h[2];
}

/** Bytes of a form and its orientation section, if any: what it takes in a gallery arena. */
export function preparedFormTotalBytes(p: PreparedTemplate): number {
  return preparedFormBytes(p.count) + (p.orientations === undefined ? 0 : orientationSectionBytes(p.orientations.angles.length));
}

/**
 * Copies `p` into `buffer` at `byteOffset` (8-byte aligned, preparedFormTotalBytes(p) long): the
 * form, then its orientation section when it has a field.
 */
export function writePreparedForm(p: PreparedTemplate, buffer: ArrayBufferLike, byteOffset: number): void {
  if (p.orientations !== undefined) {
    const o = p.orientations;
    const at = byteOffset + preparedFormBytes(p.count);
    new Uint16Array(buffer, at, 4).set([o.block, o.blocksWide, o.blocksHigh, 0]);
    new Uint8Array(buffer, at + 8, o.angles.length).set(o.angles);
  }
  new Float64Array(buffer, byteOffset, 1)[0] = p.weightedCount;
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

/**
 * A form over the bytes at `byteOffset`: views, no copies; with its orientation section when
 * `oriented` (the slot was written from a form with a field).
 */
export function viewPreparedForm(buffer: ArrayBufferLike, byteOffset: number, count: number, oriented = false): PreparedTemplate {
  const n = count;
  const weightedCount = new Float64Array(buffer, byteOffset, 1)[0];
  let o = byteOffset + 8;
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
  if (!oriented) return { kind: 'mcc-prepared', count: n, weightedCount, minutia, x, y, direction, cos, sin, cells, total, type };
  const at = byteOffset + preparedFormBytes(n);
  const h = new Uint16Array(buffer, at, 4);
  const orientations: BlockOrientations = { block: h[0], blocksWide: h[1], blocksHigh: h[2], angles: new Uint8Array(buffer, at + 8, h[1] * h[2]) };
  return { kind: 'mcc-prepared', count: n, weightedCount, minutia, x, y, direction, cos, sin, cells, total, type, orientations };
}
