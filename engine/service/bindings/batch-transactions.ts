/**
 * An ANSI/NIST-ITL transaction as a batch item: an fp-enroll or fp-identify item whose image is a
 * transaction (a tenprint card, slaps) becomes one item per finger image record, as it is received.
 *
 * - Which records: Type-4 and Type-14 (tenprint and slap images), in the transaction's record order.
 *   Type-13 records are latent marks: they belong to latent-search / latent-add items (LatentService),
 *   not to tenprint enrolment or search; an fp item whose transaction holds only Type-13 images fails
 *   with INVALID_ARGUMENT saying so. Other record types (Type-1/2, 9 minutiae, 10 faces, ...) are not
 *   finger images and make no item.
 * - Each sub-item is the RPC's own request with the record's image as a plain image (WSQ, JPEG —
 *   lossless JPEG is recognised by its frame marker —, PNG, or RAW with the record's size), its
 *   finger position (FGP) and resolution (from the record, or the caller's `ppi` when set, as for the
 *   RPC). So it runs exactly as that RPC would for that one finger, and a bad record fails alone.
 * - Numbering: a transaction of k finger records takes k consecutive item numbers where the item
 *   would have been, so numbering depends only on the submitted stream (it is stored at Submit and
 *   resumed by number after a restart). Item id: `<item id>#<record index>` (the record's place in the
 *   transaction, from 1 for the Type-1 record). An enrolment's external id gets the same suffix, so
 *   each finger is its own record and a resubmitted card updates the same ten records; without one,
 *   the runner's (job, item) record id keeps a rerun item from enrolling twice.
 * - A record refused on reading (JPEG 2000, non-square pixels, no image data, ...) is a sub-item that
 *   fails with INVALID_ARGUMENT naming the record and the reason. A transaction that cannot be read
 *   at all stays one item, and fails as the RPC would.
 */
import { readAnsiNist, type RecordCompression } from '../../fingerprint/codecs/ansi-nist-images.js';
import { detectImageFormat } from '../../fingerprint/codecs/image-format.js';
import { EngineError } from '../../errors.js';
import type { SubmittedItem } from '../operations/batch.js';
import type { FingerprintSample__Output } from '../generated/biomatch/v1/FingerprintSample.js';
import type { FingerprintImage__Output } from '../generated/biomatch/v1/FingerprintImage.js';
import type { ImageFormat__Output } from '../generated/biomatch/v1/ImageFormat.js';

/** Finger image records an fp item expands into (Type-13 latents go to latent kinds). */
const TENPRINT_RECORD_TYPES = [4, 14];

const FORMAT_OF: Record<RecordCompression, ImageFormat__Output | undefined> = {
  none: 'IMAGE_FORMAT_RAW', wsq: 'IMAGE_FORMAT_WSQ', jpeg: 'IMAGE_FORMAT_JPEG', 'jpeg-lossless': 'IMAGE_FORMAT_JPEG', png: 'IMAGE_FORMAT_PNG',
  jpeg2000: undefined, 'jpeg2000-lossless': undefined,
};

/** Every submitted item, with each ANSI/NIST transaction item expanded into its finger records. */
export async function* expandTransactions(items: AsyncIterable<SubmittedItem>): AsyncGenerator<SubmittedItem> {
  for await (const item of items) yield* expandTransaction(item);
}

/** One item's sub-items (the item itself when it is not an fp item holding a transaction). */
export function expandTransaction(item: SubmittedItem): SubmittedItem[] {
  if (item.kind !== 'fp-enroll' && item.kind !== 'fp-identify') return [item];
  const sampleField = item.kind === 'fp-enroll' ? 'sample' : 'probe';
  const request = item.request as Record<string, unknown> | null;
  const sample = request?.[sampleField] as FingerprintSample__Output | null | undefined;
  const image = sample?.source === 'image' ? sample.image : undefined;
  if (!request || !image?.data || image.data.length === 0) return [item];
  const declared = image.format === 'IMAGE_FORMAT_ANSI_NIST';
  if (!declared && !(image.format === 'IMAGE_FORMAT_UNSPECIFIED' && detectImageFormat(image.data) === 'ansi-nist')) return [item];
  let contents;
  try {
    contents = readAnsiNist(image.data);
  } catch (e) {
    if (e instanceof EngineError) return [item]; // unreadable: the item fails when it runs, as the RPC would
    throw e;
  }
  const dataField = `${sampleField}.image.data`;
  const records = contents.statuses.filter((s) => TENPRINT_RECORD_TYPES.includes(s.recordType) && (s.status === 'image' || s.status === 'refused'));
  if (records.length === 0) {
    const latents = contents.statuses.filter((s) => s.recordType === 13).length;
    if (latents === 0) return [item]; // no finger image at all: the RPC's own error
    return [{ ...item, invalid: { field: dataField, reason: `the ANSI/NIST transaction holds no tenprint finger image record (Type-4 or Type-14), only ${latents} Type-13 latent record(s); submit latent marks as latent-search or latent-add items` } }];
  }
  return records.map((status) => {
    const itemId = `${item.itemId}#${status.recordIndex}`;
    const info = contents.images.find((i) => i.recordIndex === status.recordIndex);
    const refused = (reason: string): SubmittedItem => ({ ...item, itemId, request: { ...request, [sampleField]: null }, invalid: { field: dataField, reason } });
    if (!info) return refused(status.note.replace(/^image\.data: /, ''));
    const format = FORMAT_OF[info.compression];
    if (!format) return refused(`ANSI/NIST: ${info.source}: ${info.compression === 'jpeg2000' ? 'JP2' : 'JP2L'} (JPEG 2000) images are not decoded`);
    if (info.compression === 'none' && info.bitsPerPixel !== 8) return refused(`ANSI/NIST: ${info.source}: uncompressed ${info.bitsPerPixel}-bit pixels (only 8-bit gray is read)`);
    const position = info.fingerPositions[0];
    const subImage: FingerprintImage__Output = {
      ...image,
      data: Buffer.from(info.data), // a copy: the item is stored on its own, not as a view of the transaction
      format,
      width: info.compression === 'none' ? info.width : 0,
      height: info.compression === 'none' ? info.height : 0,
      ppi: image.ppi || (info.ppi ?? 0),
      fingerPosition: position ?? image.fingerPosition,
    };
    const sub: Record<string, unknown> = { ...request, [sampleField]: { ...sample, source: 'image', image: subImage } };
    if (item.kind === 'fp-enroll') {
      if (position !== undefined) sub.fingerPosition = position;
      if (typeof request.externalId === 'string' && request.externalId !== '') sub.externalId = `${request.externalId}#${status.recordIndex}`;
    }
    return { ...item, itemId, request: sub };
  });
}
