// Original file: proto/biomatch/v1/dna.proto


export interface LocusAlleles {
  /**
   * Allele designations as typed: "15", "9.3", "<8", ">27", "OL", "X", "Y", "*" (wildcard).
   */
  'alleles'?: (string)[];
}

export interface LocusAlleles__Output {
  /**
   * Allele designations as typed: "15", "9.3", "<8", ">27", "OL", "X", "Y", "*" (wildcard).
   */
  'alleles': (string)[];
}
