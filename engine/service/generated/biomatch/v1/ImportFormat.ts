// Original file: proto/biomatch/v1/dna.proto

export const ImportFormat = {
  IMPORT_FORMAT_UNSPECIFIED: 'IMPORT_FORMAT_UNSPECIFIED',
  /**
   * sample, population, LOCUS_1, LOCUS_2, ... (the NIST 1036 layout)
   */
  IMPORT_FORMAT_CSV: 'IMPORT_FORMAT_CSV',
  /**
   * an array of {"id", "loci": {...}, "kind"?, "owner"?, "caseReference"?}
   */
  IMPORT_FORMAT_JSON: 'IMPORT_FORMAT_JSON',
} as const;

export type ImportFormat =
  | 'IMPORT_FORMAT_UNSPECIFIED'
  | 0
  /**
   * sample, population, LOCUS_1, LOCUS_2, ... (the NIST 1036 layout)
   */
  | 'IMPORT_FORMAT_CSV'
  | 1
  /**
   * an array of {"id", "loci": {...}, "kind"?, "owner"?, "caseReference"?}
   */
  | 'IMPORT_FORMAT_JSON'
  | 2

export type ImportFormat__Output = typeof ImportFormat[keyof typeof ImportFormat]
