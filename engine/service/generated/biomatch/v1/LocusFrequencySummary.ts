// Original file: proto/biomatch/v1/dna.proto


export interface LocusFrequencySummary {
  /**
   * canonical name
   */
  'locus'?: (string);
  /**
   * distinct alleles listed
   */
  'alleles'?: (number);
  /**
   * alleles counted (2N); 0 when the source gives no counts
   */
  'alleleCount'?: (number);
  /**
   * used for rare and unseen alleles (5/2N, or the source's floor)
   */
  'minimumFrequency'?: (number | string);
}

export interface LocusFrequencySummary__Output {
  /**
   * canonical name
   */
  'locus': (string);
  /**
   * distinct alleles listed
   */
  'alleles': (number);
  /**
   * alleles counted (2N); 0 when the source gives no counts
   */
  'alleleCount': (number);
  /**
   * used for rare and unseen alleles (5/2N, or the source's floor)
   */
  'minimumFrequency': (number);
}
