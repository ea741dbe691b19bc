// Original file: proto/biomatch/v1/admin.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';

export interface ListAuditRequest {
  /**
   * Empty: the caller's own agency (an auditor: every agency).
   */
  'agency'?: (string);
  /**
   * Entries answered at or after this time.
   */
  'since'?: (_google_protobuf_Timestamp | null);
  /**
   * Entries answered before this time.
   */
  'until'?: (_google_protobuf_Timestamp | null);
  /**
   * Entries per page: default 100, at most 1000. A page may hold fewer even when more follow
   * (each call examines a bounded number of entries); continue while next_page_token is set.
   */
  'limit'?: (number);
  /**
   * From a previous response's next_page_token; empty for the first page.
   */
  'pageToken'?: (string);
}

export interface ListAuditRequest__Output {
  /**
   * Empty: the caller's own agency (an auditor: every agency).
   */
  'agency': (string);
  /**
   * Entries answered at or after this time.
   */
  'since': (_google_protobuf_Timestamp__Output | null);
  /**
   * Entries answered before this time.
   */
  'until': (_google_protobuf_Timestamp__Output | null);
  /**
   * Entries per page: default 100, at most 1000. A page may hold fewer even when more follow
   * (each call examines a bounded number of entries); continue while next_page_token is set.
   */
  'limit': (number);
  /**
   * From a previous response's next_page_token; empty for the first page.
   */
  'pageToken': (string);
}
