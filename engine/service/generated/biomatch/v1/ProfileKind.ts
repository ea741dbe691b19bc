// Original file: proto/biomatch/v1/dna.proto

export const ProfileKind = {
  PROFILE_KIND_UNSPECIFIED: 'PROFILE_KIND_UNSPECIFIED',
  PROFILE_KIND_OFFENDER: 'PROFILE_KIND_OFFENDER',
  PROFILE_KIND_ARRESTEE: 'PROFILE_KIND_ARRESTEE',
  PROFILE_KIND_SUSPECT: 'PROFILE_KIND_SUSPECT',
  PROFILE_KIND_ELIMINATION: 'PROFILE_KIND_ELIMINATION',
  /**
   * crime-scene stain, single source
   */
  PROFILE_KIND_FORENSIC_UNKNOWN: 'PROFILE_KIND_FORENSIC_UNKNOWN',
  /**
   * crime-scene stain, more than one contributor
   */
  PROFILE_KIND_FORENSIC_MIXTURE: 'PROFILE_KIND_FORENSIC_MIXTURE',
  PROFILE_KIND_MISSING_PERSON: 'PROFILE_KIND_MISSING_PERSON',
  PROFILE_KIND_UNIDENTIFIED_REMAINS: 'PROFILE_KIND_UNIDENTIFIED_REMAINS',
  /**
   * with `relationship`
   */
  PROFILE_KIND_RELATIVE_OF_MISSING: 'PROFILE_KIND_RELATIVE_OF_MISSING',
} as const;

export type ProfileKind =
  | 'PROFILE_KIND_UNSPECIFIED'
  | 0
  | 'PROFILE_KIND_OFFENDER'
  | 1
  | 'PROFILE_KIND_ARRESTEE'
  | 2
  | 'PROFILE_KIND_SUSPECT'
  | 3
  | 'PROFILE_KIND_ELIMINATION'
  | 4
  /**
   * crime-scene stain, single source
   */
  | 'PROFILE_KIND_FORENSIC_UNKNOWN'
  | 5
  /**
   * crime-scene stain, more than one contributor
   */
  | 'PROFILE_KIND_FORENSIC_MIXTURE'
  | 6
  | 'PROFILE_KIND_MISSING_PERSON'
  | 7
  | 'PROFILE_KIND_UNIDENTIFIED_REMAINS'
  | 8
  /**
   * with `relationship`
   */
  | 'PROFILE_KIND_RELATIVE_OF_MISSING'
  | 9

export type ProfileKind__Output = typeof ProfileKind[keyof typeof ProfileKind]
