// Original file: proto/biomatch/v1/admin.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';
import type { RecordCount as _biomatch_v1_RecordCount, RecordCount__Output as _biomatch_v1_RecordCount__Output } from '../../biomatch/v1/RecordCount';
import type { PoolStats as _biomatch_v1_PoolStats, PoolStats__Output as _biomatch_v1_PoolStats__Output } from '../../biomatch/v1/PoolStats';
import type { IndexStats as _biomatch_v1_IndexStats, IndexStats__Output as _biomatch_v1_IndexStats__Output } from '../../biomatch/v1/IndexStats';
import type { Long } from '@grpc/proto-loader';

/**
 * An admin (roles file) sees the whole server. Any other agency sees the counts of the records it
 * may see, for the kinds it may search; store_bytes is 0 and indexes empty for it.
 */
export interface Stats {
  'version'?: (string);
  'startedAt'?: (_google_protobuf_Timestamp | null);
  'uptimeSeconds'?: (number | string);
  'records'?: (_biomatch_v1_RecordCount)[];
  'storeBytes'?: (number | string | Long);
  'storeEngine'?: (string);
  'pool'?: (_biomatch_v1_PoolStats | null);
  'indexes'?: (_biomatch_v1_IndexStats)[];
  'serving'?: (boolean);
}

/**
 * An admin (roles file) sees the whole server. Any other agency sees the counts of the records it
 * may see, for the kinds it may search; store_bytes is 0 and indexes empty for it.
 */
export interface Stats__Output {
  'version': (string);
  'startedAt': (_google_protobuf_Timestamp__Output | null);
  'uptimeSeconds': (number);
  'records': (_biomatch_v1_RecordCount__Output)[];
  'storeBytes': (number);
  'storeEngine': (string);
  'pool': (_biomatch_v1_PoolStats__Output | null);
  'indexes': (_biomatch_v1_IndexStats__Output)[];
  'serving': (boolean);
}
