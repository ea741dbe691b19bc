// Original file: proto/biomatch/v1/admin.proto

import type { AuditProblem as _biomatch_v1_AuditProblem, AuditProblem__Output as _biomatch_v1_AuditProblem__Output } from '../../biomatch/v1/AuditProblem';
import type { Long } from '@grpc/proto-loader';

export interface VerifyAuditResponse {
  'intact'?: (boolean);
  'entries'?: (number | string | Long);
  'checkpoints'?: (number | string | Long);
  'headSequence'?: (number | string | Long);
  'headHash'?: (string);
  'lastCheckpointSequence'?: (number | string | Long);
  /**
   * Entries after the last checkpoint: cutting them off, or rewriting them consistently, cannot
   * be detected from the store alone (keep head_sequence/head_hash and pass them as an anchor).
   */
  'unsignedTail'?: (number | string | Long);
  /**
   * SHA-256 of the signing public key (SPKI DER), hex.
   */
  'keyId'?: (string);
  /**
   * Absent when intact.
   */
  'problem'?: (_biomatch_v1_AuditProblem | null);
  'publicKeyPem'?: (string);
}

export interface VerifyAuditResponse__Output {
  'intact': (boolean);
  'entries': (number);
  'checkpoints': (number);
  'headSequence': (number);
  'headHash': (string);
  'lastCheckpointSequence': (number);
  /**
   * Entries after the last checkpoint: cutting them off, or rewriting them consistently, cannot
   * be detected from the store alone (keep head_sequence/head_hash and pass them as an anchor).
   */
  'unsignedTail': (number);
  /**
   * SHA-256 of the signing public key (SPKI DER), hex.
   */
  'keyId': (string);
  /**
   * Absent when intact.
   */
  'problem': (_biomatch_v1_AuditProblem__Output | null);
  'publicKeyPem': (string);
}
