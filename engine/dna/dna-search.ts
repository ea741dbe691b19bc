/**
 * What a DNA search asks and answers, and the rules both search paths share: option defaults,
 * the per-candidate description (per-locus detail and statistics), ranking and visibility.
 * `DnaIndex` (fast) and `BruteForceDnaSearch` (the oracle) both implement `DnaSearcher`, and the
 * property tests hold them equal.
 *
 * Visibility is engine/security/access.ts's one rule, fail-closed: every search names its viewer,
 * and an empty or malformed viewer sees nothing (there is no "no filter" path).
 */
import { EngineError } from '../errors.js';
import { maySee } from '../security/access.js';
import {
  DEFAULT_MAX_CANDIDATES,
  DEFAULT_MAX_MISMATCHES,
  DEFAULT_MIN_COMPARED_LOCI,
  DEFAULT_MIN_KINSHIP_INDEX,
  DEFAULT_MIN_KINSHIP_LOCI,
  DEFAULT_THETA,
} from './dna-parameters.js';
import { genotypeDesignations, isMixture, type DnaProfile, type LocusGenotype, type ProfileKind, type Relationship } from './dna-profile.js';
import type { FrequencyTable, PopulationTables } from './frequency-table.js';
import { locusKinshipIndex } from './kinship-index.js';
import { alleleSet, compareLocus, STRINGENCIES, type LocusComparison, type Stringency } from './locus-comparison.js';
import type { LocusInfo, LocusRegistry } from './locus-registry.js';
import { candidateStatistics, locusMatchFactor, type CandidateStatistics, type StatisticMode } from './match-statistics.js';

/**
 * Who owns a record and who may see it (common.proto Visibility), and the identifiers a candidate
 * carries back so that nothing goes back to the store per candidate.
 */
export interface DnaRecordMeta {
  readonly kind: ProfileKind;
  /** Absent or empty: no agency owns it (only visibility can show it). */
  readonly ownerAgency?: string;
  /** Agencies besides the owner that may see the record. */
  readonly visibleTo?: readonly string[];
  /** True: every agency may see the record. */
  readonly visibleToAll?: boolean;
  /** The person the record belongs to, if known; '' when absent. */
  readonly subjectId?: string;
  /** The owner's own reference (lab sample id); '' when absent. */
  readonly externalId?: string;
}

/** What every candidate carries of its record besides the record id. */
export interface CandidateRecord {
  subjectId: string;
  externalId: string;
  ownerAgency: string;
}

/** A record's candidate identifiers, absent ones as ''. */
export function candidateRecord(meta: DnaRecordMeta): CandidateRecord {
  return { subjectId: meta.subjectId ?? '', externalId: meta.externalId ?? '', ownerAgency: meta.ownerAgency ?? '' };
}

export interface DnaSearchOptions {
  stringency?: Stringency;
  /** Minimum loci typed in both (Amelogenin excluded). Default DEFAULT_MIN_COMPARED_LOCI (8). */
  minComparedLoci?: number;
  /** Mismatching loci tolerated. Default 0; 1 gives a Prüm-style near match. */
  maxMismatches?: number;
  /** Default DEFAULT_MAX_CANDIDATES (100). */
  maxCandidates?: number;
  /** Frequency table name (`source/population` or a bare population); default: the default table. */
  population?: string;
  /** NRC II 4.10 θ in [0, 0.5); absent: DEFAULT_THETA (0.01). 0 is θ = 0. */
  theta?: number;
  /** Empty or absent: every kind. */
  targetKinds?: readonly ProfileKind[];
  /**
   * Compare only these loci: locus names or named sets (ESS, CODIS13, CODIS20; `LocusRegistry.compareSet`).
   * Empty or absent: every locus typed in both.
   */
  compareLoci?: readonly string[];
  /** The calling agency; only records it may see (access.ts `maySee`) are compared. Empty or malformed: none. */
  viewerAgency: string;
}

export interface ResolvedSearchOptions {
  stringency: Stringency;
  minComparedLoci: number;
  maxMismatches: number;
  maxCandidates: number;
  table: FrequencyTable;
  theta: number;
  targetKinds: ReadonlySet<ProfileKind> | undefined;
  /** Canonical names of the loci compared; undefined: all. */
  compareLoci: ReadonlySet<string> | undefined;
  viewerAgency: string;
}

function checkCount(v: number | undefined, field: string, dflt: number, min: number): number {
  if (v === undefined || v === 0) return dflt;
  if (!Number.isInteger(v) || v < min) throw EngineError.invalidArgument(field, `must be an integer ≥ ${min}`);
  return v;
}

/** The viewer as given; anything but a string (an untyped caller) becomes '', which sees nothing. */
function viewerOf(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** θ as asked: absent is the default; 0 is θ = 0 (a caller asking for no subpopulation correction). */
function checkTheta(v: number | undefined): number {
  if (v === undefined) return DEFAULT_THETA;
  if (typeof v !== 'number' || !(v >= 0 && v < 0.5)) throw EngineError.invalidArgument('theta', 'must be in [0, 0.5)');
  return v;
}

function compareLociOf(v: readonly string[] | undefined, registry: LocusRegistry): ReadonlySet<string> | undefined {
  return v === undefined || v.length === 0 ? undefined : registry.compareSet(v, 'compare_loci');
}

/**
 * Whether a locus takes part in comparison: never the sex marker, and only the requested loci
 * when the search names some. Every search path (describeCandidate, the index's scans) asks this.
 */
export function isComparedLocus(info: LocusInfo, o: { readonly compareLoci: ReadonlySet<string> | undefined }): boolean {
  return info.sexMarker !== true && (o.compareLoci === undefined || o.compareLoci.has(info.name));
}

/** Applies defaults (0 means default, as in the proto, except θ) and checks ranges. */
export function resolveSearchOptions(o: DnaSearchOptions, tables: PopulationTables, registry: LocusRegistry): ResolvedSearchOptions {
  const stringency = o.stringency ?? 'high';
  if (!STRINGENCIES.includes(stringency)) throw EngineError.invalidArgument('stringency', 'must be high, moderate or low');
  let maxMismatches = DEFAULT_MAX_MISMATCHES;
  if (o.maxMismatches !== undefined) {
    if (!Number.isInteger(o.maxMismatches) || o.maxMismatches < 0) throw EngineError.invalidArgument('max_mismatches', 'must be an integer ≥ 0');
    maxMismatches = o.maxMismatches;
  }
  return {
    stringency,
    minComparedLoci: checkCount(o.minComparedLoci, 'min_compared_loci', DEFAULT_MIN_COMPARED_LOCI, 1),
    maxMismatches,
    maxCandidates: checkCount(o.maxCandidates, 'max_candidates', DEFAULT_MAX_CANDIDATES, 1),
    table: tables.resolve(o.population),
    theta: checkTheta(o.theta),
    targetKinds: o.targetKinds !== undefined && o.targetKinds.length > 0 ? new Set(o.targetKinds) : undefined,
    compareLoci: compareLociOf(o.compareLoci, registry),
    viewerAgency: viewerOf(o.viewerAgency),
  };
}

export interface LocusDetail {
  /** Canonical locus name. */
  locus: string;
  comparison: LocusComparison;
  queryAlleles: string[];
  candidateAlleles: string[];
  /** The locus's factor in the statistic (genotype frequency, 2p, PI, or kinship index), if any. */
  statistic?: number;
}

export interface DnaCandidate extends CandidateStatistics, CandidateRecord {
  recordId: string;
  /** 1-based. */
  rank: number;
  matchingLoci: number;
  mismatchingLoci: number;
  comparedLoci: number;
  /** Matching loci that matched through a wildcard (included in matchingLoci). */
  wildcardLoci: number;
  loci: LocusDetail[];
}

export interface DnaSearchResult {
  candidates: DnaCandidate[];
  /** Records that satisfied the search before truncation to maxCandidates. */
  totalHits: number;
  /** Records the rules were applied to (live, visible, of a target kind). */
  compared: number;
  stringency: Stringency;
  population: string;
  theta: number;
}

export interface KinshipSearchOptions {
  relationship: Relationship;
  /** Default DEFAULT_MIN_KINSHIP_INDEX. */
  minKinshipIndex?: number;
  maxCandidates?: number;
  population?: string;
  theta?: number;
  /** Minimum usable loci typed in both; default DEFAULT_MIN_KINSHIP_LOCI (8). */
  minComparedLoci?: number;
  targetKinds?: readonly ProfileKind[];
  /** As in DnaSearchOptions. */
  compareLoci?: readonly string[];
  /** As in DnaSearchOptions: required; empty or malformed sees nothing. */
  viewerAgency: string;
}

export interface ResolvedKinshipOptions {
  relationship: Relationship;
  minKinshipIndex: number;
  maxCandidates: number;
  table: FrequencyTable;
  theta: number;
  minComparedLoci: number;
  targetKinds: ReadonlySet<ProfileKind> | undefined;
  compareLoci: ReadonlySet<string> | undefined;
  viewerAgency: string;
}

export function resolveKinshipOptions(o: KinshipSearchOptions, tables: PopulationTables, registry: LocusRegistry): ResolvedKinshipOptions {
  if (o.relationship !== 'parent-child' && o.relationship !== 'full-sibling') {
    throw EngineError.invalidArgument('relationship', 'must be parent-child or full-sibling');
  }
  let minKinshipIndex = DEFAULT_MIN_KINSHIP_INDEX;
  if (o.minKinshipIndex !== undefined && o.minKinshipIndex !== 0) {
    if (!(o.minKinshipIndex > 0) || !Number.isFinite(o.minKinshipIndex)) throw EngineError.invalidArgument('min_kinship_index', 'must be a positive number');
    minKinshipIndex = o.minKinshipIndex;
  }
  return {
    relationship: o.relationship,
    minKinshipIndex,
    maxCandidates: checkCount(o.maxCandidates, 'max_candidates', DEFAULT_MAX_CANDIDATES, 1),
    table: tables.resolve(o.population),
    theta: checkTheta(o.theta),
    minComparedLoci: checkCount(o.minComparedLoci, 'min_compared_loci', DEFAULT_MIN_KINSHIP_LOCI, 1),
    targetKinds: o.targetKinds !== undefined && o.targetKinds.length > 0 ? new Set(o.targetKinds) : undefined,
    compareLoci: compareLociOf(o.compareLoci, registry),
    viewerAgency: viewerOf(o.viewerAgency),
  };
}

export interface KinshipCandidate extends CandidateRecord {
  recordId: string;
  rank: number;
  relationship: Relationship;
  /** Combined kinship index (PI or SI): product over usable loci. */
  kinshipIndex: number;
  /** Loci usable by both (typed, no wildcard, at most two alleles, in the table). */
  comparedLoci: number;
  /** Compared loci sharing no allele (for parent-child: inconsistencies). */
  mismatchingLoci: number;
  loci: LocusDetail[];
}

export interface KinshipSearchResult {
  candidates: KinshipCandidate[];
  totalHits: number;
  compared: number;
  relationship: Relationship;
  population: string;
  theta: number;
}

/** The interface the service calls; the fast index and the brute-force oracle both implement it. */
export interface DnaSearcher {
  search(query: DnaProfile, options: DnaSearchOptions): DnaSearchResult;
  kinshipSearch(query: DnaProfile, options: KinshipSearchOptions): KinshipSearchResult;
}

/** The access rule (access.ts `maySee`) on a record's metadata. */
export function isVisible(meta: DnaRecordMeta, viewer: string): boolean {
  return maySee(viewer, { ownerAgency: meta.ownerAgency ?? '', visibility: { agencies: meta.visibleTo ?? [], allAgencies: meta.visibleToAll === true } });
}

export function statisticMode(query: DnaProfile, candidateKind: ProfileKind): StatisticMode {
  return isMixture(query) || candidateKind === 'forensic-mixture' ? 'mixture' : 'single-source';
}

/** Rank order: more matching loci, fewer mismatches, smaller statistic, then record id. */
export interface RankKey {
  recordId: string;
  matchingLoci: number;
  mismatchingLoci: number;
  rankingStatistic: number;
}

export function compareRank(a: RankKey, b: RankKey): number {
  return (
    b.matchingLoci - a.matchingLoci ||
    a.mismatchingLoci - b.mismatchingLoci ||
    a.rankingStatistic - b.rankingStatistic ||
    (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0)
  );
}

/** Kinship order: larger index, more compared loci, then record id. */
export function compareKinshipRank(
  a: { kinshipIndex: number; comparedLoci: number; recordId: string },
  b: { kinshipIndex: number; comparedLoci: number; recordId: string },
): number {
  return (
    b.kinshipIndex - a.kinshipIndex ||
    b.comparedLoci - a.comparedLoci ||
    (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0)
  );
}

/** Loci of both profiles in registry order. */
function unionLoci(q: DnaProfile, c: ReadonlyMap<string, LocusGenotype>, registry: LocusRegistry): string[] {
  // Each name resolved once (a sort comparator resolving both sides cost ~40 µs per candidate of
  // 29 loci); the same stable order as sorting the names of both, the query's first.
  const named: { index: number; name: string }[] = [];
  for (const name of q.loci.keys()) named.push({ index: registry.resolve(name).index, name });
  for (const name of c.keys()) if (!q.loci.has(name)) named.push({ index: registry.resolve(name).index, name });
  named.sort((a, b) => a.index - b.index);
  return named.map((n) => n.name);
}

/** A locus's detail row before comparison: both allele lists, NOT_COMPARED until it is. */
function notComparedDetail(locus: string, qg: LocusGenotype | undefined, cg: LocusGenotype | undefined): LocusDetail {
  return {
    locus,
    comparison: 'not-compared',
    queryAlleles: qg === undefined ? [] : genotypeDesignations(qg),
    candidateAlleles: cg === undefined ? [] : genotypeDesignations(cg),
  };
}

/** A candidate as the rules describe it, before its rank and record identifiers are added. */
export type DescribedCandidate = Omit<DnaCandidate, 'rank' | keyof CandidateRecord>;
export type DescribedKinshipCandidate = Omit<KinshipCandidate, 'rank' | keyof CandidateRecord>;

/**
 * Applies the search rules to one candidate. Returns the full description, or undefined when the
 * candidate is not a hit. The statistic is the product of the per-locus factors in registry
 * order (the index multiplies in the same order, so both paths agree to the last bit).
 */
export function describeCandidate(
  recordId: string,
  query: DnaProfile,
  candidate: ReadonlyMap<string, LocusGenotype>,
  candidateKind: ProfileKind,
  o: ResolvedSearchOptions,
  registry: LocusRegistry,
): DescribedCandidate | undefined {
  let compared = 0;
  let mismatching = 0;
  let wildcard = 0;
  const mode = statisticMode(query, candidateKind);
  let product = 1;
  const loci: LocusDetail[] = [];
  for (const name of unionLoci(query, candidate, registry)) {
    const qg = query.loci.get(name);
    const cg = candidate.get(name);
    const detail = notComparedDetail(name, qg, cg);
    loci.push(detail);
    if (qg === undefined || cg === undefined || !isComparedLocus(registry.resolve(name), o)) continue;
    compared++;
    const cmp = compareLocus(alleleSet(qg), alleleSet(cg), o.stringency);
    detail.comparison = cmp;
    if (cmp === 'mismatch') mismatching++;
    else if (cmp === 'wildcard') wildcard++;
    const factor = locusMatchFactor(qg, cg, cmp, mode, mode === 'mixture' && isMixture(query) ? qg : cg, o.table, o.theta);
    if (factor !== undefined) {
      detail.statistic = factor;
      product *= factor;
    }
  }
  if (compared < o.minComparedLoci || mismatching > o.maxMismatches) return undefined;
  return {
    recordId,
    matchingLoci: compared - mismatching,
    mismatchingLoci: mismatching,
    comparedLoci: compared,
    wildcardLoci: wildcard,
    loci,
    ...candidateStatistics(product, mode),
  };
}

/** Kinship description of one candidate, or undefined when below the loci minimum or threshold. */
export function describeKinshipCandidate(
  recordId: string,
  query: DnaProfile,
  candidate: ReadonlyMap<string, LocusGenotype>,
  o: ResolvedKinshipOptions,
  registry: LocusRegistry,
): DescribedKinshipCandidate | undefined {
  let compared = 0;
  let mismatching = 0;
  let index = 1;
  const loci: LocusDetail[] = [];
  for (const name of unionLoci(query, candidate, registry)) {
    const qg = query.loci.get(name);
    const cg = candidate.get(name);
    const detail = notComparedDetail(name, qg, cg);
    loci.push(detail);
    if (qg === undefined || cg === undefined || !isComparedLocus(registry.resolve(name), o)) continue;
    const ki = locusKinshipIndex(qg, cg, o.relationship, o.table, o.theta);
    if (ki === undefined) continue;
    compared++;
    const shares = qg.alleles.some((a) => cg.alleles.some((b) => b.designation === a.designation));
    detail.comparison = shares ? 'match' : 'mismatch';
    if (!shares) mismatching++;
    detail.statistic = ki;
    index *= ki;
  }
  if (compared < o.minComparedLoci || !(index >= o.minKinshipIndex)) return undefined;
  return { recordId, relationship: o.relationship, kinshipIndex: index, comparedLoci: compared, mismatchingLoci: mismatching, loci };
}

/** Kinship needs single-source genotypes. */
export function checkKinshipQuery(query: DnaProfile): void {
  if (isMixture(query)) throw EngineError.invalidArgument('profile.kind', 'kinship search needs a single-source profile, not a mixture');
}

/** Records of these kinds never take part in kinship search (not one person's genotype). */
export const KINSHIP_EXCLUDED_KINDS: ReadonlySet<ProfileKind> = new Set<ProfileKind>(['forensic-mixture']);
