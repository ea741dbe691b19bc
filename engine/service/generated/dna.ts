import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Candidate as _biomatch_v1_Candidate, Candidate__Output as _biomatch_v1_Candidate__Output } from './biomatch/v1/Candidate';
import type { CandidateList as _biomatch_v1_CandidateList, CandidateList__Output as _biomatch_v1_CandidateList__Output } from './biomatch/v1/CandidateList';
import type { DeleteRecordRequest as _biomatch_v1_DeleteRecordRequest, DeleteRecordRequest__Output as _biomatch_v1_DeleteRecordRequest__Output } from './biomatch/v1/DeleteRecordRequest';
import type { DeleteRecordResponse as _biomatch_v1_DeleteRecordResponse, DeleteRecordResponse__Output as _biomatch_v1_DeleteRecordResponse__Output } from './biomatch/v1/DeleteRecordResponse';
import type { DnaEvidence as _biomatch_v1_DnaEvidence, DnaEvidence__Output as _biomatch_v1_DnaEvidence__Output } from './biomatch/v1/DnaEvidence';
import type { DnaImportChunk as _biomatch_v1_DnaImportChunk, DnaImportChunk__Output as _biomatch_v1_DnaImportChunk__Output } from './biomatch/v1/DnaImportChunk';
import type { DnaImportSummary as _biomatch_v1_DnaImportSummary, DnaImportSummary__Output as _biomatch_v1_DnaImportSummary__Output } from './biomatch/v1/DnaImportSummary';
import type { DnaProfile as _biomatch_v1_DnaProfile, DnaProfile__Output as _biomatch_v1_DnaProfile__Output } from './biomatch/v1/DnaProfile';
import type { DnaRecord as _biomatch_v1_DnaRecord, DnaRecord__Output as _biomatch_v1_DnaRecord__Output } from './biomatch/v1/DnaRecord';
import type { DnaSearchRequest as _biomatch_v1_DnaSearchRequest, DnaSearchRequest__Output as _biomatch_v1_DnaSearchRequest__Output } from './biomatch/v1/DnaSearchRequest';
import type { DnaServiceClient as _biomatch_v1_DnaServiceClient, DnaServiceDefinition as _biomatch_v1_DnaServiceDefinition } from './biomatch/v1/DnaService';
import type { EnrollDnaRequest as _biomatch_v1_EnrollDnaRequest, EnrollDnaRequest__Output as _biomatch_v1_EnrollDnaRequest__Output } from './biomatch/v1/EnrollDnaRequest';
import type { FingerprintEvidence as _biomatch_v1_FingerprintEvidence, FingerprintEvidence__Output as _biomatch_v1_FingerprintEvidence__Output } from './biomatch/v1/FingerprintEvidence';
import type { GetRecordRequest as _biomatch_v1_GetRecordRequest, GetRecordRequest__Output as _biomatch_v1_GetRecordRequest__Output } from './biomatch/v1/GetRecordRequest';
import type { ImportRowError as _biomatch_v1_ImportRowError, ImportRowError__Output as _biomatch_v1_ImportRowError__Output } from './biomatch/v1/ImportRowError';
import type { KinshipSearchRequest as _biomatch_v1_KinshipSearchRequest, KinshipSearchRequest__Output as _biomatch_v1_KinshipSearchRequest__Output } from './biomatch/v1/KinshipSearchRequest';
import type { ListPopulationTablesRequest as _biomatch_v1_ListPopulationTablesRequest, ListPopulationTablesRequest__Output as _biomatch_v1_ListPopulationTablesRequest__Output } from './biomatch/v1/ListPopulationTablesRequest';
import type { ListPopulationTablesResponse as _biomatch_v1_ListPopulationTablesResponse, ListPopulationTablesResponse__Output as _biomatch_v1_ListPopulationTablesResponse__Output } from './biomatch/v1/ListPopulationTablesResponse';
import type { LocusAlleles as _biomatch_v1_LocusAlleles, LocusAlleles__Output as _biomatch_v1_LocusAlleles__Output } from './biomatch/v1/LocusAlleles';
import type { LocusDetail as _biomatch_v1_LocusDetail, LocusDetail__Output as _biomatch_v1_LocusDetail__Output } from './biomatch/v1/LocusDetail';
import type { LocusFrequencySummary as _biomatch_v1_LocusFrequencySummary, LocusFrequencySummary__Output as _biomatch_v1_LocusFrequencySummary__Output } from './biomatch/v1/LocusFrequencySummary';
import type { MinutiaPair as _biomatch_v1_MinutiaPair, MinutiaPair__Output as _biomatch_v1_MinutiaPair__Output } from './biomatch/v1/MinutiaPair';
import type { PopulationTable as _biomatch_v1_PopulationTable, PopulationTable__Output as _biomatch_v1_PopulationTable__Output } from './biomatch/v1/PopulationTable';
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
      DnaImportChunk: MessageTypeDefinition<_biomatch_v1_DnaImportChunk, _biomatch_v1_DnaImportChunk__Output>
      DnaImportSummary: MessageTypeDefinition<_biomatch_v1_DnaImportSummary, _biomatch_v1_DnaImportSummary__Output>
      DnaProfile: MessageTypeDefinition<_biomatch_v1_DnaProfile, _biomatch_v1_DnaProfile__Output>
      DnaRecord: MessageTypeDefinition<_biomatch_v1_DnaRecord, _biomatch_v1_DnaRecord__Output>
      DnaSearchRequest: MessageTypeDefinition<_biomatch_v1_DnaSearchRequest, _biomatch_v1_DnaSearchRequest__Output>
      DnaService: SubtypeConstructor<typeof grpc.Client, _biomatch_v1_DnaServiceClient> & { service: _biomatch_v1_DnaServiceDefinition }
      EnrollDnaRequest: MessageTypeDefinition<_biomatch_v1_EnrollDnaRequest, _biomatch_v1_EnrollDnaRequest__Output>
      FingerprintEvidence: MessageTypeDefinition<_biomatch_v1_FingerprintEvidence, _biomatch_v1_FingerprintEvidence__Output>
      GetRecordRequest: MessageTypeDefinition<_biomatch_v1_GetRecordRequest, _biomatch_v1_GetRecordRequest__Output>
      ImportFormat: EnumTypeDefinition
      ImportRowError: MessageTypeDefinition<_biomatch_v1_ImportRowError, _biomatch_v1_ImportRowError__Output>
      KinshipSearchRequest: MessageTypeDefinition<_biomatch_v1_KinshipSearchRequest, _biomatch_v1_KinshipSearchRequest__Output>
      ListPopulationTablesRequest: MessageTypeDefinition<_biomatch_v1_ListPopulationTablesRequest, _biomatch_v1_ListPopulationTablesRequest__Output>
      ListPopulationTablesResponse: MessageTypeDefinition<_biomatch_v1_ListPopulationTablesResponse, _biomatch_v1_ListPopulationTablesResponse__Output>
      LocusAlleles: MessageTypeDefinition<_biomatch_v1_LocusAlleles, _biomatch_v1_LocusAlleles__Output>
      LocusComparison: EnumTypeDefinition
      LocusDetail: MessageTypeDefinition<_biomatch_v1_LocusDetail, _biomatch_v1_LocusDetail__Output>
      LocusFrequencySummary: MessageTypeDefinition<_biomatch_v1_LocusFrequencySummary, _biomatch_v1_LocusFrequencySummary__Output>
      MinutiaPair: MessageTypeDefinition<_biomatch_v1_MinutiaPair, _biomatch_v1_MinutiaPair__Output>
      PopulationTable: MessageTypeDefinition<_biomatch_v1_PopulationTable, _biomatch_v1_PopulationTable__Output>
      ProfileKind: EnumTypeDefinition
      RecordKind: EnumTypeDefinition
      RecordMeta: MessageTypeDefinition<_biomatch_v1_RecordMeta, _biomatch_v1_RecordMeta__Output>
      Relationship: EnumTypeDefinition
      Stringency: EnumTypeDefinition
      Visibility: MessageTypeDefinition<_biomatch_v1_Visibility, _biomatch_v1_Visibility__Output>
    }
  }
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

