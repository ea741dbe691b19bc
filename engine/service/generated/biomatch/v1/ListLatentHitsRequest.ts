// Original file: proto/biomatch/v1/latent.proto


export interface ListLatentHitsRequest {
  'includeAcknowledged'?: (boolean);
  /**
   * Only this mark's hits; empty: every mark the caller owns.
   */
  'latentId'?: (string);
  /**
   * 0: 100
   */
  'pageSize'?: (number);
  'pageToken'?: (string);
}

export interface ListLatentHitsRequest__Output {
  'includeAcknowledged': (boolean);
  /**
   * Only this mark's hits; empty: every mark the caller owns.
   */
  'latentId': (string);
  /**
   * 0: 100
   */
  'pageSize': (number);
  'pageToken': (string);
}
