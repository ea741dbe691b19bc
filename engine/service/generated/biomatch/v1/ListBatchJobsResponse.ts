// Original file: proto/biomatch/v1/batch.proto

import type { BatchJob as _biomatch_v1_BatchJob, BatchJob__Output as _biomatch_v1_BatchJob__Output } from '../../biomatch/v1/BatchJob';

export interface ListBatchJobsResponse {
  'jobs'?: (_biomatch_v1_BatchJob)[];
}

export interface ListBatchJobsResponse__Output {
  'jobs': (_biomatch_v1_BatchJob__Output)[];
}
