// Original file: proto/biomatch/v1/fingerprint.proto

import type { FingerprintImage as _biomatch_v1_FingerprintImage, FingerprintImage__Output as _biomatch_v1_FingerprintImage__Output } from '../../biomatch/v1/FingerprintImage';
import type { TemplateInput as _biomatch_v1_TemplateInput, TemplateInput__Output as _biomatch_v1_TemplateInput__Output } from '../../biomatch/v1/TemplateInput';

/**
 * A probe or a reference: an image to extract, or a ready template.
 */
export interface FingerprintSample {
  'image'?: (_biomatch_v1_FingerprintImage | null);
  'template'?: (_biomatch_v1_TemplateInput | null);
  'source'?: "image"|"template";
}

/**
 * A probe or a reference: an image to extract, or a ready template.
 */
export interface FingerprintSample__Output {
  'image'?: (_biomatch_v1_FingerprintImage__Output | null);
  'template'?: (_biomatch_v1_TemplateInput__Output | null);
  'source'?: "image"|"template";
}
