/**
 * `biomatch dna search|kinship|enroll|import|get|delete|tables`. Profiles are JSON files:
 * {"id": "GT37019", "loci": {"D3S1358": ["15", "16"], "vWA": ["17"]}, "kind"?, "owner"?,
 *  "caseReference"?, "relationship"?}
 */
import { readFileSync, createReadStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { call } from '../../engine/service/client.js';
import type { CandidateList__Output } from '../../engine/service/generated/biomatch/v1/CandidateList.js';
import type { DnaRecord__Output } from '../../engine/service/generated/biomatch/v1/DnaRecord.js';
import type { DnaImportSummary__Output } from '../../engine/service/generated/biomatch/v1/DnaImportSummary.js';
import type { DnaProfile } from '../../engine/service/generated/biomatch/v1/DnaProfile.js';
import type { DnaImportChunk } from '../../engine/service/generated/biomatch/v1/DnaImportChunk.js';
import type { ListPopulationTablesResponse__Output } from '../../engine/service/generated/biomatch/v1/ListPopulationTablesResponse.js';
import { table, type CommandContext } from './common.js';

interface ProfileFile { id?: string; loci: Record<string, (string | number)[]>; kind?: string; owner?: string; caseReference?: string; relationship?: string }

function enumName(prefix: string, v: string | undefined): string | undefined {
  return v === undefined ? undefined : `${prefix}${v.toUpperCase().replace(/[\s-]+/g, '_')}`;
}

export function readProfileFile(path: string): { doc: ProfileFile; profile: DnaProfile } {
  let doc: ProfileFile;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8')) as ProfileFile;
  } catch (e) {
    throw new Error(`${path}: not a JSON profile (${(e as Error).message.slice(0, 80)})`);
  }
  if (!doc || typeof doc !== 'object' || typeof doc.loci !== 'object' || doc.loci === null) throw new Error(`${path}: a profile needs "loci": {"LOCUS": ["allele", ...]}`);
  const kind = enumName('PROFILE_KIND_', doc.kind);
  const relationship = enumName('RELATIONSHIP_', doc.relationship === 'sibling' ? 'full-sibling' : doc.relationship);
  return {
    doc,
    profile: {
      loci: Object.fromEntries(Object.entries(doc.loci).map(([l, a]) => [l, { alleles: (Array.isArray(a) ? a : [a]).map(String) }])),
      ...(kind ? { kind: kind as DnaProfile['kind'] } : {}),
      ...(relationship ? { relationship: relationship as DnaProfile['relationship'] } : {}),
      ...(doc.caseReference ? { caseReference: doc.caseReference } : {}),
    },
  };
}

const STRINGENCY: Record<string, string> = { high: 'STRINGENCY_HIGH', moderate: 'STRINGENCY_MODERATE', low: 'STRINGENCY_LOW' };

function num(v: string | undefined, name: string): number {
  if (v === undefined) return 0;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number`);
  return n;
}

/** `--theta`: absent leaves the server default; `--theta 0` asks for θ = 0. */
function theta(v: string | undefined): { theta?: number } {
  if (v === undefined) return {};
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n < 0 || n >= 0.5) throw new Error('--theta must be a number in [0, 0.5)');
  return { theta: n };
}

/** `--loci ESS` / `--loci CODIS13,SE33` / repeated: the server resolves the names (and refuses unknown ones). */
function compareLoci(v: string[] | undefined): string[] {
  return (v ?? []).flatMap((x) => x.split(',')).map((x) => x.trim()).filter((x) => x !== '');
}

function printList(ctx: CommandContext, list: CandidateList__Output, kinship: boolean): void {
  if (ctx.json) {
    ctx.out(JSON.stringify({
      totalHits: list.totalHits,
      compared: list.compared,
      candidates: list.candidates.map((c) => ({
        rank: c.rank, recordId: c.recordId, profileId: c.externalId, subjectId: c.subjectId, score: c.score,
        matchingLoci: c.dna?.matchingLoci, mismatchingLoci: c.dna?.mismatchingLoci, comparedLoci: c.dna?.comparedLoci, wildcardLoci: c.dna?.wildcardLoci,
        ...(kinship ? { kinshipIndex: c.dna?.kinshipIndex } : { randomMatchProbability: c.dna?.randomMatchProbability, likelihoodRatio: c.dna?.likelihoodRatio, combinedProbabilityOfInclusion: c.dna?.combinedProbabilityOfInclusion }),
        population: c.dna?.population,
        loci: c.dna?.loci.map((l) => ({ locus: l.locus, comparison: l.comparison.replace('LOCUS_COMPARISON_', '').toLowerCase(), query: l.queryAlleles, candidate: l.candidateAlleles })),
      })),
    }, null, 2));
    return;
  }
  const rows = list.candidates.map((c) => [c.rank, c.externalId || '-', c.recordId, c.dna?.matchingLoci ?? 0, c.dna?.mismatchingLoci ?? 0, c.dna?.comparedLoci ?? 0,
    kinship ? (c.dna?.kinshipIndex ?? 0).toExponential(3) : c.dna?.combinedProbabilityOfInclusion ? `CPI ${c.dna.combinedProbabilityOfInclusion.toExponential(3)}` : `RMP ${(c.dna?.randomMatchProbability ?? 0).toExponential(3)}`]);
  ctx.out(table(['rank', 'profile id', 'record id', 'match', 'mismatch', 'compared', kinship ? 'kinship index' : 'statistic'], rows));
  ctx.out(`${list.candidates.length} of ${list.totalHits} hits; ${list.compared} profiles compared in ${list.elapsedMs.toFixed(1)} ms`);
}

export async function dna(ctx: CommandContext, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const md = ctx.clients.metadata();
  const ms = ctx.timeoutSeconds * 1000;
  const d = ctx.clients.dna;
  switch (sub) {
    case 'search': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: {
        stringency: { type: 'string' }, 'min-loci': { type: 'string' }, 'max-mismatches': { type: 'string' }, max: { type: 'string' },
        population: { type: 'string' }, theta: { type: 'string' }, kind: { type: 'string', multiple: true }, loci: { type: 'string', multiple: true } } });
      if (!positionals[0]) throw new Error('usage: biomatch dna search PROFILE.json --stringency high|moderate|low [--min-loci N] [--max-mismatches N] [--max N] [--population SRC/POP] [--theta T] [--kind KIND]... [--loci ESS|CODIS13|CODIS20|LOCUS,...]');
      const stringency = STRINGENCY[(values.stringency ?? 'high').toLowerCase()];
      if (!stringency) throw new Error('--stringency must be high, moderate or low');
      const { profile } = readProfileFile(positionals[0]);
      const list = await call<object, CandidateList__Output>(d.search, d, {
        profile, stringency, minComparedLoci: num(values['min-loci'], 'min-loci'), maxMismatches: num(values['max-mismatches'], 'max-mismatches'),
        maxCandidates: num(values.max, 'max'), population: values.population ?? '', ...theta(values.theta),
        targetKinds: (values.kind ?? []).map((k) => enumName('PROFILE_KIND_', k)), compareLoci: compareLoci(values.loci),
      }, md, ms);
      printList(ctx, list, false);
      return 0;
    }
    case 'kinship': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: {
        relationship: { type: 'string' }, 'min-index': { type: 'string' }, max: { type: 'string' }, population: { type: 'string' }, theta: { type: 'string' }, 'min-loci': { type: 'string' },
        loci: { type: 'string', multiple: true } } });
      if (!positionals[0] || !values.relationship) throw new Error('usage: biomatch dna kinship PROFILE.json --relationship parent-child|full-sibling [--min-index KI] [--max N] [--population SRC/POP] [--theta T] [--loci ESS|CODIS13|CODIS20|LOCUS,...]');
      const { profile } = readProfileFile(positionals[0]);
      const list = await call<object, CandidateList__Output>(d.kinshipSearch, d, {
        profile, relationship: enumName('RELATIONSHIP_', values.relationship), minKinshipIndex: num(values['min-index'], 'min-index'),
        maxCandidates: num(values.max, 'max'), population: values.population ?? '', ...theta(values.theta), minComparedLoci: num(values['min-loci'], 'min-loci'),
        compareLoci: compareLoci(values.loci),
      }, md, ms);
      printList(ctx, list, true);
      return 0;
    }
    case 'enroll': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { subject: { type: 'string' }, 'visible-to': { type: 'string', multiple: true }, 'visible-to-all': { type: 'boolean' } } });
      if (!positionals[0]) throw new Error('usage: biomatch dna enroll PROFILE.json [--subject ID] [--visible-to AGENCY]... [--visible-to-all]');
      const { doc, profile } = readProfileFile(positionals[0]);
      const rec = await call<object, DnaRecord__Output>(d.enroll, d, {
        profile, subjectId: values.subject ?? '', externalId: doc.id ?? '', ownerAgency: doc.owner ?? '',
        visibility: { agencies: values['visible-to'] ?? [], allAgencies: values['visible-to-all'] ?? false },
      }, md, ms);
      ctx.out(ctx.json ? JSON.stringify(rec, null, 2) : `enrolled ${rec.meta?.id} (${doc.id ?? 'no profile id'}, ${Object.keys(rec.profile?.loci ?? {}).length} loci)`);
      return 0;
    }
    case 'import': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { format: { type: 'string' }, kind: { type: 'string' }, 'visible-to': { type: 'string', multiple: true }, 'visible-to-all': { type: 'boolean' } } });
      const file = positionals[0];
      if (!file) throw new Error('usage: biomatch dna import FILE.csv|FILE.json [--format csv|json] [--kind KIND] [--visible-to AGENCY]...');
      const format = (values.format ?? (file.toLowerCase().endsWith('.json') ? 'json' : 'csv')).toLowerCase();
      if (format !== 'csv' && format !== 'json') throw new Error('--format must be csv or json');
      const summary = await new Promise<DnaImportSummary__Output>((resolve, reject) => {
        const stream = d.import(md, { deadline: Date.now() + Math.max(ms, 600_000) }, (err, res) => (err ? reject(err) : resolve(res!)));
        let first = true;
        const input = createReadStream(file, { highWaterMark: 256 * 1024 });
        input.on('data', (chunk) => {
          const data = chunk as Buffer;
          const chunkMsg: DnaImportChunk = first ? {
            format: format === 'csv' ? 'IMPORT_FORMAT_CSV' : 'IMPORT_FORMAT_JSON', data,
            defaultKind: (enumName('PROFILE_KIND_', values.kind) ?? 'PROFILE_KIND_UNSPECIFIED') as DnaImportChunk['defaultKind'],
            visibility: { agencies: values['visible-to'] ?? [], allAgencies: values['visible-to-all'] ?? false },
          } : { data };
          stream.write(chunkMsg);
          first = false;
        });
        input.on('end', () => stream.end());
        input.on('error', (e) => { stream.cancel(); reject(e); });
      });
      if (ctx.json) ctx.out(JSON.stringify(summary, null, 2));
      else {
        ctx.out(`${summary.rows} rows: ${summary.stored} stored, ${summary.updated} updated, ${summary.unchanged} unchanged, ${summary.rejected} rejected`);
        for (const e of summary.errors) ctx.out(`  line ${e.line}: ${e.reason}`);
      }
      return summary.rejected > 0 ? 5 : 0;
    }
    case 'get': {
      if (!rest[0]) throw new Error('usage: biomatch dna get RECORD_ID');
      ctx.out(JSON.stringify(await call<object, DnaRecord__Output>(d.get, d, { recordId: rest[0] }, md, ms), null, 2));
      return 0;
    }
    case 'delete': {
      if (!rest[0]) throw new Error('usage: biomatch dna delete RECORD_ID');
      const res = await call<object, { deleted: boolean }>(d.delete, d, { recordId: rest[0] }, md, ms);
      ctx.out(res.deleted ? `deleted ${rest[0]}` : `${rest[0]}: no such record`);
      return res.deleted ? 0 : 1;
    }
    case 'tables': {
      const { values } = parseArgs({ args: rest, options: { loci: { type: 'boolean' } } });
      const res = await call<object, ListPopulationTablesResponse__Output>(d.listPopulationTables, d, {}, md, ms);
      if (ctx.json) { ctx.out(JSON.stringify(res.tables, null, 2)); return 0; }
      ctx.out(table(['population table', 'source file', 'loci', 'alleles', '2N (min-max)', 'default'], res.tables.map((t) => {
        const ns = t.loci.map((l) => l.alleleCount).filter((n) => n > 0);
        return [t.name, t.sourceFile || '-', t.loci.length, t.loci.reduce((n, l) => n + l.alleles, 0), ns.length ? `${Math.min(...ns)}-${Math.max(...ns)}` : 'no counts', t.isDefault ? 'yes' : ''];
      })));
      if (values.loci) {
        for (const t of res.tables) {
          ctx.out(`\n${t.name}`);
          ctx.out(table(['locus', 'alleles', '2N', 'minimum frequency'], t.loci.map((l) => [l.locus, l.alleles, l.alleleCount || '-', l.minimumFrequency.toPrecision(3)])));
        }
      }
      return 0;
    }
    default:
      throw new Error('usage: biomatch dna search|kinship|enroll|import|get|delete|tables ...');
  }
}
