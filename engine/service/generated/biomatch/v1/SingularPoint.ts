// Original file: proto/biomatch/v1/fingerprint.proto


// Original file: proto/biomatch/v1/fingerprint.proto

export const _biomatch_v1_SingularPoint_Type = {
  TYPE_UNSPECIFIED: 'TYPE_UNSPECIFIED',
  TYPE_CORE: 'TYPE_CORE',
  TYPE_DELTA: 'TYPE_DELTA',
} as const;

export type _biomatch_v1_SingularPoint_Type =
  | 'TYPE_UNSPECIFIED'
  | 0
  | 'TYPE_CORE'
  | 1
  | 'TYPE_DELTA'
  | 2

export type _biomatch_v1_SingularPoint_Type__Output = typeof _biomatch_v1_SingularPoint_Type[keyof typeof _biomatch_v1_SingularPoint_Type]

export interface SingularPoint {
  'type'?: (_biomatch_v1_SingularPoint_Type);
  'x'?: (number | string);
  'y'?: (number | string);
  'angleDegrees'?: (number | string);
}

export interface SingularPoint__Output {
  'type': (_biomatch_v1_SingularPoint_Type__Output);
  'x': (number);
  'y': (number);
  'angleDegrees': (number);
}
