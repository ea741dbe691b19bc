// Original file: proto/biomatch/v1/common.proto


/**
 * A pair of minutiae the matcher paired between probe and candidate.
 */
export interface MinutiaPair {
  'probeIndex'?: (number);
  'candidateIndex'?: (number);
  /**
   * This pair's contribution to the score, 0..1.
   */
  'similarity'?: (number | string);
}

/**
 * A pair of minutiae the matcher paired between probe and candidate.
 */
export interface MinutiaPair__Output {
  'probeIndex': (number);
  'candidateIndex': (number);
  /**
   * This pair's contribution to the score, 0..1.
   */
  'similarity': (number);
}
