import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingSharedData, sharedDataPath } from '../../fixtures/shared-data.js';
import { EngineError } from '../errors.js';
import { CODIS_CORE_LOCI, ESS_LOCI, LocusRegistry, NIST_EXTENDED_LOCI } from './locus-registry.js';

const registry = LocusRegistry.create();

describe('locus registry', () => {
  it('holds CODIS 20 + Amelogenin, ESS 12 and the NIST extended loci', () => {
    expect(CODIS_CORE_LOCI).toHaveLength(20);
    expect(ESS_LOCI).toHaveLength(12);
    expect(registry.inSet('codis-core')).toEqual([...CODIS_CORE_LOCI, 'AMEL']);
    expect(registry.inSet('ess').sort()).toEqual([...ESS_LOCI].sort());
    for (const l of ['SE33', 'Penta C', 'Penta D', 'Penta E', 'D6S1043', 'F13A01', 'F13B', 'FESFPS', 'LPL']) {
      expect(NIST_EXTENDED_LOCI).toContain(l);
      expect(registry.find(l)?.name).toBe(l);
    }
  });

  it.each([
    ['vWA', 'vWA'], ['VWA', 'vWA'], ['CSF1PO', 'CSF1PO'], ['CSF1P0', 'CSF1PO'], ['Penta D', 'Penta D'],
    ['Penta_D', 'Penta D'], ['PENTA_D', 'Penta D'], ['pentad', 'Penta D'], ['F13A01', 'F13A01'], ['F13A1', 'F13A01'],
    ['FESFPS', 'FESFPS'], ['FES', 'FESFPS'], ['FES/FPS', 'FESFPS'], ['TH01', 'TH01'], ['THO1', 'TH01'],
    ['Amelogenin', 'AMEL'], ['AMEL', 'AMEL'], ['d3s1358', 'D3S1358'], ['ACTBP2', 'SE33'],
  ])('%s -> %s', (alias, canonical) => {
    expect(registry.resolve(alias).name).toBe(canonical);
  });

  it('refuses an unknown locus with INVALID_ARGUMENT naming the field', () => {
    const e = (() => { try { registry.resolve('D99S999', 'profile.loci'); } catch (x) { return x; } })();
    expect(e).toBeInstanceOf(EngineError);
    expect((e as EngineError).code).toBe('INVALID_ARGUMENT');
    expect((e as EngineError).field).toBe('profile.loci');
    expect((e as EngineError).message).toContain('D99S999');
  });

  it('takes custom loci and aliases from configuration', () => {
    const r = LocusRegistry.create([{ name: 'D99S999', repeatUnit: 4, aliases: ['MY99'] }, { name: 'vWA', aliases: ['VWA-LAB'] }]);
    expect(r.resolve('my99').name).toBe('D99S999');
    expect(r.resolve('vwa lab').name).toBe('vWA');
    expect(r.get(r.resolve('D99S999').index).name).toBe('D99S999');
    expect(() => LocusRegistry.create([{ name: 'D98', aliases: ['TH01'] }])).toThrow(EngineError);
  });
});

describe.skipIf(missingSharedData('dna'))('every locus name in the shared data resolves', () => {
  const files = ['nist1036_us_29loci_freqs.csv', 'fbi2015_expanded_codis_freqs.csv', 'uk_dna17_ndnad_popdata_freqs.csv', 'norstr_v2023_50loci_freqs.csv'];
  it.each(files)('%s', (file) => {
    const lines = readFileSync(sharedDataPath('dna', file), 'utf8').split(/\r?\n/).slice(1).filter((l) => l !== '');
    const names = new Set(lines.map((l) => l.split(',')[1]));
    expect(names.size).toBeGreaterThan(10);
    for (const n of names) expect(registry.find(n), n).toBeDefined();
  });

  it('nist1036_us_genotypes.csv columns', () => {
    const header = readFileSync(sharedDataPath('dna', 'nist1036_us_genotypes.csv'), 'utf8').split('\n')[0].trim().split(',');
    const loci = new Set(header.slice(2).map((h) => h.replace(/_[12]$/, '')));
    expect(loci.size).toBe(29);
    for (const n of loci) expect(registry.find(n), n).toBeDefined();
    // The NIST panel covers CODIS 20 and all nine extended loci.
    const canonical = new Set([...loci].map((n) => registry.resolve(n).name));
    for (const l of [...CODIS_CORE_LOCI, ...NIST_EXTENDED_LOCI]) expect(canonical.has(l), l).toBe(true);
  });
});
