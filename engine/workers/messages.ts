/**
 * The shapes that cross the worker-thread boundary, in one place. Results travel as a tagged union
 * rather than as thrown errors, because structured cloning drops an Error's own properties (the
 * engine error's code and field would be lost on the way back).
 */
import type { ErrorCode } from '../errors.js';
import type { ImageFormatName } from '../fingerprint/codecs/decoded-image.js';
import type { FingerprintTemplate } from '../fingerprint/template.js';
import type { ScanRequest, ScanResult } from '../fingerprint/identification/gallery-scan.js';
import type { EnrolmentForms } from '../fingerprint/identification/enrolment-forms.js';
import type { LatentFeatures, LatentMarkup, Point } from '../latent/latent-features.js';

export type TfBackendName = 'wasm' | 'cpu' | 'tensorflow';

export interface WorkerInit {
  tfBackend: TfBackendName;
  /** URL of the real entry module (read by the development bootstrap). */
  entry: string;
}

/** Reports which thread ran the task and how TensorFlow.js was initialised there. */
export interface RuntimeInfoTask {
  kind: 'runtime-info';
}

export interface RuntimeInfo {
  threadId: number;
  isMainThread: boolean;
  tfBackend: string;
  /** How many times this thread initialised TensorFlow.js (must stay 1). */
  tfInitCount: number;
  tasksRun: number;
}

export type TemplateEncoding = 'internal' | 'iso-19794-2' | 'ansi-378';

/** An image as the engine takes it: bytes plus what the caller says of them. */
export interface ImageInput {
  data: Uint8Array;
  format?: ImageFormatName;
  width?: number;
  height?: number;
  ppi?: number;
  fingerPosition?: number;
}

/** Decode an image or an ANSI/NIST transaction and extract a template from each finger image. */
export interface ExtractTask extends ImageInput {
  kind: 'extract';
  /** The input bytes; transferred to the worker, not copied. */
  data: Uint8Array;
  encodeAs: TemplateEncoding;
  includeStageImages: boolean;
}

export interface ExtractedFingerResult {
  template: FingerprintTemplate;
  encoded?: Uint8Array;
  stageImages: { stage: string; png: Uint8Array }[];
  source: string;
  sourcePpi: number;
  extractMs: number;
  /** Left out to keep the template within a view's limits (engine/fingerprint/extractor.ts). */
  minutiaeDropped: number;
  singularPointsDropped: number;
}

export interface ExtractResult {
  fingers: ExtractedFingerResult[];
}

/** Score a probe against part of a gallery's shared arena (engine/fingerprint/identification/gallery-scan.ts). */
export interface GalleryScanTask {
  kind: 'gallery-scan';
  request: ScanRequest;
}

/** Prepared forms and finger vectors of templates about to join a gallery. */
export interface EnrolmentFormsTask {
  kind: 'enrolment-forms';
  templates: FingerprintTemplate[];
}

/** Decode a latent mark and extract its features (engine/latent/latent-extractor.ts). */
export interface ExtractLatentTask extends ImageInput {
  kind: 'extract-latent';
  data: Uint8Array;
  /** The examiner's region of interest at 500 ppi. */
  roi?: Point[];
  /** Draw the features (merged with this markup) on the mark. */
  drawing?: { markup?: LatentMarkup };
  /** Also extract the mark with the tenprint extractor (an LT search's tenprint route, engine/latent/tenprint-route.ts). */
  tenprintRoute?: boolean;
}

export interface ExtractLatentResult {
  features: LatentFeatures;
  /** The mark's tenprint-extractor template, when the task asked for the tenprint route. */
  tenprint?: FingerprintTemplate;
  extractMs: number;
  drawingPng?: Uint8Array;
}

export type WorkerTask = RuntimeInfoTask | ExtractTask | GalleryScanTask | EnrolmentFormsTask | ExtractLatentTask;

export interface WorkerResultMap {
  'runtime-info': RuntimeInfo;
  extract: ExtractResult;
  'gallery-scan': ScanResult;
  'enrolment-forms': EnrolmentForms[];
  'extract-latent': ExtractLatentResult;
}

export interface SerializedError {
  code: ErrorCode;
  message: string;
  field?: string;
}

export type WorkerResponse<R> = { ok: true; value: R } | { ok: false; error: SerializedError };
