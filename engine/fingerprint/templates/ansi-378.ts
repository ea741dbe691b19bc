/**
 * ANSI INCITS 378 finger minutiae records: 2004 read and written; version "030" (2009, and the
 * 2-byte-equipment layout NIST libbiomeval calls ANSI 2007) and "035" (2009 Amendment 1) read.
 *
 * 2004 (§6.4): "FMR\0", " 20\0", record length (2 bytes, or 0 and 4 bytes over 64 KiB), CBEFF
 * product identifier (owner and type, 2+2 bytes), capture equipment (4 bits compliance, 12 bits
 * id), image size, resolution (px/cm), number of finger views, reserved byte; per view a 4-byte
 * header (position, view | impression type, quality, minutiae count), 6 bytes per minutia (angle
 * in 2-degree units, 0..179) and the extended data area.
 * 2009 (§6.4 of the 2009 edition): 4-byte length; CBEFF id; certification byte and 2-byte sensor
 * id; view count and reserved byte; per view position, view number, impression type, quality,
 * quality algorithm vendor and id, image size and resolution of the view, minutiae, extended data.
 */
import { EngineError } from '../../errors.js';
import type { FingerprintTemplate } from '../template.js';
import { ByteReader, ByteWriter } from '../codecs/byte-reader.js';
import { MAX_TEMPLATE_BYTES } from '../codecs/codec-parameters.js';
import type { FingerView, MinutiaeRecord, MinutiaeRecordFormat, RecordMinutia } from './minutiae-record.js';
import { readExtendedData, writeSensorAndViews } from './extended-data.js';
import { recordToTemplates, templatesToViews, type EncodeOptions } from './record-conversion.js';
import { isIso19794_2_2005, isIso19794_2_2011 } from './iso-19794-2.js';

const FIELD = 'template.data';
const MAGIC = 'FMR\0';

function ascii(bytes: Uint8Array, at: number, n: number): string {
  let s = '';
  for (let i = at; i < at + n && i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

/** The version characters of an "FMR" record, or undefined if it is not one. */
function fmrVersion(bytes: Uint8Array): string | undefined {
  if (ascii(bytes, 0, 4) !== MAGIC || bytes.length < 8 || bytes[7] !== 0) return undefined;
  return ascii(bytes, 4, 3);
}

/** " 20" is the 2004 version string; FingerprintIO's ANSI 378-2004 sample writes "020". */
const VERSIONS_2004 = new Set([' 20', '020']);

export function isAnsi378_2004(bytes: Uint8Array): boolean {
  const v = fmrVersion(bytes);
  if (v === undefined || !VERSIONS_2004.has(v)) return false;
  return v === '020' || !isIso19794_2_2005(bytes);
}

export function isAnsi378_2009(bytes: Uint8Array): boolean {
  const v = fmrVersion(bytes);
  return v === '035' || (v === '030' && !isIso19794_2_2011(bytes));
}

/**
 * Angle codes over 179 (2-degree units) are out of range by §6.4.1.3 but are read, not refused:
 * FingerprintIO's own ANSI 378-2004 sample carries them (copied from ISO 1.40625-degree codes),
 * and conversion wraps them modulo 360 degrees.
 */
function readMinutia(r: ByteReader, where: string): RecordMinutia {
  const xw = r.u16('a minutia');
  const yw = r.u16('a minutia');
  const angle = r.u8('a minutia angle');
  const quality = r.u8('a minutia quality');
  const type = xw >> 14;
  if (type === 3) throw r.fail(`${where}: minutia type code 3 is reserved`);
  return { type, x: xw & 0x3fff, y: yw & 0x3fff, angle, quality };
}

function checkSize(bytes: Uint8Array): void {
  if (bytes.length > MAX_TEMPLATE_BYTES) {
    throw EngineError.invalidArgument(FIELD, `ANSI 378: ${bytes.length} bytes is over the ${MAX_TEMPLATE_BYTES}-byte template limit`);
  }
}

/** Decodes an ANSI INCITS 378 record (2004, 2007 layout, 2009 or 2009/Am1) field by field. */
export function decodeAnsi378Record(bytes: Uint8Array): MinutiaeRecord {
  checkSize(bytes);
  const v = fmrVersion(bytes);
  if (v === undefined) throw EngineError.invalidArgument(FIELD, 'ANSI 378: no "FMR" format identifier');
  if (VERSIONS_2004.has(v)) {
    if (!isAnsi378_2004(bytes)) {
      throw EngineError.invalidArgument(FIELD, 'ANSI 378: version " 20" with a 4-byte length field is an ISO 19794-2:2005 record');
    }
    return decode2004(bytes, v);
  }
  if (v === '030' || v === '035') {
    if (v === '030' && isIso19794_2_2011(bytes)) {
      throw EngineError.invalidArgument(FIELD, 'ANSI 378: version "030" laid out as an ISO 19794-2:2011 record');
    }
    return decode2009(bytes, v);
  }
  throw EngineError.invalidArgument(FIELD, `ANSI 378: unsupported version (read: " 20" = 2004, "030" = 2009, "035" = 2009/Am1)`);
}

function decode2004(bytes: Uint8Array, version: string): MinutiaeRecord {
  const r = new ByteReader(bytes, FIELD, 'ANSI 378-2004');
  r.skip(8);
  let length = r.u16('the record length');
  if (length === 0) length = r.u32('the long record length');
  if (length < 26) throw r.fail(`record length ${length} is under the 26-byte header`);
  if (length > bytes.length) throw r.fail(`record length ${length} is over the ${bytes.length} bytes given (truncated)`);
  const vendorId = r.u16('the CBEFF product identifier');
  const subformat = r.u16('the CBEFF product identifier');
  const equipment = r.u16('the capture equipment');
  const width = r.u16();
  const height = r.u16();
  const resolutionX = r.u16();
  const resolutionY = r.u16();
  const count = r.u8();
  r.u8(); // reserved
  if (resolutionX === 0 || resolutionY === 0) throw r.fail('resolution of 0 px/cm');
  const views: FingerView[] = [];
  for (let i = 0; i < count; i++) {
    const where = `finger view ${i + 1}`;
    const position = r.u8(`${where} header`);
    const viewImpression = r.u8(`${where} header`);
    const quality = r.u8(`${where} header`);
    const n = r.u8(`${where} header`);
    if (quality > 100) throw r.fail(`${where}: quality ${quality} is over 100`);
    r.need(n * 6, `${where}: ${n} minutiae`);
    const minutiae: RecordMinutia[] = [];
    for (let k = 0; k < n; k++) minutiae.push(readMinutia(r, where));
    views.push({ position, view: viewImpression >> 4, impressionType: viewImpression & 0x0f, quality, width, height, resolutionX, resolutionY, minutiae, ...readExtendedData(r, 'ansi', 'with-header') });
  }
  return { format: 'ansi-378:2004', version, vendorId, subformat, sensorCertified: (equipment & 0x8000) !== 0, sensorCompliance: equipment >> 12, sensorId: equipment & 0x0fff, views };
}

/**
 * Version "030"/"035". Two header layouts exist in the wild: the 2009 edition's (1-byte
 * certification flag, 2-byte sensor id; FingerprintIO's samples) and a 2-byte capture equipment
 * field (NIST libbiomeval's fmr.ansi2007). Both are tried; the one whose views end exactly at the
 * record length (or at the end of the input) wins.
 */
function decode2009(bytes: Uint8Array, version: string): MinutiaeRecord {
  const format: MinutiaeRecordFormat = version === '035' ? 'ansi-378:2009-am1' : 'ansi-378:2009';
  let first: EngineError | undefined;
  for (const layout of ['2009', '2007'] as const) {
    try {
      const { record, end, length } = decode2009Layout(bytes, version, layout, format);
      if (end === length || end === bytes.length) return record;
      first ??= EngineError.invalidArgument(FIELD, `${format}: finger views end at byte ${end}, record length says ${length}`);
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      first ??= e;
    }
  }
  throw first ?? EngineError.invalidArgument(FIELD, `${format}: unreadable`);
}

function decode2009Layout(bytes: Uint8Array, version: string, layout: '2009' | '2007', format: MinutiaeRecordFormat): { record: MinutiaeRecord; end: number; length: number } {
  const what = layout === '2009' ? format : 'ANSI 378 ("030", 2-byte capture equipment)';
  const r = new ByteReader(bytes, FIELD, what);
  r.skip(8);
  const length = r.u32('the record length');
  if (length > bytes.length) throw r.fail(`record length ${length} is over the ${bytes.length} bytes given (truncated)`);
  const vendorId = r.u16('the CBEFF product identifier');
  const subformat = r.u16('the CBEFF product identifier');
  let sensorCertified: boolean;
  let sensorId: number;
  let sensorCompliance: number | undefined;
  if (layout === '2009') {
    const cert = r.u8('the certification flag');
    if ((cert & 0x7f) !== 0) throw r.fail(`certification flag 0x${cert.toString(16)} has reserved bits set`);
    sensorCertified = cert !== 0;
    sensorId = r.u16('the sensor id');
  } else {
    const equipment = r.u16('the capture equipment');
    sensorCertified = (equipment & 0x8000) !== 0;
    sensorCompliance = equipment >> 12;
    sensorId = equipment & 0x0fff;
  }
  const count = r.u8('the finger view count');
  r.u8(); // reserved
  const views: FingerView[] = [];
  for (let i = 0; i < count; i++) {
    const where = `finger view ${i + 1}`;
    const position = r.u8(`${where} header`);
    const view = r.u8(`${where} header`);
    const impressionType = r.u8(`${where} header`);
    const quality = r.u8(`${where} header`);
    const qualityVendorId = r.u16(`${where} header`);
    const qualityAlgorithmId = r.u16(`${where} header`);
    const width = r.u16(`${where} header`);
    const height = r.u16(`${where} header`);
    const resolutionX = r.u16(`${where} header`);
    const resolutionY = r.u16(`${where} header`);
    const n = r.u8(`${where} header`);
    if (view > 15) throw r.fail(`${where}: view number ${view} is over 15`);
    if (quality > 100 && quality < 254) throw r.fail(`${where}: quality ${quality} is neither 0..100 nor 254/255`);
    if (resolutionX === 0 || resolutionY === 0) throw r.fail(`${where}: resolution of 0 px/cm`);
    r.need(n * 6, `${where}: ${n} minutiae`);
    const minutiae: RecordMinutia[] = [];
    for (let k = 0; k < n; k++) minutiae.push(readMinutia(r, where));
    views.push({ position, view, impressionType, quality, qualityVendorId, qualityAlgorithmId, width, height, resolutionX, resolutionY, minutiae, ...readExtendedData(r, 'ansi', 'with-header') });
  }
  const record: MinutiaeRecord = { format: layout === '2007' ? 'ansi-378:2007' : format, version, vendorId, subformat, sensorCertified, sensorId, views };
  if (sensorCompliance !== undefined) record.sensorCompliance = sensorCompliance;
  return { record, end: r.offset, length };
}

/** Encodes a record as ANSI INCITS 378-2004. All views share the header's image size and resolution. */
export function encodeAnsi378Record(record: MinutiaeRecord): Uint8Array {
  if (record.views.length > 255) throw EngineError.invalidArgument('template', 'an ANSI 378-2004 record holds at most 255 finger views');
  const first = record.views[0];
  const width = first?.width ?? 0;
  const height = first?.height ?? 0;
  const resX = first?.resolutionX ?? 197;
  const resY = first?.resolutionY ?? 197;
  for (const v of record.views) {
    if (v.width !== width || v.height !== height || v.resolutionX !== resX || v.resolutionY !== resY) {
      throw EngineError.invalidArgument('template', 'ANSI 378-2004 views must share one image size and resolution (one record header)');
    }
  }
  const body = new ByteWriter();
  // CBEFF product identifier: owner 0 is not registered; templates made here carry what the record
  // had, or 0/0 (the lead may register an IBIA owner id).
  body.u16(record.vendorId ?? 0);
  body.u16(record.subformat ?? 0);
  writeSensorAndViews(body, record, { width, height, resX, resY }, 'with-header');
  const w = new ByteWriter();
  const version = record.version !== undefined && VERSIONS_2004.has(record.version) ? record.version : ' 20';
  for (const c of MAGIC + version + '\0') w.u8(c.charCodeAt(0));
  const short = 8 + 2 + body.length;
  if (short < 0x10000) {
    w.u16(short);
  } else {
    w.u16(0);
    w.u32(short + 4);
  }
  w.bytes(body.toBytes());
  return w.toBytes();
}

/** Every finger view of an ANSI INCITS 378 record, in the internal form. */
export function decodeAnsi378(bytes: Uint8Array): FingerprintTemplate[] {
  return recordToTemplates(decodeAnsi378Record(bytes));
}

export function decodeAnsi378Single(bytes: Uint8Array): FingerprintTemplate {
  const all = decodeAnsi378(bytes);
  if (all.length === 0) throw EngineError.invalidArgument(FIELD, 'ANSI 378: the record holds no finger view');
  return all[0];
}

/** One or several internal templates as an ANSI INCITS 378-2004 record at 197 px/cm (500 ppi). */
export function encodeAnsi378(t: FingerprintTemplate | FingerprintTemplate[], opts: EncodeOptions = {}): Uint8Array {
  const list = Array.isArray(t) ? t : [t];
  return encodeAnsi378Record({ format: 'ansi-378:2004', views: templatesToViews(list, 'ansi-378:2004', opts) });
}
