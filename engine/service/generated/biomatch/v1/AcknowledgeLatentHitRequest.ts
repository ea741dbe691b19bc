// Original file: proto/biomatch/v1/latent.proto


export interface AcknowledgeLatentHitRequest {
  'hitId'?: (string);
}

export interface AcknowledgeLatentHitRequest__Output {
  'hitId': (string);
}
