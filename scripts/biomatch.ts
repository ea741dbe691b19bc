#!/usr/bin/env node
/**
 * `biomatch`: a command-line client for a biomatch server.
 *
 *   biomatch [--server host:port] [--agency CODE] [--purpose CODE --case REF] [--json] [--timeout SECONDS]
 *            [--tls-ca FILE] [--tls-cert FILE --tls-key FILE] [--tls-server-name NAME] COMMAND [ARGS]
 *
 * Commands:
 *   health [SERVICE...]   health of the server and each service (exit 3 when a service is not
 *                         serving, 5 when no server answers: see HEALTH_EXIT in cli/admin.ts)
 *   stats                 record counts, store size, worker pool, indexes
 *   extract FILE          minutiae template(s) from an image or ANSI/NIST transaction
 *   fp enroll|verify|identify|get|delete   fingerprint records, 1:1 and 1:N
 *   dna search|kinship|enroll|import|get|delete|tables   DNA profiles
 *   audit list|verify     the audit trail: entries of the agency's calls; the chain's integrity
 *   batch submit|status|results|cancel|list|delete   durable batch jobs (scripts/cli/batch.ts)
 *   schedule add|list|remove|run   recurring searches, each run a batch job
 *   latent extract|search|add|list|get|remove|hits   crime-scene marks (scripts/cli/latent.ts)
 *
 * --server defaults to $BIOMATCH_SERVER or 127.0.0.1:50051; --agency to $BIOMATCH_AGENCY (the
 * agency code sent in the biomatch-agency header). --tls-ca (server CA bundle; alone: TLS),
 * --tls-cert and --tls-key (client certificate: mutual TLS) and --tls-server-name default to
 * $BIOMATCH_TLS_CA, $BIOMATCH_TLS_CLIENT_CERT, $BIOMATCH_TLS_CLIENT_KEY, $BIOMATCH_TLS_SERVER_NAME
 * (CLIENT_ in the names, so they never mix with the server's BIOMATCH_TLS_CERT/KEY in one
 * environment, such as the Docker image's).
 * Reads and searches need --purpose (a code such as criminal-investigation, missing-person,
 * disaster-victim-identification, border-control; see engine/security/purpose.ts) and --case (the
 * case reference), or $BIOMATCH_PURPOSE / $BIOMATCH_CASE.
 *
 * A call the server turns away with RESOURCE_EXHAUSTED (its worker queue is full) or UNAVAILABLE
 * (starting, shutting down, unreachable) is retried by the channel with exponential backoff, up to
 * 5 attempts within --timeout (engine/service/client.ts, DEFAULT_RETRY_POLICY).
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeGrpcError, openContext, type CommandContext } from './cli/common.js';
import { readClientTls } from '../engine/service/client.js';
import { health, stats } from './cli/admin.js';
import { extract, fp } from './cli/fingerprint.js';
import { dna } from './cli/dna.js';
import { audit } from './cli/audit.js';
import { PURPOSE_CODES } from '../engine/security/purpose.js';
import { batch, schedule } from './cli/batch.js';
import { latent } from './cli/latent.js';

type Command = (ctx: CommandContext, args: string[]) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string }> = {
  health: { run: health, help: 'health [SERVICE...]   health of the server and each service' },
  stats: { run: stats, help: 'stats                 record counts, store size, worker pool, indexes' },
  extract: { run: extract, help: 'extract FILE [--ppi N] [--format iso|ansi|json] [--out FILE] [--stages DIR]' },
  dna: { run: dna, help: 'dna search PROFILE.json --stringency high|moderate|low | kinship PROFILE.json --relationship R | enroll PROFILE.json | import FILE | get ID | delete ID | tables [--loci]' },
  fp: { run: fp, help: 'fp enroll FILE --subject ID [--finger N] | verify PROBE (--record ID | REF) | identify PROBE [--max N] | get ID | delete ID' },
  audit: { run: audit, help: 'audit list [--agency A] [--since T] [--until T] [--limit N] | verify [--data-dir DIR [--public-key FILE]] [--anchor SEQ:HASH]' },
  batch: { run: batch, help: 'batch submit PATHS... --kind KIND [--ppi N] [--request-id ID] [--detach] | status ID | results ID [--format jsonl|csv] [--out FILE] | cancel ID | list | delete ID' },
  schedule: { run: schedule, help: 'schedule add KIND [--every-hours N] [--name NAME] | list | remove ID | run ID' },
  latent: { run: latent, help: 'latent extract MARK --out FEATURES.json [--draw OUT.png] | search [MARK] [--markup F.json | --efs F.an2] [--max 20] | add [MARK] --case-reference REF | search-unsolved [MARK] [--tenprint] | list | get ID | remove ID | hits [--ack ID]' },
};

function usage(): string {
  return [
    'usage: biomatch [--server host:port] [--agency CODE] [--purpose CODE --case REF] [--json] [--timeout SECONDS]',
    '                [--tls-ca FILE] [--tls-cert FILE --tls-key FILE] [--tls-server-name NAME] COMMAND [ARGS]',
    '',
    'commands:',
    ...Object.values(COMMANDS).map((c) => `  ${c.help}`),
    '',
    'environment: BIOMATCH_SERVER (default 127.0.0.1:50051), BIOMATCH_AGENCY, BIOMATCH_PURPOSE, BIOMATCH_CASE,',
    '             BIOMATCH_TLS_CA, BIOMATCH_TLS_CLIENT_CERT, BIOMATCH_TLS_CLIENT_KEY, BIOMATCH_TLS_SERVER_NAME',
    `purpose codes (reads and searches): ${PURPOSE_CODES.join(', ')}`,
  ].join('\n');
}

const VALUE_GLOBALS = new Set(['--server', '--agency', '--timeout', '--purpose', '--case', '--tls-ca', '--tls-cert', '--tls-key', '--tls-server-name']);

/**
 * Flags that, after these commands, are the command's own: `biomatch --agency AUD audit list
 * --agency AG1` lists AG1's entries as AUD (the caller's agency before the command or in
 * $BIOMATCH_AGENCY).
 */
const COMMAND_OWN_FLAGS: Record<string, Set<string>> = { audit: new Set(['--agency']) };

/**
 * Global options may stand anywhere (`biomatch --json stats`, `biomatch stats --json`); they are
 * taken out, and what remains is the command and its own arguments.
 */
export function splitArgs(argv: string[]): { globals: Record<string, string | boolean>; command?: string; args: string[] } {
  const globals: Record<string, string | boolean> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.indexOf('=');
    const flag = eq > 0 ? a.slice(0, eq) : a;
    if (rest.length > 0 && COMMAND_OWN_FLAGS[rest[0]]?.has(flag)) {
      rest.push(a);
      if (eq < 0 && argv[i + 1] !== undefined) rest.push(argv[++i]);
    } else if (VALUE_GLOBALS.has(flag)) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      globals[flag.slice(2)] = v;
    } else if (a === '--json') globals.json = true;
    else if (a === '--help' || a === '-h') globals.help = true;
    else rest.push(a);
  }
  const [command, ...args] = rest;
  return { globals, command, args };
}

export async function main(argv: string[]): Promise<number> {
  let split;
  try {
    split = splitArgs(argv);
  } catch (e) {
    process.stderr.write(`biomatch: ${(e as Error).message}\n${usage()}\n`);
    return 2;
  }
  const { globals, command: name, args } = split;
  if (!name) {
    process.stdout.write(`${usage()}\n`);
    return globals.help ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`biomatch: unknown command "${name}"\n${usage()}\n`);
    return 2;
  }
  const timeout = Number(globals.timeout ?? 30);
  if (!Number.isFinite(timeout) || timeout <= 0) {
    process.stderr.write('biomatch: --timeout must be a positive number of seconds\n');
    return 2;
  }
  let tls;
  try {
    const opt = (flag: string, env: string): string | undefined => {
      const v = globals[flag] ?? process.env[env];
      return typeof v === 'string' && v !== '' ? v : undefined;
    };
    tls = readClientTls({
      ca: opt('tls-ca', 'BIOMATCH_TLS_CA'), cert: opt('tls-cert', 'BIOMATCH_TLS_CLIENT_CERT'),
      key: opt('tls-key', 'BIOMATCH_TLS_CLIENT_KEY'), serverName: opt('tls-server-name', 'BIOMATCH_TLS_SERVER_NAME'),
    });
  } catch (e) {
    process.stderr.write(`biomatch: ${(e as Error).message}\n`);
    return 2;
  }
  const ctx = openContext({
    server: String(globals.server ?? process.env.BIOMATCH_SERVER ?? '127.0.0.1:50051'),
    agency: String(globals.agency ?? process.env.BIOMATCH_AGENCY ?? ''),
    json: globals.json === true,
    timeoutSeconds: timeout,
    ...(tls ? { tls } : {}),
    purpose: String(globals.purpose ?? process.env.BIOMATCH_PURPOSE ?? ''),
    caseId: String(globals.case ?? process.env.BIOMATCH_CASE ?? ''),
  });
  try {
    if (globals.help) { ctx.out(command.help); return 0; }
    return await command.run(ctx, args);
  } catch (e) {
    process.stderr.write(`biomatch ${name}: ${describeGrpcError(e)}\n`);
    return 1;
  } finally {
    ctx.clients.close();
  }
}

// Run only as a program, so tests can import main() and splitArgs().
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
