/**
 * Between the field-by-field minutiae record (ISO 19794-2 / ANSI 378, raw codes) and the internal
 * `FingerprintTemplate` (engine/fingerprint/template.ts): coordinates rescaled from the record's
 * resolution to 500 ppi, angle codes to radians, type and quality codes to names and 0–100.
 *
 * Both standards measure a minutia's angle counter-clockwise from the horizontal axis pointing
 * right, with the origin at the top-left and y downwards (ISO/IEC 19794-2:2005 §6.4, ANSI INCITS
 * 378-2004 §6.4.1); they differ in the unit only: 360/256 degrees (ISO) against 2 degrees (ANSI).
 */
import { EngineError } from '../../errors.js';
import type { FingerprintTemplate, Minutia, MinutiaType, RidgeCount, SingularPoint } from '../template.js';
import { ENGINE_PPI, ENGINE_PX_PER_CM, pxPerCmToPpi } from '../codecs/codec-parameters.js';
import { angleUnitDegrees, type FingerView, type MinutiaeRecord, type MinutiaeRecordFormat, type RecordMinutia, type RidgeCountData } from './minutiae-record.js';
import { EXTENSION_CORE_DELTA, EXTENSION_RIDGE_COUNT, encodeCoreDelta, encodeRidgeCounts } from './extended-data.js';

const TWO_PI = 2 * Math.PI;

function normalizeAngle(rad: number): number {
  const a = rad % TWO_PI;
  return a < 0 ? a + TWO_PI : a;
}

const TYPE_NAMES: readonly MinutiaType[] = ['other', 'ending', 'bifurcation'];

/** ISO 2011 / ANSI 2009 use 254 (not reported) and 255 (failed); the internal form has 0–100. */
function qualityOf(code: number): number {
  return code <= 100 ? code : 0;
}

/** One finger view of a decoded record, in the internal form. */
export function viewToTemplate(view: FingerView, format: MinutiaeRecordFormat): FingerprintTemplate {
  if (view.resolutionX === 0 || view.resolutionY === 0) {
    throw EngineError.invalidArgument('template.data', `${format}: resolution of 0 px/cm cannot be brought to 500 ppi`);
  }
  const sx = ENGINE_PPI / pxPerCmToPpi(view.resolutionX);
  const sy = ENGINE_PPI / pxPerCmToPpi(view.resolutionY);
  const unit = (angleUnitDegrees(format) * Math.PI) / 180;
  const minutiae: Minutia[] = view.minutiae.map((m) => ({
    x: m.x * sx,
    y: m.y * sy,
    direction: normalizeAngle(m.angle * unit),
    type: TYPE_NAMES[m.type] ?? 'other',
    quality: qualityOf(m.quality),
  }));
  const singularPoints: SingularPoint[] = [];
  for (const c of view.coreDelta?.cores ?? []) {
    singularPoints.push({ type: 'core', x: c.x * sx, y: c.y * sy, direction: c.angle === undefined ? NaN : normalizeAngle(c.angle * unit) });
  }
  for (const d of view.coreDelta?.deltas ?? []) {
    singularPoints.push({ type: 'delta', x: d.x * sx, y: d.y * sy, direction: d.angles === undefined ? NaN : normalizeAngle(d.angles[0] * unit) });
  }
  const t: FingerprintTemplate = {
    width: Math.round(view.width * sx),
    height: Math.round(view.height * sy),
    resolutionPpi: ENGINE_PPI,
    minutiae,
    singularPoints,
    fingerPosition: view.position,
  };
  if (view.quality <= 100) t.quality = view.quality;
  const counts = view.ridgeCounts ? ridgeCountsOf(view.ridgeCounts, minutiae.length) : [];
  if (counts.length > 0) t.ridgeCounts = counts;
  return t;
}

/**
 * A record's ridge-count edges as the internal form's: 0-based offsets (FingerprintIO validates
 * them as 0 … count − 1), one per unordered pair, from < to, sorted. Edges naming a minutia the
 * view does not hold, or a minutia with itself, are left out (optional data, read leniently as the
 * core/delta block is); of repeated pairs the first is kept.
 */
function ridgeCountsOf(data: RidgeCountData, minutiae: number): RidgeCount[] {
  const seen = new Set<number>();
  const out: RidgeCount[] = [];
  for (const e of data.edges) {
    if (e.from === e.to || e.from >= minutiae || e.to >= minutiae) continue;
    const from = Math.min(e.from, e.to), to = Math.max(e.from, e.to);
    if (seen.has(from * 256 + to)) continue;
    seen.add(from * 256 + to);
    out.push({ from, to, count: e.count });
  }
  return out.sort((a, b) => a.from - b.from || a.to - b.to);
}

export function recordToTemplates(record: MinutiaeRecord): FingerprintTemplate[] {
  return record.views.map((v) => viewToTemplate(v, record.format));
}

export interface EncodeOptions {
  /**
   * A view holds at most 255 minutiae (one count byte, ISO §7.4.1 / ANSI §6.4.1.4). 'error'
   * (default) refuses a template with more; 'best-quality' keeps the 255 of highest quality.
   */
  overflow?: 'error' | 'best-quality';
  /** Impression type code to write (default 0: live-scan plain). */
  impressionType?: number;
}

const TYPE_CODES: Record<MinutiaType, number> = { other: 0, ending: 1, bifurcation: 2 };

function checkFinite(v: number, what: string): void {
  if (!Number.isFinite(v)) throw EngineError.invalidArgument('template', `${what} is not a finite number`);
}

/** One internal template as a finger view of a 500 ppi (197 px/cm) record of `format`. */
export function templateToView(t: FingerprintTemplate, format: MinutiaeRecordFormat, opts: EncodeOptions = {}): FingerView {
  if (t.resolutionPpi !== ENGINE_PPI) {
    throw EngineError.invalidArgument('template.resolution_ppi', `templates are encoded at ${ENGINE_PPI} ppi; got ${t.resolutionPpi}`);
  }
  if (!Number.isInteger(t.width) || !Number.isInteger(t.height) || t.width < 0 || t.height < 0 || t.width > 0xffff || t.height > 0xffff) {
    throw EngineError.invalidArgument('template.width', 'image size must be whole pixels in 0..65535');
  }
  const ansi = format.startsWith('ansi');
  const unitRad = (angleUnitDegrees(format) * Math.PI) / 180;
  const angleCodes = ansi ? 180 : 256;
  let source = t.minutiae;
  // Each kept minutia's offset in the view, for the ridge-count edges (−1: left out).
  let offsetOf: (i: number) => number = (i) => i;
  if (source.length > 255) {
    if ((opts.overflow ?? 'error') === 'error') {
      throw EngineError.invalidArgument('template.minutiae', `${source.length} minutiae: a ${format} view holds at most 255`);
    }
    const kept = t.minutiae.map((_, i) => i).sort((a, b) => t.minutiae[b].quality - t.minutiae[a].quality).slice(0, 255);
    const offsets = new Int32Array(t.minutiae.length).fill(-1);
    kept.forEach((i, k) => { offsets[i] = k; });
    offsetOf = (i) => offsets[i] ?? -1;
    source = kept.map((i) => t.minutiae[i]);
  }
  const coord = (v: number): number => Math.min(0x3fff, Math.max(0, Math.round(v)));
  const angle = (rad: number): number => Math.round(normalizeAngle(rad) / unitRad) % angleCodes;
  const minutiae: RecordMinutia[] = source.map((m) => {
    checkFinite(m.x, 'minutia x');
    checkFinite(m.y, 'minutia y');
    checkFinite(m.direction, 'minutia direction');
    return {
      type: TYPE_CODES[m.type] ?? 0,
      x: coord(m.x),
      y: coord(m.y),
      angle: angle(m.direction),
      quality: Math.min(100, Math.max(0, Math.round(Number.isFinite(m.quality) ? m.quality : 0))),
    };
  });
  const extensions = [];
  const edges = [];
  for (const e of t.ridgeCounts ?? []) {
    const from = offsetOf(e.from), to = offsetOf(e.to);
    if (from >= 0 && to >= 0) edges.push({ from, to, count: e.count });
  }
  // Method 0, non-specific (ISO §7.5.2.1): our edges go to the k nearest, not one per quadrant or octant.
  if (edges.length > 0) extensions.push({ type: EXTENSION_RIDGE_COUNT, data: encodeRidgeCounts({ method: 0, edges }) });
  const cores = t.singularPoints.filter((p) => p.type === 'core').slice(0, 15);
  const deltas = t.singularPoints.filter((p) => p.type === 'delta').slice(0, 15);
  if (cores.length + deltas.length > 0) {
    const coreDelta = {
      cores: cores.map((c) => (Number.isFinite(c.direction) ? { x: coord(c.x), y: coord(c.y), angle: angle(c.direction) } : { x: coord(c.x), y: coord(c.y) })),
      // The internal form keeps one direction per delta; the records want three (one per arm), so
      // deltas are written without angles rather than with two invented ones.
      deltas: deltas.map((d) => ({ x: coord(d.x), y: coord(d.y) })),
    };
    extensions.push({ type: EXTENSION_CORE_DELTA, data: encodeCoreDelta(coreDelta, ansi ? 'ansi' : 'iso') });
  }
  const quality = t.quality === undefined || !Number.isFinite(t.quality) ? 0 : Math.min(100, Math.max(0, Math.round(t.quality)));
  const position = t.fingerPosition ?? 0;
  if (!Number.isInteger(position) || position < 0 || position > 255) {
    throw EngineError.invalidArgument('template.finger_position', 'finger position must be a code 0..255');
  }
  return {
    position,
    view: 0,
    impressionType: opts.impressionType ?? 0,
    quality,
    width: t.width,
    height: t.height,
    resolutionX: ENGINE_PX_PER_CM,
    resolutionY: ENGINE_PX_PER_CM,
    minutiae,
    extensions,
  };
}

/** Several templates as one record: views of the same finger position are numbered 0, 1, ... */
export function templatesToViews(ts: FingerprintTemplate[], format: MinutiaeRecordFormat, opts: EncodeOptions = {}): FingerView[] {
  const seen = new Map<number, number>();
  return ts.map((t) => {
    const v = templateToView(t, format, opts);
    const n = seen.get(v.position) ?? 0;
    if (n > 15) throw EngineError.invalidArgument('template', `more than 16 views of finger position ${v.position}`);
    seen.set(v.position, n + 1);
    v.view = n;
    return v;
  });
}
