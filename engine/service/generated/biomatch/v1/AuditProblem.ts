// Original file: proto/biomatch/v1/admin.proto

import type { Long } from '@grpc/proto-loader';

export interface AuditProblem {
  /**
   * edited, removed, inserted, reordered, malformed, bad-signature, unknown-key,
   * checkpoint-mismatch, checkpoint-missing, truncated, anchor-mismatch
   */
  'kind'?: (string);
  'sequence'?: (number | string | Long);
  'message'?: (string);
}

export interface AuditProblem__Output {
  /**
   * edited, removed, inserted, reordered, malformed, bad-signature, unknown-key,
   * checkpoint-mismatch, checkpoint-missing, truncated, anchor-mismatch
   */
  'kind': (string);
  'sequence': (number);
  'message': (string);
}
