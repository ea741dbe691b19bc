// Original file: proto/biomatch/v1/batch.proto

import type { BatchItemError as _biomatch_v1_BatchItemError, BatchItemError__Output as _biomatch_v1_BatchItemError__Output } from '../../biomatch/v1/BatchItemError';
import type { FingerprintRecord as _biomatch_v1_FingerprintRecord, FingerprintRecord__Output as _biomatch_v1_FingerprintRecord__Output } from '../../biomatch/v1/FingerprintRecord';
import type { CandidateList as _biomatch_v1_CandidateList, CandidateList__Output as _biomatch_v1_CandidateList__Output } from '../../biomatch/v1/CandidateList';
import type { VerifyResponse as _biomatch_v1_VerifyResponse, VerifyResponse__Output as _biomatch_v1_VerifyResponse__Output } from '../../biomatch/v1/VerifyResponse';
import type { DnaRecord as _biomatch_v1_DnaRecord, DnaRecord__Output as _biomatch_v1_DnaRecord__Output } from '../../biomatch/v1/DnaRecord';
import type { LatentRecord as _biomatch_v1_LatentRecord, LatentRecord__Output as _biomatch_v1_LatentRecord__Output } from '../../biomatch/v1/LatentRecord';

export interface BatchItemResult {
  /**
   * Item number, from 1, in submission order.
   */
  'item'?: (number);
  'itemId'?: (string);
  /**
   * Resume after this result: pass it as BatchResultsRequest.resume_token.
   */
  'resumeToken'?: (string);
  'kind'?: (string);
  /**
   * gRPC status code and message, as the single RPC would have answered.
   */
  'error'?: (_biomatch_v1_BatchItemError | null);
  'fpEnroll'?: (_biomatch_v1_FingerprintRecord | null);
  'fpIdentify'?: (_biomatch_v1_CandidateList | null);
  'fpVerify'?: (_biomatch_v1_VerifyResponse | null);
  'dnaEnroll'?: (_biomatch_v1_DnaRecord | null);
  'dnaSearch'?: (_biomatch_v1_CandidateList | null);
  'dnaKinship'?: (_biomatch_v1_CandidateList | null);
  /**
   * In a scheduled run: candidates (record ids) an earlier run of the same schedule already
   * reported for this item; every other candidate is new.
   */
  'alreadyReported'?: (string)[];
  'latentSearch'?: (_biomatch_v1_CandidateList | null);
  'latentAdd'?: (_biomatch_v1_LatentRecord | null);
  'latentSearchUnsolved'?: (_biomatch_v1_CandidateList | null);
  'outcome'?: "error"|"fpEnroll"|"fpIdentify"|"fpVerify"|"dnaEnroll"|"dnaSearch"|"dnaKinship"|"latentSearch"|"latentAdd"|"latentSearchUnsolved";
}

export interface BatchItemResult__Output {
  /**
   * Item number, from 1, in submission order.
   */
  'item': (number);
  'itemId': (string);
  /**
   * Resume after this result: pass it as BatchResultsRequest.resume_token.
   */
  'resumeToken': (string);
  'kind': (string);
  /**
   * gRPC status code and message, as the single RPC would have answered.
   */
  'error'?: (_biomatch_v1_BatchItemError__Output | null);
  'fpEnroll'?: (_biomatch_v1_FingerprintRecord__Output | null);
  'fpIdentify'?: (_biomatch_v1_CandidateList__Output | null);
  'fpVerify'?: (_biomatch_v1_VerifyResponse__Output | null);
  'dnaEnroll'?: (_biomatch_v1_DnaRecord__Output | null);
  'dnaSearch'?: (_biomatch_v1_CandidateList__Output | null);
  'dnaKinship'?: (_biomatch_v1_CandidateList__Output | null);
  /**
   * In a scheduled run: candidates (record ids) an earlier run of the same schedule already
   * reported for this item; every other candidate is new.
   */
  'alreadyReported': (string)[];
  'latentSearch'?: (_biomatch_v1_CandidateList__Output | null);
  'latentAdd'?: (_biomatch_v1_LatentRecord__Output | null);
  'latentSearchUnsolved'?: (_biomatch_v1_CandidateList__Output | null);
  'outcome'?: "error"|"fpEnroll"|"fpIdentify"|"fpVerify"|"dnaEnroll"|"dnaSearch"|"dnaKinship"|"latentSearch"|"latentAdd"|"latentSearchUnsolved";
}
