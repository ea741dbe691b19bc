// Original file: proto/biomatch/v1/common.proto

import type { LocusDetail as _biomatch_v1_LocusDetail, LocusDetail__Output as _biomatch_v1_LocusDetail__Output } from '../../biomatch/v1/LocusDetail';

export interface DnaEvidence {
  'matchingLoci'?: (number);
  'mismatchingLoci'?: (number);
  'comparedLoci'?: (number);
  'loci'?: (_biomatch_v1_LocusDetail)[];
  /**
   * Random match probability (single source), NRC II 4.10 with theta.
   */
  'randomMatchProbability'?: (number | string);
  /**
   * Likelihood ratio for a single-source match (1 / RMP).
   */
  'likelihoodRatio'?: (number | string);
  /**
   * Combined probability of inclusion, for mixtures.
   */
  'combinedProbabilityOfInclusion'?: (number | string);
  /**
   * Kinship index (PI or SI) for kinship searches.
   */
  'kinshipIndex'?: (number | string);
  'population'?: (string);
  'stringency'?: (string);
  /**
   * Matching loci that matched through a wildcard (`*`; included in matching_loci).
   */
  'wildcardLoci'?: (number);
}

export interface DnaEvidence__Output {
  'matchingLoci': (number);
  'mismatchingLoci': (number);
  'comparedLoci': (number);
  'loci': (_biomatch_v1_LocusDetail__Output)[];
  /**
   * Random match probability (single source), NRC II 4.10 with theta.
   */
  'randomMatchProbability': (number);
  /**
   * Likelihood ratio for a single-source match (1 / RMP).
   */
  'likelihoodRatio': (number);
  /**
   * Combined probability of inclusion, for mixtures.
   */
  'combinedProbabilityOfInclusion': (number);
  /**
   * Kinship index (PI or SI) for kinship searches.
   */
  'kinshipIndex': (number);
  'population': (string);
  'stringency': (string);
  /**
   * Matching loci that matched through a wildcard (`*`; included in matching_loci).
   */
  'wildcardLoci': (number);
}
