/**
 * Checks an examiner's markup where it enters (a request, a Type-9 EFS record) before anything
 * matches or stores it: finite coordinates inside the largest frame a template may have, angles in
 * [0, 2π), confidences 0–100, at most as many minutiae and singular points as a template holds
 * (ISO/IEC 19794-2:2005 limits, template-validation.ts). Errors name the field and the reason.
 */
import { EngineError } from '../errors.js';
import { TEMPLATE_LIMITS } from '../fingerprint/template-validation.js';
import type { SingularPoint } from '../fingerprint/template.js';
import type { LatentFeatures, LatentMarkup, Point } from './latent-features.js';

/** Vertices an ROI polygon may have (EFS 9.300 allows up to 99 in the traditional encoding; hand-drawn outlines run longer). */
export const MAX_ROI_POINTS = 1000;

export function validateMarkup(markup: LatentMarkup, field: string): LatentMarkup {
  const bad = (sub: string, reason: string) => EngineError.invalidArgument(`${field}${sub}`, reason);
  const side = TEMPLATE_LIMITS.maxSidePixels;
  const inFrame = (v: number) => Number.isFinite(v) && v >= 0 && v < side;
  const roi = markup.roi ?? [];
  if (roi.length > 0 && roi.length < 3) throw bad('.roi', 'a region of interest needs at least 3 points (or none)');
  if (roi.length > MAX_ROI_POINTS) throw bad('.roi', `holds more than ${MAX_ROI_POINTS} points`);
  roi.forEach((p: Point, i) => {
    if (!inFrame(p.x)) throw bad(`.roi[${i}].x`, `must be a pixel position from 0 to ${side} at 500 ppi`);
    if (!inFrame(p.y)) throw bad(`.roi[${i}].y`, `must be a pixel position from 0 to ${side} at 500 ppi`);
  });
  const minutiae = markup.minutiae ?? [];
  if (minutiae.length > TEMPLATE_LIMITS.maxMinutiae) throw bad('.minutiae', `holds more than ${TEMPLATE_LIMITS.maxMinutiae} minutiae`);
  minutiae.forEach((m, i) => {
    if (!inFrame(m.x)) throw bad(`.minutiae[${i}].x`, `must be a pixel position from 0 to ${side} at 500 ppi`);
    if (!inFrame(m.y)) throw bad(`.minutiae[${i}].y`, `must be a pixel position from 0 to ${side} at 500 ppi`);
    if (!Number.isFinite(m.direction) || m.direction < 0 || m.direction >= 2 * Math.PI) throw bad(`.minutiae[${i}].angle_degrees`, 'must be in [0, 360)');
    if (!Number.isInteger(m.quality) || m.quality < 0 || m.quality > 100) throw bad(`.minutiae[${i}].quality`, 'is the confidence, a whole number from 0 to 100');
    if (m.type !== 'ending' && m.type !== 'bifurcation' && m.type !== 'other') throw bad(`.minutiae[${i}].type`, 'unknown minutia type');
  });
  const points = (list: SingularPoint[] | undefined, name: 'cores' | 'deltas') => {
    const ps = list ?? [];
    if (ps.length > TEMPLATE_LIMITS.maxSingularPoints) throw bad(`.${name}`, `holds more than ${TEMPLATE_LIMITS.maxSingularPoints} points`);
    ps.forEach((p, i) => {
      if (!inFrame(p.x)) throw bad(`.${name}[${i}].x`, `must be a pixel position from 0 to ${side} at 500 ppi`);
      if (!inFrame(p.y)) throw bad(`.${name}[${i}].y`, `must be a pixel position from 0 to ${side} at 500 ppi`);
      if (!Number.isNaN(p.direction) && (!Number.isFinite(p.direction) || p.direction < 0 || p.direction >= 2 * Math.PI)) throw bad(`.${name}[${i}].angle_degrees`, 'must be in [0, 360)');
    });
  };
  points(markup.cores, 'cores');
  points(markup.deltas, 'deltas');
  return markup;
}

/**
 * Checks that markup drawn on an image lies on it: examiner minutiae outside the mark's frame (at
 * 500 ppi) mean the markup belongs to another image or another resolution.
 */
export function checkMarkupOnImage(markup: LatentMarkup, auto: LatentFeatures, field: string): void {
  if (auto.width === 0 || auto.height === 0) return;
  (markup.minutiae ?? []).forEach((m, i) => {
    if (m.x >= auto.width) throw EngineError.invalidArgument(`${field}.minutiae[${i}].x`, `lies outside the image (${auto.width} px wide at 500 ppi)`);
    if (m.y >= auto.height) throw EngineError.invalidArgument(`${field}.minutiae[${i}].y`, `lies outside the image (${auto.height} px high at 500 ppi)`);
  });
}

/** The features in markup form (what ExtractLatent answers, and an examiner edits and sends back). */
export function featuresAsMarkup(f: LatentFeatures): LatentMarkup {
  return {
    ...(f.roi ? { roi: f.roi } : {}),
    minutiae: f.minutiae.map((m) => ({ x: m.x, y: m.y, direction: m.direction, type: m.type, quality: Math.round(Math.max(1, Math.min(100, m.reliability * 100))) })),
    cores: f.singularPoints.filter((p) => p.type === 'core'),
    deltas: f.singularPoints.filter((p) => p.type === 'delta'),
    useOnlyMarkup: false,
  };
}
