// Original file: proto/biomatch/v1/latent.proto

import type { LatentMark as _biomatch_v1_LatentMark, LatentMark__Output as _biomatch_v1_LatentMark__Output } from '../../biomatch/v1/LatentMark';
import type { Visibility as _biomatch_v1_Visibility, Visibility__Output as _biomatch_v1_Visibility__Output } from '../../biomatch/v1/Visibility';

export interface AddLatentRequest {
  'mark'?: (_biomatch_v1_LatentMark | null);
  'ownerAgency'?: (string);
  'visibility'?: (_biomatch_v1_Visibility | null);
  'externalId'?: (string);
}

export interface AddLatentRequest__Output {
  'mark': (_biomatch_v1_LatentMark__Output | null);
  'ownerAgency': (string);
  'visibility': (_biomatch_v1_Visibility__Output | null);
  'externalId': (string);
}
