// Original file: proto/biomatch/v1/common.proto

export const RecordKind = {
  RECORD_KIND_UNSPECIFIED: 'RECORD_KIND_UNSPECIFIED',
  /**
   * a tenprint / flat / rolled finger template
   */
  RECORD_KIND_FINGERPRINT: 'RECORD_KIND_FINGERPRINT',
  /**
   * a latent mark in the unsolved latent file
   */
  RECORD_KIND_LATENT: 'RECORD_KIND_LATENT',
  /**
   * an STR profile
   */
  RECORD_KIND_DNA_PROFILE: 'RECORD_KIND_DNA_PROFILE',
} as const;

export type RecordKind =
  | 'RECORD_KIND_UNSPECIFIED'
  | 0
  /**
   * a tenprint / flat / rolled finger template
   */
  | 'RECORD_KIND_FINGERPRINT'
  | 1
  /**
   * a latent mark in the unsolved latent file
   */
  | 'RECORD_KIND_LATENT'
  | 2
  /**
   * an STR profile
   */
  | 'RECORD_KIND_DNA_PROFILE'
  | 3

export type RecordKind__Output = typeof RecordKind[keyof typeof RecordKind]
