/**
 * `biomatch latent extract|search|add|list|get|remove|hits`: crime-scene marks (LatentService).
 *
 *   latent extract MARK [--ppi N] --out FEATURES.json [--draw OUT.png]
 *   latent search [MARK] [--ppi N] [--markup FILE.json | --efs FILE.an2] [--use-only-markup] [--max 20] [--min-score S] [--finger N]...
 *   latent add [MARK] --case-reference REF [--ppi N] [--markup FILE.json | --efs FILE.an2] [--use-only-markup]
 *              [--external-id ID] [--finger N]... [--visible-to AGENCY]... [--visible-to-all]
 *   latent search-unsolved [MARK] [--markup FILE.json | --efs FILE.an2] [--max 20]   (LL: a mark against the unsolved file)
 *   latent search-unsolved FINGER --tenprint [--ppi N] [--finger N]                   (TL on demand: a tenprint finger)
 *   latent list [--case-reference REF] | get ID | remove ID
 *   latent hits [--all] [--latent ID] [--ack HIT_ID]
 *
 * FEATURES.json (written by `extract --out`, read by `--markup`) is the LatentMarkup message in
 * JSON: {"roi": [{"x", "y"}], "minutiae": [{"x", "y", "angleDegrees", "type", "quality"}],
 * "cores": [{"x", "y", "angleDegrees"}], "deltas": [...], "useOnlyMarkup": false}, pixels at
 * 500 ppi; `type` is ending, bifurcation or other (or the proto enum name); `quality` is the
 * confidence 0–100. A mark may be markup alone (no MARK image).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { call } from '../../engine/service/client.js';
import type { CandidateList__Output } from '../../engine/service/generated/biomatch/v1/CandidateList.js';
import type { ExtractLatentResponse__Output } from '../../engine/service/generated/biomatch/v1/ExtractLatentResponse.js';
import type { LatentRecord__Output } from '../../engine/service/generated/biomatch/v1/LatentRecord.js';
import type { LatentMarkup } from '../../engine/service/generated/biomatch/v1/LatentMarkup.js';
import type { LatentMark } from '../../engine/service/generated/biomatch/v1/LatentMark.js';
import type { ListUnsolvedResponse__Output } from '../../engine/service/generated/biomatch/v1/ListUnsolvedResponse.js';
import type { ListLatentHitsResponse__Output } from '../../engine/service/generated/biomatch/v1/ListLatentHitsResponse.js';
import type { LatentHit__Output } from '../../engine/service/generated/biomatch/v1/LatentHit.js';
import type { MinutiaType } from '../../engine/service/generated/biomatch/v1/MinutiaType.js';
import { table, type CommandContext } from './common.js';

const USAGE = [
  'usage: biomatch latent extract MARK [--ppi N] --out FEATURES.json [--draw OUT.png]',
  '       biomatch latent search [MARK] [--ppi N] [--markup FILE.json | --efs FILE.an2] [--use-only-markup] [--max 20] [--min-score S] [--finger N]...',
  '       biomatch latent add [MARK] --case-reference REF [--ppi N] [--markup FILE.json | --efs FILE.an2] [--external-id ID] [--finger N]... [--visible-to AGENCY]... [--visible-to-all]',
  '       biomatch latent search-unsolved [MARK] [--markup FILE.json | --efs FILE.an2] [--max 20] | search-unsolved FINGER --tenprint [--ppi N] [--finger N]',
  '       biomatch latent list [--case-reference REF] | get ID | remove ID | hits [--all] [--latent ID] [--ack HIT_ID]',
].join('\n');

const TYPES: Record<string, MinutiaType> = {
  ending: 'MINUTIA_TYPE_RIDGE_ENDING', 'ridge-ending': 'MINUTIA_TYPE_RIDGE_ENDING', bifurcation: 'MINUTIA_TYPE_BIFURCATION', other: 'MINUTIA_TYPE_OTHER',
  MINUTIA_TYPE_RIDGE_ENDING: 'MINUTIA_TYPE_RIDGE_ENDING', MINUTIA_TYPE_BIFURCATION: 'MINUTIA_TYPE_BIFURCATION', MINUTIA_TYPE_OTHER: 'MINUTIA_TYPE_OTHER', MINUTIA_TYPE_UNSPECIFIED: 'MINUTIA_TYPE_UNSPECIFIED',
};
const SHORT_TYPE: Record<string, string> = { MINUTIA_TYPE_RIDGE_ENDING: 'ending', MINUTIA_TYPE_BIFURCATION: 'bifurcation', MINUTIA_TYPE_OTHER: 'other', MINUTIA_TYPE_UNSPECIFIED: 'other' };

function numberOption(v: string | undefined, name: string): number {
  if (v === undefined) return 0;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number`);
  return n;
}

/** A FEATURES.json file → the LatentMarkup message; the shape is checked here, the values by the server. */
export function readMarkupFile(path: string): LatentMarkup {
  let doc: unknown;
  try { doc = JSON.parse(readFileSync(path, 'utf8')); } catch (e) { throw new Error(`${path}: not a JSON features file (${e instanceof Error ? e.message : 'unreadable'})`); }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error(`${path}: must be a JSON object with roi, minutiae, cores, deltas`);
  const d = doc as Record<string, unknown>;
  const list = (key: string): Record<string, unknown>[] => {
    const v = d[key] ?? [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'object' || x === null)) throw new Error(`${path}: ${key} must be an array of objects`);
    return v as Record<string, unknown>[];
  };
  const num = (o: Record<string, unknown>, k: string, where: string): number => {
    const v = o[k] ?? 0;
    if (typeof v !== 'number') throw new Error(`${path}: ${where}.${k} must be a number`);
    return v;
  };
  const point = (p: Record<string, unknown>, i: number, key: string) => ({ x: num(p, 'x', `${key}[${i}]`), y: num(p, 'y', `${key}[${i}]`), angleDegrees: num(p, 'angleDegrees', `${key}[${i}]`) });
  return {
    roi: list('roi').map((p, i) => ({ x: num(p, 'x', `roi[${i}]`), y: num(p, 'y', `roi[${i}]`) })),
    minutiae: list('minutiae').map((m, i) => {
      const type = TYPES[String(m.type ?? 'other')];
      if (!type) throw new Error(`${path}: minutiae[${i}].type must be ending, bifurcation or other`);
      return { ...point(m, i, 'minutiae'), type, quality: num(m, 'quality', `minutiae[${i}]`) };
    }),
    cores: list('cores').map((p, i) => ({ ...point(p, i, 'cores'), type: 'TYPE_CORE' as const })),
    deltas: list('deltas').map((p, i) => ({ ...point(p, i, 'deltas'), type: 'TYPE_DELTA' as const })),
    useOnlyMarkup: d.useOnlyMarkup === true,
  };
}

/** ExtractLatent's features → the FEATURES.json form (short minutia types, no enum noise). */
function markupJson(f: ExtractLatentResponse__Output['features'], width: number, height: number): object {
  return {
    width, height,
    roi: (f?.roi ?? []).map((p) => ({ x: p.x, y: p.y })),
    minutiae: (f?.minutiae ?? []).map((m) => ({ x: m.x, y: m.y, angleDegrees: Number(m.angleDegrees.toFixed(2)), type: SHORT_TYPE[m.type] ?? 'other', quality: m.quality })),
    cores: (f?.cores ?? []).map((p) => ({ x: p.x, y: p.y, angleDegrees: p.angleDegrees })),
    deltas: (f?.deltas ?? []).map((p) => ({ x: p.x, y: p.y, angleDegrees: p.angleDegrees })),
    useOnlyMarkup: false,
  };
}

const markOptions = {
  ppi: { type: 'string' }, markup: { type: 'string' }, efs: { type: 'string' }, 'use-only-markup': { type: 'boolean' }, finger: { type: 'string', multiple: true },
} as const;

/** The mark of `search` / `add`: an image, markup, or both. */
function markFrom(image: string | undefined, o: { ppi?: string; markup?: string; efs?: string; 'use-only-markup'?: boolean; finger?: string[] }, caseReference = ''): LatentMark {
  if (o.markup && o.efs) throw new Error('give --markup or --efs, not both');
  if (!image && !o.markup && !o.efs) throw new Error(`a mark needs an image, --markup FILE.json or --efs FILE.an2, or both\n${USAGE}`);
  const markup = o.markup ? readMarkupFile(o.markup) : undefined;
  if (markup && o['use-only-markup']) markup.useOnlyMarkup = true;
  return {
    ...(image ? { image: { data: readFileSync(image), ppi: numberOption(o.ppi, 'ppi') } } : {}),
    ...(markup ? { markup } : {}),
    // The server reads the Type-9 EFS record (engine/latent/efs.ts), so any client can send one.
    ...(o.efs ? { efs: readFileSync(o.efs) } : {}),
    caseReference,
    possibleFingerPositions: (o.finger ?? []).map((f) => numberOption(f, 'finger')),
  };
}

function printCandidates(ctx: CommandContext, list: CandidateList__Output, latent: boolean): void {
  if (ctx.json) { ctx.out(JSON.stringify(list, null, 2)); return; }
  ctx.out(table(['rank', 'score', 'record id', latent ? 'case' : 'subject', latent ? 'owner' : 'finger', 'pairs'],
    list.candidates.map((c) => [c.rank, c.score.toFixed(4), c.recordId, latent ? c.caseReference : c.subjectId, latent ? c.ownerAgency : c.fingerPosition, c.fingerprint?.pairs.length ?? 0])));
  ctx.out(`${list.candidates.length} of ${list.totalHits} hits; ${list.compared} compared in ${list.elapsedMs.toFixed(1)} ms`);
}

function hitRow(h: LatentHit__Output): (string | number)[] {
  return [h.hitId, h.latentId, h.caseReference, h.tenprintRecordId, h.subjectId, h.fingerPosition, h.score.toFixed(4), h.acknowledged ? 'yes' : 'no'];
}

export async function latent(ctx: CommandContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const md = ctx.clients.metadata();
  const ms = ctx.timeoutSeconds * 1000;
  const lc = ctx.clients.latent;
  switch (sub) {
    case 'extract': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { ppi: { type: 'string' }, out: { type: 'string' }, draw: { type: 'string' } } });
      if (!positionals[0] || !values.out) throw new Error(USAGE);
      const res = await call<object, ExtractLatentResponse__Output>(lc.extractLatent, lc, {
        image: { data: readFileSync(positionals[0]), ppi: numberOption(values.ppi, 'ppi') }, includeDrawing: values.draw !== undefined,
      }, md, ms);
      writeFileSync(values.out, `${JSON.stringify(markupJson(res.features, res.width, res.height), null, 2)}\n`);
      if (values.draw) writeFileSync(values.draw, res.drawingPng);
      const f = res.features;
      ctx.out(ctx.json ? JSON.stringify({ out: values.out, minutiae: f?.minutiae.length ?? 0, cores: f?.cores.length ?? 0, deltas: f?.deltas.length ?? 0, extractMs: res.extractMs })
        : `${f?.minutiae.length ?? 0} minutiae, ${f?.cores.length ?? 0} cores, ${f?.deltas.length ?? 0} deltas in ${res.extractMs.toFixed(0)} ms → ${values.out}${values.draw ? ` (drawing ${values.draw})` : ''}`);
      return 0;
    }
    case 'search': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { ...markOptions, max: { type: 'string' }, 'min-score': { type: 'string' } } });
      const list = await call<object, CandidateList__Output>(lc.search, lc, {
        mark: markFrom(positionals[0], values), maxCandidates: numberOption(values.max, 'max'), minScore: numberOption(values['min-score'], 'min-score'),
      }, md, ms);
      printCandidates(ctx, list, false);
      return 0;
    }
    case 'search-unsolved': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { ...markOptions, tenprint: { type: 'boolean' }, max: { type: 'string' }, 'min-score': { type: 'string' } } });
      const base = { maxCandidates: numberOption(values.max, 'max'), minScore: numberOption(values['min-score'], 'min-score') };
      let req: object;
      if (values.tenprint) {
        if (!positionals[0]) throw new Error(USAGE);
        const fingers = (values.finger ?? []).map((f) => numberOption(f, 'finger'));
        if (fingers.length > 1) throw new Error('--tenprint takes one --finger (the probe finger\'s position)');
        req = { ...base, probe: { image: { data: readFileSync(positionals[0]), ppi: numberOption(values.ppi, 'ppi') } }, fingerPosition: fingers[0] ?? 0 };
      } else req = { ...base, mark: markFrom(positionals[0], values) };
      const list = await call<object, CandidateList__Output>(lc.searchUnsolvedFile, lc, req, md, ms);
      printCandidates(ctx, list, true);
      return 0;
    }
    case 'add': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: {
        ...markOptions, 'case-reference': { type: 'string' }, 'external-id': { type: 'string' }, 'visible-to': { type: 'string', multiple: true }, 'visible-to-all': { type: 'boolean' },
      } });
      if (!values['case-reference']) throw new Error(`--case-reference REF is required: a mark is filed under its case\n${USAGE}`);
      const rec = await call<object, LatentRecord__Output>(lc.addToUnsolvedFile, lc, {
        mark: markFrom(positionals[0], values, values['case-reference']), externalId: values['external-id'] ?? '',
        visibility: { agencies: values['visible-to'] ?? [], allAgencies: values['visible-to-all'] ?? false },
      }, md, ms);
      const notes = [
        ...(rec.hasTenprintRoute ? ['TL also reads it as a tenprint'] : []),
        // Under the server's --reverse-search-min-mark-minutiae (docs/decisions/tl-few-minutiae.md).
        ...(rec.reverseSearched ? [] : ['too few minutiae for the automatic TL: new tenprints are not searched against it (add minutiae by markup, or search by hand)']),
      ];
      ctx.out(ctx.json ? JSON.stringify(rec, null, 2) : `filed ${rec.meta?.id} (case ${rec.caseReference}, ${rec.template?.minutiae.length} minutiae${notes.map((n) => `; ${n}`).join('')})`);
      return 0;
    }
    case 'list': {
      const { values } = parseArgs({ args: rest, options: { 'case-reference': { type: 'string' } } });
      const records: ListUnsolvedResponse__Output['records'] = [];
      let pageToken = '';
      do {
        const page = await call<object, ListUnsolvedResponse__Output>(lc.listUnsolved, lc, { caseReference: values['case-reference'] ?? '', pageToken }, md, ms);
        records.push(...page.records);
        pageToken = page.nextPageToken;
      } while (pageToken !== '');
      if (ctx.json) ctx.out(JSON.stringify(records, null, 2));
      else ctx.out(table(['record id', 'owner', 'external id', 'created'], records.map((r) => [r.id, r.ownerAgency, r.externalId, new Date(Number(r.createdAt?.seconds ?? 0) * 1000).toISOString()])));
      return 0;
    }
    case 'get': {
      if (!rest[0]) throw new Error(USAGE);
      const rec = await call<object, LatentRecord__Output>(lc.getLatent, lc, { recordId: rest[0] }, md, ms);
      ctx.out(JSON.stringify(rec, null, 2));
      return 0;
    }
    case 'remove': {
      if (!rest[0]) throw new Error(USAGE);
      const res = await call<object, { deleted: boolean }>(lc.removeFromUnsolvedFile, lc, { recordId: rest[0] }, md, ms);
      ctx.out(res.deleted ? `removed ${rest[0]}` : `${rest[0]}: no such mark`);
      return res.deleted ? 0 : 1;
    }
    case 'hits': {
      const { values } = parseArgs({ args: rest, options: { all: { type: 'boolean' }, latent: { type: 'string' }, ack: { type: 'string' } } });
      if (values.ack) {
        const h = await call<object, LatentHit__Output>(lc.acknowledgeLatentHit, lc, { hitId: values.ack }, md, ms);
        ctx.out(ctx.json ? JSON.stringify(h, null, 2) : `acknowledged ${h.hitId} (mark ${h.latentId}, tenprint ${h.tenprintRecordId})`);
        return 0;
      }
      const hits: LatentHit__Output[] = [];
      let pageToken = '';
      do {
        const page = await call<object, ListLatentHitsResponse__Output>(lc.listLatentHits, lc, { includeAcknowledged: values.all ?? false, latentId: values.latent ?? '', pageToken }, md, ms);
        hits.push(...page.hits);
        pageToken = page.nextPageToken;
      } while (pageToken !== '');
      if (ctx.json) ctx.out(JSON.stringify(hits, null, 2));
      else ctx.out(table(['hit id', 'mark', 'case', 'tenprint record', 'subject', 'finger', 'score', 'acknowledged'], hits.map(hitRow)));
      return 0;
    }
    default:
      throw new Error(USAGE);
  }
}
