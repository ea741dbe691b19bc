/**
 * FingerprintService: extraction on the worker pool, enrolment (image, ISO/ANSI or structured
 * template), 1:1 verification and 1:N identification through the ANN index with exact re-ranking.
 */
import { EngineError } from '../../errors.js';
import { FingerprintMatcher, thresholds, type MatchResult } from '../../fingerprint/matcher.js';
import type { FingerprintServiceHandlers } from '../generated/biomatch/v1/FingerprintService.js';
import type { FingerprintRecord } from '../generated/biomatch/v1/FingerprintRecord.js';
import type { FingerprintEvidence } from '../generated/biomatch/v1/FingerprintEvidence.js';
import { unary } from '../call-context.js';
import { recordMetaToProto, visibilityFromProto } from '../convert/record.js';
import { templateToProto } from '../convert/fingerprint.js';
import { requireLoaded, type ServiceDeps } from '../deps.js';
import { deleteOwned, getVisible, ownerFor } from '../records.js';
import type { StoredRecord } from '../../store/record.js';
import type { FingerprintGallery, FingerprintPayload } from '../fingerprint-gallery.js';
import { extractOnPool, sampleToTemplate, TEMPLATE_ENCODINGS } from '../fingerprint-samples.js';

export type { FingerprintPayload } from '../fingerprint-gallery.js';

const DEFAULT_MAX_CANDIDATES = 20;
const MAX_CANDIDATES_LIMIT = 1000;

function recordToProto(r: StoredRecord<FingerprintPayload>): FingerprintRecord {
  return { meta: recordMetaToProto(r), fingerPosition: r.payload.fingerPosition, template: templateToProto(r.payload.template) };
}

export function evidenceOf(m: Pick<MatchResult, 'pairs'> & Partial<MatchResult>, probeMinutiae: number, candidateMinutiae: number, retrieval: string): FingerprintEvidence {
  return {
    pairs: m.pairs.map((p) => ({ probeIndex: p.probe, candidateIndex: p.candidate, similarity: p.similarity })),
    probeMinutiae,
    candidateMinutiae,
    rotationDegrees: ((m.rotation ?? 0) * 180) / Math.PI,
    translationX: m.dx ?? 0,
    translationY: m.dy ?? 0,
    retrieval,
  };
}

function checkPosition(p: number, field: string): void {
  if (!Number.isInteger(p) || p < 0 || p > 255) throw EngineError.invalidArgument(field, 'must be an ANSI/NIST finger position code 0–255');
}

export function fingerprintHandlers(deps: ServiceDeps, gallery: FingerprintGallery): FingerprintServiceHandlers {
  const { log, tracker, store, pool } = deps;
  return {
    Extract: unary('FingerprintService/Extract', log, tracker, async (req, ctx) => {
      if (!req.image) throw EngineError.invalidArgument('image', 'is required');
      const result = await extractOnPool(pool, req.image, 'image', ctx.signal, {
        encodeAs: TEMPLATE_ENCODINGS[req.outputFormat],
        includeStageImages: req.includeStageImages,
      });
      return {
        fingers: result.fingers.map((f) => ({
          template: templateToProto(f.template),
          ...(f.encoded ? { encoded: { data: Buffer.from(f.encoded), format: req.outputFormat } } : {}),
          stageImages: f.stageImages.map((s) => ({ stage: s.stage, png: Buffer.from(s.png) })),
          source: f.source,
          sourcePpi: f.sourcePpi,
          extractMs: f.extractMs,
        })),
      };
    }),

    Enroll: unary('FingerprintService/Enroll', log, tracker, async (req, ctx) => {
      const agency = ctx.requireAgency();
      requireLoaded(gallery);
      const owner = ownerFor(req.ownerAgency, agency);
      checkPosition(req.fingerPosition, 'finger_position');
      const { template } = await sampleToTemplate(pool, req.sample, 'sample', ctx.signal);
      const fingerPosition = req.fingerPosition || template.fingerPosition || 0;
      const { record } = await store.put<FingerprintPayload>({
        kind: 'fingerprint',
        subjectId: req.subjectId,
        ownerAgency: owner,
        visibility: visibilityFromProto(req.visibility),
        ...(req.externalId ? { externalId: req.externalId } : {}),
        payload: { fingerPosition, template: { ...template, fingerPosition } },
      }, agency);
      gallery.enroll(record);
      return recordToProto(record);
    }),

    Verify: unary('FingerprintService/Verify', log, tracker, async (req, ctx) => {
      const agency = ctx.requireAgency();
      const threshold = req.threshold === 0 ? thresholds.fmr001 : req.threshold;
      if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) throw EngineError.invalidArgument('threshold', 'must be between 0 and 1 (0: the FMR 0.01% threshold)');
      const probe = (await sampleToTemplate(pool, req.probe, 'probe', ctx.signal)).template;
      let candidateMinutiae: number;
      let result: MatchResult;
      const matcher = new FingerprintMatcher(probe);
      if (req.reference === 'recordId') {
        const rec = getVisible<FingerprintPayload>(store, req.recordId ?? '', 'fingerprint', agency);
        result = matcher.match(gallery.prepared(rec.id) ?? rec.payload.template);
        candidateMinutiae = rec.payload.template.minutiae.length;
      } else if (req.reference === 'sample') {
        const reference = (await sampleToTemplate(pool, req.sample, 'sample', ctx.signal)).template;
        result = matcher.match(reference);
        candidateMinutiae = reference.minutiae.length;
      } else {
        throw EngineError.invalidArgument('reference', 'is required (a record id or a sample)');
      }
      return { score: result.score, match: result.score >= threshold, threshold, evidence: evidenceOf(result, probe.minutiae.length, candidateMinutiae, 'direct') };
    }),

    Identify: unary('FingerprintService/Identify', log, tracker, async (req, ctx) => {
      const agency = ctx.requireAgency();
      requireLoaded(gallery);
      const maxCandidates = req.maxCandidates === 0 ? DEFAULT_MAX_CANDIDATES : req.maxCandidates;
      if (maxCandidates > MAX_CANDIDATES_LIMIT) throw EngineError.invalidArgument('max_candidates', `must be at most ${MAX_CANDIDATES_LIMIT}`);
      if (!Number.isFinite(req.minScore) || req.minScore < 0 || req.minScore > 1) throw EngineError.invalidArgument('min_score', 'must be between 0 and 1');
      req.fingerPositions.forEach((p, i) => checkPosition(p, `finger_positions[${i}]`));
      const probe = (await sampleToTemplate(pool, req.probe, 'probe', ctx.signal)).template;
      if (ctx.signal.aborted) throw ctx.signal.reason;
      const result = gallery.identify(probe, agency, {
        maxCandidates,
        ...(req.minScore > 0 ? { minScore: req.minScore } : {}),
        exhaustive: req.exhaustive,
        fingerPositions: req.fingerPositions,
      });
      const retrieval = req.exhaustive ? 'exhaustive' : 'ann-index';
      return {
        candidates: result.candidates.map((c) => {
          const e = gallery.entry(c.id);
          return {
            recordId: c.id,
            subjectId: e?.subjectId ?? '',
            score: c.score,
            rank: c.rank,
            kind: 'RECORD_KIND_FINGERPRINT',
            fingerPosition: e?.fingerPosition ?? 0,
            externalId: e?.externalId ?? '',
            fingerprint: evidenceOf(c, probe.minutiae.length, e?.minutiae ?? 0, retrieval),
          };
        }),
        totalHits: result.totalHits,
        compared: result.compared,
        elapsedMs: result.elapsedMs,
      };
    }),

    Delete: unary('FingerprintService/Delete', log, tracker, async (req, ctx) => {
      const agency = ctx.requireAgency();
      requireLoaded(gallery);
      const removed = await deleteOwned(store, req.recordId, 'fingerprint', agency);
      if (removed) gallery.delete(removed.id);
      return { recordId: req.recordId, deleted: removed !== undefined };
    }),

    Get: unary('FingerprintService/Get', log, tracker, async (req, ctx) => {
      return recordToProto(getVisible<FingerprintPayload>(store, req.recordId, 'fingerprint', ctx.requireAgency()));
    }),
  };
}
