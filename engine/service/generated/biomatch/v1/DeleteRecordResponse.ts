// Original file: proto/biomatch/v1/common.proto


export interface DeleteRecordResponse {
  'recordId'?: (string);
  'deleted'?: (boolean);
}

export interface DeleteRecordResponse__Output {
  'recordId': (string);
  'deleted': (boolean);
}
