// Original file: proto/biomatch/v1/batch.proto

export const BatchState = {
  BATCH_STATE_UNSPECIFIED: 'BATCH_STATE_UNSPECIFIED',
  BATCH_STATE_QUEUED: 'BATCH_STATE_QUEUED',
  BATCH_STATE_RUNNING: 'BATCH_STATE_RUNNING',
  BATCH_STATE_DONE: 'BATCH_STATE_DONE',
  BATCH_STATE_FAILED: 'BATCH_STATE_FAILED',
  BATCH_STATE_CANCELLED: 'BATCH_STATE_CANCELLED',
} as const;

export type BatchState =
  | 'BATCH_STATE_UNSPECIFIED'
  | 0
  | 'BATCH_STATE_QUEUED'
  | 1
  | 'BATCH_STATE_RUNNING'
  | 2
  | 'BATCH_STATE_DONE'
  | 3
  | 'BATCH_STATE_FAILED'
  | 4
  | 'BATCH_STATE_CANCELLED'
  | 5

export type BatchState__Output = typeof BatchState[keyof typeof BatchState]
