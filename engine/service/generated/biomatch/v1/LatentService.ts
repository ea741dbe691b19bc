// Original file: proto/biomatch/v1/latent.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AddLatentRequest as _biomatch_v1_AddLatentRequest, AddLatentRequest__Output as _biomatch_v1_AddLatentRequest__Output } from '../../biomatch/v1/AddLatentRequest';
import type { CandidateList as _biomatch_v1_CandidateList, CandidateList__Output as _biomatch_v1_CandidateList__Output } from '../../biomatch/v1/CandidateList';
import type { DeleteRecordRequest as _biomatch_v1_DeleteRecordRequest, DeleteRecordRequest__Output as _biomatch_v1_DeleteRecordRequest__Output } from '../../biomatch/v1/DeleteRecordRequest';
import type { DeleteRecordResponse as _biomatch_v1_DeleteRecordResponse, DeleteRecordResponse__Output as _biomatch_v1_DeleteRecordResponse__Output } from '../../biomatch/v1/DeleteRecordResponse';
import type { GetRecordRequest as _biomatch_v1_GetRecordRequest, GetRecordRequest__Output as _biomatch_v1_GetRecordRequest__Output } from '../../biomatch/v1/GetRecordRequest';
import type { LatentRecord as _biomatch_v1_LatentRecord, LatentRecord__Output as _biomatch_v1_LatentRecord__Output } from '../../biomatch/v1/LatentRecord';
import type { LatentSearchRequest as _biomatch_v1_LatentSearchRequest, LatentSearchRequest__Output as _biomatch_v1_LatentSearchRequest__Output } from '../../biomatch/v1/LatentSearchRequest';
import type { ListUnsolvedRequest as _biomatch_v1_ListUnsolvedRequest, ListUnsolvedRequest__Output as _biomatch_v1_ListUnsolvedRequest__Output } from '../../biomatch/v1/ListUnsolvedRequest';
import type { ListUnsolvedResponse as _biomatch_v1_ListUnsolvedResponse, ListUnsolvedResponse__Output as _biomatch_v1_ListUnsolvedResponse__Output } from '../../biomatch/v1/ListUnsolvedResponse';
import type { SearchUnsolvedRequest as _biomatch_v1_SearchUnsolvedRequest, SearchUnsolvedRequest__Output as _biomatch_v1_SearchUnsolvedRequest__Output } from '../../biomatch/v1/SearchUnsolvedRequest';

/**
 * Latent (crime-scene) marks: searched against the enrolled tenprints; marks that stay unsolved
 * go to the unsolved latent file (ULF), against which every new tenprint can be searched.
 */
export interface LatentServiceClient extends grpc.Client {
  /**
   * Put a mark in the unsolved latent file.
   */
  AddToUnsolvedFile(argument: _biomatch_v1_AddLatentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  AddToUnsolvedFile(argument: _biomatch_v1_AddLatentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  AddToUnsolvedFile(argument: _biomatch_v1_AddLatentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  AddToUnsolvedFile(argument: _biomatch_v1_AddLatentRequest, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  /**
   * Put a mark in the unsolved latent file.
   */
  addToUnsolvedFile(argument: _biomatch_v1_AddLatentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  addToUnsolvedFile(argument: _biomatch_v1_AddLatentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  addToUnsolvedFile(argument: _biomatch_v1_AddLatentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  addToUnsolvedFile(argument: _biomatch_v1_AddLatentRequest, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  
  GetLatent(argument: _biomatch_v1_GetRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  GetLatent(argument: _biomatch_v1_GetRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  GetLatent(argument: _biomatch_v1_GetRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  GetLatent(argument: _biomatch_v1_GetRecordRequest, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  getLatent(argument: _biomatch_v1_GetRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  getLatent(argument: _biomatch_v1_GetRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  getLatent(argument: _biomatch_v1_GetRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  getLatent(argument: _biomatch_v1_GetRecordRequest, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  
  ListUnsolved(argument: _biomatch_v1_ListUnsolvedRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListUnsolvedResponse__Output>): grpc.ClientUnaryCall;
  ListUnsolved(argument: _biomatch_v1_ListUnsolvedRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_ListUnsolvedResponse__Output>): grpc.ClientUnaryCall;
  ListUnsolved(argument: _biomatch_v1_ListUnsolvedRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListUnsolvedResponse__Output>): grpc.ClientUnaryCall;
  ListUnsolved(argument: _biomatch_v1_ListUnsolvedRequest, callback: grpc.requestCallback<_biomatch_v1_ListUnsolvedResponse__Output>): grpc.ClientUnaryCall;
  listUnsolved(argument: _biomatch_v1_ListUnsolvedRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListUnsolvedResponse__Output>): grpc.ClientUnaryCall;
  listUnsolved(argument: _biomatch_v1_ListUnsolvedRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_ListUnsolvedResponse__Output>): grpc.ClientUnaryCall;
  listUnsolved(argument: _biomatch_v1_ListUnsolvedRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListUnsolvedResponse__Output>): grpc.ClientUnaryCall;
  listUnsolved(argument: _biomatch_v1_ListUnsolvedRequest, callback: grpc.requestCallback<_biomatch_v1_ListUnsolvedResponse__Output>): grpc.ClientUnaryCall;
  
  RemoveFromUnsolvedFile(argument: _biomatch_v1_DeleteRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  RemoveFromUnsolvedFile(argument: _biomatch_v1_DeleteRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  RemoveFromUnsolvedFile(argument: _biomatch_v1_DeleteRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  RemoveFromUnsolvedFile(argument: _biomatch_v1_DeleteRecordRequest, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  removeFromUnsolvedFile(argument: _biomatch_v1_DeleteRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  removeFromUnsolvedFile(argument: _biomatch_v1_DeleteRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  removeFromUnsolvedFile(argument: _biomatch_v1_DeleteRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  removeFromUnsolvedFile(argument: _biomatch_v1_DeleteRecordRequest, callback: grpc.requestCallback<_biomatch_v1_DeleteRecordResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Search a latent mark against the enrolled fingers.
   */
  Search(argument: _biomatch_v1_LatentSearchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  Search(argument: _biomatch_v1_LatentSearchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  Search(argument: _biomatch_v1_LatentSearchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  Search(argument: _biomatch_v1_LatentSearchRequest, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  /**
   * Search a latent mark against the enrolled fingers.
   */
  search(argument: _biomatch_v1_LatentSearchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  search(argument: _biomatch_v1_LatentSearchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  search(argument: _biomatch_v1_LatentSearchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  search(argument: _biomatch_v1_LatentSearchRequest, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  
  /**
   * Search a tenprint finger against the unsolved latent file (reverse search).
   */
  SearchUnsolvedFile(argument: _biomatch_v1_SearchUnsolvedRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  SearchUnsolvedFile(argument: _biomatch_v1_SearchUnsolvedRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  SearchUnsolvedFile(argument: _biomatch_v1_SearchUnsolvedRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  SearchUnsolvedFile(argument: _biomatch_v1_SearchUnsolvedRequest, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  /**
   * Search a tenprint finger against the unsolved latent file (reverse search).
   */
  searchUnsolvedFile(argument: _biomatch_v1_SearchUnsolvedRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  searchUnsolvedFile(argument: _biomatch_v1_SearchUnsolvedRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  searchUnsolvedFile(argument: _biomatch_v1_SearchUnsolvedRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  searchUnsolvedFile(argument: _biomatch_v1_SearchUnsolvedRequest, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Latent (crime-scene) marks: searched against the enrolled tenprints; marks that stay unsolved
 * go to the unsolved latent file (ULF), against which every new tenprint can be searched.
 */
export interface LatentServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Put a mark in the unsolved latent file.
   */
  AddToUnsolvedFile: grpc.handleUnaryCall<_biomatch_v1_AddLatentRequest__Output, _biomatch_v1_LatentRecord>;
  
  GetLatent: grpc.handleUnaryCall<_biomatch_v1_GetRecordRequest__Output, _biomatch_v1_LatentRecord>;
  
  ListUnsolved: grpc.handleUnaryCall<_biomatch_v1_ListUnsolvedRequest__Output, _biomatch_v1_ListUnsolvedResponse>;
  
  RemoveFromUnsolvedFile: grpc.handleUnaryCall<_biomatch_v1_DeleteRecordRequest__Output, _biomatch_v1_DeleteRecordResponse>;
  
  /**
   * Search a latent mark against the enrolled fingers.
   */
  Search: grpc.handleUnaryCall<_biomatch_v1_LatentSearchRequest__Output, _biomatch_v1_CandidateList>;
  
  /**
   * Search a tenprint finger against the unsolved latent file (reverse search).
   */
  SearchUnsolvedFile: grpc.handleUnaryCall<_biomatch_v1_SearchUnsolvedRequest__Output, _biomatch_v1_CandidateList>;
  
}

export interface LatentServiceDefinition extends grpc.ServiceDefinition {
  AddToUnsolvedFile: MethodDefinition<_biomatch_v1_AddLatentRequest, _biomatch_v1_LatentRecord, _biomatch_v1_AddLatentRequest__Output, _biomatch_v1_LatentRecord__Output>
  GetLatent: MethodDefinition<_biomatch_v1_GetRecordRequest, _biomatch_v1_LatentRecord, _biomatch_v1_GetRecordRequest__Output, _biomatch_v1_LatentRecord__Output>
  ListUnsolved: MethodDefinition<_biomatch_v1_ListUnsolvedRequest, _biomatch_v1_ListUnsolvedResponse, _biomatch_v1_ListUnsolvedRequest__Output, _biomatch_v1_ListUnsolvedResponse__Output>
  RemoveFromUnsolvedFile: MethodDefinition<_biomatch_v1_DeleteRecordRequest, _biomatch_v1_DeleteRecordResponse, _biomatch_v1_DeleteRecordRequest__Output, _biomatch_v1_DeleteRecordResponse__Output>
  Search: MethodDefinition<_biomatch_v1_LatentSearchRequest, _biomatch_v1_CandidateList, _biomatch_v1_LatentSearchRequest__Output, _biomatch_v1_CandidateList__Output>
  SearchUnsolvedFile: MethodDefinition<_biomatch_v1_SearchUnsolvedRequest, _biomatch_v1_CandidateList, _biomatch_v1_SearchUnsolvedRequest__Output, _biomatch_v1_CandidateList__Output>
}
