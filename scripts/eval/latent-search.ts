/**
 * How the evaluation scores a mark against one gallery entry: the minutiae matcher at any
 * rotation (marks come at any angle; MatcherOptions.anyRotation), the probe prepared once. This is
 * the one place the harness and the calibration take their latent scores from: when a latent
 * matcher (engine/latent/latent-matcher.ts) lands, it is swapped in here.
 */
import { FingerprintMatcher, type PreparedTemplate, prepareProbe } from '../../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';

export function latentScorer(probe: FingerprintTemplate): (candidate: PreparedTemplate) => number {
  const matcher = new FingerprintMatcher(prepareProbe(probe), { anyRotation: true });
  return (candidate) => matcher.score(candidate);
}
