/**
 * `biomatch audit list|verify`: the audit trail, for the auditor.
 *
 *   audit list [--agency A] [--since T] [--until T] [--limit N] [--json]
 *   audit verify [--anchor SEQ:HASH]... [--json]
 *   audit verify --data-dir DIR [--public-key FILE | --audit-key-file FILE] [--anchor SEQ:HASH]...
 *
 * `verify` asks the server by default. With --data-dir it reads the store files itself (the
 * server stopped, or a backup), and checks the checkpoint signatures against --public-key (an
 * auditor's pinned copy), else the key beside the store. Exit codes: AUDIT_EXIT.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { KeyObject } from 'node:crypto';
import { call } from '../../engine/service/client.js';
import type { ListAuditResponse__Output } from '../../engine/service/generated/biomatch/v1/ListAuditResponse.js';
import type { VerifyAuditResponse__Output } from '../../engine/service/generated/biomatch/v1/VerifyAuditResponse.js';
import type { AuditEntry__Output } from '../../engine/service/generated/biomatch/v1/AuditEntry.js';
import { RecordStore } from '../../engine/store/record-store.js';
import { AuditChainReader, DEFAULT_CHECKPOINT_INTERVAL } from '../../engine/store/audit-log.js';
import { AUDIT_KEY_FILE, readPublicKey } from '../../engine/security/audit-key.js';
import { table, type CommandContext } from './common.js';

/** `biomatch audit verify` exit codes: 0 intact, 3 a problem found (1: could not verify at all). */
export const AUDIT_EXIT = { intact: 0, tampered: 3 } as const;

const USAGE = 'usage: biomatch audit list [--agency A] [--since TIME] [--until TIME] [--limit N] | verify [--data-dir DIR [--public-key FILE]] [--anchor SEQ:HASH]';

function time(raw: string | undefined, flag: string): { seconds: number; nanos: number } | undefined {
  if (raw === undefined) return undefined;
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw new Error(`${flag} must be a date or time, e.g. 2026-01-31 or 2026-01-31T12:00:00Z`);
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 };
}

function anchors(raw: string[] | undefined): { seq: number; hash: string }[] {
  return (raw ?? []).map((a) => {
    const m = /^(\d+):([0-9a-f]{64})$/.exec(a);
    if (!m) throw new Error(`--anchor must be SEQUENCE:HASH (64 hex digits), got ${JSON.stringify(a.slice(0, 80))}`);
    return { seq: Number(m[1]), hash: m[2] };
  });
}

function isoOf(t: { seconds: number; nanos: number } | null): string {
  return t ? new Date(t.seconds * 1000 + Math.floor(t.nanos / 1e6)).toISOString() : '';
}

function entryJson(e: AuditEntry__Output) {
  return {
    sequence: e.sequence, time: isoOf(e.time), agency: e.agency, certificateSubject: e.certificateSubject, method: e.method,
    purpose: e.purpose, caseReference: e.caseReference, peer: e.peer, recordIds: e.recordIds, counts: e.counts, status: e.status,
    hash: e.hash, previousHash: e.previousHash,
  };
}

async function list(ctx: CommandContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { agency: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' }, limit: { type: 'string' } } });
  const max = values.limit === undefined ? Infinity : Number(values.limit);
  if (!(max > 0) || (values.limit !== undefined && !Number.isInteger(max))) throw new Error('--limit must be a positive whole number');
  const since = time(values.since, '--since');
  const until = time(values.until, '--until');
  const entries: AuditEntry__Output[] = [];
  let pageToken = '';
  do {
    const page = await call<object, ListAuditResponse__Output>(ctx.clients.admin.listAudit, ctx.clients.admin, {
      agency: values.agency ?? '', pageToken, limit: Math.min(1000, max - entries.length),
      ...(since ? { since } : {}), ...(until ? { until } : {}),
    }, ctx.clients.metadata(), ctx.timeoutSeconds * 1000);
    entries.push(...page.entries);
    pageToken = page.nextPageToken;
  } while (pageToken !== '' && entries.length < max);
  if (ctx.json) {
    ctx.out(JSON.stringify(entries.map(entryJson), null, 2));
    return 0;
  }
  const records = (e: AuditEntry__Output) => (e.recordIds.length <= 2 ? e.recordIds.join(' ') : `${e.recordIds.slice(0, 2).join(' ')} +${e.recordIds.length - 2}`);
  ctx.out(table(['seq', 'time', 'agency', 'method', 'status', 'purpose', 'case', 'records'],
    entries.map((e) => [e.sequence, isoOf(e.time), e.agency, e.method.replace(/^\/biomatch\.v1\./, ''), e.status, e.purpose, e.caseReference, records(e)])));
  ctx.out(`${entries.length} entries`);
  return 0;
}

interface Report {
  intact: boolean; entries: number; checkpoints: number; headSequence: number; headHash: string;
  lastCheckpointSequence: number; unsignedTail: number; keyId: string; problem?: { kind: string; sequence: number; message: string };
}

function printReport(ctx: CommandContext, r: Report, where: string): number {
  if (ctx.json) ctx.out(JSON.stringify({ source: where, ...r }, null, 2));
  else {
    ctx.out(`${where}: ${r.entries} entries, ${r.checkpoints} checkpoints, signing key ${r.keyId.slice(0, 16)}…`);
    if (r.problem) ctx.out(`NOT INTACT: ${r.problem.kind} at ${r.problem.sequence}: ${r.problem.message}`);
    else {
      ctx.out(`intact: every entry chains to the one before; every checkpoint verifies (last at ${r.lastCheckpointSequence}).`);
      ctx.out(`${r.unsignedTail} entries after the last checkpoint could be cut off undetected; note the head and pass it as --anchor next time:`);
      ctx.out(`  --anchor ${r.headSequence}:${r.headHash}`);
    }
  }
  return r.intact ? AUDIT_EXIT.intact : AUDIT_EXIT.tampered;
}

async function verifyOffline(ctx: CommandContext, dir: string, values: { 'public-key'?: string; 'audit-key-file'?: string }, anchorList: { seq: number; hash: string }[]): Promise<number> {
  if (!existsSync(join(dir, 'biomatch.mdb'))) throw new Error(`${dir} holds no biomatch store (biomatch.mdb)`);
  const keyFile = values['public-key'] ?? values['audit-key-file']
    ?? [join(dir, `${AUDIT_KEY_FILE}.pub`), join(dir, AUDIT_KEY_FILE)].find((f) => existsSync(f));
  if (!keyFile) throw new Error(`no audit key: pass --public-key FILE (no ${AUDIT_KEY_FILE}.pub in ${dir})`);
  const publicKey: KeyObject = readPublicKey(keyFile);
  const store = RecordStore.open(dir);
  try {
    const reader = new AuditChainReader(store);
    const r = await reader.verify({ publicKey, interval: DEFAULT_CHECKPOINT_INTERVAL, anchors: anchorList });
    return printReport(ctx, {
      intact: r.intact, entries: r.entries, checkpoints: r.checkpoints, headSequence: r.headSeq, headHash: r.headHash,
      lastCheckpointSequence: r.lastCheckpointSeq, unsignedTail: r.unsignedTail, keyId: r.keyId, ...(r.problem ? { problem: { kind: r.problem.kind, sequence: r.problem.seq, message: r.problem.message } } : {}),
    }, dir);
  } finally {
    await store.close();
  }
}

async function verify(ctx: CommandContext, args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { 'data-dir': { type: 'string' }, 'public-key': { type: 'string' }, 'audit-key-file': { type: 'string' }, anchor: { type: 'string', multiple: true } } });
  const anchorList = anchors(values.anchor);
  if (values['data-dir']) return verifyOffline(ctx, values['data-dir'], values, anchorList);
  const r = await call<object, VerifyAuditResponse__Output>(ctx.clients.admin.verifyAudit, ctx.clients.admin, { anchors: anchorList.map((a) => ({ sequence: a.seq, hash: a.hash })) }, ctx.clients.metadata(), ctx.timeoutSeconds * 1000);
  return printReport(ctx, {
    intact: r.intact, entries: r.entries, checkpoints: r.checkpoints, headSequence: r.headSequence, headHash: r.headHash,
    lastCheckpointSequence: r.lastCheckpointSequence, unsignedTail: r.unsignedTail, keyId: r.keyId, ...(r.problem ? { problem: r.problem } : {}),
  }, ctx.server);
}

export async function audit(ctx: CommandContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'list') return list(ctx, rest);
  if (sub === 'verify') return verify(ctx, rest);
  throw new Error(USAGE);
}
