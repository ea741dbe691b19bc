/** Proto ↔ engine forms for the record envelope (meta, visibility, kinds, timestamps). */
import type { RecordKind, StoredRecord, Visibility } from '../../store/record.js';
import type { RecordMeta } from '../generated/biomatch/v1/RecordMeta.js';
import type { RecordKind__Output } from '../generated/biomatch/v1/RecordKind.js';
import type { Visibility__Output } from '../generated/biomatch/v1/Visibility.js';
import type { Timestamp } from '../generated/google/protobuf/Timestamp.js';

export const KIND_TO_PROTO: Record<RecordKind, RecordKind__Output> = {
  fingerprint: 'RECORD_KIND_FINGERPRINT',
  latent: 'RECORD_KIND_LATENT',
  'dna-profile': 'RECORD_KIND_DNA_PROFILE',
};

export function timestamp(iso: string): Timestamp {
  const ms = Date.parse(iso);
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 };
}

export function recordMetaToProto(r: StoredRecord): RecordMeta {
  return {
    id: r.id,
    kind: KIND_TO_PROTO[r.kind],
    subjectId: r.subjectId,
    ownerAgency: r.ownerAgency,
    visibility: { agencies: r.visibility.agencies, allAgencies: r.visibility.allAgencies },
    createdAt: timestamp(r.createdAt),
    updatedAt: timestamp(r.updatedAt),
    externalId: r.externalId ?? '',
  };
}

export function visibilityFromProto(v: Visibility__Output | null | undefined): Visibility {
  return { agencies: v?.agencies ?? [], allAgencies: v?.allAgencies ?? false };
}
