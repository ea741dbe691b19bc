/**
 * A reader of ANSI/NIST-ITL 1-2011 transactions in the traditional encoding (§7.2, Annex: also the
 * 2000/2007 editions it extends). A transaction is a Type-1 record whose CNT field (1.003) lists the
 * type and IDC of every record that follows. Tagged records (Types 1, 2, 9, 10, 13–17, 18+) are
 * ASCII fields "T.FFF:value" separated by GS (0x1D), subfields by RS (0x1E), items by US (0x1F),
 * ending with FS (0x1C); the first field is the record length and an image record's last field
 * (T.999) holds the binary image. Binary records (Types 3–8) start with a 4-byte length.
 *
 * This file splits a transaction into records and fields, checking every declared length against
 * the bytes before use; the meaning of image and minutiae records is read in
 * `ansi-nist-images.ts` and `ansi-nist-minutiae.ts`.
 */
import { EngineError } from '../../errors.js';
import { MAX_IMAGE_BYTES, MAX_TRANSACTION_RECORDS, NOMINAL_PPI } from './codec-parameters.js';

const FIELD = 'image.data';
export const fail = (reason: string): EngineError => EngineError.invalidArgument(FIELD, `ANSI/NIST: ${reason}`);

const FS = 0x1c;
const GS = 0x1d;
export const RS = '\x1e';
export const US = '\x1f';

/** Record types whose layout is binary with a 4-byte length (ANSI/NIST-ITL 1-2011 §8.3–8.8). */
const BINARY_TYPES = new Set([3, 4, 5, 6, 7, 8]);

export interface TaggedRecord {
  kind: 'tagged';
  type: number;
  /** 1-based position in the transaction (the Type-1 record is record 1). */
  index: number;
  idc: number;
  offset: number;
  length: number;
  /** Field number → raw ASCII value (binary field 999 excluded). */
  fields: Map<number, string>;
  /** The x.999 binary data, a view into the input. */
  data?: Uint8Array;
  /** Field numbers that appeared more than once (the first occurrence is kept). */
  duplicateFields?: number[];
  /** Tags of fields belonging to another record type ("13.005" inside a Type-9). */
  foreignFields?: string[];
}

export interface BinaryRecord {
  kind: 'binary';
  type: number;
  index: number;
  idc: number;
  offset: number;
  length: number;
  /** The whole record, a view into the input. */
  bytes: Uint8Array;
}

export type AnsiNistRecord = TaggedRecord | BinaryRecord;

export interface Transaction {
  /** 1.002 version, e.g. "0400" (1-2007), "0500" (1-2011). */
  version: string;
  /** 1.011 native scanning resolution and 1.012 nominal transmitting resolution, in ppmm. */
  nativeScanningPpmm?: number;
  nominalTransmittingPpmm?: number;
  records: AnsiNistRecord[];
}

/** Bytes as Latin-1 text (one char per byte; UTF-8 text fields stay as their bytes). */
function ascii(b: Uint8Array, from: number, to: number): string {
  return Buffer.from(b.buffer, b.byteOffset + from, Math.max(0, to - from)).toString('latin1');
}

/** Reads "T.001:LEN" at `pos` (bounded look-ahead) and returns the record length. */
function taggedLength(b: Uint8Array, pos: number, type: number): number {
  const limit = Math.min(b.length, pos + 32);
  let i = pos;
  while (i < limit && b[i] !== GS && b[i] !== FS) i++;
  const head = ascii(b, pos, i);
  const m = /^(\d+)\.0*1:(\d+)$/.exec(head);
  if (!m) throw fail(`record ${type} at offset ${pos} does not start with its length field`);
  if (Number(m[1]) !== type) throw fail(`record at offset ${pos} is Type-${m[1]}, CNT says Type-${type}`);
  return Number(m[2]);
}

function parseTagged(b: Uint8Array, pos: number, length: number, type: number, index: number): TaggedRecord {
  const end = pos + length;
  if (b[end - 1] !== FS) throw fail(`Type-${type} record ${index} does not end with a file separator`);
  const fields = new Map<number, string>();
  const duplicates: number[] = [];
  const foreign: string[] = [];
  let data: Uint8Array | undefined;
  let p = pos;
  // Each field consumes at least one byte, so the loop is bounded by the record length.
  while (p < end - 1) {
    let c = p;
    while (c < end && c - p < 16 && b[c] !== 0x3a) c++;
    if (b[c] !== 0x3a) throw fail(`Type-${type} record ${index}: malformed field tag at offset ${p}`);
    const tag = ascii(b, p, c);
    const m = /^(\d+)\.(\d+)$/.exec(tag);
    if (!m) throw fail(`Type-${type} record ${index}: malformed field tag at offset ${p}`);
    const num = Number(m[2]);
    if (Number(m[1]) !== type) {
      // A field of another record type (NIST's type9-13.an2k carries "13.005" inside its Type-9):
      // noted, its value skipped; records we read refuse it, records we skip do not care.
      foreign.push(tag);
      let e = c + 1;
      while (e < end && b[e] !== GS && b[e] !== FS) e++;
      p = e + 1;
      continue;
    }
    if (num === 999) {
      // Binary image data: everything up to the record's closing FS (§8.13.x, field 999 is last).
      data = b.subarray(c + 1, end - 1);
      p = end;
      break;
    }
    let e = c + 1;
    while (e < end && b[e] !== GS && b[e] !== FS) e++;
    // A repeated field is non-conformant; it is noted, and records we read refuse it (a record
    // we skip, e.g. NIST's own Type-2 in type9-13.an2k with two 2.034 fields, does not matter).
    if (fields.has(num)) duplicates.push(num);
    else fields.set(num, ascii(b, c + 1, e));
    p = e + 1;
  }
  const idcText = fields.get(2);
  const idc = type === 1 ? 0 : idcText !== undefined && /^\d+$/.test(idcText.trim()) ? Number(idcText.trim()) : -1;
  const rec: TaggedRecord = { kind: 'tagged', type, index, idc, offset: pos, length, fields };
  if (data) rec.data = data;
  if (duplicates.length > 0) rec.duplicateFields = duplicates;
  if (foreign.length > 0) rec.foreignFields = foreign;
  return rec;
}

export function readTransaction(bytes: Uint8Array): Transaction {
  if (bytes.length > MAX_IMAGE_BYTES) throw fail(`${bytes.length} bytes is over the ${MAX_IMAGE_BYTES}-byte limit`);
  if (bytes.length < 8 || ascii(bytes, 0, 6) !== '1.001:') throw fail('does not start with a Type-1 record ("1.001:")');
  const len1 = taggedLength(bytes, 0, 1);
  if (len1 < 8 || len1 > bytes.length) throw fail(`Type-1 length ${len1} does not fit the ${bytes.length} bytes given`);
  const t1 = parseTagged(bytes, 0, len1, 1, 1);
  const version = (t1.fields.get(2) ?? '').trim();
  const cnt = t1.fields.get(3);
  if (cnt === undefined) throw fail('Type-1 has no CNT field (1.003)');
  const subfields = cnt.split(RS);
  const first = subfields[0].split(US);
  const declared = Number(first[1]);
  if (first[0].trim() !== '1' || !Number.isInteger(declared)) throw fail('CNT (1.003) does not start with "1<US>count"');
  if (declared !== subfields.length - 1) throw fail(`CNT (1.003) announces ${declared} records but lists ${subfields.length - 1}`);
  if (declared > MAX_TRANSACTION_RECORDS) throw fail(`${declared} records is over the ${MAX_TRANSACTION_RECORDS}-record limit`);
  const records: AnsiNistRecord[] = [t1];
  let pos = len1;
  for (let i = 1; i < subfields.length; i++) {
    const items = subfields[i].split(US);
    const type = Number(items[0]);
    if (!Number.isInteger(type) || type < 2 || type > 99) throw fail(`CNT (1.003) lists a record of type "${items[0]}"`);
    const index = i + 1;
    if (pos >= bytes.length) throw fail(`truncated: record ${index} (Type-${type}) starts past the end of the transaction`);
    if (BINARY_TYPES.has(type)) {
      if (pos + 5 > bytes.length) throw fail(`truncated: Type-${type} record ${index} header`);
      const length = bytes[pos] * 0x1000000 + ((bytes[pos + 1] << 16) | (bytes[pos + 2] << 8) | bytes[pos + 3]);
      if (length < 5 || pos + length > bytes.length) throw fail(`Type-${type} record ${index} length ${length} does not fit the ${bytes.length - pos} bytes left (truncated)`);
      records.push({ kind: 'binary', type, index, idc: bytes[pos + 4], offset: pos, length, bytes: bytes.subarray(pos, pos + length) });
      pos += length;
    } else {
      const length = taggedLength(bytes, pos, type);
      if (length < 8 || pos + length > bytes.length) throw fail(`Type-${type} record ${index} length ${length} does not fit the ${bytes.length - pos} bytes left (truncated)`);
      records.push(parseTagged(bytes, pos, length, type, index));
      pos += length;
    }
  }
  if (pos !== bytes.length) throw fail(`${bytes.length - pos} bytes after the last record listed in CNT (1.003)`);
  const out: Transaction = { version, records };
  const nsr = Number(t1.fields.get(11));
  const ntr = Number(t1.fields.get(12));
  if (Number.isFinite(nsr) && nsr > 0) out.nativeScanningPpmm = nsr;
  if (Number.isFinite(ntr) && ntr > 0) out.nominalTransmittingPpmm = ntr;
  return out;
}

/** Pixels per millimetre as ANSI/NIST writes them ("19.69") to ppi, snapping to a nominal ppi. */
export function ppmmToPpi(ppmm: number): number {
  for (const ppi of NOMINAL_PPI) {
    if (Math.abs(ppi / 25.4 - ppmm) < 0.006) return ppi;
  }
  return ppmm * 25.4;
}
