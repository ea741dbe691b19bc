// Original file: proto/biomatch/v1/batch.proto


export interface AddScheduleRequest {
  /**
   * "dna-unknown-vs-offenders": every forensic-unknown DNA profile the agency owns, searched
   * against offender and arrestee profiles at moderate stringency (default every 168 hours).
   * "fp-tenprints-vs-unsolved": tenprints enrolled since the last run against the unsolved latent
   * file (default every 24 hours) — UNIMPLEMENTED until the unsolved latent file exists.
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
   * file (default every 24 hours) — UNIMPLEMENTED until the unsolved latent file exists.
   */
  'kind': (string);
  /**
   * 0: the kind's default.
   */
  'everyHours': (number);
  'name': (string);
}
