// Original file: proto/biomatch/v1/latent.proto

import type { Point as _biomatch_v1_Point, Point__Output as _biomatch_v1_Point__Output } from '../../biomatch/v1/Point';
import type { Minutia as _biomatch_v1_Minutia, Minutia__Output as _biomatch_v1_Minutia__Output } from '../../biomatch/v1/Minutia';
import type { SingularPoint as _biomatch_v1_SingularPoint, SingularPoint__Output as _biomatch_v1_SingularPoint__Output } from '../../biomatch/v1/SingularPoint';

/**
 * An examiner's markup of a mark (the request form of ANSI/NIST-ITL Type-9 extended features:
 * 9.300 ROI, 9.331 minutiae, 9.320 cores, 9.321 deltas), and the form ExtractLatent answers in.
 */
export interface LatentMarkup {
  /**
   * Region of interest, a closed polygon (at least 3 points); empty: none.
   */
  'roi'?: (_biomatch_v1_Point)[];
  /**
   * Minutiae; `quality` is the examiner's confidence 0..100 (0: not stated, taken as certain).
   */
  'minutiae'?: (_biomatch_v1_Minutia)[];
  'cores'?: (_biomatch_v1_SingularPoint)[];
  'deltas'?: (_biomatch_v1_SingularPoint)[];
  /**
   * "Use only my features": the automatic minutiae are not added to the examiner's.
   */
  'useOnlyMarkup'?: (boolean);
}

/**
 * An examiner's markup of a mark (the request form of ANSI/NIST-ITL Type-9 extended features:
 * 9.300 ROI, 9.331 minutiae, 9.320 cores, 9.321 deltas), and the form ExtractLatent answers in.
 */
export interface LatentMarkup__Output {
  /**
   * Region of interest, a closed polygon (at least 3 points); empty: none.
   */
  'roi': (_biomatch_v1_Point__Output)[];
  /**
   * Minutiae; `quality` is the examiner's confidence 0..100 (0: not stated, taken as certain).
   */
  'minutiae': (_biomatch_v1_Minutia__Output)[];
  'cores': (_biomatch_v1_SingularPoint__Output)[];
  'deltas': (_biomatch_v1_SingularPoint__Output)[];
  /**
   * "Use only my features": the automatic minutiae are not added to the examiner's.
   */
  'useOnlyMarkup': (boolean);
}
