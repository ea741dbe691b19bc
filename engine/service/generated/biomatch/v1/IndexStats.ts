// Original file: proto/biomatch/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface IndexStats {
  'name'?: (string);
  'entries'?: (number | string | Long);
  'loaded'?: (boolean);
}

export interface IndexStats__Output {
  'name': (string);
  'entries': (number);
  'loaded': (boolean);
}
