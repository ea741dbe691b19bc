// Original file: proto/biomatch/v1/fingerprint.proto

import type { FingerprintSample as _biomatch_v1_FingerprintSample, FingerprintSample__Output as _biomatch_v1_FingerprintSample__Output } from '../../biomatch/v1/FingerprintSample';

export interface VerifyRequest {
  'probe'?: (_biomatch_v1_FingerprintSample | null);
  'recordId'?: (string);
  'sample'?: (_biomatch_v1_FingerprintSample | null);
  /**
   * Decision threshold; 0: the server's threshold for FMR 0.01%.
   */
  'threshold'?: (number | string);
  'reference'?: "recordId"|"sample";
}

export interface VerifyRequest__Output {
  'probe': (_biomatch_v1_FingerprintSample__Output | null);
  'recordId'?: (string);
  'sample'?: (_biomatch_v1_FingerprintSample__Output | null);
  /**
   * Decision threshold; 0: the server's threshold for FMR 0.01%.
   */
  'threshold': (number);
  'reference'?: "recordId"|"sample";
}
