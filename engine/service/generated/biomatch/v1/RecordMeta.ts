// Original file: proto/biomatch/v1/common.proto

import type { RecordKind as _biomatch_v1_RecordKind, RecordKind__Output as _biomatch_v1_RecordKind__Output } from '../../biomatch/v1/RecordKind';
import type { Visibility as _biomatch_v1_Visibility, Visibility__Output as _biomatch_v1_Visibility__Output } from '../../biomatch/v1/Visibility';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';

/**
 * What every stored record carries, whatever its payload.
 */
export interface RecordMeta {
  'id'?: (string);
  'kind'?: (_biomatch_v1_RecordKind);
  'subjectId'?: (string);
  'ownerAgency'?: (string);
  'visibility'?: (_biomatch_v1_Visibility | null);
  'createdAt'?: (_google_protobuf_Timestamp | null);
  'updatedAt'?: (_google_protobuf_Timestamp | null);
  /**
   * The caller's own reference for this record (CSV sample id, case number ...), if given.
   */
  'externalId'?: (string);
}

/**
 * What every stored record carries, whatever its payload.
 */
export interface RecordMeta__Output {
  'id': (string);
  'kind': (_biomatch_v1_RecordKind__Output);
  'subjectId': (string);
  'ownerAgency': (string);
  'visibility': (_biomatch_v1_Visibility__Output | null);
  'createdAt': (_google_protobuf_Timestamp__Output | null);
  'updatedAt': (_google_protobuf_Timestamp__Output | null);
  /**
   * The caller's own reference for this record (CSV sample id, case number ...), if given.
   */
  'externalId': (string);
}
