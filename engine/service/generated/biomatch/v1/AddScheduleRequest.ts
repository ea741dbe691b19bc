// Original file: proto/biomatch/v1/batch.proto


export interface AddScheduleRequest {
  /**
   * "dna-unknown-vs-offenders": every forensic-unknown DNA profile the agency owns, searched
   * against offender and arrestee profiles at moderate stringency (default every 168 hours).
   * "fp-tenprints-vs-unsolved": every tenprint finger the agency owns enrolled (created or
   * updated) since the last run (first run: all), searched against the unsolved latent file as
   * SearchUnsolvedFile with that finger as probe (items of kind latent-search-unsolved; hits at
   * --reverse-search-min-score and above; default every 24 hours).
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
   * "fp-tenprints-vs-unsolved": every tenprint finger the agency owns enrolled (created or
   * updated) since the last run (first run: all), searched against the unsolved latent file as
   * SearchUnsolvedFile with that finger as probe (items of kind latent-search-unsolved; hits at
   * --reverse-search-min-score and above; default every 24 hours).
   */
  'kind': (string);
  /**
   * 0: the kind's default.
   */
  'everyHours': (number);
  'name': (string);
}
