// Original file: proto/biomatch/v1/dna.proto

import type { DnaProfile as _biomatch_v1_DnaProfile, DnaProfile__Output as _biomatch_v1_DnaProfile__Output } from '../../biomatch/v1/DnaProfile';
import type { Relationship as _biomatch_v1_Relationship, Relationship__Output as _biomatch_v1_Relationship__Output } from '../../biomatch/v1/Relationship';
import type { ProfileKind as _biomatch_v1_ProfileKind, ProfileKind__Output as _biomatch_v1_ProfileKind__Output } from '../../biomatch/v1/ProfileKind';

export interface KinshipSearchRequest {
  'profile'?: (_biomatch_v1_DnaProfile | null);
  'relationship'?: (_biomatch_v1_Relationship);
  /**
   * 0: server default
   */
  'minKinshipIndex'?: (number | string);
  'maxCandidates'?: (number);
  'population'?: (string);
  /**
   * as in DnaSearchRequest: absent is the default, 0 is θ = 0
   */
  'theta'?: (number | string);
  'minComparedLoci'?: (number);
  'targetKinds'?: (_biomatch_v1_ProfileKind)[];
  /**
   * as in DnaSearchRequest
   */
  'compareLoci'?: (string)[];
  '_theta'?: "theta";
}

export interface KinshipSearchRequest__Output {
  'profile': (_biomatch_v1_DnaProfile__Output | null);
  'relationship': (_biomatch_v1_Relationship__Output);
  /**
   * 0: server default
   */
  'minKinshipIndex': (number);
  'maxCandidates': (number);
  'population': (string);
  /**
   * as in DnaSearchRequest: absent is the default, 0 is θ = 0
   */
  'theta'?: (number);
  'minComparedLoci': (number);
  'targetKinds': (_biomatch_v1_ProfileKind__Output)[];
  /**
   * as in DnaSearchRequest
   */
  'compareLoci': (string)[];
  '_theta'?: "theta";
}
