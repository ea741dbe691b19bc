/**
 * DnaService's operations: enrolment, streaming import, exact search at CODIS-style stringencies,
 * kinship search, get and delete. Engine types in and out; no gRPC. Searches go to the DNA
 * gallery with the caller's agency, which the one access rule filters by (fail-closed).
 */
import { basename } from 'node:path';
import { EngineError } from '../../errors.js';
import { requireLoaded as requireIndex } from './admin.js';
import {
  dnaParameters, profileRowReader, typedLociCount, type DnaCandidate, type DnaProfile, type DnaSearchOptions, type KinshipCandidate,
  type KinshipSearchOptions, type ProfileKind,
} from '../../dna/index.js';
import type { StoredRecord, Visibility } from '../../store/record.js';
import type { RecordStore } from '../../store/record-store.js';
import { payloadOf, type DnaCatalog, type DnaPayload } from '../dna-catalog.js';
import type { Caller } from './operation.js';
import { ownerFor, recordOperations } from './records.js';

const IMPORT_BATCH = 500;
const MAX_IMPORT_ERRORS_REPORTED = 1000;

export interface DnaEnrollRequest {
  profile: DnaProfile;
  subjectId: string;
  ownerAgency: string;
  visibility: Visibility;
  externalId: string;
  /** The new record's id; set only by the batch runner (an id derived from job and item), never from the wire. */
  recordId?: string;
}

/** One chunk of an import stream; the first one carries the format and the defaults. */
export interface DnaImportChunk {
  format?: 'csv' | 'json';
  ownerAgency: string;
  visibility: Visibility;
  defaultKind?: ProfileKind;
  data: Uint8Array;
}

export interface DnaImportSummary {
  rows: number;
  stored: number;
  unchanged: number;
  updated: number;
  rejected: number;
  errors: { line: number; reason: string }[];
  /** Records stored, updated or found unchanged, for the audit trail (not sent back: the reply carries counts). */
  recordIds: string[];
}

/** Who a candidate is, carried with it so that the caller needs no further lookup. */
export interface CandidateIdentity {
  subjectId: string;
  externalId: string;
  ownerAgency: string;
}

export interface DnaSearchResponse {
  candidates: (DnaCandidate & CandidateIdentity)[];
  totalHits: number;
  compared: number;
  population: string;
  stringency: string;
  elapsedMs: number;
}

export interface KinshipSearchResponse {
  candidates: (KinshipCandidate & CandidateIdentity)[];
  totalHits: number;
  compared: number;
  population: string;
  elapsedMs: number;
}

/** One loaded population table as ListPopulationTables lists it (counts only, no frequencies). */
export interface PopulationTableSummary {
  name: string;
  source: string;
  population: string;
  /** Base name of the file it was read from; '' when it came from no file. */
  sourceFile: string;
  isDefault: boolean;
  loci: { locus: string; alleles: number; alleleCount: number; minimumFrequency: number }[];
}

export interface DnaOperationDeps {
  store: RecordStore;
  catalog: DnaCatalog;
  /**
   * Fewest compared loci a search may ask for, per stringency and for kinship: a permissive
   * search with few loci would list most of the database (issue 13). Absent: no floor beyond the
   * engine's defaults.
   */
  minComparedLoci?: { high: number; moderate: number; low: number; kinship: number };
}

/**
 * The compared-loci minimum a search runs with: what it asked for (or the default), never below
 * the floor; INVALID_ARGUMENT naming `min_compared_loci` when it asks for less, and `profile.loci`
 * when the probe is typed at fewer loci than the floor (it could only match by enumerating).
 */
function flooredMinLoci(requested: number | undefined, engineDefault: number, floor: number, typed: number, what: string, restricted = false): number {
  if (requested !== undefined && requested !== 0 && requested < floor) {
    throw EngineError.invalidArgument('min_compared_loci', `must be at least ${floor} for a ${what} search (the server's floor against searches that enumerate the database)`);
  }
  if (typed < floor) throw EngineError.invalidArgument('profile.loci', `a ${what} search needs a probe typed at ${floor} loci or more (Amelogenin not counted${restricted ? ', only loci in compare_loci' : ''}); this one has ${typed}`);
  return requested || Math.max(engineDefault, floor);
}

export function dnaOperations(deps: DnaOperationDeps) {
  const { store, catalog } = deps;
  const requireLoaded = () => requireIndex(catalog);
  /** Typed loci of the probe that the search may compare (all, or those of `compare_loci`). */
  const typedComparedLoci = (profile: DnaProfile, compareLoci: readonly string[] | undefined): number => {
    if (compareLoci === undefined || compareLoci.length === 0) return typedLociCount(profile, catalog.registry);
    const set = catalog.registry.compareSet(compareLoci, 'compare_loci');
    return typedLociCount({ ...profile, loci: new Map([...profile.loci].filter(([l]) => set.has(l))) }, catalog.registry);
  };

  async function storeProfiles(rows: { sampleId: string; profile: DnaProfile; owner: string; visibility: Visibility; subjectId: string; id?: string }[], agency: string) {
    const results = await store.putMany<DnaPayload>(rows.map((r) => ({
      kind: 'dna-profile' as const, ...(r.id ? { id: r.id } : {}), subjectId: r.subjectId, ownerAgency: r.owner, visibility: r.visibility,
      ...(r.sampleId ? { externalId: r.sampleId } : {}), payload: payloadOf(r.profile),
    })), agency);
    for (const { record, outcome } of results) if (outcome !== 'unchanged') catalog.add(record);
    return results;
  }

  return {
    async enroll(caller: Caller, req: DnaEnrollRequest): Promise<StoredRecord<DnaPayload>> {
      requireLoaded();
      const owner = ownerFor(req.ownerAgency, caller.agency);
      const [{ record }] = await storeProfiles([{ sampleId: req.externalId, profile: req.profile, owner, visibility: req.visibility, subjectId: req.subjectId, ...(req.recordId ? { id: req.recordId } : {}) }], caller.agency);
      return record;
    },

    async import(caller: Caller, chunks: AsyncIterable<DnaImportChunk>, signal: AbortSignal): Promise<DnaImportSummary> {
      const agency = caller.agency;
      requireLoaded();
      const summary: DnaImportSummary = { rows: 0, stored: 0, unchanged: 0, updated: 0, rejected: 0, errors: [], recordIds: [] };
      let reader: ReturnType<typeof profileRowReader> | undefined;
      let owner = agency;
      let visibility: Visibility = { agencies: [], allAgencies: false };
      let pending: { line: number; sampleId: string; profile: DnaProfile; owner: string }[] = [];
      const reject = (line: number, reason: string) => {
        summary.rejected++;
        if (summary.errors.length < MAX_IMPORT_ERRORS_REPORTED) summary.errors.push({ line, reason });
      };
      const flush = async () => {
        if (pending.length === 0) return;
        const batch = pending;
        pending = [];
        // A row whose owner differs from the caller is refused alone; the rest of the batch goes on.
        const mine = batch.filter((r) => { if (r.owner !== agency) { reject(r.line, 'owner must be the calling agency'); return false; } return true; });
        const toRow = (r: (typeof mine)[number]) => ({ sampleId: r.sampleId, profile: r.profile, owner: r.owner, visibility, subjectId: '' });
        const count = (outcome: 'created' | 'updated' | 'unchanged', id: string) => {
          summary[outcome === 'created' ? 'stored' : outcome]++;
          summary.recordIds.push(id);
        };
        try {
          for (const { outcome, record } of await storeProfiles(mine.map(toRow), agency)) count(outcome, record.id);
        } catch {
          // One row the store refuses (an over-long sample id, say) must not sink its batch:
          // store the rows one by one and report the refused ones by line.
          for (const r of mine) {
            try {
              const [{ outcome, record }] = await storeProfiles([toRow(r)], agency);
              count(outcome, record.id);
            } catch (e) {
              reject(r.line, e instanceof EngineError ? e.message : 'could not be stored');
            }
          }
        }
      };
      const take = async (rows: ReturnType<NonNullable<typeof reader>['push']>) => {
        for (const row of rows) {
          summary.rows++;
          if (!row.ok) { reject(row.line, row.reason); continue; }
          if (pending.some((p) => p.sampleId === row.record.sampleId)) await flush(); // same sample twice in a file: later row wins, in order
          pending.push({ line: row.line, sampleId: row.record.sampleId, profile: row.record.profile, owner: row.record.ownerAgency ?? owner });
          if (pending.length >= IMPORT_BATCH) await flush();
        }
      };
      for await (const chunk of chunks) {
        if (signal.aborted) throw signal.reason;
        if (!reader) {
          if (!chunk.format) throw EngineError.invalidArgument('format', 'is required in the first chunk (CSV or JSON)');
          owner = ownerFor(chunk.ownerAgency, agency);
          visibility = chunk.visibility;
          reader = profileRowReader(chunk.format, catalog.registry, {
            ...(chunk.defaultKind ? { defaultKind: chunk.defaultKind } : {}), ...(catalog.minTypedLoci !== undefined ? { minTypedLoci: catalog.minTypedLoci } : {}),
          });
        }
        await take(reader.push(chunk.data));
      }
      if (!reader) throw EngineError.invalidArgument('data', 'the import stream was empty');
      await take(reader.end());
      await flush();
      return summary;
    },

    async search(caller: Caller, req: { profile: DnaProfile; options: Omit<DnaSearchOptions, 'viewerAgency'> }, signal: AbortSignal): Promise<DnaSearchResponse> {
      requireLoaded();
      const stringency = req.options.stringency ?? 'high';
      const floor = deps.minComparedLoci?.[stringency] ?? 0;
      const minComparedLoci = floor > 0
        ? flooredMinLoci(req.options.minComparedLoci, dnaParameters.DEFAULT_MIN_COMPARED_LOCI, floor, typedComparedLoci(req.profile, req.options.compareLoci), `${stringency}-stringency`, (req.options.compareLoci?.length ?? 0) > 0)
        : req.options.minComparedLoci;
      const started = performance.now();
      const r = await catalog.search(req.profile, { ...req.options, ...(minComparedLoci !== undefined ? { minComparedLoci } : {}), viewerAgency: caller.agency }, signal);
      return { ...r, elapsedMs: performance.now() - started };
    },

    async kinshipSearch(caller: Caller, req: { profile: DnaProfile; options: Omit<KinshipSearchOptions, 'viewerAgency'> }, signal: AbortSignal): Promise<KinshipSearchResponse> {
      requireLoaded();
      const floor = deps.minComparedLoci?.kinship ?? 0;
      const minComparedLoci = floor > 0
        ? flooredMinLoci(req.options.minComparedLoci, dnaParameters.DEFAULT_MIN_KINSHIP_LOCI, floor, typedComparedLoci(req.profile, req.options.compareLoci), 'kinship', (req.options.compareLoci?.length ?? 0) > 0)
        : req.options.minComparedLoci;
      const started = performance.now();
      const r = await catalog.kinshipSearch(req.profile, { ...req.options, ...(minComparedLoci !== undefined ? { minComparedLoci } : {}), viewerAgency: caller.agency }, signal);
      return { ...r, elapsedMs: performance.now() - started };
    },

    /** The loaded population tables: what `population` may name. Reference data; no records. */
    async listPopulationTables(_caller: Caller, _req: Record<string, never>): Promise<PopulationTableSummary[]> {
      const defaultName = catalog.tables.defaultTableName;
      return catalog.tables.all().map((t) => {
        const slash = t.name.indexOf('/');
        return {
          name: t.name, source: slash >= 0 ? t.name.slice(0, slash) : '', population: t.name.slice(slash + 1),
          sourceFile: t.sourceFile === undefined ? '' : basename(t.sourceFile), isDefault: t.name === defaultName,
          loci: [...t.loci].map(([locus, l]) => ({ locus, alleles: l.frequencies.size, alleleCount: l.alleleCount ?? 0, minimumFrequency: l.minimumFrequency }))
            .sort((a, b) => catalog.registry.resolve(a.locus).index - catalog.registry.resolve(b.locus).index),
        };
      });
    },

    ...recordOperations<DnaPayload>(store, 'dna-profile', catalog),
  };
}

export type DnaOperations = ReturnType<typeof dnaOperations>;
