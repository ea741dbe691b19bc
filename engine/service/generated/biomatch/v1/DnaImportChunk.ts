// Original file: proto/biomatch/v1/dna.proto

import type { ImportFormat as _biomatch_v1_ImportFormat, ImportFormat__Output as _biomatch_v1_ImportFormat__Output } from '../../biomatch/v1/ImportFormat';
import type { Visibility as _biomatch_v1_Visibility, Visibility__Output as _biomatch_v1_Visibility__Output } from '../../biomatch/v1/Visibility';
import type { ProfileKind as _biomatch_v1_ProfileKind, ProfileKind__Output as _biomatch_v1_ProfileKind__Output } from '../../biomatch/v1/ProfileKind';

export interface DnaImportChunk {
  /**
   * The first chunk carries the settings; every chunk carries the next bytes of the file.
   */
  'format'?: (_biomatch_v1_ImportFormat);
  'ownerAgency'?: (string);
  'visibility'?: (_biomatch_v1_Visibility | null);
  'defaultKind'?: (_biomatch_v1_ProfileKind);
  'data'?: (Buffer | Uint8Array | string);
}

export interface DnaImportChunk__Output {
  /**
   * The first chunk carries the settings; every chunk carries the next bytes of the file.
   */
  'format': (_biomatch_v1_ImportFormat__Output);
  'ownerAgency': (string);
  'visibility': (_biomatch_v1_Visibility__Output | null);
  'defaultKind': (_biomatch_v1_ProfileKind__Output);
  'data': (Buffer);
}
