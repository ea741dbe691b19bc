// Original file: proto/biomatch/v1/latent.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AcknowledgeLatentHitRequest as _biomatch_v1_AcknowledgeLatentHitRequest, AcknowledgeLatentHitRequest__Output as _biomatch_v1_AcknowledgeLatentHitRequest__Output } from '../../biomatch/v1/AcknowledgeLatentHitRequest';
import type { AddLatentRequest as _biomatch_v1_AddLatentRequest, AddLatentRequest__Output as _biomatch_v1_AddLatentRequest__Output } from '../../biomatch/v1/AddLatentRequest';
import type { CandidateList as _biomatch_v1_CandidateList, CandidateList__Output as _biomatch_v1_CandidateList__Output } from '../../biomatch/v1/CandidateList';
import type { DeleteRecordRequest as _biomatch_v1_DeleteRecordRequest, DeleteRecordRequest__Output as _biomatch_v1_DeleteRecordRequest__Output } from '../../biomatch/v1/DeleteRecordRequest';
import type { DeleteRecordResponse as _biomatch_v1_DeleteRecordResponse, DeleteRecordResponse__Output as _biomatch_v1_DeleteRecordResponse__Output } from '../../biomatch/v1/DeleteRecordResponse';
import type { ExtractLatentRequest as _biomatch_v1_ExtractLatentRequest, ExtractLatentRequest__Output as _biomatch_v1_ExtractLatentRequest__Output } from '../../biomatch/v1/ExtractLatentRequest';
import type { ExtractLatentResponse as _biomatch_v1_ExtractLatentResponse, ExtractLatentResponse__Output as _biomatch_v1_ExtractLatentResponse__Output } from '../../biomatch/v1/ExtractLatentResponse';
import type { GetRecordRequest as _biomatch_v1_GetRecordRequest, GetRecordRequest__Output as _biomatch_v1_GetRecordRequest__Output } from '../../biomatch/v1/GetRecordRequest';
import type { LatentHit as _biomatch_v1_LatentHit, LatentHit__Output as _biomatch_v1_LatentHit__Output } from '../../biomatch/v1/LatentHit';
import type { LatentRecord as _biomatch_v1_LatentRecord, LatentRecord__Output as _biomatch_v1_LatentRecord__Output } from '../../biomatch/v1/LatentRecord';
import type { LatentSearchRequest as _biomatch_v1_LatentSearchRequest, LatentSearchRequest__Output as _biomatch_v1_LatentSearchRequest__Output } from '../../biomatch/v1/LatentSearchRequest';
import type { ListLatentHitsRequest as _biomatch_v1_ListLatentHitsRequest, ListLatentHitsRequest__Output as _biomatch_v1_ListLatentHitsRequest__Output } from '../../biomatch/v1/ListLatentHitsRequest';
import type { ListLatentHitsResponse as _biomatch_v1_ListLatentHitsResponse, ListLatentHitsResponse__Output as _biomatch_v1_ListLatentHitsResponse__Output } from '../../biomatch/v1/ListLatentHitsResponse';
import type { ListUnsolvedRequest as _biomatch_v1_ListUnsolvedRequest, ListUnsolvedRequest__Output as _biomatch_v1_ListUnsolvedRequest__Output } from '../../biomatch/v1/ListUnsolvedRequest';
import type { ListUnsolvedResponse as _biomatch_v1_ListUnsolvedResponse, ListUnsolvedResponse__Output as _biomatch_v1_ListUnsolvedResponse__Output } from '../../biomatch/v1/ListUnsolvedResponse';
import type { SearchUnsolvedRequest as _biomatch_v1_SearchUnsolvedRequest, SearchUnsolvedRequest__Output as _biomatch_v1_SearchUnsolvedRequest__Output } from '../../biomatch/v1/SearchUnsolvedRequest';

/**
 * Latent (crime-scene) marks: searched against the enrolled tenprints (LT); marks that stay
 * unsolved go to the unsolved latent file (ULF), searched by other marks (LL) and, automatically,
 * by every new tenprint (TL: hits become notifications for the mark's owner).
 * 
 * Coordinates in markup and features are pixels of the mark brought to 500 ppi, origin top-left,
 * y down; angles in degrees counter-clockwise from the x axis (as in Template).
 */
export interface LatentServiceClient extends grpc.Client {
  AcknowledgeLatentHit(argument: _biomatch_v1_AcknowledgeLatentHitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_LatentHit__Output>): grpc.ClientUnaryCall;
  AcknowledgeLatentHit(argument: _biomatch_v1_AcknowledgeLatentHitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_LatentHit__Output>): grpc.ClientUnaryCall;
  AcknowledgeLatentHit(argument: _biomatch_v1_AcknowledgeLatentHitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_LatentHit__Output>): grpc.ClientUnaryCall;
  AcknowledgeLatentHit(argument: _biomatch_v1_AcknowledgeLatentHitRequest, callback: grpc.requestCallback<_biomatch_v1_LatentHit__Output>): grpc.ClientUnaryCall;
  acknowledgeLatentHit(argument: _biomatch_v1_AcknowledgeLatentHitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_LatentHit__Output>): grpc.ClientUnaryCall;
  acknowledgeLatentHit(argument: _biomatch_v1_AcknowledgeLatentHitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_LatentHit__Output>): grpc.ClientUnaryCall;
  acknowledgeLatentHit(argument: _biomatch_v1_AcknowledgeLatentHitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_LatentHit__Output>): grpc.ClientUnaryCall;
  acknowledgeLatentHit(argument: _biomatch_v1_AcknowledgeLatentHitRequest, callback: grpc.requestCallback<_biomatch_v1_LatentHit__Output>): grpc.ClientUnaryCall;
  
  /**
   * Put a mark in the unsolved latent file (with its case reference).
   */
  AddToUnsolvedFile(argument: _biomatch_v1_AddLatentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  AddToUnsolvedFile(argument: _biomatch_v1_AddLatentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  AddToUnsolvedFile(argument: _biomatch_v1_AddLatentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  AddToUnsolvedFile(argument: _biomatch_v1_AddLatentRequest, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  /**
   * Put a mark in the unsolved latent file (with its case reference).
   */
  addToUnsolvedFile(argument: _biomatch_v1_AddLatentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  addToUnsolvedFile(argument: _biomatch_v1_AddLatentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  addToUnsolvedFile(argument: _biomatch_v1_AddLatentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  addToUnsolvedFile(argument: _biomatch_v1_AddLatentRequest, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  
  /**
   * The automatic features of a mark (ROI, minutiae with their reliability, cores, deltas), in the
   * markup form: an examiner edits them and sends them back as LatentMark.markup. Nothing stored.
   */
  ExtractLatent(argument: _biomatch_v1_ExtractLatentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ExtractLatentResponse__Output>): grpc.ClientUnaryCall;
  ExtractLatent(argument: _biomatch_v1_ExtractLatentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_ExtractLatentResponse__Output>): grpc.ClientUnaryCall;
  ExtractLatent(argument: _biomatch_v1_ExtractLatentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ExtractLatentResponse__Output>): grpc.ClientUnaryCall;
  ExtractLatent(argument: _biomatch_v1_ExtractLatentRequest, callback: grpc.requestCallback<_biomatch_v1_ExtractLatentResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The automatic features of a mark (ROI, minutiae with their reliability, cores, deltas), in the
   * markup form: an examiner edits them and sends them back as LatentMark.markup. Nothing stored.
   */
  extractLatent(argument: _biomatch_v1_ExtractLatentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ExtractLatentResponse__Output>): grpc.ClientUnaryCall;
  extractLatent(argument: _biomatch_v1_ExtractLatentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_ExtractLatentResponse__Output>): grpc.ClientUnaryCall;
  extractLatent(argument: _biomatch_v1_ExtractLatentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ExtractLatentResponse__Output>): grpc.ClientUnaryCall;
  extractLatent(argument: _biomatch_v1_ExtractLatentRequest, callback: grpc.requestCallback<_biomatch_v1_ExtractLatentResponse__Output>): grpc.ClientUnaryCall;
  
  GetLatent(argument: _biomatch_v1_GetRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  GetLatent(argument: _biomatch_v1_GetRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  GetLatent(argument: _biomatch_v1_GetRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  GetLatent(argument: _biomatch_v1_GetRecordRequest, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  getLatent(argument: _biomatch_v1_GetRecordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  getLatent(argument: _biomatch_v1_GetRecordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  getLatent(argument: _biomatch_v1_GetRecordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  getLatent(argument: _biomatch_v1_GetRecordRequest, callback: grpc.requestCallback<_biomatch_v1_LatentRecord__Output>): grpc.ClientUnaryCall;
  
  /**
   * TL notifications: tenprints enrolled since a mark was filed that matched it, for the mark's owner.
   */
  ListLatentHits(argument: _biomatch_v1_ListLatentHitsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListLatentHitsResponse__Output>): grpc.ClientUnaryCall;
  ListLatentHits(argument: _biomatch_v1_ListLatentHitsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_ListLatentHitsResponse__Output>): grpc.ClientUnaryCall;
  ListLatentHits(argument: _biomatch_v1_ListLatentHitsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListLatentHitsResponse__Output>): grpc.ClientUnaryCall;
  ListLatentHits(argument: _biomatch_v1_ListLatentHitsRequest, callback: grpc.requestCallback<_biomatch_v1_ListLatentHitsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * TL notifications: tenprints enrolled since a mark was filed that matched it, for the mark's owner.
   */
  listLatentHits(argument: _biomatch_v1_ListLatentHitsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListLatentHitsResponse__Output>): grpc.ClientUnaryCall;
  listLatentHits(argument: _biomatch_v1_ListLatentHitsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_ListLatentHitsResponse__Output>): grpc.ClientUnaryCall;
  listLatentHits(argument: _biomatch_v1_ListLatentHitsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_ListLatentHitsResponse__Output>): grpc.ClientUnaryCall;
  listLatentHits(argument: _biomatch_v1_ListLatentHitsRequest, callback: grpc.requestCallback<_biomatch_v1_ListLatentHitsResponse__Output>): grpc.ClientUnaryCall;
  
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
   * LT: a mark against the enrolled tenprint fingers; 20 candidates by default, with the paired
   * minutiae as evidence.
   */
  Search(argument: _biomatch_v1_LatentSearchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  Search(argument: _biomatch_v1_LatentSearchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  Search(argument: _biomatch_v1_LatentSearchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  Search(argument: _biomatch_v1_LatentSearchRequest, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  /**
   * LT: a mark against the enrolled tenprint fingers; 20 candidates by default, with the paired
   * minutiae as evidence.
   */
  search(argument: _biomatch_v1_LatentSearchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  search(argument: _biomatch_v1_LatentSearchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  search(argument: _biomatch_v1_LatentSearchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  search(argument: _biomatch_v1_LatentSearchRequest, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  
  /**
   * LL: a mark against the unsolved latent file; or (TL, on demand) a tenprint finger against it.
   */
  SearchUnsolvedFile(argument: _biomatch_v1_SearchUnsolvedRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  SearchUnsolvedFile(argument: _biomatch_v1_SearchUnsolvedRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  SearchUnsolvedFile(argument: _biomatch_v1_SearchUnsolvedRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  SearchUnsolvedFile(argument: _biomatch_v1_SearchUnsolvedRequest, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  /**
   * LL: a mark against the unsolved latent file; or (TL, on demand) a tenprint finger against it.
   */
  searchUnsolvedFile(argument: _biomatch_v1_SearchUnsolvedRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  searchUnsolvedFile(argument: _biomatch_v1_SearchUnsolvedRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  searchUnsolvedFile(argument: _biomatch_v1_SearchUnsolvedRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  searchUnsolvedFile(argument: _biomatch_v1_SearchUnsolvedRequest, callback: grpc.requestCallback<_biomatch_v1_CandidateList__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Latent (crime-scene) marks: searched against the enrolled tenprints (LT); marks that stay
 * unsolved go to the unsolved latent file (ULF), searched by other marks (LL) and, automatically,
 * by every new tenprint (TL: hits become notifications for the mark's owner).
 * 
 * Coordinates in markup and features are pixels of the mark brought to 500 ppi, origin top-left,
 * y down; angles in degrees counter-clockwise from the x axis (as in Template).
 */
export interface LatentServiceHandlers extends grpc.UntypedServiceImplementation {
  AcknowledgeLatentHit: grpc.handleUnaryCall<_biomatch_v1_AcknowledgeLatentHitRequest__Output, _biomatch_v1_LatentHit>;
  
  /**
   * Put a mark in the unsolved latent file (with its case reference).
   */
  AddToUnsolvedFile: grpc.handleUnaryCall<_biomatch_v1_AddLatentRequest__Output, _biomatch_v1_LatentRecord>;
  
  /**
   * The automatic features of a mark (ROI, minutiae with their reliability, cores, deltas), in the
   * markup form: an examiner edits them and sends them back as LatentMark.markup. Nothing stored.
   */
  ExtractLatent: grpc.handleUnaryCall<_biomatch_v1_ExtractLatentRequest__Output, _biomatch_v1_ExtractLatentResponse>;
  
  GetLatent: grpc.handleUnaryCall<_biomatch_v1_GetRecordRequest__Output, _biomatch_v1_LatentRecord>;
  
  /**
   * TL notifications: tenprints enrolled since a mark was filed that matched it, for the mark's owner.
   */
  ListLatentHits: grpc.handleUnaryCall<_biomatch_v1_ListLatentHitsRequest__Output, _biomatch_v1_ListLatentHitsResponse>;
  
  ListUnsolved: grpc.handleUnaryCall<_biomatch_v1_ListUnsolvedRequest__Output, _biomatch_v1_ListUnsolvedResponse>;
  
  RemoveFromUnsolvedFile: grpc.handleUnaryCall<_biomatch_v1_DeleteRecordRequest__Output, _biomatch_v1_DeleteRecordResponse>;
  
  /**
   * LT: a mark against the enrolled tenprint fingers; 20 candidates by default, with the paired
   * minutiae as evidence.
   */
  Search: grpc.handleUnaryCall<_biomatch_v1_LatentSearchRequest__Output, _biomatch_v1_CandidateList>;
  
  /**
   * LL: a mark against the unsolved latent file; or (TL, on demand) a tenprint finger against it.
   */
  SearchUnsolvedFile: grpc.handleUnaryCall<_biomatch_v1_SearchUnsolvedRequest__Output, _biomatch_v1_CandidateList>;
  
}

export interface LatentServiceDefinition extends grpc.ServiceDefinition {
  AcknowledgeLatentHit: MethodDefinition<_biomatch_v1_AcknowledgeLatentHitRequest, _biomatch_v1_LatentHit, _biomatch_v1_AcknowledgeLatentHitRequest__Output, _biomatch_v1_LatentHit__Output>
  AddToUnsolvedFile: MethodDefinition<_biomatch_v1_AddLatentRequest, _biomatch_v1_LatentRecord, _biomatch_v1_AddLatentRequest__Output, _biomatch_v1_LatentRecord__Output>
  ExtractLatent: MethodDefinition<_biomatch_v1_ExtractLatentRequest, _biomatch_v1_ExtractLatentResponse, _biomatch_v1_ExtractLatentRequest__Output, _biomatch_v1_ExtractLatentResponse__Output>
  GetLatent: MethodDefinition<_biomatch_v1_GetRecordRequest, _biomatch_v1_LatentRecord, _biomatch_v1_GetRecordRequest__Output, _biomatch_v1_LatentRecord__Output>
  ListLatentHits: MethodDefinition<_biomatch_v1_ListLatentHitsRequest, _biomatch_v1_ListLatentHitsResponse, _biomatch_v1_ListLatentHitsRequest__Output, _biomatch_v1_ListLatentHitsResponse__Output>
  ListUnsolved: MethodDefinition<_biomatch_v1_ListUnsolvedRequest, _biomatch_v1_ListUnsolvedResponse, _biomatch_v1_ListUnsolvedRequest__Output, _biomatch_v1_ListUnsolvedResponse__Output>
  RemoveFromUnsolvedFile: MethodDefinition<_biomatch_v1_DeleteRecordRequest, _biomatch_v1_DeleteRecordResponse, _biomatch_v1_DeleteRecordRequest__Output, _biomatch_v1_DeleteRecordResponse__Output>
  Search: MethodDefinition<_biomatch_v1_LatentSearchRequest, _biomatch_v1_CandidateList, _biomatch_v1_LatentSearchRequest__Output, _biomatch_v1_CandidateList__Output>
  SearchUnsolvedFile: MethodDefinition<_biomatch_v1_SearchUnsolvedRequest, _biomatch_v1_CandidateList, _biomatch_v1_SearchUnsolvedRequest__Output, _biomatch_v1_CandidateList__Output>
}
