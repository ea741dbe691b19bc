/**
 * How the evaluation scores a mark against one gallery entry: the latent matcher
 * (engine/latent/latent-matcher.ts: MCC at any rotation, then overlap-aware verification), the
 * probe prepared once. This is the one place the harness and the calibration take their latent
 * scores from, and the same matcher the service's latent searches scan with (gallery-scan.ts).
 */
import type { PreparedTemplate } from '../../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { LatentMatcher } from '../../engine/latent/latent-matcher.js';

export function latentScorer(probe: FingerprintTemplate): (candidate: PreparedTemplate) => number {
  const matcher = new LatentMatcher(probe);
  return (candidate) => matcher.score(candidate);
}
