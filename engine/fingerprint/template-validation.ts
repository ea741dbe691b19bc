/**
 * Checks a template that arrives from outside (a caller's structured template, or a decoded
 * foreign record) before anything stores or matches it. Limits follow ISO/IEC 19794-2:2005: at
 * most 255 minutiae a view, coordinates within the image, quality 0–100.
 */
import { EngineError } from '../errors.js';
import type { FingerprintTemplate } from './template.js';

export const TEMPLATE_LIMITS = {
  maxSidePixels: 4096,
  maxMinutiae: 255,
  maxSingularPoints: 16,
} as const;

export function validateTemplate(t: FingerprintTemplate, field: string): FingerprintTemplate {
  const bad = (sub: string, reason: string) => EngineError.invalidArgument(`${field}${sub}`, reason);
  const side = (name: 'width' | 'height') => {
    const v = t[name];
    if (!Number.isInteger(v) || v < 1 || v > TEMPLATE_LIMITS.maxSidePixels) throw bad(`.${name}`, `must be a whole number of pixels from 1 to ${TEMPLATE_LIMITS.maxSidePixels}`);
  };
  side('width');
  side('height');
  if (t.resolutionPpi !== 500) throw bad('.resolution_ppi', 'must be 500 (templates are stored at 500 ppi)');
  if (t.minutiae.length > TEMPLATE_LIMITS.maxMinutiae) throw bad('.minutiae', `holds more than ${TEMPLATE_LIMITS.maxMinutiae} minutiae`);
  t.minutiae.forEach((m, i) => {
    if (!Number.isFinite(m.x) || m.x < 0 || m.x >= t.width) throw bad(`.minutiae[${i}].x`, 'lies outside the image');
    if (!Number.isFinite(m.y) || m.y < 0 || m.y >= t.height) throw bad(`.minutiae[${i}].y`, 'lies outside the image');
    if (!Number.isFinite(m.direction) || m.direction < 0 || m.direction >= 2 * Math.PI) throw bad(`.minutiae[${i}].angle_degrees`, 'must be in [0, 360)');
    if (!Number.isInteger(m.quality) || m.quality < 0 || m.quality > 100) throw bad(`.minutiae[${i}].quality`, 'must be a whole number from 0 to 100');
    if (m.type !== 'ending' && m.type !== 'bifurcation' && m.type !== 'other') throw bad(`.minutiae[${i}].type`, 'unknown minutia type');
  });
  if (t.singularPoints.length > TEMPLATE_LIMITS.maxSingularPoints) throw bad('.singular_points', `holds more than ${TEMPLATE_LIMITS.maxSingularPoints} points`);
  t.singularPoints.forEach((p, i) => {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) throw bad(`.singular_points[${i}]`, 'position must be finite');
    if (p.type !== 'core' && p.type !== 'delta') throw bad(`.singular_points[${i}].type`, 'must be core or delta');
  });
  if (t.quality !== undefined && (!Number.isInteger(t.quality) || t.quality < 0 || t.quality > 100)) throw bad('.quality', 'must be a whole number from 0 to 100');
  if (t.fingerPosition !== undefined && (!Number.isInteger(t.fingerPosition) || t.fingerPosition < 0 || t.fingerPosition > 255)) throw bad('.finger_position', 'must be an ANSI/NIST finger position code 0–255');
  if (t.orientations !== undefined) validateOrientations(t, bad);
  if (t.ridgeCounts !== undefined) validateRidgeCounts(t, bad);
  return t;
}

/** Ridge counts name two different minutiae of the template (0-based, from < to, each pair once) and fit the standards' one byte. */
function validateRidgeCounts(t: FingerprintTemplate, bad: (sub: string, reason: string) => EngineError): void {
  const rc = t.ridgeCounts!;
  if (!Array.isArray(rc)) throw bad('.ridge_counts', 'must be a list');
  const n = t.minutiae.length;
  // At most one edge per unordered pair of minutiae.
  if (rc.length > (n * (n - 1)) / 2) throw bad('.ridge_counts', 'holds more edges than pairs of minutiae');
  const seen = new Set<number>();
  rc.forEach((e, i) => {
    if (!Number.isInteger(e.from) || !Number.isInteger(e.to) || e.from < 0 || e.to >= n || e.from >= e.to) {
      throw bad(`.ridge_counts[${i}]`, 'must name two minutiae of the template, from < to');
    }
    if (!Number.isInteger(e.count) || e.count < 0 || e.count > 255) throw bad(`.ridge_counts[${i}].count`, 'must be a whole number from 0 to 255');
    const key = e.from * n + e.to;
    if (seen.has(key)) throw bad(`.ridge_counts[${i}]`, 'repeats a pair of minutiae');
    seen.add(key);
  });
}

/** The block field must tile the image exactly, with a direction (0–179) or 255 per block; 8–32 px blocks keep it under 256 KiB at the largest image side. */
function validateOrientations(t: FingerprintTemplate, bad: (sub: string, reason: string) => EngineError): void {
  const o = t.orientations!;
  if (!Number.isInteger(o.block) || o.block < 8 || o.block > 32) throw bad('.block_orientations.block', 'must be a whole number of pixels from 8 to 32');
  if (o.blocksWide !== Math.ceil(t.width / o.block) || o.blocksHigh !== Math.ceil(t.height / o.block)) throw bad('.block_orientations', 'does not tile the image');
  if (!(o.angles instanceof Uint8Array) || o.angles.length !== o.blocksWide * o.blocksHigh) throw bad('.block_orientations.angles', 'must hold one byte per block');
  for (let i = 0; i < o.angles.length; i++) {
    if (o.angles[i] > 179 && o.angles[i] !== 255) throw bad('.block_orientations.angles', 'must be whole degrees 0–179, or 255 for background');
  }
}
