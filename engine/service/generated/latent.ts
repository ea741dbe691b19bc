import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AcknowledgeLatentHitRequest as _biomatch_v1_AcknowledgeLatentHitRequest, AcknowledgeLatentHitRequest__Output as _biomatch_v1_AcknowledgeLatentHitRequest__Output } from './biomatch/v1/AcknowledgeLatentHitRequest';
import type { AddLatentRequest as _biomatch_v1_AddLatentRequest, AddLatentRequest__Output as _biomatch_v1_AddLatentRequest__Output } from './biomatch/v1/AddLatentRequest';
import type { BlockOrientations as _biomatch_v1_BlockOrientations, BlockOrientations__Output as _biomatch_v1_BlockOrientations__Output } from './biomatch/v1/BlockOrientations';
import type { Candidate as _biomatch_v1_Candidate, Candidate__Output as _biomatch_v1_Candidate__Output } from './biomatch/v1/Candidate';
import type { CandidateList as _biomatch_v1_CandidateList, CandidateList__Output as _biomatch_v1_CandidateList__Output } from './biomatch/v1/CandidateList';
import type { DeleteRecordRequest as _biomatch_v1_DeleteRecordRequest, DeleteRecordRequest__Output as _biomatch_v1_DeleteRecordRequest__Output } from './biomatch/v1/DeleteRecordRequest';
import type { DeleteRecordResponse as _biomatch_v1_DeleteRecordResponse, DeleteRecordResponse__Output as _biomatch_v1_DeleteRecordResponse__Output } from './biomatch/v1/DeleteRecordResponse';
import type { DnaEvidence as _biomatch_v1_DnaEvidence, DnaEvidence__Output as _biomatch_v1_DnaEvidence__Output } from './biomatch/v1/DnaEvidence';
import type { EncodedTemplate as _biomatch_v1_EncodedTemplate, EncodedTemplate__Output as _biomatch_v1_EncodedTemplate__Output } from './biomatch/v1/EncodedTemplate';
import type { EnrollFingerprintRequest as _biomatch_v1_EnrollFingerprintRequest, EnrollFingerprintRequest__Output as _biomatch_v1_EnrollFingerprintRequest__Output } from './biomatch/v1/EnrollFingerprintRequest';
import type { ExtractLatentRequest as _biomatch_v1_ExtractLatentRequest, ExtractLatentRequest__Output as _biomatch_v1_ExtractLatentRequest__Output } from './biomatch/v1/ExtractLatentRequest';
import type { ExtractLatentResponse as _biomatch_v1_ExtractLatentResponse, ExtractLatentResponse__Output as _biomatch_v1_ExtractLatentResponse__Output } from './biomatch/v1/ExtractLatentResponse';
import type { ExtractRequest as _biomatch_v1_ExtractRequest, ExtractRequest__Output as _biomatch_v1_ExtractRequest__Output } from './biomatch/v1/ExtractRequest';
import type { ExtractResponse as _biomatch_v1_ExtractResponse, ExtractResponse__Output as _biomatch_v1_ExtractResponse__Output } from './biomatch/v1/ExtractResponse';
import type { ExtractedFinger as _biomatch_v1_ExtractedFinger, ExtractedFinger__Output as _biomatch_v1_ExtractedFinger__Output } from './biomatch/v1/ExtractedFinger';
import type { FingerprintEvidence as _biomatch_v1_FingerprintEvidence, FingerprintEvidence__Output as _biomatch_v1_FingerprintEvidence__Output } from './biomatch/v1/FingerprintEvidence';
import type { FingerprintImage as _biomatch_v1_FingerprintImage, FingerprintImage__Output as _biomatch_v1_FingerprintImage__Output } from './biomatch/v1/FingerprintImage';
import type { FingerprintRecord as _biomatch_v1_FingerprintRecord, FingerprintRecord__Output as _biomatch_v1_FingerprintRecord__Output } from './biomatch/v1/FingerprintRecord';
import type { FingerprintSample as _biomatch_v1_FingerprintSample, FingerprintSample__Output as _biomatch_v1_FingerprintSample__Output } from './biomatch/v1/FingerprintSample';
import type { FingerprintServiceClient as _biomatch_v1_FingerprintServiceClient, FingerprintServiceDefinition as _biomatch_v1_FingerprintServiceDefinition } from './biomatch/v1/FingerprintService';
import type { GetRecordRequest as _biomatch_v1_GetRecordRequest, GetRecordRequest__Output as _biomatch_v1_GetRecordRequest__Output } from './biomatch/v1/GetRecordRequest';
import type { IdentifyRequest as _biomatch_v1_IdentifyRequest, IdentifyRequest__Output as _biomatch_v1_IdentifyRequest__Output } from './biomatch/v1/IdentifyRequest';
import type { LatentHit as _biomatch_v1_LatentHit, LatentHit__Output as _biomatch_v1_LatentHit__Output } from './biomatch/v1/LatentHit';
import type { LatentMark as _biomatch_v1_LatentMark, LatentMark__Output as _biomatch_v1_LatentMark__Output } from './biomatch/v1/LatentMark';
import type { LatentMarkup as _biomatch_v1_LatentMarkup, LatentMarkup__Output as _biomatch_v1_LatentMarkup__Output } from './biomatch/v1/LatentMarkup';
import type { LatentRecord as _biomatch_v1_LatentRecord, LatentRecord__Output as _biomatch_v1_LatentRecord__Output } from './biomatch/v1/LatentRecord';
import type { LatentSearchRequest as _biomatch_v1_LatentSearchRequest, LatentSearchRequest__Output as _biomatch_v1_LatentSearchRequest__Output } from './biomatch/v1/LatentSearchRequest';
import type { LatentServiceClient as _biomatch_v1_LatentServiceClient, LatentServiceDefinition as _biomatch_v1_LatentServiceDefinition } from './biomatch/v1/LatentService';
import type { ListLatentHitsRequest as _biomatch_v1_ListLatentHitsRequest, ListLatentHitsRequest__Output as _biomatch_v1_ListLatentHitsRequest__Output } from './biomatch/v1/ListLatentHitsRequest';
import type { ListLatentHitsResponse as _biomatch_v1_ListLatentHitsResponse, ListLatentHitsResponse__Output as _biomatch_v1_ListLatentHitsResponse__Output } from './biomatch/v1/ListLatentHitsResponse';
import type { ListUnsolvedRequest as _biomatch_v1_ListUnsolvedRequest, ListUnsolvedRequest__Output as _biomatch_v1_ListUnsolvedRequest__Output } from './biomatch/v1/ListUnsolvedRequest';
import type { ListUnsolvedResponse as _biomatch_v1_ListUnsolvedResponse, ListUnsolvedResponse__Output as _biomatch_v1_ListUnsolvedResponse__Output } from './biomatch/v1/ListUnsolvedResponse';
import type { LocusDetail as _biomatch_v1_LocusDetail, LocusDetail__Output as _biomatch_v1_LocusDetail__Output } from './biomatch/v1/LocusDetail';
import type { Minutia as _biomatch_v1_Minutia, Minutia__Output as _biomatch_v1_Minutia__Output } from './biomatch/v1/Minutia';
import type { MinutiaPair as _biomatch_v1_MinutiaPair, MinutiaPair__Output as _biomatch_v1_MinutiaPair__Output } from './biomatch/v1/MinutiaPair';
import type { Point as _biomatch_v1_Point, Point__Output as _biomatch_v1_Point__Output } from './biomatch/v1/Point';
import type { RecordMeta as _biomatch_v1_RecordMeta, RecordMeta__Output as _biomatch_v1_RecordMeta__Output } from './biomatch/v1/RecordMeta';
import type { SearchUnsolvedRequest as _biomatch_v1_SearchUnsolvedRequest, SearchUnsolvedRequest__Output as _biomatch_v1_SearchUnsolvedRequest__Output } from './biomatch/v1/SearchUnsolvedRequest';
import type { SingularPoint as _biomatch_v1_SingularPoint, SingularPoint__Output as _biomatch_v1_SingularPoint__Output } from './biomatch/v1/SingularPoint';
import type { StageImage as _biomatch_v1_StageImage, StageImage__Output as _biomatch_v1_StageImage__Output } from './biomatch/v1/StageImage';
import type { Template as _biomatch_v1_Template, Template__Output as _biomatch_v1_Template__Output } from './biomatch/v1/Template';
import type { TemplateInput as _biomatch_v1_TemplateInput, TemplateInput__Output as _biomatch_v1_TemplateInput__Output } from './biomatch/v1/TemplateInput';
import type { VerifyRequest as _biomatch_v1_VerifyRequest, VerifyRequest__Output as _biomatch_v1_VerifyRequest__Output } from './biomatch/v1/VerifyRequest';
import type { VerifyResponse as _biomatch_v1_VerifyResponse, VerifyResponse__Output as _biomatch_v1_VerifyResponse__Output } from './biomatch/v1/VerifyResponse';
import type { Visibility as _biomatch_v1_Visibility, Visibility__Output as _biomatch_v1_Visibility__Output } from './biomatch/v1/Visibility';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  biomatch: {
    v1: {
      AcknowledgeLatentHitRequest: MessageTypeDefinition<_biomatch_v1_AcknowledgeLatentHitRequest, _biomatch_v1_AcknowledgeLatentHitRequest__Output>
      AddLatentRequest: MessageTypeDefinition<_biomatch_v1_AddLatentRequest, _biomatch_v1_AddLatentRequest__Output>
      BlockOrientations: MessageTypeDefinition<_biomatch_v1_BlockOrientations, _biomatch_v1_BlockOrientations__Output>
      Candidate: MessageTypeDefinition<_biomatch_v1_Candidate, _biomatch_v1_Candidate__Output>
      CandidateList: MessageTypeDefinition<_biomatch_v1_CandidateList, _biomatch_v1_CandidateList__Output>
      DeleteRecordRequest: MessageTypeDefinition<_biomatch_v1_DeleteRecordRequest, _biomatch_v1_DeleteRecordRequest__Output>
      DeleteRecordResponse: MessageTypeDefinition<_biomatch_v1_DeleteRecordResponse, _biomatch_v1_DeleteRecordResponse__Output>
      DnaEvidence: MessageTypeDefinition<_biomatch_v1_DnaEvidence, _biomatch_v1_DnaEvidence__Output>
      EncodedTemplate: MessageTypeDefinition<_biomatch_v1_EncodedTemplate, _biomatch_v1_EncodedTemplate__Output>
      EnrollFingerprintRequest: MessageTypeDefinition<_biomatch_v1_EnrollFingerprintRequest, _biomatch_v1_EnrollFingerprintRequest__Output>
      ExtractLatentRequest: MessageTypeDefinition<_biomatch_v1_ExtractLatentRequest, _biomatch_v1_ExtractLatentRequest__Output>
      ExtractLatentResponse: MessageTypeDefinition<_biomatch_v1_ExtractLatentResponse, _biomatch_v1_ExtractLatentResponse__Output>
      ExtractRequest: MessageTypeDefinition<_biomatch_v1_ExtractRequest, _biomatch_v1_ExtractRequest__Output>
      ExtractResponse: MessageTypeDefinition<_biomatch_v1_ExtractResponse, _biomatch_v1_ExtractResponse__Output>
      ExtractedFinger: MessageTypeDefinition<_biomatch_v1_ExtractedFinger, _biomatch_v1_ExtractedFinger__Output>
      FingerprintEvidence: MessageTypeDefinition<_biomatch_v1_FingerprintEvidence, _biomatch_v1_FingerprintEvidence__Output>
      FingerprintImage: MessageTypeDefinition<_biomatch_v1_FingerprintImage, _biomatch_v1_FingerprintImage__Output>
      FingerprintRecord: MessageTypeDefinition<_biomatch_v1_FingerprintRecord, _biomatch_v1_FingerprintRecord__Output>
      FingerprintSample: MessageTypeDefinition<_biomatch_v1_FingerprintSample, _biomatch_v1_FingerprintSample__Output>
      FingerprintService: SubtypeConstructor<typeof grpc.Client, _biomatch_v1_FingerprintServiceClient> & { service: _biomatch_v1_FingerprintServiceDefinition }
      GetRecordRequest: MessageTypeDefinition<_biomatch_v1_GetRecordRequest, _biomatch_v1_GetRecordRequest__Output>
      IdentifyRequest: MessageTypeDefinition<_biomatch_v1_IdentifyRequest, _biomatch_v1_IdentifyRequest__Output>
      ImageFormat: EnumTypeDefinition
      LatentHit: MessageTypeDefinition<_biomatch_v1_LatentHit, _biomatch_v1_LatentHit__Output>
      LatentMark: MessageTypeDefinition<_biomatch_v1_LatentMark, _biomatch_v1_LatentMark__Output>
      LatentMarkup: MessageTypeDefinition<_biomatch_v1_LatentMarkup, _biomatch_v1_LatentMarkup__Output>
      LatentRecord: MessageTypeDefinition<_biomatch_v1_LatentRecord, _biomatch_v1_LatentRecord__Output>
      LatentSearchRequest: MessageTypeDefinition<_biomatch_v1_LatentSearchRequest, _biomatch_v1_LatentSearchRequest__Output>
      /**
       * Latent (crime-scene) marks: searched against the enrolled tenprints (LT); marks that stay
       * unsolved go to the unsolved latent file (ULF), searched by other marks (LL) and, automatically,
       * by every new tenprint (TL: hits become notifications for the mark's owner).
       * 
       * Coordinates in markup and features are pixels of the mark brought to 500 ppi, origin top-left,
       * y down; angles in degrees counter-clockwise from the x axis (as in Template).
       */
      LatentService: SubtypeConstructor<typeof grpc.Client, _biomatch_v1_LatentServiceClient> & { service: _biomatch_v1_LatentServiceDefinition }
      ListLatentHitsRequest: MessageTypeDefinition<_biomatch_v1_ListLatentHitsRequest, _biomatch_v1_ListLatentHitsRequest__Output>
      ListLatentHitsResponse: MessageTypeDefinition<_biomatch_v1_ListLatentHitsResponse, _biomatch_v1_ListLatentHitsResponse__Output>
      ListUnsolvedRequest: MessageTypeDefinition<_biomatch_v1_ListUnsolvedRequest, _biomatch_v1_ListUnsolvedRequest__Output>
      ListUnsolvedResponse: MessageTypeDefinition<_biomatch_v1_ListUnsolvedResponse, _biomatch_v1_ListUnsolvedResponse__Output>
      LocusComparison: EnumTypeDefinition
      LocusDetail: MessageTypeDefinition<_biomatch_v1_LocusDetail, _biomatch_v1_LocusDetail__Output>
      Minutia: MessageTypeDefinition<_biomatch_v1_Minutia, _biomatch_v1_Minutia__Output>
      MinutiaPair: MessageTypeDefinition<_biomatch_v1_MinutiaPair, _biomatch_v1_MinutiaPair__Output>
      MinutiaType: EnumTypeDefinition
      Point: MessageTypeDefinition<_biomatch_v1_Point, _biomatch_v1_Point__Output>
      RecordKind: EnumTypeDefinition
      RecordMeta: MessageTypeDefinition<_biomatch_v1_RecordMeta, _biomatch_v1_RecordMeta__Output>
      SearchUnsolvedRequest: MessageTypeDefinition<_biomatch_v1_SearchUnsolvedRequest, _biomatch_v1_SearchUnsolvedRequest__Output>
      SingularPoint: MessageTypeDefinition<_biomatch_v1_SingularPoint, _biomatch_v1_SingularPoint__Output>
      StageImage: MessageTypeDefinition<_biomatch_v1_StageImage, _biomatch_v1_StageImage__Output>
      Template: MessageTypeDefinition<_biomatch_v1_Template, _biomatch_v1_Template__Output>
      TemplateFormat: EnumTypeDefinition
      TemplateInput: MessageTypeDefinition<_biomatch_v1_TemplateInput, _biomatch_v1_TemplateInput__Output>
      VerifyRequest: MessageTypeDefinition<_biomatch_v1_VerifyRequest, _biomatch_v1_VerifyRequest__Output>
      VerifyResponse: MessageTypeDefinition<_biomatch_v1_VerifyResponse, _biomatch_v1_VerifyResponse__Output>
      Visibility: MessageTypeDefinition<_biomatch_v1_Visibility, _biomatch_v1_Visibility__Output>
    }
  }
  google: {
    protobuf: {
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
    }
  }
}

