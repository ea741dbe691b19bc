/**
 * Images to templates for the harness: sharp decodes (as 8-bit gray), the project's extractor does
 * the rest. The extractor module is loaded when first needed so that `--templates` runs work without it.
 */
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import type { GrayImage } from '../../engine/fingerprint/gray-image.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';

interface ExtractorModule {
  extractTemplate(image: GrayImage, options?: unknown): Promise<FingerprintTemplate>;
}

export async function decodeGray(path: string): Promise<GrayImage> {
  const { data, info } = await sharp(path).greyscale().raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`${path}: expected one gray channel, got ${info.channels}`);
  return { width: info.width, height: info.height, pixels: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

export async function loadImageTemplates(paths: string[], ppi: number | undefined): Promise<{ templates: FingerprintTemplate[]; extractMs: number[] }> {
  const specifier = '../../engine/fingerprint/extractor.js';
  const extractor = (await import(specifier)) as ExtractorModule;
  const resolution = await import('../../engine/fingerprint/resolution.js');
  const templates: FingerprintTemplate[] = [];
  const extractMs: number[] = [];
  for (const path of paths) {
    const image = await decodeGray(path);
    if (ppi !== undefined) image.ppi = ppi;
    const started = performance.now();
    const template = await extractor.extractTemplate(resolution.toPpi500(image, ppi ?? 500));
    extractMs.push(performance.now() - started);
    templates.push(template);
  }
  return { templates, extractMs };
}
