import { EngineError, ErrorCode } from '../errors.js';
import { isAgency } from '../security/access.js';
import type { Interceptor } from './binder.js';
import { AGENCY_HEADER } from './identity.js';

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
