import { describe, expect, it } from 'vitest';
import { missingSharedData } from '../../fixtures/shared-data.js';
import { loadSharedTables } from '../../fixtures/dna/nist1036.js';
import { parseAllele } from './allele.js';
import type { LocusGenotype } from './dna-profile.js';
import { FrequencyTable, parseFrequencyCsv, PopulationTables } from './frequency-table.js';
import { locusKinshipIndex } from './kinship-index.js';
import { LocusRegistry } from './locus-registry.js';
import { heterozygoteFrequency, homozygoteFrequency, locusMatchFactor } from './match-statistics.js';

const registry = LocusRegistry.create();
const csv = `population,locus,allele,count,n_alleles,frequency
Test,TH01,6,20,200,0.1
Test,TH01,7,40,200,0.2
Test,TH01,9.3,60,200,0.3
Test,TH01,8,2,200,0.01
Test,vWA,17,100,100,1.0
`;
const [table] = parseFrequencyCsv(csv, 'test', registry);
const g = (locus: string, ...alleles: string[]): LocusGenotype => ({
  locus: registry.resolve(locus).name,
  alleles: [...new Set(alleles)].map((a) => parseAllele(a, registry.resolve(locus))).sort((a, b) => a.order - b.order),
  wildcards: 0,
});

describe('frequency tables', () => {
  it('applies the 5/2N minimum to unseen and rare alleles', () => {
    expect(table.name).toBe('test/Test');
    expect(table.frequency('TH01', '7')).toBe(0.2);
    expect(table.frequency('TH01', '8')).toBe(5 / 200);
    expect(table.frequency('TH01', '10')).toBe(5 / 200);
    expect(table.frequency('FGA', '20')).toBeUndefined();
  });

  it('resolves tables by full or unambiguous bare name', () => {
    const t = new PopulationTables([table]);
    expect(t.resolve('Test')).toBe(table);
    expect(t.resolve()).toBe(table);
    expect(() => t.resolve('Mars')).toThrow(/population/);
  });
});

describe('NRC II 4.10', () => {
  it('reduces to p² and 2pq at θ = 0, and matches hand values at θ = 0.01', () => {
    expect(homozygoteFrequency(0.1, 0)).toBeCloseTo(0.01, 15);
    expect(heterozygoteFrequency(0.1, 0.2, 0)).toBeCloseTo(0.04, 15);
    // [2θ+(1−θ)p][3θ+(1−θ)p]/[(1+θ)(1+2θ)] with p=0.1, θ=0.01: (0.119)(0.129)/(1.01·1.02)
    expect(homozygoteFrequency(0.1, 0.01)).toBeCloseTo((0.119 * 0.129) / (1.01 * 1.02), 15);
    expect(heterozygoteFrequency(0.1, 0.2, 0.01)).toBeCloseTo((2 * 0.109 * 0.208) / (1.01 * 1.02), 15);
  });

  it('per-locus factors: shared genotype, 2p for a partial match, PI for mixtures', () => {
    const t = 0.01;
    expect(locusMatchFactor(g('TH01', '6', '7'), g('TH01', '6', '7'), 'match', 'single-source', g('TH01', '6'), table, t)).toBe(heterozygoteFrequency(0.1, 0.2, t));
    expect(locusMatchFactor(g('TH01', '6'), g('TH01', '6'), 'match', 'single-source', g('TH01', '6'), table, t)).toBe(homozygoteFrequency(0.1, t));
    expect(locusMatchFactor(g('TH01', '6'), g('TH01', '6', '7'), 'match', 'single-source', g('TH01', '6'), table, t)).toBeCloseTo(0.2, 15);
    expect(locusMatchFactor(g('TH01', '6', '7'), g('TH01', '6', '7'), 'mismatch', 'single-source', g('TH01', '6'), table, t)).toBeUndefined();
    const mix = g('TH01', '6', '7', '9.3');
    expect(locusMatchFactor(mix, g('TH01', '6', '7'), 'match', 'mixture', mix, table, t)).toBeCloseTo(0.36, 15);
  });
});

describe('kinship indices', () => {
  const PI = (a: string[], b: string[]) => locusKinshipIndex(g('TH01', ...a), g('TH01', ...b), 'parent-child', table, 0) as number;
  const SI = (a: string[], b: string[]) => locusKinshipIndex(g('TH01', ...a), g('TH01', ...b), 'full-sibling', table, 0) as number;
  it('PI equals the textbook table at θ = 0 (p6 = 0.1, p7 = 0.2)', () => {
    expect(PI(['6', '9.3'], ['6', '7'])).toBeCloseTo(1 / (4 * 0.1), 12);
    expect(PI(['6'], ['6', '7'])).toBeCloseTo(1 / (2 * 0.1), 12);
    expect(PI(['6', '7'], ['6'])).toBeCloseTo(1 / (2 * 0.1), 12);
    expect(PI(['6'], ['6'])).toBeCloseTo(1 / 0.1, 12);
    expect(PI(['6', '7'], ['6', '7'])).toBeCloseTo(0.3 / (4 * 0.02), 12);
    expect(PI(['9.3'], ['6', '7'])).toBeLessThan(0.01);
  });
  it('SI equals the textbook values at θ = 0', () => {
    // identical heterozygotes: (1 + p + q + 2pq) / (8pq)
    expect(SI(['6', '7'], ['6', '7'])).toBeCloseTo((1 + 0.3 + 0.04) / (8 * 0.02), 12);
    // identical homozygotes: (1 + p)² / (4p²)
    expect(SI(['6'], ['6'])).toBeCloseTo((1.1 * 1.1) / (4 * 0.01), 12);
    // no shared allele: 1/4
    expect(SI(['9.3'], ['6', '7'])).toBeCloseTo(0.25, 12);
    // one shared, both heterozygous a/b vs a/c: (1 + 2p)/(8p)... = 1/4 + 1/(8p)
    expect(SI(['6', '9.3'], ['6', '7'])).toBeCloseTo(0.25 + 1 / (8 * 0.1), 12);
  });
  it('θ lowers the index of a rare shared allele and is symmetric', () => {
    expect(locusKinshipIndex(g('TH01', '6'), g('TH01', '6', '7'), 'parent-child', table, 0.01)!).toBeLessThan(PI(['6'], ['6', '7']));
    for (const rel of ['parent-child', 'full-sibling'] as const) {
      expect(locusKinshipIndex(g('TH01', '6', '9.3'), g('TH01', '6', '7'), rel, table, 0.03)).toBeCloseTo(
        locusKinshipIndex(g('TH01', '6', '7'), g('TH01', '6', '9.3'), rel, table, 0.03)!, 12);
    }
  });
});

describe.skipIf(missingSharedData('dna'))('shared tables', () => {
  it('loads all four files; norSTR uses its 0.001 floor; FBI keeps >27', () => {
    const tables = loadSharedTables(registry);
    expect(tables.names()).toEqual(expect.arrayContaining(['nist1036/All', 'nist1036/Cauc', 'fbi2015/Caucasian', 'norstr2023/Norway', 'uk-dna17/Chinese_-_EA5']));
    const nor = tables.resolve('norstr2023/Norway');
    expect(nor.loci.get('D1S1656')!.minimumFrequency).toBe(0.001);
    const nist = tables.resolve('nist1036/Cauc');
    expect(nist.loci.get('TH01')!.minimumFrequency).toBeCloseTo(5 / nist.loci.get('TH01')!.alleleCount!, 12);
    expect(nist.loci.get('TH01')!.alleleCount).toBe(722);
    const fbi = [...tables.names()].filter((n) => n.startsWith('fbi2015/')).map((n) => tables.resolve(n));
    expect(fbi.some((t) => [...t.loci.values()].some((l) => l.frequencies.has('>27')))).toBe(true);
    expect(tables.resolve('nist1036/All').loci.size).toBe(29);
    expect(new FrequencyTable('x', new Map()).hasLocus('TH01')).toBe(false);
  });
});
