// Original file: proto/biomatch/v1/dna.proto

import type { LocusFrequencySummary as _biomatch_v1_LocusFrequencySummary, LocusFrequencySummary__Output as _biomatch_v1_LocusFrequencySummary__Output } from '../../biomatch/v1/LocusFrequencySummary';

export interface PopulationTable {
  /**
   * what `population` takes: source/population
   */
  'name'?: (string);
  /**
   * e.g. nist1036
   */
  'source'?: (string);
  /**
   * e.g. Cauc
   */
  'population'?: (string);
  /**
   * the file it was loaded from (base name)
   */
  'sourceFile'?: (string);
  /**
   * used when a search names no population
   */
  'isDefault'?: (boolean);
  'loci'?: (_biomatch_v1_LocusFrequencySummary)[];
}

export interface PopulationTable__Output {
  /**
   * what `population` takes: source/population
   */
  'name': (string);
  /**
   * e.g. nist1036
   */
  'source': (string);
  /**
   * e.g. Cauc
   */
  'population': (string);
  /**
   * the file it was loaded from (base name)
   */
  'sourceFile': (string);
  /**
   * used when a search names no population
   */
  'isDefault': (boolean);
  'loci': (_biomatch_v1_LocusFrequencySummary__Output)[];
}
