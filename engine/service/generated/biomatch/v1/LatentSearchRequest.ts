// Original file: proto/biomatch/v1/latent.proto

import type { LatentMark as _biomatch_v1_LatentMark, LatentMark__Output as _biomatch_v1_LatentMark__Output } from '../../biomatch/v1/LatentMark';

export interface LatentSearchRequest {
  'mark'?: (_biomatch_v1_LatentMark | null);
  /**
   * 0: 20
   */
  'maxCandidates'?: (number);
  'minScore'?: (number | string);
}

export interface LatentSearchRequest__Output {
  'mark': (_biomatch_v1_LatentMark__Output | null);
  /**
   * 0: 20
   */
  'maxCandidates': (number);
  'minScore': (number);
}
