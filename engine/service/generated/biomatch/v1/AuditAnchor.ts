// Original file: proto/biomatch/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A (sequence, hash) noted from an earlier verification; the chain must still hold it.
 */
export interface AuditAnchor {
  'sequence'?: (number | string | Long);
  'hash'?: (string);
}

/**
 * A (sequence, hash) noted from an earlier verification; the chain must still hold it.
 */
export interface AuditAnchor__Output {
  'sequence': (number);
  'hash': (string);
}
