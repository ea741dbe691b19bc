/** Proto ↔ engine forms for latent markup and features (degrees on the wire, radians inside). */
import type { Minutia, MinutiaType, SingularPoint } from '../../fingerprint/template.js';
import type { LatentMarkup } from '../../latent/latent-features.js';
import type { LatentMarkup as LatentMarkupProto, LatentMarkup__Output } from '../generated/biomatch/v1/LatentMarkup.js';
import type { Minutia__Output } from '../generated/biomatch/v1/Minutia.js';
import type { SingularPoint__Output } from '../generated/biomatch/v1/SingularPoint.js';
import type { MinutiaType__Output } from '../generated/biomatch/v1/MinutiaType.js';

const DEG = Math.PI / 180;
const TYPE_TO_ENGINE: Record<MinutiaType__Output, MinutiaType> = {
  MINUTIA_TYPE_UNSPECIFIED: 'other', MINUTIA_TYPE_RIDGE_ENDING: 'ending', MINUTIA_TYPE_BIFURCATION: 'bifurcation', MINUTIA_TYPE_OTHER: 'other',
};
const TYPE_TO_PROTO: Record<MinutiaType, MinutiaType__Output> = {
  ending: 'MINUTIA_TYPE_RIDGE_ENDING', bifurcation: 'MINUTIA_TYPE_BIFURCATION', other: 'MINUTIA_TYPE_OTHER',
};

/** [0, 360) in radians; non-finite stays non-finite so that validation refuses it. */
function radians(d: number): number {
  if (!Number.isFinite(d)) return d;
  const r = d % 360;
  return (r < 0 ? r + 360 : r) * DEG;
}

function minutiaFromProto(m: Minutia__Output): Minutia {
  return { x: m.x, y: m.y, direction: radians(m.angleDegrees), type: TYPE_TO_ENGINE[m.type] ?? 'other', quality: m.quality };
}

function pointFromProto(p: SingularPoint__Output, type: 'core' | 'delta'): SingularPoint {
  return { type, x: p.x, y: p.y, direction: radians(p.angleDegrees) };
}

/** Unvalidated engine form; latent-markup.ts validateMarkup checks it where the operation takes it. */
export function markupFromProto(m: LatentMarkup__Output): LatentMarkup {
  return {
    roi: m.roi.map((p) => ({ x: p.x, y: p.y })),
    minutiae: m.minutiae.map(minutiaFromProto),
    cores: m.cores.map((p) => pointFromProto(p, 'core')),
    deltas: m.deltas.map((p) => pointFromProto(p, 'delta')),
    useOnlyMarkup: m.useOnlyMarkup,
  };
}

const degrees = (r: number) => (Number.isNaN(r) ? 0 : r / DEG);

export function markupToProto(m: LatentMarkup): LatentMarkupProto {
  const point = (p: SingularPoint) => ({ type: p.type === 'core' ? 'TYPE_CORE' as const : 'TYPE_DELTA' as const, x: p.x, y: p.y, angleDegrees: degrees(p.direction) });
  return {
    roi: (m.roi ?? []).map((p) => ({ x: p.x, y: p.y })),
    minutiae: (m.minutiae ?? []).map((x) => ({ x: x.x, y: x.y, angleDegrees: degrees(x.direction), type: TYPE_TO_PROTO[x.type], quality: x.quality })),
    cores: (m.cores ?? []).map(point),
    deltas: (m.deltas ?? []).map(point),
    useOnlyMarkup: m.useOnlyMarkup ?? false,
  };
}
