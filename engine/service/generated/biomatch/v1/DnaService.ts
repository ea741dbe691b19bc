// Original file: proto/biomatch/v1/dna.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CandidateList as _biomatch_v1_CandidateList, CandidateList__Output as _biomatch_v1_CandidateList__Output } from '../../biomatch/v1/CandidateList';
import type { DeleteRecordRequest as _biomatch_v1_DeleteRecordRequest, DeleteRecordRequest__Output as _biomatch_v1_DeleteRecordRequest__Output } from '../../biomatch/v1/DeleteRecordRequest';
import type { DeleteRecordResponse as _biomatch_v1_DeleteRecordResponse, DeleteRecordResponse__Output as _biomatch_v1_DeleteRecordResponse__Output } from '../../biomatch/v1/DeleteRecordResponse';
import type { DnaImportChunk as _biomatch_v1_DnaImportChunk, DnaImportChunk__Output as _biomatch_v1_DnaImportChunk__Output } from '../../biomatch/v1/DnaImportChunk';
import type { DnaImportSummary as _biomatch_v1_DnaImportSummary, DnaImportSummary__Output as _biomatch_v1_DnaImportSummary__Output } from '../../biomatch/v1/DnaImportSummary';
import type { DnaRecord as _biomatch_v1_DnaRecord, DnaRecord__Output as _biomatch_v1_DnaRecord__Output } from '../../biomatch/v1/DnaRecord';
import type { DnaSearchRequest as _biomatch_v1_DnaSearchRequest, DnaSearchRequest__Output as _biomatch_v1_DnaSearchRequest__Output } from '../../biomatch/v1/DnaSearchRequest';
import type { EnrollDnaRequest as _biomatch_v1_EnrollDnaRequest, EnrollDnaRequest__Output as _biomatch_v1_EnrollDnaRequest__Output } from '../../biomatch/v1/EnrollDnaRequest';
import type { GetRecordRequest as _biomatch_v1_GetRecordRequest, GetRecordRequest__Output as _biomatch_v1_GetRecordRequest__Output } from '../../biomatch/v1/GetRecordRequest';
import type { KinshipSearchRequest as _biomatch_v1_KinshipSearchRequest, KinshipSearchRequest__Output as _biomatch_v1_KinshipSearchRequest__Output } from '../../biomatch/v1/KinshipSearchRequest';
import type { ListPopulationTablesRequest as _biomatch_v1_ListPopulationTablesRequest, ListPopulationTablesRequest__Output as _biomatch_v1_ListPopulationTablesRequest__Output } from '../../biomatch/v1/ListPopulationTablesRequest';
import type { ListPopulationTablesResponse as _biomatch_v1_ListPopulationTablesResponse, ListPopulationTablesResponse__Output as _biomatch_v1_ListPopulationTablesResponse__Output } from '../../biomatch/v1/ListPopulationTablesResponse';

export interface DnaServiceClient extends grpc.Client {
  Delete(argument: _biomatch_v1_DeleteRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _biomatch_v1_DeleteRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _biomatch_v1_DeleteRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  Delete(argument: _biomatch_v1_DeleteRecordRequest, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _biomatch_v1_DeleteRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _biomatch_v1_DeleteRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _biomatch_v1_DeleteRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  delete(argument: _biomatch_v1_DeleteRecordRequest, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  
  Enroll(argument: _biomatch_v1_EnrollDnaRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DnaRecord__Output>): grpc.ClientUnaryCall;
  Enroll(argument: _biomatch_v1_EnrollDnaRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_DnaRecord__Output>): grpc.ClientUnaryCall;
  Enroll(argument: _biomatch_v1_EnrollDnaRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DnaRecord__Output>): grpc.ClientUnaryCall;
  Enroll(argument: _biomatch_v1_EnrollDnaRequest, callback: grpc.requestCallback<_biomatch_v1_DnaRecord__Output>): grpc.ClientUnaryCall;
  enroll(argument: _biomatch_v1_EnrollDnaRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DnaRecord__Output>): grpc.ClientUnaryCall;
  enroll(argument: _biomatch_v1_EnrollDnaRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_DnaRecord__Output>): grpc.ClientUnaryCall;
  enroll(argument: _biomatch_v1_EnrollDnaRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DnaRecord__Output>): grpc.ClientUnaryCall;
  enroll(argument: _biomatch_v1_EnrollDnaRequest, callback: grpc.requestCallback<_biomatch_v1_DnaRecord__Output>): grpc.ClientUnaryCall;
  
  Get(argument: _biomatch_v1_GetRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DnaRecord__Output>): grpc.ClientUnaryCall;
  Get(argument: _biomatch_v1_GetRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_DnaRecord__Output>): grpc.ClientUnaryCall;
  Get(argument: _biomatch_v1_GetRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DnaRecord__Output>): grpc.ClientUnaryCall;
  Get(argument: _biomatch_v1_GetRecordRequest, callback: grpc.requestCallback<_biomatch_v1_DnaRecord__Output>): grpc.ClientUnaryCall;
  get(argument: _biomatch_v1_GetRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DnaRecord__Output>): grpc.ClientUnaryCall;
  get(argument: _biomatch_v1_GetRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_DnaRecord__Output>): grpc.ClientUnaryCall;
  get(argument: _biomatch_v1_GetRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DnaRecord__Output>): grpc.ClientUnaryCall;
  get(argument: _biomatch_v1_GetRecordRequest, callback: grpc.requestCallback<_biomatch_v1_DnaRecord__Output>): grpc.ClientUnaryCall;
  
  /**
   * Bulk import: stream rows in, one summary out. Bad rows are reported (line and reason) and
   * skipped; good rows are stored; importing the same rows again does not duplicate records.
   */
  Import(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DnaImportSummary__Output>): grpc.ClientWritableStream<_biomatch_v1_DnaImportChunk>;
  Import(metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_DnaImportSummary__Output>): grpc.ClientWritableStream<_biomatch_v1_DnaImportChunk>;
  Import(options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DnaImportSummary__Output>): grpc.ClientWritableStream<_biomatch_v1_DnaImportChunk>;
  Import(callback: grpc.requestCallback<_biomatch_v1_DnaImportSummary__Output>): grpc.ClientWritableStream<_biomatch_v1_DnaImportChunk>;
  /**
   * Bulk import: stream rows in, one summary out. Bad rows are reported (line and reason) and
   * skipped; good rows are stored; importing the same rows again does not duplicate records.
   */
  import(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DnaImportSummary__Output>): grpc.ClientWritableStream<_biomatch_v1_DnaImportChunk>;
  import(metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_DnaImportSummary__Output>): grpc.ClientWritableStream<_biomatch_v1_DnaImportChunk>;
  import(options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DnaImportSummary__Output>): grpc.ClientWritableStream<_biomatch_v1_DnaImportChunk>;
  import(callback: grpc.requestCallback<_biomatch_v1_DnaImportSummary__Output>): grpc.ClientWritableStream<_biomatch_v1_DnaImportChunk>;
  
  KinshipSearch(argument: _biomatch_v1_KinshipSearchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  KinshipSearch(argument: _biomatch_v1_KinshipSearchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  KinshipSearch(argument: _biomatch_v1_KinshipSearchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  KinshipSearch(argument: _biomatch_v1_KinshipSearchRequest, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  kinshipSearch(argument: _biomatch_v1_KinshipSearchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  kinshipSearch(argument: _biomatch_v1_KinshipSearchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  kinshipSearch(argument: _biomatch_v1_KinshipSearchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  kinshipSearch(argument: _biomatch_v1_KinshipSearchRequest, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  
  /**
   * The population frequency tables this server has loaded (for `population` in searches).
   */
  ListPopulationTables(argument: _biomatch_v1_ListPopulationTablesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListPopulationTablesResponse__Output>): grpc.ClientUnaryCall;
  ListPopulationTables(argument: _biomatch_v1_ListPopulationTablesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_ListPopulationTablesResponse__Output>): grpc.ClientUnaryCall;
  ListPopulationTables(argument: _biomatch_v1_ListPopulationTablesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListPopulationTablesResponse__Output>): grpc.ClientUnaryCall;
  ListPopulationTables(argument: _biomatch_v1_ListPopulationTablesRequest, callback: grpc.requestCallback<_biomatch_v1_ListPopulationTablesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The population frequency tables this server has loaded (for `population` in searches).
   */
  listPopulationTables(argument: _biomatch_v1_ListPopulationTablesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListPopulationTablesResponse__Output>): grpc.ClientUnaryCall;
  listPopulationTables(argument: _biomatch_v1_ListPopulationTablesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_ListPopulationTablesResponse__Output>): grpc.ClientUnaryCall;
  listPopulationTables(argument: _biomatch_v1_ListPopulationTablesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListPopulationTablesResponse__Output>): grpc.ClientUnaryCall;
  listPopulationTables(argument: _biomatch_v1_ListPopulationTablesRequest, callback: grpc.requestCallback<_biomatch_v1_ListPopulationTablesResponse__Output>): grpc.ClientUnaryCall;
  
  Search(argument: _biomatch_v1_DnaSearchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  Search(argument: _biomatch_v1_DnaSearchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  Search(argument: _biomatch_v1_DnaSearchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  Search(argument: _biomatch_v1_DnaSearchRequest, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  search(argument: _biomatch_v1_DnaSearchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  search(argument: _biomatch_v1_DnaSearchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  search(argument: _biomatch_v1_DnaSearchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  search(argument: _biomatch_v1_DnaSearchRequest, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  
}

export interface DnaServiceHandlers extends grpc.UntypedServiceImplementation {
  Delete: grpc.handleUnaryCall<_biomatch_v1_DeleteRecordRequest__Output, _biomatch_v1_DeleteRecordResponse>;
  
  Enroll: grpc.handleUnaryCall<_biomatch_v1_EnrollDnaRequest__Output, _biomatch_v1_DnaRecord>;
  
  Get: grpc.handleUnaryCall<_biomatch_v1_GetRecordRequest__Output, _biomatch_v1_DnaRecord>;
  
  /**
   * Bulk import: stream rows in, one summary out. Bad rows are reported (line and reason) and
   * skipped; good rows are stored; importing the same rows again does not duplicate records.
   */
  Import: grpc.handleClientStreamingCall<_biomatch_v1_DnaImportChunk__Output, _biomatch_v1_DnaImportSummary>;
  
  KinshipSearch: grpc.handleUnaryCall<_biomatch_v1_KinshipSearchRequest__Output, _biomatch_v1_CandidateList>;
  
  /**
   * The population frequency tables this server has loaded (for `population` in searches).
   */
  ListPopulationTables: grpc.handleUnaryCall<_biomatch_v1_ListPopulationTablesRequest__Output, _biomatch_v1_ListPopulationTablesResponse>;
  
  Search: grpc.handleUnaryCall<_biomatch_v1_DnaSearchRequest__Output, _biomatch_v1_CandidateList>;
  
}

export interface DnaServiceDefinition extends grpc.ServiceDefinition {
  Delete: MethodDefinition<_biomatch_v1_DeleteRecordRequest, _biomatch_v1_DeleteRecordResponse, _biomatch_v1_DeleteRecordRequest__Output, _biomatch_v1_DeleteRecordResponse__Output>
  Enroll: MethodDefinition<_biomatch_v1_EnrollDnaRequest, _biomatch_v1_DnaRecord, _biomatch_v1_EnrollDnaRequest__Output, _biomatch_v1_DnaRecord__Output>
  Get: MethodDefinition<_biomatch_v1_GetRecordRequest, _biomatch_v1_DnaRecord, _biomatch_v1_GetRecordRequest__Output, _biomatch_v1_DnaRecord__Output>
  Import: MethodDefinition<_biomatch_v1_DnaImportChunk, _biomatch_v1_DnaImportSummary, _biomatch_v1_DnaImportChunk__Output, _biomatch_v1_DnaImportSummary__Output>
  KinshipSearch: MethodDefinition<_biomatch_v1_KinshipSearchRequest, _biomatch_v1_CandidateList, _biomatch_v1_KinshipSearchRequest__Output, _biomatch_v1_CandidateList__Output>
  ListPopulationTables: MethodDefinition<_biomatch_v1_ListPopulationTablesRequest, _biomatch_v1_ListPopulationTablesResponse, _biomatch_v1_ListPopulationTablesRequest__Output, _biomatch_v1_ListPopulationTablesResponse__Output>
  Search: MethodDefinition<_biomatch_v1_DnaSearchRequest, _biomatch_v1_CandidateList, _biomatch_v1_DnaSearchRequest__Output, _biomatch_v1_CandidateList__Output>
}
