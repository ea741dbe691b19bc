// Original file: proto/biomatch/v1/common.proto

import type { RecordKind as _biomatch_v1_RecordKind, RecordKind__Output as _biomatch_v1_RecordKind__Output } from '../../biomatch/v1/RecordKind';
import type { FingerprintEvidence as _biomatch_v1_FingerprintEvidence, FingerprintEvidence__Output as _biomatch_v1_FingerprintEvidence__Output } from '../../biomatch/v1/FingerprintEvidence';
import type { DnaEvidence as _biomatch_v1_DnaEvidence, DnaEvidence__Output as _biomatch_v1_DnaEvidence__Output } from '../../biomatch/v1/DnaEvidence';

export interface Candidate {
  'recordId'?: (string);
  'subjectId'?: (string);
  'score'?: (number | string);
  /**
   * 1-based
   */
  'rank'?: (number);
  'kind'?: (_biomatch_v1_RecordKind);
  /**
   * fingerprints: ANSI/NIST finger position code
   */
  'fingerPosition'?: (number);
  /**
   * the record's own reference (e.g. a DNA sample id)
   */
  'externalId'?: (string);
  /**
   * the agency that owns the record
   */
  'ownerAgency'?: (string);
  /**
   * latent marks: the case the mark belongs to
   */
  'caseReference'?: (string);
  'fingerprint'?: (_biomatch_v1_FingerprintEvidence | null);
  'dna'?: (_biomatch_v1_DnaEvidence | null);
  'evidence'?: "fingerprint"|"dna";
}

export interface Candidate__Output {
  'recordId': (string);
  'subjectId': (string);
  'score': (number);
  /**
   * 1-based
   */
  'rank': (number);
  'kind': (_biomatch_v1_RecordKind__Output);
  /**
   * fingerprints: ANSI/NIST finger position code
   */
  'fingerPosition': (number);
  /**
   * the record's own reference (e.g. a DNA sample id)
   */
  'externalId': (string);
  /**
   * the agency that owns the record
   */
  'ownerAgency': (string);
  /**
   * latent marks: the case the mark belongs to
   */
  'caseReference': (string);
  'fingerprint'?: (_biomatch_v1_FingerprintEvidence__Output | null);
  'dna'?: (_biomatch_v1_DnaEvidence__Output | null);
  'evidence'?: "fingerprint"|"dna";
}
