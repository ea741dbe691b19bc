/**
 * LatentService on the wire: proto messages ↔ the engine types of operations/latent.ts, and
 * nothing else.
 */
import { EngineError } from '../../errors.js';
import type { StoredRecord } from '../../store/record.js';
import type { LatentCandidate, LatentPayload } from '../../latent/latent-gallery.js';
import { latentTemplate } from '../../latent/latent-features.js';
import { featuresAsMarkup } from '../../latent/latent-markup.js';
import type { LatentHit } from '../../latent/latent-hits.js';
import type { LatentServiceHandlers } from '../generated/biomatch/v1/LatentService.js';
import type { LatentMark__Output } from '../generated/biomatch/v1/LatentMark.js';
import type { LatentRecord } from '../generated/biomatch/v1/LatentRecord.js';
import type { LatentHit as LatentHitProto } from '../generated/biomatch/v1/LatentHit.js';
import type { Candidate } from '../generated/biomatch/v1/Candidate.js';
import { recordMethods, unary, type ServiceBindings } from '../binder.js';
import { recordMetaToProto, timestamp, visibilityFromProto } from '../convert/record.js';
import { templateToProto } from '../convert/fingerprint.js';
import { markupFromProto, markupToProto } from '../convert/latent.js';
import { imageFromProto, sampleFromProto } from '../fingerprint-samples.js';
import { candidateToProto, evidenceToProto } from './fingerprint.js';
import type { LatentMarkInput, LatentOperations } from '../operations/latent.js';

export function markFromProto(m: LatentMark__Output | null | undefined, field: string): LatentMarkInput {
  if (!m) throw EngineError.invalidArgument(field, 'is required (an image, an examiner\'s markup, or both)');
  return {
    ...(m.image ? { image: imageFromProto(m.image) } : {}),
    ...(m.markup ? { markup: markupFromProto(m.markup) } : {}),
    ...(m.efs && m.efs.length > 0 ? { efs: new Uint8Array(m.efs) } : {}),
    caseReference: m.caseReference,
    possibleFingerPositions: m.possibleFingerPositions,
    field,
  };
}

/** What the record says of the automatic TL: `reverseSearchMinMarkMinutiae` is the server's floor. */
export interface LatentBindingOptions { reverseSearchMinMarkMinutiae: number }

export function latentRecordToProto(r: StoredRecord<LatentPayload>, options: LatentBindingOptions): LatentRecord {
  return {
    meta: recordMetaToProto(r),
    caseReference: r.payload.caseReference,
    template: templateToProto(latentTemplate(r.payload.features)),
    features: markupToProto(featuresAsMarkup(r.payload.features)),
    possibleFingerPositions: r.payload.possibleFingerPositions,
    hasTenprintRoute: r.payload.tenprintRoute !== undefined,
    reverseSearched: r.payload.features.minutiae.length >= options.reverseSearchMinMarkMinutiae,
  };
}

export function latentCandidateToProto(c: LatentCandidate): Candidate {
  return {
    recordId: c.recordId, subjectId: c.subjectId, score: c.score, rank: c.rank, kind: 'RECORD_KIND_LATENT', fingerPosition: 0,
    externalId: c.externalId ?? '', ownerAgency: c.ownerAgency, caseReference: c.caseReference,
    fingerprint: evidenceToProto({ ...c, retrieval: 'exhaustive' }),
  };
}

export function hitToProto(h: LatentHit): LatentHitProto {
  return {
    hitId: h.hitId, latentId: h.latentId, caseReference: h.caseReference, tenprintRecordId: h.tenprintRecordId, subjectId: h.subjectId,
    tenprintOwnerAgency: h.tenprintOwner, fingerPosition: h.fingerPosition, score: h.score,
    evidence: evidenceToProto({ pairs: h.pairs, probeMinutiae: h.probeMinutiae, candidateMinutiae: h.candidateMinutiae, ...(h.alignment ? { alignment: h.alignment } : {}), retrieval: 'exhaustive' }),
    foundAt: timestamp(h.foundAt), acknowledged: h.acknowledgedAt !== undefined, ...(h.acknowledgedAt ? { acknowledgedAt: timestamp(h.acknowledgedAt) } : {}),
  };
}

export function latentBindings(ops: LatentOperations, options: LatentBindingOptions): ServiceBindings<LatentServiceHandlers> {
  const recordToProto = (r: StoredRecord<LatentPayload>) => latentRecordToProto(r, options);
  return {
    ExtractLatent: unary({
      access: 'none',
      decode: (req) => {
        if (!req.image) throw EngineError.invalidArgument('image', 'is required');
        return { image: imageFromProto(req.image), ...(req.markup ? { markup: markupFromProto(req.markup) } : {}), includeDrawing: req.includeDrawing };
      },
      run: ops.extractLatent,
      encode: (r) => ({ features: markupToProto(r.features), width: r.width, height: r.height, extractMs: r.extractMs, drawingPng: r.drawingPng ? Buffer.from(r.drawingPng) : Buffer.alloc(0) }),
      counts: (_req, r) => ({ minutiae: r.features.minutiae?.length ?? 0 }),
    }),
    Search: unary({
      access: 'agency',
      decode: (req) => ({ mark: markFromProto(req.mark, 'mark'), maxCandidates: req.maxCandidates, minScore: req.minScore }),
      run: ops.search,
      encode: (r) => ({ candidates: r.candidates.map(candidateToProto), totalHits: r.totalHits, compared: r.compared, elapsedMs: r.elapsedMs }),
      records: (_req, r) => r.candidates.map((c) => c.recordId),
      counts: (_req, r) => ({ returned: r.candidates.length, totalHits: r.totalHits, compared: r.compared }),
    }),
    AddToUnsolvedFile: unary({
      access: 'agency',
      decode: (req) => ({
        mark: markFromProto(req.mark, 'mark'),
        ownerAgency: req.ownerAgency,
        visibility: visibilityFromProto(req.visibility),
        ...(req.externalId ? { externalId: req.externalId } : {}),
      }),
      run: ops.addToUnsolved,
      encode: recordToProto,
      records: (_req, r) => [r.id],
      counts: () => ({ stored: 1 }),
    }),
    SearchUnsolvedFile: unary({
      access: 'agency',
      decode: (req) => {
        const base = { fingerPosition: req.fingerPosition, maxCandidates: req.maxCandidates, minScore: req.minScore, minMarkMinutiae: req.minMarkMinutiae };
        if (req.query === 'mark') return { ...base, query: { mark: markFromProto(req.mark, 'mark') } };
        if (req.query === 'probe') return { ...base, query: { probe: sampleFromProto(req.probe, 'probe') } };
        throw EngineError.invalidArgument('query', 'is required: a mark (LL) or a tenprint probe (TL)');
      },
      run: ops.searchUnsolved,
      encode: (r) => ({ candidates: r.candidates.map(latentCandidateToProto), totalHits: r.totalHits, compared: r.compared, elapsedMs: r.elapsedMs }),
      records: (_req, r) => r.candidates.map((c) => c.recordId),
      counts: (_req, r) => ({ returned: r.candidates.length, totalHits: r.totalHits, compared: r.compared }),
    }),
    ListUnsolved: unary({
      access: 'agency',
      decode: (req) => ({ caseReference: req.caseReference, pageSize: req.pageSize, pageToken: req.pageToken }),
      run: ops.listUnsolved,
      encode: (r) => ({ records: r.records.map(recordMetaToProto), nextPageToken: r.nextPageToken }),
      records: (_req, r) => r.records.map((x) => x.id),
      counts: (_req, r) => ({ returned: r.records.length }),
    }),
    ...renamed(recordMethods(ops, recordToProto, (r) => r.id)),
    ListLatentHits: unary({
      access: 'agency',
      decode: (req) => ({ includeAcknowledged: req.includeAcknowledged, latentId: req.latentId, pageSize: req.pageSize, pageToken: req.pageToken }),
      run: ops.listHits,
      encode: (r) => ({ hits: r.hits.map(hitToProto), nextPageToken: r.nextPageToken }),
      records: (_req, r) => r.hits.flatMap((h) => [h.latentId, h.tenprintRecordId]),
      counts: (_req, r) => ({ returned: r.hits.length }),
    }),
    AcknowledgeLatentHit: unary({
      access: 'agency',
      decode: (req) => ({ hitId: req.hitId }),
      run: ops.acknowledgeHit,
      encode: hitToProto,
      records: (_req, h) => [h.latentId, h.tenprintRecordId],
    }),
  };
}

/** Get and Delete under the latent service's method names. */
function renamed<G, D>(m: { Get: G; Delete: D }): { GetLatent: G; RemoveFromUnsolvedFile: D } {
  return { GetLatent: m.Get, RemoveFromUnsolvedFile: m.Delete };
}
