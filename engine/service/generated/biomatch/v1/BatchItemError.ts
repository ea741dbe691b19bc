// Original file: proto/biomatch/v1/batch.proto


export interface BatchItemError {
  'code'?: (number);
  'message'?: (string);
}

export interface BatchItemError__Output {
  'code': (number);
  'message': (string);
}
