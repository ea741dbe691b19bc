// Original file: proto/biomatch/v1/batch.proto


export interface BatchResultsRequest {
  'jobId'?: (string);
  /**
   * From a BatchItemResult's resume_token; empty: from the first item.
   */
  'resumeToken'?: (string);
  /**
   * Keep the stream open and send results as items finish, until the job ends.
   */
  'wait'?: (boolean);
}

export interface BatchResultsRequest__Output {
  'jobId': (string);
  /**
   * From a BatchItemResult's resume_token; empty: from the first item.
   */
  'resumeToken': (string);
  /**
   * Keep the stream open and send results as items finish, until the job ends.
   */
  'wait': (boolean);
}
