/**
 * What every handler gets besides its request: the calling agency, an AbortSignal that fires on
 * the call's deadline (DEADLINE_EXCEEDED) or the client's cancellation (CANCELLED), and a logger.
 * `unary` and `clientStream` adapt typed async handlers to grpc-js, send engine errors through
 * the status table, and log one line per call (method, code, ms, agency — never payloads).
 */
import type * as grpc from '@grpc/grpc-js';
import { EngineError, ErrorCode } from '../errors.js';
import { describeCause, type Logger } from './logger.js';
import { toServiceError } from './status-map.js';

export const AGENCY_HEADER = 'biomatch-agency';

export interface CallContext {
  /** The calling agency from the `biomatch-agency` header; '' when absent. */
  agency: string;
  signal: AbortSignal;
  log: Logger;
  /** The agency, or UNAUTHENTICATED when the caller did not say. */
  requireAgency(): string;
}

type AnyCall = grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerReadableStream<unknown, unknown>;

export interface CallTracker {
  /** Calls in flight, for draining. */
  inFlight: Set<AbortController>;
}

function makeContext(call: AnyCall, method: string, log: Logger, tracker: CallTracker): { ctx: CallContext; controller: AbortController; done: () => void } {
  const agencyValue = call.metadata.get(AGENCY_HEADER)[0];
  const agency = typeof agencyValue === 'string' ? agencyValue.trim() : '';
  const controller = new AbortController();
  const deadline = call.getDeadline();
  const deadlineMs = deadline instanceof Date ? deadline.getTime() : deadline;
  let timer: NodeJS.Timeout | undefined;
  if (Number.isFinite(deadlineMs)) {
    const ms = Math.max(0, deadlineMs - Date.now());
    timer = setTimeout(() => controller.abort(new EngineError(ErrorCode.DeadlineExceeded, 'the deadline passed before the request finished')), ms);
  }
  const onCancel = () => {
    if (controller.signal.aborted) return;
    const expired = Number.isFinite(deadlineMs) && Date.now() >= deadlineMs - 5;
    controller.abort(expired
      ? new EngineError(ErrorCode.DeadlineExceeded, 'the deadline passed before the request finished')
      : new EngineError(ErrorCode.Cancelled, 'the client cancelled the request'));
  };
  call.on('cancelled', onCancel);
  tracker.inFlight.add(controller);
  const ctx: CallContext = {
    agency,
    signal: controller.signal,
    log: log.child({ method }),
    requireAgency() {
      if (agency === '') throw new EngineError(ErrorCode.Unauthenticated, `the ${AGENCY_HEADER} metadata header is required`);
      return agency;
    },
  };
  return {
    ctx, controller,
    done: () => { if (timer) clearTimeout(timer); call.removeListener('cancelled', onCancel); tracker.inFlight.delete(controller); },
  };
}

function finish(log: Logger, method: string, agency: string, started: number, error?: unknown): grpc.ServiceError | null {
  const ms = Math.round((performance.now() - started) * 10) / 10;
  if (error === undefined) {
    log.info('call', { method, code: 'OK', ms, agency });
    return null;
  }
  const se = toServiceError(error);
  const e = se.engineError;
  const level = e.code === ErrorCode.Internal ? 'error' : 'info';
  log[level]('call', { method, code: e.code, ms, agency, field: e.field, ...(e.code === ErrorCode.Internal ? describeCause(e.cause) : {}) });
  return se;
}

/**
 * Runs one call: context, handler, and exactly one answer — the handler's, or the abort reason
 * when the deadline or a cancellation comes first (a request whose handler outlives its deadline
 * is answered at the deadline, not left hanging). `onAbort` lets a streaming call stop reading.
 */
function runCall<Res>(call: AnyCall, method: string, log: Logger, tracker: CallTracker, callback: grpc.sendUnaryData<Res>,
  run: (ctx: CallContext) => Promise<Res>, onAbort?: () => void): void {
  const started = performance.now();
  const { ctx, done } = makeContext(call, method, log, tracker);
  let settled = false;
  const settle = (err: unknown, res?: Res) => {
    if (settled) return;
    settled = true;
    done();
    const se = finish(log, method, ctx.agency, started, err ?? undefined);
    if (se) callback(se); else callback(null, res);
  };
  ctx.signal.addEventListener('abort', () => { settle(ctx.signal.reason); onAbort?.(); }, { once: true });
  run(ctx).then((res) => settle(undefined, res), (err: unknown) => settle(err ?? new Error('handler failed')));
}

/** Adapts `(request, ctx) => Promise<response>` to a grpc-js unary handler. */
export function unary<Req, Res>(method: string, log: Logger, tracker: CallTracker, handler: (request: Req, ctx: CallContext) => Promise<Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => runCall(call as AnyCall, method, log, tracker, callback, (ctx) => handler(call.request, ctx));
}

/** Adapts `(messages, ctx) => Promise<response>` to a grpc-js client-streaming handler. */
export function clientStream<Req, Res>(method: string, log: Logger, tracker: CallTracker, handler: (messages: AsyncIterable<Req>, ctx: CallContext) => Promise<Res>): grpc.handleClientStreamingCall<Req, Res> {
  return (call, callback) => runCall(call as AnyCall, method, log, tracker, callback, (ctx) => handler(call as AsyncIterable<Req>, ctx), () => call.destroy());
}

/** A method whose capability is not built yet: UNIMPLEMENTED, saying so. */
export function notYet(capability: string): (request: unknown, ctx: CallContext) => Promise<never> {
  return async () => { throw EngineError.unimplemented(capability); };
}
