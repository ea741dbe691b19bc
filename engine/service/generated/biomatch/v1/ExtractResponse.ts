// Original file: proto/biomatch/v1/fingerprint.proto

import type { ExtractedFinger as _biomatch_v1_ExtractedFinger, ExtractedFinger__Output as _biomatch_v1_ExtractedFinger__Output } from '../../biomatch/v1/ExtractedFinger';

export interface ExtractResponse {
  /**
   * One per image in the input: one for a plain image, one per finger image record for an
   * ANSI/NIST transaction.
   */
  'fingers'?: (_biomatch_v1_ExtractedFinger)[];
}

export interface ExtractResponse__Output {
  /**
   * One per image in the input: one for a plain image, one per finger image record for an
   * ANSI/NIST transaction.
   */
  'fingers': (_biomatch_v1_ExtractedFinger__Output)[];
}
