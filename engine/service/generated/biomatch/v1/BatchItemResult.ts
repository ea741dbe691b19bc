// Original file: proto/biomatch/v1/batch.proto

import type { CandidateList as _biomatch_v1_CandidateList, CandidateList__Output as _biomatch_v1_CandidateList__Output } from '../../biomatch/v1/CandidateList';
import type { BatchItemError as _biomatch_v1_BatchItemError, BatchItemError__Output as _biomatch_v1_BatchItemError__Output } from '../../biomatch/v1/BatchItemError';

export interface BatchItemResult {
  'itemId'?: (string);
  'candidates'?: (_biomatch_v1_CandidateList | null);
  /**
   * gRPC status code and message, as the single RPC would have answered.
   */
  'error'?: (_biomatch_v1_BatchItemError | null);
  'outcome'?: "candidates"|"error";
}

export interface BatchItemResult__Output {
  'itemId': (string);
  'candidates'?: (_biomatch_v1_CandidateList__Output | null);
  /**
   * gRPC status code and message, as the single RPC would have answered.
   */
  'error'?: (_biomatch_v1_BatchItemError__Output | null);
  'outcome'?: "candidates"|"error";
}
