/**
 * ANSI/NIST transaction items expand into one item per tenprint finger record, on NIST's reference
 * transactions (../shared/data/fingerprints/ansi-nist): numbering, item ids, formats, finger
 * positions and external ids; a record that cannot be read is an item of its own that fails; a
 * latent-only transaction is refused for fp kinds; everything else passes through unchanged.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingSharedData, sharedDataPath } from '../../../fixtures/shared-data.js';
import { readTransaction } from '../../fingerprint/codecs/ansi-nist-transaction.js';
import type { SubmittedItem } from '../operations/batch.js';
import { expandTransaction, expandTransactions } from './batch-transactions.js';

const REFS = ['fingerprints', 'ansi-nist', 'nist-reference-transactions', 'references'];
const file = (name: string) => readFileSync(sharedDataPath(...REFS, name));

const enrol = (data: Buffer, over: Record<string, unknown> = {}): SubmittedItem => ({
  itemId: 'card-1', requestId: 'r1', kind: 'fp-enroll',
  request: { subjectId: 'S-1', fingerPosition: 0, ownerAgency: '', visibility: null, externalId: '', sample: { source: 'image', image: { data, format: 'IMAGE_FORMAT_UNSPECIFIED', width: 0, height: 0, ppi: 0, fingerPosition: 0 } }, ...over },
});
type Sub = { sample: { image: { data: Buffer; format: string; ppi: number; fingerPosition: number; width: number } }; fingerPosition: number; externalId: string };

describe.skipIf(missingSharedData(...REFS))('ANSI/NIST transaction items', () => {
  it('a tenprint card (14 Type-4 WSQ records) becomes 14 items in record order, each one finger as a plain WSQ image', () => {
    const card = file('type-4-tpcard.an2');
    const subs = expandTransaction(enrol(card, { externalId: 'BOOKING-7' }));
    expect(subs).toHaveLength(14);
    const tx = readTransaction(card);
    const records = tx.records.filter((r) => r.type === 4);
    subs.forEach((s, i) => {
      const req = s.request as Sub;
      expect(s.itemId).toBe(`card-1#${records[i].index}`);
      expect(s.invalid).toBeUndefined();
      expect(req.sample.image.format).toBe('IMAGE_FORMAT_WSQ');
      expect(req.sample.image.data.length).toBe(records[i].length - 18); // the record's image data, nothing else
      expect(req.sample.image.data[0]).toBe(0xff); // WSQ start of image
      expect(req.sample.image.data[1]).toBe(0xa0);
      expect(req.externalId).toBe(`BOOKING-7#${records[i].index}`);
      expect(req.sample.image.ppi).toBeGreaterThan(0);
    });
    // Finger positions 1..10 then the slaps (FGP 11..14), as the card holds them.
    expect(subs.map((s) => (s.request as Sub).fingerPosition)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14, 12, 11, 13]);
    // Deterministic: the same item expands the same way (numbering is fixed at Submit).
    expect(expandTransaction(enrol(card, { externalId: 'BOOKING-7' })).map((s) => s.itemId)).toEqual(subs.map((s) => s.itemId));
  });

  it('Type-4 and Type-14 records of one transaction, for an identify item too; the caller\'s ppi wins over the record\'s', () => {
    const slaps = file('type-4-14-slaps.an2');
    const item: SubmittedItem = { itemId: 'p', requestId: '', kind: 'fp-identify', request: { probe: { source: 'image', image: { data: slaps, format: 'IMAGE_FORMAT_ANSI_NIST', width: 0, height: 0, ppi: 1000, fingerPosition: 0 } }, maxCandidates: 5 } };
    const subs = expandTransaction(item);
    expect(subs.map((s) => ((s.request as { probe: Sub['sample'] }).probe.image.fingerPosition))).toEqual([14, 13, 15]);
    expect(subs.every((s) => (s.request as { probe: Sub['sample'] }).probe.image.ppi === 1000)).toBe(true);
    expect(subs.every((s) => (s.request as { maxCandidates: number }).maxCandidates === 5)).toBe(true);
  });

  it('uncompressed records go as RAW with the record\'s size', () => {
    const subs = expandTransaction(enrol(file('type-9-4-iafis.an2')));
    expect(subs).toHaveLength(1);
    const img = (subs[0].request as Sub).sample.image;
    expect(img.format).toBe('IMAGE_FORMAT_RAW');
    expect(img.width * (img as unknown as { height: number }).height).toBe(img.data.length);
  });

  it('a record that cannot be read is an item that fails alone; the other records are untouched', () => {
    const bytes = Buffer.from(file('type-4-slaps.an2'));
    const second = readTransaction(bytes).records.filter((r) => r.type === 4)[1];
    if (second.kind !== 'binary') throw new Error('expected a binary Type-4 record');
    bytes[second.offset + 17] = 9; // GCA: no such compression code
    const subs = expandTransaction(enrol(bytes));
    expect(subs).toHaveLength(4);
    expect(subs.map((s) => s.invalid === undefined)).toEqual([true, false, true, true]);
    expect(subs[1].invalid).toEqual({ field: 'sample.image.data', reason: expect.stringMatching(/^ANSI\/NIST: type-4 record \d+ \(IDC \d+\): compression code 9/) });
    expect(subs[1].itemId).toBe(`card-1#${second.index}`);
  });

  it('a transaction with only Type-13 latent images is refused for fp kinds, naming the latent kinds', () => {
    const subs = expandTransaction(enrol(file('type-9-13-m1.an2')));
    expect(subs).toHaveLength(1);
    expect(subs[0].invalid).toEqual({ field: 'sample.image.data', reason: expect.stringMatching(/only 1 Type-13 latent record.*latent-search or latent-add/) });
  });

  it('anything else passes through as it came: other kinds, templates, plain images, unreadable transactions', async () => {
    const card = file('type-14-tpcard-nqm.an2');
    const latent: SubmittedItem = { itemId: 'm', requestId: '', kind: 'latent-search', request: { mark: { image: { data: card } } } };
    const png = enrol(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    const broken = enrol(Buffer.from('1.001:17\x1d1.002:0400\x1c'));
    for (const it of [latent, png, broken]) expect(expandTransaction(it)).toEqual([it]);
    const streamed: SubmittedItem[] = [];
    for await (const s of expandTransactions((async function* () { yield png; yield enrol(card); yield latent; })())) streamed.push(s);
    expect(streamed).toHaveLength(16);
    expect(streamed[0]).toBe(png);
    expect(streamed.slice(1, 15).every((s) => /^card-1#\d+$/.test(s.itemId) && s.kind === 'fp-enroll')).toBe(true);
    expect(streamed[15]).toBe(latent);
  });
});
