// Original file: proto/biomatch/v1/common.proto

import type { Candidate as _biomatch_v1_Candidate, Candidate__Output as _biomatch_v1_Candidate__Output } from '../../biomatch/v1/Candidate';
import type { Long } from '@grpc/proto-loader';

/**
 * Every search answers with one of these, best candidate first.
 */
export interface CandidateList {
  'candidates'?: (_biomatch_v1_Candidate)[];
  /**
   * Number of records that satisfied the search before truncation to max_candidates.
   */
  'totalHits'?: (number | string | Long);
  /**
   * Records compared in full (by the exact matcher / rules).
   */
  'compared'?: (number | string | Long);
  'elapsedMs'?: (number | string);
}

/**
 * Every search answers with one of these, best candidate first.
 */
export interface CandidateList__Output {
  'candidates': (_biomatch_v1_Candidate__Output)[];
  /**
   * Number of records that satisfied the search before truncation to max_candidates.
   */
  'totalHits': (number);
  /**
   * Records compared in full (by the exact matcher / rules).
   */
  'compared': (number);
  'elapsedMs': (number);
}
