/**
 * How the evaluation turns a mark into a probe and scores it against one gallery entry. Scores come
 * from the latent matcher (engine/latent/latent-matcher.ts: MCC at any rotation, then overlap-aware
 * verification), the probe prepared once: the one place the harness, the calibration and the bench
 * take latent probes and scores from, and the same matcher the service's latent searches scan with
 * (gallery-scan.ts).
 */
import { join } from 'node:path';
import type { GrayImage } from '../../engine/fingerprint/gray-image.js';
import type { PreparedTemplate } from '../../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { extractLatentFeatures, type LatentExtractOptions } from '../../engine/latent/latent-extractor.js';
import { latentTemplate, mergeMarkup, type LatentMarkup } from '../../engine/latent/latent-features.js';
import { LatentMatcher, type LatentMatcherOptions } from '../../engine/latent/latent-matcher.js';
import { readLatentPairs, type LatentPair } from './latent-pairs.js';
import { readMarkupFile } from './latent-markup-file.js';

export function latentScorer(probe: FingerprintTemplate, scales?: readonly number[], options: LatentMatcherOptions = {}): (candidate: PreparedTemplate) => number {
  const matcher = new LatentMatcher(probe, { ...options, ...(scales ? { scales } : {}) });
  return (candidate) => matcher.score(candidate);
}

/**
 * A mark's probe template: the latent pipeline over its image, the examiner's markup (if any) over
 * the automatic features. `study` passes study options to the extractor (eval:latent's route flags).
 */
export async function markTemplate(image: GrayImage, ppi: number | undefined, markup?: LatentMarkup, study: Pick<LatentExtractOptions, 'forceRoute' | 'routeMaxFraction' | 'orientationNetwork'> = {}): Promise<FingerprintTemplate> {
  const features = await extractLatentFeatures(image, { ...study, ...(ppi !== undefined ? { ppi } : {}), ...(markup?.roi ? { roi: markup.roi } : {}) });
  return latentTemplate(mergeMarkup(features, markup));
}

/**
 * Up to `perSet` pairs taken evenly from a pair-folder set given as `DIR` or `DIR:markup` (the
 * latter with each pair's markup.json read), each with its place in the sample.
 */
export function sampledPairs(spec: string, perSet: number): { pair: LatentPair; taken: number; markup?: LatentMarkup }[] {
  const withMarkup = spec.endsWith(':markup');
  const dir = withMarkup ? spec.slice(0, -':markup'.length) : spec;
  const pairs = readLatentPairs(dir);
  const step = Math.max(1, Math.floor(pairs.length / perSet));
  const out: { pair: LatentPair; taken: number; markup?: LatentMarkup }[] = [];
  for (let i = 0; i < pairs.length && out.length < perSet; i += step) {
    const pair = pairs[i]!;
    out.push({ pair, taken: out.length, ...(withMarkup ? { markup: readMarkupFile(pair.markup ?? join(dir, pair.id, 'markup.json')) } : {}) });
  }
  return out;
}
