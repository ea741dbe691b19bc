// Original file: proto/biomatch/v1/latent.proto

import type { LatentMarkup as _biomatch_v1_LatentMarkup, LatentMarkup__Output as _biomatch_v1_LatentMarkup__Output } from '../../biomatch/v1/LatentMarkup';

export interface ExtractLatentResponse {
  /**
   * The features, sendable back as LatentMark.markup (minutia quality: the reliability 1..100).
   */
  'features'?: (_biomatch_v1_LatentMarkup | null);
  /**
   * of the mark at 500 ppi
   */
  'width'?: (number);
  'height'?: (number);
  'extractMs'?: (number | string);
  'drawingPng'?: (Buffer | Uint8Array | string);
}

export interface ExtractLatentResponse__Output {
  /**
   * The features, sendable back as LatentMark.markup (minutia quality: the reliability 1..100).
   */
  'features': (_biomatch_v1_LatentMarkup__Output | null);
  /**
   * of the mark at 500 ppi
   */
  'width': (number);
  'height': (number);
  'extractMs': (number);
  'drawingPng': (Buffer);
}
