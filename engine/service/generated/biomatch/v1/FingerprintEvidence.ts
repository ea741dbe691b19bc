// Original file: proto/biomatch/v1/common.proto

import type { MinutiaPair as _biomatch_v1_MinutiaPair, MinutiaPair__Output as _biomatch_v1_MinutiaPair__Output } from '../../biomatch/v1/MinutiaPair';

export interface FingerprintEvidence {
  'pairs'?: (_biomatch_v1_MinutiaPair)[];
  'probeMinutiae'?: (number);
  'candidateMinutiae'?: (number);
  /**
   * Estimated rotation (degrees) and translation (pixels at 500 ppi) from probe to candidate.
   */
  'rotationDegrees'?: (number | string);
  'translationX'?: (number | string);
  'translationY'?: (number | string);
  /**
   * How the candidate was found: the ANN index, or exhaustive search.
   */
  'retrieval'?: (string);
}

export interface FingerprintEvidence__Output {
  'pairs': (_biomatch_v1_MinutiaPair__Output)[];
  'probeMinutiae': (number);
  'candidateMinutiae': (number);
  /**
   * Estimated rotation (degrees) and translation (pixels at 500 ppi) from probe to candidate.
   */
  'rotationDegrees': (number);
  'translationX': (number);
  'translationY': (number);
  /**
   * How the candidate was found: the ANN index, or exhaustive search.
   */
  'retrieval': (string);
}
