// Original file: proto/biomatch/v1/latent.proto

import type { RecordMeta as _biomatch_v1_RecordMeta, RecordMeta__Output as _biomatch_v1_RecordMeta__Output } from '../../biomatch/v1/RecordMeta';

export interface ListUnsolvedResponse {
  'records'?: (_biomatch_v1_RecordMeta)[];
  'nextPageToken'?: (string);
}

export interface ListUnsolvedResponse__Output {
  'records': (_biomatch_v1_RecordMeta__Output)[];
  'nextPageToken': (string);
}
