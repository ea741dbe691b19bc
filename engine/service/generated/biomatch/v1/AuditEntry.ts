// Original file: proto/biomatch/v1/admin.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';
import type { Long } from '@grpc/proto-loader';

/**
 * One audited call. Never holds biometric data: record ids and counts only.
 */
export interface AuditEntry {
  'sequence'?: (number | string | Long);
  'time'?: (_google_protobuf_Timestamp | null);
  'agency'?: (string);
  /**
   * The client certificate's subject under mutual TLS; empty otherwise.
   */
  'certificateSubject'?: (string);
  /**
   * Full method path: /biomatch.v1.DnaService/Search
   */
  'method'?: (string);
  'purpose'?: (string);
  'caseReference'?: (string);
  'peer'?: (string);
  /**
   * Records the call returned or touched (when refused: the ones it named).
   */
  'recordIds'?: (string)[];
  /**
   * e.g. returned, compared, total_hits, stored, rejected.
   */
  'counts'?: ({[key: string]: number | string | Long});
  /**
   * OK, or the status code name the caller received.
   */
  'status'?: (string);
  /**
   * SHA-256 (hex) chaining this entry to previous_hash.
   */
  'hash'?: (string);
  'previousHash'?: (string);
}

/**
 * One audited call. Never holds biometric data: record ids and counts only.
 */
export interface AuditEntry__Output {
  'sequence': (number);
  'time': (_google_protobuf_Timestamp__Output | null);
  'agency': (string);
  /**
   * The client certificate's subject under mutual TLS; empty otherwise.
   */
  'certificateSubject': (string);
  /**
   * Full method path: /biomatch.v1.DnaService/Search
   */
  'method': (string);
  'purpose': (string);
  'caseReference': (string);
  'peer': (string);
  /**
   * Records the call returned or touched (when refused: the ones it named).
   */
  'recordIds': (string)[];
  /**
   * e.g. returned, compared, total_hits, stored, rejected.
   */
  'counts': ({[key: string]: number});
  /**
   * OK, or the status code name the caller received.
   */
  'status': (string);
  /**
   * SHA-256 (hex) chaining this entry to previous_hash.
   */
  'hash': (string);
  'previousHash': (string);
}
