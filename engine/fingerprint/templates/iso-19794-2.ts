/**
 * ISO/IEC 19794-2 finger minutiae records: the 2005 edition read and written, the 2011 edition
 * (version "030") read. Layout (2005, §7): a 24-byte record header — "FMR\0", " 20\0", record
 * length (4 bytes), capture equipment (4 bits compliance, 12 bits id), image width and height,
 * x and y resolution in px/cm, number of finger views, a reserved byte — then per view a 4-byte
 * header (position, view number | impression type, quality, minutiae count), 6 bytes per minutia
 * (2-bit type | 14-bit x, 2 reserved bits | 14-bit y, angle in 360/256 degree units, quality) and
 * the extended data area. 2011 (ISO/IEC 19794-2:2011 §8, on the 19794-1:2011 frame): a 15-byte
 * general header (magic, version, length, representation count, certification flag), then per
 * representation its own length, capture date-time, device, quality and (optional) certification
 * blocks, position, view, resolution, impression type, size, minutia field length (5 or 6) and
 * ending type, minutiae and extended data.
 */
import { EngineError } from '../../errors.js';
import type { FingerprintTemplate } from '../template.js';
import { ByteReader, ByteWriter } from '../codecs/byte-reader.js';
import { MAX_TEMPLATE_BYTES } from '../codecs/codec-parameters.js';
import type { FingerView, MinutiaeRecord, RecordMinutia } from './minutiae-record.js';
import { readExtendedData, writeSensorAndViews } from './extended-data.js';
import { recordToTemplates, templatesToViews, type EncodeOptions } from './record-conversion.js';

const FIELD = 'template.data';
const MAGIC = [0x46, 0x4d, 0x52, 0x00]; // "FMR\0"
const VERSION_2005 = [0x20, 0x32, 0x30, 0x00]; // " 20\0"
const VERSION_030 = [0x30, 0x33, 0x30, 0x00]; // "030\0" (ISO 2011 and ANSI 378-2009 share it)
const HEADER_2005 = 24;

function startsWith(bytes: Uint8Array, at: number, sig: readonly number[]): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

function checkSize(bytes: Uint8Array, what: string): void {
  if (bytes.length > MAX_TEMPLATE_BYTES) {
    throw EngineError.invalidArgument(FIELD, `${what}: ${bytes.length} bytes is over the ${MAX_TEMPLATE_BYTES}-byte template limit`);
  }
}

/**
 * ISO 19794-2:2005 and ANSI 378-2004 share "FMR\0 20\0"; the length field tells them apart
 * (the approach of FingerprintIO): ISO has 4 length bytes, ANSI 2 (or 2 zero bytes and 4 more
 * when the record is over 64 KiB). ANSI's 2-byte length is ≥ 26, while the top 16 bits of an
 * ISO length are 0 for any record under 64 KiB.
 */
export function isIso19794_2_2005(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, 0, MAGIC) || !startsWith(bytes, 4, VERSION_2005) || bytes.length < 12) return false;
  const hi = (bytes[8] << 8) | bytes[9];
  if (hi >= 26) return false;
  if (hi > 0) return true;
  const lo = (bytes[10] << 8) | bytes[11];
  return lo >= 24;
}

/**
 * ISO 19794-2:2011 and ANSI 378-2009 share "FMR\0 030\0". In ISO 2011 the record length equals
 * 15 plus the sum of the representation lengths that follow the 15-byte header; ANSI 2009's header
 * is laid out differently, so that chain of lengths does not add up.
 */
export function isIso19794_2_2011(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, 0, MAGIC) || !startsWith(bytes, 4, VERSION_030) || bytes.length < 15) return false;
  const total = bytes[8] * 0x1000000 + ((bytes[9] << 16) | (bytes[10] << 8) | bytes[11]);
  const count = (bytes[12] << 8) | bytes[13];
  let at = 15;
  let sum = 0;
  for (let i = 0; i < count; i++) {
    if (at + 4 > bytes.length) return false;
    const len = bytes[at] * 0x1000000 + ((bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]);
    if (len < 34) return false;
    sum += len;
    at += len;
  }
  return total === 15 + sum;
}

function readMinutia(r: ByteReader, withQuality: boolean, what: string): RecordMinutia {
  const xw = r.u16('a minutia');
  const yw = r.u16('a minutia');
  const angle = r.u8('a minutia angle');
  const quality = withQuality ? r.u8('a minutia quality') : 254;
  const type = xw >> 14;
  if (type === 3) throw r.fail(`${what}: minutia type code 3 is reserved`);
  return { type, x: xw & 0x3fff, y: yw & 0x3fff, angle, quality };
}

/** Decodes an ISO/IEC 19794-2 record (2005 or 2011) field by field. */
export function decodeIso19794_2Record(bytes: Uint8Array): MinutiaeRecord {
  checkSize(bytes, 'ISO 19794-2');
  if (!startsWith(bytes, 0, MAGIC)) throw EngineError.invalidArgument(FIELD, 'ISO 19794-2: no "FMR" format identifier');
  if (startsWith(bytes, 4, VERSION_2005)) {
    if (!isIso19794_2_2005(bytes)) {
      throw EngineError.invalidArgument(FIELD, 'ISO 19794-2: version " 20" with a 2-byte length field is an ANSI INCITS 378-2004 record');
    }
    return decode2005(bytes);
  }
  if (startsWith(bytes, 4, VERSION_030)) {
    if (!isIso19794_2_2011(bytes)) {
      throw EngineError.invalidArgument(FIELD, 'ISO 19794-2: version "030" whose representation lengths do not add up to the record length (an ANSI INCITS 378-2009 record, or a damaged one)');
    }
    return decode2011(bytes);
  }
  throw EngineError.invalidArgument(FIELD, 'ISO 19794-2: unsupported version (read: " 20" = 2005, "030" = 2011)');
}

function decode2005(bytes: Uint8Array): MinutiaeRecord {
  const what = 'ISO 19794-2:2005';
  const head = new ByteReader(bytes, FIELD, what);
  head.skip(8);
  const length = head.u32('the record length');
  if (length < HEADER_2005) throw head.fail(`record length ${length} is under the 24-byte header`);
  if (length > bytes.length) throw head.fail(`record length ${length} is over the ${bytes.length} bytes given (truncated)`);
  // Bytes past the declared length are ignored: the record ends where it says it does.
  const r = new ByteReader(bytes, FIELD, what, 12, length);
  const equipment = r.u16('the capture equipment');
  const width = r.u16();
  const height = r.u16();
  const resolutionX = r.u16();
  const resolutionY = r.u16();
  const viewCount = r.u8();
  r.u8(); // reserved
  if (resolutionX === 0 || resolutionY === 0) throw r.fail('resolution of 0 px/cm');
  const views: FingerView[] = [];
  for (let v = 0; v < viewCount; v++) {
    const position = r.u8(`finger view ${v + 1} header`);
    const viewImpression = r.u8(`finger view ${v + 1} header`);
    const quality = r.u8(`finger view ${v + 1} header`);
    const count = r.u8(`finger view ${v + 1} header`);
    if (quality > 100) throw r.fail(`finger view ${v + 1}: quality ${quality} is over 100`);
    // Check the whole minutiae block fits before reading (no allocation beyond the input).
    r.need(count * 6, `finger view ${v + 1}: ${count} minutiae`);
    const minutiae: RecordMinutia[] = [];
    for (let i = 0; i < count; i++) {
      const m = readMinutia(r, true, `finger view ${v + 1}`);
      if (m.quality > 100) throw r.fail(`finger view ${v + 1}: minutia quality ${m.quality} is over 100`);
      minutiae.push(m);
    }
    const ext = readExtendedData(r, 'iso', 'either');
    views.push({
      position,
      view: viewImpression >> 4,
      impressionType: viewImpression & 0x0f,
      quality,
      width,
      height,
      resolutionX,
      resolutionY,
      minutiae,
      ...ext,
    });
  }
  return { format: 'iso-19794-2:2005', sensorCertified: (equipment & 0x8000) !== 0, sensorCompliance: equipment >> 12, sensorId: equipment & 0x0fff, views };
}

function decode2011(bytes: Uint8Array): MinutiaeRecord {
  const what = 'ISO 19794-2:2011';
  const head = new ByteReader(bytes, FIELD, what);
  head.skip(8);
  const length = head.u32('the record length');
  if (length > bytes.length) throw head.fail(`record length ${length} is over the ${bytes.length} bytes given (truncated)`);
  const r = new ByteReader(bytes, FIELD, what, 12, length);
  const count = r.u16('the representation count');
  const certFlag = r.u8('the certification flag');
  if (certFlag > 1) throw r.fail(`certification flag ${certFlag} is neither 0 nor 1`);
  const views: FingerView[] = [];
  for (let v = 0; v < count; v++) {
    const repLength = r.u32(`representation ${v + 1} length`);
    if (repLength < 4) throw r.fail(`representation ${v + 1} length ${repLength} is under 4`);
    const rep = r.sub(repLength - 4, `representation ${v + 1}`);
    const captureDateTime = {
      year: rep.u16('the capture date'),
      month: rep.u8(),
      day: rep.u8(),
      hour: rep.u8(),
      minute: rep.u8(),
      second: rep.u8(),
      millisecond: rep.u16(),
    };
    const sensorType = rep.u8('the capture device technology');
    const sensorVendor = rep.u16('the capture device vendor');
    const sensorId = rep.u16('the capture device type');
    const qualityRecords = [];
    const qcount = rep.u8('the quality record count');
    for (let i = 0; i < qcount; i++) qualityRecords.push({ quality: rep.u8('a quality record'), vendor: rep.u16('a quality record'), algorithm: rep.u16('a quality record') });
    const certificates = [];
    if (certFlag === 1) {
      const ccount = rep.u8('the certification record count');
      for (let i = 0; i < ccount; i++) certificates.push({ authority: rep.u16('a certification record'), scheme: rep.u8('a certification record') });
    }
    const position = rep.u8('the finger position');
    const view = rep.u8('the view number');
    const resolutionX = rep.u16('the resolution');
    const resolutionY = rep.u16('the resolution');
    const impressionType = rep.u8('the impression type');
    const width = rep.u16('the image size');
    const height = rep.u16('the image size');
    const flags = rep.u8('the minutia field length');
    const fieldLength = flags >> 4;
    if (fieldLength !== 5 && fieldLength !== 6) throw rep.fail(`representation ${v + 1}: minutia field length ${fieldLength} is neither 5 nor 6`);
    if (resolutionX === 0 || resolutionY === 0) throw rep.fail(`representation ${v + 1}: resolution of 0 px/cm`);
    const mcount = rep.u8('the minutiae count');
    rep.need(mcount * fieldLength, `representation ${v + 1}: ${mcount} minutiae`);
    const minutiae: RecordMinutia[] = [];
    for (let i = 0; i < mcount; i++) minutiae.push(readMinutia(rep, fieldLength === 6, `representation ${v + 1}`));
    const ext = readExtendedData(rep, 'iso', 'with-header');
    if (rep.remaining !== 0) throw rep.fail(`representation ${v + 1}: ${rep.remaining} bytes past its extended data`);
    // The overall finger quality of a 2011 representation is its first quality record (§8.3.6).
    const quality = qualityRecords.length > 0 ? qualityRecords[0].quality : 254;
    views.push({
      position, view, impressionType, quality, width, height, resolutionX, resolutionY, minutiae, ...ext,
      captureDateTime, sensorType, sensorVendor, sensorId, qualityRecords, certificates, endingType: flags & 0x0f,
    });
  }
  return { format: 'iso-19794-2:2011', views };
}

/** Encodes a record as ISO/IEC 19794-2:2005. All views share the header's image size and resolution. */
export function encodeIso19794_2Record(record: MinutiaeRecord): Uint8Array {
  if (record.views.length > 255) throw EngineError.invalidArgument('template', 'an ISO 19794-2:2005 record holds at most 255 finger views');
  const first = record.views[0];
  const width = first?.width ?? 0;
  const height = first?.height ?? 0;
  const resX = first?.resolutionX ?? 197;
  const resY = first?.resolutionY ?? 197;
  for (const v of record.views) {
    if (v.width !== width || v.height !== height || v.resolutionX !== resX || v.resolutionY !== resY) {
      throw EngineError.invalidArgument('template', 'ISO 19794-2:2005 views must share one image size and resolution (one record header)');
    }
  }
  const w = new ByteWriter();
  w.bytes(Uint8Array.from(MAGIC));
  w.bytes(Uint8Array.from(VERSION_2005));
  w.u32(0); // patched below
  writeSensorAndViews(w, record, { width, height, resX, resY }, 'data-only');
  w.patchU32(8, w.length);
  return w.toBytes();
}

/** Every finger view of an ISO/IEC 19794-2 record (2005 or 2011), in the internal form. */
export function decodeIso19794_2(bytes: Uint8Array): FingerprintTemplate[] {
  return recordToTemplates(decodeIso19794_2Record(bytes));
}

/** The first finger view of an ISO/IEC 19794-2 record; a record without views is refused. */
export function decodeIso19794_2Single(bytes: Uint8Array): FingerprintTemplate {
  const all = decodeIso19794_2(bytes);
  if (all.length === 0) throw EngineError.invalidArgument(FIELD, 'ISO 19794-2: the record holds no finger view');
  return all[0];
}

/** One or several internal templates as an ISO/IEC 19794-2:2005 record at 197 px/cm (500 ppi). */
export function encodeIso19794_2(t: FingerprintTemplate | FingerprintTemplate[], opts: EncodeOptions = {}): Uint8Array {
  const list = Array.isArray(t) ? t : [t];
  return encodeIso19794_2Record({ format: 'iso-19794-2:2005', views: templatesToViews(list, 'iso-19794-2:2005', opts) });
}
