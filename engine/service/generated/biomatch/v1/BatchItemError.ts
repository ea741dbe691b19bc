// Original file: proto/biomatch/v1/batch.proto


export interface BatchItemError {
  /**
   * The gRPC status code number (3: INVALID_ARGUMENT, 12: UNIMPLEMENTED, ...).
   */
  'code'?: (number);
  'message'?: (string);
  /**
   * For INVALID_ARGUMENT: the request field at fault (as the RPC names it).
   */
  'field'?: (string);
  /**
   * The status code's name, e.g. "INVALID_ARGUMENT".
   */
  'status'?: (string);
}

export interface BatchItemError__Output {
  /**
   * The gRPC status code number (3: INVALID_ARGUMENT, 12: UNIMPLEMENTED, ...).
   */
  'code': (number);
  'message': (string);
  /**
   * For INVALID_ARGUMENT: the request field at fault (as the RPC names it).
   */
  'field': (string);
  /**
   * The status code's name, e.g. "INVALID_ARGUMENT".
   */
  'status': (string);
}
