import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingSharedData, sharedDataPath } from '../../fixtures/shared-data.js';
import { EngineError } from '../errors.js';
import { LocusRegistry } from './locus-registry.js';
import { buildProfile } from './dna-profile.js';
import { classifyImport, CsvProfileReader, importKey, JsonProfileReader, profileContentHash, type ImportRow, type ProfileRowReader } from './profile-import.js';

const registry = LocusRegistry.create();
const rules = { minTypedLoci: 3 };

/** Feeds text in chunks of `size` characters (or bytes, with `bytes`). */
function feed(reader: ProfileRowReader, text: string, size: number, bytes = false): ImportRow[] {
  const rows: ImportRow[] = [];
  const data = bytes ? new TextEncoder().encode(text) : text;
  for (let i = 0; i < data.length; i += size) rows.push(...reader.push(data.slice(i, i + size) as string & Uint8Array));
  rows.push(...reader.end());
  return rows;
}

const CSV = [
  'sample,population,TH01_1,TH01_2,vWA_1,vWA_2,FGA_1,FGA_2,Penta_D_1,Penta_D_2',
  'S1,AA,6,9.3,16,17,21,22,2.2,11',
  'S2,Cauc,7,7,15,18,20,24,,',
  'S3,Cauc,7,x1,15,18,20,24,9,10',
  '',
  'S4,Hisp,8,9,14',
  ',Hisp,8,9,14,15,20,21,9,9',
  'S6,Asian,8,,14,15,,,,',
  'S7,Asian,8,9,14,15,19,20.2,12,13.4',
].join('\r\n');

describe('CSV import', () => {
  it('parses good rows and reports bad ones with line and reason, in any chunking', () => {
    for (const [size, bytes] of [[1, true], [7, false], [10_000, false], [3, true]] as const) {
      const rows = feed(new CsvProfileReader(registry, rules), CSV, size, bytes);
      const ok = rows.filter((r) => r.ok);
      const bad = rows.filter((r): r is Extract<ImportRow, { ok: false }> => !r.ok);
      expect(ok.map((r) => r.line)).toEqual([2, 3, 9]);
      expect(bad.map((r) => r.line)).toEqual([4, 6, 7, 8]);
      expect(bad[0].reason).toMatch(/^loci\.TH01: allele designation "x1" is not valid at TH01/);
      expect(bad[1].reason).toMatch(/expected 10 cells, found 5/);
      expect(bad[2].reason).toMatch(/sample/);
      expect(bad[3].reason).toMatch(/2 typed autosomal loci/);
      const s1 = ok[0].ok ? ok[0].record : undefined;
      expect(s1?.sampleId).toBe('S1');
      expect(s1?.population).toBe('AA');
      expect([...s1!.profile.loci.keys()]).toEqual(['FGA', 'TH01', 'vWA', 'Penta D']);
      const s7 = rows.find((r) => r.line === 9);
      expect(s7?.ok && s7.record.profile.loci.get('Penta D')?.alleles.map((a) => a.designation)).toEqual(['12', '13.4']);
    }
  });

  it('refuses an unusable header before any row', () => {
    expect(() => feed(new CsvProfileReader(registry), 'sample,FOO_1,FOO_2\nS1,1,2\n', 100)).toThrow(EngineError);
    expect(() => feed(new CsvProfileReader(registry), 'population,TH01_1\nS1,1\n', 100)).toThrow(/sample/);
  });

  it('reads single-column loci, kind, owner and case reference', () => {
    const rows = feed(new CsvProfileReader(registry, rules), 'sample,kind,owner,case_reference,TH01,vWA,FGA\nA,suspect,NY1,C-9,6/9.3,16 17,"21,22"\n', 5);
    expect(rows).toHaveLength(1);
    const r = rows[0];
    expect(r.ok && r.record).toMatchObject({ sampleId: 'A', ownerAgency: 'NY1', profile: { kind: 'suspect', caseReference: 'C-9' } });
  });
});

describe('JSON import', () => {
  const doc = `[
  {"id": "J1", "loci": {"TH01": ["6", "9.3"], "vWA": ["17"], "FGA": [21, 22]}},
  {"id": "J2", "loci": {"TH01": ["6", "9.7"], "vWA": ["17"], "FGA": ["21"]}},
  {"id": "J3", "loci": {"TH01": ["6"], "vWA": ["17"], "FGA": ["21"]}, "kind": "suspect", "owner": "X",
   "caseReference": "with } brace and \\" quote"},
  42,
  {"id": "J5", "loci": {"TH01": ["6"]}},
  {"id": "J6" "loci": {}},
  {"id": "J7", "loci": {"TH01": ["6"], "vWA": ["17"], "FGA": ["21"]}}
]`;
  it('streams elements with their start lines; bad elements are reported and the rest go on', () => {
    for (const size of [1, 2, 13, 100_000]) {
      const rows = feed(new JsonProfileReader(registry, rules), doc, size, size % 2 === 1);
      expect(rows.map((r) => [r.line, r.ok])).toEqual([[2, true], [3, false], [4, true], [6, false], [7, false], [8, false], [9, true]]);
      const reasons = rows.flatMap((r) => (r.ok ? [] : [r.reason]));
      expect(reasons[0]).toMatch(/loci\.TH01: allele designation "9\.7"/);
      expect(reasons[1]).toMatch(/profile/);
      expect(reasons[2]).toMatch(/1 typed autosomal loci/);
      expect(reasons[3]).toBe('malformed JSON element');
      const j3 = rows[2];
      expect(j3.ok && j3.record.profile.caseReference).toBe('with } brace and " quote');
    }
  });

  it('reports an unterminated document and refuses a non-array', () => {
    const rows = feed(new JsonProfileReader(registry, rules), '[{"id": "A", "loci": {"TH01": ["6"]', 4);
    expect(rows).toEqual([{ line: 1, ok: false, reason: 'unterminated JSON element at end of data' }]);
    expect(() => feed(new JsonProfileReader(registry), '{"id": 1}', 4)).toThrow(/array/);
    expect(feed(new JsonProfileReader(registry), '[]', 1)).toEqual([]);
  });
});

describe('deduplication', () => {
  it('hash ignores spelling, order and homozygote form; changes with content', () => {
    const a = buildProfile({ loci: { TH01: ['9.3', '6'], VWA: ['17', '17'], FGA: ['21'] } }, registry, rules);
    const b = buildProfile({ loci: { fga: ['21'], vWA: ['17'], TH01: ['6', '9.3'] } }, registry, rules);
    const c = buildProfile({ loci: { fga: ['21'], vWA: ['17'], TH01: ['6', '9'] } }, registry, rules);
    expect(profileContentHash(a)).toBe(profileContentHash(b));
    expect(profileContentHash(a)).not.toBe(profileContentHash(c));
    expect(profileContentHash(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(classifyImport(undefined, 'h')).toBe('stored');
    expect(classifyImport('h', 'h')).toBe('unchanged');
    expect(classifyImport('g', 'h')).toBe('updated');
    expect(importKey('NY1', 'S1')).not.toBe(importKey('NY', '1S1'));
  });
});

describe.skipIf(missingSharedData('dna'))('NIST 1036 file', () => {
  it('imports all 1036 rows, streamed in 4 KiB byte chunks; re-import hashes are identical', () => {
    const bytes = readFileSync(sharedDataPath('dna', 'nist1036_us_genotypes.csv'));
    const run = () => {
      const reader = new CsvProfileReader(registry, { defaultKind: 'offender' });
      const rows: ImportRow[] = [];
      for (let i = 0; i < bytes.length; i += 4096) rows.push(...reader.push(bytes.subarray(i, i + 4096)));
      rows.push(...reader.end());
      return rows;
    };
    const first = run();
    expect(first).toHaveLength(1036);
    expect(first.every((r) => r.ok)).toBe(true);
    const second = run();
    const h = (rows: ImportRow[]) => rows.map((r) => (r.ok ? `${r.record.sampleId}:${r.record.contentHash}` : ''));
    expect(h(second)).toEqual(h(first));
    expect(new Set(first.map((r) => (r.ok ? r.record.sampleId : ''))).size).toBe(1036);
  });
});
