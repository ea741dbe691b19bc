// Original file: proto/biomatch/v1/fingerprint.proto

import type { MinutiaType as _biomatch_v1_MinutiaType, MinutiaType__Output as _biomatch_v1_MinutiaType__Output } from '../../biomatch/v1/MinutiaType';

/**
 * Coordinates in pixels at 500 ppi, origin top-left, y down; angle in degrees counter-clockwise
 * from the x axis (ISO/IEC 19794-2:2005 conventions).
 */
export interface Minutia {
  'x'?: (number | string);
  'y'?: (number | string);
  'angleDegrees'?: (number | string);
  'type'?: (_biomatch_v1_MinutiaType);
  /**
   * 0..100
   */
  'quality'?: (number);
}

/**
 * Coordinates in pixels at 500 ppi, origin top-left, y down; angle in degrees counter-clockwise
 * from the x axis (ISO/IEC 19794-2:2005 conventions).
 */
export interface Minutia__Output {
  'x': (number);
  'y': (number);
  'angleDegrees': (number);
  'type': (_biomatch_v1_MinutiaType__Output);
  /**
   * 0..100
   */
  'quality': (number);
}
