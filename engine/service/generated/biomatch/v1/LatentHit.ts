// Original file: proto/biomatch/v1/latent.proto

import type { FingerprintEvidence as _biomatch_v1_FingerprintEvidence, FingerprintEvidence__Output as _biomatch_v1_FingerprintEvidence__Output } from '../../biomatch/v1/FingerprintEvidence';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';

/**
 * A tenprint enrolment that matched a mark in the unsolved latent file (TL reverse search).
 */
export interface LatentHit {
  'hitId'?: (string);
  'latentId'?: (string);
  'caseReference'?: (string);
  'tenprintRecordId'?: (string);
  'subjectId'?: (string);
  'tenprintOwnerAgency'?: (string);
  'fingerPosition'?: (number);
  /**
   * The TL score (as SearchUnsolvedFile with this tenprint as probe gives it); a hit reached the
   * server's --reverse-search-min-score.
   */
  'score'?: (number | string);
  'evidence'?: (_biomatch_v1_FingerprintEvidence | null);
  'foundAt'?: (_google_protobuf_Timestamp | null);
  'acknowledged'?: (boolean);
  'acknowledgedAt'?: (_google_protobuf_Timestamp | null);
}

/**
 * A tenprint enrolment that matched a mark in the unsolved latent file (TL reverse search).
 */
export interface LatentHit__Output {
  'hitId': (string);
  'latentId': (string);
  'caseReference': (string);
  'tenprintRecordId': (string);
  'subjectId': (string);
  'tenprintOwnerAgency': (string);
  'fingerPosition': (number);
  /**
   * The TL score (as SearchUnsolvedFile with this tenprint as probe gives it); a hit reached the
   * server's --reverse-search-min-score.
   */
  'score': (number);
  'evidence': (_biomatch_v1_FingerprintEvidence__Output | null);
  'foundAt': (_google_protobuf_Timestamp__Output | null);
  'acknowledged': (boolean);
  'acknowledgedAt': (_google_protobuf_Timestamp__Output | null);
}
