// Original file: proto/biomatch/v1/batch.proto

import type { Schedule as _biomatch_v1_Schedule, Schedule__Output as _biomatch_v1_Schedule__Output } from '../../biomatch/v1/Schedule';

export interface ListSchedulesResponse {
  'schedules'?: (_biomatch_v1_Schedule)[];
}

export interface ListSchedulesResponse__Output {
  'schedules': (_biomatch_v1_Schedule__Output)[];
}
