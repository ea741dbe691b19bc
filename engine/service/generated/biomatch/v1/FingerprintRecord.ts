// Original file: proto/biomatch/v1/fingerprint.proto

import type { RecordMeta as _biomatch_v1_RecordMeta, RecordMeta__Output as _biomatch_v1_RecordMeta__Output } from '../../biomatch/v1/RecordMeta';
import type { Template as _biomatch_v1_Template, Template__Output as _biomatch_v1_Template__Output } from '../../biomatch/v1/Template';

export interface FingerprintRecord {
  'meta'?: (_biomatch_v1_RecordMeta | null);
  'fingerPosition'?: (number);
  'template'?: (_biomatch_v1_Template | null);
}

export interface FingerprintRecord__Output {
  'meta': (_biomatch_v1_RecordMeta__Output | null);
  'fingerPosition': (number);
  'template': (_biomatch_v1_Template__Output | null);
}
