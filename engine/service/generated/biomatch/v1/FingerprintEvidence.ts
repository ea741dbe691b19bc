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
  /**
   * The probe scale the rotation and translation apply to: a candidate point is the probe point
   * times scale, rotated, then translated. 1 for tenprint searches; a latent search tries marks at
   * 0.85-1.18 (a mark's stated resolution is often off) and reports the scale it matched at.
   */
  'scale'?: (number | string);
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
  /**
   * The probe scale the rotation and translation apply to: a candidate point is the probe point
   * times scale, rotated, then translated. 1 for tenprint searches; a latent search tries marks at
   * 0.85-1.18 (a mark's stated resolution is often off) and reports the scale it matched at.
   */
  'scale': (number);
}
