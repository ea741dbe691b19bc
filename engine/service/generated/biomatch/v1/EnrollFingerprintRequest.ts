// Original file: proto/biomatch/v1/fingerprint.proto

import type { Visibility as _biomatch_v1_Visibility, Visibility__Output as _biomatch_v1_Visibility__Output } from '../../biomatch/v1/Visibility';
import type { FingerprintSample as _biomatch_v1_FingerprintSample, FingerprintSample__Output as _biomatch_v1_FingerprintSample__Output } from '../../biomatch/v1/FingerprintSample';

export interface EnrollFingerprintRequest {
  'subjectId'?: (string);
  'fingerPosition'?: (number);
  'ownerAgency'?: (string);
  'visibility'?: (_biomatch_v1_Visibility | null);
  'sample'?: (_biomatch_v1_FingerprintSample | null);
  /**
   * The caller's own reference; enrolling the same (owner, external_id) again updates that record.
   */
  'externalId'?: (string);
}

export interface EnrollFingerprintRequest__Output {
  'subjectId': (string);
  'fingerPosition': (number);
  'ownerAgency': (string);
  'visibility': (_biomatch_v1_Visibility__Output | null);
  'sample': (_biomatch_v1_FingerprintSample__Output | null);
  /**
   * The caller's own reference; enrolling the same (owner, external_id) again updates that record.
   */
  'externalId': (string);
}
