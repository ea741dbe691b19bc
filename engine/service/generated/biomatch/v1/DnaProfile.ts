// Original file: proto/biomatch/v1/dna.proto

import type { LocusAlleles as _biomatch_v1_LocusAlleles, LocusAlleles__Output as _biomatch_v1_LocusAlleles__Output } from '../../biomatch/v1/LocusAlleles';
import type { ProfileKind as _biomatch_v1_ProfileKind, ProfileKind__Output as _biomatch_v1_ProfileKind__Output } from '../../biomatch/v1/ProfileKind';
import type { Relationship as _biomatch_v1_Relationship, Relationship__Output as _biomatch_v1_Relationship__Output } from '../../biomatch/v1/Relationship';

export interface DnaProfile {
  /**
   * Locus name (any accepted alias) -> alleles.
   */
  'loci'?: ({[key: string]: _biomatch_v1_LocusAlleles});
  'kind'?: (_biomatch_v1_ProfileKind);
  /**
   * for PROFILE_KIND_RELATIVE_OF_MISSING
   */
  'relationship'?: (_biomatch_v1_Relationship);
  'caseReference'?: (string);
}

export interface DnaProfile__Output {
  /**
   * Locus name (any accepted alias) -> alleles.
   */
  'loci': ({[key: string]: _biomatch_v1_LocusAlleles__Output});
  'kind': (_biomatch_v1_ProfileKind__Output);
  /**
   * for PROFILE_KIND_RELATIVE_OF_MISSING
   */
  'relationship': (_biomatch_v1_Relationship__Output);
  'caseReference': (string);
}
