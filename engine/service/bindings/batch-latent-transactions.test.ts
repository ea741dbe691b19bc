/**
 * latent-search / latent-add items whose mark image is an ANSI/NIST transaction expand into one
 * item per Type-13 record, each mark carrying its record's image and the Type-9 EFS markup of the
 * same IDC: on constructed transactions (EFS, no EFS, malformed EFS) and on NIST's reference
 * transactions (../shared/data/fingerprints/ansi-nist).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingSharedData, sharedDataPath } from '../../../fixtures/shared-data.js';
import { buildTransaction, efsRecord, latentImageRecord } from '../../../fixtures/ansi-nist-builder.js';
import { readTransaction } from '../../fingerprint/codecs/ansi-nist-transaction.js';
import type { SubmittedItem } from '../operations/batch.js';
import type { LatentMark__Output } from '../generated/biomatch/v1/LatentMark.js';
import { markupFromProto } from '../convert/latent.js';
import { expandTransaction } from './batch-transactions.js';

const REFS = ['fingerprints', 'ansi-nist', 'nist-reference-transactions', 'references'];
const file = (name: string) => readFileSync(sharedDataPath(...REFS, name));

const mark = (data: Buffer, over: Partial<LatentMark__Output> = {}): LatentMark__Output => ({
  image: { data, format: 'IMAGE_FORMAT_UNSPECIFIED', width: 0, height: 0, ppi: 0, fingerPosition: 0 },
  markup: null, caseReference: 'CASE-1', possibleFingerPositions: [], efs: Buffer.alloc(0), ...over,
});
const search = (data: Buffer, over: Partial<LatentMark__Output> = {}): SubmittedItem => ({ itemId: 'scene', requestId: 'r', kind: 'latent-search', request: { mark: mark(data, over), maxCandidates: 7, minScore: 0 } });
const add = (data: Buffer, externalId = ''): SubmittedItem => ({ itemId: 'scene', requestId: 'r', kind: 'latent-add', request: { mark: mark(data), ownerAgency: '', visibility: null, externalId } });
const markOf = (s: SubmittedItem) => (s.request as { mark: LatentMark__Output }).mark;

/** 100×50 gray pixels, uncompressed (multiples of 25 px are whole 10 µm units at 500 ppi). */
const pixels = Buffer.alloc(5000, 128);
const raw = (idc: number, fingerPosition = 0) => latentImageRecord(idc, { data: pixels, width: 100, height: 50, compression: 'NONE', fingerPosition });

describe('latent items holding a constructed ANSI/NIST transaction', () => {
  const tx = buildTransaction([
    efsRecord(1, { roi: { width: 100, height: 50 }, minutiae: [[25, 25, 90, 'E'], [50, 25, 0, 'B'], [75, 25, 180, 'X']], fingerPosition: 3 }),
    raw(1),
    raw(2, 7),
    efsRecord(3, { roi: { width: 100, height: 50 }, minutiae: [], fields: [[331, 'not a minutia']] }),
    raw(3),
  ]);
  const indexOf = (type: number, idc: number) => readTransaction(tx).records.find((r) => r.type === type && r.idc === idc)!.index;

  it('one latent-search item per Type-13 record, in record order, each with its own image and its own EFS as markup', () => {
    const subs = expandTransaction(search(tx));
    expect(subs.map((s) => s.itemId)).toEqual([1, 2, 3].map((idc) => `scene#${indexOf(13, idc)}`));
    const [withEfs, noEfs, badEfs] = subs;
    // The record's pixels as a plain RAW image of the record's size and resolution.
    for (const s of [withEfs, noEfs]) {
      expect(s.invalid).toBeUndefined();
      expect(markOf(s).image).toMatchObject({ format: 'IMAGE_FORMAT_RAW', width: 100, height: 50, ppi: 500 });
      expect(Buffer.compare(markOf(s).image!.data, pixels)).toBe(0);
      expect((s.request as { maxCandidates: number }).maxCandidates).toBe(7);
      expect(markOf(s).caseReference).toBe('CASE-1');
    }
    // IDC 1: the EFS's minutiae (pixels at 500 ppi, degrees), ROI, and its 9.302 finger position.
    const markup = markOf(withEfs).markup!;
    expect(markup.minutiae.map((m) => [m.x, m.y, m.angleDegrees, m.type])).toEqual([
      [25, 25, 90, 'MINUTIA_TYPE_RIDGE_ENDING'], [50, 25, 0, 'MINUTIA_TYPE_BIFURCATION'], [75, 25, 180, 'MINUTIA_TYPE_OTHER'],
    ].map(([x, y, a, t]) => [expect.closeTo(x as number, 6), expect.closeTo(y as number, 6), expect.closeTo(a as number, 6), t]));
    expect(markup.roi.map((p) => [Math.round(p.x), Math.round(p.y)])).toEqual([[0, 0], [100, 0], [100, 50], [0, 50]]);
    expect(markup.useOnlyMarkup).toBe(false);
    expect(markOf(withEfs).possibleFingerPositions).toEqual([3]);
    // What the binding decodes from it is the EFS in engine units again.
    expect(markupFromProto(markup).minutiae![0]!.direction).toBeCloseTo(Math.PI / 2, 9);
    // IDC 2: no EFS record: no markup; the record's FGP as the possible finger.
    expect(markOf(noEfs).markup).toBeNull();
    expect(markOf(noEfs).possibleFingerPositions).toEqual([7]);
    // IDC 3: its EFS record cannot be read: that mark alone fails, naming the record and the reason.
    expect(badEfs.invalid).toEqual({ field: 'mark.image.data', reason: expect.stringMatching(new RegExp(`Type-9 record ${indexOf(9, 3)} \\(IDC 3\\): 9\\.331 minutia 1`)) });
    // Deterministic numbering: the same item expands the same way.
    expect(expandTransaction(search(tx)).map((s) => s.itemId)).toEqual(subs.map((s) => s.itemId));
  });

  it('latent-add: the external id gets the record suffix; without one it stays empty (the runner derives record ids)', () => {
    const subs = expandTransaction(add(tx, 'SCENE-9'));
    expect(subs.map((s) => (s.request as { externalId: string }).externalId)).toEqual([1, 2, 3].map((idc) => `SCENE-9#${indexOf(13, idc)}`));
    expect(expandTransaction(add(tx)).map((s) => (s.request as { externalId: string }).externalId)).toEqual(['', '', '']);
  });

  it('the caller\'s positions, ppi and (on one mark) markup win; markup sent with several marks is refused', () => {
    const sub = expandTransaction(search(tx, { possibleFingerPositions: [2], image: { data: tx, format: 'IMAGE_FORMAT_ANSI_NIST', width: 0, height: 0, ppi: 1000, fingerPosition: 0 } }));
    expect(sub.every((s) => markOf(s).possibleFingerPositions.join() === '2')).toBe(true);
    expect(sub.filter((s) => !s.invalid).every((s) => markOf(s).image!.ppi === 1000)).toBe(true);

    const own = { roi: [], minutiae: [{ x: 1, y: 1, angleDegrees: 0, type: 'MINUTIA_TYPE_RIDGE_ENDING' as const, quality: 0 }], cores: [], deltas: [], useOnlyMarkup: false };
    const refused = expandTransaction(search(tx, { markup: own }));
    expect(refused).toHaveLength(1);
    expect(refused[0].invalid).toEqual({ field: 'mark.markup', reason: expect.stringMatching(/holds 3 Type-13 latent records/) });

    const one = buildTransaction([efsRecord(1, { roi: { width: 100, height: 50 }, minutiae: [[25, 25, 90, 'E']] }), raw(1)]);
    const kept = expandTransaction(search(one, { markup: own }));
    expect(kept).toHaveLength(1);
    expect(markOf(kept[0]).markup).toEqual(own);
  });

  it('a JPEG 2000 Type-13 record is an item that fails alone; anything not a transaction passes through', () => {
    const jp2 = buildTransaction([raw(1), latentImageRecord(2, { data: Buffer.from([0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20]), width: 100, height: 50, compression: 'JP2' })]);
    const subs = expandTransaction(search(jp2));
    expect(subs.map((s) => s.invalid?.reason)).toEqual([undefined, expect.stringMatching(/JPEG 2000/)]);
    const png = search(Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'));
    expect(expandTransaction(png)).toEqual([png]);
    const unreadable = search(Buffer.from('1.001:9999\x1d1.002:0500\x1c', 'latin1'), { image: { data: Buffer.from('1.001:9999\x1d', 'latin1'), format: 'IMAGE_FORMAT_ANSI_NIST', width: 0, height: 0, ppi: 0, fingerPosition: 0 } });
    expect(expandTransaction(unreadable)).toEqual([unreadable]);
  });
});

describe.skipIf(missingSharedData(...REFS))('latent items holding NIST reference transactions', () => {
  it('type-13-tip-eji-wsq.an2: five Type-13 WSQ records become five items', () => {
    const bytes = file('type-13-tip-eji-wsq.an2');
    const subs = expandTransaction(add(bytes, 'EJI'));
    const records = readTransaction(bytes).records.filter((r) => r.type === 13);
    expect(records).toHaveLength(5);
    expect(subs.map((s) => s.itemId)).toEqual(records.map((r) => `scene#${r.index}`));
    for (const s of subs) {
      expect(s.invalid).toBeUndefined();
      expect(markOf(s).image!.format).toBe('IMAGE_FORMAT_WSQ');
      expect([markOf(s).image!.data[0], markOf(s).image!.data[1]]).toEqual([0xff, 0xa0]);
      expect(markOf(s).markup).toBeNull(); // no EFS in this transaction
    }
  });

  it('type-13-14-latent-match.an2: the Type-13 mark only (its Type-14 tenprint is not a mark)', () => {
    const bytes = file('type-13-14-latent-match.an2');
    const subs = expandTransaction(search(bytes));
    const latent = readTransaction(bytes).records.find((r) => r.type === 13)!;
    expect(subs.map((s) => s.itemId)).toEqual([`scene#${latent.index}`]);
    expect(markOf(subs[0]).image!.format).toBe('IMAGE_FORMAT_RAW');
  });

  it('a transaction of tenprint records only is refused for latent kinds, pointing to the fp kinds', () => {
    for (const name of ['type-4-tpcard.an2', 'type-14-tpcard-nqm.an2']) {
      const subs = expandTransaction(search(file(name)));
      expect(subs).toHaveLength(1);
      expect(subs[0].invalid).toEqual({ field: 'mark.image.data', reason: expect.stringMatching(/no Type-13 latent image record.*fp-enroll or fp-identify/) });
    }
  });

  it('a transaction with no finger record at all (type-7-latent.an2) stays one item: the RPC answers it', () => {
    const item = search(file('type-7-latent.an2'));
    expect(expandTransaction(item)).toEqual([item]);
  });
});
