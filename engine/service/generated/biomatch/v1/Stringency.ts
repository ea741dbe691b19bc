// Original file: proto/biomatch/v1/dna.proto

export const Stringency = {
  /**
   * HIGH
   */
  STRINGENCY_UNSPECIFIED: 'STRINGENCY_UNSPECIFIED',
  /**
   * identical alleles at every compared locus
   */
  STRINGENCY_HIGH: 'STRINGENCY_HIGH',
  /**
   * one profile's alleles all present in the other, every locus
   */
  STRINGENCY_MODERATE: 'STRINGENCY_MODERATE',
  /**
   * at least one shared allele at every compared locus
   */
  STRINGENCY_LOW: 'STRINGENCY_LOW',
} as const;

export type Stringency =
  /**
   * HIGH
   */
  | 'STRINGENCY_UNSPECIFIED'
  | 0
  /**
   * identical alleles at every compared locus
   */
  | 'STRINGENCY_HIGH'
  | 1
  /**
   * one profile's alleles all present in the other, every locus
   */
  | 'STRINGENCY_MODERATE'
  | 2
  /**
   * at least one shared allele at every compared locus
   */
  | 'STRINGENCY_LOW'
  | 3

export type Stringency__Output = typeof Stringency[keyof typeof Stringency]
