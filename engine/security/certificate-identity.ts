/**
 * The calling agency from a verified client certificate (mutual TLS), by one of two rules:
 *
 * - a subject field: by default O (organisation), the field X.509 (RFC 5280 §4.1.2.6, X.520)
 *   gives to the organisation a certificate is issued to; another field (OU, CN, ...) when the
 *   issuing CA puts the agency code there;
 * - a fingerprint map: the SHA-256 fingerprint of the whole certificate → agency, for CAs whose
 *   subjects cannot be trusted to carry an agency code (a national PKI shared with other users).
 *
 * Either way the agency must be a well-formed agency code (access.ts `isAgency`). A certificate
 * that yields none, or more than one, identifies no agency: the caller is refused, never given
 * "no agency" silently.
 *
 * Pure: no gRPC, no TLS; the service hands in the parts of the certificate it read
 * (identity.ts). See docs/decisions/tls-identity.md.
 */
import { isAgency } from './access.js';

/** What the rule reads of a certificate (a subset of Node's tls.PeerCertificate). */
export interface CertificateFacts {
  /** Subject fields; a field present more than once is an array. */
  readonly subject?: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** SHA-256 of the DER certificate, 'AB:CD:...' (Node's fingerprint256). */
  readonly fingerprint256?: string;
}

export type AgencySource =
  | { readonly kind: 'subject-field'; readonly field: string }
  | { readonly kind: 'fingerprint-map'; readonly agencies: ReadonlyMap<string, string> };

export type CertificateAgency =
  | { readonly ok: true; readonly agency: string; readonly subject: string }
  | { readonly ok: false; readonly reason: string; readonly subject: string };

/** Subject field names: X.520 short names as Node reports them (O, OU, CN, C, L, ST, ...). */
const FIELD = /^[A-Za-z][A-Za-z0-9.]{0,63}$/;

export function isSubjectField(field: string): boolean {
  return FIELD.test(field);
}

/**
 * A SHA-256 fingerprint in one spelling: 64 upper-case hex digits, no separators. Accepts the
 * spellings of `openssl x509 -fingerprint -sha256` (colons) and of most tools (bare hex, any
 * case); undefined for anything else.
 */
export function normaliseFingerprint(text: string): string | undefined {
  const hex = text.trim().replace(/^sha256(?:\s+fingerprint)?\s*[=:]\s*/i, '').replace(/:/g, '').toUpperCase();
  return /^[0-9A-F]{64}$/.test(hex) ? hex : undefined;
}

/**
 * Reads an agency map: a JSON object whose keys are certificate SHA-256 fingerprints (hex,
 * colons optional, any case) and whose values are agency codes. Throws an Error naming the bad
 * entry; the same certificate listed twice (in two spellings) is an error, not a silent choice.
 */
export function parseAgencyMap(text: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new Error(`not JSON (${e instanceof Error ? e.message : 'parse error'}); expected {"<sha-256 fingerprint>": "<agency>", ...}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error('expected a JSON object {"<sha-256 fingerprint>": "<agency>", ...}');
  }
  const agencies = new Map<string, string>();
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    const fingerprint = normaliseFingerprint(key);
    if (!fingerprint) throw new Error(`${JSON.stringify(key)} is not a SHA-256 fingerprint (64 hex digits, colons optional)`);
    if (typeof value !== 'string' || !isAgency(value)) {
      throw new Error(`${JSON.stringify(key)}: ${JSON.stringify(value)} is not an agency code (letters, digits, '.', '_', '-'; at most 64)`);
    }
    if (agencies.has(fingerprint)) throw new Error(`${JSON.stringify(key)}: the same certificate is listed twice`);
    agencies.set(fingerprint, value);
  }
  return agencies;
}

/** The subject as one line for the audit trail, 'C=FR, O=FR-LYON, CN=terminal-7', in the certificate's order. */
export function subjectLine(cert: CertificateFacts): string {
  const parts: string[] = [];
  for (const [field, value] of Object.entries(cert.subject ?? {})) {
    if (value === undefined) continue;
    for (const v of typeof value === 'string' ? [value] : value) parts.push(`${field}=${v}`);
  }
  return parts.join(', ');
}

/** The agency a verified client certificate names under `source`, or why it names none. */
export function certificateAgency(cert: CertificateFacts, source: AgencySource): CertificateAgency {
  const subject = subjectLine(cert);
  if (source.kind === 'fingerprint-map') {
    const fingerprint = cert.fingerprint256 ? normaliseFingerprint(cert.fingerprint256) : undefined;
    const agency = fingerprint ? source.agencies.get(fingerprint) : undefined;
    return agency
      ? { ok: true, agency, subject }
      : { ok: false, reason: 'the client certificate is not in the agency map', subject };
  }
  const value = cert.subject?.[source.field];
  if (value === undefined || value.length === 0) {
    return { ok: false, reason: `the client certificate's subject has no ${source.field} field to name its agency`, subject };
  }
  if (typeof value !== 'string') {
    return { ok: false, reason: `the client certificate's subject has ${value.length} ${source.field} fields; one must name its agency`, subject };
  }
  if (!isAgency(value)) {
    return { ok: false, reason: `the client certificate's subject ${source.field} is not an agency code (letters, digits, '.', '_', '-'; at most 64)`, subject };
  }
  return { ok: true, agency: value, subject };
}
