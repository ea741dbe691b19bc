/**
 * Examiner markup from ANSI/NIST-ITL 1-2011 Type-9 extended feature set (EFS) records (§8.9.7):
 * 9.300 ROI, 9.302 finger/palm position, 9.320 cores, 9.321 deltas, 9.331 minutiae.
 *
 * Units and origin. EFS locations are integers in 10 µm units. The ROI (9.300: width, height,
 * horizontal offset, vertical offset, polygon "x,y-x,y-…") is placed in the image by its offsets,
 * and every other location, the polygon's included, is relative to the ROI's top-left corner, y
 * downwards. NIST's own type9-efs.an2k bears this out: its sixth record's ROI sits 43.97 mm from the
 * image's left edge while all its minutiae lie within the ROI's 26.18 mm width. Locations are
 * brought to pixels of the image at 500 ppi (1 unit = 0.01 mm = 500 / 2540 px).
 *
 * Directions. 9.331's theta and 9.320's core direction are degrees counter-clockwise from the
 * horizontal right, the INCITS 378 / ISO 19794-2 convention the templates here use, so they map
 * to radians unchanged (NIST's file writes 360 for 0; taken modulo 360). No shared transaction
 * pairs an EFS block with another block of the same mark, so this is the standard's convention,
 * not a measured one. The minutia type E is a ridge ending, B a bifurcation, X either ('other').
 * The examiner's confidence is not an EFS item; radius/direction uncertainty (items 5, 6) lower
 * it: a minutia stated without uncertainty gets confidence 100.
 */
import { EngineError } from '../errors.js';
import { readTransaction, RS, US, type AnsiNistRecord, type TaggedRecord } from '../fingerprint/codecs/ansi-nist-transaction.js';
import type { Minutia, MinutiaType, SingularPoint } from '../fingerprint/template.js';
import type { LatentMarkup, Point } from './latent-features.js';

/** 10 µm units → pixels at 500 ppi. */
const UNIT_TO_PX = 500 / 2540;
/** Bounds on what one mark's markup may hold: more is not a mark, it is a malformed record. */
const MAX_EFS_MINUTIAE = 1000;
const MAX_POLYGON_VERTICES = 1000;

export interface EfsMarkup extends LatentMarkup {
  /** The Type-9 record's IDC, which ties it to the image record of the same IDC. */
  idc: number;
  /** 1-based position of the Type-9 record in the transaction. */
  recordIndex: number;
  /** 9.302 finger/palm positions the examiner gave (0 unknown finger). */
  fingerPositions: number[];
}

/**
 * The EFS markup of every Type-9 record that has one (9.300 is mandatory in EFS). A transaction
 * without any is an error: the caller sent it as markup. Errors name `field`.
 */
export function markupFromAnsiNist(bytes: Uint8Array, field = 'mark.efs'): EfsMarkup[] {
  let records;
  try {
    records = readTransaction(bytes).records;
  } catch (e) {
    if (e instanceof EngineError && e.field !== undefined) throw EngineError.invalidArgument(field, e.message.slice(e.field.length + 2));
    throw e;
  }
  const out: EfsMarkup[] = [];
  for (const r of records) {
    if (r.kind !== 'tagged' || r.type !== 9) continue;
    if (![...r.fields.keys()].some((k) => k >= 300 && k <= 399)) continue;
    out.push(readEfs(r, field));
  }
  if (out.length === 0) throw EngineError.invalidArgument(field, 'the transaction has no Type-9 extended feature set (fields 9.300–9.399)');
  return out;
}

/**
 * Each Type-9 EFS record of an already-read transaction, or the error that refuses it, so that one
 * malformed record does not hide the others (a batch item per mark fails alone). Errors name `field`.
 */
export function efsRecords(records: readonly AnsiNistRecord[], field: string): Array<{ idc: number; recordIndex: number; markup?: EfsMarkup; error?: EngineError }> {
  const out: Array<{ idc: number; recordIndex: number; markup?: EfsMarkup; error?: EngineError }> = [];
  for (const r of records) {
    if (r.kind !== 'tagged' || r.type !== 9) continue;
    if (![...r.fields.keys()].some((k) => k >= 300 && k <= 399)) continue;
    try {
      out.push({ idc: r.idc, recordIndex: r.index, markup: readEfs(r, field) });
    } catch (e) {
      if (!(e instanceof EngineError)) throw e;
      out.push({ idc: r.idc, recordIndex: r.index, error: e });
    }
  }
  return out;
}

function readEfs(r: TaggedRecord, field: string): EfsMarkup {
  const where = `Type-9 record ${r.index} (IDC ${r.idc})`;
  const bad = (what: string): EngineError => EngineError.invalidArgument(field, `${where}: ${what}`);
  const roiField = r.fields.get(300);
  if (roiField === undefined) throw bad('has EFS fields but no region of interest (9.300)');
  const roiItems = roiField.split(RS)[0]!.split(US);
  const width = integer(roiItems[0], () => bad('9.300 width is not a positive integer'));
  const height = integer(roiItems[1], () => bad('9.300 height is not a positive integer'));
  if (width <= 0 || height <= 0) throw bad('9.300 width and height must be positive');
  const offsetX = roiItems[2] ? integer(roiItems[2], () => bad('9.300 horizontal offset is not an integer')) : 0;
  const offsetY = roiItems[3] ? integer(roiItems[3], () => bad('9.300 vertical offset is not an integer')) : 0;
  const at = (x: number, y: number): Point => ({ x: (offsetX + x) * UNIT_TO_PX, y: (offsetY + y) * UNIT_TO_PX });

  let roi: Point[];
  const polygon = roiItems[4]?.trim();
  if (polygon) {
    const vertices = polygon.split('-');
    if (vertices.length < 3 || vertices.length > MAX_POLYGON_VERTICES) throw bad(`9.300 polygon needs 3–${MAX_POLYGON_VERTICES} vertices`);
    roi = vertices.map((v, i) => {
      const [x, y] = v.split(',');
      const px = integer(x, () => bad(`9.300 polygon vertex ${i + 1} is not "x,y"`));
      const py = integer(y, () => bad(`9.300 polygon vertex ${i + 1} is not "x,y"`));
      if (px < 0 || py < 0 || px > width || py > height) throw bad(`9.300 polygon vertex ${i + 1} lies outside the ROI`);
      return at(px, py);
    });
  } else {
    roi = [at(0, 0), at(width, 0), at(width, height), at(0, height)];
  }

  const minutiae: Minutia[] = [];
  const minField = r.fields.get(331);
  if (minField !== undefined && minField.trim() !== '') {
    const subs = minField.split(RS);
    if (subs.length > MAX_EFS_MINUTIAE) throw bad(`9.331 holds ${subs.length} minutiae, more than ${MAX_EFS_MINUTIAE}`);
    subs.forEach((sub, i) => {
      const items = sub.split(US);
      const fail = () => bad(`9.331 minutia ${i + 1} needs x, y, theta 0–360 and type E, B or X`);
      const x = integer(items[0], fail);
      const y = integer(items[1], fail);
      const theta = integer(items[2], fail);
      const type = typeOf((items[3] ?? '').trim());
      if (type === undefined || theta < 0 || theta > 360 || x < 0 || y < 0) throw fail();
      const radius = items[4]?.trim() ? integer(items[4], fail) : 0;
      const spread = items[5]?.trim() ? integer(items[5], fail) : 0;
      const p = at(x, y);
      minutiae.push({ x: p.x, y: p.y, direction: radians(theta), type, quality: confidence(radius, spread) });
    });
  }

  const cores: SingularPoint[] = points(r.fields.get(320), '9.320 core', bad).map(([x, y, dir]) => ({ type: 'core', ...at(x!, y!), direction: dir === undefined ? Number.NaN : radians(dir) }));
  const deltas: SingularPoint[] = points(r.fields.get(321), '9.321 delta', bad).map(([x, y, dir]) => ({ type: 'delta', ...at(x!, y!), direction: dir === undefined ? Number.NaN : radians(dir) }));

  const fingerPositions = (r.fields.get(302) ?? '')
    .split(RS)
    .map((s) => s.split(US)[0]?.trim())
    .filter((s): s is string => s !== undefined && s !== '')
    .map((s) => integer(s, () => bad('9.302 finger position is not an integer')));

  return { idc: r.idc, recordIndex: r.index, fingerPositions, roi, minutiae, cores, deltas, useOnlyMarkup: false };
}

function points(value: string | undefined, what: string, bad: (w: string) => EngineError): Array<[number, number, number | undefined]> {
  if (value === undefined || value.trim() === '') return [];
  return value.split(RS).map((sub, i) => {
    const items = sub.split(US);
    const fail = () => bad(`${what} ${i + 1} needs x and y`);
    const x = integer(items[0], fail);
    const y = integer(items[1], fail);
    if (x < 0 || y < 0) throw fail();
    const dir = items[2]?.trim() ? integer(items[2], () => bad(`${what} ${i + 1} direction is not an integer`)) : undefined;
    return [x, y, dir];
  });
}

function integer(s: string | undefined, fail: () => EngineError): number {
  const t = (s ?? '').trim();
  if (!/^-?\d{1,9}$/.test(t)) throw fail();
  return Number(t);
}

function typeOf(code: string): MinutiaType | undefined {
  return code === 'E' ? 'ending' : code === 'B' ? 'bifurcation' : code === 'X' ? 'other' : undefined;
}

function radians(degrees: number): number {
  return ((degrees % 360) * Math.PI) / 180;
}

/** 100 with no stated uncertainty; less as the radius (10 µm units) or direction spread (degrees) grows. */
function confidence(radius: number, spread: number): number {
  const fromRadius = radius > 0 ? Math.max(0, 1 - radius / 100) : 1; // 1 mm of uncertainty → 0
  const fromSpread = spread > 0 ? Math.max(0, 1 - spread / 90) : 1;
  return Math.max(1, Math.round(100 * Math.min(fromRadius, fromSpread)));
}
