/**
 * The engine's one error type. Domain code (fingerprint, dna, index, store, workers) throws
 * `EngineError` and nothing else on purpose; `engine/service/status-map.ts` turns it into a gRPC
 * status, one row per code.
 *
 * Messages must never carry biometric data (pixels, minutiae, alleles, template bytes): they end up
 * in logs and in replies to callers from other agencies. Name the field and the reason only.
 */

/** Mirrors the gRPC status codes the engine can mean (google.rpc.Code names). */
export enum ErrorCode {
  InvalidArgument = 'INVALID_ARGUMENT',
  NotFound = 'NOT_FOUND',
  AlreadyExists = 'ALREADY_EXISTS',
  Unauthenticated = 'UNAUTHENTICATED',
  PermissionDenied = 'PERMISSION_DENIED',
  FailedPrecondition = 'FAILED_PRECONDITION',
  ResourceExhausted = 'RESOURCE_EXHAUSTED',
  DeadlineExceeded = 'DEADLINE_EXCEEDED',
  Cancelled = 'CANCELLED',
  Unavailable = 'UNAVAILABLE',
  Unimplemented = 'UNIMPLEMENTED',
  Internal = 'INTERNAL',
}

export interface EngineErrorOptions {
  /** For INVALID_ARGUMENT: the request field at fault, dotted path (`profile.loci.vWA`). */
  field?: string;
  /** The underlying error, kept for logs; its message is not shown to callers. */
  cause?: unknown;
  /** For RESOURCE_EXHAUSTED: when the caller may try again (sent as gRPC's retry pushback). */
  retryAfterMs?: number;
}

export class EngineError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, message: string, options: EngineErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EngineError';
    this.code = code;
    this.field = options.field;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** INVALID_ARGUMENT naming the field and the reason: `field: reason`. */
  static invalidArgument(field: string, reason: string): EngineError {
    return new EngineError(ErrorCode.InvalidArgument, `${field}: ${reason}`, { field });
  }

  static notFound(what: string): EngineError {
    return new EngineError(ErrorCode.NotFound, `${what} not found`);
  }

  static unimplemented(what: string): EngineError {
    return new EngineError(ErrorCode.Unimplemented, `${what} is not implemented yet`);
  }

  static internal(message: string, cause?: unknown): EngineError {
    return new EngineError(ErrorCode.Internal, message, { cause });
  }
}

/**
 * Turns any thrown value into an EngineError. Anything that is not already one is an INTERNAL
 * error whose original message stays in `cause` (for the server log) and is not shown to callers,
 * since a library's message may quote input data.
 */
export function toEngineError(thrown: unknown): EngineError {
  if (thrown instanceof EngineError) return thrown;
  // Errors that crossed a worker-thread boundary lose their prototype; their shape survives.
  if (isEngineErrorShape(thrown)) {
    const e = new EngineError(thrown.code, thrown.message, { field: thrown.field ?? undefined });
    return e;
  }
  if (thrown instanceof Error && thrown.name === 'AbortError') {
    return new EngineError(ErrorCode.Cancelled, 'the request was cancelled', { cause: thrown });
  }
  return EngineError.internal('internal error', thrown);
}

const CODES = new Set<string>(Object.values(ErrorCode));

function isEngineErrorShape(x: unknown): x is { code: ErrorCode; message: string; field?: string | null } {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return (o.name === 'EngineError' || o.isEngineError === true) && typeof o.code === 'string' && CODES.has(o.code) && typeof o.message === 'string';
}
