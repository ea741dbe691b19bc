/**
 * Fingerprint 1:1 comparison, the public surface (shaped after SourceAFIS: prepare the probe once,
 * then match it against many candidates).
 *
 * Method: Minutia Cylinder-Code, bit-based cylinders (Cappelli, Ferrara, Maltoni 2010, IEEE TPAMI
 * 32(12), §3 and §3.3) with relaxation-based consolidation of one-to-one pairs (§4.3.2, LSA-R with a
 * greedy assignment). Details and the paper sections are in engine/fingerprint/matching/.
 *
 *   const matcher = new FingerprintMatcher(prepareProbe(probe));
 *   for (const record of gallery) matcher.match(record.prepared).score;
 *
 * A matcher holds its probe's pairwise geometry (and, without WebAssembly, scratch buffers): use
 * one per thread; `match` allocates only its result. Matchers of one thread share that thread's
 * WebAssembly modules (local-similarity-simd.ts, consolidation-wasm.ts); interleaving two matchers
 * is correct, only a little slower (the probe is copied into the module again at each switch).
 */
import { EngineError } from '../errors.js';
import { ConsolidationScratch, type SelectedPairs, consolidate, pairAlignment } from './matching/consolidation.js';
import { type WasmConsolidation, wasmConsolidation } from './matching/consolidation-wasm.js';
import { DEFAULT_MIN_COS, localSimilarities } from './matching/local-similarity.js';
import { type SimdLocalSimilarities, simdLocalSimilarities } from './matching/local-similarity-simd.js';
import { OrientationCue, fuseOrientation } from './matching/orientation-agreement.js';
import { ProbeGeometry } from './matching/pairwise-geometry.js';
import { MAX_MINUTIAE } from './matching/parameters.js';
import { type PreparedTemplate, prepareTemplate } from './matching/prepared-template.js';
import type { FingerprintTemplate } from './template.js';

export type { PreparedTemplate } from './matching/prepared-template.js';
export { thresholds } from './matching/thresholds.js';

export interface MatchedPair {
  /** Index into the probe template's `minutiae`. */
  probe: number;
  /** Index into the candidate template's `minutiae`. */
  candidate: number;
  /** The pair's local similarity after relaxation, 0–1. */
  similarity: number;
}

export interface MatchResult {
  /** Similarity 0–1 (MCC global score); compare with `thresholds`. */
  score: number;
  /** The minutiae pairs behind the score, best first: the evidence shown to examiners. */
  pairs: MatchedPair[];
  /**
   * Alignment estimated from the pairs, in image coordinates (y down): a probe point (x, y) lands on
   * the candidate at (x cos r + y sin r + dx, −x sin r + y cos r + dy), i.e. a rotation by r radians
   * counter-clockwise as viewed, then a shift. Zero when no pair was found.
   */
  rotation: number;
  dx: number;
  dy: number;
  /**
   * The orientation cue, when both templates carry a block orientation field (the extractor's
   * do; ISO/ANSI ones do not): the minutiae score before the cue, and the mean cos 2Δθ of the two
   * fields over `orientationOverlap` shared blocks (matching/orientation-agreement.ts).
   */
  minutiaeScore?: number;
  orientationAgreement?: number;
  orientationOverlap?: number;
}

/** The search form of a probe. The same form serves candidates (cache it per gallery record). */
export function prepareProbe(template: FingerprintTemplate): PreparedTemplate {
  return prepareTemplate(template);
}

/** The search form of a gallery candidate; identical to `prepareProbe`, named for readability. */
export function prepareCandidate(template: FingerprintTemplate): PreparedTemplate {
  return prepareTemplate(template);
}

function isPrepared(t: FingerprintTemplate | PreparedTemplate): t is PreparedTemplate {
  return (t as PreparedTemplate).kind === 'mcc-prepared';
}

export interface MatcherOptions {
  /**
   * Compare minutiae at any relative direction, so that prints rotated by more than 90° (latent
   * marks, prints scanned upside down) are found. MCC by default compares only minutiae whose
   * directions differ by at most δθ = 90° (§4.1): live-scan impressions rarely turn further, and
   * the restriction halves the work.
   */
  anyRotation?: boolean;
  /**
   * Relaxation's spread from the two templates' quality weights (parameters.ts, QUALITY_SPREAD_*;
   * docs/decisions/quality-spread-floor.md). Default true. False: r = 1, the spread as it was before
   * (the latent matcher, whose parameters were tuned with it).
   */
  qualitySpread?: boolean;
}

/**
 * How a matcher compares: WebAssembly for both stages (local similarities with SIMD, then
 * consolidation), or JavaScript consolidation after the SIMD kernel or the JavaScript loop. All
 * give the same bits (matcher.shared-data.test.ts); BIOMATCH_WASM_SIMD=0 forces JavaScript.
 */
type Kernel =
  | { readonly kind: 'wasm'; readonly wasm: WasmConsolidation }
  | { readonly kind: 'js'; readonly simd: SimdLocalSimilarities | null; readonly scratch: ConsolidationScratch };

function kernel(): Kernel {
  const simd = simdLocalSimilarities();
  const wasm = simd ? wasmConsolidation(simd) : null;
  return wasm ? { kind: 'wasm', wasm } : { kind: 'js', simd, scratch: new ConsolidationScratch(MAX_MINUTIAE, simd?.out) };
}

export class FingerprintMatcher {
  readonly probe: PreparedTemplate;
  private readonly kernel: Kernel = kernel();
  private readonly geometry: ProbeGeometry;
  private readonly minCos: number;
  private readonly orientations: OrientationCue | null;
  private readonly qualitySpread: boolean;

  constructor(probe: FingerprintTemplate | PreparedTemplate, options: MatcherOptions = {}) {
    if (probe === null || typeof probe !== 'object') throw EngineError.invalidArgument('probe', 'must be a template');
    this.probe = isPrepared(probe) ? probe : prepareTemplate(probe);
    this.minCos = options.anyRotation ? -2 : DEFAULT_MIN_COS;
    this.qualitySpread = options.qualitySpread ?? true;
    if (this.kernel.kind === 'js') this.kernel.scratch.qualitySpread = this.qualitySpread;
    // The probe's pairwise geometry, once (candidates' is computed per comparison, pairwise-geometry.ts).
    this.geometry = this.kernel.kind === 'js' ? this.kernel.scratch.geometry : new ProbeGeometry(this.probe.count);
    this.geometry.load(this.probe);
    this.orientations = this.probe.orientations && !options.anyRotation ? new OrientationCue(this.probe.orientations) : null;
  }

  /**
   * Score only: the fast path for 1:N scans (no pair list, no alignment). With `below`, a
   * comparison certain to score under it may return early with an upper bound of its score that
   * is itself under `below` (the orientation cue is skipped: it can raise the minutiae score by
   * exp(w (1 − A0)) at most); at or above `below` the score is always exact. A scan passes the
   * weakest score it keeps, or its minimum score.
   */
  score(candidate: FingerprintTemplate | PreparedTemplate, below = Number.NEGATIVE_INFINITY): number {
    const c = isPrepared(candidate) ? candidate : prepareTemplate(candidate);
    const minutiaeScore = this.consolidate(c);
    if (this.orientations === null || c.orientations === undefined || minutiaeScore === 0) return minutiaeScore;
    if (below > Number.NEGATIVE_INFINITY) {
      const ceiling = fuseOrientation(minutiaeScore, 1);
      if (ceiling < below) return ceiling;
    }
    return fuseOrientation(minutiaeScore, this.cue(c, minutiaeScore));
  }

  /** Local similarities then consolidation of the probe against `c`: the minutiae score. */
  private consolidate(c: PreparedTemplate): number {
    const k = this.kernel;
    if (k.kind === 'wasm') return k.wasm.run(this.probe, c, this.minCos, this.geometry, this.qualitySpread);
    const found = k.simd ? k.simd.run(this.probe, c, this.minCos) : localSimilarities(this.probe, c, k.scratch.packed, this.minCos);
    return consolidate(this.probe, c, found, k.scratch);
  }

  /**
   * The orientation cue for the comparison just consolidated, when both forms carry a block
   * orientation field and the minutiae score is not 0 (orientation-agreement.ts): the agreement,
   * its overlap left in `this.orientations.overlap`; NaN where the cue does not apply.
   */
  private cue(c: PreparedTemplate, minutiaeScore: number): number {
    const cue = this.orientations;
    if (cue === null || c.orientations === undefined || minutiaeScore === 0) return Number.NaN;
    if (!cue.consensus(this.probe, c, this.kernel.kind === 'wasm' ? this.kernel.wasm : this.kernel.scratch)) {
      cue.overlap = 0;
      return 0;
    }
    return cue.agreement(c.orientations);
  }

  match(candidate: FingerprintTemplate | PreparedTemplate): MatchResult {
    if (candidate === null || typeof candidate !== 'object') throw EngineError.invalidArgument('candidate', 'must be a template');
    const c = isPrepared(candidate) ? candidate : prepareTemplate(candidate);
    const minutiaeScore = this.consolidate(c);
    const agreement = this.cue(c, minutiaeScore);
    const score = Number.isNaN(agreement) ? minutiaeScore : fuseOrientation(minutiaeScore, agreement);
    const s: SelectedPairs = this.kernel.kind === 'wasm' ? this.kernel.wasm : this.kernel.scratch;
    const pairs: MatchedPair[] = [];
    for (let q = 0; q < s.chosenCount.value; q++) {
      const t = s.chosen[q];
      pairs.push({ probe: this.probe.minutia[s.pairA[t]], candidate: c.minutia[s.pairB[t]], similarity: s.lambda[t] });
    }
    pairs.sort((x, y) => y.similarity - x.similarity);
    const { rotation, dx, dy } = pairAlignment(this.probe, c, s);
    if (Number.isNaN(agreement)) return { score, pairs, rotation, dx, dy };
    return { score, pairs, rotation, dx, dy, minutiaeScore, orientationAgreement: agreement, orientationOverlap: this.orientations!.overlap };
  }
}
