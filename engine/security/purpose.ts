/**
 * Purpose and case: every read and search says why it is made and for which case, so that the
 * audit trail can answer "who searched what, when, and why" (issue 13). Pure: no gRPC.
 *
 * The codes follow the purposes police data may be processed for in the INTERPOL Rules on the
 * Processing of Data (search for wanted persons, locating missing persons, identifying persons
 * and dead bodies, criminal investigation, security checks, forensic analysis) and the purpose
 * codes of criminal-history queries under the FBI CJIS Security Policy / NCIC (criminal justice,
 * criminal-justice employment, exigent circumstances). A deployment that needs another code adds
 * it here, with its reason; free text would make the audit trail unsearchable.
 */
import { EngineError } from '../errors.js';

export const PURPOSES = {
  'criminal-investigation': 'investigating an offence (crime-scene stains and marks, suspects)',
  'fugitive-search': 'locating a wanted person with a view to arrest',
  'counter-terrorism': 'preventing or investigating terrorist offences',
  'missing-person': 'locating a missing person (references from relatives, found persons)',
  'unidentified-remains': 'identifying a single unidentified dead body',
  'disaster-victim-identification': 'identifying the victims of a mass-fatality incident (INTERPOL DVI)',
  'border-control': 'checking a traveller at a border or in an immigration procedure',
  'identity-verification': 'confirming the identity of a person in custody (booking, release, court)',
  'background-check': 'vetting for criminal-justice employment or a licence, where the law allows it',
  'quality-control': 'laboratory quality control: contamination and elimination checks, proficiency tests',
  'audit-review': 'an auditor or data-protection officer reviewing the use of the system',
} as const;

export type Purpose = keyof typeof PURPOSES;
export const PURPOSE_CODES = Object.keys(PURPOSES) as Purpose[];

export function isPurpose(code: string): code is Purpose {
  return Object.prototype.hasOwnProperty.call(PURPOSES, code);
}

/** Longest case reference accepted: case numbers are short; the cap keeps audit entries small. */
export const MAX_CASE_REFERENCE = 128;

/** Printable ASCII only: gRPC metadata carries nothing else in a text header, and a case
 * reference is a key the audit trail is searched by, so it must have one spelling. */
const CASE_REFERENCE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

export interface PurposeFields {
  /** Where the purpose came from, as errors should name it (a header, or a batch item field). */
  purposeField: string;
  caseField: string;
}

/**
 * Checks a call's purpose and case reference. With `required`, both must be present; either way,
 * what is present must be well-formed. INVALID_ARGUMENT naming the field.
 */
export function checkPurpose(purpose: string | undefined, caseId: string | undefined, required: boolean, fields: PurposeFields): void {
  if (!purpose) {
    if (required) throw EngineError.invalidArgument(fields.purposeField, `is required for reads and searches: one of ${PURPOSE_CODES.join(', ')}`);
  } else if (!isPurpose(purpose)) {
    throw EngineError.invalidArgument(fields.purposeField, `unknown purpose code; one of ${PURPOSE_CODES.join(', ')}`);
  }
  if (!caseId) {
    if (required) throw EngineError.invalidArgument(fields.caseField, 'is required for reads and searches: the case reference the call belongs to');
  } else if (caseId.length > MAX_CASE_REFERENCE) {
    throw EngineError.invalidArgument(fields.caseField, `is longer than ${MAX_CASE_REFERENCE} characters`);
  } else if (!CASE_REFERENCE.test(caseId)) {
    throw EngineError.invalidArgument(fields.caseField, 'must be printable ASCII (letters, digits, punctuation, inner spaces)');
  }
}
