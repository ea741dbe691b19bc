// Original file: proto/biomatch/v1/dna.proto

import type { ImportRowError as _biomatch_v1_ImportRowError, ImportRowError__Output as _biomatch_v1_ImportRowError__Output } from '../../biomatch/v1/ImportRowError';

export interface DnaImportSummary {
  'rows'?: (number);
  /**
   * new records
   */
  'stored'?: (number);
  /**
   * already present, identical
   */
  'unchanged'?: (number);
  /**
   * already present under the same sample id, changed
   */
  'updated'?: (number);
  'rejected'?: (number);
  'errors'?: (_biomatch_v1_ImportRowError)[];
}

export interface DnaImportSummary__Output {
  'rows': (number);
  /**
   * new records
   */
  'stored': (number);
  /**
   * already present, identical
   */
  'unchanged': (number);
  /**
   * already present under the same sample id, changed
   */
  'updated': (number);
  'rejected': (number);
  'errors': (_biomatch_v1_ImportRowError__Output)[];
}
