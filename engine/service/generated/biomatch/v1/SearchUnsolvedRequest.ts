// Original file: proto/biomatch/v1/latent.proto

import type { FingerprintSample as _biomatch_v1_FingerprintSample, FingerprintSample__Output as _biomatch_v1_FingerprintSample__Output } from '../../biomatch/v1/FingerprintSample';

export interface SearchUnsolvedRequest {
  'probe'?: (_biomatch_v1_FingerprintSample | null);
  'fingerPosition'?: (number);
  'maxCandidates'?: (number);
  'minScore'?: (number | string);
}

export interface SearchUnsolvedRequest__Output {
  'probe': (_biomatch_v1_FingerprintSample__Output | null);
  'fingerPosition': (number);
  'maxCandidates': (number);
  'minScore': (number);
}
