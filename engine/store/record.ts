/**
 * What every stored record carries, whatever its payload (fingerprint template, latent mark,
 * DNA profile). The store treats the payload as opaque structured data; the domain that owns a
 * kind validates it before it is written.
 */
export type RecordKind = 'fingerprint' | 'latent' | 'dna-profile';

export const RECORD_KINDS: readonly RecordKind[] = ['fingerprint', 'latent', 'dna-profile'];

export interface Visibility {
  /** Agencies, besides the owner, that may see the record. */
  agencies: string[];
  /** Every agency connected to this server may see it. */
  allAgencies: boolean;
}

export interface StoredRecord<P = unknown> {
  id: string;
  kind: RecordKind;
  subjectId: string;
  ownerAgency: string;
  visibility: Visibility;
  /** The owner's own reference (lab sample id, case number); unique per (owner, kind). */
  externalId?: string;
  /** ISO-8601 UTC. */
  createdAt: string;
  updatedAt: string;
  payload: P;
}

/** What a caller supplies; the store fills id (when absent) and the times. */
export interface NewRecord<P = unknown> {
  id?: string;
  kind: RecordKind;
  subjectId: string;
  ownerAgency: string;
  visibility?: Partial<Visibility>;
  externalId?: string;
  payload: P;
}

// Who may see a record is decided in one place: engine/security/access.ts (maySee).
