// Original file: proto/biomatch/v1/batch.proto

import type { BatchState as _biomatch_v1_BatchState, BatchState__Output as _biomatch_v1_BatchState__Output } from '../../biomatch/v1/BatchState';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';

export interface BatchJob {
  'jobId'?: (string);
  'state'?: (_biomatch_v1_BatchState);
  'items'?: (number);
  'done'?: (number);
  'failed'?: (number);
  'submittedAt'?: (_google_protobuf_Timestamp | null);
  'finishedAt'?: (_google_protobuf_Timestamp | null);
}

export interface BatchJob__Output {
  'jobId': (string);
  'state': (_biomatch_v1_BatchState__Output);
  'items': (number);
  'done': (number);
  'failed': (number);
  'submittedAt': (_google_protobuf_Timestamp__Output | null);
  'finishedAt': (_google_protobuf_Timestamp__Output | null);
}
