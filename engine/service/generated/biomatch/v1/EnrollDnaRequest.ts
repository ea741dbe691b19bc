// Original file: proto/biomatch/v1/dna.proto

import type { DnaProfile as _biomatch_v1_DnaProfile, DnaProfile__Output as _biomatch_v1_DnaProfile__Output } from '../../biomatch/v1/DnaProfile';
import type { Visibility as _biomatch_v1_Visibility, Visibility__Output as _biomatch_v1_Visibility__Output } from '../../biomatch/v1/Visibility';

export interface EnrollDnaRequest {
  'profile'?: (_biomatch_v1_DnaProfile | null);
  'subjectId'?: (string);
  'ownerAgency'?: (string);
  'visibility'?: (_biomatch_v1_Visibility | null);
  /**
   * The lab's sample id; enrolling the same (owner, external_id) again updates that record.
   */
  'externalId'?: (string);
}

export interface EnrollDnaRequest__Output {
  'profile': (_biomatch_v1_DnaProfile__Output | null);
  'subjectId': (string);
  'ownerAgency': (string);
  'visibility': (_biomatch_v1_Visibility__Output | null);
  /**
   * The lab's sample id; enrolling the same (owner, external_id) again updates that record.
   */
  'externalId': (string);
}
