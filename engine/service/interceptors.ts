/**
 * The interceptor chain every call runs through, built once by the service (app.ts):
 *
 *   logging → deadline and cancellation → identity → audit → access → operation
 *
 * Logging is outermost so that every call, refused or not, leaves one line (method, code, ms,
 * agency; never payloads). Audit wraps access (DESIGN.md sketches it after), so that refusals are
 * recorded too: the CJIS audit events include every failed attempt.
 */
import type * as grpc from '@grpc/grpc-js';
import { EngineError, ErrorCode, toEngineError } from '../errors.js';
import { isAgency } from '../security/access.js';
import type { Interceptor, Invocation } from './binder.js';
import { describeCause, type Logger } from './logger.js';

export const AGENCY_HEADER = 'biomatch-agency';
export const PURPOSE_HEADER = 'biomatch-purpose';
export const CASE_HEADER = 'biomatch-case';

export interface CallTracker {
  /** Calls in flight, for draining. */
  inFlight: Set<AbortController>;
}

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

function header(md: grpc.Metadata, key: string): string {
  const v = md.get(key)[0];
  return typeof v === 'string' ? v.trim() : '';
}

export function logging(log: Logger): Interceptor {
  return async (inv, next) => {
    const started = performance.now();
    const ms = () => Math.round((performance.now() - started) * 10) / 10;
    try {
      const res = await next();
      log.info('call', { method: inv.call.path, code: 'OK', ms: ms(), agency: inv.caller.agency });
      return res;
    } catch (thrown) {
      const e = toEngineError(thrown);
      const internal = e.code === ErrorCode.Internal;
      log[internal ? 'error' : 'info']('call', { method: inv.call.path, code: e.code, ms: ms(), agency: inv.caller.agency, field: e.field, ...(internal ? describeCause(e.cause) : {}) });
      throw e;
    }
  };
}

/**
 * Gives the call an AbortSignal that fires on its deadline (DEADLINE_EXCEEDED) or the client's
 * cancellation (CANCELLED), and answers with that reason at once even if the work goes on (the
 * work sees the signal and stops). Calls in flight are tracked for draining.
 */
export function deadlineAndCancellation(tracker: CallTracker): Interceptor {
  return async (inv, next) => {
    const controller = new AbortController();
    const outer = inv.signal;
    const deadline = inv.call.deadline;
    const expired = () => new EngineError(ErrorCode.DeadlineExceeded, 'the deadline passed before the request finished');
    let timer: NodeJS.Timeout | undefined;
    if (Number.isFinite(deadline)) timer = setTimeout(() => controller.abort(expired()), Math.max(0, deadline - Date.now()));
    const onOuter = () => {
      if (controller.signal.aborted) return;
      // grpc-js reports an expired deadline as a cancellation too: tell them apart by the clock.
      controller.abort(Number.isFinite(deadline) && Date.now() >= deadline - 5 ? expired() : toEngineError(outer.reason));
    };
    if (outer.aborted) onOuter(); else outer.addEventListener('abort', onOuter, { once: true });
    tracker.inFlight.add(controller);
    inv.signal = controller.signal;
    try {
      return await new Promise((resolve, reject) => {
        if (controller.signal.aborted) { reject(controller.signal.reason); return; }
        controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
        next().then(resolve, reject);
      });
    } finally {
      if (timer) clearTimeout(timer);
      outer.removeEventListener('abort', onOuter);
      tracker.inFlight.delete(controller);
    }
  };
}

/** The caller from the request metadata (the security work adds client certificates). */
export function identity(): Interceptor {
  return async (inv, next) => {
    const md = inv.call.metadata;
    const purpose = header(md, PURPOSE_HEADER);
    const caseId = header(md, CASE_HEADER);
    inv.caller = { agency: header(md, AGENCY_HEADER), ...(purpose ? { purpose } : {}), ...(caseId ? { caseId } : {}) };
    return next();
  };
}

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

/**
 * Who may call: methods that touch records need a well-formed agency (UNAUTHENTICATED otherwise).
 * Roles per agency and record kind come with the security work; record visibility is decided by
 * the one access rule inside the operations.
 */
export function access(): Interceptor {
  return async (inv, next) => {
    if (inv.call.access === 'agency') {
      const agency = inv.caller.agency;
      if (agency === '') throw new EngineError(ErrorCode.Unauthenticated, `the ${AGENCY_HEADER} metadata header is required`);
      if (!isAgency(agency)) throw new EngineError(ErrorCode.Unauthenticated, `the ${AGENCY_HEADER} header is not an agency code (letters, digits, '.', '_', '-'; at most 64)`);
    }
    return next();
  };
}

export function standardChain(options: { log: Logger; tracker: CallTracker; audit?: AuditSink }): Interceptor[] {
  return [logging(options.log), deadlineAndCancellation(options.tracker), identity(), audit(options.audit ?? noAudit), access()];
}
