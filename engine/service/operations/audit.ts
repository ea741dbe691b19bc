/**
 * The audit trail's operations: list entries, and verify the chain.
 *
 * Visibility: an agency lists the entries of its own calls. `mayAuditAll` widens that (the roles
 * file's 'audit' role): such a caller may name another agency or list every agency's entries.
 * Without it, naming another agency is PERMISSION_DENIED. Verification reports counts, sequence
 * numbers and hashes only, never an entry's content, so any agency may run it.
 */
import { EngineError, ErrorCode } from '../../errors.js';
import { isAgency } from '../../security/access.js';
import type { ChainedEntry, VerifyReport } from '../../security/audit-chain.js';
import type { AuditLog } from '../../store/audit-log.js';
import type { Caller } from './operation.js';

export const DEFAULT_AUDIT_PAGE = 100;
export const MAX_AUDIT_PAGE = 1000;

export interface ListAuditRequest {
  /** '' : the caller's own (or, for an auditor, every agency). */
  agency: string;
  since?: Date;
  until?: Date;
  /** 0: the default page. */
  limit: number;
  pageToken: string;
}

export interface ListAuditResponse {
  entries: ChainedEntry[];
  nextPageToken: string;
}

export interface VerifyAuditRequest {
  anchors: { seq: number; hash: string }[];
}

export interface AuditOperationDeps {
  log: AuditLog;
  /** True when the caller may read every agency's entries (the 'audit' role); default: nobody. */
  mayAuditAll?: (caller: Caller) => boolean;
}

/** Page tokens are the last sequence a page examined, opaque to callers. */
function parseToken(token: string): number {
  if (token === '') return 0;
  const m = /^a([1-9]\d{0,15})$/.exec(token);
  if (!m) throw EngineError.invalidArgument('page_token', 'is not a token from a previous page');
  return Number(m[1]);
}

export function auditOperations(deps: AuditOperationDeps) {
  const mayAuditAll = deps.mayAuditAll ?? (() => false);
  return {
    async listAudit(caller: Caller, req: ListAuditRequest, signal: AbortSignal): Promise<ListAuditResponse> {
      signal.throwIfAborted();
      const all = mayAuditAll(caller);
      let agency: string | undefined;
      if (req.agency !== '') {
        if (!isAgency(req.agency)) throw EngineError.invalidArgument('agency', 'is not an agency code');
        if (req.agency !== caller.agency && !all) throw new EngineError(ErrorCode.PermissionDenied, 'listing another agency\'s audit entries needs the audit role');
        agency = req.agency;
      } else {
        agency = all ? undefined : caller.agency;
      }
      if (agency !== undefined && !isAgency(agency)) throw new EngineError(ErrorCode.Unauthenticated, 'the audit trail is listed for a named agency only');
      if (!Number.isInteger(req.limit) || req.limit < 0 || req.limit > MAX_AUDIT_PAGE) throw EngineError.invalidArgument('limit', `must be from 0 (the default, ${DEFAULT_AUDIT_PAGE}) to ${MAX_AUDIT_PAGE}`);
      const since = req.since?.getTime();
      const until = req.until?.getTime();
      if (since !== undefined && until !== undefined && since > until) throw EngineError.invalidArgument('since', 'is after until');
      const page = deps.log.list({
        after: parseToken(req.pageToken), limit: req.limit || DEFAULT_AUDIT_PAGE,
        ...(agency !== undefined ? { agency } : {}), ...(since !== undefined ? { since } : {}), ...(until !== undefined ? { until } : {}),
      });
      return { entries: page.entries, nextPageToken: page.next !== undefined ? `a${page.next}` : '' };
    },

    async verifyAudit(_caller: Caller, req: VerifyAuditRequest, signal: AbortSignal): Promise<VerifyReport> {
      return deps.log.verifyNow({ anchors: req.anchors, signal });
    },

    publicKeyPem(): string {
      return deps.log.publicKeyPem();
    },
  };
}

export type AuditOperations = ReturnType<typeof auditOperations>;
