// Original file: proto/biomatch/v1/fingerprint.proto

import type { Minutia as _biomatch_v1_Minutia, Minutia__Output as _biomatch_v1_Minutia__Output } from '../../biomatch/v1/Minutia';
import type { SingularPoint as _biomatch_v1_SingularPoint, SingularPoint__Output as _biomatch_v1_SingularPoint__Output } from '../../biomatch/v1/SingularPoint';

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
}
