/**
 * Audit: one event per call, refused or not, with the record ids the operation returned or
 * touched (never payloads), handed to an AuditSink.
 */
import { toEngineError } from '../errors.js';
import type { Interceptor, Invocation } from './binder.js';

/** One audit event (CJIS 5.4.1.1: time, component, event type, identity, outcome). */
export interface AuditEvent {
  time: string;
  method: string;
  agency: string;
  purpose?: string;
  caseId?: string;
  peer: string;
  /** 'OK' or the status code name of the refusal or failure. */
  outcome: string;
  recordIds: string[];
}

/** Where audit events go; the security work fills this with the store's append-only chain. */
export interface AuditSink {
  record(event: AuditEvent): void;
}

export const noAudit: AuditSink = { record: () => undefined };

export function audit(sink: AuditSink): Interceptor {
  return async (inv: Invocation, next) => {
    const event = (outcome: string): AuditEvent => ({
      time: new Date().toISOString(), method: inv.call.path, agency: inv.caller.agency, peer: inv.call.peer, outcome, recordIds: inv.recordIds,
      ...(inv.caller.purpose ? { purpose: inv.caller.purpose } : {}), ...(inv.caller.caseId ? { caseId: inv.caller.caseId } : {}),
    });
    try {
      const res = await next();
      sink.record(event('OK'));
      return res;
    } catch (e) {
      sink.record(event(toEngineError(e).code));
      throw e;
    }
  };
}
