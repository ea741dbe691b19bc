// Original file: proto/biomatch/v1/common.proto


export interface DeleteRecordRequest {
  'recordId'?: (string);
}

export interface DeleteRecordRequest__Output {
  'recordId': (string);
}
