/**
 * The latent extraction task as it runs inside a worker: decode the mark (any format the
 * tenprint path takes), run the latent feature pipeline (engine/latent/latent-extractor.ts) with
 * the examiner's ROI when one is given, optionally the tenprint extractor over the same image (an LT
 * search's tenprint route), and optionally draw the features on the mark.
 */
import sharp from 'sharp';
import { EngineError } from '../errors.js';
import { decodeImage } from '../fingerprint/codecs/image-decoder.js';
import { toPpi500 } from '../fingerprint/resolution.js';
import { extractLatentFeatures } from '../latent/latent-extractor.js';
import { drawLatentFeatures } from '../latent/latent-drawing.js';
import { mergeMarkup } from '../latent/latent-features.js';
import { markTenprintTemplate } from '../latent/tenprint-route.js';
import type { ExtractLatentResult, ExtractLatentTask } from './messages.js';

export async function runExtractLatent(task: ExtractLatentTask): Promise<ExtractLatentResult> {
  const images = await decodeImage(task.data, {
    ...(task.format ? { format: task.format } : {}),
    ...(task.width ? { width: task.width } : {}),
    ...(task.height ? { height: task.height } : {}),
    ...(task.ppi ? { ppi: task.ppi } : {}),
  });
  if (images.length !== 1) throw EngineError.invalidArgument('image.data', `holds ${images.length} finger images; a mark is one image`);
  const image = images[0];
  const started = performance.now();
  const features = await extractLatentFeatures(image, { ...(task.ppi ? { ppi: task.ppi } : {}), ...(task.roi ? { roi: task.roi } : {}) });
  const tenprint = task.tenprintRoute ? await markTenprintTemplate(image) : undefined;
  const extractMs = performance.now() - started;
  if (!task.drawing) return { features, ...(tenprint ? { tenprint } : {}), extractMs };
  const drawn = drawLatentFeatures(toPpi500(image, task.ppi), task.drawing.markup ? mergeMarkup(features, task.drawing.markup) : features);
  const png = await sharp(Buffer.from(drawn.rgb.buffer, drawn.rgb.byteOffset, drawn.rgb.byteLength), { raw: { width: drawn.width, height: drawn.height, channels: 3 } }).png().toBuffer();
  return { features, ...(tenprint ? { tenprint } : {}), extractMs, drawingPng: new Uint8Array(png.buffer, png.byteOffset, png.byteLength) };
}
