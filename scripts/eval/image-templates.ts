/**
 * Images to templates for the harness: sharp decodes (as 8-bit gray), the project's extractor
 * (engine/fingerprint/extractor.ts) does the rest, including the resampling to 500 ppi. A sensor-
 * like condition (scripts/eval/conditions.ts) may degrade each image first, and a study may pass
 * extraction parameters under test (`tuning`).
 */
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { extractFingerprint, type ExtractOptions } from '../../engine/fingerprint/extractor.js';
import type { GrayImage } from '../../engine/fingerprint/gray-image.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { type Condition, seedOf } from './conditions.js';

export async function decodeGray(path: string): Promise<GrayImage> {
  const { data, info } = await sharp(path).greyscale().raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`${path}: expected one gray channel, got ${info.channels}`);
  return { width: info.width, height: info.height, pixels: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

export interface LoadOptions {
  condition?: Condition;
  tuning?: ExtractOptions['tuning'];
  /** Also count ridges between neighbouring minutiae (the ridge-count cue study). */
  ridgeCounts?: boolean;
}

/**
 * Extracts every image in turn; `extractMs` is the wall time of extraction alone (decoding and the
 * condition excluded); `found` counts minutiae before the cut to a template's capacity.
 */
export async function loadImageTemplates(paths: string[], ppi: number | undefined, options: LoadOptions = {}): Promise<{ templates: FingerprintTemplate[]; extractMs: number[]; found: number[] }> {
  const templates: FingerprintTemplate[] = [];
  const extractMs: number[] = [];
  const found: number[] = [];
  for (const path of paths) {
    let image = await decodeGray(path);
    // FVC TIFFs carry no resolution: the caller's --ppi, else 500 (the harness says so in its output).
    let imagePpi = ppi ?? 500;
    if (options.condition) ({ image, ppi: imagePpi } = options.condition.apply(image, imagePpi, seedOf(basename(path))));
    const started = performance.now();
    const r = await extractFingerprint(image, { ppi: imagePpi, ...(options.tuning ? { tuning: options.tuning } : {}), ...(options.ridgeCounts ? { ridgeCounts: true } : {}) });
    extractMs.push(performance.now() - started);
    templates.push(r.template);
    found.push(r.template.minutiae.length + r.minutiaeDropped);
  }
  return { templates, extractMs, found };
}

/** A template read back from JSON: its block field's angles as bytes again (JSON writes a Uint8Array as an object of indices). */
export function reviveBlockField(t: FingerprintTemplate): FingerprintTemplate {
  if (t.orientations && !(t.orientations.angles instanceof Uint8Array)) t.orientations.angles = Uint8Array.from(Object.values(t.orientations.angles as unknown as Record<string, number>));
  return t;
}
