import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Candidate as _biomatch_v1_Candidate, Candidate__Output as _biomatch_v1_Candidate__Output } from './biomatch/v1/Candidate';
import type { CandidateList as _biomatch_v1_CandidateList, CandidateList__Output as _biomatch_v1_CandidateList__Output } from './biomatch/v1/CandidateList';
import type { DeleteRecordRequest as _biomatch_v1_DeleteRecordRequest, DeleteRecordRequest__Output as _biomatch_v1_DeleteRecordRequest__Output } from './biomatch/v1/DeleteRecordRequest';
import type { DeleteRecordResponse as _biomatch_v1_DeleteRecordResponse, DeleteRecordResponse__Output as _biomatch_v1_DeleteRecordResponse__Output } from './biomatch/v1/DeleteRecordResponse';
import type { DnaEvidence as _biomatch_v1_DnaEvidence, DnaEvidence__Output as _biomatch_v1_DnaEvidence__Output } from './biomatch/v1/DnaEvidence';
import type { FingerprintEvidence as _biomatch_v1_FingerprintEvidence, FingerprintEvidence__Output as _biomatch_v1_FingerprintEvidence__Output } from './biomatch/v1/FingerprintEvidence';
import type { GetRecordRequest as _biomatch_v1_GetRecordRequest, GetRecordRequest__Output as _biomatch_v1_GetRecordRequest__Output } from './biomatch/v1/GetRecordRequest';
import type { LocusDetail as _biomatch_v1_LocusDetail, LocusDetail__Output as _biomatch_v1_LocusDetail__Output } from './biomatch/v1/LocusDetail';
import type { MinutiaPair as _biomatch_v1_MinutiaPair, MinutiaPair__Output as _biomatch_v1_MinutiaPair__Output } from './biomatch/v1/MinutiaPair';
import type { RecordMeta as _biomatch_v1_RecordMeta, RecordMeta__Output as _biomatch_v1_RecordMeta__Output } from './biomatch/v1/RecordMeta';
import type { Visibility as _biomatch_v1_Visibility, Visibility__Output as _biomatch_v1_Visibility__Output } from './biomatch/v1/Visibility';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  biomatch: {
    v1: {
      Candidate: MessageTypeDefinition<_biomatch_v1_Candidate, _biomatch_v1_Candidate__Output>
      CandidateList: MessageTypeDefinition<_biomatch_v1_CandidateList, _biomatch_v1_CandidateList__Output>
      DeleteRecordRequest: MessageTypeDefinition<_biomatch_v1_DeleteRecordRequest, _biomatch_v1_DeleteRecordRequest__Output>
      DeleteRecordResponse: MessageTypeDefinition<_biomatch_v1_DeleteRecordResponse, _biomatch_v1_DeleteRecordResponse__Output>
      DnaEvidence: MessageTypeDefinition<_biomatch_v1_DnaEvidence, _biomatch_v1_DnaEvidence__Output>
      FingerprintEvidence: MessageTypeDefinition<_biomatch_v1_FingerprintEvidence, _biomatch_v1_FingerprintEvidence__Output>
      GetRecordRequest: MessageTypeDefinition<_biomatch_v1_GetRecordRequest, _biomatch_v1_GetRecordRequest__Output>
      LocusComparison: EnumTypeDefinition
      LocusDetail: MessageTypeDefinition<_biomatch_v1_LocusDetail, _biomatch_v1_LocusDetail__Output>
      MinutiaPair: MessageTypeDefinition<_biomatch_v1_MinutiaPair, _biomatch_v1_MinutiaPair__Output>
      RecordKind: EnumTypeDefinition
      RecordMeta: MessageTypeDefinition<_biomatch_v1_RecordMeta, _biomatch_v1_RecordMeta__Output>
      Visibility: MessageTypeDefinition<_biomatch_v1_Visibility, _biomatch_v1_Visibility__Output>
    }
  }
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

