/**
 * The DNA area's public surface: what the service and tools call. Everything else in this folder
 * is internal.
 */
export { LocusRegistry, CODIS_CORE_LOCI, ESS_LOCI, NIST_EXTENDED_LOCI, AMELOGENIN, foldLocusName } from './locus-registry.js';
export type { LocusDefinition, LocusInfo, LocusSet } from './locus-registry.js';
export { parseAllele, WILDCARD, OFF_LADDER } from './allele.js';
export type { Allele, AlleleForm } from './allele.js';
export {
  buildProfile,
  genotypeDesignations,
  parseProfileKind,
  parseRelationship,
  profileToLociRecord,
  toStoredProfile,
  fromStoredProfile,
  typedLociCount,
  PROFILE_KINDS,
  RELATIONSHIPS,
  REFERENCE_KINDS,
} from './dna-profile.js';
export type { DnaProfile, DnaProfileInput, LocusGenotype, ProfileKind, ProfileRules, Relationship, StoredDnaProfile } from './dna-profile.js';
export { FrequencyTable, PopulationTables, parseFrequencyCsv } from './frequency-table.js';
export { loadFrequencyFiles, sharedFrequencyFiles, DEFAULT_POPULATION } from './frequency-files.js';
export type { FrequencyFile } from './frequency-files.js';
export { compareLocus, STRINGENCIES } from './locus-comparison.js';
export type { LocusComparison, Stringency } from './locus-comparison.js';
export { homozygoteFrequency, heterozygoteFrequency } from './match-statistics.js';
export { locusKinshipIndex } from './kinship-index.js';
export { DnaIndex } from './dna-index.js';
export type { DnaIndexOptions } from './dna-index.js';
export { BruteForceDnaSearch } from './brute-force-search.js';
export type {
  CandidateRecord,
  DnaCandidate,
  DnaRecordMeta,
  DnaSearcher,
  DnaSearchOptions,
  DnaSearchResult,
  KinshipCandidate,
  KinshipSearchOptions,
  KinshipSearchResult,
  LocusDetail,
} from './dna-search.js';
export { parseProfileJson, parseProfileDocument } from './profile-json.js';
export type { ProfileDocument } from './profile-json.js';
export {
  CsvProfileReader,
  JsonProfileReader,
  profileRowReader,
  profileContentHash,
  importKey,
  classifyImport,
} from './profile-import.js';
export type { ImportRow, ImportedProfile, ProfileRowReader } from './profile-import.js';
export * as dnaParameters from './dna-parameters.js';
