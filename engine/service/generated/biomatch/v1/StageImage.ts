// Original file: proto/biomatch/v1/fingerprint.proto


export interface StageImage {
  /**
   * stage name, as the extractor's sink keys it
   */
  'stage'?: (string);
  'png'?: (Buffer | Uint8Array | string);
}

export interface StageImage__Output {
  /**
   * stage name, as the extractor's sink keys it
   */
  'stage': (string);
  'png': (Buffer);
}
