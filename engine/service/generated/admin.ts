import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AdminServiceClient as _biomatch_v1_AdminServiceClient, AdminServiceDefinition as _biomatch_v1_AdminServiceDefinition } from './biomatch/v1/AdminService';
import type { AuditAnchor as _biomatch_v1_AuditAnchor, AuditAnchor__Output as _biomatch_v1_AuditAnchor__Output } from './biomatch/v1/AuditAnchor';
import type { AuditEntry as _biomatch_v1_AuditEntry, AuditEntry__Output as _biomatch_v1_AuditEntry__Output } from './biomatch/v1/AuditEntry';
import type { AuditProblem as _biomatch_v1_AuditProblem, AuditProblem__Output as _biomatch_v1_AuditProblem__Output } from './biomatch/v1/AuditProblem';
import type { GetStatsRequest as _biomatch_v1_GetStatsRequest, GetStatsRequest__Output as _biomatch_v1_GetStatsRequest__Output } from './biomatch/v1/GetStatsRequest';
import type { IndexStats as _biomatch_v1_IndexStats, IndexStats__Output as _biomatch_v1_IndexStats__Output } from './biomatch/v1/IndexStats';
import type { ListAuditRequest as _biomatch_v1_ListAuditRequest, ListAuditRequest__Output as _biomatch_v1_ListAuditRequest__Output } from './biomatch/v1/ListAuditRequest';
import type { ListAuditResponse as _biomatch_v1_ListAuditResponse, ListAuditResponse__Output as _biomatch_v1_ListAuditResponse__Output } from './biomatch/v1/ListAuditResponse';
import type { PoolStats as _biomatch_v1_PoolStats, PoolStats__Output as _biomatch_v1_PoolStats__Output } from './biomatch/v1/PoolStats';
import type { RecordCount as _biomatch_v1_RecordCount, RecordCount__Output as _biomatch_v1_RecordCount__Output } from './biomatch/v1/RecordCount';
import type { Stats as _biomatch_v1_Stats, Stats__Output as _biomatch_v1_Stats__Output } from './biomatch/v1/Stats';
import type { VerifyAuditRequest as _biomatch_v1_VerifyAuditRequest, VerifyAuditRequest__Output as _biomatch_v1_VerifyAuditRequest__Output } from './biomatch/v1/VerifyAuditRequest';
import type { VerifyAuditResponse as _biomatch_v1_VerifyAuditResponse, VerifyAuditResponse__Output as _biomatch_v1_VerifyAuditResponse__Output } from './biomatch/v1/VerifyAuditResponse';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  biomatch: {
    v1: {
      AdminService: SubtypeConstructor<typeof grpc.Client, _biomatch_v1_AdminServiceClient> & { service: _biomatch_v1_AdminServiceDefinition }
      AuditAnchor: MessageTypeDefinition<_biomatch_v1_AuditAnchor, _biomatch_v1_AuditAnchor__Output>
      AuditEntry: MessageTypeDefinition<_biomatch_v1_AuditEntry, _biomatch_v1_AuditEntry__Output>
      AuditProblem: MessageTypeDefinition<_biomatch_v1_AuditProblem, _biomatch_v1_AuditProblem__Output>
      GetStatsRequest: MessageTypeDefinition<_biomatch_v1_GetStatsRequest, _biomatch_v1_GetStatsRequest__Output>
      IndexStats: MessageTypeDefinition<_biomatch_v1_IndexStats, _biomatch_v1_IndexStats__Output>
      ListAuditRequest: MessageTypeDefinition<_biomatch_v1_ListAuditRequest, _biomatch_v1_ListAuditRequest__Output>
      ListAuditResponse: MessageTypeDefinition<_biomatch_v1_ListAuditResponse, _biomatch_v1_ListAuditResponse__Output>
      PoolStats: MessageTypeDefinition<_biomatch_v1_PoolStats, _biomatch_v1_PoolStats__Output>
      RecordCount: MessageTypeDefinition<_biomatch_v1_RecordCount, _biomatch_v1_RecordCount__Output>
      Stats: MessageTypeDefinition<_biomatch_v1_Stats, _biomatch_v1_Stats__Output>
      VerifyAuditRequest: MessageTypeDefinition<_biomatch_v1_VerifyAuditRequest, _biomatch_v1_VerifyAuditRequest__Output>
      VerifyAuditResponse: MessageTypeDefinition<_biomatch_v1_VerifyAuditResponse, _biomatch_v1_VerifyAuditResponse__Output>
    }
  }
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

