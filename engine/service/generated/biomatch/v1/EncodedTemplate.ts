// Original file: proto/biomatch/v1/fingerprint.proto

import type { TemplateFormat as _biomatch_v1_TemplateFormat, TemplateFormat__Output as _biomatch_v1_TemplateFormat__Output } from '../../biomatch/v1/TemplateFormat';

export interface EncodedTemplate {
  'data'?: (Buffer | Uint8Array | string);
  'format'?: (_biomatch_v1_TemplateFormat);
}

export interface EncodedTemplate__Output {
  'data': (Buffer);
  'format': (_biomatch_v1_TemplateFormat__Output);
}
