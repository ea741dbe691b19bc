// Original file: proto/biomatch/v1/latent.proto

import type { FingerprintSample as _biomatch_v1_FingerprintSample, FingerprintSample__Output as _biomatch_v1_FingerprintSample__Output } from '../../biomatch/v1/FingerprintSample';
import type { LatentMark as _biomatch_v1_LatentMark, LatentMark__Output as _biomatch_v1_LatentMark__Output } from '../../biomatch/v1/LatentMark';

export interface SearchUnsolvedRequest {
  /**
   * A tenprint finger (TL on demand; enrolments are searched automatically). A mark filed by its
   * image alone scores with its tenprint route fused in, on the latent score's scale, so one
   * threshold serves every mark (docs/decisions/latent-tl-route.md).
   */
  'probe'?: (_biomatch_v1_FingerprintSample | null);
  /**
   * The probe finger's position; marks whose possible positions exclude it are skipped. 0: unknown.
   */
  'fingerPosition'?: (number);
  /**
   * 0: 20
   */
  'maxCandidates'?: (number);
  'minScore'?: (number | string);
  /**
   * A mark (LL: links crime scenes).
   */
  'mark'?: (_biomatch_v1_LatentMark | null);
  /**
   * Marks whose features hold fewer minutiae are skipped (the automatic TL skips those under
   * --reverse-search-min-mark-minutiae). 0: every mark.
   */
  'minMarkMinutiae'?: (number);
  'query'?: "probe"|"mark";
}

export interface SearchUnsolvedRequest__Output {
  /**
   * A tenprint finger (TL on demand; enrolments are searched automatically). A mark filed by its
   * image alone scores with its tenprint route fused in, on the latent score's scale, so one
   * threshold serves every mark (docs/decisions/latent-tl-route.md).
   */
  'probe'?: (_biomatch_v1_FingerprintSample__Output | null);
  /**
   * The probe finger's position; marks whose possible positions exclude it are skipped. 0: unknown.
   */
  'fingerPosition': (number);
  /**
   * 0: 20
   */
  'maxCandidates': (number);
  'minScore': (number);
  /**
   * A mark (LL: links crime scenes).
   */
  'mark'?: (_biomatch_v1_LatentMark__Output | null);
  /**
   * Marks whose features hold fewer minutiae are skipped (the automatic TL skips those under
   * --reverse-search-min-mark-minutiae). 0: every mark.
   */
  'minMarkMinutiae': (number);
  'query'?: "probe"|"mark";
}
