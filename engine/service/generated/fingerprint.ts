import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { BlockOrientations as _biomatch_v1_BlockOrientations, BlockOrientations__Output as _biomatch_v1_BlockOrientations__Output } from './biomatch/v1/BlockOrientations';
import type { Candidate as _biomatch_v1_Candidate, Candidate__Output as _biomatch_v1_Candidate__Output } from './biomatch/v1/Candidate';
import type { CandidateList as _biomatch_v1_CandidateList, CandidateList__Output as _biomatch_v1_CandidateList__Output } from './biomatch/v1/CandidateList';
import type { DeleteRecordRequest as _biomatch_v1_DeleteRecordRequest, DeleteRecordRequest__Output as _biomatch_v1_DeleteRecordRequest__Output } from './biomatch/v1/DeleteRecordRequest';
import type { DeleteRecordResponse as _biomatch_v1_DeleteRecordResponse, DeleteRecordResponse__Output as _biomatch_v1_DeleteRecordResponse__Output } from './biomatch/v1/DeleteRecordResponse';
import type { DnaEvidence as _biomatch_v1_DnaEvidence, DnaEvidence__Output as _biomatch_v1_DnaEvidence__Output } from './biomatch/v1/DnaEvidence';
import type { EncodedTemplate as _biomatch_v1_EncodedTemplate, EncodedTemplate__Output as _biomatch_v1_EncodedTemplate__Output } from './biomatch/v1/EncodedTemplate';
import type { EnrollFingerprintRequest as _biomatch_v1_EnrollFingerprintRequest, EnrollFingerprintRequest__Output as _biomatch_v1_EnrollFingerprintRequest__Output } from './biomatch/v1/EnrollFingerprintRequest';
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
import type { LocusDetail as _biomatch_v1_LocusDetail, LocusDetail__Output as _biomatch_v1_LocusDetail__Output } from './biomatch/v1/LocusDetail';
import type { Minutia as _biomatch_v1_Minutia, Minutia__Output as _biomatch_v1_Minutia__Output } from './biomatch/v1/Minutia';
import type { MinutiaPair as _biomatch_v1_MinutiaPair, MinutiaPair__Output as _biomatch_v1_MinutiaPair__Output } from './biomatch/v1/MinutiaPair';
import type { RecordMeta as _biomatch_v1_RecordMeta, RecordMeta__Output as _biomatch_v1_RecordMeta__Output } from './biomatch/v1/RecordMeta';
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
      BlockOrientations: MessageTypeDefinition<_biomatch_v1_BlockOrientations, _biomatch_v1_BlockOrientations__Output>
      Candidate: MessageTypeDefinition<_biomatch_v1_Candidate, _biomatch_v1_Candidate__Output>
      CandidateList: MessageTypeDefinition<_biomatch_v1_CandidateList, _biomatch_v1_CandidateList__Output>
      DeleteRecordRequest: MessageTypeDefinition<_biomatch_v1_DeleteRecordRequest, _biomatch_v1_DeleteRecordRequest__Output>
      DeleteRecordResponse: MessageTypeDefinition<_biomatch_v1_DeleteRecordResponse, _biomatch_v1_DeleteRecordResponse__Output>
      DnaEvidence: MessageTypeDefinition<_biomatch_v1_DnaEvidence, _biomatch_v1_DnaEvidence__Output>
      EncodedTemplate: MessageTypeDefinition<_biomatch_v1_EncodedTemplate, _biomatch_v1_EncodedTemplate__Output>
      EnrollFingerprintRequest: MessageTypeDefinition<_biomatch_v1_EnrollFingerprintRequest, _biomatch_v1_EnrollFingerprintRequest__Output>
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
      LocusComparison: EnumTypeDefinition
      LocusDetail: MessageTypeDefinition<_biomatch_v1_LocusDetail, _biomatch_v1_LocusDetail__Output>
      Minutia: MessageTypeDefinition<_biomatch_v1_Minutia, _biomatch_v1_Minutia__Output>
      MinutiaPair: MessageTypeDefinition<_biomatch_v1_MinutiaPair, _biomatch_v1_MinutiaPair__Output>
      MinutiaType: EnumTypeDefinition
      RecordKind: EnumTypeDefinition
      RecordMeta: MessageTypeDefinition<_biomatch_v1_RecordMeta, _biomatch_v1_RecordMeta__Output>
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

