// Original file: proto/biomatch/v1/batch.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';

export interface Schedule {
  'scheduleId'?: (string);
  'kind'?: (string);
  'everyHours'?: (number);
  'name'?: (string);
  'createdAt'?: (_google_protobuf_Timestamp | null);
  'nextRunAt'?: (_google_protobuf_Timestamp | null);
  'lastRunAt'?: (_google_protobuf_Timestamp | null);
  'lastJobId'?: (string);
  'runs'?: (number);
}

export interface Schedule__Output {
  'scheduleId': (string);
  'kind': (string);
  'everyHours': (number);
  'name': (string);
  'createdAt': (_google_protobuf_Timestamp__Output | null);
  'nextRunAt': (_google_protobuf_Timestamp__Output | null);
  'lastRunAt': (_google_protobuf_Timestamp__Output | null);
  'lastJobId': (string);
  'runs': (number);
}
