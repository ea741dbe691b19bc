// Original file: proto/biomatch/v1/batch.proto


export interface ListBatchJobsRequest {
  /**
   * At most this many jobs, newest first (0: 100).
   */
  'limit'?: (number);
}

export interface ListBatchJobsRequest__Output {
  /**
   * At most this many jobs, newest first (0: 100).
   */
  'limit': (number);
}
