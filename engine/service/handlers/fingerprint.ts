/**
 * FingerprintService. Enrolment of ready templates, Get and Delete are served; extraction from
 * images, Verify and Identify answer UNIMPLEMENTED until the extractor, matcher and index are
 * wired in (issues 4 and 5).
 */
import { EngineError } from '../../errors.js';
import type { FingerprintTemplate } from '../../fingerprint/template.js';
import type { FingerprintServiceHandlers } from '../generated/biomatch/v1/FingerprintService.js';
import type { FingerprintRecord } from '../generated/biomatch/v1/FingerprintRecord.js';
import type { TemplateInput__Output } from '../generated/biomatch/v1/TemplateInput.js';
import { unary, notYet } from '../call-context.js';
import { recordMetaToProto, visibilityFromProto } from '../convert/record.js';
import { templateFromProto, templateToProto } from '../convert/fingerprint.js';
import type { ServiceDeps } from '../deps.js';
import { deleteOwned, getVisible, ownerFor } from '../records.js';
import type { StoredRecord } from '../../store/record.js';

export interface FingerprintPayload {
  fingerPosition: number;
  template: FingerprintTemplate;
}

function recordToProto(r: StoredRecord<FingerprintPayload>): FingerprintRecord {
  return { meta: recordMetaToProto(r), fingerPosition: r.payload.fingerPosition, template: templateToProto(r.payload.template) };
}

function templateInput(input: TemplateInput__Output, field: string): FingerprintTemplate {
  if (input.form === 'template' && input.template) return templateFromProto(input.template, `${field}.template`);
  if (input.form === 'encoded') throw EngineError.unimplemented('decoding ISO/ANSI encoded templates');
  throw EngineError.invalidArgument(field, 'holds neither a template nor an encoded template');
}

export function fingerprintHandlers(deps: ServiceDeps): FingerprintServiceHandlers {
  const { log, tracker, store } = deps;
  return {
    Extract: unary('FingerprintService/Extract', log, tracker, notYet('fingerprint extraction')),
    Enroll: unary('FingerprintService/Enroll', log, tracker, async (req, ctx) => {
      const agency = ctx.requireAgency();
      const owner = ownerFor(req.ownerAgency, agency);
      if (!Number.isInteger(req.fingerPosition) || req.fingerPosition > 255) throw EngineError.invalidArgument('finger_position', 'must be an ANSI/NIST finger position code 0–255');
      const sample = req.sample;
      if (!sample || !sample.source) throw EngineError.invalidArgument('sample', 'is required (an image or a template)');
      if (sample.source === 'image') throw EngineError.unimplemented('enrolment from images (extraction)');
      const template = templateInput(sample.template!, 'sample.template');
      const { record } = await store.put<FingerprintPayload>({
        kind: 'fingerprint',
        subjectId: req.subjectId,
        ownerAgency: owner,
        visibility: visibilityFromProto(req.visibility),
        ...(req.externalId ? { externalId: req.externalId } : {}),
        payload: { fingerPosition: req.fingerPosition, template: { ...template, fingerPosition: req.fingerPosition || template.fingerPosition } },
      }, agency);
      return recordToProto(record);
    }),
    Verify: unary('FingerprintService/Verify', log, tracker, notYet('1:1 fingerprint verification')),
    Identify: unary('FingerprintService/Identify', log, tracker, notYet('1:N fingerprint identification')),
    Delete: unary('FingerprintService/Delete', log, tracker, async (req, ctx) => {
      const agency = ctx.requireAgency();
      const removed = await deleteOwned(store, req.recordId, 'fingerprint', agency);
      return { recordId: req.recordId, deleted: removed !== undefined };
    }),
    Get: unary('FingerprintService/Get', log, tracker, async (req, ctx) => {
      return recordToProto(getVisible<FingerprintPayload>(store, req.recordId, 'fingerprint', ctx.requireAgency()));
    }),
  };
}
