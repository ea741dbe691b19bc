/** Shared plumbing for `biomatch` subcommands: the connection, deadlines, and error reporting. */
import type { ServiceError } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { connect, type BiomatchClients } from '../../engine/service/client.js';

export interface GlobalOptions {
  server: string;
  agency: string;
  json: boolean;
  timeoutSeconds: number;
}

export interface CommandContext extends GlobalOptions {
  clients: BiomatchClients;
  out: (line: string) => void;
}

export function openContext(options: GlobalOptions): CommandContext {
  return { ...options, clients: connect(options.server, options.agency), out: (l) => process.stdout.write(`${l}\n`) };
}

/** `NOT_FOUND: record x not found` — the status name and the server's own words. */
export function describeGrpcError(e: unknown): string {
  const se = e as Partial<ServiceError>;
  if (typeof se.code === 'number') {
    const name = Object.entries(status).find(([, v]) => v === se.code)?.[0] ?? String(se.code);
    return `${name}: ${se.details ?? se.message}`;
  }
  return e instanceof Error ? e.message : String(e);
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
