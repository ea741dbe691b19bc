/**
 * Turns a caller's fingerprint sample (an image to extract on the worker pool, an ISO/ANSI
 * encoded template, or a structured template) into the engine's template form, with errors naming
 * the request's own field path (`sample.image.ppi`, `probe.template.encoded.data`).
 */
import { EngineError, ErrorCode } from '../errors.js';
import type { ImageFormatName } from '../fingerprint/codecs/decoded-image.js';
import type { FingerprintTemplate } from '../fingerprint/template.js';
import { validateTemplate } from '../fingerprint/template-validation.js';
import { decodeTemplate, type TemplateStandard } from '../fingerprint/templates/template-format.js';
import type { ExtractResult, ImageInput, TemplateEncoding } from '../workers/messages.js';

export type { ImageInput } from '../workers/messages.js';
import type { WorkerPool } from '../workers/worker-pool.js';
import type { FingerprintImage__Output } from './generated/biomatch/v1/FingerprintImage.js';
import type { FingerprintSample__Output } from './generated/biomatch/v1/FingerprintSample.js';
import type { ImageFormat__Output } from './generated/biomatch/v1/ImageFormat.js';
import type { TemplateFormat__Output } from './generated/biomatch/v1/TemplateFormat.js';
import type { TemplateInput__Output } from './generated/biomatch/v1/TemplateInput.js';
import { templateFromProto } from './convert/fingerprint.js';

const IMAGE_FORMATS: Record<ImageFormat__Output, ImageFormatName | undefined> = {
  IMAGE_FORMAT_UNSPECIFIED: undefined,
  IMAGE_FORMAT_PNG: 'png',
  IMAGE_FORMAT_JPEG: 'jpeg',
  IMAGE_FORMAT_TIFF: 'tiff',
  IMAGE_FORMAT_BMP: 'bmp',
  IMAGE_FORMAT_RAW: 'raw',
  IMAGE_FORMAT_WSQ: 'wsq',
  IMAGE_FORMAT_ANSI_NIST: 'ansi-nist',
};

export const TEMPLATE_ENCODINGS: Record<TemplateFormat__Output, TemplateEncoding> = {
  TEMPLATE_FORMAT_UNSPECIFIED: 'internal',
  TEMPLATE_FORMAT_INTERNAL: 'internal',
  TEMPLATE_FORMAT_ISO_19794_2_2005: 'iso-19794-2',
  TEMPLATE_FORMAT_ANSI_378_2004: 'ansi-378',
};

/** Re-roots an engine error's field (`image.ppi` → `sample.image.ppi`). */
export function refield<T>(fn: () => T, from: string, to: string): T {
  try {
    return fn();
  } catch (e) {
    throw rerooted(e, from, to);
  }
}

function rerooted(e: unknown, from: string, to: string): unknown {
  if (!(e instanceof EngineError) || e.code !== ErrorCode.InvalidArgument || !e.field) return e;
  if (e.field !== from && !e.field.startsWith(`${from}.`) && !e.field.startsWith(`${from}[`)) return e;
  const field = to + e.field.slice(from.length);
  const reason = e.message.startsWith(`${e.field}: `) ? e.message.slice(e.field.length + 2) : e.message;
  return EngineError.invalidArgument(field, reason);
}

/**
 * A caller's fingerprint sample in engine form: an image still to extract, or a template already
 * decoded and validated. `field` names the request field in errors (`probe.image`).
 */
export type FingerprintSampleInput =
  | { source: 'image'; image: ImageInput; field: string }
  | { source: 'template'; template: FingerprintTemplate };

export function imageFromProto(image: FingerprintImage__Output): ImageInput {
  const format = IMAGE_FORMATS[image.format];
  return {
    data: image.data ?? new Uint8Array(0),
    ...(format ? { format } : {}),
    ...(image.width ? { width: image.width } : {}),
    ...(image.height ? { height: image.height } : {}),
    ...(image.ppi ? { ppi: image.ppi } : {}),
    ...(image.fingerPosition ? { fingerPosition: image.fingerPosition } : {}),
  };
}

export async function extractOnPool(pool: WorkerPool, image: ImageInput, field: string, signal: AbortSignal, options: { encodeAs?: TemplateEncoding; includeStageImages?: boolean } = {}): Promise<ExtractResult> {
  if (!image.data || image.data.length === 0) throw EngineError.invalidArgument(`${field}.data`, 'is empty');
  // A copy the worker can own: the request buffer may be a slice of a larger gRPC frame.
  const data = new Uint8Array(image.data);
  try {
    return await pool.run({
      kind: 'extract',
      ...image,
      data,
      encodeAs: options.encodeAs ?? 'internal',
      includeStageImages: options.includeStageImages ?? false,
    }, { signal, transferList: [data.buffer] });
  } catch (e) {
    throw rerooted(e, 'image', field);
  }
}

function encodedTemplate(input: TemplateInput__Output, field: string): FingerprintTemplate {
  const enc = input.encoded!;
  const standard: TemplateStandard | undefined = enc.format === 'TEMPLATE_FORMAT_ISO_19794_2_2005' ? 'iso-19794-2' : enc.format === 'TEMPLATE_FORMAT_ANSI_378_2004' ? 'ansi-378' : undefined;
  if (enc.format === 'TEMPLATE_FORMAT_INTERNAL') throw EngineError.invalidArgument(`${field}.encoded.format`, 'INTERNAL templates are sent as the structured template, not encoded');
  const views = refield(() => decodeTemplate(enc.data, standard), 'template', `${field}.encoded`);
  if (views.length !== 1) throw EngineError.invalidArgument(`${field}.encoded.data`, `holds ${views.length} finger views; send one`);
  return refield(() => validateTemplate(views[0], 'template'), 'template', `${field}.encoded`);
}

/** A proto sample → engine form: templates are decoded and validated here, images later, on the pool. */
export function sampleFromProto(sample: FingerprintSample__Output | null | undefined, field: string): FingerprintSampleInput {
  if (!sample || !sample.source) throw EngineError.invalidArgument(field, 'is required (an image or a template)');
  if (sample.source === 'image') return { source: 'image', image: imageFromProto(sample.image!), field: `${field}.image` };
  const input = sample.template!;
  if (input.form === 'template' && input.template) return { source: 'template', template: templateFromProto(input.template, `${field}.template.template`) };
  if (input.form === 'encoded' && input.encoded) return { source: 'template', template: encodedTemplate(input, `${field}.template`) };
  throw EngineError.invalidArgument(`${field}.template`, 'holds neither a template nor an encoded template');
}

/** One template from a sample; an input with several finger images is refused (use Extract). */
export async function sampleToTemplate(pool: WorkerPool, sample: FingerprintSampleInput, signal: AbortSignal): Promise<{ template: FingerprintTemplate; source: 'image' | 'template' }> {
  if (sample.source === 'template') return { template: sample.template, source: 'template' };
  const result = await extractOnPool(pool, sample.image, sample.field, signal);
  if (result.fingers.length !== 1) throw EngineError.invalidArgument(`${sample.field}.data`, `holds ${result.fingers.length} finger images; send one (Extract returns them all)`);
  return { template: result.fingers[0].template, source: 'image' };
}
