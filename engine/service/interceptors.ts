/**
 * The interceptor chain every call runs through, built once by the service (app.ts):
 *
 *   logging → deadline and cancellation → audit → identity → access → operation
 *
 * Logging is outermost so that every call, refused or not, leaves one line (method, code, ms,
 * agency; never payloads). Audit wraps identity and access (DESIGN.md sketches it after), so that
 * refusals are recorded too, those of identity (a header that disagrees with the certificate)
 * included: the CJIS audit events include every failed attempt. Audit reads `inv.caller` when the
 * call ends, so it records whatever identity established.
 *
 * Each concern has its own file: identity.ts, audit-interceptor.ts, access-interceptor.ts.
 */
import { EngineError, ErrorCode, toEngineError } from '../errors.js';
import type { Interceptor } from './binder.js';
import { identity, type IdentityOptions } from './identity.js';
import { audit, noAudit, type AuditSink } from './audit-interceptor.js';
import { access, type AccessOptions } from './access-interceptor.js';
import { describeCause, type Logger } from './logger.js';

export interface CallTracker {
  /** Calls in flight, for draining. */
  inFlight: Set<AbortController>;
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




export function standardChain(options: { log: Logger; tracker: CallTracker; audit?: AuditSink; identity?: IdentityOptions; access?: AccessOptions }): Interceptor[] {
  return [logging(options.log), deadlineAndCancellation(options.tracker), audit(options.audit ?? noAudit), identity(options.identity), access(options.access)];
}

export { AGENCY_HEADER, PURPOSE_HEADER, CASE_HEADER, identity, type IdentityOptions } from './identity.js';
export { audit, noAudit, type AuditEvent, type AuditSink } from './audit-interceptor.js';
export { access, type AccessOptions } from './access-interceptor.js';
