// Original file: proto/biomatch/v1/fingerprint.proto

import type { Template as _biomatch_v1_Template, Template__Output as _biomatch_v1_Template__Output } from '../../biomatch/v1/Template';
import type { EncodedTemplate as _biomatch_v1_EncodedTemplate, EncodedTemplate__Output as _biomatch_v1_EncodedTemplate__Output } from '../../biomatch/v1/EncodedTemplate';

/**
 * A template supplied by a caller: structured, or encoded in a standard format.
 */
export interface TemplateInput {
  'template'?: (_biomatch_v1_Template | null);
  'encoded'?: (_biomatch_v1_EncodedTemplate | null);
  'form'?: "template"|"encoded";
}

/**
 * A template supplied by a caller: structured, or encoded in a standard format.
 */
export interface TemplateInput__Output {
  'template'?: (_biomatch_v1_Template__Output | null);
  'encoded'?: (_biomatch_v1_EncodedTemplate__Output | null);
  'form'?: "template"|"encoded";
}
