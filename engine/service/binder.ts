/**
 * The one generic binder: turns a service definition (from the .proto files) and a table of
 * method bindings — decode, operation, encode — into grpc-js handlers, every call running through
 * the same interceptor chain. Method names and paths come from the definition, never typed by
 * hand; the binding table is typed from the generated handler interface, so a method missing from
 * it does not compile.
 *
 * Every call gets exactly one answer: the operation's, or the abort reason when the deadline or a
 * cancellation comes first (a call whose work outlives its deadline is answered at the deadline).
 */
import * as grpc from '@grpc/grpc-js';
import { EngineError, ErrorCode } from '../errors.js';
import type { Caller } from './operations/operation.js';
import { toServiceError } from './status-map.js';
import { decodedRequest } from './request-decoding.js';

/** What the chain knows of a call. */
export interface CallInfo {
  /** '/biomatch.v1.DnaService/Search' */
  readonly path: string;
  /** 'biomatch.v1.DnaService' */
  readonly service: string;
  /** 'Search' */
  readonly method: string;
  readonly metadata: grpc.Metadata;
  readonly peer: string;
  /** Epoch ms; Infinity when the client set none. */
  readonly deadline: number;
  /** What the method requires of its caller (the binding's `access`). */
  readonly access: AccessNeed;
  /** The TLS peer certificate, when the connection is TLS and the client sent one. */
  readonly peerCertificate?: PeerCertificate;
}

/** The parts of a client certificate identity reads (Node's tls.PeerCertificate). */
export type PeerCertificate = NonNullable<ReturnType<grpc.ServerUnaryCall<unknown, unknown>['getAuthContext']>>['sslPeerCertificate'];

/** 'agency': the caller must name its agency; 'none': anyone (e.g. Extract, which touches no record). */
export type AccessNeed = 'agency' | 'none';

/** One call as it passes through the chain. Interceptors fill `caller` and `signal`. */
export interface Invocation {
  readonly call: CallInfo;
  caller: Caller;
  signal: AbortSignal;
  /** Record ids the operation returned or touched, for audit (filled after it runs). */
  recordIds: string[];
  /** Counts describing the answer, for audit (records returned, compared...; filled after it runs). */
  counts?: Record<string, number>;
  /** Checks interceptors add, run on each request message (as received) before it is decoded. */
  requestChecks?: ((message: unknown) => void)[];
}

/** The interceptors' checks on a request message as received (decoding, enums and UTF-8 are request-decoding.ts's). */
function checkRequest(inv: Invocation, message: unknown): void {
  for (const check of inv.requestChecks ?? []) check(message);
}

export type Interceptor = (inv: Invocation, next: () => Promise<unknown>) => Promise<unknown>;

/** How one method maps between proto messages and an operation. */
export interface UnaryBinding<ReqProto, ResProto, Req, Res> {
  access: AccessNeed;
  /** Proto request → engine request; throws INVALID_ARGUMENT naming the proto field. */
  decode(request: ReqProto): Req;
  run(caller: Caller, request: Req, signal: AbortSignal): Promise<Res>;
  encode(response: Res): ResProto;
  /** Record ids for the audit trail. */
  records?(request: Req, response: Res): string[];
  /** Record ids the request names, for the audit entry of a call refused or failed. */
  requested?(request: Req): string[];
  /** Counts for the audit trail (how many records returned, compared...). */
  counts?(request: Req, response: Res): Record<string, number>;
}

/** A client-streaming method: the operation reads decoded messages as they arrive. */
export interface ClientStreamBinding<ReqProto, ResProto, Req, Res> {
  access: AccessNeed;
  clientStream: true;
  decode(message: ReqProto): Req;
  run(caller: Caller, messages: AsyncIterable<Req>, signal: AbortSignal): Promise<Res>;
  encode(response: Res): ResProto;
  records?(response: Res): string[];
  counts?(response: Res): Record<string, number>;
}

/**
 * A server-streaming method: the operation yields responses, each encoded and written as it comes
 * (waiting while the client is slow to read). The whole stream runs inside the interceptor chain,
 * so the deadline and cancellation stop it and logging and audit see it end.
 */
export interface ServerStreamBinding<ReqProto, ResProto, Req, Res> {
  access: AccessNeed;
  serverStream: true;
  decode(request: ReqProto): Req;
  run(caller: Caller, request: Req, signal: AbortSignal): AsyncIterable<Res>;
  encode(response: Res): ResProto;
  /** Record ids a response returned, for audit. */
  records?(response: Res): string[];
}

/** A method whose capability is not built: UNIMPLEMENTED, whatever its shape. */
export interface UnbuiltBinding {
  access: AccessNeed;
  unbuilt: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
export type AnyBinding = UnaryBinding<Any, Any, Any, Any> | ClientStreamBinding<Any, Any, Any, Any> | ServerStreamBinding<Any, Any, Any, Any> | UnbuiltBinding;

/** The binding a generated handler type calls for: its proto request and response fixed. */
type BindingFor<H> =
  H extends grpc.handleUnaryCall<infer Q, infer R> ? UnaryBinding<Q, R, Any, Any> | UnbuiltBinding
    : H extends grpc.handleClientStreamingCall<infer Q, infer R> ? ClientStreamBinding<Q, R, Any, Any> | UnbuiltBinding
      : H extends grpc.handleServerStreamingCall<infer Q, infer R> ? ServerStreamBinding<Q, R, Any, Any> | UnbuiltBinding
        : UnbuiltBinding;

/** Bindings for every method of a service, keyed and typed as its generated handler interface is. */
export type ServiceBindings<Handlers> = { [K in keyof Handlers]-?: BindingFor<Handlers[K]> };

/** A unary binding, checked end to end: decode's output is run's input, run's output is encode's input. */
export function unary<Q, R, Req, Res>(b: UnaryBinding<Q, R, Req, Res>): UnaryBinding<Q, R, Any, Any> {
  return b;
}

export function clientStream<Q, R, Req, Res>(b: Omit<ClientStreamBinding<Q, R, Req, Res>, 'clientStream'>): ClientStreamBinding<Q, R, Any, Any> {
  return { ...b, clientStream: true };
}

export function serverStream<Q, R, Req, Res>(b: Omit<ServerStreamBinding<Q, R, Req, Res>, 'serverStream'>): ServerStreamBinding<Q, R, Any, Any> {
  return { ...b, serverStream: true };
}

/** Get and Delete of one record, alike for every record kind. */
export function recordMethods<P, Proto>(ops: {
  get(caller: Caller, req: { recordId: string }): Promise<P>;
  delete(caller: Caller, req: { recordId: string }): Promise<{ recordId: string; deleted: boolean }>;
}, toProto: (record: P) => Proto, idOf: (record: P) => string) {
  return {
    Delete: unary({
      access: 'agency',
      decode: (req: { recordId: string }) => ({ recordId: req.recordId }),
      run: ops.delete,
      encode: (r) => r,
      records: (_req, r) => [r.recordId],
      requested: (req) => [req.recordId],
      counts: (_req, r) => ({ deleted: r.deleted ? 1 : 0 }),
    }),
    Get: unary({
      access: 'agency',
      decode: (req: { recordId: string }) => ({ recordId: req.recordId }),
      run: ops.get,
      encode: toProto,
      records: (_req, r) => [idOf(r)],
      requested: (req) => [req.recordId],
      counts: () => ({ returned: 1 }),
    }),
  };
}

/** A method whose capability is not built yet: UNIMPLEMENTED, saying which. */
export function unbuilt(capability: string, access: AccessNeed = 'agency'): UnbuiltBinding {
  return { access, unbuilt: capability };
}

/** Composes interceptors, outermost first, around `last`. */
export function chain(interceptors: readonly Interceptor[], inv: Invocation, last: () => Promise<unknown>): Promise<unknown> {
  const step = (i: number): Promise<unknown> => (i === interceptors.length ? last() : interceptors[i](inv, () => step(i + 1)));
  return step(0);
}

function callInfo(path: string, call: { metadata: grpc.Metadata; getPeer(): string; getDeadline(): grpc.Deadline; getAuthContext?(): { sslPeerCertificate?: PeerCertificate } | null }, access: AccessNeed): CallInfo {
  const [, service = '', method = ''] = /^\/([^/]+)\/([^/]+)$/.exec(path) ?? [];
  const d = call.getDeadline();
  const deadline = d instanceof Date ? d.getTime() : Number.isFinite(d) ? d : Infinity;
  const peerCertificate = call.getAuthContext?.()?.sslPeerCertificate;
  return { path, service, method, metadata: call.metadata, peer: call.getPeer(), deadline, access, ...(peerCertificate ? { peerCertificate } : {}) };
}

/** Resolves when the stream can take more, or rejects when the call is aborted first. */
function drained(call: grpc.ServerWritableStream<unknown, unknown>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => { call.off('drain', onDrain); reject(signal.reason); };
    const onDrain = () => { signal.removeEventListener('abort', onAbort); resolve(); };
    if (signal.aborted) { reject(signal.reason); return; }
    call.once('drain', onDrain);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function invocation(info: CallInfo, signal: AbortSignal): Invocation {
  return { call: info, caller: { agency: '' }, signal, recordIds: [] };
}

/**
 * Binds every method of `definition`. `interceptors` is the chain built once by the service; the
 * first interceptor that creates the call's AbortSignal must replace `inv.signal` (see
 * interceptors.ts `deadlineAndCancellation`); the binder aborts the initial signal when the
 * client cancels.
 */
export function bindService<Handlers>(definition: grpc.ServiceDefinition, bindings: ServiceBindings<Handlers>, interceptors: readonly Interceptor[]): grpc.UntypedServiceImplementation {
  const impl: grpc.UntypedServiceImplementation = {};
  for (const [name, method] of Object.entries(definition)) {
    const binding = (bindings as Record<string, AnyBinding | undefined>)[name];
    if (!binding) throw new Error(`no binding for ${method.path}`);
    if (method.responseStream) {
      impl[name] = (call: grpc.ServerWritableStream<unknown, unknown>) => {
        const controller = new AbortController();
        call.on('cancelled', () => controller.abort(new EngineError(ErrorCode.Cancelled, 'the client cancelled the request')));
        const inv = invocation(callInfo(method.path, call, binding.access), controller.signal);
        const work = async (): Promise<unknown> => {
          const request = decodedRequest(call.request);
          if (!('serverStream' in binding)) throw EngineError.unimplemented('unbuilt' in binding ? binding.unbuilt : method.path);
          checkRequest(inv, request);
          const req = binding.decode(request);
          for await (const res of binding.run(inv.caller, req, inv.signal)) {
            if (inv.signal.aborted) throw inv.signal.reason;
            if (binding.records) inv.recordIds.push(...binding.records(res));
            // Back-pressure: a slow reader holds the operation here instead of filling memory.
            if (!call.write(binding.encode(res))) await drained(call, inv.signal);
          }
          return undefined;
        };
        chain(interceptors, inv, work).then(() => call.end(), (e: unknown) => {
          if (!call.cancelled) call.emit('error', toServiceError(e));
        });
      };
      continue;
    }
    impl[name] = (call: grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerReadableStream<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      const controller = new AbortController();
      const inv = invocation(callInfo(method.path, call, binding.access), controller.signal);
      let settled = false;
      const settle = (err: unknown, res?: unknown) => {
        if (settled) return;
        settled = true;
        if (err !== undefined) callback(toServiceError(err));
        else callback(null, res);
      };
      call.on('cancelled', () => controller.abort(new EngineError(ErrorCode.Cancelled, 'the client cancelled the request')));
      const work = async (): Promise<unknown> => {
        if ('unbuilt' in binding) throw EngineError.unimplemented(binding.unbuilt);
        if ('clientStream' in binding) {
          const stream = call as grpc.ServerReadableStream<unknown, unknown>;
          inv.signal.addEventListener('abort', () => stream.destroy(), { once: true });
          const decoded = (async function* () { for await (const m of stream) { const message = decodedRequest(m); checkRequest(inv, message); yield binding.decode(message); } })();
          const res = await binding.run(inv.caller, decoded, inv.signal);
          inv.recordIds = binding.records?.(res) ?? [];
          if (binding.counts) inv.counts = binding.counts(res);
          return binding.encode(res);
        }
        if ('serverStream' in binding) throw EngineError.internal(`${method.path} is bound as a server stream but is unary`);
        const request = decodedRequest((call as grpc.ServerUnaryCall<unknown, unknown>).request);
        checkRequest(inv, request);
        const req = binding.decode(request);
        if (binding.requested) inv.recordIds = binding.requested(req);
        const res = await binding.run(inv.caller, req, inv.signal);
        inv.recordIds = binding.records?.(req, res) ?? [];
        if (binding.counts) inv.counts = binding.counts(req, res);
        return binding.encode(res);
      };
      chain(interceptors, inv, work).then((res) => settle(undefined, res), (e: unknown) => settle(e ?? new Error('call failed')));
    };
  }
  return impl;
}
