// Original file: proto/biomatch/v1/latent.proto

import type { LatentHit as _biomatch_v1_LatentHit, LatentHit__Output as _biomatch_v1_LatentHit__Output } from '../../biomatch/v1/LatentHit';

export interface ListLatentHitsResponse {
  'hits'?: (_biomatch_v1_LatentHit)[];
  'nextPageToken'?: (string);
}

export interface ListLatentHitsResponse__Output {
  'hits': (_biomatch_v1_LatentHit__Output)[];
  'nextPageToken': (string);
}
