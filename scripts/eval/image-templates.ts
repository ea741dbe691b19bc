/**
 * Images to templates for the harness: sharp decodes (as 8-bit gray), the project's extractor
 * (engine/fingerprint/extractor.ts) does the rest, including the resampling to 500 ppi.
 */
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { extractTemplate } from '../../engine/fingerprint/extractor.js';
import type { GrayImage } from '../../engine/fingerprint/gray-image.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';

export async function decodeGray(path: string): Promise<GrayImage> {
  const { data, info } = await sharp(path).greyscale().raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`${path}: expected one gray channel, got ${info.channels}`);
  return { width: info.width, height: info.height, pixels: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** Extracts every image in turn; `extractMs` is the wall time of extraction alone (decoding excluded). */
export async function loadImageTemplates(paths: string[], ppi: number | undefined): Promise<{ templates: FingerprintTemplate[]; extractMs: number[] }> {
  const templates: FingerprintTemplate[] = [];
  const extractMs: number[] = [];
  for (const path of paths) {
    const image = await decodeGray(path);
    const started = performance.now();
    // FVC TIFFs carry no resolution: the caller's --ppi, else 500 (the harness says so in its output).
    const template = await extractTemplate(image, { ppi: ppi ?? 500 });
    extractMs.push(performance.now() - started);
    templates.push(template);
  }
  return { templates, extractMs };
}
