// Original file: proto/biomatch/v1/common.proto

import type { LocusComparison as _biomatch_v1_LocusComparison, LocusComparison__Output as _biomatch_v1_LocusComparison__Output } from '../../biomatch/v1/LocusComparison';

export interface LocusDetail {
  /**
   * canonical locus name
   */
  'locus'?: (string);
  'comparison'?: (_biomatch_v1_LocusComparison);
  'queryAlleles'?: (string)[];
  'candidateAlleles'?: (string)[];
  /**
   * Per-locus statistic where one applies: genotype frequency, PI / SI, or probability of inclusion.
   */
  'statistic'?: (number | string);
}

export interface LocusDetail__Output {
  /**
   * canonical locus name
   */
  'locus': (string);
  'comparison': (_biomatch_v1_LocusComparison__Output);
  'queryAlleles': (string)[];
  'candidateAlleles': (string)[];
  /**
   * Per-locus statistic where one applies: genotype frequency, PI / SI, or probability of inclusion.
   */
  'statistic': (number);
}
