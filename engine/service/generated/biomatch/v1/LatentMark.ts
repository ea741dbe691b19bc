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
   * Finger positions the examiner considers possible; empty: any (or an EFS record's 9.302).
   */
  'possibleFingerPositions'?: (number)[];
  /**
   * The markup as an ANSI/NIST-ITL transaction holding one Type-9 extended feature set (9.300 ROI,
   * 9.331 minutiae, 9.320 cores, 9.321 deltas), instead of `markup`.
   */
  'efs'?: (Buffer | Uint8Array | string);
}

export interface LatentMark__Output {
  /**
   * The mark image, and/or an examiner's markup of it. Markup alone (no image) is a valid probe.
   */
  'image': (_biomatch_v1_FingerprintImage__Output | null);
  'markup': (_biomatch_v1_LatentMarkup__Output | null);
  'caseReference': (string);
  /**
   * Finger positions the examiner considers possible; empty: any (or an EFS record's 9.302).
   */
  'possibleFingerPositions': (number)[];
  /**
   * The markup as an ANSI/NIST-ITL transaction holding one Type-9 extended feature set (9.300 ROI,
   * 9.331 minutiae, 9.320 cores, 9.321 deltas), instead of `markup`.
   */
  'efs': (Buffer);
}
