/**
 * The extended data area that follows each finger view's minutiae in ISO/IEC 19794-2 (§7.5) and
 * ANSI INCITS 378 (§6.5): a 2-byte total length, then blocks of (type id, length including the
 * 4-byte block header, data). Type 1 holds ridge counts, type 2 cores and deltas, ISO type 3 zonal
 * quality; other ids are vendor data. Blocks are kept raw; the two we use are also parsed.
 */
import { EngineError } from '../../errors.js';
import { ByteReader, ByteWriter } from '../codecs/byte-reader.js';
import type { CoreDeltaData, MinutiaeRecord, RecordCore, RecordDelta, RecordExtension, RidgeCountData } from './minutiae-record.js';

export const EXTENSION_RIDGE_COUNT = 1;
export const EXTENSION_CORE_DELTA = 2;

export interface ExtendedData {
  extensions: RecordExtension[];
  ridgeCounts?: RidgeCountData;
  coreDelta?: CoreDeltaData;
}

/**
 * Whether a block's length field counts its own 4-byte header. ANSI INCITS 378 §6.5.1 and
 * ISO/IEC 19794-2:2011 count it. For ISO/IEC 19794-2:2005 the writers disagree: FingerprintIO's
 * sample gives the length of the data only, NIST libbiomeval's fmr.iso2005 counts the header; so a
 * 2005 area is read with whichever rule makes its blocks add up ('either').
 */
export type BlockLengthRule = 'data-only' | 'with-header' | 'either';

interface Blocks {
  extensions: RecordExtension[];
  /** The blocks filled the area exactly. */
  exact: boolean;
}

/** Splits an area into blocks; a block that overruns the area is cut at its end (exact: false). */
function splitBlocks(area: Uint8Array, withHeader: boolean): Blocks {
  const extensions: RecordExtension[] = [];
  let at = 0;
  // Each block consumes at least 4 bytes, so this loop runs at most area.length/4 times.
  while (at + 4 <= area.length) {
    const type = (area[at] << 8) | area[at + 1];
    const length = (area[at + 2] << 8) | area[at + 3];
    const dataLength = withHeader ? length - 4 : length;
    if (dataLength < 0) return { extensions, exact: false };
    const from = at + 4;
    const to = from + dataLength;
    if (to > area.length) {
      extensions.push({ type, data: area.subarray(from) });
      return { extensions, exact: false };
    }
    extensions.push({ type, data: area.subarray(from, to) });
    at = to;
  }
  return { extensions, exact: at === area.length };
}

/**
 * Reads the length-prefixed extended data area at the reader's position. An area that runs past
 * the end of the record is read up to that end (NIST's fmr.iso2005 declares one byte more than it
 * holds): the extended data comes after every minutia of its view, so cutting it loses nothing
 * else, and the blocks inside are parsed as far as they go.
 */
export function readExtendedData(r: ByteReader, family: 'iso' | 'ansi', rule: BlockLengthRule): ExtendedData {
  const total = r.u16('the extended data length');
  const area = r.take(Math.min(total, r.remaining), 'the extended data area');
  let blocks: Blocks;
  if (rule === 'either') {
    const dataOnly = splitBlocks(area, false);
    blocks = dataOnly.exact ? dataOnly : splitBlocks(area, true);
  } else {
    blocks = splitBlocks(area, rule === 'with-header');
  }
  const out: ExtendedData = { extensions: blocks.extensions };
  for (const ext of blocks.extensions) {
    if (ext.type === EXTENSION_RIDGE_COUNT && out.ridgeCounts === undefined) out.ridgeCounts = parseRidgeCounts(ext.data);
    if (ext.type === EXTENSION_CORE_DELTA && out.coreDelta === undefined) {
      const cd = parseCoreDelta(ext.data, family);
      if (cd) out.coreDelta = cd;
    }
  }
  return out;
}

export function writeExtendedData(w: ByteWriter, extensions: RecordExtension[], rule: 'data-only' | 'with-header'): void {
  let total = 0;
  for (const e of extensions) total += 4 + e.data.length;
  if (total > 0xffff) throw EngineError.invalidArgument('template', 'extended data over 65535 bytes in one finger view');
  w.u16(total);
  for (const e of extensions) {
    w.u16(e.type);
    w.u16(rule === 'data-only' ? e.data.length : 4 + e.data.length);
    w.bytes(e.data);
  }
}

/**
 * Ridge count data (ISO §7.5.2.1, ANSI §6.5.2.1): a method byte, then 3-byte (index, index, count)
 * entries. Trailing bytes that do not make a whole entry are ignored, as FingerprintIO's lax reader
 * does (its ANSI 378-2004 sample carries 2 such bytes).
 */
export function parseRidgeCounts(data: Uint8Array): RidgeCountData | undefined {
  if (data.length < 1) return undefined;
  const edges = [];
  for (let i = 1; i + 3 <= data.length; i += 3) edges.push({ from: data[i], to: data[i + 1], count: data[i + 2] });
  return { method: data[0], edges };
}

export function encodeRidgeCounts(rc: RidgeCountData): Uint8Array {
  const w = new ByteWriter();
  w.u8(rc.method);
  for (const e of rc.edges) {
    w.u8(e.from);
    w.u8(e.to);
    w.u8(e.count);
  }
  return w.toBytes();
}

/**
 * Core and delta data. ISO 19794-2:2005 §7.5.2.2: a count byte (low 4 bits), then per point a
 * 16-bit x whose top two bits are the point's info type (01: angle follows), a 16-bit y and the
 * angle byte(s) (one for a core, three for a delta). ANSI 378-2004 §6.5.2.2: the count byte's bit
 * 0x40 says whether *every* point of that kind carries angle(s). A block that does not parse is
 * kept raw only (returns undefined): singular points are optional data.
 */
export function parseCoreDelta(data: Uint8Array, family: 'iso' | 'ansi'): CoreDeltaData | undefined {
  const r = new ByteReader(data, 'template.data', 'core/delta block');
  try {
    const coreInfo = r.u8();
    const cores: RecordCore[] = [];
    for (let i = 0; i < (coreInfo & 0x0f); i++) {
      const xw = r.u16();
      const y = r.u16() & 0x3fff;
      const hasAngle = family === 'iso' ? (xw & 0xc000) === 0x4000 : (coreInfo & 0x40) !== 0;
      const core: RecordCore = { x: xw & 0x3fff, y };
      if (hasAngle) core.angle = r.u8();
      cores.push(core);
    }
    const deltaInfo = r.u8();
    const deltas: RecordDelta[] = [];
    for (let i = 0; i < (deltaInfo & 0x0f); i++) {
      const xw = r.u16();
      const y = r.u16() & 0x3fff;
      const hasAngles = family === 'iso' ? (xw & 0xc000) === 0x4000 : (deltaInfo & 0x40) !== 0;
      const delta: RecordDelta = { x: xw & 0x3fff, y };
      if (hasAngles) delta.angles = [r.u8(), r.u8(), r.u8()];
      deltas.push(delta);
    }
    return { cores, deltas };
  } catch {
    return undefined;
  }
}

export function encodeCoreDelta(cd: CoreDeltaData, family: 'iso' | 'ansi'): Uint8Array {
  const w = new ByteWriter();
  const coreAngles = cd.cores.length > 0 && cd.cores.every((c) => c.angle !== undefined);
  const deltaAngles = cd.deltas.length > 0 && cd.deltas.every((d) => d.angles !== undefined);
  w.u8((family === 'ansi' && coreAngles ? 0x40 : 0) | cd.cores.length);
  for (const c of cd.cores) {
    const withAngle = family === 'iso' ? c.angle !== undefined : coreAngles;
    w.u16((family === 'iso' && withAngle ? 0x4000 : 0) | c.x);
    w.u16(c.y);
    if (withAngle) w.u8(c.angle ?? 0);
  }
  w.u8((family === 'ansi' && deltaAngles ? 0x40 : 0) | cd.deltas.length);
  for (const d of cd.deltas) {
    const withAngles = family === 'iso' ? d.angles !== undefined : deltaAngles;
    w.u16((family === 'iso' && withAngles ? 0x4000 : 0) | d.x);
    w.u16(d.y);
    if (withAngles) for (const a of d.angles ?? [0, 0, 0]) w.u8(a);
  }
  return w.toBytes();
}

/**
 * The part of an ISO/IEC 19794-2:2005 and an ANSI INCITS 378-2004 record that is laid out alike:
 * sensor word, image size and resolution, finger views with their 6-byte minutiae and extended
 * data. The two standards differ only in whether an extension block's length counts its header.
 */
export function writeSensorAndViews(
  w: ByteWriter,
  record: MinutiaeRecord,
  size: { width: number; height: number; resX: number; resY: number },
  blockLengths: 'data-only' | 'with-header',
): void {
  const compliance = record.sensorCompliance ?? (record.sensorCertified ? 0x8 : 0);
  w.u16(((compliance & 0x0f) << 12) | ((record.sensorId ?? 0) & 0x0fff));
  w.u16(size.width);
  w.u16(size.height);
  w.u16(size.resX);
  w.u16(size.resY);
  w.u8(record.views.length);
  w.u8(0);
  for (const v of record.views) {
    if (v.minutiae.length > 255) throw EngineError.invalidArgument('template.minutiae', 'a finger view holds at most 255 minutiae');
    w.u8(v.position);
    w.u8(((v.view & 0x0f) << 4) | (v.impressionType & 0x0f));
    w.u8(v.quality);
    w.u8(v.minutiae.length);
    for (const m of v.minutiae) {
      w.u16(((m.type & 3) << 14) | (m.x & 0x3fff));
      w.u16(m.y & 0x3fff);
      w.u8(m.angle);
      w.u8(m.quality);
    }
    writeExtendedData(w, v.extensions, blockLengths);
  }
}
