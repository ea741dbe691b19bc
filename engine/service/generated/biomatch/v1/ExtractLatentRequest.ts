// Original file: proto/biomatch/v1/latent.proto

import type { FingerprintImage as _biomatch_v1_FingerprintImage, FingerprintImage__Output as _biomatch_v1_FingerprintImage__Output } from '../../biomatch/v1/FingerprintImage';
import type { LatentMarkup as _biomatch_v1_LatentMarkup, LatentMarkup__Output as _biomatch_v1_LatentMarkup__Output } from '../../biomatch/v1/LatentMarkup';

export interface ExtractLatentRequest {
  'image'?: (_biomatch_v1_FingerprintImage | null);
  /**
   * Applied to the automatic features (an ROI drops what lies outside it), as a search would.
   */
  'markup'?: (_biomatch_v1_LatentMarkup | null);
  /**
   * Return a PNG of the mark at 500 ppi with the features drawn on it.
   */
  'includeDrawing'?: (boolean);
}

export interface ExtractLatentRequest__Output {
  'image': (_biomatch_v1_FingerprintImage__Output | null);
  /**
   * Applied to the automatic features (an ROI drops what lies outside it), as a search would.
   */
  'markup': (_biomatch_v1_LatentMarkup__Output | null);
  /**
   * Return a PNG of the mark at 500 ppi with the features drawn on it.
   */
  'includeDrawing': (boolean);
}
