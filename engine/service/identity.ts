/**
 * Identity: who the caller is, from the request metadata (and, with mutual TLS, the client
 * certificate). Fills `inv.caller`; deciding what the caller may do is access's job.
 */
import type * as grpc from '@grpc/grpc-js';
import type { Interceptor } from './binder.js';

export const AGENCY_HEADER = 'biomatch-agency';
export const PURPOSE_HEADER = 'biomatch-purpose';
export const CASE_HEADER = 'biomatch-case';

function header(md: grpc.Metadata, key: string): string {
  const v = md.get(key)[0];
  return typeof v === 'string' ? v.trim() : '';
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
