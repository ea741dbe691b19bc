/**
 * Identity: who the caller is, from the request metadata and, with mutual TLS, the client
 * certificate. Fills `inv.caller`; deciding what the caller may do is access's job.
 *
 * - Without a client CA (plain text, or TLS that does not ask for client certificates) the agency
 *   is the biomatch-agency header, as sent.
 * - With a client CA the agency is the verified client certificate's (certificate-identity.ts:
 *   a subject field, O by default, or the fingerprint map). The header may be left out; a header
 *   naming another agency is PERMISSION_DENIED, a certificate naming no well-formed agency
 *   UNAUTHENTICATED (docs/decisions/tls-identity.md says why these two codes).
 *
 * A refusal here is thrown after `inv.caller` is filled as far as the certificate allows, so the
 * audit interceptor, which wraps this one, records who was refused.
 */
import type * as grpc from '@grpc/grpc-js';
import { EngineError, ErrorCode } from '../errors.js';
import { certificateAgency, type AgencySource } from '../security/certificate-identity.js';
import type { Interceptor } from './binder.js';

export const AGENCY_HEADER = 'biomatch-agency';
export const PURPOSE_HEADER = 'biomatch-purpose';
export const CASE_HEADER = 'biomatch-case';

export interface IdentityOptions {
  /** Mutual TLS: where the agency comes from in the verified client certificate. */
  certificates?: AgencySource;
}

function header(md: grpc.Metadata, key: string): string {
  const v = md.get(key)[0];
  return typeof v === 'string' ? v.trim() : '';
}

/** The caller from the request metadata, and with mutual TLS from the client certificate. */
export function identity(options: IdentityOptions = {}): Interceptor {
  const source = options.certificates;
  return async (inv, next) => {
    const md = inv.call.metadata;
    const purpose = header(md, PURPOSE_HEADER);
    const caseId = header(md, CASE_HEADER);
    const context = { ...(purpose ? { purpose } : {}), ...(caseId ? { caseId } : {}) };
    const claimed = header(md, AGENCY_HEADER);
    if (!source) {
      inv.caller = { agency: claimed, ...context };
      return next();
    }
    const cert = inv.call.peerCertificate;
    if (!cert) {
      // The TLS handshake already demands a certificate chaining to the client CA; a call without
      // one (a transport that skipped it) is refused here too, never served as "no agency".
      inv.caller = { agency: '', ...context };
      throw new EngineError(ErrorCode.Unauthenticated, 'a client certificate is required (mutual TLS)');
    }
    const found = certificateAgency(cert, source);
    const certificateSubject = found.subject;
    if (!found.ok) {
      inv.caller = { agency: '', certificateSubject, ...context };
      throw new EngineError(ErrorCode.Unauthenticated, found.reason);
    }
    inv.caller = { agency: found.agency, certificateSubject, ...context };
    if (claimed !== '' && claimed !== found.agency) {
      // The header value is the caller's own input: not echoed (it may be anything, of any length).
      throw new EngineError(ErrorCode.PermissionDenied, `the ${AGENCY_HEADER} header names another agency than the client certificate (${found.agency}); send the certificate's agency or no header`);
    }
    return next();
  };
}
