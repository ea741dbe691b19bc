/**
 * `biomatch batch submit|status|results|cancel|list|delete`: many prints, marks or profiles as one
 * durable job on the server (BatchService), instead of one process per file.
 *
 *   batch submit PATHS... --kind KIND [--ppi N] [--request-id ID] [--detach]
 *     Directories expand to the files in them (sorted, not recursive). Fingerprint and latent
 *     kinds send each file as an image (or a template, when its bytes are one); an ANSI/NIST-ITL
 *     transaction (.an2, .an2k, .eft, .nist) sent as fp-enroll or fp-identify becomes one item per
 *     finger image record (Type-4/14) on the server, item id `FILE#RECORD`. DNA kinds read
 *     CSV files (the `biomatch dna import` layout: sample, LOCUS or LOCUS_1/LOCUS_2 columns) and
 *     JSON profile files; a CSV row that cannot be read is reported by line and not sent.
 *     Without --detach it follows the job to its end: a live progress bar on a terminal, a line
 *     every 2 s otherwise (JSON lines with --json).
 *   batch status ID | results ID [--format jsonl|csv] [--out FILE] [--wait] | cancel ID | list | delete ID
 *     (results of a running job: the finished run from the first item; --wait: all, as they finish)
 *   schedule add KIND [--every-hours N] [--name NAME] | list | remove ID | run ID
 *
 * Exit codes: 0 the job ended with every item done; 4 it ended with failed items; 1 it failed,
 * was cancelled, or a call failed.
 */
import { createWriteStream, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { call } from '../../engine/service/client.js';
import { batchResults, submitBatch } from '../../engine/service/batch-client.js';
import { detectTemplateFormat } from '../../engine/fingerprint/templates/template-format.js';
import { CsvProfileReader } from '../../engine/dna/profile-import.js';
import { LocusRegistry } from '../../engine/dna/locus-registry.js';
import { genotypeDesignations, type DnaProfile as EngineProfile } from '../../engine/dna/dna-profile.js';
import type { BatchItem } from '../../engine/service/generated/biomatch/v1/BatchItem.js';
import type { BatchJob__Output } from '../../engine/service/generated/biomatch/v1/BatchJob.js';
import type { BatchItemResult__Output } from '../../engine/service/generated/biomatch/v1/BatchItemResult.js';
import type { ListBatchJobsResponse__Output } from '../../engine/service/generated/biomatch/v1/ListBatchJobsResponse.js';
import type { Schedule__Output } from '../../engine/service/generated/biomatch/v1/Schedule.js';
import type { ListSchedulesResponse__Output } from '../../engine/service/generated/biomatch/v1/ListSchedulesResponse.js';
import type { DnaProfile } from '../../engine/service/generated/biomatch/v1/DnaProfile.js';
import type { FingerprintSample } from '../../engine/service/generated/biomatch/v1/FingerprintSample.js';
import { readProfileFile } from './dna.js';
import { table, type CommandContext } from './common.js';

const KINDS = ['fp-enroll', 'fp-identify', 'fp-verify', 'latent-search', 'latent-add', 'dna-enroll', 'dna-search', 'dna-kinship'] as const;
type Kind = (typeof KINDS)[number];
const STRINGENCY: Record<string, string> = { high: 'STRINGENCY_HIGH', moderate: 'STRINGENCY_MODERATE', low: 'STRINGENCY_LOW' };
const RELATIONSHIP: Record<string, string> = { 'parent-child': 'RELATIONSHIP_PARENT_CHILD', parent: 'RELATIONSHIP_PARENT_CHILD', 'full-sibling': 'RELATIONSHIP_FULL_SIBLING', sibling: 'RELATIONSHIP_FULL_SIBLING' };
const TERMINAL = new Set(['BATCH_STATE_DONE', 'BATCH_STATE_CANCELLED', 'BATCH_STATE_FAILED']);
const USAGE = 'usage: biomatch batch submit PATHS... --kind KIND [--ppi N] [--request-id ID] [--detach] [--stringency S] [--relationship R] [--record ID] [--case-reference REF] | status ID | results ID [--format jsonl|csv] [--out FILE] [--wait] | cancel ID | list | delete ID';

/** Files named, with directories expanded to their files (sorted; hidden files skipped). */
export function expandPaths(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (name.startsWith('.')) continue;
        const f = join(p, name);
        if (statSync(f).isFile()) out.push(f);
      }
    } else out.push(p);
  }
  return out;
}

/** ANSI/NIST-ITL transaction files (EBTS/EFTS `.eft`, `.an2`, `.an2k`, `.nist`). */
const TRANSACTION_EXTENSIONS = ['.an2', '.an2k', '.eft', '.nist'];

function sampleOf(path: string, ppi: number): FingerprintSample {
  const data = readFileSync(path);
  if (detectTemplateFormat(data) !== undefined) return { template: { encoded: { data } } };
  // A transaction becomes one item per finger image record on the server; its records carry
  // their own resolution, so ppi is sent only when given.
  if (TRANSACTION_EXTENSIONS.includes(extname(path).toLowerCase())) return { image: { data, format: 'IMAGE_FORMAT_ANSI_NIST', ppi } };
  return { image: { data, ppi } };
}

const enumOf = (prefix: string, v: string) => `${prefix}${v.toUpperCase().replace(/-/g, '_')}`;

function profileToProto(p: EngineProfile): DnaProfile {
  return {
    loci: Object.fromEntries([...p.loci].map(([l, g]) => [l, { alleles: genotypeDesignations(g) }])),
    kind: enumOf('PROFILE_KIND_', p.kind) as DnaProfile['kind'],
    ...(p.relationship ? { relationship: enumOf('RELATIONSHIP_', p.relationship) as DnaProfile['relationship'] } : {}),
    ...(p.caseReference ? { caseReference: p.caseReference } : {}),
  };
}

/** DNA profiles from CSV (streamed row by row) and JSON profile files; unreadable rows go to `rejected`. */
function* dnaProfiles(files: string[], rejected: (where: string, reason: string) => void): Generator<{ id: string; profile: DnaProfile }> {
  const registry = LocusRegistry.create();
  for (const file of files) {
    if (extname(file).toLowerCase() === '.json') {
      const { doc, profile } = readProfileFile(file);
      yield { id: doc.id ?? basename(file, extname(file)), profile };
      continue;
    }
    // The server decides what it accepts (its minimum of typed loci, say): read leniently here.
    const reader = new CsvProfileReader(registry, { minTypedLoci: 1 });
    let rows;
    try {
      rows = [...reader.push(readFileSync(file)), ...reader.end()];
    } catch (e) {
      rejected(file, e instanceof Error ? e.message : String(e));
      continue;
    }
    for (const row of rows) {
      if (!row.ok) { rejected(`${file}:${row.line}`, row.reason); continue; }
      yield { id: row.record.sampleId, profile: profileToProto(row.record.profile) };
    }
  }
}

interface SubmitOptions { kind: Kind; ppi: number; stringency?: string; relationship?: string; record?: string; caseReference?: string }

/** The items of a submission, made one at a time as the stream asks for them. */
export function* batchItems(files: string[], o: SubmitOptions, rejected: (where: string, reason: string) => void): Generator<BatchItem> {
  if (o.kind.startsWith('dna-')) {
    for (const { id, profile } of dnaProfiles(files, rejected)) {
      if (o.kind === 'dna-enroll') yield { itemId: id, dnaEnroll: { profile, externalId: id } };
      else if (o.kind === 'dna-search') yield { itemId: id, dnaSearch: { profile, stringency: (STRINGENCY[o.stringency ?? 'high'] ?? 'STRINGENCY_HIGH') as 'STRINGENCY_HIGH' } };
      else yield { itemId: id, dnaKinship: { profile, relationship: (RELATIONSHIP[o.relationship ?? ''] ?? 'RELATIONSHIP_UNSPECIFIED') as 'RELATIONSHIP_UNSPECIFIED' } };
    }
    return;
  }
  for (const file of files) {
    const sample = sampleOf(file, o.ppi);
    const subject = basename(file, extname(file));
    switch (o.kind) {
      case 'fp-enroll': yield { itemId: file, fpEnroll: { sample, subjectId: subject } }; break;
      case 'fp-identify': yield { itemId: file, fpIdentify: { probe: sample } }; break;
      case 'fp-verify': yield { itemId: file, fpVerify: { probe: sample, recordId: o.record ?? '' } }; break;
      case 'latent-search': yield { itemId: file, latentSearch: { mark: { image: sample.image ?? null } } }; break;
      // Each mark is filed under --case-reference, or under its file name when none is given.
      case 'latent-add': yield { itemId: file, latentAdd: { mark: { image: sample.image ?? null, caseReference: o.caseReference ?? subject } } }; break;
      default: break;
    }
  }
}

const STATE_WORD: Record<string, string> = {
  BATCH_STATE_QUEUED: 'queued', BATCH_STATE_RUNNING: 'running', BATCH_STATE_DONE: 'done', BATCH_STATE_CANCELLED: 'cancelled', BATCH_STATE_FAILED: 'failed', BATCH_STATE_UNSPECIFIED: 'unknown',
};

function duration(s: number): string {
  if (!(s > 0) || !Number.isFinite(s)) return '-';
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = Math.round(s % 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(sec).padStart(2, '0')}s` : `${sec}s`;
}

export function statusLine(j: BatchJob__Output): string {
  return `${j.jobId} ${STATE_WORD[j.state] ?? j.state} ${j.done}/${j.total}${j.failed ? ` (${j.failed} failed)` : ''} ${j.itemsPerSecond.toFixed(1)} items/s ETA ${duration(j.etaSeconds)}`;
}

function bar(j: BatchJob__Output, width = 30): string {
  const f = j.total ? j.done / j.total : 0;
  const filled = Math.round(f * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${j.done}/${j.total} ${(f * 100).toFixed(0)}%${j.failed ? ` ${j.failed} failed` : ''}  ${j.itemsPerSecond.toFixed(1)}/s  ETA ${duration(j.etaSeconds)}`;
}

function jobJson(j: BatchJob__Output) {
  return {
    jobId: j.jobId, state: STATE_WORD[j.state] ?? j.state, total: j.total, done: j.done, failed: j.failed, itemsPerSecond: j.itemsPerSecond,
    etaSeconds: j.etaSeconds, requestId: j.requestId, kinds: j.kinds, ...(j.failure ? { failure: j.failure } : {}),
  };
}

function exitCode(j: BatchJob__Output): number {
  return j.state === 'BATCH_STATE_DONE' ? (j.failed ? 4 : 0) : 1;
}

async function follow(ctx: CommandContext, jobId: string): Promise<number> {
  const c = ctx.clients;
  const tty = process.stdout.isTTY === true && !ctx.json;
  let lastLine = 0;
  for (;;) {
    const j = await call<object, BatchJob__Output>(c.batch.getStatus, c.batch, { jobId }, c.metadata(), ctx.timeoutSeconds * 1000);
    const end = TERMINAL.has(j.state);
    if (tty) process.stdout.write(`\r\x1b[2K${bar(j)}${end ? '\n' : ''}`);
    else if (end || Date.now() - lastLine >= 2000) {
      ctx.out(ctx.json ? JSON.stringify(jobJson(j)) : statusLine(j));
      lastLine = Date.now();
    }
    if (end) {
      if (tty) ctx.out(statusLine(j));
      return exitCode(j);
    }
    await new Promise((r) => setTimeout(r, tty ? 250 : 500));
  }
}

function resultRow(r: BatchItemResult__Output) {
  const base = { item: r.item, itemId: r.itemId, kind: r.kind, status: r.error ? r.error.status : 'OK', ...(r.alreadyReported.length ? { alreadyReported: r.alreadyReported } : {}) };
  if (r.error) return { ...base, ...(r.error.field ? { field: r.error.field } : {}), message: r.error.message };
  const key = r.outcome as keyof BatchItemResult__Output | undefined;
  return { ...base, result: key ? r[key] : null };
}

function csvCell(v: unknown): string {
  const s = v === undefined || v === null ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV row: the outcome in a few columns (record id, or the best candidate and its score). */
function csvRow(r: BatchItemResult__Output): string {
  const list = r.fpIdentify ?? r.dnaSearch ?? r.dnaKinship ?? r.latentSearchUnsolved;
  const record = r.fpEnroll?.meta?.id ?? r.dnaEnroll?.meta?.id ?? '';
  const top = list?.candidates[0];
  const score = r.fpVerify ? r.fpVerify.score : top?.score;
  return [r.item, r.itemId, r.kind, r.error ? r.error.status : 'OK', r.error?.field, r.error?.message, record, list ? list.candidates.length : '', top?.recordId, top?.subjectId, score, r.fpVerify ? r.fpVerify.match : '']
    .map(csvCell).join(',');
}

export async function batch(ctx: CommandContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({
    args: rest, allowPositionals: true, strict: true,
    options: {
      kind: { type: 'string' }, ppi: { type: 'string' }, 'request-id': { type: 'string' }, detach: { type: 'boolean' },
      stringency: { type: 'string' }, relationship: { type: 'string' }, record: { type: 'string' }, 'case-reference': { type: 'string' },
      format: { type: 'string' }, out: { type: 'string' }, limit: { type: 'string' }, wait: { type: 'boolean' },
    },
  });
  const c = ctx.clients;
  const ms = ctx.timeoutSeconds * 1000;
  const id = () => { if (!positionals[0]) throw new Error(USAGE); return positionals[0]; };
  switch (sub) {
    case 'submit': {
      const kind = values.kind as Kind | undefined;
      if (!kind || !KINDS.includes(kind) || positionals.length === 0) throw new Error(`${USAGE}\n  KIND: ${KINDS.join(', ')}`);
      const ppi = values.ppi === undefined ? 0 : Number(values.ppi);
      if (!Number.isFinite(ppi) || ppi < 0) throw new Error('--ppi must be a non-negative number');
      if (kind === 'dna-kinship' && !RELATIONSHIP[values.relationship ?? '']) throw new Error('--relationship must be parent-child or full-sibling for dna-kinship');
      if (values.stringency !== undefined && !STRINGENCY[values.stringency]) throw new Error('--stringency must be high, moderate or low');
      if (kind === 'fp-verify' && !values.record) throw new Error('fp-verify needs --record ID (the reference record every probe is compared with)');
      const files = expandPaths(positionals);
      let rejected = 0;
      const items = batchItems(files, { kind, ppi, ...(values.stringency ? { stringency: values.stringency } : {}), ...(values.relationship ? { relationship: values.relationship } : {}), ...(values.record ? { record: values.record } : {}), ...(values['case-reference'] ? { caseReference: values['case-reference'] } : {}) },
        (where, reason) => { rejected++; process.stderr.write(`${where}: ${reason} (not sent)\n`); });
      let sent = 0;
      const counted = (function* () { for (const item of items) { sent++; yield item; } })();
      const job = await submitBatch(c, counted, { ...(values['request-id'] ? { requestId: values['request-id'] } : {}), timeoutMs: Math.max(ms, 3_600_000) });
      // More items than were sent: ANSI/NIST transactions became one item per finger record.
      const expanded = job.total > sent && sent > 0 ? ` from ${sent} sent (ANSI/NIST transactions: one item per finger record)` : '';
      if (ctx.json) ctx.out(JSON.stringify({ ...jobJson(job), ...(rejected ? { notSent: rejected } : {}) }));
      else ctx.out(`submitted ${job.jobId}: ${job.total} items${expanded}${rejected ? ` (${rejected} rows not sent)` : ''}`);
      if (values.detach) return 0;
      return follow(ctx, job.jobId);
    }
    case 'status': {
      const j = await call<object, BatchJob__Output>(c.batch.getStatus, c.batch, { jobId: id() }, c.metadata(), ms);
      ctx.out(ctx.json ? JSON.stringify(jobJson(j)) : statusLine(j));
      return 0;
    }
    case 'results': {
      const format = values.format ?? 'jsonl';
      if (format !== 'jsonl' && format !== 'csv') throw new Error('--format must be jsonl or csv');
      const sink = values.out ? createWriteStream(values.out) : undefined;
      const write = (line: string) => (sink ? new Promise<void>((r) => { if (sink.write(`${line}\n`)) r(); else sink.once('drain', () => r()); }) : Promise.resolve(ctx.out(line)));
      if (format === 'csv') await write('item,item_id,kind,status,field,message,record_id,candidates,top_record_id,top_subject_id,score,match');
      let n = 0;
      for await (const r of batchResults(c, id(), { wait: values.wait === true })) {
        await write(format === 'csv' ? csvRow(r) : JSON.stringify(resultRow(r)));
        n++;
      }
      if (sink) { await new Promise<void>((r) => sink.end(r)); process.stderr.write(`${n} results written to ${values.out}\n`); }
      return 0;
    }
    case 'cancel': {
      const j = await call<object, BatchJob__Output>(c.batch.cancel, c.batch, { jobId: id() }, c.metadata(), ms);
      ctx.out(ctx.json ? JSON.stringify(jobJson(j)) : statusLine(j));
      return 0;
    }
    case 'delete': {
      const j = await call<object, BatchJob__Output>(c.batch.delete, c.batch, { jobId: id() }, c.metadata(), ms);
      ctx.out(ctx.json ? JSON.stringify({ deleted: j.jobId }) : `deleted ${j.jobId}`);
      return 0;
    }
    case 'list': {
      const limit = values.limit === undefined ? 0 : Number(values.limit);
      const res = await call<object, ListBatchJobsResponse__Output>(c.batch.list, c.batch, { limit }, c.metadata(), ms);
      if (ctx.json) ctx.out(JSON.stringify(res.jobs.map(jobJson)));
      else ctx.out(table(['job', 'state', 'done', 'failed', 'total', 'kinds', 'submitted'], res.jobs.map((j) => [
        j.jobId, STATE_WORD[j.state] ?? j.state, j.done, j.failed, j.total, j.kinds.join(' '), j.submittedAt ? new Date(Number(j.submittedAt.seconds) * 1000).toISOString() : '',
      ])));
      return 0;
    }
    default:
      throw new Error(USAGE);
  }
}

const SCHEDULE_USAGE = 'usage: biomatch schedule add KIND [--every-hours N] [--name NAME] | list | remove ID | run ID\n  KIND: dna-unknown-vs-offenders (weekly), fp-tenprints-vs-unsolved (daily: the agency\'s tenprints enrolled since the last run against the unsolved latent file)';

function scheduleJson(s: Schedule__Output) {
  const iso = (t: Schedule__Output['nextRunAt']) => (t ? new Date(Number(t.seconds) * 1000).toISOString() : '');
  return { scheduleId: s.scheduleId, kind: s.kind, name: s.name, everyHours: s.everyHours, runs: s.runs, lastJobId: s.lastJobId, lastRunAt: iso(s.lastRunAt), nextRunAt: iso(s.nextRunAt) };
}

/** `biomatch schedule add|list|remove|run`: recurring searches; each run is a batch job. */
export async function schedule(ctx: CommandContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, strict: true, options: { 'every-hours': { type: 'string' }, name: { type: 'string' } } });
  const c = ctx.clients;
  const ms = ctx.timeoutSeconds * 1000;
  const arg = () => { if (!positionals[0]) throw new Error(SCHEDULE_USAGE); return positionals[0]; };
  switch (sub) {
    case 'add': {
      const everyHours = values['every-hours'] === undefined ? 0 : Number(values['every-hours']);
      if (!Number.isInteger(everyHours) || everyHours < 0) throw new Error('--every-hours must be a whole number of hours');
      const s = await call<object, Schedule__Output>(c.batch.addSchedule, c.batch, { kind: arg(), everyHours, name: values.name ?? '' }, c.metadata(), ms);
      ctx.out(ctx.json ? JSON.stringify(scheduleJson(s)) : `added ${s.scheduleId}: ${s.kind} every ${s.everyHours} h (first run now)`);
      return 0;
    }
    case 'list': {
      const res = await call<object, ListSchedulesResponse__Output>(c.batch.listSchedules, c.batch, {}, c.metadata(), ms);
      const rows = res.schedules.map(scheduleJson);
      if (ctx.json) ctx.out(JSON.stringify(rows));
      else ctx.out(table(['schedule', 'kind', 'every', 'runs', 'last job', 'next run', 'name'], rows.map((s) => [s.scheduleId, s.kind, `${s.everyHours} h`, s.runs, s.lastJobId, s.nextRunAt, s.name])));
      return 0;
    }
    case 'remove': {
      const s = await call<object, Schedule__Output>(c.batch.removeSchedule, c.batch, { scheduleId: arg() }, c.metadata(), ms);
      ctx.out(ctx.json ? JSON.stringify({ removed: s.scheduleId }) : `removed ${s.scheduleId}`);
      return 0;
    }
    case 'run': {
      const j = await call<object, BatchJob__Output>(c.batch.runSchedule, c.batch, { scheduleId: arg() }, c.metadata(), ms);
      ctx.out(ctx.json ? JSON.stringify(jobJson(j)) : `started ${j.jobId}: ${j.total} items`);
      return 0;
    }
    default:
      throw new Error(SCHEDULE_USAGE);
  }
}
