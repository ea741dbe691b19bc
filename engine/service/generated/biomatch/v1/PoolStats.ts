// Original file: proto/biomatch/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface PoolStats {
  'threads'?: (number);
  'maxQueue'?: (number);
  'queued'?: (number);
  'running'?: (number);
  'completed'?: (number | string | Long);
  /**
   * 0..1, piscina's measure
   */
  'utilization'?: (number | string);
  'tfjsBackend'?: (string);
}

export interface PoolStats__Output {
  'threads': (number);
  'maxQueue': (number);
  'queued': (number);
  'running': (number);
  'completed': (number);
  /**
   * 0..1, piscina's measure
   */
  'utilization': (number);
  'tfjsBackend': (string);
}
