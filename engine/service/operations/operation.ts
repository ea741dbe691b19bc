/**
 * An operation is the work of one RPC as a plain async function: (caller, request, signal) →
 * response, with engine types in and out and no gRPC in sight. The gRPC binder, the batch runner
 * and tests call the same functions.
 */
import type { Roles } from '../../security/roles.js';

/** Who is calling, as established by the interceptor chain (identity, later certificates). */
export interface Caller {
  /** The calling agency; '' when the caller named none (the access rule then shows nothing). */
  readonly agency: string;
  /** Why the caller searches (case purpose), when it says; recorded by audit. */
  readonly purpose?: string;
  /** The case reference the call belongs to, when given. */
  readonly caseId?: string;
  /** The verified client certificate's subject ('C=FR, O=FR-LYON, CN=...'), with mutual TLS; for audit. */
  readonly certificateSubject?: string;
  /**
   * The server's roles (security/roles.ts), set by the access interceptor, for operations that
   * narrow their answer (GetStats, ListAudit) or check per item (batch). Absent: the defaults.
   */
  readonly roles?: Roles;
}

export type Operation<Req, Res> = (caller: Caller, request: Req, signal: AbortSignal) => Promise<Res>;

/** What an operation reports for the audit trail: the record ids it returned or touched. */
export interface Touched {
  recordIds: string[];
}
