/**
 * The one record-access rule, fail-closed, used by every operation that reads, searches, verifies
 * against or deletes a record, for every record kind:
 *
 * - a caller sees a record when its agency owns it, is listed in its visibility, or the record is
 *   visible to all agencies;
 * - a caller with an empty or malformed agency sees nothing (never "no filter");
 * - only the owner may delete or change a record it sees; a record the caller cannot see answers
 *   NOT_FOUND, never PERMISSION_DENIED, which would confirm that it exists.
 *
 * Pure: no gRPC, no store. Search indexes may keep a faster encoding of the same rule (agency
 * codes, bitmaps), but must agree with `maySee`; access.property.test.ts checks that they do.
 */

/** What the rule reads of a record. */
export interface RecordAccess {
  readonly ownerAgency: string;
  readonly visibility: { readonly agencies: readonly string[]; readonly allAgencies: boolean };
}

/**
 * A well-formed agency code: a letter or digit, then letters, digits, '.', '_' or '-', at most 64
 * characters (ORI-like codes, ISO country codes, lab identifiers). Wildcards such as '*' are not
 * agencies.
 */
const AGENCY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function isAgency(agency: string): boolean {
  return AGENCY.test(agency);
}

/** True when `agency` may see the record. Empty or malformed agencies see nothing. */
export function maySee(agency: string, record: RecordAccess): boolean {
  if (!isAgency(agency)) return false;
  return record.ownerAgency === agency || record.visibility.allAgencies || record.visibility.agencies.includes(agency);
}

/** True when `agency` may delete or change the record: it must see it and own it. */
export function mayChange(agency: string, record: RecordAccess): boolean {
  return maySee(agency, record) && record.ownerAgency === agency;
}
