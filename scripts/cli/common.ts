/** Shared plumbing for `biomatch` subcommands: the connection, deadlines, and error reporting. */
import type { ServiceError } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { connect, type BiomatchClients, type ClientTls } from '../../engine/service/client.js';

export interface GlobalOptions {
  server: string;
  agency: string;
  json: boolean;
  timeoutSeconds: number;
  /** TLS material read from --tls-ca/--tls-cert/--tls-key; absent: plain text. */
  tls?: ClientTls;
  /** Purpose code and case reference sent with every call ('' : none; reads and searches need them). */
  purpose?: string;
  caseId?: string;
}

export interface CommandContext extends GlobalOptions {
  clients: BiomatchClients;
  out: (line: string) => void;
}

export function openContext(options: GlobalOptions): CommandContext {
  const clients = connect(options.server, options.agency, { ...(options.tls ? { tls: options.tls } : {}), ...(options.purpose ? { purpose: options.purpose } : {}), ...(options.caseId ? { caseId: options.caseId } : {}) });
  return { ...options, clients, out: (l) => process.stdout.write(`${l}\n`) };
}

/**
 * `NOT_FOUND: record x not found` — the status name and the server's own words; a call that never
 * reached the server says so in one clause (`UNAVAILABLE: cannot reach the server (connection refused)`).
 */
export function describeGrpcError(e: unknown): string {
  const se = e as Partial<ServiceError>;
  if (typeof se.code === 'number') {
    const name = Object.entries(status).find(([, v]) => v === se.code)?.[0] ?? String(se.code);
    const reason = unreachableReason(e);
    return `${name}: ${reason ? `cannot reach the server (${reason})` : se.details ?? se.message}`;
  }
  return e instanceof Error ? e.message : String(e);
}

/** Socket errors grpc-js quotes as a connection's "Last error", in words. */
const SOCKET_ERRORS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EADDRNOTAVAIL: 'address not available',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'name resolution failed',
};

/** TLS handshake failures grpc-js quotes from OpenSSL, in words (mutual TLS: README "TLS and mutual TLS"). */
const TLS_ERRORS: readonly (readonly [RegExp, string])[] = [
  [/alert certificate required/i, 'the server requires a client certificate: --tls-cert and --tls-key'],
  [/alert (?:bad certificate|unknown ca|certificate expired|certificate unknown)/i, 'the server refused the client certificate'],
  [/wrong version number|packet length too long/i, 'TLS and plain text mixed: the server may not use TLS, or --tls-ca is missing'],
  [/self[- ]signed certificate|unable to (?:get local issuer|verify the first) certificate|certificate has expired|Hostname\/IP does not match/i, 'the server\'s certificate is not trusted: --tls-ca, --tls-server-name'],
];

/**
 * Why a call never reached the server, in a few words (`connection refused`), or undefined when
 * the server itself answered. grpc-js reports this as UNAVAILABLE with details such as
 * `No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:50051. Resolution
 * note: ` (an empty note for a literal address), which is not a sentence to show a person; an
 * UNAVAILABLE the server sends (an index still loading) carries none of these phrases.
 */
export function unreachableReason(e: unknown): string | undefined {
  const se = e as Partial<ServiceError>;
  if (se.code !== status.UNAVAILABLE || typeof se.details !== 'string') return undefined;
  const details = se.details;
  if (/^Name resolution failed/i.test(details) || /^No addresses resolved/i.test(details)) return 'name resolution failed';
  if (!/No connection established/i.test(details)) return undefined;
  const tls = TLS_ERRORS.find(([pattern]) => pattern.test(details));
  if (tls) return tls[1];
  const code = /Last error: (?:\w*Error: )?(?:(?:connect|getaddrinfo|read|write) )?(E[A-Z_]+)\b/.exec(details)?.[1];
  return code ? SOCKET_ERRORS[code] ?? code : 'no connection established';
}

/** Prints rows as an aligned text table. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  return cells.map((r, n) => {
    const line = r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
    return n === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
  }).join('\n');
}
