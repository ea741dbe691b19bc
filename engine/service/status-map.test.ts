import { describe, expect, it } from 'vitest';
import { status } from '@grpc/grpc-js';
import { EngineError, ErrorCode } from '../errors.js';
import { STATUS_BY_CODE, toServiceError } from './status-map.js';

describe('status map', () => {
  it.each([
    [ErrorCode.InvalidArgument, status.INVALID_ARGUMENT],
    [ErrorCode.NotFound, status.NOT_FOUND],
    [ErrorCode.AlreadyExists, status.ALREADY_EXISTS],
    [ErrorCode.Unauthenticated, status.UNAUTHENTICATED],
    [ErrorCode.PermissionDenied, status.PERMISSION_DENIED],
    [ErrorCode.FailedPrecondition, status.FAILED_PRECONDITION],
    [ErrorCode.ResourceExhausted, status.RESOURCE_EXHAUSTED],
    [ErrorCode.DeadlineExceeded, status.DEADLINE_EXCEEDED],
    [ErrorCode.Cancelled, status.CANCELLED],
    [ErrorCode.Unavailable, status.UNAVAILABLE],
    [ErrorCode.Unimplemented, status.UNIMPLEMENTED],
    [ErrorCode.Internal, status.INTERNAL],
  ])('%s → gRPC %i', (code, expected) => {
    const se = toServiceError(new EngineError(code, 'what happened'));
    expect(se.code).toBe(expected);
    expect(se.details).toBe('what happened');
  });

  it('has a row for every engine error code', () => {
    expect(Object.keys(STATUS_BY_CODE).sort()).toEqual(Object.values(ErrorCode).sort());
  });

  it('INVALID_ARGUMENT names the field in the message and in metadata', () => {
    const se = toServiceError(EngineError.invalidArgument('profile.loci.vWA', 'allele designation is not valid'));
    expect(se.code).toBe(status.INVALID_ARGUMENT);
    expect(se.details).toBe('profile.loci.vWA: allele designation is not valid');
    expect(se.metadata.get('biomatch-field')).toEqual(['profile.loci.vWA']);
  });

  it('any other thrown value is INTERNAL and its message is not passed on', () => {
    const se = toServiceError(new TypeError('Cannot read properties of undefined (reading CANARY-SECRET)'));
    expect(se.code).toBe(status.INTERNAL);
    expect(se.details).toBe('internal error');
    expect(se.details).not.toContain('CANARY');
  });

  it('an engine error that crossed a thread boundary (plain object) keeps its code', () => {
    const plain = { name: 'EngineError', code: 'NOT_FOUND', message: 'record x not found' };
    expect(toServiceError(plain).code).toBe(status.NOT_FOUND);
  });
});
