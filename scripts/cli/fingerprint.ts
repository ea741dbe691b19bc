/**
 * `biomatch extract` and `biomatch fp enroll|verify|identify|get|delete`.
 * A FILE is sent as an ISO/IEC 19794-2 or ANSI 378 template when its bytes are one, otherwise as
 * an image (PNG, JPEG, TIFF, BMP, WSQ, ANSI/NIST; raw gray needs --width and --height).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { call } from '../../engine/service/client.js';
import { detectTemplateFormat } from '../../engine/fingerprint/templates/template-format.js';
import type { ExtractResponse__Output } from '../../engine/service/generated/biomatch/v1/ExtractResponse.js';
import type { FingerprintRecord__Output } from '../../engine/service/generated/biomatch/v1/FingerprintRecord.js';
import type { CandidateList__Output } from '../../engine/service/generated/biomatch/v1/CandidateList.js';
import type { VerifyResponse__Output } from '../../engine/service/generated/biomatch/v1/VerifyResponse.js';
import type { FingerprintSample } from '../../engine/service/generated/biomatch/v1/FingerprintSample.js';
import { table, type CommandContext } from './common.js';

const imageOptions = {
  ppi: { type: 'string' },
  width: { type: 'string' },
  height: { type: 'string' },
  raw: { type: 'boolean' },
} as const;

/**
 * JSON for people: bytes (a template's block orientation field) as base64, as protobuf's JSON
 * mapping writes them, not as Buffer's array of numbers.
 */
const base64Bytes = (_key: string, v: unknown): unknown =>
  v !== null && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data)
    ? Buffer.from((v as { data: number[] }).data).toString('base64')
    : v;

function numberOption(v: string | undefined, name: string): number {
  if (v === undefined) return 0;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number`);
  return n;
}

function sampleFrom(path: string, o: { ppi?: string; width?: string; height?: string; raw?: boolean }): FingerprintSample {
  const data = readFileSync(path);
  if (!o.raw && detectTemplateFormat(data) !== undefined) return { template: { encoded: { data } } };
  return {
    image: {
      data,
      ppi: numberOption(o.ppi, 'ppi'),
      ...(o.raw ? { format: 'IMAGE_FORMAT_RAW', width: numberOption(o.width, 'width'), height: numberOption(o.height, 'height') } : {}),
    },
  };
}

export async function extract(ctx: CommandContext, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { ...imageOptions, format: { type: 'string' }, out: { type: 'string' }, stages: { type: 'string' } } });
  const [file] = positionals;
  if (!file) throw new Error('usage: biomatch extract FILE [--ppi N] [--format iso|ansi|json] [--out FILE] [--stages DIR]');
  const format = values.format ?? 'json';
  const outputFormat = format === 'iso' ? 'TEMPLATE_FORMAT_ISO_19794_2_2005' : format === 'ansi' ? 'TEMPLATE_FORMAT_ANSI_378_2004' : format === 'json' ? 'TEMPLATE_FORMAT_INTERNAL' : undefined;
  if (!outputFormat) throw new Error('--format must be iso, ansi or json');
  const sample = sampleFrom(file, values);
  if (!sample.image) throw new Error(`${file} is a template already; extract takes an image`);
  const res = await call<object, ExtractResponse__Output>(ctx.clients.fingerprint.extract, ctx.clients.fingerprint, {
    image: sample.image, outputFormat, includeStageImages: values.stages !== undefined,
  }, ctx.clients.metadata(), ctx.timeoutSeconds * 1000);
  res.fingers.forEach((f, i) => {
    const suffix = res.fingers.length > 1 ? `-${i + 1}` : '';
    if (values.stages) for (const s of f.stageImages) writeFileSync(`${values.stages}/${s.stage}${suffix}.png`, s.png);
    if (format !== 'json' && f.encoded) {
      if (!values.out) throw new Error(`--out FILE is needed for --format ${format}`);
      writeFileSync(values.out.replace(/(\.[^.]*)?$/, `${suffix}$1`), f.encoded.data);
    }
  });
  if (format === 'json' || ctx.json) {
    const text = JSON.stringify(res.fingers.map((f) => ({ source: f.source, sourcePpi: f.sourcePpi, extractMs: f.extractMs, minutiaeDropped: f.minutiaeDropped, template: f.template })), base64Bytes, 2);
    if (values.out && format === 'json') writeFileSync(values.out, text); else ctx.out(text);
  } else {
    ctx.out(table(['source', 'minutiae', 'quality', 'ms'], res.fingers.map((f) => [f.source, f.template?.minutiae.length ?? 0, f.template?.quality ?? 0, f.extractMs.toFixed(0)])));
  }
  for (const f of res.fingers) {
    if (f.minutiaeDropped > 0) process.stderr.write(`${f.source}: ${f.minutiaeDropped} lowest-quality minutiae left out (a template holds at most 255); the image may hold a noisy background\n`);
  }
  return 0;
}

function printCandidates(ctx: CommandContext, list: CandidateList__Output): void {
  if (ctx.json) { ctx.out(JSON.stringify(list, null, 2)); return; }
  ctx.out(table(['rank', 'score', 'record id', 'subject', 'finger', 'pairs'], list.candidates.map((c) => [c.rank, c.score.toFixed(4), c.recordId, c.subjectId, c.fingerPosition, c.fingerprint?.pairs.length ?? 0])));
  ctx.out(`${list.candidates.length} of ${list.totalHits} hits; ${list.compared} compared in ${list.elapsedMs.toFixed(1)} ms`);
}

export async function fp(ctx: CommandContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const md = ctx.clients.metadata();
  const ms = ctx.timeoutSeconds * 1000;
  const fpc = ctx.clients.fingerprint;
  switch (sub) {
    case 'enroll': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { ...imageOptions, subject: { type: 'string' }, finger: { type: 'string' }, 'external-id': { type: 'string' }, 'visible-to': { type: 'string', multiple: true }, 'visible-to-all': { type: 'boolean' } } });
      if (!positionals[0] || !values.subject) throw new Error('usage: biomatch fp enroll FILE --subject ID [--finger N] [--ppi N] [--external-id ID] [--visible-to AGENCY]... [--visible-to-all]');
      const rec = await call<object, FingerprintRecord__Output>(fpc.enroll, fpc, {
        subjectId: values.subject, fingerPosition: numberOption(values.finger, 'finger'), externalId: values['external-id'] ?? '',
        visibility: { agencies: values['visible-to'] ?? [], allAgencies: values['visible-to-all'] ?? false },
        sample: sampleFrom(positionals[0], values),
      }, md, ms);
      ctx.out(ctx.json ? JSON.stringify(rec, base64Bytes, 2) : `enrolled ${rec.meta?.id} (subject ${rec.meta?.subjectId}, finger ${rec.fingerPosition}, ${rec.template?.minutiae.length} minutiae)`);
      return 0;
    }
    case 'verify': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { ...imageOptions, record: { type: 'string' }, threshold: { type: 'string' } } });
      const [probe, reference] = positionals;
      if (!probe || (!values.record && !reference)) throw new Error('usage: biomatch fp verify PROBE (--record ID | REFERENCE) [--ppi N] [--threshold T]');
      const res = await call<object, VerifyResponse__Output>(fpc.verify, fpc, {
        probe: sampleFrom(probe, values), threshold: numberOption(values.threshold, 'threshold'),
        ...(values.record ? { recordId: values.record } : { sample: sampleFrom(reference, values) }),
      }, md, ms);
      ctx.out(ctx.json ? JSON.stringify(res, null, 2) : `${res.match ? 'MATCH' : 'no match'}: score ${res.score.toFixed(4)} (threshold ${res.threshold}), ${res.evidence?.pairs.length ?? 0} minutiae pairs`);
      return res.match ? 0 : 4;
    }
    case 'identify': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { ...imageOptions, max: { type: 'string' }, 'min-score': { type: 'string' }, finger: { type: 'string', multiple: true }, exhaustive: { type: 'boolean' } } });
      if (!positionals[0]) throw new Error('usage: biomatch fp identify PROBE [--ppi N] [--max N] [--min-score S] [--finger N]... [--exhaustive]');
      const list = await call<object, CandidateList__Output>(fpc.identify, fpc, {
        probe: sampleFrom(positionals[0], values), maxCandidates: numberOption(values.max, 'max'), minScore: numberOption(values['min-score'], 'min-score'),
        fingerPositions: (values.finger ?? []).map((f) => numberOption(f, 'finger')), exhaustive: values.exhaustive ?? false,
      }, md, ms);
      printCandidates(ctx, list);
      return 0;
    }
    case 'get': {
      if (!rest[0]) throw new Error('usage: biomatch fp get RECORD_ID');
      const rec = await call<object, FingerprintRecord__Output>(fpc.get, fpc, { recordId: rest[0] }, md, ms);
      ctx.out(JSON.stringify(rec, base64Bytes, 2));
      return 0;
    }
    case 'delete': {
      if (!rest[0]) throw new Error('usage: biomatch fp delete RECORD_ID');
      const res = await call<object, { deleted: boolean }>(fpc.delete, fpc, { recordId: rest[0] }, md, ms);
      ctx.out(res.deleted ? `deleted ${rest[0]}` : `${rest[0]}: no such record`);
      return res.deleted ? 0 : 1;
    }
    default:
      throw new Error('usage: biomatch fp enroll|verify|identify|get|delete ...');
  }
}
