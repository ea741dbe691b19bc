// Original file: proto/biomatch/v1/latent.proto


export interface ListUnsolvedRequest {
  /**
   * empty: all the caller may see
   */
  'caseReference'?: (string);
  /**
   * 0: 100
   */
  'pageSize'?: (number);
  'pageToken'?: (string);
}

export interface ListUnsolvedRequest__Output {
  /**
   * empty: all the caller may see
   */
  'caseReference': (string);
  /**
   * 0: 100
   */
  'pageSize': (number);
  'pageToken': (string);
}
