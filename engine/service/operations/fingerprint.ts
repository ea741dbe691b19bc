/**
 * FingerprintService's operations: extraction on the worker pool, enrolment, 1:1 verification and
 * 1:N identification through the tenprint gallery. Engine types in and out; no gRPC.
 */
import { EngineError } from '../../errors.js';
import { requireLoaded } from './admin.js';
import { FingerprintMatcher, thresholds, type MatchResult } from '../../fingerprint/matcher.js';
import type { FingerprintGallery, FingerprintPayload } from '../../fingerprint/identification/fingerprint-gallery.js';
import type { Alignment, FingerprintCandidateList } from '../../fingerprint/identification/fingerprint-searcher.js';
import type { StoredRecord, Visibility } from '../../store/record.js';
import type { RecordStore } from '../../store/record-store.js';
import type { ExtractResult, TemplateEncoding } from '../../workers/messages.js';
import type { WorkerPool } from '../../workers/worker-pool.js';
import { extractOnPool, sampleToTemplate, type FingerprintSampleInput, type ImageInput } from '../fingerprint-samples.js';
import type { Caller } from './operation.js';
import { getVisible, ownerFor, recordOperations } from './records.js';

export const DEFAULT_MAX_CANDIDATES = 20;
export const MAX_CANDIDATES_LIMIT = 1000;

export interface ExtractRequest {
  image: ImageInput;
  encodeAs: TemplateEncoding;
  includeStageImages: boolean;
}

export interface EnrollRequest {
  sample: FingerprintSampleInput;
  subjectId: string;
  /** '' : the caller. */
  ownerAgency: string;
  visibility: Visibility;
  externalId?: string;
  /** 0: from the template, or unknown. */
  fingerPosition: number;
  /** The new record's id; set only by the batch runner (an id derived from job and item), never from the wire. */
  recordId?: string;
}

export interface VerifyRequest {
  probe: FingerprintSampleInput;
  reference: { recordId: string } | { sample: FingerprintSampleInput };
  /** 0: the FMR 0.01% threshold. */
  threshold: number;
}

/** The evidence behind a score: matched pairs and the probe-to-candidate alignment. */
export interface FingerprintEvidence {
  pairs: { probe: number; candidate: number; similarity: number }[];
  probeMinutiae: number;
  candidateMinutiae: number;
  alignment?: Alignment;
  retrieval: 'direct' | 'index' | 'exhaustive';
}

export interface VerifyResponse {
  score: number;
  match: boolean;
  threshold: number;
  evidence: FingerprintEvidence;
}

export interface IdentifyRequest {
  probe: FingerprintSampleInput;
  /** 0: DEFAULT_MAX_CANDIDATES. */
  maxCandidates: number;
  minScore: number;
  fingerPositions: number[];
  exhaustive: boolean;
}

/**
 * What follows a tenprint enrolment (the TL reverse search, engine/latent/reverse-search.ts): a
 * marker written in the enrolment's own store transaction, then the search once it is acknowledged.
 */
export interface EnrolmentFollowUp {
  markPending(recordId: string): void;
  enrolled(recordId: string): void;
}

export interface FingerprintOperationDeps {
  store: RecordStore;
  pool: WorkerPool;
  gallery: FingerprintGallery;
  afterEnrolment?: EnrolmentFollowUp;
}

function checkPosition(p: number, field: string): void {
  if (!Number.isInteger(p) || p < 0 || p > 255) throw EngineError.invalidArgument(field, 'must be an ANSI/NIST finger position code 0–255');
}

function evidenceOf(m: MatchResult, probeMinutiae: number, candidateMinutiae: number): FingerprintEvidence {
  return { pairs: m.pairs, probeMinutiae, candidateMinutiae, alignment: { rotation: m.rotation, dx: m.dx, dy: m.dy }, retrieval: 'direct' };
}

export function fingerprintOperations(deps: FingerprintOperationDeps) {
  const { store, pool, gallery, afterEnrolment } = deps;
  return {
    async extract(_caller: Caller, req: ExtractRequest, signal: AbortSignal): Promise<ExtractResult & { encoding: TemplateEncoding }> {
      const result = await extractOnPool(pool, req.image, 'image', signal, { encodeAs: req.encodeAs, includeStageImages: req.includeStageImages });
      return { ...result, encoding: req.encodeAs };
    },

    async enroll(caller: Caller, req: EnrollRequest, signal: AbortSignal): Promise<StoredRecord<FingerprintPayload>> {
      const owner = ownerFor(req.ownerAgency, caller.agency);
      checkPosition(req.fingerPosition, 'finger_position');
      // Refused while the gallery loads, before anything is stored (an enrolment would race the rebuild).
      requireLoaded(gallery);
      const { template } = await sampleToTemplate(pool, req.sample, signal);
      // The gallery's forms are made (on the pool) before anything is stored.
      const forms = await gallery.prepare(template);
      if (signal.aborted) throw signal.reason;
      const fingerPosition = req.fingerPosition || template.fingerPosition || 0;
      const { record, outcome } = await store.put<FingerprintPayload>({
        kind: 'fingerprint',
        ...(req.recordId ? { id: req.recordId } : {}),
        subjectId: req.subjectId,
        ownerAgency: owner,
        visibility: req.visibility,
        ...(req.externalId ? { externalId: req.externalId } : {}),
        payload: { fingerPosition, template: { ...template, fingerPosition } },
      }, caller.agency, afterEnrolment ? ([r]) => { if (r.outcome !== 'unchanged') afterEnrolment.markPending(r.record.id); } : undefined);
      gallery.enroll(record, forms);
      if (outcome !== 'unchanged') afterEnrolment?.enrolled(record.id);
      return record;
    },

    async verify(caller: Caller, req: VerifyRequest, signal: AbortSignal): Promise<VerifyResponse> {
      const threshold = req.threshold === 0 ? thresholds.fmr001 : req.threshold;
      if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) throw EngineError.invalidArgument('threshold', 'must be between 0 and 1 (0: the FMR 0.01% threshold)');
      const probe = (await sampleToTemplate(pool, req.probe, signal)).template;
      const matcher = new FingerprintMatcher(probe);
      let result: MatchResult;
      let candidateMinutiae: number;
      if ('recordId' in req.reference) {
        const rec = getVisible<FingerprintPayload>(store, req.reference.recordId, 'fingerprint', caller.agency);
        result = matcher.match(gallery.form(rec.id) ?? rec.payload.template);
        candidateMinutiae = rec.payload.template.minutiae.length;
      } else {
        const reference = (await sampleToTemplate(pool, req.reference.sample, signal)).template;
        result = matcher.match(reference);
        candidateMinutiae = reference.minutiae.length;
      }
      return { score: result.score, match: result.score >= threshold, threshold, evidence: evidenceOf(result, probe.minutiae.length, candidateMinutiae) };
    },

    async identify(caller: Caller, req: IdentifyRequest, signal: AbortSignal): Promise<FingerprintCandidateList> {
      requireLoaded(gallery);
      const maxCandidates = req.maxCandidates === 0 ? DEFAULT_MAX_CANDIDATES : req.maxCandidates;
      if (!Number.isInteger(maxCandidates) || maxCandidates < 1 || maxCandidates > MAX_CANDIDATES_LIMIT) throw EngineError.invalidArgument('max_candidates', `must be at most ${MAX_CANDIDATES_LIMIT}`);
      if (!Number.isFinite(req.minScore) || req.minScore < 0 || req.minScore > 1) throw EngineError.invalidArgument('min_score', 'must be between 0 and 1');
      req.fingerPositions.forEach((p, i) => checkPosition(p, `finger_positions[${i}]`));
      const probe = (await sampleToTemplate(pool, req.probe, signal)).template;
      if (signal.aborted) throw signal.reason;
      return gallery.identify(probe, {
        agency: caller.agency,
        maxCandidates,
        ...(req.minScore > 0 ? { minScore: req.minScore } : {}),
        exhaustive: req.exhaustive,
        fingerPositions: req.fingerPositions,
      }, signal);
    },

    ...recordOperations<FingerprintPayload>(store, 'fingerprint', { name: gallery.name, loaded: () => gallery.loaded(), remove: (id) => gallery.delete(id) }),
  };
}

export type FingerprintOperations = ReturnType<typeof fingerprintOperations>;

