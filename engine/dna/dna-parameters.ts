/**
 * Every tuning constant of the DNA area, in one place, with the rule it comes from.
 * The service reads its defaults from here; callers may override per request.
 */

/** NRC II (1996) recommendation 4.10: θ = 0.01 for most populations (0.03 for small isolated ones). */
export const DEFAULT_THETA = 0.01;

/**
 * NRC II recommendation 4.3 / section 5.3: an allele seen fewer than 5 times in a database of N
 * people is given frequency 5/2N (2N = alleles counted at that locus).
 */
export const MIN_ALLELE_COUNT = 5;

/**
 * norSTR publishes frequencies without counts and writes 0.001 for alleles it only bounds; that
 * floor is the minimum frequency we use for tables that carry no counts.
 */
export const FLOOR_FREQUENCY_WITHOUT_COUNTS = 0.001;

/**
 * Minimum typed autosomal loci (Amelogenin excluded; a locus counts when it carries at least one
 * concrete allele) for a profile to be enrolled or searched. NDIS accepts forensic unknowns with
 * 8 original CODIS core loci at moderate stringency; Prüm exchanges need 6 (Council Decision
 * 2008/616/JHA, annex ch.1 §1.1). Configurable.
 */
export const DEFAULT_MIN_TYPED_LOCI = 8;

/** Default minimum number of loci typed in both profiles for a candidate to count (NDIS: 8). */
export const DEFAULT_MIN_COMPARED_LOCI = 8;

/** Mismatching loci tolerated by default (exact search); 1 gives a Prüm-style near match. */
export const DEFAULT_MAX_MISMATCHES = 0;

/** Candidates returned by default. */
export const DEFAULT_MAX_CANDIDATES = 100;

/** Reference (single-source) profiles: two alleles per locus, three for a tri-allelic pattern. */
export const MAX_SINGLE_SOURCE_ALLELES = 3;

/** Mixtures: a bound on alleles per locus so a malformed row cannot blow up memory. */
export const MAX_MIXTURE_ALLELES = 12;

/**
 * Kinship: screening threshold on the combined kinship index (PI or SI) below which a
 * candidate is not reported. A screening value only; identification needs far more.
 */
export const DEFAULT_MIN_KINSHIP_INDEX = 100;

/**
 * Kinship: factor used for a parent-child locus where the two share no allele (a possible
 * mutation or an exclusion). Approximates μ/A with μ ≈ 0.002 per locus per meiosis and
 * A ≈ 0.5 mean exclusion power (AABB guidance), so one inconsistency lowers PI a lot but does not
 * zero it.
 */
export const PARENT_CHILD_INCONSISTENCY_FACTOR = 0.004;

/** Kinship: minimum loci typed in both profiles (no wildcard, no mixture locus) to compute an index. */
export const DEFAULT_MIN_KINSHIP_LOCI = 8;

/** Allele designations quoted in INVALID_ARGUMENT messages are cut to this length. */
export const MAX_QUOTED_DESIGNATION = 12;

/** Import: a CSV line or JSON element longer than this is rejected (keeps a bad stream bounded). */
export const MAX_IMPORT_ROW_CHARS = 1 << 20;

/**
 * Search index: loci typed in at least this share of the live records get posting lists
 * (locus-postings.ts), at most DNA_MAX_POSTING_LOCI of them, the most typed first. A search starts
 * from the postings of its rarest such loci; other loci only check candidates. 16 loci cost 32 bytes
 * per record (320 MB at 10M records); the CODIS core 13 are typed in nearly every record.
 */
export const DNA_POSTING_MIN_TYPED_SHARE = 0.9;
export const DNA_MAX_POSTING_LOCI = 16;

/**
 * Search index: a search reads its posting lists only while the records they list (those not
 * mismatching its starting loci) are at most this share of the live records; past it the
 * sequential column scan is cheaper (measured: bench/dna-search.bench.ts, docs/decisions/dna-exact-search.md).
 */
export const DNA_POSTING_MAX_SHARE = 0.6;

/**
 * Search index: besides the loci a search must start from, up to this many more posting lists are
 * read when each is at most DNA_POSTING_READS_PER_CHECK times as long as the candidates it would
 * be expected to leave (reading a posting is a sequential step, checking a candidate several
 * random reads of its columns).
 */
export const DNA_MAX_EXTRA_ANCHORS = 3;
export const DNA_POSTING_READS_PER_CHECK = 4;

/**
 * Search index: an exact search (no mismatch tolerated) whose starting loci list more than this
 * share of the live records ANDs allele bitsets instead (allele-bitsets.ts): LOW, where one allele
 * in common is most records at any one locus, and most MODERATE searches. Measured at 1M
 * (bench/dna-search.bench.ts, docs/decisions/dna-exact-search.md): HIGH is faster from postings,
 * MODERATE and LOW from bitsets.
 */
export const DNA_BITSETS_ABOVE_SHARE = 0.02;

/**
 * The same switch for HIGH searches: their starting lists are read from postings up to this share.
 * A HIGH candidate is one genotype per locus, so the first check on a second locus drops nearly
 * every listed record, while a bitset AND reads every word of the database. Measured at 1M
 * with the compared-loci filter in the bitset plan (2026-12-01, median of per-query minimum over
 * 100 partial / full probes, load 5-8, docs/decisions/dna-exact-search.md): partial HIGH 0.33 ms
 * at 0.02, 0.25 at 0.06, 0.24 at 0.1;
 * full HIGH p90 0.55, 0.31, 0.30. MODERATE stays at 0.02 (1.09 against 1.19 ms at 0.06).
 */
export const DNA_HIGH_BITSETS_ABOVE_SHARE = 0.1;

/**
 * Kinship scan (kinship-scan.ts): when the records a search applies to (live, of the target kinds,
 * visible to the viewer) are fewer than this share of the ordinals, each block is first filtered
 * down to them (a few ns per record) and only they are multiplied; above it the filters run on
 * the survivors only. Measured at 1M (bench/dna-kinship.bench.ts --viewer-share,
 * docs/decisions/dna-exact-search.md).
 */
export const DNA_KINSHIP_FILTER_FIRST_BELOW = 0.9;

/**
 * Genotype hash (genotype-hash.ts), the plan of exact HIGH searches by full profiles: records are
 * hashed on their keys at up to DNA_HASH_MAX_LOCI loci typed in at least DNA_HASH_MIN_TYPED_SHARE
 * of the live records (the most typed first; in a national database the CODIS core). A query
 * typed at all of them (concrete, one or two alleles) reads one bucket, about
 * DNA_HASH_RECORDS_PER_BUCKET records, plus every record that cannot be hashed (untyped at one of
 * those loci, a wildcard, more than two alleles); the plan is taken while those are at most
 * DNA_HASH_MAX_IRREGULAR_SHARE of the live records (each is checked on the columns, about what
 * the rarest posting list costs per record listed). Eight loci: a genotype shared at eight core
 * loci by unrelated profiles is rare (random match probability ~1e-8 or less), and fewer loci
 * leave more queries eligible. Measured: docs/measurements/dna-search.md (full HIGH at 1M).
 */
export const DNA_HASH_MIN_TYPED_SHARE = 0.99;
export const DNA_HASH_MAX_LOCI = 8;
export const DNA_HASH_MAX_IRREGULAR_SHARE = 0.01;
export const DNA_HASH_RECORDS_PER_BUCKET = 4;
