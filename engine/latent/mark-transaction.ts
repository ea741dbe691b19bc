/**
 * Latent marks of an ANSI/NIST-ITL transaction: its Type-13 (latent image) records, in record
 * order, each with the examiner's markup from the Type-9 extended feature set (EFS) record of the
 * same IDC (efs.ts). Two users:
 * - LatentService: a mark image that is a transaction of one Type-13 record is that record's image,
 *   with its EFS as markup (operations/latent.ts); several records are a batch's work.
 * - Batch: a latent-search / latent-add item holding a transaction becomes one item per Type-13
 *   record (bindings/batch-transactions.ts).
 * Only headers are read here (main thread, no pixels); the image is decoded on the worker pool as
 * any mark image is. A record, or its EFS record, that cannot be read is reported with the reason,
 * for that mark alone.
 */
import { EngineError } from '../errors.js';
import { readAnsiNist, type ImageRecordInfo, type RecordCompression } from '../fingerprint/codecs/ansi-nist-images.js';
import { efsRecords, type EfsMarkup } from './efs.js';
import type { LatentMarkup } from './latent-features.js';

/** An image record's image data as a plain image the decoders read (no transaction around it). */
export interface RecordImage {
  /** A copy: a mark is stored and sent on its own, not as a view of the transaction. */
  data: Uint8Array;
  format: 'raw' | 'wsq' | 'jpeg' | 'png';
  /** RAW only (0 otherwise: the encoded image states its own size). */
  width: number;
  height: number;
  /** The record's resolution; a caller's stated ppi wins over it. */
  ppi?: number;
  /** The record's first finger position (FGP), if any. */
  fingerPosition?: number;
}

export interface TransactionMark {
  recordIndex: number;
  idc: number;
  /** The record's image, or why it cannot be one (`refused`). */
  image?: RecordImage;
  refused?: string;
  /** The examiner's markup from the Type-9 EFS record of this IDC, when there is one. */
  efs?: LatentMarkup;
  /** Why the Type-9 EFS record of this IDC cannot be read. */
  efsError?: string;
  /** Possible finger positions: the EFS record's 9.302, else the image record's FGP (0, unknown, dropped). */
  fingerPositions: number[];
}

export interface TransactionMarks {
  marks: TransactionMark[];
  /** Type-4 / Type-14 tenprint image records (fp kinds' work). */
  tenprintRecords: number;
}

const FORMAT_OF: Record<RecordCompression, RecordImage['format'] | undefined> = {
  none: 'raw', wsq: 'wsq', jpeg: 'jpeg', 'jpeg-lossless': 'jpeg', png: 'png', jpeg2000: undefined, 'jpeg2000-lossless': undefined,
};

/** A finger image record as a plain image, or the reason it cannot be read. */
export function recordImage(info: ImageRecordInfo): RecordImage | { refused: string } {
  const format = FORMAT_OF[info.compression];
  if (!format) return { refused: `ANSI/NIST: ${info.source}: ${info.compression === 'jpeg2000' ? 'JP2' : 'JP2L'} (JPEG 2000) images are not decoded` };
  if (info.compression === 'none' && info.bitsPerPixel !== 8) return { refused: `ANSI/NIST: ${info.source}: uncompressed ${info.bitsPerPixel}-bit pixels (only 8-bit gray is read)` };
  const position = info.fingerPositions[0];
  return {
    data: Uint8Array.from(info.data),
    format,
    width: info.compression === 'none' ? info.width : 0,
    height: info.compression === 'none' ? info.height : 0,
    ...(info.ppi !== undefined ? { ppi: info.ppi } : {}),
    ...(position !== undefined ? { fingerPosition: position } : {}),
  };
}

const validPositions = (ps: number[]) => ps.filter((p) => Number.isInteger(p) && p > 0 && p <= 255);

/**
 * The Type-13 marks of a transaction; undefined when the bytes cannot be read as a transaction at
 * all (the image decoder then answers as it does for any unreadable image).
 */
export function transactionMarks(bytes: Uint8Array): TransactionMarks | undefined {
  let contents;
  try {
    contents = readAnsiNist(bytes);
  } catch (e) {
    if (e instanceof EngineError) return undefined;
    throw e;
  }
  const sets = efsRecords(contents.transaction.records, 'efs');
  const marks: TransactionMark[] = [];
  for (const status of contents.statuses) {
    if (status.recordType !== 13 || (status.status !== 'image' && status.status !== 'refused')) continue;
    const info = contents.images.find((i) => i.recordIndex === status.recordIndex);
    const mark: TransactionMark = { recordIndex: status.recordIndex, idc: status.idc, fingerPositions: validPositions(info?.fingerPositions ?? []) };
    if (!info) mark.refused = status.note.replace(/^image\.data: /, '');
    else {
      const image = recordImage(info);
      if ('refused' in image) mark.refused = image.refused;
      else mark.image = image;
    }
    const mine = sets.filter((s) => s.idc === status.idc);
    if (mine.length > 1) mark.efsError = `ANSI/NIST: ${mine.length} Type-9 extended feature set records (${mine.map((s) => s.recordIndex).join(', ')}) share IDC ${status.idc}; a mark has one`;
    else if (mine[0]?.error) mark.efsError = mine[0].error.message.slice((mine[0].error.field ?? '').length + 2);
    else if (mine[0]?.markup) {
      const { roi, minutiae, cores, deltas, fingerPositions } = mine[0].markup;
      mark.efs = efsAsMarkup({ roi, minutiae, cores, deltas });
      if (validPositions(fingerPositions).length > 0) mark.fingerPositions = validPositions(fingerPositions);
    }
    marks.push(mark);
  }
  const tenprintRecords = contents.statuses.filter((s) => (s.recordType === 4 || s.recordType === 14) && (s.status === 'image' || s.status === 'refused')).length;
  return { marks, tenprintRecords };
}

/** The examiner's features of an EFS record as request markup (merged over the image's automatic features). */
function efsAsMarkup(e: Pick<EfsMarkup, 'roi' | 'minutiae' | 'cores' | 'deltas'>): LatentMarkup {
  return { ...(e.roi ? { roi: e.roi } : {}), ...(e.minutiae ? { minutiae: e.minutiae } : {}), ...(e.cores ? { cores: e.cores } : {}), ...(e.deltas ? { deltas: e.deltas } : {}), useOnlyMarkup: false };
}
