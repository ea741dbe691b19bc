/**
 * The extraction task as it runs inside a worker: decode (PNG/JPEG/TIFF/BMP/raw/WSQ/ANSI-NIST),
 * bring each finger image to 500 ppi and extract its template, optionally encode it in a standard
 * format and render the pipeline's stage images as PNG for an examiner.
 */
import sharp from 'sharp';
import { EngineError } from '../errors.js';
import { decodeImage } from '../fingerprint/codecs/image-decoder.js';
import { extractFingerprint } from '../fingerprint/extractor.js';
import { collectingSink, stageImage, STAGE_NAMES, type StageOutputs } from '../fingerprint/stage-sink.js';
import { encodeIso19794_2 } from '../fingerprint/templates/iso-19794-2.js';
import { encodeAnsi378 } from '../fingerprint/templates/ansi-378.js';
import type { FingerprintTemplate } from '../fingerprint/template.js';
import type { ExtractResult, ExtractTask, ExtractedFingerResult, TemplateEncoding } from './messages.js';

export function encodeTemplate(t: FingerprintTemplate, as: TemplateEncoding): Uint8Array | undefined {
  if (as === 'iso-19794-2') return encodeIso19794_2(t);
  if (as === 'ansi-378') return encodeAnsi378(t);
  return undefined;
}

async function stagePngs(outputs: Partial<StageOutputs>): Promise<{ stage: string; png: Uint8Array }[]> {
  const out: { stage: string; png: Uint8Array }[] = [];
  for (const stage of STAGE_NAMES) {
    const output = outputs[stage];
    if (output === undefined) continue;
    const img = stageImage(stage, output as never);
    if (!img) continue;
    const png = await sharp(img.pixels, { raw: { width: img.width, height: img.height, channels: 1 } }).png().toBuffer();
    out.push({ stage, png: new Uint8Array(png.buffer, png.byteOffset, png.byteLength) });
  }
  return out;
}

export async function runExtract(task: ExtractTask): Promise<ExtractResult> {
  const images = await decodeImage(task.data, {
    ...(task.format ? { format: task.format } : {}),
    ...(task.width ? { width: task.width } : {}),
    ...(task.height ? { height: task.height } : {}),
    ...(task.ppi ? { ppi: task.ppi } : {}),
    ...(task.fingerPosition ? { fingerPosition: task.fingerPosition } : {}),
  });
  if (images.length === 0) throw EngineError.invalidArgument('image.data', 'holds no finger image');
  const fingers: ExtractedFingerResult[] = [];
  for (const image of images) {
    const started = performance.now();
    const collected = task.includeStageImages ? collectingSink() : undefined;
    const { template, minutiaeDropped, singularPointsDropped } = await extractFingerprint(image, collected ? { sink: collected.sink } : {});
    if (image.fingerPosition !== undefined) template.fingerPosition = image.fingerPosition;
    const extractMs = performance.now() - started;
    const encoded = encodeTemplate(template, task.encodeAs);
    fingers.push({
      template,
      ...(encoded ? { encoded } : {}),
      stageImages: collected ? await stagePngs(collected.outputs) : [],
      source: image.source,
      sourcePpi: image.ppi ?? 0,
      extractMs,
      minutiaeDropped,
      singularPointsDropped,
    });
  }
  return { fingers };
}
