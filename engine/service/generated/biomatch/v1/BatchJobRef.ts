// Original file: proto/biomatch/v1/batch.proto


export interface BatchJobRef {
  'jobId'?: (string);
}

export interface BatchJobRef__Output {
  'jobId': (string);
}
