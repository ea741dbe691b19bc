/**
 * Access: what a caller may call, checked once per call before any work, in this order:
 *
 * 1. the method must be in the roles table (security/roles.ts METHOD_RULES), or it is refused
 *    (fail-closed: a new method nobody classified is not open to all);
 * 2. the per-agency rate limit (RESOURCE_EXHAUSTED with gRPC's retry pushback trailer), before
 *    anything else so that a flood of refused calls is limited too; a call without a well-formed
 *    agency (Extract, or one about to be refused) is limited per peer address;
 * 3. methods that touch records need a well-formed agency (UNAUTHENTICATED otherwise);
 * 4. the agency's role for the method's action and record kind (PERMISSION_DENIED naming both);
 * 5. reads and searches carry a purpose code and a case reference (INVALID_ARGUMENT naming the
 *    header), unless the configuration relaxes it; what is sent is always validated;
 * 6. request limits checked on the message before it is decoded: the candidate-list ceiling.
 *
 * Audit wraps this interceptor, so every refusal here is recorded. Which records a permitted
 * caller then sees is the one access rule's job (security/access.ts), inside the operations.
 */
import { EngineError, ErrorCode } from '../errors.js';
import { isAgency } from '../security/access.js';
import { checkPurpose } from '../security/purpose.js';
import type { RateLimiter } from '../security/rate-limit.js';
import { defaultRoles, methodRule, permits, permitsAny, refusal, type Roles } from '../security/roles.js';
import type { Interceptor } from './binder.js';
import { AGENCY_HEADER, CASE_HEADER, PURPOSE_HEADER } from './identity.js';

export interface AccessOptions {
  /** Default: defaultRoles() (search, enrol and delete for every agency). */
  roles?: Roles;
  /** Reads and searches need a purpose and a case reference (default true). */
  requirePurpose?: boolean;
  /** Per-agency call rate; absent: no limit. */
  rateLimiter?: RateLimiter;
  /** Largest `max_candidates` any request may ask for; absent or 0: no ceiling here. */
  maxCandidates?: number;
}

/** The host part of a grpc-js peer ('ipv4:127.0.0.1:5000' → 'ipv4:127.0.0.1'). */
function peerHost(peer: string): string {
  const cut = peer.lastIndexOf(':');
  return cut > 0 ? peer.slice(0, cut) : peer;
}

/**
 * The first `maxCandidates` above `ceiling` anywhere in a request (batch items nest searches),
 * with its path as the .proto spells it.
 */
export function candidateCeilingViolation(message: unknown, ceiling: number, path = '', depth = 0): string | undefined {
  if (typeof message !== 'object' || message === null || depth > 6 || ArrayBuffer.isView(message)) return undefined;
  if (Array.isArray(message)) {
    for (let i = 0; i < message.length; i++) {
      const hit = candidateCeilingViolation(message[i], ceiling, `${path}[${i}]`, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }
  for (const [key, value] of Object.entries(message)) {
    const name = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const at = path ? `${path}.${name}` : name;
    if (key === 'maxCandidates' && typeof value === 'number' && value > ceiling) return at;
    if (typeof value === 'object' && value !== null) {
      const hit = candidateCeilingViolation(value, ceiling, at, depth + 1);
      if (hit) return hit;
    }
  }
  return undefined;
}

export function access(options: AccessOptions = {}): Interceptor {
  const roles = options.roles ?? defaultRoles();
  const requirePurpose = options.requirePurpose ?? true;
  const ceiling = options.maxCandidates ?? 0;
  return async (inv, next) => {
    const rule = methodRule(inv.call.path);
    if (!rule) throw new EngineError(ErrorCode.PermissionDenied, `${inv.call.path} has no entry in the roles table; it is refused until it has one`);
    const agency = inv.caller.agency;
    if (options.rateLimiter?.enabled) {
      const key = isAgency(agency) ? `agency ${agency}` : `peer ${peerHost(inv.call.peer)}`;
      const decision = options.rateLimiter.take(key);
      if (!decision.allowed) {
        throw new EngineError(ErrorCode.ResourceExhausted, `rate limit reached for ${key}; retry after ${decision.retryAfterMs} ms`, { retryAfterMs: decision.retryAfterMs });
      }
    }
    if (inv.call.access === 'agency') {
      if (agency === '') throw new EngineError(ErrorCode.Unauthenticated, `the ${AGENCY_HEADER} metadata header is required`);
      if (!isAgency(agency)) throw new EngineError(ErrorCode.Unauthenticated, `the ${AGENCY_HEADER} header is not an agency code (letters, digits, '.', '_', '-'; at most 64)`);
    }
    if (rule.action !== 'none' && !rule.narrowed) {
      const allowed = rule.perItem ? permitsAny(roles, agency, rule.action) : permits(roles, agency, rule.action, rule.kind);
      if (!allowed) throw refusal(agency, rule.action, rule.kind);
    }
    if (rule.action !== 'none') {
      checkPurpose(inv.caller.purpose, inv.caller.caseId, rule.purpose && requirePurpose, { purposeField: PURPOSE_HEADER, caseField: CASE_HEADER });
    }
    inv.caller = { ...inv.caller, roles };
    if (ceiling > 0) {
      (inv.requestChecks ??= []).push((message) => {
        const field = candidateCeilingViolation(message, ceiling);
        if (field) throw EngineError.invalidArgument(field, `must be at most ${ceiling} (the server's candidate-list ceiling)`);
      });
    }
    return next();
  };
}
