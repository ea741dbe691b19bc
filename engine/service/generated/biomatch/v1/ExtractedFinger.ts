// Original file: proto/biomatch/v1/fingerprint.proto

import type { Template as _biomatch_v1_Template, Template__Output as _biomatch_v1_Template__Output } from '../../biomatch/v1/Template';
import type { EncodedTemplate as _biomatch_v1_EncodedTemplate, EncodedTemplate__Output as _biomatch_v1_EncodedTemplate__Output } from '../../biomatch/v1/EncodedTemplate';
import type { StageImage as _biomatch_v1_StageImage, StageImage__Output as _biomatch_v1_StageImage__Output } from '../../biomatch/v1/StageImage';

export interface ExtractedFinger {
  'template'?: (_biomatch_v1_Template | null);
  /**
   * set when output_format asks for a standard encoding
   */
  'encoded'?: (_biomatch_v1_EncodedTemplate | null);
  'stageImages'?: (_biomatch_v1_StageImage)[];
  /**
   * Where in the input the image came from: "image", or "type-14 record 3 (IDC 5)" for a
   * transaction.
   */
  'source'?: (string);
  'sourcePpi'?: (number | string);
  'extractMs'?: (number | string);
  /**
   * A template holds at most 255 minutiae (the ISO 19794-2 / ANSI 378 one-byte count) and 16
   * singular points. Where the image gave more, the best-quality minutiae were kept and these
   * say how many were left out; non-zero means the image holds much that is not a finger
   * (a noisy background), so its template, though valid everywhere, deserves a look.
   */
  'minutiaeDropped'?: (number);
  'singularPointsDropped'?: (number);
}

export interface ExtractedFinger__Output {
  'template': (_biomatch_v1_Template__Output | null);
  /**
   * set when output_format asks for a standard encoding
   */
  'encoded': (_biomatch_v1_EncodedTemplate__Output | null);
  'stageImages': (_biomatch_v1_StageImage__Output)[];
  /**
   * Where in the input the image came from: "image", or "type-14 record 3 (IDC 5)" for a
   * transaction.
   */
  'source': (string);
  'sourcePpi': (number);
  'extractMs': (number);
  /**
   * A template holds at most 255 minutiae (the ISO 19794-2 / ANSI 378 one-byte count) and 16
   * singular points. Where the image gave more, the best-quality minutiae were kept and these
   * say how many were left out; non-zero means the image holds much that is not a finger
   * (a noisy background), so its template, though valid everywhere, deserves a look.
   */
  'minutiaeDropped': (number);
  'singularPointsDropped': (number);
}
