/**
 * DnaService on the wire: proto messages ↔ the engine types of operations/dna.ts. Candidate
 * scores are log10 of the likelihood ratio (1/RMP for single-source profiles, 1/CPI for mixtures)
 * for searches, and log10 of the kinship index for kinship searches; the full statistics travel in
 * the evidence.
 */
import { EngineError } from '../../errors.js';
import {
  buildProfile, parseProfileKind, parseRelationship,
  type DnaProfile, type LocusDetail as DomainLocusDetail, type ProfileKind, type Stringency,
} from '../../dna/index.js';
import type { StoredRecord } from '../../store/record.js';
import type { DnaServiceHandlers } from '../generated/biomatch/v1/DnaService.js';
import type { DnaProfile__Output } from '../generated/biomatch/v1/DnaProfile.js';
import type { DnaProfile as DnaProfileMsg } from '../generated/biomatch/v1/DnaProfile.js';
import type { DnaRecord } from '../generated/biomatch/v1/DnaRecord.js';
import type { Candidate } from '../generated/biomatch/v1/Candidate.js';
import type { LocusDetail } from '../generated/biomatch/v1/LocusDetail.js';
import type { ListPopulationTablesResponse } from '../generated/biomatch/v1/ListPopulationTablesResponse.js';
import type { ProfileKind__Output } from '../generated/biomatch/v1/ProfileKind.js';
import type { Relationship__Output } from '../generated/biomatch/v1/Relationship.js';
import type { Stringency__Output } from '../generated/biomatch/v1/Stringency.js';
import { clientStream, recordMethods, unary, type ServiceBindings } from '../binder.js';
import { recordMetaToProto, visibilityFromProto } from '../convert/record.js';
import type { DnaCatalog, DnaPayload } from '../dna-catalog.js';
import type { DnaOperations, DnaSearchResponse, KinshipSearchResponse } from '../operations/dna.js';

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

function searchCandidate(c: DnaSearchResponse['candidates'][number], population: string, stringency: string): Candidate {
  return {
    recordId: c.recordId, rank: c.rank, kind: 'RECORD_KIND_DNA_PROFILE', subjectId: c.subjectId, externalId: c.externalId, ownerAgency: c.ownerAgency,
    score: -Math.log10(c.rankingStatistic),
    dna: {
      matchingLoci: c.matchingLoci, mismatchingLoci: c.mismatchingLoci, comparedLoci: c.comparedLoci, loci: lociToProto(c.loci),
      randomMatchProbability: c.randomMatchProbability ?? 0, likelihoodRatio: c.likelihoodRatio ?? 0,
      combinedProbabilityOfInclusion: c.combinedProbabilityOfInclusion ?? 0, population, stringency, wildcardLoci: c.wildcardLoci,
    },
  };
}

function kinshipCandidate(c: KinshipSearchResponse['candidates'][number], population: string): Candidate {
  return {
    recordId: c.recordId, rank: c.rank, kind: 'RECORD_KIND_DNA_PROFILE', subjectId: c.subjectId, externalId: c.externalId, ownerAgency: c.ownerAgency,
    score: Math.log10(c.kinshipIndex),
    dna: {
      matchingLoci: c.comparedLoci - c.mismatchingLoci, mismatchingLoci: c.mismatchingLoci, comparedLoci: c.comparedLoci,
      loci: lociToProto(c.loci), kinshipIndex: c.kinshipIndex, population, stringency: c.relationship,
    },
  };
}

/** θ as sent: proto3 `optional`, so an absent θ (the default) differs from θ = 0. */
function thetaOf(theta: number | undefined): { theta?: number } {
  return theta === undefined ? {} : { theta };
}

function targetKinds(kinds: ProfileKind__Output[]): ProfileKind[] {
  return kinds.map((k, i) => kindFromProto(k, `target_kinds[${i}]`)).filter((k): k is ProfileKind => k !== undefined);
}

export function dnaBindings(ops: DnaOperations, catalog: DnaCatalog): ServiceBindings<DnaServiceHandlers> {
  return {
    Enroll: unary({
      access: 'agency',
      decode: (req) => ({
        profile: profileFromProto(catalog, req.profile, 'profile'), subjectId: req.subjectId, ownerAgency: req.ownerAgency,
        visibility: visibilityFromProto(req.visibility), externalId: req.externalId,
      }),
      run: ops.enroll,
      encode: recordToProto,
      records: (_req, r) => [r.id],
      counts: () => ({ stored: 1 }),
    }),
    Import: clientStream({
      access: 'agency',
      decode: (chunk) => {
        const defaultKind = kindFromProto(chunk.defaultKind, 'default_kind');
        return {
          ...(chunk.format === 'IMPORT_FORMAT_CSV' ? { format: 'csv' as const } : chunk.format === 'IMPORT_FORMAT_JSON' ? { format: 'json' as const } : {}),
          ownerAgency: chunk.ownerAgency, visibility: visibilityFromProto(chunk.visibility),
          ...(defaultKind ? { defaultKind } : {}), data: chunk.data,
        };
      },
      run: ops.import,
      encode: ({ recordIds: _ids, ...summary }) => summary,
      records: (summary) => summary.recordIds,
      counts: (s) => ({ rows: s.rows, stored: s.stored, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected }),
    }),
    Search: unary({
      access: 'agency',
      decode: (req) => ({
        profile: profileFromProto(catalog, req.profile, 'profile'),
        options: {
          stringency: STRINGENCY[req.stringency], minComparedLoci: req.minComparedLoci, maxMismatches: req.maxMismatches,
          maxCandidates: req.maxCandidates, ...(req.population ? { population: req.population } : {}), ...thetaOf(req.theta),
          targetKinds: targetKinds(req.targetKinds), compareLoci: req.compareLoci,
        },
      }),
      run: ops.search,
      encode: (r) => ({ candidates: r.candidates.map((c) => searchCandidate(c, r.population, r.stringency)), totalHits: r.totalHits, compared: r.compared, elapsedMs: r.elapsedMs }),
      records: (_req, r) => r.candidates.map((c) => c.recordId),
      counts: (_req, r) => ({ returned: r.candidates.length, totalHits: r.totalHits, compared: r.compared }),
    }),
    KinshipSearch: unary({
      access: 'agency',
      decode: (req) => {
        if (req.relationship === 'RELATIONSHIP_UNSPECIFIED') throw EngineError.invalidArgument('relationship', 'is required (parent-child or full sibling)');
        return {
          profile: profileFromProto(catalog, req.profile, 'profile'),
          options: {
            relationship: parseRelationship(req.relationship, 'relationship'), minKinshipIndex: req.minKinshipIndex, maxCandidates: req.maxCandidates,
            ...(req.population ? { population: req.population } : {}), ...thetaOf(req.theta), minComparedLoci: req.minComparedLoci,
            targetKinds: targetKinds(req.targetKinds), compareLoci: req.compareLoci,
          },
        };
      },
      run: ops.kinshipSearch,
      encode: (r) => ({ candidates: r.candidates.map((c) => kinshipCandidate(c, r.population)), totalHits: r.totalHits, compared: r.compared, elapsedMs: r.elapsedMs }),
      records: (_req, r) => r.candidates.map((c) => c.recordId),
      counts: (_req, r) => ({ returned: r.candidates.length, totalHits: r.totalHits, compared: r.compared }),
    }),
    ListPopulationTables: unary({
      access: 'agency',
      decode: (): Record<string, never> => ({}),
      run: ops.listPopulationTables,
      encode: (tables): ListPopulationTablesResponse => ({ tables }),
      counts: (_req, tables) => ({ returned: tables.length }),
    }),
    ...recordMethods(ops, recordToProto, (r) => r.id),
  };
}
