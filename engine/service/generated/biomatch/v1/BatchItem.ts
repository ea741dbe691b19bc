// Original file: proto/biomatch/v1/batch.proto

import type { EnrollFingerprintRequest as _biomatch_v1_EnrollFingerprintRequest, EnrollFingerprintRequest__Output as _biomatch_v1_EnrollFingerprintRequest__Output } from '../../biomatch/v1/EnrollFingerprintRequest';
import type { IdentifyRequest as _biomatch_v1_IdentifyRequest, IdentifyRequest__Output as _biomatch_v1_IdentifyRequest__Output } from '../../biomatch/v1/IdentifyRequest';
import type { VerifyRequest as _biomatch_v1_VerifyRequest, VerifyRequest__Output as _biomatch_v1_VerifyRequest__Output } from '../../biomatch/v1/VerifyRequest';
import type { LatentSearchRequest as _biomatch_v1_LatentSearchRequest, LatentSearchRequest__Output as _biomatch_v1_LatentSearchRequest__Output } from '../../biomatch/v1/LatentSearchRequest';
import type { AddLatentRequest as _biomatch_v1_AddLatentRequest, AddLatentRequest__Output as _biomatch_v1_AddLatentRequest__Output } from '../../biomatch/v1/AddLatentRequest';
import type { EnrollDnaRequest as _biomatch_v1_EnrollDnaRequest, EnrollDnaRequest__Output as _biomatch_v1_EnrollDnaRequest__Output } from '../../biomatch/v1/EnrollDnaRequest';
import type { DnaSearchRequest as _biomatch_v1_DnaSearchRequest, DnaSearchRequest__Output as _biomatch_v1_DnaSearchRequest__Output } from '../../biomatch/v1/DnaSearchRequest';
import type { KinshipSearchRequest as _biomatch_v1_KinshipSearchRequest, KinshipSearchRequest__Output as _biomatch_v1_KinshipSearchRequest__Output } from '../../biomatch/v1/KinshipSearchRequest';
import type { SearchUnsolvedRequest as _biomatch_v1_SearchUnsolvedRequest, SearchUnsolvedRequest__Output as _biomatch_v1_SearchUnsolvedRequest__Output } from '../../biomatch/v1/SearchUnsolvedRequest';

/**
 * One item: the request of one RPC, run exactly as that RPC runs, as the submitting caller.
 */
export interface BatchItem {
  /**
   * The caller's reference for this item (a file name, a sample id); echoed in its result.
   */
  'itemId'?: (string);
  /**
   * Read from the first message only: the idempotency key of the submission (at most 128 chars).
   */
  'requestId'?: (string);
  'fpEnroll'?: (_biomatch_v1_EnrollFingerprintRequest | null);
  'fpIdentify'?: (_biomatch_v1_IdentifyRequest | null);
  'fpVerify'?: (_biomatch_v1_VerifyRequest | null);
  'latentSearch'?: (_biomatch_v1_LatentSearchRequest | null);
  'latentAdd'?: (_biomatch_v1_AddLatentRequest | null);
  'dnaEnroll'?: (_biomatch_v1_EnrollDnaRequest | null);
  'dnaSearch'?: (_biomatch_v1_DnaSearchRequest | null);
  'dnaKinship'?: (_biomatch_v1_KinshipSearchRequest | null);
  /**
   * LatentService.SearchUnsolvedFile (LL or TL): the daily tenprint-vs-unsolved schedule's items.
   */
  'latentSearchUnsolved'?: (_biomatch_v1_SearchUnsolvedRequest | null);
  'request'?: "fpEnroll"|"fpIdentify"|"fpVerify"|"latentSearch"|"latentAdd"|"dnaEnroll"|"dnaSearch"|"dnaKinship"|"latentSearchUnsolved";
}

/**
 * One item: the request of one RPC, run exactly as that RPC runs, as the submitting caller.
 */
export interface BatchItem__Output {
  /**
   * The caller's reference for this item (a file name, a sample id); echoed in its result.
   */
  'itemId': (string);
  /**
   * Read from the first message only: the idempotency key of the submission (at most 128 chars).
   */
  'requestId': (string);
  'fpEnroll'?: (_biomatch_v1_EnrollFingerprintRequest__Output | null);
  'fpIdentify'?: (_biomatch_v1_IdentifyRequest__Output | null);
  'fpVerify'?: (_biomatch_v1_VerifyRequest__Output | null);
  'latentSearch'?: (_biomatch_v1_LatentSearchRequest__Output | null);
  'latentAdd'?: (_biomatch_v1_AddLatentRequest__Output | null);
  'dnaEnroll'?: (_biomatch_v1_EnrollDnaRequest__Output | null);
  'dnaSearch'?: (_biomatch_v1_DnaSearchRequest__Output | null);
  'dnaKinship'?: (_biomatch_v1_KinshipSearchRequest__Output | null);
  /**
   * LatentService.SearchUnsolvedFile (LL or TL): the daily tenprint-vs-unsolved schedule's items.
   */
  'latentSearchUnsolved'?: (_biomatch_v1_SearchUnsolvedRequest__Output | null);
  'request'?: "fpEnroll"|"fpIdentify"|"fpVerify"|"latentSearch"|"latentAdd"|"dnaEnroll"|"dnaSearch"|"dnaKinship"|"latentSearchUnsolved";
}
