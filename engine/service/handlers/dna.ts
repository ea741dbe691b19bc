/**
 * DnaService: enrolment, streaming import, exact search at CODIS-style stringencies with match
 * statistics, kinship search, Get and Delete. Candidate scores are log10 of the likelihood ratio
 * (1/RMP for single-source profiles, 1/CPI for mixtures) for searches, and log10 of the kinship
 * index for kinship searches; the full statistics travel in the evidence.
 */
import { EngineError } from '../../errors.js';
import {
  buildProfile, parseProfileKind, parseRelationship, profileRowReader,
  type DnaCandidate, type DnaProfile, type KinshipCandidate, type LocusDetail as DomainLocusDetail, type ProfileKind, type Stringency,
} from '../../dna/index.js';
import type { DnaServiceHandlers } from '../generated/biomatch/v1/DnaService.js';
import type { DnaProfile__Output } from '../generated/biomatch/v1/DnaProfile.js';
import type { DnaProfile as DnaProfileMsg } from '../generated/biomatch/v1/DnaProfile.js';
import type { DnaRecord } from '../generated/biomatch/v1/DnaRecord.js';
import type { DnaImportChunk__Output } from '../generated/biomatch/v1/DnaImportChunk.js';
import type { DnaImportSummary } from '../generated/biomatch/v1/DnaImportSummary.js';
import type { Candidate } from '../generated/biomatch/v1/Candidate.js';
import type { LocusDetail } from '../generated/biomatch/v1/LocusDetail.js';
import type { ProfileKind__Output } from '../generated/biomatch/v1/ProfileKind.js';
import type { Relationship__Output } from '../generated/biomatch/v1/Relationship.js';
import type { Stringency__Output } from '../generated/biomatch/v1/Stringency.js';
import { unary, clientStream } from '../call-context.js';
import { recordMetaToProto, visibilityFromProto } from '../convert/record.js';
import { requireLoaded, type ServiceDeps } from '../deps.js';
import { deleteOwned, getVisible, ownerFor } from '../records.js';
import type { StoredRecord, Visibility } from '../../store/record.js';
import { payloadOf, type DnaCatalog, type DnaPayload } from '../dna-catalog.js';

const IMPORT_BATCH = 500;
const MAX_IMPORT_ERRORS_REPORTED = 1000;

const STRINGENCY: Record<Stringency__Output, Stringency> = {
  STRINGENCY_UNSPECIFIED: 'high', STRINGENCY_HIGH: 'high', STRINGENCY_MODERATE: 'moderate', STRINGENCY_LOW: 'low',
};

const COMPARISON = { match: 'LOCUS_COMPARISON_MATCH', mismatch: 'LOCUS_COMPARISON_MISMATCH', wildcard: 'LOCUS_COMPARISON_WILDCARD', 'not-compared': 'LOCUS_COMPARISON_NOT_COMPARED' } as const;

function kindFromProto(k: ProfileKind__Output, field: string): ProfileKind | undefined {
  return k === 'PROFILE_KIND_UNSPECIFIED' ? undefined : parseProfileKind(k, field);
}

function kindToProto(k: ProfileKind): ProfileKind__Output {
  return `PROFILE_KIND_${k.toUpperCase().replace(/-/g, '_')}` as ProfileKind__Output;
}

function relationshipToProto(r: string | undefined): Relationship__Output {
  return r === 'parent-child' ? 'RELATIONSHIP_PARENT_CHILD' : r === 'full-sibling' ? 'RELATIONSHIP_FULL_SIBLING' : 'RELATIONSHIP_UNSPECIFIED';
}

/** A caller's profile message → a validated domain profile; errors name `field.loci.<locus>`. */
function profileFromProto(catalog: DnaCatalog, p: DnaProfile__Output | null | undefined, field: string): DnaProfile {
  if (!p) throw EngineError.invalidArgument(field, 'is required');
  const loci: Record<string, string[]> = {};
  for (const [locus, v] of Object.entries(p.loci)) loci[locus] = v.alleles;
  const kind = kindFromProto(p.kind, `${field}.kind`);
  return buildProfile({
    loci,
    ...(kind ? { kind } : {}),
    ...(p.relationship !== 'RELATIONSHIP_UNSPECIFIED' ? { relationship: parseRelationship(p.relationship, `${field}.relationship`) } : {}),
    ...(p.caseReference ? { caseReference: p.caseReference } : {}),
  }, catalog.registry, { fieldPrefix: `${field}.`, ...(catalog.minTypedLoci !== undefined ? { minTypedLoci: catalog.minTypedLoci } : {}) });
}

function profileToProto(payload: DnaPayload): DnaProfileMsg {
  return {
    loci: Object.fromEntries(Object.entries(payload.loci).map(([l, a]) => [l, { alleles: a }])),
    kind: kindToProto(payload.kind),
    relationship: relationshipToProto(payload.relationship),
    caseReference: payload.caseReference ?? '',
  };
}

function recordToProto(r: StoredRecord<DnaPayload>): DnaRecord {
  return { meta: recordMetaToProto(r), profile: profileToProto(r.payload) };
}

function lociToProto(loci: DomainLocusDetail[]): LocusDetail[] {
  return loci.map((l) => ({ locus: l.locus, comparison: COMPARISON[l.comparison], queryAlleles: l.queryAlleles, candidateAlleles: l.candidateAlleles, statistic: l.statistic ?? 0 }));
}

function candidateMeta(store: ServiceDeps['store'], id: string): { subjectId: string; externalId: string } {
  const r = store.get(id);
  return { subjectId: r?.subjectId ?? '', externalId: r?.externalId ?? '' };
}

function searchCandidate(store: ServiceDeps['store'], c: DnaCandidate, population: string, stringency: string): Candidate {
  return {
    recordId: c.recordId, rank: c.rank, kind: 'RECORD_KIND_DNA_PROFILE', ...candidateMeta(store, c.recordId),
    score: -Math.log10(c.rankingStatistic),
    dna: {
      matchingLoci: c.matchingLoci, mismatchingLoci: c.mismatchingLoci, comparedLoci: c.comparedLoci, loci: lociToProto(c.loci),
      randomMatchProbability: c.randomMatchProbability ?? 0, likelihoodRatio: c.likelihoodRatio ?? 0,
      combinedProbabilityOfInclusion: c.combinedProbabilityOfInclusion ?? 0, population, stringency,
    },
  };
}

function kinshipCandidate(store: ServiceDeps['store'], c: KinshipCandidate, population: string): Candidate {
  return {
    recordId: c.recordId, rank: c.rank, kind: 'RECORD_KIND_DNA_PROFILE', ...candidateMeta(store, c.recordId),
    score: Math.log10(c.kinshipIndex),
    dna: {
      matchingLoci: c.comparedLoci - c.mismatchingLoci, mismatchingLoci: c.mismatchingLoci, comparedLoci: c.comparedLoci,
      loci: lociToProto(c.loci), kinshipIndex: c.kinshipIndex, population, stringency: c.relationship,
    },
  };
}

function targetKinds(kinds: ProfileKind__Output[]): ProfileKind[] {
  return kinds.map((k, i) => kindFromProto(k, `target_kinds[${i}]`)).filter((k): k is ProfileKind => k !== undefined);
}

export function dnaHandlers(deps: ServiceDeps, catalog: DnaCatalog): DnaServiceHandlers {
  const { log, tracker, store } = deps;

  async function storeProfiles(rows: { sampleId: string; profile: DnaProfile; owner: string; visibility: Visibility; subjectId: string }[], agency: string) {
    const results = await store.putMany<DnaPayload>(rows.map((r) => ({
      kind: 'dna-profile' as const, subjectId: r.subjectId, ownerAgency: r.owner, visibility: r.visibility,
      ...(r.sampleId ? { externalId: r.sampleId } : {}), payload: payloadOf(r.profile),
    })), agency);
    for (const { record, outcome } of results) if (outcome !== 'unchanged') catalog.add(record);
    return results;
  }

  return {
    Enroll: unary('DnaService/Enroll', log, tracker, async (req, ctx) => {
      const agency = ctx.requireAgency();
      requireLoaded(catalog);
      const owner = ownerFor(req.ownerAgency, agency);
      const profile = profileFromProto(catalog, req.profile, 'profile');
      const [{ record }] = await storeProfiles([{ sampleId: req.externalId, profile, owner, visibility: visibilityFromProto(req.visibility), subjectId: req.subjectId }], agency);
      return recordToProto(record);
    }),

    Import: clientStream<DnaImportChunk__Output, DnaImportSummary>('DnaService/Import', log, tracker, async (messages, ctx) => {
      const agency = ctx.requireAgency();
      requireLoaded(catalog);
      const summary = { rows: 0, stored: 0, unchanged: 0, updated: 0, rejected: 0, errors: [] as { line: number; reason: string }[] };
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
        const count = (outcome: 'created' | 'updated' | 'unchanged') => { summary[outcome === 'created' ? 'stored' : outcome]++; };
        try {
          for (const { outcome } of await storeProfiles(mine.map(toRow), agency)) count(outcome);
        } catch {
          // One row the store refuses (an over-long sample id, say) must not sink its batch:
          // store the rows one by one and report the refused ones by line.
          for (const r of mine) {
            try {
              const [{ outcome }] = await storeProfiles([toRow(r)], agency);
              count(outcome);
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
      for await (const chunk of messages) {
        if (!reader) {
          if (chunk.format === 'IMPORT_FORMAT_UNSPECIFIED') throw EngineError.invalidArgument('format', 'is required in the first chunk (CSV or JSON)');
          owner = ownerFor(chunk.ownerAgency, agency);
          visibility = visibilityFromProto(chunk.visibility);
          const defaultKind = kindFromProto(chunk.defaultKind, 'default_kind');
          reader = profileRowReader(chunk.format === 'IMPORT_FORMAT_CSV' ? 'csv' : 'json', catalog.registry, {
            ...(defaultKind ? { defaultKind } : {}), ...(catalog.minTypedLoci !== undefined ? { minTypedLoci: catalog.minTypedLoci } : {}),
          });
        }
        await take(reader.push(chunk.data));
      }
      if (!reader) throw EngineError.invalidArgument('data', 'the import stream was empty');
      await take(reader.end());
      await flush();
      return summary;
    }),

    Search: unary('DnaService/Search', log, tracker, async (req, ctx) => {
      const agency = ctx.requireAgency();
      requireLoaded(catalog);
      const query = profileFromProto(catalog, req.profile, 'profile');
      const started = performance.now();
      const r = catalog.index.search(query, {
        stringency: STRINGENCY[req.stringency], minComparedLoci: req.minComparedLoci, maxMismatches: req.maxMismatches,
        maxCandidates: req.maxCandidates, ...(req.population ? { population: req.population } : {}), theta: req.theta,
        targetKinds: targetKinds(req.targetKinds), viewerAgency: agency,
      });
      return { candidates: r.candidates.map((c) => searchCandidate(store, c, r.population, r.stringency)), totalHits: r.totalHits, compared: r.compared, elapsedMs: performance.now() - started };
    }),

    KinshipSearch: unary('DnaService/KinshipSearch', log, tracker, async (req, ctx) => {
      const agency = ctx.requireAgency();
      requireLoaded(catalog);
      if (req.relationship === 'RELATIONSHIP_UNSPECIFIED') throw EngineError.invalidArgument('relationship', 'is required (parent-child or full sibling)');
      const query = profileFromProto(catalog, req.profile, 'profile');
      const started = performance.now();
      const r = catalog.index.kinshipSearch(query, {
        relationship: parseRelationship(req.relationship, 'relationship'), minKinshipIndex: req.minKinshipIndex, maxCandidates: req.maxCandidates,
        ...(req.population ? { population: req.population } : {}), theta: req.theta, minComparedLoci: req.minComparedLoci,
        targetKinds: targetKinds(req.targetKinds), viewerAgency: agency,
      });
      return { candidates: r.candidates.map((c) => kinshipCandidate(store, c, r.population)), totalHits: r.totalHits, compared: r.compared, elapsedMs: performance.now() - started };
    }),

    Delete: unary('DnaService/Delete', log, tracker, async (req, ctx) => {
      requireLoaded(catalog);
      const removed = await deleteOwned(store, req.recordId, 'dna-profile', ctx.requireAgency());
      if (removed) catalog.remove(removed.id);
      return { recordId: req.recordId, deleted: removed !== undefined };
    }),

    Get: unary('DnaService/Get', log, tracker, async (req, ctx) => recordToProto(getVisible<DnaPayload>(store, req.recordId, 'dna-profile', ctx.requireAgency()))),
  };
}
