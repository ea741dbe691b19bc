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
 *
 * Latent kinds. A latent-search or latent-add item whose mark image is a transaction becomes one
 * item per Type-13 (latent image) record, numbered and named the same way (`<item id>#<record
 * index>`; a latent-add's external id gets the suffix too). Each sub-item's mark is the record's
 * image as a plain image, and its markup is the examiner's Type-9 extended feature set of the same
 * IDC when there is one (engine/latent/mark-transaction.ts), with that EFS's 9.302 (else the
 * record's FGP) as possible finger positions when the item names none. Markup or an EFS the item
 * gives itself is for one mark: it is kept on a transaction of one Type-13 record (and wins over
 * the record's own EFS, as in the RPC), and refused on a transaction of several. A Type-13 record,
 * or its Type-9 EFS record, that cannot be read is a sub-item that fails alone. A transaction with
 * only Type-4/14 records fails with INVALID_ARGUMENT pointing to the fp kinds.
 */
import { readAnsiNist } from '../../fingerprint/codecs/ansi-nist-images.js';
import { recordImage, transactionMarks, type RecordImage } from '../../latent/mark-transaction.js';
import { detectImageFormat } from '../../fingerprint/codecs/image-format.js';
import { EngineError } from '../../errors.js';
import type { SubmittedItem } from '../operations/batch.js';
import type { FingerprintSample__Output } from '../generated/biomatch/v1/FingerprintSample.js';
import type { FingerprintImage__Output } from '../generated/biomatch/v1/FingerprintImage.js';
import type { ImageFormat__Output } from '../generated/biomatch/v1/ImageFormat.js';
import type { LatentMark__Output } from '../generated/biomatch/v1/LatentMark.js';
import type { LatentMarkup__Output } from '../generated/biomatch/v1/LatentMarkup.js';
import type { LatentMarkup } from '../../latent/latent-features.js';

/** Finger image records an fp item expands into (Type-13 latents go to latent kinds). */
const TENPRINT_RECORD_TYPES = [4, 14];

const FORMAT_OF: Record<RecordImage['format'], ImageFormat__Output> = {
  raw: 'IMAGE_FORMAT_RAW', wsq: 'IMAGE_FORMAT_WSQ', jpeg: 'IMAGE_FORMAT_JPEG', png: 'IMAGE_FORMAT_PNG',
};

/** A record's plain image in the request's image shape; the caller's ppi, when set, wins over the record's. */
function subImage(image: FingerprintImage__Output, r: RecordImage): FingerprintImage__Output {
  return {
    ...image,
    data: Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength),
    format: FORMAT_OF[r.format],
    width: r.width,
    height: r.height,
    ppi: image.ppi || (r.ppi ?? 0),
    fingerPosition: r.fingerPosition ?? image.fingerPosition,
  };
}

const isTransaction = (image: FingerprintImage__Output | null | undefined): image is FingerprintImage__Output & { data: Buffer } =>
  !!image?.data && image.data.length > 0 &&
  (image.format === 'IMAGE_FORMAT_ANSI_NIST' || (image.format === 'IMAGE_FORMAT_UNSPECIFIED' && detectImageFormat(image.data) === 'ansi-nist'));

/** Every submitted item, with each ANSI/NIST transaction item expanded into its finger records. */
export async function* expandTransactions(items: AsyncIterable<SubmittedItem>): AsyncGenerator<SubmittedItem> {
  for await (const item of items) yield* expandTransaction(item);
}

/** One item's sub-items (the item itself when it is not an fp item holding a transaction). */
export function expandTransaction(item: SubmittedItem): SubmittedItem[] {
  if (item.kind === 'latent-search' || item.kind === 'latent-add') return expandLatentTransaction(item);
  if (item.kind !== 'fp-enroll' && item.kind !== 'fp-identify') return [item];
  const sampleField = item.kind === 'fp-enroll' ? 'sample' : 'probe';
  const request = item.request as Record<string, unknown> | null;
  const sample = request?.[sampleField] as FingerprintSample__Output | null | undefined;
  const image = sample?.source === 'image' ? sample.image : undefined;
  if (!request || !isTransaction(image)) return [item];
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
    const plain = recordImage(info); // a copy: the item is stored on its own, not as a view of the transaction
    if ('refused' in plain) return refused(plain.refused);
    const position = info.fingerPositions[0];
    const sub: Record<string, unknown> = { ...request, [sampleField]: { ...sample, source: 'image', image: subImage(image, plain) } };
    if (item.kind === 'fp-enroll') {
      if (position !== undefined) sub.fingerPosition = position;
      if (typeof request.externalId === 'string' && request.externalId !== '') sub.externalId = `${request.externalId}#${status.recordIndex}`;
    }
    return { ...item, itemId, request: sub };
  });
}

/** A latent-search / latent-add item's sub-items: one per Type-13 record of its mark's transaction. */
function expandLatentTransaction(item: SubmittedItem): SubmittedItem[] {
  const request = item.request as Record<string, unknown> | null;
  const mark = request?.mark as LatentMark__Output | null | undefined;
  if (!request || !mark || !isTransaction(mark.image)) return [item];
  const image = mark.image;
  const t = transactionMarks(image.data);
  if (!t) return [item]; // unreadable: the item fails when it runs, as the RPC would
  const dataField = 'mark.image.data';
  if (t.marks.length === 0) {
    if (t.tenprintRecords === 0) return [item]; // no finger image at all: the RPC's own error
    return [{ ...item, invalid: { field: dataField, reason: `the ANSI/NIST transaction holds no Type-13 latent image record, only ${t.tenprintRecords} tenprint record(s) (Type-4 or Type-14); submit tenprints as fp-enroll or fp-identify items` } }];
  }
  const ownMarkup = mark.markup !== null || (mark.efs !== undefined && mark.efs.length > 0);
  if (ownMarkup && t.marks.length > 1) {
    return [{ ...item, invalid: { field: mark.markup !== null ? 'mark.markup' : 'mark.efs', reason: `is one mark's, but the ANSI/NIST transaction holds ${t.marks.length} Type-13 latent records: each takes its markup from its own Type-9 EFS record (same IDC); send no markup with it, or one item per mark` } }];
  }
  return t.marks.map((m) => {
    const itemId = `${item.itemId}#${m.recordIndex}`;
    const base: Record<string, unknown> = { ...request };
    if (item.kind === 'latent-add' && typeof request.externalId === 'string' && request.externalId !== '') base.externalId = `${request.externalId}#${m.recordIndex}`;
    const refused = (reason: string): SubmittedItem => ({ ...item, itemId, request: { ...base, mark: { ...mark, image: null } }, invalid: { field: dataField, reason } });
    if (!m.image) return refused(m.refused ?? 'the Type-13 record cannot be read');
    const subMark: LatentMark__Output = { ...mark, image: subImage(image, m.image) };
    if (!ownMarkup) {
      if (m.efsError) return refused(m.efsError);
      if (m.efs) subMark.markup = markupAsProto(m.efs);
    }
    if (subMark.possibleFingerPositions.length === 0) subMark.possibleFingerPositions = m.fingerPositions;
    return { ...item, itemId, request: { ...base, mark: subMark } };
  });
}

const DEG = 180 / Math.PI;

/**
 * EFS markup in the request's LatentMarkup shape (degrees), as a caller would send it. A core or
 * delta without a direction keeps NaN (unknown), which the binding and the markup check read as
 * such; the item is stored in-process, never sent on the wire.
 */
function markupAsProto(m: LatentMarkup): LatentMarkup__Output {
  const point = (type: 'TYPE_CORE' | 'TYPE_DELTA') => (p: { x: number; y: number; direction: number }) => ({ type, x: p.x, y: p.y, angleDegrees: p.direction * DEG });
  return {
    roi: (m.roi ?? []).map((p) => ({ x: p.x, y: p.y })),
    minutiae: (m.minutiae ?? []).map((x) => ({
      x: x.x, y: x.y, angleDegrees: x.direction * DEG, quality: x.quality,
      type: x.type === 'ending' ? 'MINUTIA_TYPE_RIDGE_ENDING' : x.type === 'bifurcation' ? 'MINUTIA_TYPE_BIFURCATION' : 'MINUTIA_TYPE_OTHER',
    })),
    cores: (m.cores ?? []).map(point('TYPE_CORE')),
    deltas: (m.deltas ?? []).map(point('TYPE_DELTA')),
    useOnlyMarkup: m.useOnlyMarkup ?? false,
  };
}
