/**
 * What a latent mark is reduced to: the shared contract between the latent feature pipeline
 * (latent-extractor.ts), examiner markup (request markup, ANSI/NIST-ITL Type-9 EFS), the latent
 * matcher and LatentService.
 *
 * Conventions are those of FingerprintTemplate (template.ts): pixels of the image brought to
 * 500 ppi, origin top-left, y down; directions in radians [0, 2π), counter-clockwise as viewed
 * (ISO/IEC 19794-2:2005 §6.4).
 */
import type { BlockOrientations, FingerprintTemplate, Minutia, SingularPoint } from '../fingerprint/template.js';

export interface Point {
  x: number;
  y: number;
}

/** A minutia of a mark. `reliability` 0–1: how sure the extractor (or the examiner) is that it is real. */
export interface LatentMinutia extends Minutia {
  reliability: number;
  /** Who put it there: the automatic pipeline or an examiner's markup. */
  source: 'auto' | 'examiner';
}

export interface LatentFeatures {
  /** Image size in pixels at 500 ppi (0 × 0 for markup without an image). */
  width: number;
  height: number;
  resolutionPpi: 500;
  /** The region of interest as a closed polygon (at 500 ppi), or null when none was found or given. */
  roi: Point[] | null;
  minutiae: LatentMinutia[];
  singularPoints: SingularPoint[];
  /**
   * The block orientation field, in the shape tenprint templates carry it (template.ts), only for a
   * mark that took the plain-mark route (latent-extractor.ts): there the field is the tenprint
   * stages' own, the one the matcher's orientation cue was built on. Marks on the latent route,
   * markup-only probes and "use only my features" carry none: their spectral field under
   * structured noise separates mates from impostors no better than chance
   * (docs/decisions/latent-scale.md, "Not taken"; docs/decisions/latent-orientation-plain.md).
   */
  orientations?: BlockOrientations;
}

/**
 * An examiner's markup of a mark (from the request, or from a Type-9 EFS record: 9.300 ROI,
 * 9.331 minutiae, 9.320 cores, 9.321 deltas). Coordinates at 500 ppi like the features.
 */
export interface LatentMarkup {
  roi?: Point[];
  /** `quality` here is the examiner's confidence 0–100. */
  minutiae?: Minutia[];
  cores?: SingularPoint[];
  deltas?: SingularPoint[];
  /** "Use only my features": automatic minutiae are not added to the examiner's. */
  useOnlyMarkup?: boolean;
}

/** Even–odd test of a point against a closed polygon. */
export function insidePolygon(p: Point, polygon: readonly Point[]): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i]!;
    const b = polygon[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Two minutiae closer than this (px at 500 ppi) are the same point when markup meets automatic features. */
const SAME_MINUTIA_PX = 8;

/**
 * The features a search uses: the examiner's markup over the automatic features. The examiner's
 * ROI replaces the automatic one and removes automatic minutiae outside it; the examiner's
 * minutiae are kept as given (reliability from their confidence, 1 when unknown) and replace any
 * automatic minutia at the same place; with `useOnlyMarkup` the automatic minutiae are dropped.
 * The automatic block field stays unless the examiner gives an ROI (it was read inside the
 * automatic one) or says "use only my features". Markup alone (auto null) is a valid probe.
 */
export function mergeMarkup(auto: LatentFeatures | null, markup: LatentMarkup | undefined): LatentFeatures {
  const base: LatentFeatures = auto ?? { width: 0, height: 0, resolutionPpi: 500, roi: null, minutiae: [], singularPoints: [] };
  if (!markup) return base;
  const roi = markup.roi && markup.roi.length >= 3 ? markup.roi : base.roi;
  const examiner: LatentMinutia[] = (markup.minutiae ?? []).map((m) => ({
    ...m,
    reliability: m.quality > 0 ? Math.min(1, m.quality / 100) : 1,
    source: 'examiner',
  }));
  let automatic = markup.useOnlyMarkup ? [] : base.minutiae.filter((m) => m.source === 'auto');
  if (markup.roi && markup.roi.length >= 3) automatic = automatic.filter((m) => insidePolygon(m, markup.roi!));
  automatic = automatic.filter((a) => !examiner.some((e) => Math.hypot(e.x - a.x, e.y - a.y) < SAME_MINUTIA_PX));
  const singular = [...(markup.cores ?? []), ...(markup.deltas ?? [])];
  const keepField = base.orientations !== undefined && !markup.useOnlyMarkup && !(markup.roi && markup.roi.length >= 3);
  return {
    width: base.width,
    height: base.height,
    resolutionPpi: 500,
    roi,
    minutiae: [...examiner, ...automatic],
    singularPoints: singular.length > 0 || markup.useOnlyMarkup ? singular : base.singularPoints,
    ...(keepField ? { orientations: base.orientations } : {}),
  };
}

/**
 * The features as a template the minutiae matcher takes: quality carries reliability (0–100); the
 * block field (plain-route marks only) goes with it, so the latent matcher's orientation cue can
 * apply when the candidate carries one too.
 */
export function latentTemplate(features: LatentFeatures): FingerprintTemplate {
  let width = features.width;
  let height = features.height;
  if (width === 0 || height === 0) {
    // Markup without an image: the frame that holds every feature, with a margin.
    for (const m of features.minutiae) {
      width = Math.max(width, Math.ceil(m.x) + 16);
      height = Math.max(height, Math.ceil(m.y) + 16);
    }
  }
  return {
    width,
    height,
    resolutionPpi: 500,
    minutiae: features.minutiae.map((m) => ({ x: m.x, y: m.y, direction: m.direction, type: m.type, quality: Math.round(Math.max(1, Math.min(100, m.reliability * 100))) })),
    singularPoints: features.singularPoints,
    ...(features.orientations ? { orientations: features.orientations } : {}),
  };
}
