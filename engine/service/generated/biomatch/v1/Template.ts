// Original file: proto/biomatch/v1/fingerprint.proto

import type { Minutia as _biomatch_v1_Minutia, Minutia__Output as _biomatch_v1_Minutia__Output } from '../../biomatch/v1/Minutia';
import type { SingularPoint as _biomatch_v1_SingularPoint, SingularPoint__Output as _biomatch_v1_SingularPoint__Output } from '../../biomatch/v1/SingularPoint';
import type { BlockOrientations as _biomatch_v1_BlockOrientations, BlockOrientations__Output as _biomatch_v1_BlockOrientations__Output } from '../../biomatch/v1/BlockOrientations';

export interface Template {
  'width'?: (number);
  'height'?: (number);
  'resolutionPpi'?: (number);
  'minutiae'?: (_biomatch_v1_Minutia)[];
  'singularPoints'?: (_biomatch_v1_SingularPoint)[];
  /**
   * image quality 0..100
   */
  'quality'?: (number);
  'fingerPosition'?: (number);
  /**
   * The extractor's block orientation field (a biomatch extension; ISO/ANSI encodings do not
   * carry it). Extract sets it; send the template back with it unchanged and Verify, Enroll and
   * Identify use the orientation cue (docs/decisions/orientation-cue.md). Unset: minutiae alone.
   */
  'blockOrientations'?: (_biomatch_v1_BlockOrientations | null);
}

export interface Template__Output {
  'width': (number);
  'height': (number);
  'resolutionPpi': (number);
  'minutiae': (_biomatch_v1_Minutia__Output)[];
  'singularPoints': (_biomatch_v1_SingularPoint__Output)[];
  /**
   * image quality 0..100
   */
  'quality': (number);
  'fingerPosition': (number);
  /**
   * The extractor's block orientation field (a biomatch extension; ISO/ANSI encodings do not
   * carry it). Extract sets it; send the template back with it unchanged and Verify, Enroll and
   * Identify use the orientation cue (docs/decisions/orientation-cue.md). Unset: minutiae alone.
   */
  'blockOrientations': (_biomatch_v1_BlockOrientations__Output | null);
}
