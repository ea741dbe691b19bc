// Original file: proto/biomatch/v1/fingerprint.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CandidateList as _biomatch_v1_CandidateList, CandidateList__Output as _biomatch_v1_CandidateList__Output } from '../../biomatch/v1/CandidateList';
import type { DeleteRecordRequest as _biomatch_v1_DeleteRecordRequest, DeleteRecordRequest__Output as _biomatch_v1_DeleteRecordRequest__Output } from '../../biomatch/v1/DeleteRecordRequest';
import type { DeleteRecordResponse as _biomatch_v1_DeleteRecordResponse, DeleteRecordResponse__Output as _biomatch_v1_DeleteRecordResponse__Output } from '../../biomatch/v1/DeleteRecordResponse';
import type { EnrollFingerprintRequest as _biomatch_v1_EnrollFingerprintRequest, EnrollFingerprintRequest__Output as _biomatch_v1_EnrollFingerprintRequest__Output } from '../../biomatch/v1/EnrollFingerprintRequest';
import type { ExtractRequest as _biomatch_v1_ExtractRequest, ExtractRequest__Output as _biomatch_v1_ExtractRequest__Output } from '../../biomatch/v1/ExtractRequest';
import type { ExtractResponse as _biomatch_v1_ExtractResponse, ExtractResponse__Output as _biomatch_v1_ExtractResponse__Output } from '../../biomatch/v1/ExtractResponse';
import type { FingerprintRecord as _biomatch_v1_FingerprintRecord, FingerprintRecord__Output as _biomatch_v1_FingerprintRecord__Output } from '../../biomatch/v1/FingerprintRecord';
import type { GetRecordRequest as _biomatch_v1_GetRecordRequest, GetRecordRequest__Output as _biomatch_v1_GetRecordRequest__Output } from '../../biomatch/v1/GetRecordRequest';
import type { IdentifyRequest as _biomatch_v1_IdentifyRequest, IdentifyRequest__Output as _biomatch_v1_IdentifyRequest__Output } from '../../biomatch/v1/IdentifyRequest';
import type { VerifyRequest as _biomatch_v1_VerifyRequest, VerifyRequest__Output as _biomatch_v1_VerifyRequest__Output } from '../../biomatch/v1/VerifyRequest';
import type { VerifyResponse as _biomatch_v1_VerifyResponse, VerifyResponse__Output as _biomatch_v1_VerifyResponse__Output } from '../../biomatch/v1/VerifyResponse';

export interface FingerprintServiceClient extends grpc.Client {
  Delete(argument: _biomatch_v1_DeleteRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _biomatch_v1_DeleteRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _biomatch_v1_DeleteRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _biomatch_v1_DeleteRecordRequest, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _biomatch_v1_DeleteRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _biomatch_v1_DeleteRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _biomatch_v1_DeleteRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _biomatch_v1_DeleteRecordRequest, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Store a finger (image or template) under a subject.
   */
  Enroll(argument: _biomatch_v1_EnrollFingerprintRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_FingerprintRecord__Output>): grpc.ClientUnaryCall;
  Enroll(argument: _biomatch_v1_EnrollFingerprintRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_FingerprintRecord__Output>): grpc.ClientUnaryCall;
  Enroll(argument: _biomatch_v1_EnrollFingerprintRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_FingerprintRecord__Output>): grpc.ClientUnaryCall;
  Enroll(argument: _biomatch_v1_EnrollFingerprintRequest, callback: grpc.requestCallback<_biomatch_v1_FingerprintRecord__Output>): grpc.ClientUnaryCall;
  /**
   * Store a finger (image or template) under a subject.
   */
  enroll(argument: _biomatch_v1_EnrollFingerprintRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_FingerprintRecord__Output>): grpc.ClientUnaryCall;
  enroll(argument: _biomatch_v1_EnrollFingerprintRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_FingerprintRecord__Output>): grpc.ClientUnaryCall;
  enroll(argument: _biomatch_v1_EnrollFingerprintRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_FingerprintRecord__Output>): grpc.ClientUnaryCall;
  enroll(argument: _biomatch_v1_EnrollFingerprintRequest, callback: grpc.requestCallback<_biomatch_v1_FingerprintRecord__Output>): grpc.ClientUnaryCall;
  
  /**
   * Image or record in, minutiae template(s) out. Runs on the worker pool.
   */
  Extract(argument: _biomatch_v1_ExtractRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  Extract(argument: _biomatch_v1_ExtractRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  Extract(argument: _biomatch_v1_ExtractRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  Extract(argument: _biomatch_v1_ExtractRequest, callback: grpc.requestCallback<_biomatch_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Image or record in, minutiae template(s) out. Runs on the worker pool.
   */
  extract(argument: _biomatch_v1_ExtractRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  extract(argument: _biomatch_v1_ExtractRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  extract(argument: _biomatch_v1_ExtractRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  extract(argument: _biomatch_v1_ExtractRequest, callback: grpc.requestCallback<_biomatch_v1_ExtractResponse__Output>): grpc.ClientUnaryCall;
  
  Get(argument: _biomatch_v1_GetRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_FingerprintRecord__Output>): grpc.ClientUnaryCall;
  Get(argument: _biomatch_v1_GetRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_FingerprintRecord__Output>): grpc.ClientUnaryCall;
  Get(argument: _biomatch_v1_GetRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_FingerprintRecord__Output>): grpc.ClientUnaryCall;
  Get(argument: _biomatch_v1_GetRecordRequest, callback: grpc.requestCallback<_biomatch_v1_FingerprintRecord__Output>): grpc.ClientUnaryCall;
  get(argument: _biomatch_v1_GetRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_FingerprintRecord__Output>): grpc.ClientUnaryCall;
  get(argument: _biomatch_v1_GetRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_FingerprintRecord__Output>): grpc.ClientUnaryCall;
  get(argument: _biomatch_v1_GetRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_FingerprintRecord__Output>): grpc.ClientUnaryCall;
  get(argument: _biomatch_v1_GetRecordRequest, callback: grpc.requestCallback<_biomatch_v1_FingerprintRecord__Output>): grpc.ClientUnaryCall;
  
  /**
   * 1:N — ranked candidates from the enrolled fingers.
   */
  Identify(argument: _biomatch_v1_IdentifyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  Identify(argument: _biomatch_v1_IdentifyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  Identify(argument: _biomatch_v1_IdentifyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  Identify(argument: _biomatch_v1_IdentifyRequest, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  /**
   * 1:N — ranked candidates from the enrolled fingers.
   */
  identify(argument: _biomatch_v1_IdentifyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  identify(argument: _biomatch_v1_IdentifyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  identify(argument: _biomatch_v1_IdentifyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  identify(argument: _biomatch_v1_IdentifyRequest, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  
  /**
   * 1:1 — does the probe match this reference?
   */
  Verify(argument: _biomatch_v1_VerifyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  Verify(argument: _biomatch_v1_VerifyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  Verify(argument: _biomatch_v1_VerifyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  Verify(argument: _biomatch_v1_VerifyRequest, callback: grpc.requestCallback<_biomatch_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  /**
   * 1:1 — does the probe match this reference?
   */
  verify(argument: _biomatch_v1_VerifyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  verify(argument: _biomatch_v1_VerifyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  verify(argument: _biomatch_v1_VerifyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  verify(argument: _biomatch_v1_VerifyRequest, callback: grpc.requestCallback<_biomatch_v1_VerifyResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface FingerprintServiceHandlers extends grpc.UntypedServiceImplementation {
  Delete: grpc.handleUnaryCall<_biomatch_v1_DeleteRecordRequest__Output, _biomatch_v1_DeleteRecordResponse>;
  
  /**
   * Store a finger (image or template) under a subject.
   */
  Enroll: grpc.handleUnaryCall<_biomatch_v1_EnrollFingerprintRequest__Output, _biomatch_v1_FingerprintRecord>;
  
  /**
   * Image or record in, minutiae template(s) out. Runs on the worker pool.
   */
  Extract: grpc.handleUnaryCall<_biomatch_v1_ExtractRequest__Output, _biomatch_v1_ExtractResponse>;
  
  Get: grpc.handleUnaryCall<_biomatch_v1_GetRecordRequest__Output, _biomatch_v1_FingerprintRecord>;
  
  /**
   * 1:N — ranked candidates from the enrolled fingers.
   */
  Identify: grpc.handleUnaryCall<_biomatch_v1_IdentifyRequest__Output, _biomatch_v1_CandidateList>;
  
  /**
   * 1:1 — does the probe match this reference?
   */
  Verify: grpc.handleUnaryCall<_biomatch_v1_VerifyRequest__Output, _biomatch_v1_VerifyResponse>;
  
}

export interface FingerprintServiceDefinition extends grpc.ServiceDefinition {
  Delete: MethodDefinition<_biomatch_v1_DeleteRecordRequest, _biomatch_v1_DeleteRecordResponse, _biomatch_v1_DeleteRecordRequest__Output, _biomatch_v1_DeleteRecordResponse__Output>
  Enroll: MethodDefinition<_biomatch_v1_EnrollFingerprintRequest, _biomatch_v1_FingerprintRecord, _biomatch_v1_EnrollFingerprintRequest__Output, _biomatch_v1_FingerprintRecord__Output>
  Extract: MethodDefinition<_biomatch_v1_ExtractRequest, _biomatch_v1_ExtractResponse, _biomatch_v1_ExtractRequest__Output, _biomatch_v1_ExtractResponse__Output>
  Get: MethodDefinition<_biomatch_v1_GetRecordRequest, _biomatch_v1_FingerprintRecord, _biomatch_v1_GetRecordRequest__Output, _biomatch_v1_FingerprintRecord__Output>
  Identify: MethodDefinition<_biomatch_v1_IdentifyRequest, _biomatch_v1_CandidateList, _biomatch_v1_IdentifyRequest__Output, _biomatch_v1_CandidateList__Output>
  Verify: MethodDefinition<_biomatch_v1_VerifyRequest, _biomatch_v1_VerifyResponse, _biomatch_v1_VerifyRequest__Output, _biomatch_v1_VerifyResponse__Output>
}
