/**
 * Structured logs: one JSON object per line on stdout. Callers pass only operational fields
 * (method, status code, duration, agency, record ids); nothing here inspects or prints payloads,
 * and error causes are reduced to their class and code, since a library's message may quote input.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, string | number | boolean | null | undefined | string[]>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stdout.write(l), base: LogFields = {}): Logger {
  const min = RANK[level];
  const emit = (lvl: LogLevel, msg: string, fields?: LogFields) => {
    if (RANK[lvl] < min) return;
    write(`${JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...base, ...fields })}\n`);
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (f) => createLogger(level, write, { ...base, ...f }),
  };
}

/** What may be logged of an unexpected error: its class, code and code locations — not its message. */
export function describeCause(cause: unknown): LogFields {
  if (!(cause instanceof Error)) return { causeType: typeof cause };
  const code = (cause as { code?: unknown }).code;
  const frames = (cause.stack ?? '').split('\n').slice(1, 6).map((l) => l.trim());
  return { causeName: cause.name, causeCode: typeof code === 'string' ? code : undefined, causeStack: frames };
}
