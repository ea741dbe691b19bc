// Original file: proto/biomatch/v1/batch.proto


export interface ScheduleRef {
  'scheduleId'?: (string);
}

export interface ScheduleRef__Output {
  'scheduleId': (string);
}
