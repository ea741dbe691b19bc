// Original file: proto/biomatch/v1/common.proto


export interface GetRecordRequest {
  'recordId'?: (string);
}

export interface GetRecordRequest__Output {
  'recordId': (string);
}
