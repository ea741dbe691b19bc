// Original file: proto/biomatch/v1/batch.proto

import type { IdentifyRequest as _biomatch_v1_IdentifyRequest, IdentifyRequest__Output as _biomatch_v1_IdentifyRequest__Output } from '../../biomatch/v1/IdentifyRequest';
import type { LatentSearchRequest as _biomatch_v1_LatentSearchRequest, LatentSearchRequest__Output as _biomatch_v1_LatentSearchRequest__Output } from '../../biomatch/v1/LatentSearchRequest';
import type { DnaSearchRequest as _biomatch_v1_DnaSearchRequest, DnaSearchRequest__Output as _biomatch_v1_DnaSearchRequest__Output } from '../../biomatch/v1/DnaSearchRequest';
import type { KinshipSearchRequest as _biomatch_v1_KinshipSearchRequest, KinshipSearchRequest__Output as _biomatch_v1_KinshipSearchRequest__Output } from '../../biomatch/v1/KinshipSearchRequest';

export interface BatchItem {
  /**
   * the caller's reference for this item
   */
  'itemId'?: (string);
  'identify'?: (_biomatch_v1_IdentifyRequest | null);
  'latentSearch'?: (_biomatch_v1_LatentSearchRequest | null);
  'dnaSearch'?: (_biomatch_v1_DnaSearchRequest | null);
  'kinshipSearch'?: (_biomatch_v1_KinshipSearchRequest | null);
  'request'?: "identify"|"latentSearch"|"dnaSearch"|"kinshipSearch";
}

export interface BatchItem__Output {
  /**
   * the caller's reference for this item
   */
  'itemId': (string);
  'identify'?: (_biomatch_v1_IdentifyRequest__Output | null);
  'latentSearch'?: (_biomatch_v1_LatentSearchRequest__Output | null);
  'dnaSearch'?: (_biomatch_v1_DnaSearchRequest__Output | null);
  'kinshipSearch'?: (_biomatch_v1_KinshipSearchRequest__Output | null);
  'request'?: "identify"|"latentSearch"|"dnaSearch"|"kinshipSearch";
}
