/**
 * Exchange options of a search, held to the brute-force oracle and to their definitions:
 * - compare_loci (a named set — ESS, CODIS13, CODIS20 — or a custom list): the index equals the
 *   oracle for random databases, queries and lists; a restricted search equals an unrestricted
 *   one on profiles cut down to the listed loci (the definition), except that the detail still
 *   lists the other loci as NOT_COMPARED;
 * - θ = 0 asked for explicitly is θ = 0 (textbook p², 2pq), not the default 0.01.
 * The loci here are chosen so that each named set keeps some and drops others.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors.js';
import { BruteForceDnaSearch } from './brute-force-search.js';
import { DnaIndex } from './dna-index.js';
import { buildProfile, PROFILE_KINDS, type DnaProfile, type ProfileKind } from './dna-profile.js';
import type { DnaRecordMeta, DnaSearchOptions, KinshipSearchOptions } from './dna-search.js';
import { PopulationTables, parseFrequencyCsv } from './frequency-table.js';
import { CODIS_13_LOCI, CODIS_CORE_LOCI, ESS_LOCI, LocusRegistry } from './locus-registry.js';
import { STRINGENCIES } from './locus-comparison.js';

// The coverage counts asserted after each property (hits, truncation, plans taken) depend on the
// cases drawn, so the seed is fixed; BM_FC_SEED explores others (re-check the thresholds when it does).
const FC_SEED = Number(process.env.BM_FC_SEED ?? 20261201);

const registry = LocusRegistry.create();
// D3S1358, vWA: in all three sets; D1S1656: ESS and CODIS20; TPOX: CODIS13 and CODIS20;
// D2S1338: CODIS20 only; SE33: none.
const LOCI = ['D3S1358', 'vWA', 'D1S1656', 'TPOX', 'D2S1338', 'SE33'];
const ALLELES = ['8', '9', '9.3', '10', '11', '<8'];
const SET_ENTRIES = ['ESS', 'CODIS13', 'codis-20', 'Codis 13', 'ess', ...LOCI, 'AMEL', 'THO1', 'vwa'];

function tableCsv(pop: string, seed: number): string {
  const rows = ['population,locus,allele,count,n_alleles,frequency'];
  for (const [li, l] of LOCI.entries()) {
    ALLELES.slice(0, 5).forEach((a, ai) => rows.push(`${pop},${l},${a},${10 + ((seed + li + ai) % 7)},200,${((10 + ((seed + li + ai) % 7)) / 200).toFixed(4)}`));
  }
  return rows.join('\n');
}
const tables = new PopulationTables([...parseFrequencyCsv(tableCsv('P1', 1), 'src', registry), ...parseFrequencyCsv(tableCsv('P2', 4), 'src', registry)]);

const locusGenotype = fc.oneof(
  { weight: 8, arbitrary: fc.subarray(ALLELES, { minLength: 1, maxLength: 2 }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...ALLELES), fc.constant('*')).map((t) => [...t]) },
  { weight: 1, arbitrary: fc.subarray([...ALLELES, '*'], { minLength: 3, maxLength: 5 }) },
);
const profileInput = fc.dictionary(fc.constantFrom(...LOCI, 'AMEL'), locusGenotype, { minKeys: 1, maxKeys: 7 });

function toProfile(input: Record<string, string[]>): DnaProfile {
  const loci: Record<string, string[]> = {};
  let mixture = false;
  for (const [l, list] of Object.entries(input)) {
    loci[l] = l === 'AMEL' ? ['X', 'Y'] : list;
    if (list.length > 2) mixture = true;
  }
  return buildProfile({ loci, kind: mixture ? 'forensic-mixture' : 'offender' }, registry, { minTypedLoci: 0 });
}

const record = fc.record({ profile: profileInput, kind: fc.constantFrom(...PROFILE_KINDS), owner: fc.constantFrom('A', 'B'), visibleToAll: fc.boolean() });
type Rec = { profile: Record<string, string[]>; kind: ProfileKind; owner: string; visibleToAll: boolean };

function build(records: Rec[]) {
  const index = new DnaIndex({ registry, tables, initialCapacity: 4 });
  const brute = new BruteForceDnaSearch(registry, tables);
  const profiles: DnaProfile[] = [];
  records.forEach((r, i) => {
    const p0 = toProfile(r.profile);
    const kind: ProfileKind = p0.kind === 'forensic-mixture' ? 'forensic-mixture' : r.kind === 'forensic-mixture' ? 'offender' : r.kind;
    const meta: DnaRecordMeta = { kind, ownerAgency: r.owner, visibleToAll: r.visibleToAll, externalId: `lab-${i}` };
    const p = { ...p0, kind };
    profiles.push(p);
    index.add(`r${i}`, p, meta);
    brute.add(`r${i}`, p, meta);
  });
  return { index, brute, profiles };
}

const clean = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** A profile cut down to the loci of `set` (and Amelogenin, which is never compared anyway). */
function restrict(p: DnaProfile, set: ReadonlySet<string>): DnaProfile {
  return { ...p, loci: new Map([...p.loci].filter(([l]) => set.has(l) || l === 'AMEL')) };
}

const compareLoci = fc.subarray(SET_ENTRIES, { minLength: 1, maxLength: 3 });
const stats = { runs: 0, hits: 0, restrictedAway: 0 };

describe('compare_loci: the index equals the oracle, and the oracle equals its definition', () => {
  it('search, every stringency, random lists of sets and loci', () => {
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 50 }),
        fc.array(fc.tuple(profileInput, fc.record({
          stringency: fc.constantFrom(...STRINGENCIES),
          minComparedLoci: fc.integer({ min: 0, max: 4 }),
          maxMismatches: fc.integer({ min: 0, max: 2 }),
          maxCandidates: fc.integer({ min: 0, max: 10 }),
          population: fc.constantFrom('', 'P2'),
          theta: fc.constantFrom(undefined, 0, 0.01, 0.2),
          compareLoci,
          viewerAgency: fc.constantFrom('A', 'B'),
        })), { minLength: 1, maxLength: 4 }),
        (records, queries) => {
          const { index, brute, profiles } = build(records);
          stats.runs++;
          for (const [q, options] of queries) {
            const query = toProfile(q);
            const o = options as DnaSearchOptions;
            const fast = index.search(query, o);
            const slow = brute.search(query, o);
            expect(clean(fast)).toEqual(clean(slow));
            stats.hits += fast.totalHits;
            // The definition: the same search on profiles restricted to the set.
            const set = registry.compareSet(options.compareLoci);
            const def = new BruteForceDnaSearch(registry, tables);
            profiles.forEach((p, i) => def.add(`r${i}`, restrict(p, set), { kind: p.kind, ownerAgency: records[i].owner, visibleToAll: records[i].visibleToAll, externalId: `lab-${i}` }));
            const { compareLoci: _unused, ...unrestricted } = o;
            const expected = def.search(restrict(query, set), unrestricted);
            expect(slow.candidates.map((c) => [c.recordId, c.matchingLoci, c.mismatchingLoci, c.comparedLoci, c.wildcardLoci, c.rankingStatistic]))
              .toEqual(expected.candidates.map((c) => [c.recordId, c.matchingLoci, c.mismatchingLoci, c.comparedLoci, c.wildcardLoci, c.rankingStatistic]));
            expect(slow.totalHits).toBe(expected.totalHits);
            // Loci outside the set are listed, never compared.
            for (const c of slow.candidates) {
              for (const l of c.loci) {
                if (!set.has(l.locus)) expect(l.comparison).toBe('not-compared');
                if (!set.has(l.locus) && q[l.locus] !== undefined && l.candidateAlleles.length > 0) stats.restrictedAway++;
              }
            }
          }
        },
      ),
      { numRuns: 250, seed: FC_SEED },
    );
    expect(stats.hits).toBeGreaterThan(100);
    expect(stats.restrictedAway).toBeGreaterThan(20);
  });

  it('kinship search, both relationships', () => {
    const singleSource = fc.dictionary(fc.constantFrom(...LOCI), fc.subarray(ALLELES, { minLength: 1, maxLength: 2 }), { minKeys: 1, maxKeys: 6 });
    let hits = 0;
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 40 }),
        singleSource,
        fc.record({
          relationship: fc.constantFrom('parent-child' as const, 'full-sibling' as const),
          minKinshipIndex: fc.constantFrom(0.001, 0.1, 1, 10),
          maxCandidates: fc.integer({ min: 0, max: 8 }),
          theta: fc.constantFrom(undefined, 0, 0.01, 0.05),
          minComparedLoci: fc.integer({ min: 1, max: 3 }),
          compareLoci,
          viewerAgency: fc.constantFrom('A', 'B'),
        }),
        (records, loci, options) => {
          const { index, brute } = build(records);
          const query = buildProfile({ loci, kind: 'relative-of-missing', relationship: options.relationship }, registry, { minTypedLoci: 0 });
          const o = options as KinshipSearchOptions;
          const fast = index.kinshipSearch(query, o);
          expect(clean(fast)).toEqual(clean(brute.kinshipSearch(query, o)));
          const set = registry.compareSet(options.compareLoci);
          for (const c of fast.candidates) for (const l of c.loci) if (!set.has(l.locus)) expect(l.comparison).toBe('not-compared');
          hits += fast.totalHits;
        },
      ),
      { numRuns: 150, seed: FC_SEED },
    );
    expect(hits).toBeGreaterThan(15);
  });
});

describe('compare_loci names and errors', () => {
  it('named sets are the published lists (STRBase core loci; Council Resolution 2009/C 296/01)', () => {
    expect(CODIS_13_LOCI).toHaveLength(13);
    expect(CODIS_CORE_LOCI.slice(0, 13)).toEqual(CODIS_13_LOCI);
    expect([...registry.compareSet(['ESS'])].sort()).toEqual([...ESS_LOCI].sort());
    expect([...registry.compareSet(['codis 13'])].sort()).toEqual([...CODIS_13_LOCI].sort());
    expect(registry.compareSet(['CODIS-20']).size).toBe(20);
    // A union of a set and extra loci, aliases resolved to canonical names.
    expect([...registry.compareSet(['ESS', 'ACTBP2', 'THO1'])].sort()).toEqual([...ESS_LOCI, 'SE33'].sort());
  });

  it('an unknown entry is INVALID_ARGUMENT naming compare_loci[i], without echoing much of it', () => {
    const err = (entries: unknown[]) => { try { registry.compareSet(entries); } catch (e) { return e as EngineError; } throw new Error('expected a refusal'); };
    const e = err(['ESS', 'D99S999']);
    expect(e).toBeInstanceOf(EngineError);
    expect(e.field).toBe('compare_loci[1]');
    expect(e.message).toMatch(/unknown locus or locus set "D99S999"/);
    expect(err(['']).field).toBe('compare_loci[0]');
    expect(err([7]).field).toBe('compare_loci[0]');
    expect(err(Array.from({ length: 300 }, () => 'vWA')).field).toBe('compare_loci');
    expect(err(['x'.repeat(500)]).message.length).toBeLessThan(200);
    // Through a search, both paths refuse alike.
    const index = new DnaIndex({ registry, tables });
    const q = toProfile({ vWA: ['8', '9'] });
    expect(() => index.search(q, { viewerAgency: 'A', compareLoci: ['Prum'] })).toThrow(/compare_loci\[0\]/);
    expect(() => new BruteForceDnaSearch(registry, tables).kinshipSearch(q, { relationship: 'parent-child', viewerAgency: 'A', compareLoci: ['nope'] })).toThrow(/compare_loci\[0\]/);
  });
});

describe('theta', () => {
  it('θ = 0 asked for is θ = 0 (p², 2pq); absent is the default 0.01; out of range is refused', () => {
    const index = new DnaIndex({ registry, tables });
    const p = toProfile({ D3S1358: ['8', '9'], vWA: ['10', '10'] });
    index.add('r1', p, { kind: 'offender', ownerAgency: 'A' });
    const t = tables.resolve('src/P1');
    const f = (l: string, a: string) => t.frequency(l, a) as number;
    const textbook = 2 * f('D3S1358', '8') * f('D3S1358', '9') * f('vWA', '10') ** 2;
    const zero = index.search(p, { viewerAgency: 'A', minComparedLoci: 2, population: 'src/P1', theta: 0 });
    expect(zero.theta).toBe(0);
    expect(zero.candidates[0].randomMatchProbability).toBeCloseTo(textbook, 15);
    const dflt = index.search(p, { viewerAgency: 'A', minComparedLoci: 2, population: 'src/P1' });
    expect(dflt.theta).toBe(0.01);
    expect(dflt.candidates[0].randomMatchProbability).toBeGreaterThan(textbook);
    for (const bad of [-0.01, 0.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => index.search(p, { viewerAgency: 'A', theta: bad })).toThrow(/theta/);
    }
  });
});
