/**
 * Finger images of an ANSI/NIST-ITL transaction: Type-4 (binary tenprint/slap images) and the
 * tagged Type-13 (latent / variable-resolution) and Type-14 (tenprint) records, each decoded to
 * 8-bit gray with its finger position(s), impression type and resolution. Other record types are
 * listed with the reason they were skipped.
 */
import { EngineError } from '../../errors.js';
import type { DecodedImage } from './decoded-image.js';
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, MAX_TRANSACTION_PIXELS, pxPerCmToPpi } from './codec-parameters.js';
import { type AnsiNistRecord, type Transaction, fail, ppmmToPpi, readTransaction, RS, US } from './ansi-nist-transaction.js';
import { decodeWsq } from './wsq-decoder.js';
import { decodeJpegLossless } from './jpeg-lossless-decoder.js';
import { decodeWithSharp } from './sharp-decoder.js';
import { jpegFrameMarker } from './image-format.js';
import { legacyToTemplate, readType9, type Type9Minutiae } from './ansi-nist-minutiae.js';

/** Compression of an image record (Type-4 GCA codes, Type-13/14 CGA names; 1-2011 Table 15). */
export type RecordCompression = 'none' | 'wsq' | 'jpeg' | 'jpeg-lossless' | 'jpeg2000' | 'jpeg2000-lossless' | 'png';

const GCA_CODES: RecordCompression[] = ['none', 'wsq', 'jpeg', 'jpeg-lossless', 'jpeg2000', 'jpeg2000-lossless', 'png'];
const CGA_NAMES: Record<string, RecordCompression> = {
  NONE: 'none', WSQ: 'wsq', WSQ20: 'wsq', JPEGB: 'jpeg', JPEGL: 'jpeg-lossless', JP2: 'jpeg2000', JP2L: 'jpeg2000-lossless', PNG: 'png',
};

export interface ImageRecordInfo {
  recordType: number;
  recordIndex: number;
  idc: number;
  /** "type-14 record 3 (IDC 5)" */
  source: string;
  impressionType?: number;
  fingerPositions: number[];
  width: number;
  height: number;
  ppi?: number;
  compression: RecordCompression;
  bitsPerPixel: number;
  data: Uint8Array;
}

export interface RecordStatus {
  recordType: number;
  recordIndex: number;
  idc: number;
  status: 'image' | 'minutiae' | 'skipped' | 'refused';
  /** Why skipped/refused, or what was read. */
  note: string;
}

export interface AnsiNistContents {
  transaction: Transaction;
  images: ImageRecordInfo[];
  minutiae: Type9Minutiae[];
  statuses: RecordStatus[];
}

const SKIP_REASONS: Record<number, string> = {
  1: 'transaction information',
  2: 'user-defined descriptive text',
  3: 'low-resolution grayscale fingerprint (Type-3, deprecated since 1-2007): not read',
  5: 'low-resolution binary fingerprint (Type-5, deprecated): not read',
  6: 'high-resolution binary fingerprint (Type-6, deprecated): not read',
  7: 'user-defined image: not a standard finger image',
  8: 'signature image: not a finger',
  10: 'face, SMT or other photo: not a finger',
  15: 'palm print: not a finger image record',
  16: 'user-defined test image: not a finger image record',
  17: 'iris image: not a finger',
};

function sourceOf(r: AnsiNistRecord): string {
  return `type-${r.type} record ${r.index} (IDC ${r.idc})`;
}

function intField(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const t = v.trim();
  return /^\d+$/.test(t) ? Number(t) : undefined;
}

function imageInfo(r: AnsiNistRecord, tx: Transaction): ImageRecordInfo {
  const where = sourceOf(r);
  if (r.kind === 'binary') {
    // Type-4 (1-2011 §8.4): LEN 4, IDC 1, IMP 1, FGP 6, ISR 1, HLL 2, VLL 2, GCA 1, then data.
    const b = r.bytes;
    if (b.length < 18) throw fail(`${where}: header shorter than 18 bytes`);
    const fgp = Array.from(b.subarray(6, 12)).filter((p) => p !== 255);
    const isr = b[12];
    const width = (b[13] << 8) | b[14];
    const height = (b[15] << 8) | b[16];
    const gca = b[17];
    const compression = GCA_CODES[gca];
    if (compression === undefined) throw fail(`${where}: compression code ${gca} is not in 0..6`);
    // ISR 0: the minimum scanning resolution (19.69 ppmm, 500 ppi); 1: the transaction's nominal
    // transmitting resolution (1.012), or native scanning resolution (1.011) when NTR is absent.
    let ppi: number | undefined = 500;
    if (isr === 1) {
      const ppmm = tx.nominalTransmittingPpmm ?? tx.nativeScanningPpmm;
      ppi = ppmm === undefined ? undefined : ppmmToPpi(ppmm);
    }
    const info: ImageRecordInfo = { recordType: 4, recordIndex: r.index, idc: r.idc, source: where, impressionType: b[5], fingerPositions: fgp, width, height, compression, bitsPerPixel: 8, data: b.subarray(18) };
    if (ppi !== undefined) info.ppi = ppi;
    return info;
  }
  if (r.foreignFields) throw fail(`${where}: holds field ${r.foreignFields[0]} of another record type`);
  if (r.duplicateFields) throw fail(`${where}: field ${r.type}.${String(r.duplicateFields[0]).padStart(3, '0')} appears more than once`);
  const f = r.fields;
  const width = intField(f.get(6));
  const height = intField(f.get(7));
  if (width === undefined || height === undefined) throw fail(`${where}: no horizontal/vertical line length (HLL/VLL)`);
  const slc = intField(f.get(8));
  const thps = intField(f.get(9));
  const tvps = intField(f.get(10));
  let ppi: number | undefined;
  if (thps !== undefined && tvps !== undefined && thps !== tvps && (slc === 1 || slc === 2)) {
    throw fail(`${where}: non-square pixels (THPS ${thps}, TVPS ${tvps}) are not read`);
  }
  if (slc === 1 && thps) ppi = thps;
  else if (slc === 2 && thps) ppi = pxPerCmToPpi(thps);
  const cga = (f.get(11) ?? '').trim().toUpperCase();
  const compression = /^\d+$/.test(cga) ? GCA_CODES[Number(cga)] : CGA_NAMES[cga];
  if (compression === undefined) throw fail(`${where}: compression "${cga}" is not one of NONE, WSQ20, JPEGB, JPEGL, JP2, JP2L, PNG`);
  const bpx = intField(f.get(12)) ?? 8;
  const fingerPositions: number[] = [];
  for (const sub of (f.get(13) ?? '').split(RS)) {
    const p = intField(sub.split(US)[0]);
    if (p !== undefined) fingerPositions.push(p);
  }
  if (!r.data) throw fail(`${where}: no image data field (${r.type}.999)`);
  const info: ImageRecordInfo = { recordType: r.type, recordIndex: r.index, idc: r.idc, source: where, fingerPositions, width, height, compression, bitsPerPixel: bpx, data: r.data };
  const imp = intField(f.get(3));
  if (imp !== undefined) info.impressionType = imp;
  if (ppi !== undefined) info.ppi = ppi;
  return info;
}

/** Splits a transaction and classifies every record; image records are described, not decoded. */
export function readAnsiNist(bytes: Uint8Array): AnsiNistContents {
  const transaction = readTransaction(bytes);
  const images: ImageRecordInfo[] = [];
  const minutiae: Type9Minutiae[] = [];
  const statuses: RecordStatus[] = [];
  for (const r of transaction.records) {
    const base = { recordType: r.type, recordIndex: r.index, idc: r.idc };
    if (r.type === 4 || r.type === 13 || r.type === 14) {
      try {
        const info = imageInfo(r, transaction);
        images.push(info);
        statuses.push({ ...base, status: 'image', note: `${info.width}x${info.height} ${info.compression}${info.ppi ? ` ${info.ppi} ppi` : ' no ppi'} FGP ${info.fingerPositions.join(',') || '-'}` });
      } catch (e) {
        if (!(e instanceof EngineError)) throw e;
        statuses.push({ ...base, status: 'refused', note: e.message });
      }
    } else if (r.type === 9 && r.kind === 'tagged') {
      try {
        const m = readType9(r);
        minutiae.push(m);
        statuses.push({ ...base, status: 'minutiae', note: m.summary });
      } catch (e) {
        if (!(e instanceof EngineError)) throw e;
        statuses.push({ ...base, status: 'refused', note: e.message });
      }
    } else {
      statuses.push({ ...base, status: 'skipped', note: SKIP_REASONS[r.type] ?? `Type-${r.type}: not a finger record` });
    }
  }
  // A legacy Type-9 block needs its image's height and resolution to become a template.
  for (const m of minutiae) {
    if (!m.legacy) continue;
    const img = images.find((i) => i.idc === m.idc && i.ppi !== undefined);
    if (img?.ppi !== undefined) m.legacyTemplate = legacyToTemplate(m.legacy, img.width, img.height, img.ppi, img.fingerPositions[0]);
  }
  return { transaction, images, minutiae, statuses };
}

/** Decodes one image record's pixels to 8-bit gray, checking the size against its header. */
export async function decodeRecordImage(info: ImageRecordInfo): Promise<DecodedImage> {
  const where = info.source;
  const { width, height } = info;
  if (width <= 0 || height <= 0 || width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    throw fail(`${where}: image size ${width}x${height} is empty or over the limits`);
  }
  let pixels: Uint8Array;
  let encoding: DecodedImage['encoding'];
  const sub = (e: unknown): never => {
    if (e instanceof EngineError) throw fail(`${where}: ${e.message.replace(/^image\.data: /, '')}`);
    throw e;
  };
  switch (info.compression) {
    case 'none':
      if (info.bitsPerPixel !== 8) throw fail(`${where}: uncompressed ${info.bitsPerPixel}-bit pixels (only 8-bit gray is read)`);
      if (info.data.length !== width * height) throw fail(`${where}: uncompressed ${width}x${height} needs ${width * height} bytes, record holds ${info.data.length}`);
      pixels = info.data.slice();
      encoding = 'raw';
      break;
    case 'wsq': {
      let img;
      try {
        img = decodeWsq(info.data);
      } catch (e) {
        return sub(e);
      }
      if (img.width !== width || img.height !== height) throw fail(`${where}: WSQ frame is ${img.width}x${img.height}, record says ${width}x${height}`);
      pixels = img.pixels;
      encoding = 'wsq';
      break;
    }
    case 'jpeg':
    case 'png': {
      if (info.compression === 'jpeg' && jpegFrameMarker(info.data) === 0xc3) {
        throw fail(`${where}: declared JPEGB (lossy) but the data is lossless JPEG (SOF3)`);
      }
      let img;
      try {
        img = await decodeWithSharp(info.data, info.compression);
      } catch (e) {
        return sub(e);
      }
      if (img.width !== width || img.height !== height) throw fail(`${where}: ${info.compression.toUpperCase()} image is ${img.width}x${img.height}, record says ${width}x${height}`);
      pixels = img.pixels;
      encoding = info.compression;
      break;
    }
    case 'jpeg-lossless': {
      let img;
      try {
        img = decodeJpegLossless(info.data);
      } catch (e) {
        return sub(e);
      }
      if (img.width !== width || img.height !== height) throw fail(`${where}: JPEGL image is ${img.width}x${img.height}, record says ${width}x${height}`);
      pixels = img.pixels;
      encoding = 'jpeg-lossless';
      break;
    }
    case 'jpeg2000':
    case 'jpeg2000-lossless':
      throw fail(`${where}: JPEG 2000 (${info.compression === 'jpeg2000' ? 'JP2' : 'JP2L'}) is not decoded (sharp's prebuilt libvips has no OpenJPEG)`);
  }
  const out: DecodedImage = { width, height, pixels, source: where, encoding };
  if (info.ppi !== undefined) out.ppi = info.ppi;
  if (info.fingerPositions.length > 0) out.fingerPosition = info.fingerPositions[0];
  if (info.impressionType !== undefined) out.impressionType = info.impressionType;
  return out;
}

/**
 * Every finger image of a transaction, decoded. Records that cannot be decoded are left out; when
 * none can, the transaction is refused with every record's reason. `readAnsiNist` gives the
 * per-record status for callers that want it.
 */
export async function decodeAnsiNistImages(bytes: Uint8Array): Promise<DecodedImage[]> {
  const contents = readAnsiNist(bytes);
  const out: DecodedImage[] = [];
  const reasons: string[] = contents.statuses.filter((s) => s.status === 'refused').map((s) => s.note);
  let total = 0;
  for (const info of contents.images) {
    total += info.width * info.height;
    if (total > MAX_TRANSACTION_PIXELS) throw fail(`finger images over ${MAX_TRANSACTION_PIXELS} pixels in all`);
    try {
      out.push(await decodeRecordImage(info));
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      reasons.push(e.message);
    }
  }
  if (out.length === 0) {
    throw fail(reasons.length > 0 ? `no finger image could be decoded: ${reasons.map((r) => r.replace(/^image\.data: ANSI\/NIST: /, '')).join('; ')}` : 'the transaction holds no finger image record (Type-4, 13 or 14)');
  }
  return out;
}
