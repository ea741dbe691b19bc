/**
 * Audit: one entry per call, refused or not, with the record ids the operation returned or
 * touched and counts of what it answered (never payloads), handed to an AuditSink. The call is
 * answered only once the sink has the entry durably: a search acknowledged just before a crash
 * has its entry after the restart (the store-backed sink is engine/store/audit-log.ts). When the
 * entry cannot be written the call fails UNAVAILABLE, whatever the operation did: the service
 * does not answer what it cannot account for.
 */
import { EngineError, ErrorCode, toEngineError } from '../errors.js';
import type { AuditEntry } from '../security/audit-chain.js';
import type { Interceptor, Invocation, PeerCertificate } from './binder.js';

/** One audit event (CJIS 5.4.1.1: time, component, event type, identity, outcome). */
export type AuditEvent = AuditEntry;

/** Where audit events go; `record` resolves once the event is durable. */
export interface AuditSink {
  record(event: AuditEvent): Promise<void>;
}

export const noAudit: AuditSink = { record: async () => undefined };

/** An 'CN=x, O=y' string from a peer certificate's subject fields. */
export function subjectString(cert: PeerCertificate | undefined): string | undefined {
  const subject = cert?.subject as unknown as Record<string, string | string[]> | undefined;
  if (!subject || typeof subject !== 'object') return undefined;
  const parts = Object.entries(subject).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`);
  return parts.length ? parts.join(', ') : undefined;
}

/**
 * The certificate subject: the caller's, when identity set one (mutual TLS), else read from the
 * connection's peer certificate.
 */
function certificateSubject(inv: Invocation): string | undefined {
  const fromCaller = (inv.caller as { certificateSubject?: unknown }).certificateSubject;
  if (typeof fromCaller === 'string' && fromCaller !== '') return fromCaller;
  return subjectString(inv.call.peerCertificate);
}

/** The caller's part of an audit entry (agency, certificate subject, purpose, case), for calls and batch items alike. */
export function whoCalled(caller: { agency: string; purpose?: string; caseId?: string }, certificateSubject?: string): Pick<AuditEvent, 'agency' | 'certificateSubject' | 'purpose' | 'caseReference'> {
  return {
    agency: caller.agency, ...(certificateSubject ? { certificateSubject } : {}),
    ...(caller.purpose ? { purpose: caller.purpose } : {}), ...(caller.caseId ? { caseReference: caller.caseId } : {}),
  };
}

export function audit(sink: AuditSink): Interceptor {
  return async (inv: Invocation, next) => {
    const event = (status: string): AuditEvent => {
      const subject = certificateSubject(inv);
      return {
        time: new Date().toISOString(), method: inv.call.path, peer: inv.call.peer, status,
        recordIds: [...inv.recordIds], counts: { ...(inv.counts ?? {}) }, ...whoCalled(inv.caller, subject),
      };
    };
    const write = async (e: AuditEvent): Promise<void> => {
      try {
        await sink.record(e);
      } catch (err) {
        throw err instanceof EngineError && err.code === ErrorCode.Unavailable ? err : new EngineError(ErrorCode.Unavailable, 'the audit trail cannot be written', { cause: err });
      }
    };
    let res: unknown;
    try {
      res = await next();
    } catch (e) {
      await write(event(toEngineError(e).code));
      throw e;
    }
    // The deadline or a cancellation answered the caller first: record what the caller got.
    await write(event(inv.signal.aborted ? toEngineError(inv.signal.reason).code : 'OK'));
    return res;
  };
}
