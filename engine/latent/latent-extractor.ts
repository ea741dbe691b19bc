/**
 * Latent mark image → LatentFeatures. First version: the tenprint pipeline over the mark, with
 * the examiner's ROI (when given) removing minutiae outside it, and each minutia's quality as its
 * reliability. The latent-specific stages (ROI that survives backgrounds, orientation that survives
 * structured noise, enhancement, minutia reliability) replace it stage by stage.
 */
import { extractTemplate } from '../fingerprint/extractor.js';
import type { GrayImage } from '../fingerprint/gray-image.js';
import type { StageSink } from '../fingerprint/stage-sink.js';
import { insidePolygon, type LatentFeatures, type Point } from './latent-features.js';

export interface LatentExtractOptions {
  ppi?: number;
  /** The examiner's region of interest at 500 ppi; features outside it are dropped. */
  roi?: Point[];
  sink?: StageSink;
}

export async function extractLatentFeatures(image: GrayImage, options: LatentExtractOptions = {}): Promise<LatentFeatures> {
  const template = await extractTemplate(image, { ppi: options.ppi, sink: options.sink });
  const roi = options.roi && options.roi.length >= 3 ? options.roi : null;
  const minutiae = template.minutiae
    .filter((m) => roi === null || insidePolygon(m, roi))
    .map((m) => ({ ...m, reliability: m.quality / 100, source: 'auto' as const }));
  return { width: template.width, height: template.height, resolutionPpi: 500, roi, minutiae, singularPoints: template.singularPoints };
}
