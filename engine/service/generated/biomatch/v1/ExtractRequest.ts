// Original file: proto/biomatch/v1/fingerprint.proto

import type { FingerprintImage as _biomatch_v1_FingerprintImage, FingerprintImage__Output as _biomatch_v1_FingerprintImage__Output } from '../../biomatch/v1/FingerprintImage';
import type { TemplateFormat as _biomatch_v1_TemplateFormat, TemplateFormat__Output as _biomatch_v1_TemplateFormat__Output } from '../../biomatch/v1/TemplateFormat';

export interface ExtractRequest {
  'image'?: (_biomatch_v1_FingerprintImage | null);
  /**
   * Encode each template in this format as well (INTERNAL: no extra encoding).
   */
  'outputFormat'?: (_biomatch_v1_TemplateFormat);
  /**
   * Return the pipeline's stage images (segmentation mask, orientation, enhanced, binary,
   * skeleton ...) as PNGs, for an examiner.
   */
  'includeStageImages'?: (boolean);
}

export interface ExtractRequest__Output {
  'image': (_biomatch_v1_FingerprintImage__Output | null);
  /**
   * Encode each template in this format as well (INTERNAL: no extra encoding).
   */
  'outputFormat': (_biomatch_v1_TemplateFormat__Output);
  /**
   * Return the pipeline's stage images (segmentation mask, orientation, enhanced, binary,
   * skeleton ...) as PNGs, for an examiner.
   */
  'includeStageImages': (boolean);
}
