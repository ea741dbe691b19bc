/** Proto ↔ engine forms for fingerprint templates (degrees on the wire, radians inside). */
import type { FingerprintTemplate, Minutia, MinutiaType as EngineMinutiaType } from '../../fingerprint/template.js';
import { validateTemplate } from '../../fingerprint/template-validation.js';
import type { Template, Template__Output } from '../generated/biomatch/v1/Template.js';
import type { MinutiaType__Output } from '../generated/biomatch/v1/MinutiaType.js';

const DEG = Math.PI / 180;

const TYPE_TO_ENGINE: Record<MinutiaType__Output, EngineMinutiaType | undefined> = {
  MINUTIA_TYPE_UNSPECIFIED: 'other',
  MINUTIA_TYPE_RIDGE_ENDING: 'ending',
  MINUTIA_TYPE_BIFURCATION: 'bifurcation',
  MINUTIA_TYPE_OTHER: 'other',
};
const TYPE_TO_PROTO: Record<EngineMinutiaType, MinutiaType__Output> = {
  ending: 'MINUTIA_TYPE_RIDGE_ENDING',
  bifurcation: 'MINUTIA_TYPE_BIFURCATION',
  other: 'MINUTIA_TYPE_OTHER',
};

/** A caller's structured template → the engine form, validated; `field` names it in errors. */
export function templateFromProto(t: Template__Output, field: string): FingerprintTemplate {
  const minutiae: Minutia[] = t.minutiae.map((m) => ({
    x: m.x,
    y: m.y,
    direction: normaliseDegrees(m.angleDegrees) * DEG,
    type: TYPE_TO_ENGINE[m.type] ?? 'other',
    quality: m.quality,
  }));
  return validateTemplate({
    width: t.width,
    height: t.height,
    resolutionPpi: t.resolutionPpi === 0 ? 500 : t.resolutionPpi,
    minutiae,
    singularPoints: t.singularPoints.map((p) => ({
      type: p.type === 'TYPE_DELTA' ? 'delta' : p.type === 'TYPE_CORE' ? 'core' : ('unknown' as 'core'),
      x: p.x,
      y: p.y,
      direction: normaliseDegrees(p.angleDegrees) * DEG,
    })),
    ...(t.quality ? { quality: t.quality } : {}),
    ...(t.fingerPosition ? { fingerPosition: t.fingerPosition } : {}),
    // Validated with the rest (template-validation.ts: must tile the image, bytes 0–179 or 255).
    ...(t.blockOrientations ? { orientations: { block: t.blockOrientations.block, blocksWide: t.blockOrientations.blocksWide, blocksHigh: t.blockOrientations.blocksHigh, angles: new Uint8Array(t.blockOrientations.angles) } } : {}),
  }, field);
}

export function templateToProto(t: FingerprintTemplate): Template {
  return {
    width: t.width,
    height: t.height,
    resolutionPpi: t.resolutionPpi,
    minutiae: t.minutiae.map((m) => ({ x: m.x, y: m.y, angleDegrees: m.direction / DEG, type: TYPE_TO_PROTO[m.type], quality: m.quality })),
    singularPoints: t.singularPoints.map((p) => ({ type: p.type === 'core' ? 'TYPE_CORE' : 'TYPE_DELTA', x: p.x, y: p.y, angleDegrees: Number.isNaN(p.direction) ? 0 : p.direction / DEG })),
    quality: t.quality ?? 0,
    fingerPosition: t.fingerPosition ?? 0,
    ...(t.orientations ? { blockOrientations: { block: t.orientations.block, blocksWide: t.orientations.blocksWide, blocksHigh: t.orientations.blocksHigh, angles: t.orientations.angles } } : {}),
  };
}

/** Keeps [0, 360) and lets validation refuse anything non-finite. */
function normaliseDegrees(d: number): number {
  if (!Number.isFinite(d)) return d;
  const r = d % 360;
  return r < 0 ? r + 360 : r;
}
