/**
 * Issue 15 point 4: every template the service's own Extract returns is taken back everywhere.
 * For one image: Extract (with the ISO encoding), then the structured template and its ISO and
 * ANSI encodings through the local writers and readers, Verify (both ways), Enroll (structured
 * and ANSI-encoded) and Identify. Each failure is one line naming the step and the status, never
 * the template. Shared by the property test (a sample, in npm test) and
 * scripts/check-extracted-templates.ts (every shared image).
 */
import type * as grpc from '@grpc/grpc-js';
import type { GrayImage } from '../../fingerprint/gray-image.js';
import { TEMPLATE_LIMITS, validateTemplate } from '../../fingerprint/template-validation.js';
import { decodeAnsi378Single, encodeAnsi378 } from '../../fingerprint/templates/ansi-378.js';
import { decodeIso19794_2Single, encodeIso19794_2 } from '../../fingerprint/templates/iso-19794-2.js';
import { call, type BiomatchClients } from '../client.js';
import { templateFromProto } from '../convert/fingerprint.js';
import type { CandidateList__Output } from '../generated/biomatch/v1/CandidateList.js';
import type { ExtractResponse__Output } from '../generated/biomatch/v1/ExtractResponse.js';
import type { FingerprintImage } from '../generated/biomatch/v1/FingerprintImage.js';
import type { FingerprintRecord__Output } from '../generated/biomatch/v1/FingerprintRecord.js';
import type { VerifyResponse__Output } from '../generated/biomatch/v1/VerifyResponse.js';

export interface RoundTripResult {
  minutiae: number;
  minutiaeDropped: number;
  singularPointsDropped: number;
  /** Verify score of the structured template against its own ISO encoding. */
  selfScore: number;
  /** Empty when every step took the template. */
  failures: string[];
}

/** A generated gray image as an Extract input (RAW, 8-bit). */
export function rawImage(image: GrayImage): FingerprintImage {
  return { data: Buffer.from(image.pixels), format: 'IMAGE_FORMAT_RAW', width: image.width, height: image.height, ppi: image.ppi ?? 500 };
}

function statusOf(e: unknown): string {
  const se = e as Partial<grpc.ServiceError>;
  return se.code !== undefined ? `status ${se.code}: ${se.details ?? ''}` : String(e);
}

export async function roundTripExtracted(c: BiomatchClients, image: FingerprintImage, subjectId: string, timeoutMs = 60_000): Promise<RoundTripResult> {
  const md = (): grpc.Metadata => c.metadata();
  const fp = c.fingerprint;
  const failures: string[] = [];
  const step = async <T>(name: string, run: () => Promise<T> | T): Promise<T | undefined> => {
    try {
      return await run();
    } catch (e) {
      failures.push(`${name}: ${statusOf(e)}`);
      return undefined;
    }
  };
  const res = await step('Extract', () => call<object, ExtractResponse__Output>(fp.extract, fp, { image, outputFormat: 'TEMPLATE_FORMAT_ISO_19794_2_2005' }, md(), timeoutMs));
  const finger = res?.fingers[0];
  if (!finger?.template || !finger.encoded) {
    if (res) failures.push(`Extract: ${res.fingers.length} fingers, first without a template or its ISO encoding`);
    return { minutiae: 0, minutiaeDropped: 0, singularPointsDropped: 0, selfScore: 0, failures };
  }
  const template = finger.template;
  const n = template.minutiae.length;
  if (n > TEMPLATE_LIMITS.maxMinutiae) failures.push(`Extract: ${n} minutiae, over ${TEMPLATE_LIMITS.maxMinutiae}`);
  if (finger.minutiaeDropped > 0 && n !== TEMPLATE_LIMITS.maxMinutiae) failures.push(`Extract: dropped ${finger.minutiaeDropped} but kept ${n}, not ${TEMPLATE_LIMITS.maxMinutiae}`);

  // The writers and readers, locally: the template as the server decodes it, then ISO and ANSI.
  const engineForm = await step('template from proto', () => templateFromProto(template, 'template'));
  if (engineForm) {
    for (const [format, encode, decode] of [['ISO 19794-2', encodeIso19794_2, decodeIso19794_2Single], ['ANSI 378', encodeAnsi378, decodeAnsi378Single]] as const) {
      const back = await step(`${format} writer and reader`, () => validateTemplate(decode(encode(engineForm)), 'template'));
      if (back && back.minutiae.length !== n) failures.push(`${format}: ${back.minutiae.length} minutiae read back of ${n}`);
    }
  }
  const structured = { template: { template } };
  const iso = { template: { encoded: finger.encoded } };
  const ansi = engineForm ? { template: { encoded: { data: Buffer.from(encodeAnsi378(engineForm)), format: 'TEMPLATE_FORMAT_ANSI_378_2004' } } } : undefined;

  const verify = await step('Verify (structured probe, ISO reference)', () => call<object, VerifyResponse__Output>(fp.verify, fp, { probe: structured, sample: iso }, md(), timeoutMs));
  if (ansi) await step('Verify (ANSI probe, structured reference)', () => call<object, VerifyResponse__Output>(fp.verify, fp, { probe: ansi, sample: structured }, md(), timeoutMs));
  const enrolled = await step('Enroll (structured)', () => call<object, FingerprintRecord__Output>(fp.enroll, fp, { subjectId, sample: structured }, md(), timeoutMs));
  if (ansi) await step('Enroll (ANSI)', () => call<object, FingerprintRecord__Output>(fp.enroll, fp, { subjectId, sample: ansi }, md(), timeoutMs));
  if (enrolled) await step('Verify (record)', () => call<object, VerifyResponse__Output>(fp.verify, fp, { probe: iso, recordId: enrolled.meta?.id ?? '' }, md(), timeoutMs));
  await step('Identify (ISO probe)', () => call<object, CandidateList__Output>(fp.identify, fp, { probe: iso, maxCandidates: 5 }, md(), timeoutMs));
  return { minutiae: n, minutiaeDropped: finger.minutiaeDropped, singularPointsDropped: finger.singularPointsDropped, selfScore: verify?.score ?? 0, failures };
}
