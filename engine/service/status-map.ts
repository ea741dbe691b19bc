/**
 * The one table from engine error codes to gRPC status codes, and the conversion every handler's
 * failure goes through. Each row is tested in status-map.test.ts.
 */
import { status, type ServiceError, Metadata } from '@grpc/grpc-js';
import { ErrorCode, toEngineError, type EngineError } from '../errors.js';

export const STATUS_BY_CODE: Readonly<Record<ErrorCode, status>> = {
  [ErrorCode.InvalidArgument]: status.INVALID_ARGUMENT,
  [ErrorCode.NotFound]: status.NOT_FOUND,
  [ErrorCode.AlreadyExists]: status.ALREADY_EXISTS,
  [ErrorCode.Unauthenticated]: status.UNAUTHENTICATED,
  [ErrorCode.PermissionDenied]: status.PERMISSION_DENIED,
  [ErrorCode.FailedPrecondition]: status.FAILED_PRECONDITION,
  [ErrorCode.ResourceExhausted]: status.RESOURCE_EXHAUSTED,
  [ErrorCode.DeadlineExceeded]: status.DEADLINE_EXCEEDED,
  [ErrorCode.Cancelled]: status.CANCELLED,
  [ErrorCode.Unavailable]: status.UNAVAILABLE,
  [ErrorCode.Unimplemented]: status.UNIMPLEMENTED,
  [ErrorCode.Internal]: status.INTERNAL,
};

/** The trailer gRPC clients read a server's retry delay from (gRFC A6), in milliseconds. */
export const RETRY_PUSHBACK_TRAILER = 'grpc-retry-pushback-ms';

/** Any thrown value → the gRPC error sent to the caller (INTERNAL details never echo a cause). */
export function toServiceError(thrown: unknown): ServiceError & { engineError: EngineError } {
  const e = toEngineError(thrown);
  const metadata = new Metadata();
  if (e.field) metadata.set('biomatch-field', e.field);
  // gRFC A6 retry pushback: grpc-js and C-core clients with a retry policy wait this long before
  // retrying (instead of their own backoff); any client can read it as "retry after".
  if (e.retryAfterMs !== undefined) metadata.set(RETRY_PUSHBACK_TRAILER, String(Math.max(0, Math.round(e.retryAfterMs))));
  const err = Object.assign(new Error(e.message), {
    code: STATUS_BY_CODE[e.code],
    details: e.message,
    metadata,
    engineError: e,
  });
  return err;
}
