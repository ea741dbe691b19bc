/**
 * The index equals its brute-force twin: random databases (single source, tri-allelic,
 * mixtures, wildcards, every kind, owners and visibility), random queries, every parameter
 * combination, with removals and re-adds between searches.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BruteForceDnaSearch } from './brute-force-search.js';
import { DnaIndex, type DnaIndexOptions } from './dna-index.js';
import { buildProfile, PROFILE_KINDS, type DnaProfile, type ProfileKind } from './dna-profile.js';
import type { DnaRecordMeta, DnaSearchOptions, KinshipSearchOptions } from './dna-search.js';
import { PopulationTables, parseFrequencyCsv } from './frequency-table.js';
import { LocusRegistry } from './locus-registry.js';
import { STRINGENCIES } from './locus-comparison.js';

// The coverage counts asserted after each property (hits, truncation, plans taken) depend on the
// cases drawn, so the seed is fixed; BM_FC_SEED explores others (re-check the thresholds when it does).
const FC_SEED = Number(process.env.BM_FC_SEED ?? 20261201);

const registry = LocusRegistry.create();
const LOCI = ['D3S1358', 'vWA', 'FGA', 'TH01', 'D8S1179', 'D21S11'];
const ALLELES = ['8', '9', '9.3', '10', '11', '<8', 'OL'];
const AGENCIES = ['A', 'B', 'C'];
/**
 * Viewers: mostly agencies that own or are listed (so searches have hits to compare), sometimes
 * one that is neither, or one access.ts rejects (empty, malformed: they see nothing).
 */
const viewer = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('A', 'B') }, { weight: 2, arbitrary: fc.constantFrom('Z', '', '*', ' A') });

function tableCsv(pop: string, seed: number): string {
  const rows = ['population,locus,allele,count,n_alleles,frequency'];
  for (const [li, l] of LOCI.entries()) {
    // Leave one allele out so the 5/2N minimum is exercised.
    ALLELES.slice(0, 5).forEach((a, ai) => rows.push(`${pop},${l},${a},${10 + ((seed + li + ai) % 7)},${200},${((10 + ((seed + li + ai) % 7)) / 200).toFixed(4)}`));
  }
  return rows.join('\n');
}
const tables = new PopulationTables([...parseFrequencyCsv(tableCsv('P1', 1), 'src', registry), ...parseFrequencyCsv(tableCsv('P2', 4), 'src', registry)]);

const locusGenotype = fc.oneof(
  { weight: 6, arbitrary: fc.subarray(ALLELES, { minLength: 1, maxLength: 2 }) },
  { weight: 1, arbitrary: fc.subarray(ALLELES, { minLength: 3, maxLength: 3 }) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...ALLELES), fc.constant('*')).map((t) => [...t]) },
  { weight: 1, arbitrary: fc.constant(['*']).map((x) => [...x]) },
  { weight: 2, arbitrary: fc.subarray([...ALLELES, '*'], { minLength: 3, maxLength: 6 }) },
);

const profileInput = fc.record({
  loci: fc.dictionary(fc.constantFrom(...LOCI, 'AMEL'), locusGenotype, { minKeys: 1, maxKeys: 7 }),
  mixture: fc.boolean(),
});

function toProfile(input: { loci: Record<string, string[]>; mixture: boolean }): DnaProfile {
  const loci: Record<string, string[]> = {};
  let needsMixture = input.mixture;
  for (const [l, list] of Object.entries(input.loci)) {
    loci[l] = l === 'AMEL' ? (list.length > 1 ? ['X', 'Y'] : ['X']) : list;
    if (list.length > 3) needsMixture = true;
  }
  return buildProfile({ loci, kind: needsMixture ? 'forensic-mixture' : 'offender' }, registry, { minTypedLoci: 0 });
}

const record = fc.record({
  profile: profileInput,
  kind: fc.constantFrom(...PROFILE_KINDS),
  owner: fc.constantFrom(...AGENCIES, ''),
  visibleTo: fc.subarray(AGENCIES),
  visibleToAll: fc.boolean(),
});

const searchOptions = fc.record({
  stringency: fc.constantFrom(...STRINGENCIES),
  minComparedLoci: fc.integer({ min: 0, max: 6 }),
  maxMismatches: fc.integer({ min: 0, max: 3 }),
  maxCandidates: fc.integer({ min: 0, max: 12 }),
  population: fc.constantFrom('', 'src/P1', 'P2'),
  theta: fc.constantFrom(0, 0.01, 0.03),
  targetKinds: fc.subarray([...PROFILE_KINDS]),
  viewerAgency: viewer,
});

/**
 * Every search plan, each held to the oracle: the default (postings where they pay), posting lists
 * forced for every locus with blocks of 4 records (so candidates cross block borders and a search
 * after an add rebuilds a stale block), allele bitsets forced for exact searches, postings on only two loci (fewer starting loci than a
 * near-match needs: the scan takes over), and no postings at all (the column scan). The forced
 * plans check candidates in batches of 3 (and 5), so a batch fills and is checked mid-plan.
 */
const PLANS: Record<string, DnaIndexOptions['postings']> = {
  default: {},
  postings: { minTypedShare: 0, maxShare: 1, blockBits: 2, bitsets: false, checkBatch: 3 },
  bitsets: { minTypedShare: 0, bitsetShare: 0, maxShare: 0, checkBatch: 5 },
  twoLoci: { minTypedShare: 0, maxShare: 1, maxLoci: 2, blockBits: 3 },
  scan: { maxLoci: 0 },
};
const planUse: Record<string, number> = {};

/**
 * Kinship scan plans (kinship-scan.ts), held to the oracle in the kinship property beside PLANS
 * (whose indexes take the default column scan: 4096 records per block, 4 loci per pass, filters
 * first when the search applies to under 90 % of the records): the per-record visit, and the
 * column scan with blocks of a few records (survivors cross block borders), 1, 2 or 3 loci per
 * pass (every pass shape and a short last pass), the filters forced first or last.
 */
const KINSHIP_PLANS: Record<string, DnaIndexOptions['kinship']> = {
  kinshipRecords: { columns: false },
  kinshipOne: { block: 8, group: 1, filterFirst: true },
  kinshipTwo: { block: 5, group: 2, filterFirst: false },
  kinshipThree: { block: 3, group: 3, filterFirst: true },
  kinshipFilterLast: { filterFirst: false },
};

function build(records: { profile: { loci: Record<string, string[]>; mixture: boolean }; kind: ProfileKind; owner: string; visibleTo: string[]; visibleToAll: boolean }[], kinshipPlans: typeof KINSHIP_PLANS = {}) {
  const indexes = Object.fromEntries(Object.entries(PLANS).map(([name, postings]) => [name, new DnaIndex({ registry, tables, initialCapacity: 4, postings })]));
  for (const [name, kinship] of Object.entries(kinshipPlans)) indexes[name] = new DnaIndex({ registry, tables, initialCapacity: 4, kinship });
  const brute = new BruteForceDnaSearch(registry, tables);
  records.forEach((r, i) => {
    const profile = toProfile(r.profile);
    const kind: ProfileKind = profile.kind === 'forensic-mixture' ? 'forensic-mixture' : r.kind === 'forensic-mixture' ? 'offender' : r.kind;
    const meta: DnaRecordMeta = {
      kind, ownerAgency: r.owner, visibleTo: r.visibleTo, visibleToAll: r.visibleToAll,
      ...(i % 2 === 0 ? { subjectId: `subject-${i}` } : {}), externalId: `lab-${i}`,
    };
    const p = { ...profile, kind };
    for (const index of Object.values(indexes)) index.add(`r${i}`, p, meta);
    brute.add(`r${i}`, p, meta);
  });
  return { indexes, brute };
}

function clean<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

const coverage = { runs: 0, hits: 0, wildcardLoci: 0, truncated: 0 };

describe('DnaIndex equals the brute-force oracle', () => {
  it('search: random profiles, mixtures, wildcards, every parameter', () => {
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 0, maxLength: 60 }),
        fc.array(fc.tuple(profileInput, searchOptions), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (records, queries, removals) => {
          const { indexes, brute } = build(records);
          const index = indexes.default;
          const all = Object.entries(indexes);
          let round = 0;
          coverage.runs++;
          for (const [q, options] of queries) {
            const query = toProfile(q);
            const o: DnaSearchOptions = options;
            const expected = clean(brute.search(query, o));
            for (const [name, ix] of all) {
              expect(clean(ix.search(query, o)), name).toEqual(expected);
              planUse[`${name} ${ix.lastPlan}`] = (planUse[`${name} ${ix.lastPlan}`] ?? 0) + 1;
            }
            const first = index.search(query, o);
            coverage.hits += first.totalHits;
            coverage.wildcardLoci += first.candidates.reduce((n, c) => n + c.wildcardLoci, 0);
            coverage.truncated += first.totalHits > first.candidates.length ? 1 : 0;
            // Delete some, re-add one under a new id, then search again.
            for (const r of removals.slice(round * 2, round * 2 + 2)) {
              const id = `r${records.length === 0 ? 0 : r % records.length}`;
              const removed = brute.remove(id);
              for (const [, ix] of all) expect(ix.remove(id)).toBe(removed);
            }
            if (records.length > 0) {
              const again = toProfile(records[round % records.length].profile);
              const meta: DnaRecordMeta = { kind: again.kind, ownerAgency: 'A' };
              for (const [, ix] of all) ix.add(`x${round}`, again, meta);
              brute.add(`x${round}`, again, meta);
            }
            const again = clean(brute.search(query, o));
            for (const [name, ix] of all) {
              expect(ix.size).toBe(brute.size);
              expect(clean(ix.search(query, o)), name).toEqual(again);
            }
            round++;
          }
        },
      ),
      { numRuns: 350, seed: FC_SEED },
    );
    // The random cases did exercise hits, wildcard matches and truncation.
    expect(coverage.hits).toBeGreaterThan(100);
    expect(coverage.wildcardLoci).toBeGreaterThan(10);
    expect(coverage.truncated).toBeGreaterThan(5);
    // Each forced plan was taken (the default mostly scans databases this small).
    for (const plan of ['default scan', 'postings postings', 'bitsets bitsets', 'twoLoci postings', 'twoLoci scan', 'scan scan']) expect(planUse[plan] ?? 0, plan).toBeGreaterThan(20);
    expect(planUse['scan postings'] ?? 0).toBe(0);
  });

  it('kinship search: both relationships, every parameter', () => {
    let kinshipHits = 0;
    const singleSource = fc.dictionary(fc.constantFrom(...LOCI), fc.subarray(ALLELES, { minLength: 1, maxLength: 2 }), { minKeys: 1, maxKeys: 6 });
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 50 }),
        singleSource,
        fc.record({
          relationship: fc.constantFrom('parent-child' as const, 'full-sibling' as const),
          minKinshipIndex: fc.constantFrom(0, 0.5, 1, 10, 1000),
          maxCandidates: fc.integer({ min: 0, max: 8 }),
          population: fc.constantFrom('', 'P1', 'src/P2'),
          theta: fc.constantFrom(0, 0.01, 0.05),
          // 0 is the default (8 loci, more than these profiles have): mostly ask for fewer.
          minComparedLoci: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 5, arbitrary: fc.integer({ min: 1, max: 5 }) }),
          targetKinds: fc.subarray([...PROFILE_KINDS]),
          viewerAgency: viewer,
        }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 20 }),
        (records, loci, options, relatives) => {
          // Relatives of the query: at each query locus one of its alleles and one drawn at random
          // (a child or parent), at some loci an inconsistency, so the searches have hits to compare.
          const related = relatives.map(([x, y], i) => {
            const relLoci: Record<string, string[]> = {};
            for (const [l, alleles] of Object.entries(loci)) {
              const other = ALLELES[(x + l.length) % ALLELES.length];
              relLoci[l] = (y + l.length) % 9 === 0 ? [ALLELES[(y + 3) % ALLELES.length]] : [alleles[(x + y + l.length) % alleles.length], other];
            }
            return { profile: { loci: relLoci, mixture: false }, kind: (i % 2 === 0 ? 'unidentified-remains' : 'missing-person') as ProfileKind, owner: i % 3 === 0 ? 'B' : 'A', visibleTo: [], visibleToAll: i % 4 === 0 };
          });
          const { indexes, brute } = build([...records, ...related], KINSHIP_PLANS);
          const query = buildProfile({ loci, kind: 'relative-of-missing', relationship: options.relationship }, registry, { minTypedLoci: 0 });
          const o = options as KinshipSearchOptions;
          const expected = clean(brute.kinshipSearch(query, o));
          for (const [name, ix] of Object.entries(indexes)) {
            expect(clean(ix.kinshipSearch(query, o)), name).toEqual(expected);
            planUse[`kinship ${name} ${ix.lastPlan}`] = (planUse[`kinship ${name} ${ix.lastPlan}`] ?? 0) + 1;
            kinshipHits += expected.totalHits;
          }
        },
      ),
      { numRuns: 300, seed: FC_SEED },
    );
    // The parent-child pre-filter (postings) was taken, every scan plan ran, and the searches had hits to compare.
    expect(planUse['kinship postings postings'] ?? 0).toBeGreaterThan(10);
    for (const name of ['default', 'scan', ...Object.keys(KINSHIP_PLANS)]) expect(planUse[`kinship ${name} scan`] ?? 0, name).toBeGreaterThan(100);
    expect(kinshipHits).toBeGreaterThan(50);
  });

  it('stays exact when a locus dictionary runs past 254 alleles (overflow path)', () => {
    const reg = LocusRegistry.create([{ name: 'BIGLOCUS' }]);
    const t = new PopulationTables(parseFrequencyCsv('population,locus,allele,frequency\nP,BIGLOCUS,1,0.5\nP,TH01,6,0.5', 'x', reg));
    const index = new DnaIndex({ registry: reg, tables: t });
    const brute = new BruteForceDnaSearch(reg, t);
    for (let i = 0; i < 400; i++) {
      const p = buildProfile({ loci: { BIGLOCUS: [String(i + 1), String(i + 2)], TH01: ['6'] } }, reg, { minTypedLoci: 0 });
      index.add(`r${i}`, p, { kind: 'offender', ownerAgency: 'A' });
      brute.add(`r${i}`, p, { kind: 'offender', ownerAgency: 'A' });
    }
    for (const s of STRINGENCIES) {
      for (const q of [['300', '301'], ['10'], ['399', '*']]) {
        const query = buildProfile({ loci: { BIGLOCUS: q, TH01: ['6'] } }, reg, { minTypedLoci: 0 });
        const o = { stringency: s, minComparedLoci: 2, viewerAgency: 'A' };
        const r = index.search(query, o);
        expect(clean(r)).toEqual(clean(brute.search(query, o)));
        if (q[0] === '300') expect(r.totalHits).toBeGreaterThan(0);
      }
    }
    for (const relationship of ['parent-child', 'full-sibling'] as const) {
      const query = buildProfile({ loci: { BIGLOCUS: ['300', '350'], TH01: ['6'] } }, reg, { minTypedLoci: 0 });
      const o = { relationship, minComparedLoci: 1, minKinshipIndex: 0.1, viewerAgency: 'A' };
      const r = index.kinshipSearch(query, o);
      expect(clean(r)).toEqual(clean(brute.kinshipSearch(query, o)));
      expect(r.totalHits).toBeGreaterThan(0);
    }
  });
});

describe('DnaIndex compared-loci filter (typed bits, bitset plan)', () => {
  it('records typed at different loci, minimum compared loci near the query size: equal to the oracle', () => {
    // Panels of different loci and few alleles, so exact searches have hits and many records lack
    // one to five of the query's loci: the filter's slack 0, 1, 2–4 (counters in locals) and ≥ 5
    // (counters in an array) paths all decide.
    const genotype = (a: number, b: number) => (a === b ? [ALLELES[a]] : [ALLELES[a], ALLELES[b]]);
    const profileOf = (loci: string[], codes: number[]) => toProfile({ loci: Object.fromEntries(loci.map((l, k) => [l, genotype(codes[2 * k], codes[2 * k + 1])])), mixture: false });
    const typedProfile = fc.tuple(fc.subarray(LOCI, { minLength: 1 }), fc.array(fc.nat({ max: 2 }), { minLength: 12, maxLength: 12 }));
    const use = { filtered: 0, hits: 0, slacks: new Set<number>() };
    fc.assert(
      fc.property(
        fc.array(typedProfile, { minLength: 20, maxLength: 150, size: 'large' }),
        fc.array(fc.tuple(fc.subarray(LOCI, { minLength: 2 }), fc.array(fc.nat({ max: 2 }), { minLength: 12, maxLength: 12 }), fc.constantFrom(...STRINGENCIES), fc.integer({ min: 0, max: 5 })), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (rows, queries, removals) => {
          const plans = { bitsets: PLANS.bitsets, default: PLANS.default };
          const indexes = Object.entries(plans).map(([name, postings]) => [name, new DnaIndex({ registry, tables, initialCapacity: 4, postings })] as const);
          const brute = new BruteForceDnaSearch(registry, tables);
          const add = (id: string, p: DnaProfile) => {
            for (const [, ix] of indexes) ix.add(id, p, { kind: 'offender', ownerAgency: 'A' });
            brute.add(id, p, { kind: 'offender', ownerAgency: 'A' });
          };
          rows.forEach(([loci, codes], i) => add(`r${i}`, profileOf(loci, codes)));
          queries.forEach(([loci, codes, stringency, slack], round) => {
            const query = profileOf(loci, codes);
            const o: DnaSearchOptions = { stringency, minComparedLoci: Math.max(1, loci.length - slack), maxCandidates: 5, viewerAgency: 'A' };
            const expected = clean(brute.search(query, o));
            use.hits += expected.totalHits;
            for (const [name, ix] of indexes) {
              expect(clean(ix.search(query, o)), name).toEqual(expected);
              if (ix.lastPlan === 'bitsets' && slack < loci.length) {
                use.filtered++;
                use.slacks.add(Math.min(slack, loci.length - 1));
              }
            }
            // Removals and a re-add (a reused ordinal, typed at other loci) keep the typed bits current.
            for (const r of removals.slice(round * 2, round * 2 + 2)) {
              const id = `r${rows.length === 0 ? 0 : r % rows.length}`;
              brute.remove(id);
              for (const [, ix] of indexes) ix.remove(id);
            }
            if (rows.length > 0) add(`x${round}`, profileOf(rows[(round * 7) % rows.length][0], codes));
            const again = clean(brute.search(query, o));
            for (const [name, ix] of indexes) expect(clean(ix.search(query, o)), name).toEqual(again);
          });
        },
      ),
      { numRuns: 200, seed: FC_SEED },
    );
    expect(use.filtered).toBeGreaterThan(100);
    expect([...use.slacks].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(use.hits).toBeGreaterThan(1000);
  });
});

describe('DnaIndex interrupt', () => {
  it('a search and a kinship search call interrupt between blocks and stop when it throws', () => {
    const index = new DnaIndex({ registry, tables });
    const p = toProfile({ loci: { D3S1358: ['8', '9'], vWA: ['10'], FGA: ['11', '9.3'] }, mixture: false });
    for (let i = 0; i < 70_000; i++) index.add(`r${i}`, p, { kind: 'offender', ownerAgency: 'A' });
    let calls = 0;
    const counting = () => { calls++; };
    const found = index.search(p, { stringency: 'low', minComparedLoci: 1, viewerAgency: 'A', maxCandidates: 1 }, counting);
    expect(found.totalHits).toBe(70_000);
    expect(calls).toBeGreaterThanOrEqual(2); // two blocks of 64K records scanned
    const stop = new Error('stop');
    let n = 0;
    const stopSecond = () => { if (++n === 2) throw stop; };
    expect(() => index.search(p, { stringency: 'low', minComparedLoci: 1, viewerAgency: 'A' }, stopSecond)).toThrow(stop);
    n = 0;
    expect(() => index.kinshipSearch(p, { relationship: 'parent-child', minComparedLoci: 1, minKinshipIndex: 0.001, viewerAgency: 'A' }, stopSecond)).toThrow(stop);
  });
});

describe('DnaIndex warm', () => {
  it('warms an empty index and a loaded one without changing any answer', () => {
    new DnaIndex({ registry, tables }).warm();
    const { indexes, brute } = build(Array.from({ length: 40 }, (_, i) => ({
      profile: { loci: { D3S1358: [ALLELES[i % 5], ALLELES[(i * 3) % 7]], vWA: [ALLELES[i % 4]], FGA: [ALLELES[(i + 2) % 7], '9'], TH01: ['8', ALLELES[i % 6]] }, mixture: false },
      kind: 'offender' as ProfileKind, owner: i % 2 === 0 ? 'A' : '', visibleTo: i % 3 === 0 ? ['B'] : [], visibleToAll: i % 5 === 0,
    })));
    const query = toProfile({ loci: { D3S1358: ['8', '10'], vWA: ['8'], FGA: ['9.3', '9'], TH01: ['8', '9'] }, mixture: false });
    for (const [name, ix] of Object.entries(indexes)) {
      ix.warm();
      for (const stringency of STRINGENCIES) {
        const o = { stringency, minComparedLoci: 2, viewerAgency: 'A' };
        expect(clean(ix.search(query, o)), name).toEqual(clean(brute.search(query, o)));
      }
    }
  });
});

describe('DnaIndex posting loci follow the database', () => {
  it('a locus chosen while the index was small gives its postings back when other panels take over, and answers stay exact', () => {
    const rows = (n: number, loci: string[], offset: number) => Array.from({ length: n }, (_, i) => ({
      profile: { loci: Object.fromEntries(loci.map((l, k) => [l, [ALLELES[(i + k + offset) % 5], ALLELES[(i * 2 + k) % 7]]])), mixture: false },
      kind: 'offender' as ProfileKind, owner: 'A', visibleTo: [], visibleToAll: false,
    }));
    const first = rows(10, ['D3S1358', 'vWA', 'FGA', 'TH01'], 0);
    const later = rows(100, ['D3S1358', 'vWA', 'D8S1179', 'D21S11'], 3);
    const { indexes, brute } = build(first);
    const queries = [
      toProfile({ loci: { D3S1358: ['8', '9'], vWA: ['9.3', '10'], FGA: ['10', '11'], TH01: ['8', '9'] }, mixture: false }),
      toProfile({ loci: { D3S1358: ['10', '8'], vWA: ['9'], D8S1179: ['9', '9.3'], D21S11: ['11', '<8'] }, mixture: false }),
    ];
    const check = () => {
      for (const q of queries) for (const stringency of STRINGENCIES) {
        const o = { stringency, minComparedLoci: 2, viewerAgency: 'A' };
        const expected = clean(brute.search(q, o));
        for (const [name, ix] of Object.entries(indexes)) expect(clean(ix.search(q, o)), name).toEqual(expected);
      }
    };
    check();
    expect(indexes.default.stats().postingLoci).toBe(4); // every locus is typed in all 10 records
    later.forEach((r, i) => {
      const p = toProfile(r.profile);
      for (const ix of Object.values(indexes)) ix.add(`later${i}`, p, { kind: 'offender', ownerAgency: 'A' });
      brute.add(`later${i}`, p, { kind: 'offender', ownerAgency: 'A' });
    });
    check();
    // FGA and TH01 are typed in 10 of 110 records now: they gave their place to D8S1179, D21S11.
    expect(indexes.default.stats()).toMatchObject({ entries: 110, postingLoci: 4 });
  });
});

describe('DnaIndex genotype hash (exact HIGH by identity lookup)', () => {
  // The hashed loci: typed in nearly every record below, with few alleles so that genotypes repeat
  // and HIGH searches have hits; the other loci vary freely. A record is "irregular" for the hash
  // (untyped at a hashed locus, a wildcard or three alleles there): it must still be found.
  const HASHED = ['D3S1358', 'vWA', 'FGA'];
  const OTHER = ['TH01', 'D8S1179', 'D21S11'];
  const concrete = fc.subarray(ALLELES.slice(0, 3), { minLength: 1, maxLength: 2 });
  const hashedGenotype = fc.oneof(
    { weight: 30, arbitrary: concrete },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...ALLELES.slice(0, 3)), fc.constant('*')).map((t) => [...t]) },
    { weight: 1, arbitrary: fc.constant(['*']).map((x) => [...x]) },
    { weight: 1, arbitrary: fc.subarray(ALLELES.slice(0, 4), { minLength: 3, maxLength: 3 }) },
  );
  const hashedRecord = fc.record({
    hashed: fc.tuple(hashedGenotype, hashedGenotype, hashedGenotype),
    missing: fc.oneof({ weight: 20, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 2 }) }),
    other: fc.dictionary(fc.constantFrom(...OTHER), locusGenotype, { maxKeys: 3 }),
    kind: fc.constantFrom(...PROFILE_KINDS),
    owner: fc.constantFrom('A', 'B', ''),
    visibleToAll: fc.boolean(),
  });
  type HashedRecord = { hashed: string[][]; missing: number; other: Record<string, string[]>; kind: ProfileKind; owner: string; visibleToAll: boolean };
  const lociOf = (r: HashedRecord): Record<string, string[]> => {
    const loci: Record<string, string[]> = { ...r.other };
    HASHED.forEach((l, k) => { if (k !== r.missing) loci[l] = r.hashed[k]; });
    return loci;
  };
  // Queries: mostly a stored record's loci, with a change: none, one locus dropped, one locus's
  // alleles replaced (possibly by ones no record holds: no hashed record can match then).
  const change = fc.record({ kind: fc.oneof({ weight: 3, arbitrary: fc.constant('same') }, { weight: 1, arbitrary: fc.constantFrom('drop', 'replace') }), locus: fc.constantFrom(...HASHED, ...OTHER), alleles: fc.subarray(ALLELES, { minLength: 1, maxLength: 2 }) });
  const hashOptions = fc.record({
    stringency: fc.oneof({ weight: 8, arbitrary: fc.constant('high' as const) }, { weight: 1, arbitrary: fc.constantFrom(...STRINGENCIES) }),
    minComparedLoci: fc.integer({ min: 0, max: 4 }),
    maxMismatches: fc.oneof({ weight: 8, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) }),
    maxCandidates: fc.integer({ min: 0, max: 12 }),
    targetKinds: fc.oneof({ weight: 4, arbitrary: fc.constant([] as ProfileKind[]) }, { weight: 1, arbitrary: fc.subarray([...PROFILE_KINDS]) }),
    compareLoci: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant([...HASHED, 'TH01']) }, { weight: 1, arbitrary: fc.constant(['D3S1358', 'vWA', ...OTHER]) }),
    viewerAgency: viewer,
  });
  // Forced: the hash on the three hashed loci (or two), taken whatever the share of irregular
  // records; one bucket for every record (every lookup reads colliding records); one record per
  // bucket (the hash is rebuilt with more buckets as the database grows). And the default.
  const HASH_PLANS: Record<string, DnaIndexOptions['hash']> = {
    hash: { minTypedShare: 0, maxLoci: 3, maxIrregularShare: 1 },
    hashTwoLoci: { minTypedShare: 0, maxLoci: 2, maxIrregularShare: 1 },
    hashOneBucket: { minTypedShare: 0, maxLoci: 3, maxIrregularShare: 1, recordsPerBucket: 1e9 },
    hashGrows: { minTypedShare: 0, maxLoci: 3, maxIrregularShare: 1, recordsPerBucket: 1 },
    default: {},
  };

  it('every forced hash plan equals the oracle, with removals, replacements and growth between searches', () => {
    const use: Record<string, number> = {};
    let hits = 0;
    let unknownAllele = 0;
    fc.assert(
      fc.property(
        fc.array(hashedRecord, { minLength: 1, maxLength: 80 }),
        fc.array(fc.tuple(fc.nat(), change, hashOptions), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        (records, queries, removals) => {
          const indexes = Object.entries(HASH_PLANS).map(([name, hash]) => [name, new DnaIndex({ registry, tables, initialCapacity: 4, hash })] as const);
          const brute = new BruteForceDnaSearch(registry, tables);
          const add = (id: string, r: HashedRecord) => {
            const profile = toProfile({ loci: lociOf(r), mixture: false });
            const kind: ProfileKind = profile.kind === 'forensic-mixture' ? 'forensic-mixture' : r.kind === 'forensic-mixture' ? 'offender' : r.kind;
            const meta: DnaRecordMeta = { kind, ownerAgency: r.owner, visibleToAll: r.visibleToAll };
            for (const [, ix] of indexes) ix.add(id, { ...profile, kind }, meta);
            brute.add(id, { ...profile, kind }, meta);
          };
          // Half the records, a search, then the rest (the hash grows), then the queries.
          const half = Math.ceil(records.length / 2);
          records.slice(0, half).forEach((r, i) => add(`r${i}`, r));
          const search = (query: DnaProfile, o: DnaSearchOptions) => {
            const expected = clean(brute.search(query, o));
            for (const [name, ix] of indexes) {
              expect(clean(ix.search(query, o)), name).toEqual(expected);
              use[`${name} ${ix.lastPlan}`] = (use[`${name} ${ix.lastPlan}`] ?? 0) + 1;
              if (name === 'hash' && ix.lastPlan === 'hash') hits += expected.totalHits;
            }
          };
          const first = toProfile({ loci: lociOf(records[0]), mixture: false });
          search(first, { stringency: 'high', minComparedLoci: 1, viewerAgency: 'A' });
          records.slice(half).forEach((r, i) => add(`r${half + i}`, r));
          queries.forEach(([pick, ch, options], round) => {
            const loci = lociOf(records[pick % records.length]);
            if (ch.kind === 'drop') delete loci[ch.locus];
            if (ch.kind === 'replace') loci[ch.locus] = ch.alleles;
            if (ch.kind === 'replace' && ch.alleles.some((a) => !ALLELES.slice(0, 4).includes(a)) && HASHED.includes(ch.locus)) unknownAllele++;
            if (Object.keys(loci).length === 0) return;
            const query = toProfile({ loci, mixture: false });
            const o: DnaSearchOptions = { ...options, ...(options.compareLoci === undefined ? { compareLoci: undefined } : {}) };
            search(query, o);
            // Remove some, replace one record under its id (other genotypes), add one: search again.
            for (const r of removals.slice(round * 2, round * 2 + 2)) {
              const id = `r${r % records.length}`;
              brute.remove(id);
              for (const [, ix] of indexes) ix.remove(id);
            }
            add(`r${(pick + round) % records.length}`, records[(pick + round + 1) % records.length]);
            add(`x${round}`, records[(pick * 3 + round) % records.length]);
            search(query, o);
          });
        },
      ),
      { numRuns: 250, seed: FC_SEED },
    );
    // Each forced plan took the hash often, the searches it answered had hits, and queries with an
    // allele no record holds at a hashed locus (bucket -1: only irregular records) were among them.
    for (const name of ['hash', 'hashTwoLoci', 'hashOneBucket', 'hashGrows']) expect(use[`${name} hash`] ?? 0, name).toBeGreaterThan(400);
    expect(use['default hash'] ?? 0).toBeGreaterThan(100);
    expect(hits).toBeGreaterThan(200);
    expect(unknownAllele).toBeGreaterThan(10);
  });

  it('is built by warm, counted in the memory breakdown, and answers a snapshot-restored index the same', () => {
    const index = new DnaIndex({ registry, tables, hash: HASH_PLANS.hash });
    const brute = new BruteForceDnaSearch(registry, tables);
    for (let i = 0; i < 300; i++) {
      const r: HashedRecord = { hashed: [[ALLELES[i % 3]], [ALLELES[(i >> 1) % 3], ALLELES[(i >> 2) % 3]], i % 17 === 0 ? ['*'] : [ALLELES[(i >> 3) % 3]]], missing: i % 23 === 0 ? 1 : -1, other: { TH01: [ALLELES[i % 7]] }, kind: 'offender', owner: 'A', visibleToAll: false };
      const p = toProfile({ loci: lociOf(r), mixture: false });
      index.add(`r${i}`, p, { kind: 'offender', ownerAgency: 'A' });
      brute.add(`r${i}`, p, { kind: 'offender', ownerAgency: 'A' });
    }
    expect(index.memoryBreakdown()['genotype hash']).toBe(0);
    index.warm();
    expect(index.memoryBreakdown()['genotype hash']).toBeGreaterThan(300 * 4);
    const restored = new DnaIndex({ registry, tables, hash: HASH_PLANS.hash });
    restored.restoreState(index.exportState());
    restored.warm();
    for (let i = 0; i < 300; i += 7) {
      const query = index.getLoci(`r${i}`) as Map<string, import('./dna-profile.js').LocusGenotype>;
      const o: DnaSearchOptions = { stringency: 'high', minComparedLoci: 1, viewerAgency: 'A' };
      const expected = clean(brute.search({ loci: query, kind: 'offender' }, o));
      expect(expected.totalHits).toBeGreaterThan(0);
      for (const ix of [index, restored]) {
        expect(clean(ix.search({ loci: query, kind: 'offender' }, o))).toEqual(expected);
        if (i % 17 !== 0 && i % 23 !== 0) expect(ix.lastPlan).toBe('hash');
      }
    }
  });
});
