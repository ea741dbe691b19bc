// Original file: proto/biomatch/v1/common.proto


/**
 * Which agencies may see a record besides its owner.
 */
export interface Visibility {
  /**
   * Agency codes. Empty: the owner agency only.
   */
  'agencies'?: (string)[];
  /**
   * True: every agency connected to this server.
   */
  'allAgencies'?: (boolean);
}

/**
 * Which agencies may see a record besides its owner.
 */
export interface Visibility__Output {
  /**
   * Agency codes. Empty: the owner agency only.
   */
  'agencies': (string)[];
  /**
   * True: every agency connected to this server.
   */
  'allAgencies': (boolean);
}
