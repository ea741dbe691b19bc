// Original file: proto/biomatch/v1/fingerprint.proto

import type { FingerprintSample as _biomatch_v1_FingerprintSample, FingerprintSample__Output as _biomatch_v1_FingerprintSample__Output } from '../../biomatch/v1/FingerprintSample';

export interface IdentifyRequest {
  'probe'?: (_biomatch_v1_FingerprintSample | null);
  /**
   * 0: server default (20)
   */
  'maxCandidates'?: (number);
  /**
   * drop candidates below this score
   */
  'minScore'?: (number | string);
  /**
   * restrict to these positions; empty: all
   */
  'fingerPositions'?: (number)[];
  /**
   * Compare with every visible record instead of the ANN shortlist (slow; small galleries).
   */
  'exhaustive'?: (boolean);
}

export interface IdentifyRequest__Output {
  'probe': (_biomatch_v1_FingerprintSample__Output | null);
  /**
   * 0: server default (20)
   */
  'maxCandidates': (number);
  /**
   * drop candidates below this score
   */
  'minScore': (number);
  /**
   * restrict to these positions; empty: all
   */
  'fingerPositions': (number)[];
  /**
   * Compare with every visible record instead of the ANN shortlist (slow; small galleries).
   */
  'exhaustive': (boolean);
}
