// Original file: proto/biomatch/v1/latent.proto

import type { FingerprintImage as _biomatch_v1_FingerprintImage, FingerprintImage__Output as _biomatch_v1_FingerprintImage__Output } from '../../biomatch/v1/FingerprintImage';
import type { LatentMarkup as _biomatch_v1_LatentMarkup, LatentMarkup__Output as _biomatch_v1_LatentMarkup__Output } from '../../biomatch/v1/LatentMarkup';

export interface LatentMark {
  /**
   * The mark image, and/or an examiner's markup of it. Markup alone (no image) is a valid probe.
   */
  'image'?: (_biomatch_v1_FingerprintImage | null);
  'markup'?: (_biomatch_v1_LatentMarkup | null);
  'caseReference'?: (string);
  /**
   * Finger positions the examiner considers possible; empty: any.
   */
  'possibleFingerPositions'?: (number)[];
}

export interface LatentMark__Output {
  /**
   * The mark image, and/or an examiner's markup of it. Markup alone (no image) is a valid probe.
   */
  'image': (_biomatch_v1_FingerprintImage__Output | null);
  'markup': (_biomatch_v1_LatentMarkup__Output | null);
  'caseReference': (string);
  /**
   * Finger positions the examiner considers possible; empty: any.
   */
  'possibleFingerPositions': (number)[];
}
