/**
 * Type-9 minutiae records of ANSI/NIST-ITL 1-2011 (§8.9): the legacy "standard format" fields
 * (9.004 FMT "S", 9.006 FGP, 9.008 CRP, 9.009 DLT, 9.010 MIN, 9.012 MRC) and the INCITS 378
 * block (9.126–9.140). The INCITS 378 block uses ANSI INCITS 378 conventions (pixels, origin top
 * left, angles in 2-degree units) and is converted to the internal template form; the legacy
 * fields are given as stated (0.01 mm units from the lower-left origin, degrees), since bringing
 * them to image pixels needs the matching image record's height. Extended feature set (EFS,
 * 9.300–9.399) fields are detected and reported, not read.
 */
import type { FingerprintTemplate } from '../template.js';
import type { FingerView } from '../templates/minutiae-record.js';
import { viewToTemplate } from '../templates/record-conversion.js';
import { type TaggedRecord, fail, RS, US } from './ansi-nist-transaction.js';

export interface LegacyMinutia {
  index: number;
  /** Millimetres from the lower-left corner (the 9.012 XXXXYYYY item in 0.01 mm units). */
  xMm: number;
  yMm: number;
  /** Degrees counter-clockwise from the x axis, as the record states them (TTT). */
  thetaDegrees: number;
  /** 9.012 quality item as stated (IAFIS: 0 manually encoded, 1 unknown, 2–63 quality). */
  quality: number;
  /** A ridge ending, B bifurcation, C compound, D type undetermined. */
  type: 'A' | 'B' | 'C' | 'D';
}

export interface Type9Minutiae {
  recordIndex: number;
  idc: number;
  impressionType?: number;
  /** 9.004: "S" standard (legacy) fields, "U" user-defined / other blocks. */
  format: string;
  summary: string;
  legacy?: {
    fingerPositions: number[];
    declaredCount?: number;
    minutiae: LegacyMinutia[];
    cores: Array<{ xMm: number; yMm: number }>;
    deltas: Array<{ xMm: number; yMm: number }>;
    originatingSystem?: string;
  };
  /**
   * The legacy block in the internal form, when the transaction has an image record with the same
   * IDC to give the image height and resolution (see legacyToTemplate).
   */
  legacyTemplate?: FingerprintTemplate;
  /** The FBI IAFIS feature block (9.013–9.030), same item layout as the legacy block. */
  iafis?: Type9Minutiae['legacy'];
  /** The INCITS 378 block, converted (500 ppi, radians, ANSI 378 type/quality codes). */
  incits378?: FingerprintTemplate;
  /** Field numbers of an extended feature set (9.300–9.399) present in the record. */
  efsFields?: number[];
  /**
   * EFS minutiae (9.331 MIN) as stated: millimetres from the image's top-left corner (the EFS
   * origin, y downwards; items in 10 µm units), theta in degrees, type E ridge ending,
   * B bifurcation, X either (NIST's own type9-efs.an2k writes 360 for 0; kept as stated). Other
   * EFS fields are not read.
   */
  efsMinutiae?: Array<{ xMm: number; yMm: number; thetaDegrees: number; type: 'E' | 'B' | 'X' }>;
}

const num = (v: string | undefined): number | undefined => (v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) : undefined);

/**
 * Field numbers of the two "XXXXYYYYTTT" minutiae blocks: the legacy standard format (9.005–9.012)
 * and the FBI IAFIS features (9.013–9.030: FGN 9.014, NMN 9.015, FCP 9.016, CRA 9.021, DLA 9.022,
 * MAT 9.023), which share the minutia item layout (index, position/direction, quality, type, ...).
 */
const LEGACY = { name: 'legacy 9.012', fgp: 6, ofr: 5, core: 8, delta: 9, count: 10, minutiae: 12 };
const IAFIS = { name: 'IAFIS 9.023', fgp: 14, ofr: 16, core: 21, delta: 22, count: 15, minutiae: 23 };
type BlockFields = typeof LEGACY;

function readLegacy(r: TaggedRecord, where: string, k: BlockFields): NonNullable<Type9Minutiae['legacy']> {
  const f = r.fields;
  const fingerPositions = (f.get(k.fgp) ?? '').split(RS).map((s) => num(s)).filter((p): p is number => p !== undefined);
  const minutiae: LegacyMinutia[] = [];
  const mrc = f.get(k.minutiae);
  if (mrc !== undefined && mrc.length > 0) {
    for (const sub of mrc.split(RS)) {
      const items = sub.split(US);
      const index = num(items[0]);
      const pos = items[1] ?? '';
      if (index === undefined || !/^\d{11}$/.test(pos)) throw fail(`${where}: ${k.name} minutia "${items[0] ?? ''}" has no XXXXYYYYTTT item`);
      const type = (items[3] ?? '').trim();
      if (type !== 'A' && type !== 'B' && type !== 'C' && type !== 'D') throw fail(`${where}: ${k.name} minutia ${index} has type "${type}" (not A, B, C or D)`);
      const theta = Number(pos.slice(8, 11));
      if (theta > 359) throw fail(`${where}: ${k.name} minutia ${index} direction ${theta} is over 359 degrees`);
      minutiae.push({ index, xMm: Number(pos.slice(0, 4)) / 100, yMm: Number(pos.slice(4, 8)) / 100, thetaDegrees: theta, quality: num(items[2]) ?? 0, type });
    }
  }
  const points = (v: string | undefined): Array<{ xMm: number; yMm: number }> =>
    (v ?? '')
      .split(RS)
      .map((s) => s.split(US)[0].trim())
      .filter((s) => /^\d{8}$/.test(s))
      .map((s) => ({ xMm: Number(s.slice(0, 4)) / 100, yMm: Number(s.slice(4, 8)) / 100 }));
  const out: NonNullable<Type9Minutiae['legacy']> = { fingerPositions, minutiae, cores: points(f.get(k.core)), deltas: points(f.get(k.delta)) };
  const declared = num(f.get(k.count));
  if (declared !== undefined) {
    out.declaredCount = declared;
    if (mrc !== undefined && declared !== minutiae.length) throw fail(`${where}: ${k.name}: the count field says ${declared} minutiae, the block lists ${minutiae.length}`);
  }
  const ofr = f.get(k.ofr);
  if (ofr !== undefined) out.originatingSystem = ofr.split(US)[0];
  return out;
}

/** The INCITS 378 block (1-2011 §8.9.7.x, fields 9.126–9.140) as an ANSI 378 finger view. */
function readIncits(r: TaggedRecord, where: string): FingerprintTemplate {
  const f = r.fields;
  const width = num(f.get(128));
  const height = num(f.get(129));
  const slc = num(f.get(130));
  const thps = num(f.get(131));
  const tvps = num(f.get(132));
  if (width === undefined || height === undefined) throw fail(`${where}: INCITS 378 block without image size (9.128/9.129)`);
  if (!thps || !tvps || (slc !== 1 && slc !== 2)) throw fail(`${where}: INCITS 378 block without a resolution in ppi or ppcm (9.130–9.132)`);
  // The view wants px/cm; a ppi resolution is carried over exactly (pxPerCmToPpi(ppi/2.54) = ppi).
  const toPxPerCm = (v: number): number => (slc === 2 ? v : v / 2.54);
  const minutiae = [];
  for (const sub of (f.get(137) ?? '').split(RS)) {
    if (sub.trim() === '') continue;
    const it = sub.split(US).map((s) => num(s));
    const [index, x, y, theta, type, quality] = it;
    if (index === undefined || x === undefined || y === undefined || theta === undefined || type === undefined) {
      throw fail(`${where}: 9.137 minutia "${sub.split(US)[0]}" lacks x, y, angle or type`);
    }
    if (type > 2) throw fail(`${where}: 9.137 minutia ${index} type ${type} is not 0, 1 or 2`);
    if (theta > 179) throw fail(`${where}: 9.137 minutia ${index} angle ${theta} is over 179 (2-degree units)`);
    minutiae.push({ type, x, y, angle: theta, quality: quality ?? 0 });
  }
  const declared = num(f.get(136));
  if (declared !== undefined && declared !== minutiae.length) throw fail(`${where}: 9.136 says ${declared} minutiae, 9.137 lists ${minutiae.length}`);
  const point = (s: string): { x: number; y: number; angle?: number } | undefined => {
    const [x, y, a] = s.split(US).map((v) => num(v));
    if (x === undefined || y === undefined) return undefined;
    return a === undefined ? { x, y } : { x, y, angle: a };
  };
  const cores = (f.get(139) ?? '').split(RS).map(point).filter((p) => p !== undefined);
  const deltas = (f.get(140) ?? '').split(RS).map(point).filter((p) => p !== undefined).map((d) => (d.angle === undefined ? { x: d.x, y: d.y } : { x: d.x, y: d.y, angles: [d.angle, d.angle, d.angle] as [number, number, number] }));
  const quality = num((f.get(135) ?? '').split(RS)[0].split(US)[0]);
  const view: FingerView = {
    position: num(f.get(134)) ?? 0,
    view: num(f.get(133)) ?? 0,
    impressionType: num(f.get(3)) ?? 0,
    quality: quality ?? 254,
    width,
    height,
    resolutionX: toPxPerCm(thps),
    resolutionY: toPxPerCm(tvps),
    minutiae,
    extensions: [],
    coreDelta: { cores, deltas },
  };
  return viewToTemplate(view, 'ansi-378:2004');
}

export function readType9(r: TaggedRecord): Type9Minutiae {
  const where = `type-9 record ${r.index} (IDC ${r.idc})`;
  const f = r.fields;
  const out: Type9Minutiae = { recordIndex: r.index, idc: r.idc, format: (f.get(4) ?? '').trim(), summary: '' };
  const imp = num(f.get(3));
  if (imp !== undefined) out.impressionType = imp;
  const parts: string[] = [];
  if (r.foreignFields) throw fail(`${where}: holds field ${r.foreignFields[0]} of another record type`);
  if (r.duplicateFields) throw fail(`${where}: field 9.${String(r.duplicateFields[0]).padStart(3, '0')} appears more than once`);
  if (f.has(12) || f.has(10) || out.format === 'S') {
    out.legacy = readLegacy(r, where, LEGACY);
    parts.push(`legacy 9.012: ${out.legacy.minutiae.length} minutiae, FGP ${out.legacy.fingerPositions.join(',') || '-'}`);
  }
  if (f.has(23) || f.has(15)) {
    out.iafis = readLegacy(r, where, IAFIS);
    parts.push(`IAFIS 9.023: ${out.iafis.minutiae.length} minutiae, FGP ${out.iafis.fingerPositions.join(',') || '-'}`);
  }
  if (f.has(137) || f.has(136) || f.has(128)) {
    out.incits378 = readIncits(r, where);
    parts.push(`INCITS 378 block: ${out.incits378.minutiae.length} minutiae, FGP ${out.incits378.fingerPosition}, ${out.incits378.singularPoints.length} cores/deltas`);
  }
  const efs = [...f.keys()].filter((k) => k >= 300 && k <= 399);
  if (efs.length > 0) {
    out.efsFields = efs;
    const min = f.get(331);
    if (min !== undefined && min.trim() !== '') {
      out.efsMinutiae = min.split(RS).map((sub, i) => {
        const [x, y, t, type] = sub.split(US);
        const xn = num(x);
        const yn = num(y);
        const tn = num(t);
        const ty = (type ?? '').trim();
        if (xn === undefined || yn === undefined || tn === undefined || tn > 360 || (ty !== 'E' && ty !== 'B' && ty !== 'X')) {
          throw fail(`${where}: EFS minutia ${i + 1} (9.331) lacks x, y, theta 0..360 or type E/B/X`);
        }
        return { xMm: xn / 100, yMm: yn / 100, thetaDegrees: tn, type: ty };
      });
    }
    parts.push(`extended feature set: ${out.efsMinutiae?.length ?? 0} EFS minutiae (9.331) read, ${efs.length} fields 9.3xx`);
  }
  out.summary = parts.length > 0 ? parts.join('; ') : 'no minutiae fields';
  return out;
}

/**
 * The legacy standard-format block (9.012) in the internal form. Its coordinates are millimetres
 * from the lower-left corner and its theta points the opposite way to ISO/INCITS 378: NIST's
 * reference transactions carry the same 48 minutiae both ways (type-9-13-std.an2 against
 * type-9-13-m1.an2, and the 9-14 pair), and x = X·500/25.4, y = H − Y·500/25.4,
 * direction = θ + 180° reproduce the INCITS 378 block within 1.2 px and 1°. Types: A ending,
 * B bifurcation, C/D other. Quality: 0 ("manually encoded") → 100, as those M1 blocks have it;
 * other codes → 0 (unknown).
 */
export function legacyToTemplate(block: NonNullable<Type9Minutiae['legacy']>, imageWidth: number, imageHeight: number, ppi: number, fingerPosition?: number): FingerprintTemplate {
  const mm = 500 / 25.4;
  const heightPx500 = (imageHeight * 500) / ppi;
  const minutiae = block.minutiae.map((m) => ({
    x: m.xMm * mm,
    y: heightPx500 - m.yMm * mm,
    direction: (((m.thetaDegrees + 180) % 360) * Math.PI) / 180,
    type: m.type === 'A' ? ('ending' as const) : m.type === 'B' ? ('bifurcation' as const) : ('other' as const),
    quality: m.quality === 0 ? 100 : 0,
  }));
  const singularPoints = [
    ...block.cores.map((c) => ({ type: 'core' as const, x: c.xMm * mm, y: heightPx500 - c.yMm * mm, direction: NaN })),
    ...block.deltas.map((d) => ({ type: 'delta' as const, x: d.xMm * mm, y: heightPx500 - d.yMm * mm, direction: NaN })),
  ];
  const position = block.fingerPositions.find((p) => p !== 0) ?? fingerPosition ?? 0;
  return { width: Math.round((imageWidth * 500) / ppi), height: Math.round(heightPx500), resolutionPpi: 500, minutiae, singularPoints, fingerPosition: position };
}
