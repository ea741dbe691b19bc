/**
 * FingerprintService on the wire: proto messages ↔ the engine types of
 * operations/fingerprint.ts, and nothing else (degrees on the wire, radians inside).
 */
import type { StoredRecord } from '../../store/record.js';
import type { FingerprintPayload } from '../../fingerprint/identification/fingerprint-gallery.js';
import type { FingerprintCandidate } from '../../fingerprint/identification/fingerprint-searcher.js';
import type { FingerprintServiceHandlers } from '../generated/biomatch/v1/FingerprintService.js';
import type { FingerprintRecord } from '../generated/biomatch/v1/FingerprintRecord.js';
import type { FingerprintEvidence as EvidenceProto } from '../generated/biomatch/v1/FingerprintEvidence.js';
import type { Candidate } from '../generated/biomatch/v1/Candidate.js';
import { EngineError } from '../../errors.js';
import { recordMethods, unary, type ServiceBindings } from '../binder.js';
import { recordMetaToProto, visibilityFromProto } from '../convert/record.js';
import { templateToProto } from '../convert/fingerprint.js';
import { imageFromProto, sampleFromProto, TEMPLATE_ENCODINGS } from '../fingerprint-samples.js';
import type { FingerprintEvidence, FingerprintOperations } from '../operations/fingerprint.js';

const DEG = 180 / Math.PI;
const ENCODING_FORMAT = {
  internal: 'TEMPLATE_FORMAT_INTERNAL', 'iso-19794-2': 'TEMPLATE_FORMAT_ISO_19794_2_2005', 'ansi-378': 'TEMPLATE_FORMAT_ANSI_378_2004',
} as const;
const RETRIEVAL = { direct: 'direct', index: 'ann-index', exhaustive: 'exhaustive' } as const;

/** Radians → degrees in (−180, 180], the way an examiner reads a turn. */
function signedDegrees(radians: number): number {
  const d = (radians * DEG) % 360;
  return d > 180 ? d - 360 : d <= -180 ? d + 360 : d;
}

export function recordToProto(r: StoredRecord<FingerprintPayload>): FingerprintRecord {
  return { meta: recordMetaToProto(r), fingerPosition: r.payload.fingerPosition, template: templateToProto(r.payload.template) };
}

export function evidenceToProto(e: FingerprintEvidence): EvidenceProto {
  return {
    pairs: e.pairs.map((p) => ({ probeIndex: p.probe, candidateIndex: p.candidate, similarity: p.similarity })),
    probeMinutiae: e.probeMinutiae,
    candidateMinutiae: e.candidateMinutiae,
    rotationDegrees: signedDegrees(e.alignment?.rotation ?? 0),
    translationX: e.alignment?.dx ?? 0,
    translationY: e.alignment?.dy ?? 0,
    scale: e.alignment?.scale ?? 1,
    retrieval: RETRIEVAL[e.retrieval],
  };
}

export function candidateToProto(c: FingerprintCandidate): Candidate {
  return {
    recordId: c.recordId,
    subjectId: c.subjectId,
    score: c.score,
    rank: c.rank,
    kind: 'RECORD_KIND_FINGERPRINT',
    fingerPosition: c.fingerPosition,
    externalId: c.externalId ?? '',
    ownerAgency: c.ownerAgency,
    fingerprint: evidenceToProto(c),
  };
}

export function fingerprintBindings(ops: FingerprintOperations): ServiceBindings<FingerprintServiceHandlers> {
  return {
    Extract: unary({
      access: 'none',
      decode: (req) => {
        if (!req.image) throw EngineError.invalidArgument('image', 'is required');
        return { image: imageFromProto(req.image), encodeAs: TEMPLATE_ENCODINGS[req.outputFormat], includeStageImages: req.includeStageImages };
      },
      run: ops.extract,
      encode: (result) => ({
        fingers: result.fingers.map((f) => ({
          template: templateToProto(f.template),
          ...(f.encoded ? { encoded: { data: Buffer.from(f.encoded), format: ENCODING_FORMAT[result.encoding] } } : {}),
          stageImages: f.stageImages.map((s) => ({ stage: s.stage, png: Buffer.from(s.png) })),
          source: f.source,
          sourcePpi: f.sourcePpi,
          extractMs: f.extractMs,
          minutiaeDropped: f.minutiaeDropped,
          singularPointsDropped: f.singularPointsDropped,
        })),
      }),
      counts: (_req, r) => ({ fingers: r.fingers.length }),
    }),
    Enroll: unary({
      access: 'agency',
      decode: (req) => ({
        sample: sampleFromProto(req.sample, 'sample'),
        subjectId: req.subjectId,
        ownerAgency: req.ownerAgency,
        visibility: visibilityFromProto(req.visibility),
        ...(req.externalId ? { externalId: req.externalId } : {}),
        fingerPosition: req.fingerPosition,
      }),
      run: ops.enroll,
      encode: recordToProto,
      records: (_req, r) => [r.id],
      counts: () => ({ stored: 1 }),
    }),
    Verify: unary({
      access: 'agency',
      decode: (req) => {
        const probe = sampleFromProto(req.probe, 'probe');
        if (req.reference === 'recordId') return { probe, reference: { recordId: req.recordId ?? '' }, threshold: req.threshold };
        if (req.reference === 'sample') return { probe, reference: { sample: sampleFromProto(req.sample, 'sample') }, threshold: req.threshold };
        throw EngineError.invalidArgument('reference', 'is required (a record id or a sample)');
      },
      run: ops.verify,
      encode: (r) => ({ score: r.score, match: r.match, threshold: r.threshold, evidence: evidenceToProto(r.evidence) }),
      records: (req) => ('recordId' in req.reference ? [req.reference.recordId] : []),
      requested: (req) => ('recordId' in req.reference ? [req.reference.recordId] : []),
      counts: (_req, r) => ({ match: r.match ? 1 : 0 }),
    }),
    Identify: unary({
      access: 'agency',
      decode: (req) => ({
        probe: sampleFromProto(req.probe, 'probe'),
        maxCandidates: req.maxCandidates,
        minScore: req.minScore,
        fingerPositions: req.fingerPositions,
        exhaustive: req.exhaustive,
      }),
      run: ops.identify,
      encode: (r) => ({ candidates: r.candidates.map(candidateToProto), totalHits: r.totalHits, compared: r.compared, elapsedMs: r.elapsedMs }),
      records: (_req, r) => r.candidates.map((c) => c.recordId),
      counts: (_req, r) => ({ returned: r.candidates.length, totalHits: r.totalHits, compared: r.compared }),
    }),
    ...recordMethods(ops, recordToProto, (r) => r.id),
  };
}
