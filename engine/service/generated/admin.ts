import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AdminServiceClient as _biomatch_v1_AdminServiceClient, AdminServiceDefinition as _biomatch_v1_AdminServiceDefinition } from './biomatch/v1/AdminService';
import type { GetStatsRequest as _biomatch_v1_GetStatsRequest, GetStatsRequest__Output as _biomatch_v1_GetStatsRequest__Output } from './biomatch/v1/GetStatsRequest';
import type { IndexStats as _biomatch_v1_IndexStats, IndexStats__Output as _biomatch_v1_IndexStats__Output } from './biomatch/v1/IndexStats';
import type { PoolStats as _biomatch_v1_PoolStats, PoolStats__Output as _biomatch_v1_PoolStats__Output } from './biomatch/v1/PoolStats';
import type { RecordCount as _biomatch_v1_RecordCount, RecordCount__Output as _biomatch_v1_RecordCount__Output } from './biomatch/v1/RecordCount';
import type { Stats as _biomatch_v1_Stats, Stats__Output as _biomatch_v1_Stats__Output } from './biomatch/v1/Stats';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  biomatch: {
    v1: {
      AdminService: SubtypeConstructor<typeof grpc.Client, _biomatch_v1_AdminServiceClient> & { service: _biomatch_v1_AdminServiceDefinition }
      GetStatsRequest: MessageTypeDefinition<_biomatch_v1_GetStatsRequest, _biomatch_v1_GetStatsRequest__Output>
      IndexStats: MessageTypeDefinition<_biomatch_v1_IndexStats, _biomatch_v1_IndexStats__Output>
      PoolStats: MessageTypeDefinition<_biomatch_v1_PoolStats, _biomatch_v1_PoolStats__Output>
      RecordCount: MessageTypeDefinition<_biomatch_v1_RecordCount, _biomatch_v1_RecordCount__Output>
      Stats: MessageTypeDefinition<_biomatch_v1_Stats, _biomatch_v1_Stats__Output>
    }
  }
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

