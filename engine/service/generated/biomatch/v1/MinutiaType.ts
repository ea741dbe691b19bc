// Original file: proto/biomatch/v1/fingerprint.proto

export const MinutiaType = {
  MINUTIA_TYPE_UNSPECIFIED: 'MINUTIA_TYPE_UNSPECIFIED',
  MINUTIA_TYPE_RIDGE_ENDING: 'MINUTIA_TYPE_RIDGE_ENDING',
  MINUTIA_TYPE_BIFURCATION: 'MINUTIA_TYPE_BIFURCATION',
  MINUTIA_TYPE_OTHER: 'MINUTIA_TYPE_OTHER',
} as const;

export type MinutiaType =
  | 'MINUTIA_TYPE_UNSPECIFIED'
  | 0
  | 'MINUTIA_TYPE_RIDGE_ENDING'
  | 1
  | 'MINUTIA_TYPE_BIFURCATION'
  | 2
  | 'MINUTIA_TYPE_OTHER'
  | 3

export type MinutiaType__Output = typeof MinutiaType[keyof typeof MinutiaType]
