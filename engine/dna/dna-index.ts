/**
 * The in-memory STR profile index: exact, columnar, rebuilt from the store at start and updated by
 * `add` / `remove` between searches.
 *
 * Layout (for 10M profiles in well under 2 GB):
 * - per locus one column `Uint16Array` of genotype keys, one entry per record ordinal. A key packs
 *   the two per-locus allele codes (`lo << 8 | hi`, codes 1..254 from a per-locus dictionary, the
 *   wildcard being one more code); 0 means "not typed", 0xFFFF "see the overflow map" (more than two
 *   alleles, a mixture, or a dictionary that ran full). 2 bytes per typed-locus slot;
 * - per record a flags byte (live, visible to all), a kind byte and an owner-agency code, and the
 *   subject and external ids a candidate carries back (so nothing goes back to the store per hit);
 * - record ids in an array, and an open-addressing id -> ordinal table (record-id-table.ts); freed
 *   ordinals are reused.
 *
 * Search: for the query, each locus's match rule is evaluated once per key records hold (a 64 K
 * lookup table per query locus). Candidates come from one of three plans (decisions/
 * dna-exact-search.md): posting lists of the rarest query loci (locus-postings.ts; HIGH, near
 * matches), allele bitsets ANDed over the query loci (allele-bitsets.ts; exact MODERATE and LOW),
 * or a scan of every record, loci in order of how many records they reject, stopping at the first
 * mismatch beyond `maxMismatches`. Every candidate is checked on the columns. The rules
 * themselves are those of locus-comparison.ts; the statistics and detail of the returned
 * candidates come from `describeCandidate`, the same function the brute-force oracle uses.
 *
 * Visibility is access.ts's rule, encoded fast (owner codes, a visible-to-all flag, per-record lists):
 * a viewer that is not a well-formed agency sees nothing and the scan does not run at all.
 *
 * Thread safety: none needed; JavaScript runs a search to completion before an add or remove. The
 * service keeps the one index inside one worker thread (dna-gallery.ts), which serves adds,
 * removes and searches in the order they were sent. A search may be handed an `interrupt`
 * callback, called between blocks of records, that throws to abandon it.
 */
import { EngineError } from '../errors.js';
import { isAgency } from '../security/access.js';
import { compareAlleles, parseAllele, WILDCARD, type Allele } from './allele.js';
import { STRINGENCIES, type Stringency } from './locus-comparison.js';
import { fromStoredProfile, isMixture, parseGenotype, PROFILE_KINDS, type DnaProfile, type LocusGenotype, type ProfileKind, type StoredDnaProfile } from './dna-profile.js';
import type { PopulationTables } from './frequency-table.js';
import { DNA_BITSETS_ABOVE_SHARE, DNA_HASH_MAX_IRREGULAR_SHARE, DNA_HASH_MAX_LOCI, DNA_HASH_MIN_TYPED_SHARE, DNA_HASH_RECORDS_PER_BUCKET, DNA_HIGH_BITSETS_ABOVE_SHARE, DNA_KINSHIP_FILTER_FIRST_BELOW, DNA_MAX_EXTRA_ANCHORS, DNA_MAX_POSTING_LOCI, DNA_POSTING_MAX_SHARE, DNA_POSTING_READS_PER_CHECK, DNA_POSTING_MIN_TYPED_SHARE, PARENT_CHILD_INCONSISTENCY_FACTOR } from './dna-parameters.js';
import { kinshipAlleles, kinshipIndexCore } from './kinship-index.js';
import { scanKinshipColumns } from './kinship-scan.js';
import { LocusPostings, POSTING_BLOCK_BITS } from './locus-postings.js';
import { AlleleBitsets } from './allele-bitsets.js';
import { GenotypeHash } from './genotype-hash.js';
import type { LocusRegistry } from './locus-registry.js';
import { candidateStatistics, locusMatchFactor } from './match-statistics.js';
import { PackedStrings } from './packed-strings.js';
import { RecordIdTable } from './record-id-table.js';
import {
  checkKinshipQuery,
  compareKinshipRank,
  compareRank,
  describeCandidate,
  describeKinshipCandidate,
  isComparedLocus,
  KINSHIP_EXCLUDED_KINDS,
  resolveKinshipOptions,
  resolveSearchOptions,
  type CandidateRecord,
  type DescribedCandidate,
  type DnaCandidate,
  type DnaRecordMeta,
  type DnaSearcher,
  type DnaSearchOptions,
  type DnaSearchResult,
  type KinshipCandidate,
  type KinshipSearchOptions,
  type KinshipSearchResult,
  type RankKey,
  type ResolvedSearchOptions,
} from './dna-search.js';

const UNTYPED = 0;
const OVERFLOW = 0xffff;
const MAX_CODE = 254;

const ALIVE = 1;
const VISIBLE_TO_ALL = 2;

// Lookup-table results.
// Lookup-table results; MISMATCH is its own bit so the scan can add mismatches without branches.
const R_NOT_COMPARED = 0;
const R_MATCH = 1;
const R_WILDCARD = 2;
const R_OVERFLOW = 4;
const R_MISMATCH = 8;
const MISMATCH_SHIFT = 3;
/** Records scanned between two calls of a search's `interrupt` (≈ 1 ms of scan at LOW stringency). */
const INTERRUPT_BLOCK = 1 << 16;

/** Bitset words evaluated per block (visitBitsets): 8K records, the words left fit in L1. */
const BITSET_BLOCK_WORDS = 256;

/** Candidates checked together (search's `checker`): 16 KB of ordinals, inside L1. */
const CHECK_BATCH = 4096;

/** Searches per stringency `warm` runs: enough for the JIT to compile the search paths. */
const WARM_UP_SEARCHES = 5;

/** A table that makes a padding column contribute nothing. */
const NEUTRAL_TABLE = new Uint8Array(65536);
/** visitBitsets's counters when the compared-loci slack fits in locals (nothing to allocate per search). */
const EMPTY_COUNTER = new Int32Array(0);

const KIND_CODE = new Map<ProfileKind, number>(PROFILE_KINDS.map((k, i) => [k, i]));
const MIXTURE_CODE = KIND_CODE.get('forensic-mixture') as number;

interface LocusColumn {
  readonly locusIndex: number;
  readonly name: string;
  keys: Uint16Array;
  /** Designation -> code (1..254). */
  readonly codes: Map<string, number>;
  /** Code -> allele (index 0 unused). */
  readonly alleles: Allele[];
  /** Code of the wildcard, 0 until one is seen. */
  wildcardCode: number;
  /** Live records per key, to order query loci by how many records they reject. */
  readonly keyCounts: Uint32Array;
  /** Every two-code key ever stored here, once: the only table entries a search can read. */
  readonly usedKeys: number[];
  /** Scratch: the current query's lookup table. */
  readonly table: Uint8Array;
  /**
   * Scratch: the current kinship query's index per key (allocated on first kinship search); 1 for
   * untyped and wildcard keys (no factor), +Infinity for overflow (unbounded): the scan's bound.
   */
  kinship?: Float64Array;
  /** Live records typed at this locus. */
  typed: number;
  /** Posting lists and allele bitsets, for the loci most records are typed at (see ensurePostings). */
  postings?: LocusPostings;
  bitsets?: AlleleBitsets;
  /**
   * One bit per ordinal, set where a live record is typed here, and how many are set; built when
   * a search first needs it (typedBitsOf), for loci some live records are not typed at, then kept
   * on add and remove. A count that differs from `typed` (a record added by a path that does not
   * mark it) makes the next search rebuild it.
   */
  typedBits?: { bits: Uint32Array; count: number };
  /** Set while `table` is MISMATCH at every used key but `written` (fillTable's sparse path). */
  sparse?: { written: number[]; usedSeen: number };
}

/** Records untyped at more than `slack` of the loci of `bits` (typed bits) cannot be hits. */
interface TypedFilter {
  bits: Uint32Array[];
  slack: number;
}

/** A query locus a search may start from: its postings and the slots of the keys that do not mismatch. */
interface Anchor {
  postings: LocusPostings;
  slots: number[];
}

export interface DnaIndexOptions {
  registry: LocusRegistry;
  tables: PopulationTables;
  /** Records to make room for at once (e.g. the store's count at start). */
  initialCapacity?: number;
  /**
   * When searches read posting lists instead of scanning (defaults: dna-parameters.ts). Tests set
   * these to force either plan over small databases, and small blocks to cross block borders;
   * `checkBatch` (default CHECK_BATCH) small so a batch of candidates fills mid-plan.
   */
  postings?: { minTypedShare?: number; maxLoci?: number; maxShare?: number; blockBits?: number; maxExtraAnchors?: number; bitsetShare?: number; highBitsetShare?: number; bitsets?: boolean; checkBatch?: number };
  /**
   * How a kinship search that visits every record does it: `columns` (default true) the block-wise
   * column scan of kinship-scan.ts, false the per-record visit; `block` its records per block,
   * `group` its loci per pass, `filterFirst` whether it filters each block before the loci
   * (default: when the search applies to under DNA_KINSHIP_FILTER_FIRST_BELOW of the ordinals).
   * Tests and the bench force each.
   */
  kinship?: { columns?: boolean; block?: number; group?: number; filterFirst?: boolean };
  /**
   * The genotype hash of exact HIGH searches (genotype-hash.ts; defaults: dna-parameters.ts
   * DNA_HASH_*): `maxLoci` 0 turns it off. Tests force it over small databases (minTypedShare 0,
   * maxIrregularShare 1) and force collisions with many records per bucket.
   */
  hash?: { minTypedShare?: number; maxLoci?: number; maxIrregularShare?: number; recordsPerBucket?: number };
}

interface Hit extends RankKey {
  ordinal: number;
  /** Set when the slow path already described the candidate. */
  described?: DescribedCandidate;
}

/** The key of the genotype of codes x and y (smaller first, as `encode` stores it). */
function pairKey(x: number, y: number): number {
  return x <= y ? (x << 8) | y : (y << 8) | x;
}

/** Sets or clears a record's typed bit; a bitset too short for the ordinal is dropped (rebuilt on use). */
function markTyped(c: LocusColumn, ordinal: number, on: boolean): void {
  const t = c.typedBits as { bits: Uint32Array; count: number };
  const w = ordinal >>> 5;
  const bit = 1 << (ordinal & 31);
  if (w >= t.bits.length) c.typedBits = undefined;
  else if (on !== ((t.bits[w] & bit) !== 0)) {
    t.bits[w] ^= bit;
    t.count += on ? 1 : -1;
  }
}

/**
 * The hits that can be among the first `max` in rank order: those whose (matching loci,
 * mismatching loci) group, the first two rank keys (compareRank), comes before or is the group
 * where the first `max` end. Every other hit ranks after at least `max` hits whatever its
 * statistic.
 */
function topGroups<T extends RankKey>(hits: T[], max: number): T[] {
  if (hits.length <= max) return hits;
  // Group key: larger is better (more matching loci, then fewer mismatching; both far below 2^16).
  const group = (h: T): number => h.matchingLoci * 65536 - h.mismatchingLoci;
  const counts = new Map<number, number>();
  for (const h of hits) { const g = group(h); counts.set(g, (counts.get(g) ?? 0) + 1); }
  const groups = [...counts.keys()].sort((a, b) => b - a);
  let cut = groups[groups.length - 1];
  let n = 0;
  for (const g of groups) {
    n += counts.get(g) as number;
    if (n >= max) { cut = g; break; }
  }
  return n === hits.length ? hits : hits.filter((h) => group(h) >= cut);
}

/**
 * What a snapshot holds of an index (DnaIndex.exportState / restoreState): every array indexed by
 * ordinal, up to the high-water mark, and the per-locus allele dictionaries as designations.
 */
export interface DnaIndexState {
  highWater: number;
  live: number;
  /** ordinal -> record id; undefined for a free ordinal. */
  ids: StringList;
  /** Freed ordinals, in the order they are reused (last first). */
  free: number[];
  flags: Uint8Array;
  kinds: Uint8Array;
  owners: Uint32Array;
  /** Agency code -> agency; '' at code 0. */
  agencyNames: string[];
  /** ordinal -> subject id, external id ('' when absent). */
  subjects: StringList;
  externals: StringList;
  visibleTo: [number, readonly string[]][];
  visibleToAllCount: Int32Array;
  seenByCount: [string, Int32Array][];
  /** Read once, in order (a snapshot decodes one column at a time). */
  columns: Iterable<{
    locusIndex: number;
    name: string;
    /** Code -> canonical designation ('' at code 0). */
    designations: string[];
    wildcardCode: number;
    typed: number;
    usedKeys: number[];
    keys: Uint16Array;
    keyCounts: Uint32Array;
  }>;
  /** Genotypes that did not fit a key: (ordinal, locus index, canonical designations). */
  overflow: [number, number, string[]][];
}

/**
 * An ordinal-indexed string list read a range at a time (an array is one), so neither the
 * index's export nor a snapshot's read makes every string at once (packed-strings.ts).
 */
export interface StringList {
  readonly length: number;
  slice(start: number, end: number): (string | undefined)[];
}

/** Ordinals restoreState reads per slice of a string list. */
const RESTORE_CHUNK = 1 << 16;

export type DnaIndexColumnState = DnaIndexState['columns'] extends Iterable<infer C> ? C : never;

/** A genotype as canonical designations that parseGenotype reads back to the same genotype. */
function genotypeText(g: LocusGenotype): string[] {
  const out = g.alleles.map((a) => a.designation);
  for (let i = 0; i < g.wildcards; i++) out.push(WILDCARD);
  return out;
}

export class DnaIndex implements DnaSearcher {
  private readonly registry: LocusRegistry;
  private readonly tables: PopulationTables;
  private capacity = 0;
  /** One past the highest ordinal ever used. */
  private highWater = 0;
  private live = 0;
  /** ordinal -> record id ('' for a free ordinal), packed (packed-strings.ts). */
  private readonly ids = new PackedStrings();
  private readonly ordinals: RecordIdTable;
  private readonly free: number[] = [];
  private flags = new Uint8Array(0);
  private kinds = new Uint8Array(0);
  private owners = new Uint32Array(0);
  private readonly agencyCodes = new Map<string, number>();
  /** Agency code -> agency ('' for code 0, no owner). */
  private readonly agencyNames: string[] = [''];
  /** ordinal -> subject id and external id ('' when absent), packed. */
  private readonly subjects = new PackedStrings();
  private readonly externals = new PackedStrings();
  private readonly visibleTo = new Map<number, readonly string[]>();
  private readonly columns: (LocusColumn | undefined)[] = [];
  private readonly overflow = new Map<number, Map<number, LocusGenotype>>();
  /**
   * Visibility counts, so a search knows how many records it applies to without visiting them:
   * live records visible to all, per kind; and for each agency, live records it owns or is listed
   * for (not visible to all), per kind. compared = Σ over target kinds of both (access.ts maySee).
   */
  private readonly visibleToAllCount = new Int32Array(PROFILE_KINDS.length);
  private readonly seenByCount = new Map<string, Int32Array>();
  /** Loci with posting lists. */
  private readonly postingLoci: LocusColumn[] = [];
  private plan: 'hash' | 'postings' | 'bitsets' | 'scan' | 'none' = 'none';
  /** Live records and loci when the posting loci were last chosen (ensurePostings). */
  private postingsChosenAt = { live: 0, columns: 0 };
  /** visitBitsets's per-block scratch: the words left and their values. */
  private readonly bitsetScratch = { acc: new Int32Array(BITSET_BLOCK_WORDS), at: new Int32Array(BITSET_BLOCK_WORDS) };
  /** visitPostings's per-block counters and listed records, kept across searches. */
  private postingScratch?: { counts: Uint8Array; listed: Uint16Array; clean: boolean };
  /** fillTable's query-allele marks per code, all zero between calls. */
  private readonly queryMarks = new Uint8Array(MAX_CODE + 2);
  /** The search checker's batch: candidate ordinals and their mismatches so far. */
  private readonly checkBatch: { ordinals: Int32Array; mismatches: Uint16Array };
  private readonly postingPlan: { minTypedShare: number; maxLoci: number; maxShare: number; blockBits: number; maxExtraAnchors: number; bitsetShare: number; highBitsetShare: number; bitsets: boolean; checkBatch: number };
  private readonly kinshipPlan: { columns: boolean; block?: number; group?: number; filterFirst?: boolean };
  private readonly hashPlan: { minTypedShare: number; maxLoci: number; maxIrregularShare: number; recordsPerBucket: number };
  /** The genotype hash (genotype-hash.ts), built when an eligible search first needs it; kept on add and remove. */
  private genotypeHash?: GenotypeHash;
  /** Its loci (columns, in the hash's order) and the live count they were chosen at. */
  private hashLoci: LocusColumn[] = [];
  private hashChosenAt = { live: 0, columns: 0 };

  constructor(options: DnaIndexOptions) {
    this.registry = options.registry;
    this.tables = options.tables;
    this.postingPlan = {
      minTypedShare: options.postings?.minTypedShare ?? DNA_POSTING_MIN_TYPED_SHARE,
      maxLoci: options.postings?.maxLoci ?? DNA_MAX_POSTING_LOCI,
      maxShare: options.postings?.maxShare ?? DNA_POSTING_MAX_SHARE,
      blockBits: options.postings?.blockBits ?? POSTING_BLOCK_BITS,
      maxExtraAnchors: options.postings?.maxExtraAnchors ?? DNA_MAX_EXTRA_ANCHORS,
      bitsetShare: options.postings?.bitsetShare ?? DNA_BITSETS_ABOVE_SHARE,
      highBitsetShare: options.postings?.highBitsetShare ?? DNA_HIGH_BITSETS_ABOVE_SHARE,
      bitsets: options.postings?.bitsets ?? true,
      checkBatch: options.postings?.checkBatch ?? CHECK_BATCH,
    };
    this.hashPlan = {
      minTypedShare: options.hash?.minTypedShare ?? DNA_HASH_MIN_TYPED_SHARE,
      maxLoci: options.hash?.maxLoci ?? DNA_HASH_MAX_LOCI,
      maxIrregularShare: options.hash?.maxIrregularShare ?? DNA_HASH_MAX_IRREGULAR_SHARE,
      recordsPerBucket: options.hash?.recordsPerBucket ?? DNA_HASH_RECORDS_PER_BUCKET,
    };
    const batch = this.postingPlan.checkBatch;
    if (!(Number.isInteger(batch) && batch >= 1)) throw new RangeError('check batch must be a positive integer');
    this.checkBatch = { ordinals: new Int32Array(batch), mismatches: new Uint16Array(batch) };
    this.kinshipPlan = { ...options.kinship, columns: options.kinship?.columns ?? true };
    this.ordinals = new RecordIdTable(this.ids, options.initialCapacity ?? 1024);
    this.reserve(options.initialCapacity ?? 1024);
  }

  /** How the latest search found its candidates (for tests and the bench): from posting lists, or by scanning every record. */
  get lastPlan(): 'hash' | 'postings' | 'bitsets' | 'scan' | 'none' {
    return this.plan;
  }

  /** Live records. */
  get size(): number {
    return this.live;
  }

  has(id: string): boolean {
    return this.ordinals.get(id) !== undefined;
  }

  /** Grows every array to hold at least `n` records. */
  reserve(n: number): void {
    if (n <= this.capacity) return;
    const grow = <T extends Uint8Array | Uint16Array | Uint32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.flags = grow(this.flags, (k) => new Uint8Array(k));
    this.kinds = grow(this.kinds, (k) => new Uint8Array(k));
    this.owners = grow(this.owners, (k) => new Uint32Array(k));
    for (const c of this.columns) if (c !== undefined) c.keys = grow(c.keys, (k) => new Uint16Array(k));
    for (const c of this.postingLoci) {
      c.postings?.reserve(n);
      c.bitsets?.reserve(n);
    }
    this.ids.reserve(n);
    this.subjects.reserve(n);
    this.externals.reserve(n);
    this.ordinals.reserve(n);
    this.genotypeHash?.reserve(n);
    this.capacity = n;
  }

  private column(locusIndex: number): LocusColumn {
    let c = this.columns[locusIndex];
    if (c === undefined) {
      c = {
        locusIndex,
        name: this.registry.get(locusIndex).name,
        keys: new Uint16Array(this.capacity),
        codes: new Map(),
        alleles: [{ designation: '', form: 'off-ladder', order: 0 }],
        wildcardCode: 0,
        keyCounts: new Uint32Array(65536),
        usedKeys: [],
        table: new Uint8Array(65536),
        typed: 0,
      };
      this.columns[locusIndex] = c;
    }
    return c;
  }

  private code(c: LocusColumn, a: Allele): number {
    const known = c.codes.get(a.designation);
    if (known !== undefined) return known;
    if (c.alleles.length > MAX_CODE) return 0;
    const code = c.alleles.length;
    c.alleles.push(a);
    c.codes.set(a.designation, code);
    if (a.form === 'wildcard') c.wildcardCode = code;
    return code;
  }

  /** The 2-byte key of a genotype, or OVERFLOW when it does not fit a pair of codes. */
  private encode(c: LocusColumn, g: LocusGenotype): number {
    let x: number;
    let y: number;
    const n = g.alleles.length;
    const wildcard: Allele = { designation: WILDCARD, form: 'wildcard', order: Number.MAX_VALUE };
    if (g.wildcards === 0 && n === 1) x = y = this.code(c, g.alleles[0]);
    else if (g.wildcards === 0 && n === 2) { x = this.code(c, g.alleles[0]); y = this.code(c, g.alleles[1]); }
    else if (g.wildcards === 2 && n === 0) x = y = this.code(c, wildcard);
    else if (g.wildcards === 1 && n === 1) { x = this.code(c, g.alleles[0]); y = this.code(c, wildcard); }
    else return OVERFLOW;
    if (x === 0 || y === 0) return OVERFLOW;
    return x <= y ? (x << 8) | y : (y << 8) | x;
  }

  private decode(c: LocusColumn, key: number): LocusGenotype {
    const x = key >>> 8;
    const y = key & 0xff;
    const w = c.wildcardCode;
    if (x === y) return x === w ? { locus: c.name, alleles: [], wildcards: 2 } : { locus: c.name, alleles: [c.alleles[x]], wildcards: 0 };
    if (x === w) return { locus: c.name, alleles: [c.alleles[y]], wildcards: 1 };
    if (y === w) return { locus: c.name, alleles: [c.alleles[x]], wildcards: 1 };
    return { locus: c.name, alleles: [c.alleles[x], c.alleles[y]].sort(compareAlleles), wildcards: 0 };
  }

  private agencyCode(agency: string | undefined): number {
    if (agency === undefined || agency === '') return 0;
    let code = this.agencyCodes.get(agency);
    if (code === undefined) {
      this.agencyCodes.set(agency, (code = this.agencyCodes.size + 1));
      this.agencyNames[code] = agency;
    }
    return code;
  }

  /**
   * The record part of add and addStored: checks id and kind, replaces a record of the same id,
   * takes a free ordinal (or grows), and sets everything but the loci. Returns the ordinal.
   */
  private placeRecord(id: string, meta: DnaRecordMeta): number {
    if (typeof id !== 'string' || id === '') throw EngineError.invalidArgument('record_id', 'must be a non-empty string');
    const kindCode = KIND_CODE.get(meta.kind);
    if (kindCode === undefined) throw EngineError.invalidArgument('kind', 'unknown profile kind');
    if (this.ordinals.get(id) !== undefined) this.remove(id);
    let ordinal = this.free.pop();
    if (ordinal === undefined) {
      ordinal = this.highWater++;
      if (ordinal >= this.capacity) this.reserve(Math.max(1024, Math.ceil(this.capacity * 1.5)));
    }
    this.ids.set(ordinal, id);
    this.ordinals.set(id, ordinal);
    this.flags[ordinal] = ALIVE | (meta.visibleToAll === true ? VISIBLE_TO_ALL : 0);
    this.kinds[ordinal] = kindCode;
    this.owners[ordinal] = this.agencyCode(meta.ownerAgency);
    this.subjects.set(ordinal, meta.subjectId ?? '');
    this.externals.set(ordinal, meta.externalId ?? '');
    if (meta.visibleTo !== undefined && meta.visibleTo.length > 0) this.visibleTo.set(ordinal, [...meta.visibleTo]);
    this.countVisibility(ordinal, 1);
    for (const c of this.postingLoci) c.postings?.touch(ordinal);
    return ordinal;
  }

  /** Stores `key` as the record's genotype at column `c` and counts it (keys, usedKeys, typed, typed bits). */
  private setKey(c: LocusColumn, ordinal: number, key: number): void {
    c.keys[ordinal] = key;
    if (c.keyCounts[key]++ === 0 && key !== OVERFLOW && !c.usedKeys.includes(key)) c.usedKeys.push(key);
    c.typed++;
    if (c.typedBits !== undefined) markTyped(c, ordinal, true);
  }

  /** Adds a record, or replaces the record of the same id. */
  add(id: string, profile: DnaProfile, meta: DnaRecordMeta): void {
    const ordinal = this.placeRecord(id, meta);
    for (const g of profile.loci.values()) {
      const c = this.column(this.registry.resolve(g.locus).index);
      const key = this.encode(c, g);
      this.setKey(c, ordinal, key);
      if (key === OVERFLOW) {
        let m = this.overflow.get(ordinal);
        if (m === undefined) this.overflow.set(ordinal, (m = new Map()));
        m.set(c.locusIndex, g);
      }
    }
    for (const c of this.postingLoci) c.bitsets?.mark(ordinal, c.keys[ordinal], c.wildcardCode, true);
    this.genotypeHash?.insert(ordinal);
    this.live++;
  }

  /** Adds `delta` to the visibility counts of the live record at `ordinal` (see visibleToAllCount). */
  private countVisibility(ordinal: number, delta: number): void {
    const kind = this.kinds[ordinal];
    if ((this.flags[ordinal] & VISIBLE_TO_ALL) !== 0) {
      this.visibleToAllCount[kind] += delta;
      return;
    }
    const seers = new Set(this.visibleTo.get(ordinal) ?? []);
    seers.add(this.agencyNames[this.owners[ordinal]]);
    seers.delete('');
    for (const a of seers) {
      let counts = this.seenByCount.get(a);
      if (counts === undefined) this.seenByCount.set(a, (counts = new Int32Array(PROFILE_KINDS.length)));
      counts[kind] += delta;
      if (delta < 0 && counts.every((n) => n === 0)) this.seenByCount.delete(a);
    }
  }

  /** Live records of the kinds in `mask` that `viewer` (a well-formed agency) may see. */
  private visibleCount(mask: number, viewer: string): number {
    const seen = this.seenByCount.get(viewer);
    let n = 0;
    for (let k = 0; k < PROFILE_KINDS.length; k++) {
      if ((mask & (1 << k)) === 0) continue;
      n += this.visibleToAllCount[k] + (seen?.[k] ?? 0);
    }
    return n;
  }

  /**
   * Gives posting lists to the loci typed in most live records (DNA_POSTING_MIN_TYPED_SHARE, at
   * most DNA_MAX_POSTING_LOCI, the most typed first). A locus keeps them until its share falls
   * under half that threshold.
   */
  private ensurePostings(): void {
    // Re-chosen only when the database changed by an eighth or gained a locus (each search asks).
    const columns = this.columns.reduce((n, c) => n + (c === undefined ? 0 : 1), 0);
    const seen = this.postingsChosenAt;
    if (seen.columns === columns && seen.live > 0 && Math.abs(this.live - seen.live) * 8 <= seen.live) return;
    this.postingsChosenAt = { live: this.live, columns };
    const { minTypedShare, maxLoci, blockBits } = this.postingPlan;
    // A locus chosen while the index was small and now typed in under half the share it was
    // chosen at (the database grew with other panels) gives its place back.
    for (let k = this.postingLoci.length - 1; k >= 0; k--) {
      const c = this.postingLoci[k];
      if (c.typed >= 0.5 * minTypedShare * this.live) continue;
      c.postings = undefined;
      c.bitsets = undefined;
      this.postingLoci.splice(k, 1);
    }
    if (this.postingLoci.length >= maxLoci || this.live === 0) return;
    const eligible = this.columns
      .filter((c): c is LocusColumn => c !== undefined && c.postings === undefined && !this.registry.get(c.locusIndex).sexMarker && c.typed >= minTypedShare * this.live)
      .sort((a, b) => b.typed - a.typed || a.locusIndex - b.locusIndex);
    for (const c of eligible.slice(0, maxLoci - this.postingLoci.length)) {
      c.postings = new LocusPostings(this.capacity, blockBits);
      const bitsets = new AlleleBitsets(this.capacity);
      for (let i = 0; i < this.highWater; i++) if ((this.flags[i] & ALIVE) !== 0) bitsets.mark(i, c.keys[i], c.wildcardCode, true);
      c.bitsets = bitsets;
      this.postingLoci.push(c);
    }
  }

  /**
   * Readies the index for full-speed searches: builds the posting lists and allele bitsets now
   * (stale blocks only), then runs one search per stringency with a stored record as the query
   * (answers discarded) so the search code is compiled before the first real query. The service
   * calls this after loading and before it reports SERVING.
   */
  warm(): void {
    // After a load: give back the packed id buffers' growth room (up to a third of them).
    for (const p of [this.ids, this.subjects, this.externals]) p.trim();
    this.ensurePostings();
    for (const c of this.postingLoci) c.postings?.ensureBuilt(c.keys, this.highWater);
    this.ensureGenotypeHash();
    let first = 0;
    while (first < this.highWater && (this.flags[first] & ALIVE) === 0) first++;
    if (first === this.highWater) return;
    const query: DnaProfile = { loci: this.lociOf(first), kind: this.kindOf(first) };
    const viewerAgency = this.agencyNames[this.owners[first]] || 'WARM-UP';
    for (const stringency of STRINGENCIES) {
      for (let k = 0; k < WARM_UP_SEARCHES; k++) this.search(query, { stringency, minComparedLoci: 1, maxCandidates: 1, viewerAgency });
    }
  }

  /**
   * The genotype hash (genotype-hash.ts) over the loci typed in most live records, or undefined
   * when none is (or it is turned off). Its loci are re-chosen, and it is rebuilt, when the
   * database changed by an eighth or gained a locus since (each eligible search asks), and rebuilt
   * with more buckets when its chains grew past twice their planned length.
   */
  private ensureGenotypeHash(): GenotypeHash | undefined {
    const columns = this.columns.reduce((n, c) => n + (c === undefined ? 0 : 1), 0);
    const seen = this.hashChosenAt;
    const { minTypedShare, maxLoci, recordsPerBucket } = this.hashPlan;
    let hash = this.genotypeHash;
    const moved = seen.columns !== columns || seen.live === 0 || Math.abs(this.live - seen.live) * 8 > seen.live;
    if (!moved && (hash === undefined || hash.regular <= 2 * recordsPerBucket * hash.buckets)) return hash;
    this.hashChosenAt = { live: this.live, columns };
    const loci = this.columns
      .filter((c): c is LocusColumn => c !== undefined && !this.registry.get(c.locusIndex).sexMarker && c.typed > 0 && c.typed >= minTypedShare * this.live)
      .sort((a, b) => b.typed - a.typed || b.usedKeys.length - a.usedKeys.length || a.locusIndex - b.locusIndex)
      .slice(0, maxLoci)
      .sort((a, b) => a.locusIndex - b.locusIndex);
    let buckets = 1;
    while (buckets * recordsPerBucket < this.live && buckets < 1 << 30) buckets *= 2;
    const same = hash !== undefined && loci.length === this.hashLoci.length && loci.every((c, k) => c === this.hashLoci[k]);
    if (same && hash !== undefined && hash.buckets === buckets) return hash;
    this.hashLoci = loci;
    if (loci.length === 0 || this.live === 0) return (this.genotypeHash = undefined);
    hash = new GenotypeHash(loci, this.capacity, buckets);
    for (let i = 0; i < this.highWater; i++) if ((this.flags[i] & ALIVE) !== 0) hash.insert(i);
    return (this.genotypeHash = hash);
  }

  /**
   * The genotype hash and the query's bucket in it, when an exact HIGH search can start there:
   * the query is typed at every hashed locus inside the compared loci, with one or two concrete
   * alleles, and the records the hash cannot place are few (DNA_HASH_MAX_IRREGULAR_SHARE). Bucket
   * -1 when a query allele is in no record at a hashed locus: no hashed record can match then.
   */
  private hashLookup(scan: readonly { c: LocusColumn; q: LocusGenotype }[]): { hash: GenotypeHash; bucket: number } | undefined {
    const hash = this.ensureGenotypeHash();
    if (hash === undefined || hash.irregular > this.hashPlan.maxIrregularShare * this.live) return undefined;
    const keys: number[] = [];
    let known = true;
    for (const c of this.hashLoci) {
      let q: LocusGenotype | undefined;
      for (const s of scan) if (s.c === c) q = s.q;
      if (q === undefined || q.wildcards !== 0 || q.alleles.length === 0 || q.alleles.length > 2) return undefined;
      const x = c.codes.get(q.alleles[0].designation);
      const y = q.alleles.length === 2 ? c.codes.get(q.alleles[1].designation) : x;
      if (x === undefined || y === undefined) known = false;
      else keys.push(x <= y ? (x << 8) | y : (y << 8) | x);
    }
    return { hash, bucket: known ? hash.bucketOfKeys(keys) : -1 };
  }

  /**
   * Calls `visit` for every ordinal listed under a non-mismatching key in at least
   * `anchors.length − maxMismatches` of the anchors: a superset of the records with at most
   * maxMismatches mismatches among the anchors' loci (it also lists removed records, which the
   * caller's checks drop). Each ordinal at most once. Per block, a counter per record counts the
   * anchors it does not mismatch; only the first maxMismatches + 1 anchors can list a record the
   * counters have not seen (one missing from all of them mismatches them all).
   */
  private visitPostings(anchors: readonly Anchor[], maxMismatches: number, visit: (i: number) => void, interrupt?: () => void): void {
    const hw = this.highWater;
    const { blockBits, blockSize } = anchors[0].postings;
    const nBlocks = Math.ceil(hw / blockSize);
    const perInterrupt = Math.max(1, INTERRUPT_BLOCK / blockSize);
    if (anchors.length === 1) {
      const { postings, slots } = anchors[0];
      const lows = postings.lowOrdinals;
      for (let b = 0; b < nBlocks; b++) {
        if (b % perInterrupt === 0) interrupt?.();
        const off = postings.blockOffsets(b);
        const base = b << blockBits;
        for (const s of slots) {
          if (s + 1 >= off.length) continue;
          const end = base + off[s + 1];
          for (let k = base + off[s]; k < end; k++) visit(base + lows[k]);
        }
      }
      return;
    }
    const need = anchors.length - maxMismatches;
    // Scratch kept across searches (a fresh 48 KB per search is an ArrayBuffer for the collector
    // to free). Each block leaves `counts` all zero, and `interrupt` is called between blocks; only
    // an exception thrown from inside a block (by `visit`) could leave counts behind, so `clean`
    // (defensive) tells the next search to clear them.
    let scratch = this.postingScratch;
    if (scratch === undefined || scratch.counts.length < blockSize) scratch = this.postingScratch = { counts: new Uint8Array(blockSize), listed: new Uint16Array(blockSize), clean: true };
    const { counts, listed } = scratch;
    if (!scratch.clean) counts.fill(0);
    scratch.clean = false;
    for (let b = 0; b < nBlocks; b++) {
      if (b % perInterrupt === 0) interrupt?.();
      const base = b << blockBits;
      let n = 0;
      for (let a = 0; a < anchors.length; a++) {
        const { postings, slots } = anchors[a];
        const off = postings.blockOffsets(b);
        const lows = postings.lowOrdinals;
        const opens = a <= maxMismatches;
        for (const s of slots) {
          if (s + 1 >= off.length) continue;
          const end = base + off[s + 1];
          if (opens) {
            for (let k = base + off[s]; k < end; k++) {
              const low = lows[k];
              if (counts[low]++ === 0) listed[n++] = low;
            }
          } else {
            for (let k = base + off[s]; k < end; k++) {
              const low = lows[k];
              if (counts[low] !== 0) counts[low]++;
            }
          }
        }
      }
      for (let k = 0; k < n; k++) {
        const low = listed[k];
        if (counts[low] >= need) visit(base + low);
        counts[low] = 0;
      }
    }
    scratch.clean = true;
  }

  /**
   * Live records in a column's open bitset (allele-bitsets.ts `mark`): untyped there, holding a
   * wildcard, or an overflow genotype.
   */
  private openRecords(c: LocusColumn): number {
    let n = this.live - c.typed + c.keyCounts[OVERFLOW];
    const w = c.wildcardCode;
    if (w !== 0) for (const key of c.usedKeys) if (key >>> 8 === w || (key & 0xff) === w) n += c.keyCounts[key];
    return n;
  }

  /** A column's typed bits (LocusColumn.typedBits), built from its keys when missing. */
  private typedBitsOf(c: LocusColumn): Uint32Array {
    if (c.typedBits === undefined || c.typedBits.count !== c.typed) {
      const bits = new Uint32Array(Math.ceil(this.capacity / 32));
      const keys = c.keys;
      let count = 0;
      for (let i = 0; i < this.highWater; i++) {
        if (keys[i] !== UNTYPED) {
          bits[i >>> 5] |= 1 << (i & 31);
          count++;
        }
      }
      c.typedBits = { bits, count };
    }
    return c.typedBits.bits;
  }

  /**
   * The compared-loci filter of a search over `loci` needing `minCompared` of them: the typed bits
   * of the loci some live record is not typed at, when more of those than `slack` (the loci a hit
   * may lack) are queried; undefined when it could reject nothing.
   */
  private typedFilter(loci: readonly { c: LocusColumn }[], minCompared: number): TypedFilter | undefined {
    const slack = loci.length - minCompared;
    const partly = loci.filter((l) => l.c.typed < this.live);
    if (slack < 0 || slack >= partly.length) return undefined;
    return { bits: partly.map((l) => this.typedBitsOf(l.c)), slack };
  }

  /**
   * Calls `visit`, in ordinal order, for every record that does not mismatch any of `loci` at
   * `stringency` by its allele bitsets (allele-bitsets.ts; open records included), a superset of
   * the records that mismatch none of them. Query loci with a wildcard or more than two alleles
   * filter nothing and are left out; false when no locus is left (nothing visited then).
   */
  private visitBitsets(loci: readonly { c: LocusColumn; q: LocusGenotype }[], stringency: Stringency, visit: (i: number) => void, interrupt?: () => void, typed?: TypedFilter): boolean {
    const F: Uint32Array[][] = [[], [], [], []];
    // Per locus: whether its open set has a record (else it is all zero and not read).
    const opens: boolean[] = [];
    for (const { c, q } of loci) {
      const bitsets = c.bitsets;
      if (bitsets === undefined || q.wildcards > 0 || q.alleles.length === 0 || q.alleles.length > 2) continue;
      const sets = bitsets.filterSets(q.alleles.map((a) => c.codes.get(a.designation)), stringency);
      F[0].push(bitsets.open);
      for (let k = 0; k < 3; k++) F[k + 1].push(sets[k]);
      opens.push(this.openRecords(c) > 0);
    }
    const nf = F[0].length;
    if (nf === 0) return false;
    const [O, X, Y, Z] = F;
    const [o0, x0, y0, z0] = F.map((f) => f[0]);
    // With one locus the second pass lets everything through (the first locus's sets again).
    const [o1, x1, y1, z1] = F.map((f) => f[nf > 1 ? 1 : 0]);
    // Both first loci without open records (every live record typed there with two concrete
    // alleles, as at the core loci of most databases): their open sets are not read.
    const closedPair = !opens[0] && !opens[nf > 1 ? 1 : 0];
    const words = Math.ceil(this.highWater / 32);
    // The last word's bits past the high-water mark (LOW's all-ones set has them set).
    const lastWord = words - 1;
    const lastMask = (this.highWater & 31) === 0 ? -1 : (1 << (this.highWater & 31)) - 1;
    // The compared-loci minimum, 32 records at a time, on the words the allele loci left: a
    // record untyped at more than `slack` of the query loci cannot reach it. Counted bit-sliced:
    // counter[k] holds the records untyped at more than k of the loci so far.
    const TB = typed?.bits ?? [];
    const nt = TB.length;
    const slack = typed?.slack ?? 0;
    const counter = slack > 4 && nt !== 0 ? new Int32Array(slack + 1) : EMPTY_COUNTER;
    // Block by block: the first two loci over every word without a branch, keeping the words
    // left non-zero (their index and value) in order; each further locus over those words only.
    const acc = this.bitsetScratch.acc;
    const at = this.bitsetScratch.at;
    const perInterrupt = Math.max(1, (INTERRUPT_BLOCK >>> 5) / BITSET_BLOCK_WORDS);
    for (let w0 = 0, block = 0; w0 < words; w0 += BITSET_BLOCK_WORDS, block++) {
      if (block % perInterrupt === 0) interrupt?.();
      const w1 = Math.min(words, w0 + BITSET_BLOCK_WORDS);
      let n = 0;
      if (closedPair) {
        for (let w = w0; w < w1; w++) {
          const xa = x0[w], ya = y0[w], xb = x1[w], yb = y1[w];
          const a = ((xa & ya) | ((xa | ya) & z0[w])) & ((xb & yb) | ((xb | yb) & z1[w]));
          acc[n] = a;
          at[n] = w;
          n += a !== 0 ? 1 : 0;
        }
      } else {
        for (let w = w0; w < w1; w++) {
          const xa = x0[w], ya = y0[w], xb = x1[w], yb = y1[w];
          const a = (o0[w] | (xa & ya) | ((xa | ya) & z0[w])) & (o1[w] | (xb & yb) | ((xb | yb) & z1[w]));
          acc[n] = a;
          at[n] = w;
          n += a !== 0 ? 1 : 0;
        }
      }
      for (let l = 2; n !== 0 && l < nf; l++) {
        const Ol = opens[l] ? O[l] : undefined, Xl = X[l], Yl = Y[l], Zl = Z[l];
        let m = 0;
        if (Ol === undefined) {
          for (let k = 0; k < n; k++) {
            const w = at[k];
            const x = Xl[w], y = Yl[w];
            const a = acc[k] & ((x & y) | ((x | y) & Zl[w]));
            acc[m] = a;
            at[m] = w;
            m += a !== 0 ? 1 : 0;
          }
        } else {
          for (let k = 0; k < n; k++) {
            const w = at[k];
            const x = Xl[w], y = Yl[w];
            const a = acc[k] & (Ol[w] | (x & y) | ((x | y) & Zl[w]));
            acc[m] = a;
            at[m] = w;
            m += a !== 0 ? 1 : 0;
          }
        }
        n = m;
      }
      for (let k = 0; k < n; k++) {
        const w = at[k];
        let a = w === lastWord ? acc[k] & lastMask : acc[k];
        if (nt !== 0) {
          if (slack === 0) {
            for (let l = 0; a !== 0 && l < nt; l++) a &= TB[l][w];
          } else if (slack === 1) {
            let one = 0;
            let two = 0;
            for (let l = 0; l < nt; l++) {
              const x = ~TB[l][w];
              two |= one & x;
              one |= x;
            }
            a &= ~two;
          } else if (slack <= 4) {
            // Saturating unary counters in locals (uk: untyped at k or more of the loci so far);
            // a typed array cleared per word (`fill`, a call) cost more than the test itself.
            let u1 = 0;
            let u2 = 0;
            let u3 = 0;
            let u4 = 0;
            let u5 = 0;
            for (let l = 0; l < nt; l++) {
              const x = ~TB[l][w];
              u5 |= u4 & x;
              u4 |= u3 & x;
              u3 |= u2 & x;
              u2 |= u1 & x;
              u1 |= x;
            }
            a &= ~(slack === 2 ? u3 : slack === 3 ? u4 : u5);
          } else {
            for (let c = 0; c <= slack; c++) counter[c] = 0;
            for (let l = 0; l < nt; l++) {
              let x = ~TB[l][w];
              for (let c = 0; x !== 0 && c <= slack; c++) {
                const carry = counter[c] & x;
                counter[c] |= x;
                x = carry;
              }
            }
            a &= ~counter[slack];
          }
        }
        while (a !== 0) {
          const low = a & -a;
          a ^= low;
          visit((w << 5) | (31 - Math.clz32(low)));
        }
      }
    }
    return true;
  }

  /**
   * The anchors a search starts from, or undefined when a column scan is the better plan. A hit
   * mismatches at most maxMismatches loci, so it does not mismatch at least one of any
   * maxMismatches + 1 query loci: those with postings and the fewest non-mismatching records are
   * taken, when those records are few enough to pay (maxShare of the live records). Further loci
   * are added while reading their postings is cheaper than checking the candidates they would
   * remove. `rejected` is how many live records a locus's (filled) table rejects (fillTable).
   */
  private chooseAnchors(loci: readonly { c: LocusColumn; rejected: number }[], maxMismatches: number): { anchors: Anchor[]; share: number } | undefined {
    this.ensurePostings();
    const live = this.live;
    const usable = loci.filter((l) => l.c.postings !== undefined).sort((a, b) => b.rejected - a.rejected);
    if (usable.length < maxMismatches + 1 || live === 0) return undefined;
    const chosen = usable.slice(0, maxMismatches + 1);
    const listed = chosen.reduce((n, l) => n + (live - l.rejected), 0);
    if (listed > this.postingPlan.maxShare * live) return undefined;
    // Estimated candidates left (as if the loci were independent); a locus whose postings are
    // longer than a few checks of those candidates would save is not worth reading.
    let left = listed;
    for (const l of usable.slice(maxMismatches + 1, maxMismatches + 1 + this.postingPlan.maxExtraAnchors)) {
      const nm = live - l.rejected;
      if (nm > DNA_POSTING_READS_PER_CHECK * left) break;
      chosen.push(l);
      left *= nm / live;
    }
    const anchors = chosen.map(({ c }) => {
      const postings = c.postings as LocusPostings;
      postings.ensureBuilt(c.keys, this.highWater);
      const slots: number[] = [];
      for (let s = 0; s < postings.slots; s++) if (c.table[postings.keyOf(s)] !== R_MISMATCH) slots.push(s);
      return { postings, slots };
    });
    return { anchors, share: listed / live };
  }

  /** Removes a record; false when there was none. */
  remove(id: string): boolean {
    const ordinal = this.ordinals.get(id);
    if (ordinal === undefined) return false;
    this.countVisibility(ordinal, -1);
    for (const c of this.postingLoci) c.bitsets?.mark(ordinal, c.keys[ordinal], c.wildcardCode, false);
    this.genotypeHash?.delete(ordinal);
    for (const c of this.columns) {
      if (c === undefined || c.keys[ordinal] === UNTYPED) continue;
      c.keyCounts[c.keys[ordinal]]--;
      c.typed--;
      if (c.typedBits !== undefined) markTyped(c, ordinal, false);
      c.keys[ordinal] = UNTYPED;
    }
    this.flags[ordinal] = 0;
    this.overflow.delete(ordinal);
    this.visibleTo.delete(ordinal);
    this.ordinals.delete(id);
    this.ids.set(ordinal, '');
    this.subjects.set(ordinal, '');
    this.externals.set(ordinal, '');
    this.free.push(ordinal);
    this.live--;
    return true;
  }

  /** The stored genotypes of a record (canonical, as enrolled), or undefined. */
  getLoci(id: string): Map<string, LocusGenotype> | undefined {
    const ordinal = this.ordinals.get(id);
    return ordinal === undefined ? undefined : this.lociOf(ordinal);
  }

  private lociOf(ordinal: number): Map<string, LocusGenotype> {
    const out = new Map<string, LocusGenotype>();
    const extra = this.overflow.get(ordinal);
    for (const c of this.columns) {
      if (c === undefined) continue;
      const key = c.keys[ordinal];
      if (key === UNTYPED) continue;
      out.set(c.name, key === OVERFLOW ? (extra?.get(c.locusIndex) as LocusGenotype) : this.decode(c, key));
    }
    return out;
  }

  private recordOf(ordinal: number): CandidateRecord {
    return { subjectId: this.subjects.get(ordinal), externalId: this.externals.get(ordinal), ownerAgency: this.agencyNames[this.owners[ordinal]] };
  }

  private kindOf(ordinal: number): ProfileKind {
    return PROFILE_KINDS[this.kinds[ordinal]];
  }

  /** access.ts `maySee` for a well-formed `viewer` (the callers check that first) whose code is `viewerCode` (-1: owns nothing). */
  private visibleOrdinal(ordinal: number, viewerCode: number, viewer: string): boolean {
    if ((this.flags[ordinal] & VISIBLE_TO_ALL) !== 0 || this.owners[ordinal] === viewerCode) return true;
    return this.visibleTo.get(ordinal)?.includes(viewer) ?? false;
  }

  private kindMask(kinds: ReadonlySet<ProfileKind> | undefined, excluded?: ReadonlySet<ProfileKind>): number {
    let mask = 0;
    for (const k of PROFILE_KINDS) {
      if (kinds !== undefined && !kinds.has(k)) continue;
      if (excluded?.has(k)) continue;
      mask |= 1 << (KIND_CODE.get(k) as number);
    }
    return mask;
  }

  /**
   * Fills a column's lookup table for one query locus; returns how many records it rejects.
   *
   * Every key some record holds or held (usedKeys) is written, by one of two paths: the general
   * one evaluates each; the sparse one (HIGH and MODERATE with one or two concrete query alleles)
   * relies on the table holding MISMATCH at every used key but those it wrote last time
   * (`c.sparse`), resets those, and evaluates only the keys that can not mismatch: pairs of the
   * query's codes and the wildcard, and at MODERATE for a one-allele query any key holding that
   * allele or a wildcard (locus-comparison.ts). A full profile's HIGH search thus fills 29 tables
   * from a few keys each instead of every genotype seen at each locus. Only this method writes
   * the tables.
   */
  private fillTable(c: LocusColumn, q: LocusGenotype, stringency: Stringency): number {
    const t = c.table;
    const d = c.alleles.length;
    // Marks per code of the query's alleles: scratch, cleared again before returning.
    const inQuery = this.queryMarks;
    const queryCodes: number[] = [];
    for (const a of q.alleles) {
      const code = c.codes.get(a.designation);
      if (code !== undefined) {
        inQuery[code] = 1;
        queryCodes.push(code);
      }
    }
    const qn = q.alleles.length;
    const wq = q.wildcards;
    const w = c.wildcardCode;
    t[UNTYPED] = R_NOT_COMPARED;
    t[OVERFLOW] = R_OVERFLOW;
    const used = c.usedKeys;
    if (stringency === 'low' || wq > 0 || qn === 0 || qn > 2) {
      c.sparse = undefined;
      let rejected = 0;
      // Only keys some record holds or held are written: no record can hold another key.
      for (const key of used) {
        const r = this.evaluateKey(key, w, qn, wq, stringency);
        t[key] = r;
        if (r === R_MISMATCH) rejected += c.keyCounts[key];
      }
      for (const code of queryCodes) inQuery[code] = 0;
      return rejected;
    }
    // Sparse: first back to MISMATCH at every used key (all of them after a general fill; else
    // the keys written last time and those first used since).
    let st = c.sparse;
    if (st === undefined) {
      for (const key of used) t[key] = R_MISMATCH;
      st = c.sparse = { written: [], usedSeen: used.length };
    } else {
      for (const key of st.written) t[key] = R_MISMATCH;
      for (let k = st.usedSeen; k < used.length; k++) t[used[k]] = R_MISMATCH;
      st.usedSeen = used.length;
    }
    const written: number[] = (st.written = []);
    // The keys that can not mismatch: pairs of the query's codes and the wildcard, and at
    // MODERATE for a one-allele query any key holding that allele or a wildcard. (Plain loops,
    // no closures: this runs for every query locus of every search.)
    const codes = w !== 0 ? [...queryCodes, w] : queryCodes;
    const pairs: number[] = [];
    for (let i = 0; i < codes.length; i++) for (let j = i; j < codes.length; j++) pairs.push(pairKey(codes[i], codes[j]));
    if (stringency === 'moderate' && qn === 1) {
      for (let x = 1; x < d; x++) {
        if (queryCodes.length === 1) pairs.push(pairKey(queryCodes[0], x));
        if (w !== 0) pairs.push(pairKey(x, w));
      }
    }
    // Every used key but OVERFLOW's records, less those the written keys keep.
    let rejected = c.typed - c.keyCounts[OVERFLOW];
    for (const key of pairs) {
      if (t[key] !== R_MISMATCH && written.includes(key)) continue;
      const r = this.evaluateKey(key, w, qn, wq, stringency);
      if (r === R_MISMATCH) continue;
      t[key] = r;
      written.push(key);
      rejected -= c.keyCounts[key];
    }
    for (const code of queryCodes) inQuery[code] = 0;
    return rejected;
  }

  /**
   * The comparison of the query locus whose codes are marked in `queryMarks` (qn concrete
   * alleles, wq wildcard positions) with the candidate genotype of key (x, y) at a column whose
   * wildcard code is w: locus-comparison.ts's rules in closed form.
   */
  private evaluateKey(key: number, w: number, qn: number, wq: number, stringency: Stringency): number {
    const inQuery = this.queryMarks;
    const x = key >>> 8;
    const y = key & 0xff;
    // The candidate genotype of key (x, y): concrete alleles and wildcard positions.
    let cn: number;
    let wc: number;
    let shared: number;
    if (x === y) {
      if (x === w) { cn = 0; wc = 2; shared = 0; }
      else { cn = 1; wc = 0; shared = inQuery[x]; }
    } else if (x === w || y === w) {
      cn = 1; wc = 1; shared = inQuery[x === w ? y : x];
    } else {
      cn = 2; wc = 0; shared = inQuery[x] + inQuery[y];
    }
    const qOnly = qn - shared;
    const cOnly = cn - shared;
    let ok: boolean;
    if (stringency === 'high') ok = qOnly <= wc && cOnly <= wq;
    else if (stringency === 'moderate') ok = qOnly <= wc || cOnly <= wq;
    else ok = shared > 0 || wq > 0 || wc > 0;
    return !ok ? R_MISMATCH : wq > 0 || wc > 0 ? R_WILDCARD : R_MATCH;
  }


  /** `interrupt`, when given, is called between blocks of records; it throws to abandon the search. */
  search(query: DnaProfile, options: DnaSearchOptions, interrupt?: () => void): DnaSearchResult {
    const o = resolveSearchOptions(options, this.tables, this.registry);
    // Fail-closed: a viewer that is no agency sees nothing (access.ts), so nothing is compared.
    this.plan = 'none';
    if (!isAgency(o.viewerAgency)) return { candidates: [], totalHits: 0, compared: 0, stringency: o.stringency, population: o.table.name, theta: o.theta };
    // Query loci present in the index, Amelogenin excluded; most rejecting first.
    const scan: { c: LocusColumn; q: LocusGenotype; rejected: number }[] = [];
    for (const q of query.loci.values()) {
      const info = this.registry.resolve(q.locus);
      if (!isComparedLocus(info, o)) continue;
      const c = this.columns[info.index];
      if (c === undefined) continue;
      scan.push({ c, q, rejected: this.fillTable(c, q, o.stringency) });
    }
    const inRegistryOrder = [...scan].sort((a, b) => a.c.locusIndex - b.c.locusIndex);
    scan.sort((a, b) => b.rejected - a.rejected);
    const keys = scan.map((s) => s.c.keys);
    const tabs = scan.map((s) => s.c.table);
    const nq = scan.length;
    const maxMis = o.maxMismatches;
    const minCompared = o.minComparedLoci;
    const mask = this.kindMask(o.targetKinds);
    const allKinds = mask === this.kindMask(undefined);
    const viewer = o.viewerAgency;
    const viewerCode = this.agencyCodes.get(viewer) ?? -1;
    const flags = this.flags;
    const kinds = this.kinds;
    const hits: Hit[] = [];
    const hw = this.highWater;
    const admitted = (i: number): boolean =>
      (flags[i] & ALIVE) !== 0 &&
      (allKinds || (mask & (1 << kinds[i])) !== 0) &&
      this.visibleOrdinal(i, viewerCode, viewer);
    // Records the rules apply to: those passing the kind and visibility filters.
    const compared = this.visibleCount(mask, viewer);
    // The full check of one record (run on the few that survive the mismatch scan below).
    const full = (i: number): void => {
      if (!admitted(i)) return;
      let mism = 0;
      let comp = 0;
      let slow = false;
      for (let j = 0; j < nq; j++) {
        const r = tabs[j][keys[j][i]];
        if (r === R_NOT_COMPARED) continue;
        comp++;
        if (r === R_MISMATCH) mism++;
        else if (r === R_OVERFLOW) slow = true;
      }
      if (mism > maxMis) return;
      if (slow) {
        const id = this.ids.get(i);
        const d = describeCandidate(id, query, this.lociOf(i), this.kindOf(i), o, this.registry);
        if (d !== undefined) hits.push({ ordinal: i, recordId: id, matchingLoci: d.matchingLoci, mismatchingLoci: d.mismatchingLoci, rankingStatistic: d.rankingStatistic, described: d });
      } else if (comp >= minCompared) {
        hits.push({ ordinal: i, recordId: this.ids.get(i), matchingLoci: comp - mism, mismatchingLoci: mism, rankingStatistic: 0 });
      }
    };
    // A hit mismatches at most maxMis loci, so it does not mismatch at one of any maxMis + 1 query
    // loci at least: start from the postings of those with the fewest such records.
    // Plans (measured: docs/decisions/dna-exact-search.md): posting lists when the starting loci
    // list few records (HIGH, most MODERATE); else, for exact searches, allele bitsets ANDed over
    // the query loci 32 records at a time (LOW); else the column scan. Candidates are checked on
    // the columns, most rejecting locus first, then fully (`full`).
    // The loci a plan already filtered on are checked last: a candidate seldom fails them.
    // Candidates are checked in batches, one locus over the whole batch at a time: those loads are
    // independent of each other, so the CPU overlaps their cache misses (a candidate's column
    // slots are scattered over the database), where a record-at-a-time check waits for each miss
    // before the next (measured: docs/decisions/dna-exact-search.md). `flush` checks what is
    // left; every plan calls it once it has listed its candidates.
    const checker = (filtered: (c: LocusColumn, q: LocusGenotype) => boolean): { visit: (i: number) => void; flush: () => void } => {
      const order = scan.map((_, j) => j).sort((a, b) => Number(filtered(scan[a].c, scan[a].q)) - Number(filtered(scan[b].c, scan[b].q)) || a - b);
      const ck = order.map((j) => keys[j]);
      const ct = order.map((j) => tabs[j]);
      const { ordinals: ords, mismatches: mis } = this.checkBatch;
      let n = 0;
      const flush = (): void => {
        let m = n;
        n = 0;
        if (maxMis === 0) {
          // A survivor has no mismatch: R_MISMATCH >> MISMATCH_SHIFT is 1, every other result 0.
          for (let j = 0; j < nq && m > 0; j++) {
            const kj = ck[j];
            const tj = ct[j];
            let out = 0;
            for (let k = 0; k < m; k++) {
              const i = ords[k];
              ords[out] = i;
              out += (tj[kj[i]] >> MISMATCH_SHIFT) ^ 1;
            }
            m = out;
          }
        } else {
          mis.fill(0, 0, m);
          for (let j = 0; j < nq && m > 0; j++) {
            const kj = ck[j];
            const tj = ct[j];
            let out = 0;
            for (let k = 0; k < m; k++) {
              const i = ords[k];
              const mm = mis[k] + (tj[kj[i]] >> MISMATCH_SHIFT);
              ords[out] = i;
              mis[out] = mm;
              out += mm <= maxMis ? 1 : 0;
            }
            m = out;
          }
        }
        for (let k = 0; k < m; k++) full(ords[k]);
      };
      const visit = (i: number): void => {
        ords[n++] = i;
        if (n === ords.length) flush();
      };
      return { visit, flush };
    };
    const byPostings = (anchors: readonly Anchor[]): { visit: (i: number) => void; flush: () => void } => {
      const used = new Set(anchors.map((a) => a.postings));
      return checker((c) => c.postings !== undefined && used.has(c.postings));
    };
    this.plan = 'none';
    // An identity lookup first: exact HIGH by a query typed at the hashed loci.
    const lookup = o.stringency === 'high' && maxMis === 0 && nq >= minCompared && nq > 0 ? this.hashLookup(scan) : undefined;
    const pick = lookup === undefined && nq >= minCompared && nq > maxMis ? this.chooseAnchors(scan, maxMis) : undefined;
    const bitsetCheck = (): { visit: (i: number) => void; flush: () => void } => checker((c, q) => c.bitsets !== undefined && q.wildcards === 0 && q.alleles.length > 0 && q.alleles.length <= 2);
    let bitsetChecker: { visit: (i: number) => void; flush: () => void } | undefined;
    if (lookup !== undefined) {
      this.plan = 'hash';
      // Bucket records may merely collide, so no locus is known to pass: check them all.
      const check = checker(() => false);
      lookup.hash.visit(lookup.bucket, check.visit);
      check.flush();
    } else if (pick !== undefined && pick.share <= (o.stringency === 'high' ? this.postingPlan.highBitsetShare : this.postingPlan.bitsetShare)) {
      this.plan = 'postings';
      const check = byPostings(pick.anchors);
      this.visitPostings(pick.anchors, maxMis, check.visit, interrupt);
      check.flush();
    } else if (nq >= minCompared && maxMis === 0 && this.postingPlan.bitsets && this.visitBitsets(scan, o.stringency, (bitsetChecker = bitsetCheck()).visit, interrupt, this.typedFilter(scan, minCompared))) {
      this.plan = 'bitsets';
      bitsetChecker.flush();
    } else if (pick !== undefined) {
      this.plan = 'postings';
      const check = byPostings(pick.anchors);
      this.visitPostings(pick.anchors, maxMis, check.visit, interrupt);
      check.flush();
    } else if (nq >= minCompared && nq > 0) {
      this.plan = 'scan';
      // Mismatch scan: loci in chunks of four, most rejecting first, mismatches counted without
      // branches; a record leaves at the first chunk that takes it past maxMismatches. Padding
      // slots reuse a real column with a neutral table. Overflow keys never count as mismatches
      // here, so overflowing records reach the full check.
      const nChunks = Math.ceil(nq / 4);
      const K: Uint16Array[] = [];
      const T: Uint8Array[] = [];
      for (let j = 0; j < nChunks * 4; j++) {
        K.push(j < nq ? keys[j] : keys[0]);
        T.push(j < nq ? tabs[j] : NEUTRAL_TABLE);
      }
      const [k0, k1, k2, k3] = K;
      const [t0, t1, t2, t3] = T;
      // When the most rejecting locus alone rejects most records (HIGH, MODERATE), a branch on it
      // first is cheaper than loading four columns (measured: bench/dna-search.bench.ts).
      // The same for the second locus: at 10 M records this keeps most column lines untouched.
      const firstAlone = maxMis === 0 && scan[0].rejected > 0.8 * this.live;
      const secondAlone = firstAlone && nq >= 2 && scan[1].rejected > 0.8 * this.live;
      for (let start = 0; start < hw; start += INTERRUPT_BLOCK) {
        interrupt?.();
        const end = Math.min(hw, start + INTERRUPT_BLOCK);
        for (let i = start; i < end; i++) {
          if (firstAlone && t0[k0[i]] === R_MISMATCH) continue;
          if (secondAlone && t1[k1[i]] === R_MISMATCH) continue;
          let mm = (t0[k0[i]] >> MISMATCH_SHIFT) + (t1[k1[i]] >> MISMATCH_SHIFT) + (t2[k2[i]] >> MISMATCH_SHIFT) + (t3[k3[i]] >> MISMATCH_SHIFT);
          if (mm > maxMis) continue;
          let c = 1;
          for (; c < nChunks; c++) {
            const b = c * 4;
            mm += (T[b][K[b][i]] >> MISMATCH_SHIFT) + (T[b + 1][K[b + 1][i]] >> MISMATCH_SHIFT) + (T[b + 2][K[b + 2][i]] >> MISMATCH_SHIFT) + (T[b + 3][K[b + 3][i]] >> MISMATCH_SHIFT);
            if (mm > maxMis) break;
          }
          if (c < nChunks) continue;
          full(i);
        }
      }
    }
    // Ranking: more matching loci, fewer mismatches, smaller statistic, record id (compareRank).
    // Only the hits whose (matching, mismatching) group reaches into the first maxCandidates can
    // be returned, so only they need their statistic; totalHits counts every hit.
    const contenders = topGroups(hits, o.maxCandidates);
    let top: DnaCandidate[];
    if (contenders.length <= o.maxCandidates) {
      // All of them are returned: describe each once (its statistic is the one ranked on).
      const described = contenders.map((h) => {
        const d = h.described ?? describeCandidate(h.recordId, query, this.lociOf(h.ordinal), this.kindOf(h.ordinal), o, this.registry);
        if (d === undefined) throw EngineError.internal('dna index: a hit failed the rules on re-check');
        return { h, d };
      });
      described.sort((a, b) => compareRank(a.d, b.d));
      top = described.map(({ h, d }, i): DnaCandidate => ({ ...d, ...this.recordOf(h.ordinal), rank: i + 1 }));
    } else {
      // Statistics of the contenders: per-locus factors memoised per key, multiplied in registry
      // order exactly as describeCandidate does.
      const queryMixture = isMixture(query);
      const memo = inRegistryOrder.map(() => new Map<number, number>());
      // Single source: a MATCH locus's factor depends only on which query alleles the candidate
      // shares and whether it shows one allele or two (match-statistics.ts locusMatchFactor), so
      // it is computed once per such signature: bit i for query allele i, bit 3 for one allele.
      const sharedBits = inRegistryOrder.map(({ c, q }) => {
        const bits = new Uint8Array(c.alleles.length);
        q.alleles.forEach((a, i) => {
          const code = c.codes.get(a.designation);
          if (code !== undefined) bits[code] |= 1 << i;
        });
        return bits;
      });
      const bySignature = inRegistryOrder.map(() => new Float64Array(16));
      const signatureSeen = inRegistryOrder.map(() => new Uint8Array(16));
      for (const h of contenders) {
        if (h.described !== undefined) continue;
        const candMixture = kinds[h.ordinal] === MIXTURE_CODE;
        const mode = queryMixture || candMixture ? 'mixture' : 'single-source';
        let product = 1;
        for (let j = 0; j < inRegistryOrder.length; j++) {
          const { c, q } = inRegistryOrder[j];
          const key = c.keys[h.ordinal];
          if (c.table[key] !== R_MATCH) continue;
          let f: number;
          if (mode === 'single-source' && q.alleles.length <= 3) {
            // A MATCH key holds two concrete codes (a wildcard makes it WILDCARD, more alleles OVERFLOW).
            const x = key >>> 8;
            const y = key & 0xff;
            const signature = sharedBits[j][x] | sharedBits[j][y] | (x === y ? 8 : 0);
            if (signatureSeen[j][signature] === 0) {
              const cg = this.decode(c, key);
              bySignature[j][signature] = locusMatchFactor(q, cg, 'match', mode, cg, o.table, o.theta) ?? NaN;
              signatureSeen[j][signature] = 1;
            }
            f = bySignature[j][signature];
          } else {
            const m = memo[j];
            let known = m.get(key);
            if (known === undefined) {
              const cg = this.decode(c, key);
              known = locusMatchFactor(q, cg, 'match', mode, queryMixture ? q : cg, o.table, o.theta) ?? NaN;
              m.set(key, known);
            }
            f = known;
          }
          if (!Number.isNaN(f)) product *= f;
        }
        h.rankingStatistic = candidateStatistics(product, mode).rankingStatistic;
      }
      contenders.sort(compareRank);
      top = contenders.slice(0, o.maxCandidates).map((h, i): DnaCandidate => {
        const d = h.described ?? describeCandidate(h.recordId, query, this.lociOf(h.ordinal), this.kindOf(h.ordinal), o, this.registry);
        if (d === undefined) throw EngineError.internal('dna index: a hit failed the rules on re-check');
        return { ...d, ...this.recordOf(h.ordinal), rank: i + 1 };
      });
    }
    return { candidates: top, totalHits: hits.length, compared, stringency: o.stringency, population: o.table.name, theta: o.theta };
  }

  /** `interrupt` as for `search`. */
  kinshipSearch(query: DnaProfile, options: KinshipSearchOptions, interrupt?: () => void): KinshipSearchResult {
    checkKinshipQuery(query);
    const o = resolveKinshipOptions(options, this.tables, this.registry);
    this.plan = 'none';
    if (!isAgency(o.viewerAgency)) return { candidates: [], totalHits: 0, compared: 0, relationship: o.relationship, population: o.table.name, theta: o.theta };
    // Per query locus (registry order), the kinship index for every key (1 where unusable).
    const loci: { c: LocusColumn; q: LocusGenotype; ki: Float64Array; best: number }[] = [];
    for (const q of query.loci.values()) {
      const info = this.registry.resolve(q.locus);
      if (!isComparedLocus(info, o)) continue;
      const c = this.columns[info.index];
      if (c === undefined) continue;
      const qa = kinshipAlleles(q);
      // A locus the query cannot use contributes to no record (as in describeKinshipCandidate).
      if (qa === undefined || !o.table.hasLocus(c.name)) continue;
      const ki = (c.kinship ??= new Float64Array(65536));
      let best = 1; // an untyped or unusable locus multiplies by 1
      // The query's alleles as codes (alleles the index has never seen get negative codes).
      const unseen = new Map<string, number>();
      const codeOf = (dsg: string): number => {
        const known = c.codes.get(dsg);
        if (known !== undefined) return known;
        if (!unseen.has(dsg)) unseen.set(dsg, -1 - unseen.size);
        return unseen.get(dsg) as number;
      };
      const a = codeOf(qa[0]);
      const b = codeOf(qa[1]);
      const d = c.alleles.length;
      const freq = new Float64Array(d);
      for (let code = 1; code < d; code++) {
        if (code !== c.wildcardCode) freq[code] = o.table.frequency(c.name, c.alleles[code].designation) as number;
      }
      // Every key a record can hold is written, so no stale value is read; unusable keys (untyped,
      // wildcard) multiply by 1 and are not counted as compared (exact, below).
      ki[UNTYPED] = 1;
      ki[OVERFLOW] = Infinity;
      for (let x = 1; x < d; x++) {
        for (let y = x; y < d; y++) {
          const key = (x << 8) | y;
          if (x === c.wildcardCode || y === c.wildcardCode) {
            ki[key] = 1;
            continue;
          }
          // G2's alleles in allele order, as the genotype lists them (the float order matters).
          const swap = c.alleles[x].order > c.alleles[y].order;
          const u = swap ? y : x;
          const v = swap ? x : y;
          const value = kinshipIndexCore(a, b, u, v, freq[u], freq[v], o.relationship, o.theta);
          ki[key] = value;
          if (value > best && c.keyCounts[key] > 0) best = value;
        }
      }
      // Overflow genotypes are not in the table; their index is unbounded here.
      if (c.keyCounts[OVERFLOW] > 0) best = Infinity;
      loci.push({ c, q, ki, best });
    }
    loci.sort((a, b) => a.c.locusIndex - b.c.locusIndex);
    const mask = this.kindMask(o.targetKinds, KINSHIP_EXCLUDED_KINDS);
    const viewer = o.viewerAgency;
    const viewerCode = this.agencyCodes.get(viewer) ?? -1;
    const hits: { ordinal: number; recordId: string; kinshipIndex: number; comparedLoci: number }[] = [];
    const compared = this.visibleCount(mask, viewer);
    const n = loci.length;
    const keys = loci.map((l) => l.c.keys);
    const kis = loci.map((l) => l.ki);
    const wildcards = loci.map((l) => l.c.wildcardCode); // 0: none seen (no typed key holds code 0)
    // Pruning order: loci with the largest possible factor first, so that what the loci still to
    // come could add (reach) shrinks fastest. reach[t]: the largest product loci order[t..] can
    // still contribute; a record whose product so far times reach is below the threshold cannot
    // reach it and is dropped. The margin keeps rounding (the product in another order) from ever
    // dropping a record the exact product would keep; the records that stay get their exact
    // product in registry order, as describeKinshipCandidate computes it.
    const order = loci.map((_, j) => j).sort((a, b) => loci[b].best - loci[a].best || a - b);
    const okeys = order.map((j) => keys[j]);
    const okis = order.map((j) => kis[j]);
    const reach = new Float64Array(n + 1);
    reach[n] = 1;
    for (let t = n - 1; t >= 0; t--) reach[t] = reach[t + 1] * loci[order[t]].best;
    const floor = o.minKinshipIndex * (1 - 1e-9);
    const flags = this.flags;
    const kinds = this.kinds;
    const admitted = (i: number): boolean =>
      (flags[i] & ALIVE) !== 0 && (mask & (1 << kinds[i])) !== 0 && this.visibleOrdinal(i, viewerCode, viewer);
    // One record that the bound kept (and the filters admitted): its exact product in registry
    // order, or the slow path when a query locus holds an overflow genotype.
    const exact = (i: number): void => {
      for (let j = 0; j < n; j++) {
        if (keys[j][i] !== OVERFLOW) continue;
        const id = this.ids.get(i);
        const d = describeKinshipCandidate(id, query, this.lociOf(i), o, this.registry);
        if (d !== undefined) hits.push({ ordinal: i, recordId: id, kinshipIndex: d.kinshipIndex, comparedLoci: d.comparedLoci });
        return;
      }
      let product = 1;
      let comp = 0;
      for (let j = 0; j < n; j++) {
        const key = keys[j][i];
        const w = wildcards[j];
        if (key === UNTYPED || key >>> 8 === w || (key & 0xff) === w) continue;
        product *= kis[j][key];
        comp++;
      }
      if (comp >= o.minComparedLoci && product >= o.minKinshipIndex) hits.push({ ordinal: i, recordId: this.ids.get(i), kinshipIndex: product, comparedLoci: comp });
    };
    // One record at a time (the pre-filter's candidates, and the per-record plan): filters, the
    // bound locus by locus, then the exact product.
    const visit = (i: number): void => {
      if (!admitted(i)) return;
      let bound = 1;
      for (let t = 0; t < n; t++) {
        const key = okeys[t][i];
        if (key === OVERFLOW) break;
        bound *= okis[t][key];
        if (bound * reach[t + 1] < floor) return;
      }
      exact(i);
    };
    // Parent-child pre-filter: a locus where the two share no allele multiplies by
    // PARENT_CHILD_INCONSISTENCY_FACTOR, the others by at most their best factor, so a hit shares an
    // allele at all but at most `maxInconsistent` of the query's usable loci. When that bound is
    // small, the records sharing an allele at one of maxInconsistent + 1 loci are found from the
    // postings (LOW-stringency tables: sharing, untyped, wildcard or overflow) and only those are
    // visited; otherwise every record is.
    let anchors: Anchor[] | undefined;
    let maxInconsistent = 0;
    if (o.relationship === 'parent-child' && n > 0) {
      const all = reach[0];
      while (maxInconsistent < n && all * PARENT_CHILD_INCONSISTENCY_FACTOR ** (maxInconsistent + 1) >= floor) maxInconsistent++;
      if (maxInconsistent < n) {
        const shareLoci = loci.map((l) => ({ c: l.c, rejected: this.fillTable(l.c, l.q, 'low') }));
        anchors = this.chooseAnchors(shareLoci, maxInconsistent)?.anchors;
      }
    }
    this.plan = anchors !== undefined ? 'postings' : 'scan';
    if (anchors !== undefined) {
      this.visitPostings(anchors, maxInconsistent, visit, interrupt);
    } else if (this.kinshipPlan.columns) {
      // Every record: the bound over whole blocks of the columns (kinship-scan.ts), the exact
      // product only for the few records it keeps; the filters before the loci when the search
      // applies to few of the records, else only on the survivors.
      const filterFirst = this.kinshipPlan.filterFirst ?? compared < DNA_KINSHIP_FILTER_FIRST_BELOW * this.highWater;
      const input = { block: this.kinshipPlan.block, group: this.kinshipPlan.group, keys: okeys, bounds: okis, reach, floor, start: 0, end: this.highWater, ...(filterFirst ? { admit: admitted } : {}) };
      scanKinshipColumns(input, (i) => { if (admitted(i)) exact(i); }, interrupt, INTERRUPT_BLOCK);
    } else {
      for (let start = 0; start < this.highWater; start += INTERRUPT_BLOCK) {
        interrupt?.();
        const end = Math.min(this.highWater, start + INTERRUPT_BLOCK);
        for (let i = start; i < end; i++) visit(i);
      }
    }
    hits.sort(compareKinshipRank);
    const top = hits.slice(0, o.maxCandidates).map((h, i): KinshipCandidate => {
      const d = describeKinshipCandidate(h.recordId, query, this.lociOf(h.ordinal), o, this.registry);
      if (d === undefined) throw EngineError.internal('dna index: a kinship hit failed on re-check');
      return { ...d, ...this.recordOf(h.ordinal), rank: i + 1 };
    });
    return { candidates: top, totalHits: hits.length, compared, relationship: o.relationship, population: o.table.name, theta: o.theta };
  }

  /**
   * For admin stats: live records, loci with a column, records with overflow genotypes, loci with
   * posting lists and bitsets, and an estimate of the bytes held (typed arrays and packed strings
   * exactly; the id table, the overflow map and visibility lists not counted).
   */
  stats(): { entries: number; loci: number; overflowRecords: number; approximateBytes: number; postingLoci: number } {
    let bytes = this.flags.byteLength + this.kinds.byteLength + this.owners.byteLength + this.ids.byteLength() + this.subjects.byteLength() + this.externals.byteLength() + (this.genotypeHash?.bytes() ?? 0);
    let loci = 0;
    for (const c of this.columns) {
      if (c === undefined) continue;
      loci++;
      bytes += c.keys.byteLength + c.keyCounts.byteLength + c.table.byteLength + (c.kinship?.byteLength ?? 0) + (c.postings?.bytes() ?? 0) + (c.bitsets?.bytes() ?? 0) + (c.typedBits?.bits.byteLength ?? 0);
    }
    return { entries: this.live, loci, overflowRecords: this.overflow.size, approximateBytes: bytes, postingLoci: this.postingLoci.length };
  }

  /**
   * Bytes held per structure (typed arrays and packed strings exactly; maps and lists not
   * counted), for the memory measurement (bench/dna-memory.bench.ts, docs/measurements/dna-search.md).
   */
  memoryBreakdown(): Record<string, number> {
    const out: Record<string, number> = {
      'record ids (packed)': this.ids.byteLength(),
      'subject ids (packed)': this.subjects.byteLength(),
      'external ids (packed)': this.externals.byteLength(),
      'id -> ordinal table': this.ordinals.byteLength(),
      'flags, kinds, owners': this.flags.byteLength + this.kinds.byteLength + this.owners.byteLength,
      'locus key columns': 0,
      'key counts and lookup tables': 0,
      'kinship scratch tables': 0,
      'posting lists': 0,
      'allele bitsets': 0,
      'typed bits': 0,
      'genotype hash': this.genotypeHash?.bytes() ?? 0,
    };
    for (const c of this.columns) {
      if (c === undefined) continue;
      out['locus key columns'] += c.keys.byteLength;
      out['key counts and lookup tables'] += c.keyCounts.byteLength + c.table.byteLength;
      out['kinship scratch tables'] += c.kinship?.byteLength ?? 0;
      out['posting lists'] += c.postings?.bytes() ?? 0;
      out['allele bitsets'] += c.bitsets?.bytes() ?? 0;
      out['typed bits'] += c.typedBits?.bits.byteLength ?? 0;
    }
    return out;
  }

  /** Live records typed at each locus with a column (for the memory measurement). */
  typedPerLocus(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const c of this.columns) if (c !== undefined) out[c.name] = c.typed;
    return out;
  }

  /**
   * `add` for a profile in the store's canonical form (StoredDnaProfile), as the index thread
   * receives it at start: the same record and the same errors as
   * `add(id, fromStoredProfile(stored, registry), meta)`, without building the profile object.
   * Measured (docs/measurements/dna-search.md, "Load path"): fromStoredProfile was the largest
   * single cost of a rebuild. Genotypes of one or two designations at canonically named loci
   * take the fast path: each designation is looked up in the locus's dictionary and parsed
   * (validated) only the first time the index sees it. Anything else (more alleles, an alias, a
   * relationship to check, a dictionary that ran full, any doubt) goes through fromStoredProfile.
   */
  addStored(id: string, stored: StoredDnaProfile, meta: DnaRecordMeta): void {
    const keys = this.storedKeys(stored);
    if (keys === undefined) {
      this.add(id, fromStoredProfile(stored, this.registry), meta);
      return;
    }
    const ordinal = this.placeRecord(id, meta);
    for (let j = 0; j < keys.length; j += 2) {
      const c = this.columns[keys[j]] as LocusColumn;
      this.setKey(c, ordinal, keys[j + 1]);
    }
    for (const c of this.postingLoci) c.bitsets?.mark(ordinal, c.keys[ordinal], c.wildcardCode, true);
    this.genotypeHash?.insert(ordinal);
    this.live++;
  }

  /**
   * The (locus index, key) pairs of a stored profile when every typed locus takes the fast path
   * (see addStored), else undefined. Validates what it reads: a designation new to a locus is
   * parsed, and throws as parseAllele does in fromStoredProfile.
   */
  private storedKeys(stored: StoredDnaProfile): number[] | undefined {
    if (typeof stored !== 'object' || stored === null || !KIND_CODE.has(stored.kind) || stored.kind === 'relative-of-missing') return undefined;
    if (stored.relationship !== undefined) return undefined; // fromStoredProfile checks it
    const loci = stored.loci;
    if (typeof loci !== 'object' || loci === null || Array.isArray(loci)) return undefined;
    const out: number[] = [];
    for (const name of Object.keys(loci)) {
      const d = loci[name];
      if (!Array.isArray(d) || d.length > 2) return undefined;
      if (d.length === 0) continue;
      const info = this.registry.find(name);
      // An alias or an unknown name: fromStoredProfile resolves it, or names the error.
      if (info === undefined || info.name !== name) return undefined;
      const c = this.column(info.index);
      for (let j = 0; j < out.length; j += 2) if (out[j] === info.index) return undefined;
      const x = this.storedCode(c, d[0], name);
      const y = d.length === 2 ? this.storedCode(c, d[1], name) : x;
      if (x === 0 || y === 0) return undefined;
      out.push(info.index, x <= y ? (x << 8) | y : (y << 8) | x);
    }
    return out;
  }

  /** The code of a designation at a column (new designations parsed and validated); 0: take the slow path. */
  private storedCode(c: LocusColumn, designation: unknown, locus: string): number {
    const known = typeof designation === 'string' ? c.codes.get(designation) : undefined;
    if (known !== undefined) return known;
    const info = this.registry.get(c.locusIndex);
    // parseAllele throws INVALID_ARGUMENT at `loci.<locus>`, the field fromStoredProfile names.
    return this.code(c, parseAllele(designation as string, info, `loci.${locus}`));
  }

  /**
   * The index's record state, for a snapshot (dna-index-snapshot.ts): the arrays themselves (cut
   * to the ordinals in use), not copies, so the caller must not change them and must be done
   * before the next add or remove. Posting lists and bitsets are not part of it: `warm` rebuilds
   * them from the columns.
   */
  exportState(): DnaIndexState {
    const hw = this.highWater;
    return {
      highWater: hw,
      live: this.live,
      ids: this.stringList(this.ids, hw, true),
      free: [...this.free],
      flags: this.flags.subarray(0, hw),
      kinds: this.kinds.subarray(0, hw),
      owners: this.owners.subarray(0, hw),
      agencyNames: [...this.agencyNames],
      subjects: this.stringList(this.subjects, hw, false),
      externals: this.stringList(this.externals, hw, false),
      visibleTo: [...this.visibleTo],
      visibleToAllCount: this.visibleToAllCount,
      seenByCount: [...this.seenByCount],
      columns: this.columns.filter((c): c is LocusColumn => c !== undefined).map((c) => ({
        locusIndex: c.locusIndex,
        name: c.name,
        designations: c.alleles.map((a) => a.designation),
        wildcardCode: c.wildcardCode,
        typed: c.typed,
        usedKeys: [...c.usedKeys],
        keys: c.keys.subarray(0, hw),
        keyCounts: c.keyCounts,
      })),
      overflow: [...this.overflow].flatMap(([ordinal, m]) => [...m].map(([locusIndex, g]): [number, number, string[]] => [ordinal, locusIndex, genotypeText(g)])),
    };
  }

  /** A packed list's first `n` strings as a StringList; '' read as undefined for ids (a free ordinal). */
  private stringList(p: PackedStrings, n: number, ids: boolean): StringList {
    return {
      length: n,
      slice: (start: number, end: number): (string | undefined)[] => {
        const out: (string | undefined)[] = [];
        for (let i = start; i < Math.min(end, n); i++) {
          const s = p.get(i);
          out.push(ids && s === '' ? undefined : s);
        }
        return out;
      },
    };
  }

  /**
   * Fills an empty index from `exportState`'s output (a snapshot): the same records at the same
   * ordinals, so every search answers exactly as the exported index did. Throws (leaving this
   * index unusable: discard it) when the state does not fit this index's locus registry or is
   * inconsistent. Call `warm` after it.
   */
  restoreState(state: DnaIndexState): void {
    if (this.highWater !== 0 || this.live !== 0) throw EngineError.internal('dna index: a snapshot is restored into an empty index only');
    // Built from the restored columns when a search first needs it (or by warm).
    this.genotypeHash = undefined;
    const hw = state.highWater;
    const bad = (what: string): never => { throw EngineError.internal(`dna index snapshot: ${what}`); };
    if (!Number.isInteger(hw) || hw < 0 || state.ids.length !== hw || state.flags.length !== hw || state.kinds.length !== hw || state.owners.length !== hw
      || state.subjects.length !== hw || state.externals.length !== hw) bad('array lengths disagree');
    this.reserve(Math.max(hw, this.capacity));
    this.flags.set(state.flags);
    this.kinds.set(state.kinds);
    this.owners.set(state.owners);
    if (state.agencyNames[0] !== '') bad('agency table');
    for (let code = 1; code < state.agencyNames.length; code++) {
      this.agencyNames[code] = state.agencyNames[code];
      this.agencyCodes.set(state.agencyNames[code], code);
    }
    let live = 0;
    for (let from = 0; from < hw; from += RESTORE_CHUNK) {
      const to = Math.min(hw, from + RESTORE_CHUNK);
      const ids = state.ids.slice(from, to);
      const subjects = state.subjects.slice(from, to);
      const externals = state.externals.slice(from, to);
      if (ids.length !== to - from || subjects.length !== to - from || externals.length !== to - from) bad('array lengths disagree');
      for (let i = from; i < to; i++) {
        const id = ids[i - from];
        if (typeof subjects[i - from] !== 'string' || typeof externals[i - from] !== 'string') bad('subject or external ids');
        this.subjects.set(i, subjects[i - from] as string);
        this.externals.set(i, externals[i - from] as string);
        if (id === undefined) continue;
        if (id === '') bad('record ids');
        this.ids.set(i, id);
        if ((this.flags[i] & ALIVE) === 0 || this.kinds[i] >= PROFILE_KINDS.length || this.owners[i] >= this.agencyNames.length) bad('record flags');
        this.ordinals.set(id, i);
        live++;
      }
    }
    if (live !== state.live || this.ordinals.size !== live) bad('live count');
    this.highWater = hw;
    this.live = live;
    // A loop, not push(...): a store with many deletions frees more ordinals than a call takes arguments.
    for (const ordinal of state.free) {
      if (!Number.isInteger(ordinal) || ordinal < 0 || ordinal >= hw || this.ids.get(ordinal) !== '') bad('free ordinals');
      this.free.push(ordinal);
    }
    for (const [ordinal, agencies] of state.visibleTo) this.visibleTo.set(ordinal, agencies);
    this.visibleToAllCount.set(state.visibleToAllCount);
    for (const [agency, counts] of state.seenByCount) this.seenByCount.set(agency, Int32Array.from(counts));
    for (const s of state.columns) {
      const info = this.registry.get(s.locusIndex);
      if (info === undefined || info.name !== s.name || s.keys.length !== hw || s.keyCounts.length !== 65536 || s.designations.length > MAX_CODE + 1) bad('locus column');
      const c = this.column(s.locusIndex);
      for (let code = 1; code < s.designations.length; code++) {
        const a = parseAllele(s.designations[code], info, `loci.${info.name}`);
        if (a.designation !== s.designations[code] || c.codes.has(a.designation)) bad('allele table');
        c.alleles.push(a);
        c.codes.set(a.designation, code);
      }
      c.wildcardCode = s.wildcardCode;
      c.keys.set(s.keys);
      c.keyCounts.set(s.keyCounts);
      for (const key of s.usedKeys) c.usedKeys.push(key);
      c.typed = s.typed;
    }
    for (const [ordinal, locusIndex, text] of state.overflow) {
      const info = this.registry.get(locusIndex);
      if (info === undefined || this.ids.get(ordinal) === '') bad('overflow genotype');
      let m = this.overflow.get(ordinal);
      if (m === undefined) this.overflow.set(ordinal, (m = new Map()));
      m.set(locusIndex, parseGenotype(info, text, `loci.${info.name}`));
    }
  }
}
