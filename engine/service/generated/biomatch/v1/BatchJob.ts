// Original file: proto/biomatch/v1/batch.proto

import type { BatchState as _biomatch_v1_BatchState, BatchState__Output as _biomatch_v1_BatchState__Output } from '../../biomatch/v1/BatchState';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from '../../google/protobuf/Timestamp';

export interface BatchJob {
  'jobId'?: (string);
  'state'?: (_biomatch_v1_BatchState);
  /**
   * Items in the job.
   */
  'total'?: (number);
  /**
   * Items finished: succeeded or failed (each has its one result).
   */
  'done'?: (number);
  /**
   * Of those, items that failed (their result is an error).
   */
  'failed'?: (number);
  'submittedAt'?: (_google_protobuf_Timestamp | null);
  'finishedAt'?: (_google_protobuf_Timestamp | null);
  'requestId'?: (string);
  /**
   * Items per second over the last minute (0 when none finished in it).
   */
  'itemsPerSecond'?: (number | string);
  /**
   * Seconds until the job ends at that rate; 0 when unknown or finished.
   */
  'etaSeconds'?: (number | string);
  /**
   * Item kinds in the job, e.g. "fp-enroll" (only the kinds present).
   */
  'kinds'?: (string)[];
  /**
   * Why the job failed, when it did.
   */
  'failure'?: (string);
  /**
   * When the results expire (the server's retention); unset: kept until deleted.
   */
  'expiresAt'?: (_google_protobuf_Timestamp | null);
  /**
   * The schedule this job is a run of, if any.
   */
  'scheduleId'?: (string);
}

export interface BatchJob__Output {
  'jobId': (string);
  'state': (_biomatch_v1_BatchState__Output);
  /**
   * Items in the job.
   */
  'total': (number);
  /**
   * Items finished: succeeded or failed (each has its one result).
   */
  'done': (number);
  /**
   * Of those, items that failed (their result is an error).
   */
  'failed': (number);
  'submittedAt': (_google_protobuf_Timestamp__Output | null);
  'finishedAt': (_google_protobuf_Timestamp__Output | null);
  'requestId': (string);
  /**
   * Items per second over the last minute (0 when none finished in it).
   */
  'itemsPerSecond': (number);
  /**
   * Seconds until the job ends at that rate; 0 when unknown or finished.
   */
  'etaSeconds': (number);
  /**
   * Item kinds in the job, e.g. "fp-enroll" (only the kinds present).
   */
  'kinds': (string)[];
  /**
   * Why the job failed, when it did.
   */
  'failure': (string);
  /**
   * When the results expire (the server's retention); unset: kept until deleted.
   */
  'expiresAt': (_google_protobuf_Timestamp__Output | null);
  /**
   * The schedule this job is a run of, if any.
   */
  'scheduleId': (string);
}
