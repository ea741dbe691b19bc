// Original file: proto/biomatch/v1/batch.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { BatchItem as _biomatch_v1_BatchItem, BatchItem__Output as _biomatch_v1_BatchItem__Output } from '../../biomatch/v1/BatchItem';
import type { BatchItemResult as _biomatch_v1_BatchItemResult, BatchItemResult__Output as _biomatch_v1_BatchItemResult__Output } from '../../biomatch/v1/BatchItemResult';
import type { BatchJob as _biomatch_v1_BatchJob, BatchJob__Output as _biomatch_v1_BatchJob__Output } from '../../biomatch/v1/BatchJob';
import type { BatchJobRef as _biomatch_v1_BatchJobRef, BatchJobRef__Output as _biomatch_v1_BatchJobRef__Output } from '../../biomatch/v1/BatchJobRef';

/**
 * Batch jobs for labs: stream many searches in, poll the job, read the results when done.
 */
export interface BatchServiceClient extends grpc.Client {
  GetResults(argument: _biomatch_v1_BatchJobRef, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_biomatch_v1_BatchItemResult__Output>;
  GetResults(argument: _biomatch_v1_BatchJobRef, options?: grpc.CallOptions): grpc.ClientReadableStream<_biomatch_v1_BatchItemResult__Output>;
  getResults(argument: _biomatch_v1_BatchJobRef, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_biomatch_v1_BatchItemResult__Output>;
  getResults(argument: _biomatch_v1_BatchJobRef, options?: grpc.CallOptions): grpc.ClientReadableStream<_biomatch_v1_BatchItemResult__Output>;
  
  GetStatus(argument: _biomatch_v1_BatchJobRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  GetStatus(argument: _biomatch_v1_BatchJobRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  GetStatus(argument: _biomatch_v1_BatchJobRef, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  GetStatus(argument: _biomatch_v1_BatchJobRef, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _biomatch_v1_BatchJobRef, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _biomatch_v1_BatchJobRef, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _biomatch_v1_BatchJobRef, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  getStatus(argument: _biomatch_v1_BatchJobRef, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientUnaryCall;
  
  Submit(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientWritableStream<_biomatch_v1_BatchItem>;
  Submit(metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientWritableStream<_biomatch_v1_BatchItem>;
  Submit(options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientWritableStream<_biomatch_v1_BatchItem>;
  Submit(callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientWritableStream<_biomatch_v1_BatchItem>;
  submit(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientWritableStream<_biomatch_v1_BatchItem>;
  submit(metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientWritableStream<_biomatch_v1_BatchItem>;
  submit(options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientWritableStream<_biomatch_v1_BatchItem>;
  submit(callback: grpc.requestCallback<_biomatch_v1_BatchJob__Output>): grpc.ClientWritableStream<_biomatch_v1_BatchItem>;
  
}

/**
 * Batch jobs for labs: stream many searches in, poll the job, read the results when done.
 */
export interface BatchServiceHandlers extends grpc.UntypedServiceImplementation {
  GetResults: grpc.handleServerStreamingCall<_biomatch_v1_BatchJobRef__Output, _biomatch_v1_BatchItemResult>;
  
  GetStatus: grpc.handleUnaryCall<_biomatch_v1_BatchJobRef__Output, _biomatch_v1_BatchJob>;
  
  Submit: grpc.handleClientStreamingCall<_biomatch_v1_BatchItem__Output, _biomatch_v1_BatchJob>;
  
}

export interface BatchServiceDefinition extends grpc.ServiceDefinition {
  GetResults: MethodDefinition<_biomatch_v1_BatchJobRef, _biomatch_v1_BatchItemResult, _biomatch_v1_BatchJobRef__Output, _biomatch_v1_BatchItemResult__Output>
  GetStatus: MethodDefinition<_biomatch_v1_BatchJobRef, _biomatch_v1_BatchJob, _biomatch_v1_BatchJobRef__Output, _biomatch_v1_BatchJob__Output>
  Submit: MethodDefinition<_biomatch_v1_BatchItem, _biomatch_v1_BatchJob, _biomatch_v1_BatchItem__Output, _biomatch_v1_BatchJob__Output>
}
