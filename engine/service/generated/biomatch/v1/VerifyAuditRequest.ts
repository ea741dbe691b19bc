// Original file: proto/biomatch/v1/admin.proto

import type { AuditAnchor as _biomatch_v1_AuditAnchor, AuditAnchor__Output as _biomatch_v1_AuditAnchor__Output } from '../../biomatch/v1/AuditAnchor';

export interface VerifyAuditRequest {
  'anchors'?: (_biomatch_v1_AuditAnchor)[];
}

export interface VerifyAuditRequest__Output {
  'anchors': (_biomatch_v1_AuditAnchor__Output)[];
}
