// Original file: proto/biomatch/v1/dna.proto

import type { RecordMeta as _biomatch_v1_RecordMeta, RecordMeta__Output as _biomatch_v1_RecordMeta__Output } from '../../biomatch/v1/RecordMeta';
import type { DnaProfile as _biomatch_v1_DnaProfile, DnaProfile__Output as _biomatch_v1_DnaProfile__Output } from '../../biomatch/v1/DnaProfile';

export interface DnaRecord {
  'meta'?: (_biomatch_v1_RecordMeta | null);
  /**
   * With canonical locus names.
   */
  'profile'?: (_biomatch_v1_DnaProfile | null);
}

export interface DnaRecord__Output {
  'meta': (_biomatch_v1_RecordMeta__Output | null);
  /**
   * With canonical locus names.
   */
  'profile': (_biomatch_v1_DnaProfile__Output | null);
}
