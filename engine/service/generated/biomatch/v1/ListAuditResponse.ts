// Original file: proto/biomatch/v1/admin.proto

import type { AuditEntry as _biomatch_v1_AuditEntry, AuditEntry__Output as _biomatch_v1_AuditEntry__Output } from '../../biomatch/v1/AuditEntry';

export interface ListAuditResponse {
  'entries'?: (_biomatch_v1_AuditEntry)[];
  /**
   * Empty when there are no more entries.
   */
  'nextPageToken'?: (string);
}

export interface ListAuditResponse__Output {
  'entries': (_biomatch_v1_AuditEntry__Output)[];
  /**
   * Empty when there are no more entries.
   */
  'nextPageToken': (string);
}
