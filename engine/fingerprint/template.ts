/**
 * The internal (extractor output / storage) form of a fingerprint template. Codecs for
 * ISO/IEC 19794-2:2005 and ANSI INCITS 378-2004 convert to and from it; the matcher prepares its
 * own search form from it once per probe.
 *
 * Conventions (those of ISO/IEC 19794-2:2005 §6.4, so that foreign templates line up with ours):
 * - coordinates in pixels of the image brought to 500 ppi, origin at the top-left corner,
 *   x to the right, y downwards;
 * - `direction` in radians in [0, 2π), measured counter-clockwise from the positive x axis as the
 *   image is viewed (so a direction θ points along (cos θ, −sin θ) in pixel coordinates);
 *   which way a ridge ending or a bifurcation points follows ISO/IEC 19794-2:2005 (§6.4.1);
 *   codecs and the extractor both use it, and their tests pin it on the shared samples;
 * - `quality` 0–100 (ISO 19794-2: 0 = unknown/lowest, 100 = best).
 */
export type MinutiaType = 'ending' | 'bifurcation' | 'other';

export interface Minutia {
  x: number;
  y: number;
  direction: number;
  type: MinutiaType;
  quality: number;
}

export type SingularPointType = 'core' | 'delta';

export interface SingularPoint {
  type: SingularPointType;
  x: number;
  y: number;
  /** Radians, same convention as minutiae; NaN where the method gives none. */
  direction: number;
}

/**
 * A compact block orientation field (internal extension: ISO/ANSI views do not carry it). Ridge
 * direction per `block`-px block of the 500 ppi image, row-major, in whole degrees 0–179 in pixel
 * coordinates (from +x towards +y, y down; a ridge direction, so modulo 180°); 255 = background.
 * Made by the extractor (extraction/block-orientations.ts) for the matcher's orientation cue.
 */
export interface BlockOrientations {
  block: number;
  blocksWide: number;
  blocksHigh: number;
  angles: Uint8Array;
}

/**
 * A ridge count between two minutiae (ISO/IEC 19794-2:2005 §7.5.2.1, ANSI INCITS 378 §6.5.2.1):
 * the ridges crossed on the straight segment between them, not counting the ridges they sit on.
 * `from` < `to` are 0-based offsets into `minutiae` (as FingerprintIO reads the standard's
 * one-byte indices). The extractor's counting rule: extraction/ridge-counts.ts.
 */
export interface RidgeCount {
  from: number;
  to: number;
  count: number;
}

export interface FingerprintTemplate {
  /** Image size in pixels at 500 ppi. */
  width: number;
  height: number;
  /** Always 500 for templates made here; foreign templates are rescaled to it on decode. */
  resolutionPpi: number;
  minutiae: Minutia[];
  singularPoints: SingularPoint[];
  /** Image quality 0–100 (method in engine/fingerprint/image-quality.ts), or undefined if unknown. */
  quality?: number;
  /** ANSI/NIST-ITL finger position code (0 unknown, 1–10 fingers, 11–15 plain/slaps ...). */
  fingerPosition?: number;
  /** The extractor's block orientation field; absent from templates decoded from ISO/ANSI. */
  orientations?: BlockOrientations;
  /**
   * Ridge counts from each minutia to its nearest ones (extended data block type 1 in ISO/ANSI);
   * absent when unknown (templates from elsewhere without the block, records made before).
   */
  ridgeCounts?: RidgeCount[];
}
