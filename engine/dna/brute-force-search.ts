/**
 * The exact twin of `DnaIndex`: applies the rules to every record, one by one, straight from
 * the definitions in locus-comparison.ts and dna-search.ts. Slow and obviously right; the
 * property tests compare the index against it. Also usable for small stores. Visibility is
 * access.ts `maySee` itself, record by record (`isVisible`), so the index's fast encoding of the
 * rule is checked against the rule.
 */
import type { DnaProfile } from './dna-profile.js';
import type { PopulationTables } from './frequency-table.js';
import type { LocusRegistry } from './locus-registry.js';
import {
  candidateRecord,
  checkKinshipQuery,
  compareKinshipRank,
  compareRank,
  describeCandidate,
  describeKinshipCandidate,
  isVisible,
  KINSHIP_EXCLUDED_KINDS,
  resolveKinshipOptions,
  resolveSearchOptions,
  type DescribedCandidate,
  type DescribedKinshipCandidate,
  type DnaRecordMeta,
  type DnaSearcher,
  type DnaSearchOptions,
  type DnaSearchResult,
  type KinshipSearchOptions,
  type KinshipSearchResult,
} from './dna-search.js';

export class BruteForceDnaSearch implements DnaSearcher {
  private readonly records = new Map<string, { profile: DnaProfile; meta: DnaRecordMeta }>();

  constructor(
    private readonly registry: LocusRegistry,
    private readonly tables: PopulationTables,
  ) {}

  add(id: string, profile: DnaProfile, meta: DnaRecordMeta): void {
    this.records.set(id, { profile, meta });
  }

  remove(id: string): boolean {
    return this.records.delete(id);
  }

  get size(): number {
    return this.records.size;
  }

  search(query: DnaProfile, options: DnaSearchOptions): DnaSearchResult {
    const o = resolveSearchOptions(options, this.tables, this.registry);
    const hits: (DescribedCandidate & { meta: DnaRecordMeta })[] = [];
    let compared = 0;
    for (const [id, { profile, meta }] of this.records) {
      if (o.targetKinds !== undefined && !o.targetKinds.has(meta.kind)) continue;
      if (!isVisible(meta, o.viewerAgency)) continue;
      compared++;
      const c = describeCandidate(id, query, profile.loci, meta.kind, o, this.registry);
      if (c !== undefined) hits.push({ ...c, meta });
    }
    hits.sort(compareRank);
    return {
      candidates: hits.slice(0, o.maxCandidates).map(({ meta, ...c }, i) => ({ ...c, ...candidateRecord(meta), rank: i + 1 })),
      totalHits: hits.length,
      compared,
      stringency: o.stringency,
      population: o.table.name,
      theta: o.theta,
    };
  }

  kinshipSearch(query: DnaProfile, options: KinshipSearchOptions): KinshipSearchResult {
    checkKinshipQuery(query);
    const o = resolveKinshipOptions(options, this.tables, this.registry);
    const hits: (DescribedKinshipCandidate & { meta: DnaRecordMeta })[] = [];
    let compared = 0;
    for (const [id, { profile, meta }] of this.records) {
      if (KINSHIP_EXCLUDED_KINDS.has(meta.kind)) continue;
      if (o.targetKinds !== undefined && !o.targetKinds.has(meta.kind)) continue;
      if (!isVisible(meta, o.viewerAgency)) continue;
      compared++;
      const c = describeKinshipCandidate(id, query, profile.loci, o, this.registry);
      if (c !== undefined) hits.push({ ...c, meta });
    }
    hits.sort(compareKinshipRank);
    return {
      candidates: hits.slice(0, o.maxCandidates).map(({ meta, ...c }, i) => ({ ...c, ...candidateRecord(meta), rank: i + 1 })),
      totalHits: hits.length,
      compared,
      relationship: o.relationship,
      population: o.table.name,
      theta: o.theta,
    };
  }
}
