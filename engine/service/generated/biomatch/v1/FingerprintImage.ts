// Original file: proto/biomatch/v1/fingerprint.proto

import type { ImageFormat as _biomatch_v1_ImageFormat, ImageFormat__Output as _biomatch_v1_ImageFormat__Output } from '../../biomatch/v1/ImageFormat';

export interface FingerprintImage {
  'data'?: (Buffer | Uint8Array | string);
  'format'?: (_biomatch_v1_ImageFormat);
  /**
   * RAW only
   */
  'width'?: (number);
  /**
   * RAW only
   */
  'height'?: (number);
  /**
   * Scanning resolution. 0: take it from the file/record; an image without one is refused
   * unless the caller states it (500 for most livescan and FVC images, 569 for FVC2002 DB2).
   */
  'ppi'?: (number | string);
  /**
   * ANSI/NIST finger position code, if the caller knows it (records carry their own).
   */
  'fingerPosition'?: (number);
}

export interface FingerprintImage__Output {
  'data': (Buffer);
  'format': (_biomatch_v1_ImageFormat__Output);
  /**
   * RAW only
   */
  'width': (number);
  /**
   * RAW only
   */
  'height': (number);
  /**
   * Scanning resolution. 0: take it from the file/record; an image without one is refused
   * unless the caller states it (500 for most livescan and FVC images, 569 for FVC2002 DB2).
   */
  'ppi': (number);
  /**
   * ANSI/NIST finger position code, if the caller knows it (records carry their own).
   */
  'fingerPosition': (number);
}
