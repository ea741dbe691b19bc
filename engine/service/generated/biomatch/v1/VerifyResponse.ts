// Original file: proto/biomatch/v1/fingerprint.proto

import type { FingerprintEvidence as _biomatch_v1_FingerprintEvidence, FingerprintEvidence__Output as _biomatch_v1_FingerprintEvidence__Output } from '../../biomatch/v1/FingerprintEvidence';

export interface VerifyResponse {
  'score'?: (number | string);
  'match'?: (boolean);
  'threshold'?: (number | string);
  'evidence'?: (_biomatch_v1_FingerprintEvidence | null);
}

export interface VerifyResponse__Output {
  'score': (number);
  'match': (boolean);
  'threshold': (number);
  'evidence': (_biomatch_v1_FingerprintEvidence__Output | null);
}
