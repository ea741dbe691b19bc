import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors.js';
import { parseAllele } from './allele.js';
import { buildProfile, fromStoredProfile, toStoredProfile, genotypeDesignations, parseProfileKind, parseRelationship, profileToLociRecord, type DnaProfileInput } from './dna-profile.js';
import { LocusRegistry } from './locus-registry.js';
import { parseProfileJson } from './profile-json.js';

const registry = LocusRegistry.create();
const loc = (n: string) => registry.resolve(n);

function thrown(f: () => unknown): EngineError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error('expected an EngineError');
}

const base: Record<string, string[]> = {
  D3S1358: ['15', '16'], vWA: ['17'], FGA: ['21', '22'], D8S1179: ['13', '14'], D21S11: ['29', '30.2'],
  D18S51: ['12', '15'], TH01: ['9.3'], D5S818: ['11', '12'],
};

describe('allele designations', () => {
  it.each([
    ['15', 'D3S1358', '15', 'repeat'], ['9.3', 'TH01', '9.3', 'repeat'], ['13.2', 'D21S11', '13.2', 'repeat'],
    ['11.4', 'Penta D', '11.4', 'repeat'], ['2.2', 'Penta D', '2.2', 'repeat'], ['<8', 'D5S818', '<8', 'below-ladder'],
    ['>27', 'D18S51', '>27', 'above-ladder'], ['OL', 'FGA', 'OL', 'off-ladder'], ['ol', 'FGA', 'OL', 'off-ladder'],
    ['x', 'AMEL', 'X', 'sex'], ['Y', 'AMEL', 'Y', 'sex'], ['*', 'vWA', '*', 'wildcard'], ['*', 'AMEL', '*', 'wildcard'],
    [' 015 ', 'vWA', '15', 'repeat'], ['22.1', 'D22S1045', '22.1', 'repeat'], ['256', 'APOAI1', '256', 'repeat'],
  ])('%s at %s', (raw, locus, designation, form) => {
    const a = parseAllele(raw, loc(locus));
    expect(a.designation).toBe(designation);
    expect(a.form).toBe(form);
  });

  it.each([
    ['15a', 'vWA'], ['X', 'vWA'], ['15', 'AMEL'], ['13.4', 'TH01'], ['9.0', 'TH01'], ['12.3', 'D22S1045'],
    ['', 'vWA'], ['1-2', 'FGA'], ['<', 'FGA'], ['256.2', 'APOAI1'], ['12.11', 'FGA'], ['NaN', 'FGA'],
  ])('%s at %s is INVALID_ARGUMENT naming locus and value', (raw, locus) => {
    const e = thrown(() => buildProfile({ loci: { ...base, [locus]: [raw] } }, registry));
    expect(e.code).toBe('INVALID_ARGUMENT');
    const canonical = loc(locus).name;
    expect(e.field).toBe(`loci.${canonical}`);
    expect(e.message).toContain(canonical);
    if (raw !== '') expect(e.message).toContain(JSON.stringify(raw));
  });

  it('quotes at most a short piece of a malformed designation', () => {
    const e = thrown(() => buildProfile({ loci: { ...base, FGA: ['x'.repeat(500)] } }, registry));
    expect(e.message.length).toBeLessThan(200);
  });
});

describe('profiles', () => {
  it('canonicalises names and a homozygote written once or twice', () => {
    const { vWA: _v, ...rest } = base;
    const a = buildProfile({ loci: { ...rest, VWA: ['17', '17'] } as DnaProfileInput['loci'] }, registry);
    const b = buildProfile({ loci: base }, registry);
    expect(profileToLociRecord(a)).toEqual(profileToLociRecord(b));
    expect(profileToLociRecord(b).vWA).toEqual(['17']);
    expect([...b.loci.keys()][0]).toBe('D3S1358');
  });

  it('orders alleles and keeps wildcards', () => {
    const p = buildProfile({ loci: { ...base, FGA: ['*', '22'], TH01: ['*'], vWA: ['*', '*'] } }, registry, { minTypedLoci: 6 });
    expect(genotypeDesignations(p.loci.get('FGA')!)).toEqual(['22', '*']);
    expect(p.loci.get('TH01')!.wildcards).toBe(2);
    expect(p.loci.get('vWA')!.wildcards).toBe(2);
    expect(genotypeDesignations(p.loci.get('TH01')!)).toEqual(['*']);
  });

  it('reference profiles hold 1-2 alleles (3 tri-allelic); mixtures more', () => {
    expect(buildProfile({ loci: { ...base, FGA: ['20', '21', '22'] }, kind: 'offender' }, registry).loci.get('FGA')!.alleles).toHaveLength(3);
    const e = thrown(() => buildProfile({ loci: { ...base, FGA: ['20', '21', '22', '23'] }, kind: 'offender' }, registry));
    expect(e.field).toBe('loci.FGA');
    expect(e.message).toMatch(/single-source/);
    const m = buildProfile({ loci: { ...base, FGA: ['20', '21', '22', '23'] } }, registry);
    expect(m.kind).toBe('forensic-mixture');
    expect(buildProfile({ loci: { ...base, FGA: ['19', '20', '21', '22', '23'] }, kind: 'forensic-mixture' }, registry).loci.get('FGA')!.alleles).toHaveLength(5);
  });

  it('refuses a profile below the minimum typed loci, Amelogenin and wildcard-only loci not counted', () => {
    const few = { D3S1358: ['15'], vWA: ['17'], FGA: ['21'], AMEL: ['X', 'Y'], TH01: ['*'], D8S1179: ['13'], D21S11: ['29'], D18S51: ['12'], D5S818: ['11'] };
    const e = thrown(() => buildProfile({ loci: few }, registry));
    expect(e.field).toBe('loci');
    expect(e.message).toMatch(/7 typed autosomal loci.*at least 8/);
    expect(buildProfile({ loci: few }, registry, { minTypedLoci: 6 }).loci.size).toBe(9);
  });

  it('kinds, relationship, case reference', () => {
    expect(parseProfileKind('PROFILE_KIND_UNIDENTIFIED_REMAINS')).toBe('unidentified-remains');
    expect(parseProfileKind('Offender')).toBe('offender');
    expect(parseRelationship('RELATIONSHIP_FULL_SIBLING')).toBe('full-sibling');
    expect(() => parseProfileKind('pet')).toThrow(EngineError);
    const e = thrown(() => buildProfile({ loci: base, kind: 'relative-of-missing' }, registry));
    expect(e.field).toBe('relationship');
    const p = buildProfile({ loci: base, kind: 'relative_of_missing', relationship: 'parent-child', caseReference: 'MP-2024-7' }, registry);
    expect(p).toMatchObject({ kind: 'relative-of-missing', relationship: 'parent-child', caseReference: 'MP-2024-7' });
  });

  it('round-trips through the stored form, even below the current minimum', () => {
    const p = buildProfile({ loci: { ...base, FGA: ['*', '22'] }, kind: 'relative-of-missing', relationship: 'full-sibling', caseReference: 'X' }, registry);
    const s = JSON.parse(JSON.stringify(toStoredProfile(p))) as ReturnType<typeof toStoredProfile>;
    expect(fromStoredProfile(s, registry)).toEqual(p);
    const small = buildProfile({ loci: { TH01: ['6'] } }, registry, { minTypedLoci: 1 });
    expect(fromStoredProfile(toStoredProfile(small), registry)).toEqual(small);
  });

  it('refuses a locus given twice through aliases, and unknown loci', () => {
    expect(thrown(() => buildProfile({ loci: { ...base, VWA: ['17'] } }, registry)).field).toBe('loci.vWA');
    expect(thrown(() => buildProfile({ loci: { ...base, D99S1: ['17'] } }, registry)).field).toBe('loci');
  });
});

describe('CLI profile JSON', () => {
  it('parses the documented form', () => {
    const doc = parseProfileJson(
      JSON.stringify({ id: 'GT37019', loci: { ...base, Penta_D: ['2.2', 11], vWA: ['17'] }, kind: 'suspect', owner: 'NY0030000', caseReference: 'C-1' }),
      registry,
    );
    expect(doc.id).toBe('GT37019');
    expect(doc.ownerAgency).toBe('NY0030000');
    expect(doc.profile.kind).toBe('suspect');
    expect(profileToLociRecord(doc.profile)['Penta D']).toEqual(['2.2', '11']);
  });

  it('refuses bad documents without echoing them', () => {
    expect(thrown(() => parseProfileJson('{"id": "A", "loci": [1,2]', registry)).message).toBe('profile: not valid JSON');
    expect(thrown(() => parseProfileJson('{"loci": {}}', registry)).field).toBe('id');
    expect(thrown(() => parseProfileJson(JSON.stringify({ id: 'A', loci: base, extra: 1 }), registry)).field).toBe('extra');
    expect(thrown(() => parseProfileJson(JSON.stringify({ id: 'A', loci: { ...base, FGA: [true] } }), registry)).field).toBe('loci.FGA');
  });
});
