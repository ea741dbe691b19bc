// Original file: proto/biomatch/v1/admin.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetStatsRequest as _biomatch_v1_GetStatsRequest, GetStatsRequest__Output as _biomatch_v1_GetStatsRequest__Output } from '../../biomatch/v1/GetStatsRequest';
import type { ListAuditRequest as _biomatch_v1_ListAuditRequest, ListAuditRequest__Output as _biomatch_v1_ListAuditRequest__Output } from '../../biomatch/v1/ListAuditRequest';
import type { ListAuditResponse as _biomatch_v1_ListAuditResponse, ListAuditResponse__Output as _biomatch_v1_ListAuditResponse__Output } from '../../biomatch/v1/ListAuditResponse';
import type { Stats as _biomatch_v1_Stats, Stats__Output as _biomatch_v1_Stats__Output } from '../../biomatch/v1/Stats';
import type { VerifyAuditRequest as _biomatch_v1_VerifyAuditRequest, VerifyAuditRequest__Output as _biomatch_v1_VerifyAuditRequest__Output } from '../../biomatch/v1/VerifyAuditRequest';
import type { VerifyAuditResponse as _biomatch_v1_VerifyAuditResponse, VerifyAuditResponse__Output as _biomatch_v1_VerifyAuditResponse__Output } from '../../biomatch/v1/VerifyAuditResponse';

export interface AdminServiceClient extends grpc.Client {
  GetStats(argument: _biomatch_v1_GetStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_Stats__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _biomatch_v1_GetStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_Stats__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _biomatch_v1_GetStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_Stats__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _biomatch_v1_GetStatsRequest, callback: grpc.requestCallback<_biomatch_v1_Stats__Output>): grpc.ClientUnaryCall;
  getStats(argument: _biomatch_v1_GetStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_Stats__Output>): grpc.ClientUnaryCall;
  getStats(argument: _biomatch_v1_GetStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_Stats__Output>): grpc.ClientUnaryCall;
  getStats(argument: _biomatch_v1_GetStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_Stats__Output>): grpc.ClientUnaryCall;
  getStats(argument: _biomatch_v1_GetStatsRequest, callback: grpc.requestCallback<_biomatch_v1_Stats__Output>): grpc.ClientUnaryCall;
  
  /**
   * Audit entries in sequence order. An agency sees the entries of its own calls; an auditor
   * (the 'audit' role) may name another agency or leave `agency` empty for all of them.
   */
  ListAudit(argument: _biomatch_v1_ListAuditRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  ListAudit(argument: _biomatch_v1_ListAuditRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  ListAudit(argument: _biomatch_v1_ListAuditRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  ListAudit(argument: _biomatch_v1_ListAuditRequest, callback: grpc.requestCallback<_biomatch_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Audit entries in sequence order. An agency sees the entries of its own calls; an auditor
   * (the 'audit' role) may name another agency or leave `agency` empty for all of them.
   */
  listAudit(argument: _biomatch_v1_ListAuditRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  listAudit(argument: _biomatch_v1_ListAuditRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  listAudit(argument: _biomatch_v1_ListAuditRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  listAudit(argument: _biomatch_v1_ListAuditRequest, callback: grpc.requestCallback<_biomatch_v1_ListAuditResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Walks the whole audit chain and its signed checkpoints; reports the first problem found.
   */
  VerifyAudit(argument: _biomatch_v1_VerifyAuditRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  VerifyAudit(argument: _biomatch_v1_VerifyAuditRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  VerifyAudit(argument: _biomatch_v1_VerifyAuditRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  VerifyAudit(argument: _biomatch_v1_VerifyAuditRequest, callback: grpc.requestCallback<_biomatch_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Walks the whole audit chain and its signed checkpoints; reports the first problem found.
   */
  verifyAudit(argument: _biomatch_v1_VerifyAuditRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  verifyAudit(argument: _biomatch_v1_VerifyAuditRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  verifyAudit(argument: _biomatch_v1_VerifyAuditRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  verifyAudit(argument: _biomatch_v1_VerifyAuditRequest, callback: grpc.requestCallback<_biomatch_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface AdminServiceHandlers extends grpc.UntypedServiceImplementation {
  GetStats: grpc.handleUnaryCall<_biomatch_v1_GetStatsRequest__Output, _biomatch_v1_Stats>;
  
  /**
   * Audit entries in sequence order. An agency sees the entries of its own calls; an auditor
   * (the 'audit' role) may name another agency or leave `agency` empty for all of them.
   */
  ListAudit: grpc.handleUnaryCall<_biomatch_v1_ListAuditRequest__Output, _biomatch_v1_ListAuditResponse>;
  
  /**
   * Walks the whole audit chain and its signed checkpoints; reports the first problem found.
   */
  VerifyAudit: grpc.handleUnaryCall<_biomatch_v1_VerifyAuditRequest__Output, _biomatch_v1_VerifyAuditResponse>;
  
}

export interface AdminServiceDefinition extends grpc.ServiceDefinition {
  GetStats: MethodDefinition<_biomatch_v1_GetStatsRequest, _biomatch_v1_Stats, _biomatch_v1_GetStatsRequest__Output, _biomatch_v1_Stats__Output>
  ListAudit: MethodDefinition<_biomatch_v1_ListAuditRequest, _biomatch_v1_ListAuditResponse, _biomatch_v1_ListAuditRequest__Output, _biomatch_v1_ListAuditResponse__Output>
  VerifyAudit: MethodDefinition<_biomatch_v1_VerifyAuditRequest, _biomatch_v1_VerifyAuditResponse, _biomatch_v1_VerifyAuditRequest__Output, _biomatch_v1_VerifyAuditResponse__Output>
}
