// Original file: proto/biomatch/v1/common.proto

export const LocusComparison = {
  LOCUS_COMPARISON_UNSPECIFIED: 'LOCUS_COMPARISON_UNSPECIFIED',
  LOCUS_COMPARISON_MATCH: 'LOCUS_COMPARISON_MATCH',
  LOCUS_COMPARISON_MISMATCH: 'LOCUS_COMPARISON_MISMATCH',
  /**
   * a wildcard designation made this locus match
   */
  LOCUS_COMPARISON_WILDCARD: 'LOCUS_COMPARISON_WILDCARD',
  /**
   * typed in only one profile (or Amelogenin)
   */
  LOCUS_COMPARISON_NOT_COMPARED: 'LOCUS_COMPARISON_NOT_COMPARED',
} as const;

export type LocusComparison =
  | 'LOCUS_COMPARISON_UNSPECIFIED'
  | 0
  | 'LOCUS_COMPARISON_MATCH'
  | 1
  | 'LOCUS_COMPARISON_MISMATCH'
  | 2
  /**
   * a wildcard designation made this locus match
   */
  | 'LOCUS_COMPARISON_WILDCARD'
  | 3
  /**
   * typed in only one profile (or Amelogenin)
   */
  | 'LOCUS_COMPARISON_NOT_COMPARED'
  | 4

export type LocusComparison__Output = typeof LocusComparison[keyof typeof LocusComparison]
