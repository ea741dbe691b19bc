// Original file: proto/biomatch/v1/admin.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetStatsRequest as _biomatch_v1_GetStatsRequest, GetStatsRequest__Output as _biomatch_v1_GetStatsRequest__Output } from '../../biomatch/v1/GetStatsRequest';
import type { Stats as _biomatch_v1_Stats, Stats__Output as _biomatch_v1_Stats__Output } from '../../biomatch/v1/Stats';

export interface AdminServiceClient extends grpc.Client {
  GetStats(argument: _biomatch_v1_GetStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_Stats__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _biomatch_v1_GetStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_Stats__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _biomatch_v1_GetStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_Stats__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _biomatch_v1_GetStatsRequest, callback: grpc.requestCallback<_biomatch_v1_Stats__Output>): grpc.ClientUnaryCall;
  getStats(argument: _biomatch_v1_GetStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_Stats__Output>): grpc.ClientUnaryCall;
  getStats(argument: _biomatch_v1_GetStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_Stats__Output>): grpc.ClientUnaryCall;
  getStats(argument: _biomatch_v1_GetStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_Stats__Output>): grpc.ClientUnaryCall;
  getStats(argument: _biomatch_v1_GetStatsRequest, callback: grpc.requestCallback<_biomatch_v1_Stats__Output>): grpc.ClientUnaryCall;
  
}

export interface AdminServiceHandlers extends grpc.UntypedServiceImplementation {
  GetStats: grpc.handleUnaryCall<_biomatch_v1_GetStatsRequest__Output, _biomatch_v1_Stats>;
  
}

export interface AdminServiceDefinition extends grpc.ServiceDefinition {
  GetStats: MethodDefinition<_biomatch_v1_GetStatsRequest, _biomatch_v1_Stats, _biomatch_v1_GetStatsRequest__Output, _biomatch_v1_Stats__Output>
}
