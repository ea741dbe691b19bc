/**
 * DnaService's exchange features over gRPC on 127.0.0.1:0 (issue 14, point 5):
 * - compare_loci: a search restricted to a named locus set (ESS, CODIS13, CODIS20) or a custom
 *   list compares only those loci; other loci are NOT_COMPARED; unknown names are INVALID_ARGUMENT
 *   naming compare_loci[i];
 * - θ = 0 can be asked for (proto3 optional): it gives the textbook p² / 2pq product, while an
 *   absent θ is the default 0.01;
 * - ListPopulationTables lists the loaded tables with their source file, loci and allele counts;
 * - the evidence counts the loci that matched through a wildcard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { startTestService, type TestService } from './test-harness.js';
import { call } from './client.js';
import { bundledFrequencyFiles } from './dna-catalog.js';
import { loadFrequencyFiles, LocusRegistry, ESS_LOCI } from '../dna/index.js';
import type { CandidateList__Output } from './generated/biomatch/v1/CandidateList.js';
import type { DnaRecord__Output } from './generated/biomatch/v1/DnaRecord.js';
import type { ListPopulationTablesResponse__Output } from './generated/biomatch/v1/ListPopulationTablesResponse.js';

let t: TestService;
beforeAll(async () => { t = await startTestService(); });
afterAll(async () => { await t?.stop(); });

type Loci = Record<string, string[]>;
const msg = (loci: Loci) => ({ loci: Object.fromEntries(Object.entries(loci).map(([l, a]) => [l, { alleles: a }])) });
const grpcError = (p: Promise<unknown>): Promise<grpc.ServiceError> => p.then(() => { throw new Error('expected the call to fail'); }, (e: grpc.ServiceError) => e);

// One person typed at the 20 CODIS core loci.
const P: Loci = {
  D3S1358: ['15', '16'], vWA: ['17', '18'], FGA: ['21', '24'], D8S1179: ['13', '14'], D21S11: ['29', '30'], D18S51: ['14', '17'],
  D5S818: ['11', '12'], D13S317: ['11', '12'], D7S820: ['8', '10'], CSF1PO: ['10', '12'], TH01: ['6', '9.3'], TPOX: ['8', '8'],
  D16S539: ['9', '11'], D1S1656: ['12', '15'], D2S441: ['10', '14'], D2S1338: ['17', '23'], D10S1248: ['13', '15'], D12S391: ['18', '20'],
  D19S433: ['13', '14'], D22S1045: ['15', '16'],
};
// The same person as another lab typed it, differing at two loci outside the ESS (CSF1PO, TPOX).
const Q: Loci = { ...P, CSF1PO: ['11', '13'], TPOX: ['9', '10'] };

describe('DnaService exchange features', () => {
  let pId = '';

  beforeAll(async () => {
    const c = t.client('XCH1');
    const rec = await call<object, DnaRecord__Output>(c.dna.enroll, c.dna, { profile: { ...msg(P), kind: 'PROFILE_KIND_OFFENDER' }, externalId: 'LAB-P' }, c.metadata());
    pId = rec.meta!.id;
  });

  const search = (agency: string, req: object) => {
    const c = t.client(agency);
    return call<object, CandidateList__Output>(c.dna.search, c.dna, req, c.metadata());
  };

  it('compare_loci ESS finds a profile that differs only outside the ESS; CODIS13 and the full comparison do not', async () => {
    const all = await search('XCH1', { profile: msg(Q), stringency: 'STRINGENCY_HIGH' });
    expect(all.totalHits).toBe(0);
    const ess = await search('XCH1', { profile: msg(Q), stringency: 'STRINGENCY_HIGH', compareLoci: ['ESS'] });
    expect(ess.candidates.map((c) => c.recordId)).toEqual([pId]);
    const d = ess.candidates[0].dna!;
    expect(d).toMatchObject({ comparedLoci: 12, matchingLoci: 12, mismatchingLoci: 0 });
    const byLocus = Object.fromEntries(d.loci.map((l) => [l.locus, l]));
    for (const l of ESS_LOCI) expect(byLocus[l].comparison).toBe('LOCUS_COMPARISON_MATCH');
    // Loci outside the set are still shown, with both allele lists, as not compared.
    expect(byLocus.TPOX).toMatchObject({ comparison: 'LOCUS_COMPARISON_NOT_COMPARED', queryAlleles: ['9', '10'], candidateAlleles: ['8'] });
    expect(byLocus.D5S818.comparison).toBe('LOCUS_COMPARISON_NOT_COMPARED');
    const codis13 = await search('XCH1', { profile: msg(Q), stringency: 'STRINGENCY_HIGH', compareLoci: ['codis-13'] });
    expect(codis13.totalHits).toBe(0);
    // A union of a set and one more locus: one mismatch, found as a near match.
    const near = await search('XCH1', { profile: msg(Q), stringency: 'STRINGENCY_HIGH', compareLoci: ['ESS', 'TPOX'], maxMismatches: 1 });
    expect(near.candidates[0]).toMatchObject({ recordId: pId, dna: { comparedLoci: 13, mismatchingLoci: 1 } });
    // A custom list (aliases fold), at least the default 8 compared loci.
    const custom = await search('XCH1', { profile: msg(Q), compareLoci: ['D3S1358', 'VWA', 'fga', 'D8S1179', 'D21S11', 'D18S51', 'THO1', 'D5S818'] });
    expect(custom.candidates[0]).toMatchObject({ recordId: pId, dna: { comparedLoci: 8, matchingLoci: 8 } });
    // Fewer listed loci than the minimum compared: nothing can match, said plainly by the floor.
    const few = await grpcError(search('XCH1', { profile: msg(Q), compareLoci: ['D3S1358', 'vWA'] }));
    expect(few.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(few.details).toMatch(/^profile\.loci: .*typed at 8 loci or more \(Amelogenin not counted, only loci in compare_loci\); this one has 2$/);
  });

  it('compare_loci with an unknown name is INVALID_ARGUMENT naming the entry', async () => {
    const e = await grpcError(search('XCH1', { profile: msg(Q), compareLoci: ['ESS', 'Prum-7'] }));
    expect(e.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(e.details).toMatch(/^compare_loci\[1\]: unknown locus or locus set "Prum-7"/);
    const c = t.client('XCH1');
    const k = await grpcError(call(c.dna.kinshipSearch, c.dna, { profile: msg(Q), relationship: 'RELATIONSHIP_PARENT_CHILD', compareLoci: ['D3S1358', ''] }, c.metadata()));
    expect(k.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(k.details).toMatch(/^compare_loci\[1\]: /);
  });

  it('kinship search takes compare_loci too', async () => {
    const c = t.client('XCH1');
    const child: Loci = Object.fromEntries(Object.entries(P).map(([l, a]) => [l, [a[0], '7']]));
    const res = await call<object, CandidateList__Output>(c.dna.kinshipSearch, c.dna, { profile: msg(child), relationship: 'RELATIONSHIP_PARENT_CHILD', minKinshipIndex: 1, compareLoci: ['ESS'] }, c.metadata());
    const hit = res.candidates.find((x) => x.recordId === pId);
    expect(hit?.dna?.comparedLoci).toBe(12);
    expect(hit?.dna?.loci.filter((l) => l.comparison !== 'LOCUS_COMPARISON_NOT_COMPARED').map((l) => l.locus).sort()).toEqual([...ESS_LOCI].sort());
  });

  it('θ = 0 is θ = 0 (p², 2pq); absent θ is the default 0.01; out of range is refused', async () => {
    const registry = LocusRegistry.create();
    const table = loadFrequencyFiles(bundledFrequencyFiles(), registry, 'nist1036/All').resolve('nist1036/All');
    let textbook = 1;
    for (const [locus, [a, b]] of Object.entries(P)) {
      const l = registry.canonicalName(locus);
      const p = table.frequency(l, a) as number;
      const q = table.frequency(l, b) as number;
      textbook *= a === b ? p * p : 2 * p * q;
    }
    const rmp = async (theta?: number) => {
      const r = await search('XCH1', { profile: msg(P), ...(theta === undefined ? {} : { theta }) });
      expect(r.candidates[0].recordId).toBe(pId);
      return r.candidates[0].dna!.randomMatchProbability;
    };
    const zero = await rmp(0);
    expect(Math.abs(zero / textbook - 1)).toBeLessThan(1e-9);
    const absent = await rmp();
    expect(absent).toBe(await rmp(0.01));
    expect(absent).toBeGreaterThan(zero * 1.5);
    const c = t.client('XCH1');
    const kin = await call<object, CandidateList__Output>(c.dna.kinshipSearch, c.dna, { profile: msg(P), relationship: 'RELATIONSHIP_FULL_SIBLING', minKinshipIndex: 1, theta: 0 }, c.metadata());
    expect(kin.candidates.find((x) => x.recordId === pId)).toBeDefined();
    for (const theta of [0.5, -0.1]) {
      const e = await grpcError(search('XCH1', { profile: msg(P), theta }));
      expect(e.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(e.details).toBe('theta: must be in [0, 0.5)');
    }
  });

  it('the evidence counts the loci that matched through a wildcard', async () => {
    const c = t.client('XCH2');
    const W: Loci = { ...P, D3S1358: ['15', '*'], vWA: ['*'] };
    const rec = await call<object, DnaRecord__Output>(c.dna.enroll, c.dna, { profile: { ...msg(W), kind: 'PROFILE_KIND_FORENSIC_UNKNOWN' }, externalId: 'STAIN-W' }, c.metadata());
    const r = await search('XCH2', { profile: msg(P), stringency: 'STRINGENCY_HIGH' });
    const hit = r.candidates.find((x) => x.recordId === rec.meta!.id)!;
    expect(hit.dna).toMatchObject({ matchingLoci: 20, wildcardLoci: 2, mismatchingLoci: 0 });
    expect(hit.dna!.loci.filter((l) => l.comparison === 'LOCUS_COMPARISON_WILDCARD').map((l) => l.locus).sort()).toEqual(['D3S1358', 'vWA']);
    // No wildcard: 0.
    const plain = await search('XCH1', { profile: msg(P) });
    expect(plain.candidates[0].dna?.wildcardLoci).toBe(0);
  });

  it('ListPopulationTables lists the loaded tables: name, source file, population, loci and allele counts', async () => {
    const c = t.client('XCH1');
    const res = await call<object, ListPopulationTablesResponse__Output>(c.dna.listPopulationTables, c.dna, {}, c.metadata());
    const byName = new Map(res.tables.map((x) => [x.name, x]));
    expect([...byName.keys()]).toEqual(expect.arrayContaining(['nist1036/All', 'nist1036/AfAm', 'nist1036/Asian', 'nist1036/Cauc', 'nist1036/Hisp']));
    expect(res.tables.some((x) => x.source === 'fbi2015')).toBe(true);
    expect(res.tables.filter((x) => x.isDefault).map((x) => x.name)).toEqual(['nist1036/All']);
    const all = byName.get('nist1036/All')!;
    expect(all).toMatchObject({ source: 'nist1036', population: 'All', sourceFile: 'nist1036_us_29loci_freqs.csv' });
    expect(all.loci).toHaveLength(29);
    const tpox = all.loci.find((l) => l.locus === 'TPOX')!;
    expect(tpox.alleleCount).toBe(2070);
    expect(tpox.alleles).toBeGreaterThan(5);
    expect(tpox.minimumFrequency).toBeCloseTo(5 / 2070, 12);
    // Loci in registry order (CODIS core first), canonical names.
    expect(all.loci[0].locus).toBe('CSF1PO');
    expect(all.loci.some((l) => l.locus === 'Penta D')).toBe(true);
  });
});
