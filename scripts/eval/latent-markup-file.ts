/**
 * Reads a markup.json (LatentMarkup, coordinates at 500 ppi, directions in radians) as the hard-mark
 * generator writes it, checking every field it uses: a malformed file is an error naming the field,
 * not a silently different search.
 */
import { readFileSync } from 'node:fs';
import type { LatentMarkup, Point } from '../../engine/latent/latent-features.js';
import type { Minutia, SingularPoint } from '../../engine/fingerprint/template.js';

function fail(path: string, field: string, why: string): never {
  throw new Error(`${path}: ${field} ${why}`);
}

function num(v: unknown, path: string, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, field, 'must be a finite number');
  return v;
}

function points(v: unknown, path: string, field: string): Point[] {
  if (!Array.isArray(v)) fail(path, field, 'must be an array');
  return v.map((p: unknown, i) => {
    const o = (p ?? {}) as Record<string, unknown>;
    return { x: num(o.x, path, `${field}[${i}].x`), y: num(o.y, path, `${field}[${i}].y`) };
  });
}

function minutiae(v: unknown, path: string): Minutia[] {
  if (!Array.isArray(v)) fail(path, 'minutiae', 'must be an array');
  return v.map((m: unknown, i) => {
    const o = (m ?? {}) as Record<string, unknown>;
    const type = o.type;
    if (type !== 'ending' && type !== 'bifurcation' && type !== 'other') fail(path, `minutiae[${i}].type`, 'must be ending, bifurcation or other');
    return {
      x: num(o.x, path, `minutiae[${i}].x`),
      y: num(o.y, path, `minutiae[${i}].y`),
      direction: num(o.direction, path, `minutiae[${i}].direction`),
      type,
      quality: o.quality === undefined ? 0 : num(o.quality, path, `minutiae[${i}].quality`),
    };
  });
}

function singular(v: unknown, path: string, field: string, type: SingularPoint['type']): SingularPoint[] {
  return points(v, path, field).map((p, i) => ({ ...p, type, direction: num(((v as Record<string, unknown>[])[i] ?? {}).direction ?? 0, path, `${field}[${i}].direction`) }));
}

export function readMarkupFile(path: string): LatentMarkup {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  if (raw === null || typeof raw !== 'object') fail(path, 'markup', 'must be a JSON object');
  const markup: LatentMarkup = {};
  if (raw.roi !== undefined) markup.roi = points(raw.roi, path, 'roi');
  if (raw.minutiae !== undefined) markup.minutiae = minutiae(raw.minutiae, path);
  if (raw.cores !== undefined) markup.cores = singular(raw.cores, path, 'cores', 'core');
  if (raw.deltas !== undefined) markup.deltas = singular(raw.deltas, path, 'deltas', 'delta');
  if (raw.useOnlyMarkup !== undefined) {
    if (typeof raw.useOnlyMarkup !== 'boolean') fail(path, 'useOnlyMarkup', 'must be true or false');
    markup.useOnlyMarkup = raw.useOnlyMarkup;
  }
  return markup;
}
