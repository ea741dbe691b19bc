// Original file: proto/biomatch/v1/latent.proto

import type { FingerprintImage as _biomatch_v1_FingerprintImage, FingerprintImage__Output as _biomatch_v1_FingerprintImage__Output } from '../../biomatch/v1/FingerprintImage';
import type { Template as _biomatch_v1_Template, Template__Output as _biomatch_v1_Template__Output } from '../../biomatch/v1/Template';

export interface LatentMark {
  /**
   * The mark image, and/or an examiner's markup of it (minutiae, as in an ANSI/NIST Type-9 EFS).
   */
  'image'?: (_biomatch_v1_FingerprintImage | null);
  'markup'?: (_biomatch_v1_Template | null);
  'caseReference'?: (string);
  /**
   * Finger positions the examiner considers possible; empty: any.
   */
  'possibleFingerPositions'?: (number)[];
}

export interface LatentMark__Output {
  /**
   * The mark image, and/or an examiner's markup of it (minutiae, as in an ANSI/NIST Type-9 EFS).
   */
  'image': (_biomatch_v1_FingerprintImage__Output | null);
  'markup': (_biomatch_v1_Template__Output | null);
  'caseReference': (string);
  /**
   * Finger positions the examiner considers possible; empty: any.
   */
  'possibleFingerPositions': (number)[];
}
