// Original file: proto/biomatch/v1/latent.proto

import type { RecordMeta as _biomatch_v1_RecordMeta, RecordMeta__Output as _biomatch_v1_RecordMeta__Output } from '../../biomatch/v1/RecordMeta';
import type { Template as _biomatch_v1_Template, Template__Output as _biomatch_v1_Template__Output } from '../../biomatch/v1/Template';

export interface LatentRecord {
  'meta'?: (_biomatch_v1_RecordMeta | null);
  'caseReference'?: (string);
  'template'?: (_biomatch_v1_Template | null);
}

export interface LatentRecord__Output {
  'meta': (_biomatch_v1_RecordMeta__Output | null);
  'caseReference': (string);
  'template': (_biomatch_v1_Template__Output | null);
}
