/**
 * DnaService end to end over gRPC on 127.0.0.1:0: enrol, search at each stringency with
 * statistics and per-locus evidence, near matches, kinship, streaming import (line-numbered row
 * errors, no duplicates on re-import), delete, and errors naming the locus.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { startTestService, type TestService } from './test-harness.js';
import { call } from './client.js';
import type { CandidateList__Output } from './generated/biomatch/v1/CandidateList.js';
import type { DnaRecord__Output } from './generated/biomatch/v1/DnaRecord.js';
import type { DnaImportSummary__Output } from './generated/biomatch/v1/DnaImportSummary.js';
import { missingSharedData, sharedDataPath } from '../../fixtures/shared-data.js';

let t: TestService;
beforeAll(async () => { t = await startTestService(); });
afterAll(async () => { await t?.stop(); });

type Loci = Record<string, string[]>;
const msg = (loci: Loci) => ({ loci: Object.fromEntries(Object.entries(loci).map(([l, a]) => [l, { alleles: a }])) });

// Two unrelated people and the child of the first (one allele from each parent at every locus).
const A: Loci = { D3S1358: ['15', '16'], vWA: ['17', '18'], FGA: ['21', '24'], D8S1179: ['13', '14'], D21S11: ['29', '30.2'], D18S51: ['14', '17'], D5S818: ['11', '12'], D13S317: ['11', '12'], D7S820: ['8', '10'], CSF1PO: ['10', '12'], TH01: ['6', '9.3'], TPOX: ['8', '11'] };
const B: Loci = { D3S1358: ['14', '18'], vWA: ['15', '16'], FGA: ['19', '22'], D8S1179: ['10', '12'], D21S11: ['27', '28'], D18S51: ['12', '13'], D5S818: ['9', '13'], D13S317: ['8', '9'], D7S820: ['11', '12'], CSF1PO: ['8', '9'], TH01: ['7', '8'], TPOX: ['9', '10'] };
const CHILD: Loci = Object.fromEntries(Object.keys(A).map((l) => [l, [A[l][0], B[l][1]]]));

function grpcError(p: Promise<unknown>): Promise<grpc.ServiceError> {
  return p.then(() => { throw new Error('expected the call to fail'); }, (e: grpc.ServiceError) => e);
}

describe('DnaService', () => {
  const ids: Record<string, string> = {};

  it('enrols profiles with canonical locus names', async () => {
    const c = t.client('AG1');
    for (const [name, loci, kind] of [['A', A, 'PROFILE_KIND_OFFENDER'], ['B', B, 'PROFILE_KIND_ARRESTEE'], ['CHILD', CHILD, 'PROFILE_KIND_RELATIVE_OF_MISSING']] as const) {
      const rec = await call<object, DnaRecord__Output>(c.dna.enroll, c.dna, { profile: { ...msg(loci), kind, ...(name === 'CHILD' ? { relationship: 'RELATIONSHIP_PARENT_CHILD' } : {}) }, subjectId: `P-${name}`, externalId: `LAB-${name}` }, c.metadata());
      ids[name] = rec.meta!.id;
      expect(rec.meta?.id).toMatch(/^dna_/);
    }
    const got = await call<object, DnaRecord__Output>(c.dna.get, c.dna, { recordId: ids.A }, c.metadata());
    expect(Object.keys(got.profile!.loci)).toContain('vWA');
    expect(got.profile?.kind).toBe('PROFILE_KIND_OFFENDER');
  });

  it('HIGH finds the identical profile with RMP, LR and per-locus detail; MODERATE a partial one', async () => {
    const c = t.client('AG1');
    const high = await call<object, CandidateList__Output>(c.dna.search, c.dna, { profile: msg(A), stringency: 'STRINGENCY_HIGH' }, c.metadata());
    expect(high.candidates.map((x) => x.recordId)).toEqual([ids.A]);
    const d = high.candidates[0].dna!;
    expect(d.matchingLoci).toBe(12);
    expect(d.randomMatchProbability).toBeGreaterThan(0);
    expect(d.randomMatchProbability).toBeLessThan(1e-9);
    expect(d.likelihoodRatio).toBeCloseTo(1 / d.randomMatchProbability, -3);
    expect(d.loci.every((l) => l.comparison === 'LOCUS_COMPARISON_MATCH')).toBe(true);
    expect(high.candidates[0]).toMatchObject({ subjectId: 'P-A', externalId: 'LAB-A', rank: 1 });

    // A stain typed at fewer loci with one allele dropped at vWA: found at MODERATE, not HIGH.
    const partial = { ...A, vWA: ['17'] };
    delete (partial as Partial<Loci>).TPOX;
    const h2 = await call<object, CandidateList__Output>(c.dna.search, c.dna, { profile: msg(partial), stringency: 'STRINGENCY_HIGH' }, c.metadata());
    expect(h2.candidates.map((x) => x.recordId)).not.toContain(ids.A);
    const m2 = await call<object, CandidateList__Output>(c.dna.search, c.dna, { profile: msg(partial), stringency: 'STRINGENCY_MODERATE' }, c.metadata());
    expect(m2.candidates[0].recordId).toBe(ids.A);
    expect(m2.candidates[0].dna?.comparedLoci).toBe(11);
  });

  it('one mismatching locus: no hit by default, a near match with max_mismatches 1', async () => {
    const c = t.client('AG1');
    const q = { ...A, FGA: ['20', '25'] };
    const strict = await call<object, CandidateList__Output>(c.dna.search, c.dna, { profile: msg(q) }, c.metadata());
    expect(strict.totalHits).toBe(0);
    const near = await call<object, CandidateList__Output>(c.dna.search, c.dna, { profile: msg(q), maxMismatches: 1 }, c.metadata());
    expect(near.candidates[0].recordId).toBe(ids.A);
    expect(near.candidates[0].dna?.mismatchingLoci).toBe(1);
    expect(near.candidates[0].dna?.loci.find((l) => l.locus === 'FGA')?.comparison).toBe('LOCUS_COMPARISON_MISMATCH');
  });

  it('kinship search ranks the true parent first', async () => {
    const c = t.client('AG1');
    const res = await call<object, CandidateList__Output>(c.dna.kinshipSearch, c.dna, { profile: msg(CHILD), relationship: 'RELATIONSHIP_PARENT_CHILD', minKinshipIndex: 1 }, c.metadata());
    const ranked = res.candidates.map((x) => x.recordId).filter((id) => id !== ids.CHILD);
    expect([ids.A, ids.B]).toContain(ranked[0]);
    expect(res.candidates.find((x) => x.recordId === ids.A)?.dna?.kinshipIndex).toBeGreaterThan(1);
  });

  it('refuses a bad allele naming the locus, and too few loci with the reason', async () => {
    const c = t.client('AG1');
    const bad = await grpcError(call(c.dna.search, c.dna, { profile: msg({ ...A, vWA: ['17', 'seventeen'] }) }, c.metadata()));
    expect(bad.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(bad.details).toMatch(/^profile\.loci\.vWA: /);
    const few = await grpcError(call(c.dna.enroll, c.dna, { profile: msg({ vWA: ['17'] }) }, c.metadata()));
    expect(few.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(few.details).toMatch(/at least 8 are required/);
  });

  it('imports a CSV stream: bad rows reported by line, good rows stored, re-import adds nothing', async () => {
    const c = t.client('AG2');
    const header = 'sample,population,D3S1358_1,D3S1358_2,vWA_1,vWA_2,FGA_1,FGA_2,D8S1179_1,D8S1179_2,D21S11_1,D21S11_2,D18S51_1,D18S51_2,D5S818_1,D5S818_2,D13S317_1,D13S317_2';
    const csv = [header,
      'S1,Cauc,15,16,17,18,21,24,13,14,29,30.2,14,17,11,12,11,12',
      'S2,Cauc,15,15,16,19,22,23,12,13,28,31,15,16,10,12,8,11',
      'S3,Cauc,15,16,17,x,21,24,13,14,29,30,14,17,11,12,11,12',
      'S4,Cauc,14,16,17,17,20,24,13,15,29,30,14,18,11,13,11,13',
      // A sample id the store refuses (too long) is one bad row, not a failed import.
      `${'X'.repeat(300)},Cauc,14,16,17,17,20,24,13,15,29,30,14,18,11,13,11,13`].join('\n') + '\n';
    const importOnce = () => new Promise<DnaImportSummary__Output>((resolve, reject) => {
      const stream = c.dna.import(c.metadata(), { deadline: Date.now() + 30_000 }, (err, res) => (err ? reject(err) : resolve(res!)));
      const bytes = Buffer.from(csv);
      // Chunk boundaries fall mid-row on purpose.
      stream.write({ format: 'IMPORT_FORMAT_CSV', defaultKind: 'PROFILE_KIND_OFFENDER', data: bytes.subarray(0, 150) });
      stream.write({ data: bytes.subarray(150, 301) });
      stream.write({ data: bytes.subarray(301) });
      stream.end();
    });
    const first = await importOnce();
    expect(first).toMatchObject({ rows: 5, stored: 3, rejected: 2, unchanged: 0 });
    expect(first.errors).toEqual([{ line: 4, reason: expect.stringMatching(/vWA/) }, { line: 6, reason: expect.stringMatching(/external_id: is longer than 256/) }]);
    const again = await importOnce();
    expect(again).toMatchObject({ rows: 5, stored: 0, unchanged: 3, rejected: 2 });
    const s1 = await call<object, CandidateList__Output>(c.dna.search, c.dna, { profile: msg({ D3S1358: ['15', '16'], vWA: ['17', '18'], FGA: ['21', '24'], D8S1179: ['13', '14'], D21S11: ['29', '30.2'], D18S51: ['14', '17'], D5S818: ['11', '12'], D13S317: ['11', '12'] }) }, c.metadata());
    // AG2 sees its own S1 only (A, owned by AG1, is not visible to AG2), exactly once.
    expect(s1.candidates.map((x) => x.externalId)).toEqual(['S1']);
  });

  it('a deleted profile leaves search results at once', async () => {
    const c = t.client('AG1');
    await call(c.dna.delete, c.dna, { recordId: ids.A }, c.metadata());
    const high = await call<object, CandidateList__Output>(c.dna.search, c.dna, { profile: msg(A) }, c.metadata());
    expect(high.candidates).toEqual([]);
  });

  describe.skipIf(missingSharedData('dna', 'nist1036_us_genotypes.csv'))('on the NIST 1036 genotypes', () => {
    it('imports all 1036 profiles and each of a sample finds itself first at HIGH', async () => {
      const c = t.client('NIST');
      const csv = readFileSync(sharedDataPath('dna', 'nist1036_us_genotypes.csv'));
      const summary = await new Promise<DnaImportSummary__Output>((resolve, reject) => {
        const stream = c.dna.import(c.metadata(), { deadline: Date.now() + 120_000 }, (err, res) => (err ? reject(err) : resolve(res!)));
        for (let i = 0; i < csv.length; i += 64 * 1024) stream.write({ format: 'IMPORT_FORMAT_CSV', defaultKind: 'PROFILE_KIND_OFFENDER', data: csv.subarray(i, i + 64 * 1024) });
        stream.end();
      });
      expect(summary.stored).toBe(1036);
      expect(summary.rejected).toBe(0);
      const lines = csv.toString().trim().split('\n');
      const header = lines[0].split(',');
      for (const line of [lines[1], lines[500], lines[1036]]) {
        const cells = line.split(',');
        const loci: Loci = {};
        for (let i = 2; i < header.length; i += 2) loci[header[i].replace(/_1$/, '')] = [cells[i], cells[i + 1]];
        const res = await call<object, CandidateList__Output>(c.dna.search, c.dna, { profile: msg(loci), stringency: 'STRINGENCY_HIGH' }, c.metadata());
        expect(res.candidates[0].externalId).toBe(cells[0]);
        expect(res.candidates[0].dna?.matchingLoci).toBeGreaterThanOrEqual(29);
      }
    }, 120_000);
  });
});

describe('custom loci by configuration', () => {
  it('a locus from --dna-custom-loci is accepted under its aliases and answered under its name', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'bm-loci-'));
    const file = join(dir, 'loci.json');
    writeFileSync(file, JSON.stringify([{ name: 'D9S1122', repeatUnit: 4, aliases: ['D9S1122_LAB'] }]));
    const s = await startTestService({ dnaCustomLoci: file });
    try {
      const c = s.client('AG1');
      const rec = await call<object, DnaRecord__Output>(c.dna.enroll, c.dna, { profile: msg({ ...A, D9S1122_LAB: ['12', '13'] }) }, c.metadata());
      expect(Object.keys(rec.profile!.loci)).toContain('D9S1122');
      const res = await call<object, CandidateList__Output>(c.dna.search, c.dna, { profile: msg({ ...A, D9S1122: ['12', '13'] }) }, c.metadata());
      expect(res.candidates[0].dna?.loci.find((l) => l.locus === 'D9S1122')?.comparison).toBe('LOCUS_COMPARISON_MATCH');
      const unknown = await grpcError(call(c.dna.search, c.dna, { profile: msg({ ...A, D99S999: ['1', '2'] }) }, c.metadata()));
      expect(unknown.code).toBe(grpc.status.INVALID_ARGUMENT);
    } finally {
      await s.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
