// Original file: proto/biomatch/v1/batch.proto


export interface AddScheduleRequest {
  /**
   * "dna-unknown-vs-offenders": every forensic-unknown DNA profile the agency owns, searched
   * against offender and arrestee profiles at moderate stringency (default every 168 hours).
   * "fp-tenprints-vs-unsolved": tenprints enrolled since the last run against the unsolved latent
   * file (default every 24 hours) — UNIMPLEMENTED: every enrolment is searched against the
   * unsolved latent file as it is stored (--reverse-search), and a re-run has no item kind yet.
   */
  'kind'?: (string);
  /**
   * 0: the kind's default.
   */
  'everyHours'?: (number);
  'name'?: (string);
}

export interface AddScheduleRequest__Output {
  /**
   * "dna-unknown-vs-offenders": every forensic-unknown DNA profile the agency owns, searched
   * against offender and arrestee profiles at moderate stringency (default every 168 hours).
   * "fp-tenprints-vs-unsolved": tenprints enrolled since the last run against the unsolved latent
   * file (default every 24 hours) — UNIMPLEMENTED: every enrolment is searched against the
   * unsolved latent file as it is stored (--reverse-search), and a re-run has no item kind yet.
   */
  'kind': (string);
  /**
   * 0: the kind's default.
   */
  'everyHours': (number);
  'name': (string);
}
