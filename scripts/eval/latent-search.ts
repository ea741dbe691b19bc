/**
 * How the evaluation turns a mark into a probe and scores it against one gallery entry. Scores come
 * from the latent matcher (engine/latent/latent-matcher.ts: MCC at any rotation, then overlap-aware
 * verification), fused with the tenprint route for a mark searched without markup as the service's
 * LT search does (engine/latent/tenprint-route.ts), the probe prepared once: the one place the harness, the calibration and the bench
 * take latent probes and scores from, and the same matcher the service's latent searches scan with
 * (gallery-scan.ts).
 */
import { join } from 'node:path';
import type { GrayImage } from '../../engine/fingerprint/gray-image.js';
import type { PreparedTemplate } from '../../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { extractLatentFeatures, type LatentExtractOptions } from '../../engine/latent/latent-extractor.js';
import { latentTemplate, mergeMarkup, type LatentMarkup } from '../../engine/latent/latent-features.js';
import type { LatentMatcherOptions } from '../../engine/latent/latent-matcher.js';
import { LatentSearchScorer, markTenprintTemplate, wantsTenprintRoute } from '../../engine/latent/tenprint-route.js';
import { LATENT_TENPRINT_ROUTE_WEIGHT } from '../../engine/latent/latent-parameters.js';
import { readLatentPairs, type LatentPair } from './latent-pairs.js';
import { readMarkupFile } from './latent-markup-file.js';

export function latentScorer(probe: FingerprintTemplate | MarkProbe, scales?: readonly number[], options: LatentMatcherOptions = {}): (candidate: PreparedTemplate) => number {
  const { latent, tenprint } = 'latent' in probe ? probe : { latent: probe, tenprint: undefined };
  const scorer = new LatentSearchScorer(latent, tenprint, LATENT_TENPRINT_ROUTE_WEIGHT, { ...options, ...(scales ? { scales } : {}) });
  return (candidate) => scorer.score(candidate);
}

/** A mark as an LT search takes it: its latent template and, searched by its image alone, its tenprint route. */
export interface MarkProbe {
  latent: FingerprintTemplate;
  tenprint?: FingerprintTemplate;
}

/**
 * The mark as the service's LT search reads it (engine/latent/tenprint-route.ts): the latent
 * template (markTemplate) and, without markup, the tenprint extractor's template of the same image
 * (absent when that extractor refuses the image, as in the service).
 */
export async function markProbe(image: GrayImage, ppi: number | undefined, markup?: LatentMarkup, study: Pick<LatentExtractOptions, 'forceRoute' | 'routeMaxFraction' | 'orientationNetwork'> = {}): Promise<MarkProbe> {
  const latent = await markTemplate(image, ppi, markup, study);
  const tenprint = wantsTenprintRoute(Boolean(markup)) ? await markTenprintTemplate(image, ppi) : undefined;
  return tenprint ? { latent, tenprint } : { latent };
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
