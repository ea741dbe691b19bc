/**
 * Why the automatic minutiae inside a mark's true ROI fail on the generated hard marks (issue 11,
 * points 1, 6, 7; docs/measurements/latent.md "Inside the true ROI"). Every mark is extracted with
 * its true ROI given as the examiner's (so the latent route, automatic minutiae) and each stage is
 * scored against the truth the generator carries:
 *
 *   npx tsx scripts/latent-inroi.ts --pairs DIR [--limit N] [--every K] [--oracle] [--json OUT.json]
 *   npx tsx scripts/latent-inroi.ts --labelled            # the SD27 / CISL24218 labelled samples
 *   npx tsx scripts/latent-inroi.ts --report A.json[,B.json]   # the tables of the measurement section
 *   … --background-discount: the orientation stage's background discount on (ORIENT_BACKGROUND_DISCOUNT)
 *
 * Per mark (hard marks: pair folders of scripts/latent-marks.ts with generation.json `seed`):
 * - ridge quality inside the true ROI: median peak share of the latent spectrum's blocks (the share
 *   of the window's energy in the ridge peak), the same outside the ROI, the ROI/background energy
 *   ratio, and the gray-level contrast (block std / block mean);
 * - orientation: the source impression's tenprint orientation field carried onto the canvas through
 *   the mark's geometry (fixtures/latent-marks/hard-mark.ts hardMarkGeometry) is the reference; the
 *   latent field's mean absolute error against it inside ROI ∩ print, the share of pixels off by
 *   more than 30°, and whether any of the block's spectral candidates was within 15° (the signal
 *   was there) against whether the settled one is;
 * - ridge period: the latent period map against the source's tenprint period carried the same way;
 * - enhancement: the correlation, inside ROI ∩ print, of the enhanced image with the source's
 *   gray levels carried onto the canvas (and of the contrast-normalised mark before enhancement);
 * - minutiae: precision / recall within 15 px and 30° of the true ones (eval-latent-features.ts);
 * - --oracle: the same minutiae stages fed the reference orientation (O), and the reference
 *   orientation and period (OF), instead of the estimated ones: how much each stage costs.
 * The labelled samples have no source geometry: their reference field is eval-latent-features'
 * (the tenprint field of the mate's aligned print), the period the tenprint period of that print,
 * and the enhancement correlation is against that aligned print (only roughly aligned: a lower bound).
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { decodeBmp } from '../engine/fingerprint/codecs/bmp-decoder.js';
import type { EnhancedImage } from '../engine/fingerprint/extraction/enhanced-image.js';
import { orientationField, type OrientationField } from '../engine/fingerprint/extraction/orientation-field.js';
import { ridgeFrequency, type RidgeFrequency } from '../engine/fingerprint/extraction/ridge-frequency.js';
import { segmentationMask } from '../engine/fingerprint/extraction/segmentation-mask.js';
import type { GrayImage } from '../engine/fingerprint/gray-image.js';
import { toPpi500 } from '../engine/fingerprint/resolution.js';
import { collectingSink } from '../engine/fingerprint/stage-sink.js';
import { latentEnhancedImage } from '../engine/latent/latent-enhancement.js';
import { extractLatentFeatures } from '../engine/latent/latent-extractor.js';
import { insidePolygon, type Point } from '../engine/latent/latent-features.js';
import { latentMinutiae } from '../engine/latent/latent-minutiae.js';
import type { LatentOrientation } from '../engine/latent/latent-orientation.js';
import { convexHull, type RegionOfInterest } from '../engine/latent/region-of-interest.js';
import type { RidgeSpectrum } from '../engine/latent/ridge-spectrum.js';
import { hardMarkGeometry, type HardMarkLayer } from '../fixtures/latent-marks/hard-mark.js';
import type { MarkWarp } from '../fixtures/latent-marks/mark-warp.js';
import { sharedDataPath } from '../fixtures/shared-data.js';
import { decodeGray } from './eval/image-templates.js';
import { readLatentPairs } from './eval/latent-pairs.js';
import { readMarkupFile } from './eval/latent-markup-file.js';
import { pairMinutiae, parseMnt, type LabelledMinutia } from './eval-latent-features.js';

const DEG = 180 / Math.PI;

/** Pixel-frame angle of an ISO direction. */
function pixelAngle(iso: number): number {
  const a = (2 * Math.PI - iso) % (2 * Math.PI);
  return a < 0 ? a + 2 * Math.PI : a;
}

/** |a − b| modulo π, in [0, π/2]. */
function axialDiff(a: number, b: number): number {
  let d = Math.abs(a - b) % Math.PI;
  if (d > Math.PI / 2) d = Math.PI - d;
  return d;
}

function median(v: number[]): number {
  if (v.length === 0) return NaN;
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Reference fields on the mark's canvas: NaN where there is none. */
interface Reference {
  angle: Float32Array;
  period: Float32Array;
  gray: Float32Array;
}

export interface MarkDiagnosis {
  id: string;
  truth: number;
  found: number;
  paired: number;
  precision: number;
  recall: number;
  peakShareIn: number;
  peakShareOut: number;
  energyRatio: number;
  grayContrast: number;
  orientErrDeg: number;
  orientOff30: number;
  candidatePresent: number;
  candidateChosen: number;
  periodRef: number;
  periodEst: number;
  periodRelErr: number;
  enhanceCorr: number;
  normalisedCorr: number;
  /** Hard marks with generation.json trueMinutiaeDeposit: true minutiae deposited at ≥ VISIBLE_DEPOSIT, and how many of them were found. */
  truthVisible?: number;
  pairedVisible?: number;
  /** True minutiae deposited below FAINT_DEPOSIT (the mark faded out there). */
  truthFaint?: number;
  oracleO?: { found: number; paired: number; precision: number; recall: number };
  oracleOF?: { found: number; paired: number; precision: number; recall: number };
  generation?: Record<string, unknown>;
}

/** The source impression's fields carried onto the canvas through the warp. */
function carriedReference(width: number, height: number, roiMask: Uint8Array, source: GrayImage, warp: MarkWarp): Reference {
  const field = orientationField(source);
  const seg = segmentationMask(source, field);
  const freq = ridgeFrequency(source, field, seg);
  const n = width * height;
  const ref: Reference = { angle: new Float32Array(n).fill(NaN), period: new Float32Array(n).fill(NaN), gray: new Float32Array(n).fill(NaN) };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!roiMask[i]) continue;
      const s = warp.toSource(x, y);
      const sx = Math.round(s.x), sy = Math.round(s.y);
      if (sx < 0 || sy < 0 || sx >= source.width || sy >= source.height) continue;
      const j = sy * source.width + sx;
      if (!seg.mask[j]) continue;
      // The source ridge direction (pixel frame) → ISO → the canvas → pixel frame.
      const iso = (2 * Math.PI - field.angle[j]!) % (2 * Math.PI);
      ref.angle[i] = pixelAngle(warp.directionOnCanvas(s, iso)) % Math.PI;
      const bx = Math.min(freq.blocksWide - 1, (sx / freq.block) | 0), by = Math.min(freq.blocksHigh - 1, (sy / freq.block) | 0);
      if (freq.measured[by * freq.blocksWide + bx]) ref.period[i] = freq.period[by * freq.blocksWide + bx]!;
      ref.gray[i] = source.pixels[j]!;
    }
  }
  return ref;
}

function correlation(a: ArrayLike<number>, b: Float32Array, where: (i: number) => boolean, n: number): number {
  let sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0, c = 0;
  for (let i = 0; i < n; i += 2) {
    if (!where(i) || Number.isNaN(b[i]!)) continue;
    const x = a[i]!, y = b[i]!;
    sa += x; sb += y; saa += x * x; sbb += y * y; sab += x * y; c++;
  }
  if (c < 10) return NaN;
  const cov = sab / c - (sa / c) * (sb / c);
  const va = saa / c - (sa / c) ** 2, vb = sbb / c - (sb / c) ** 2;
  return va > 0 && vb > 0 ? cov / Math.sqrt(va * vb) : NaN;
}

function score(found: readonly LabelledMinutia[], truth: readonly LabelledMinutia[]): { found: number; paired: number; precision: number; recall: number } {
  const paired = pairMinutiae(found, truth);
  return { found: found.length, paired, precision: found.length ? paired / found.length : 0, recall: truth.length ? paired / truth.length : 0 };
}

const VISIBLE_DEPOSIT = 0.5;
const FAINT_DEPOSIT = 0.25;

/** Which true minutiae the one-to-one pairing of eval-latent-features.ts pairs (same rule, same order). */
function pairedTruth(found: readonly LabelledMinutia[], truth: readonly LabelledMinutia[]): Set<number> {
  const pairs: [number, number, number][] = [];
  for (let i = 0; i < found.length; i++) {
    for (let j = 0; j < truth.length; j++) {
      const d = Math.hypot(found[i]!.x - truth[j]!.x, found[i]!.y - truth[j]!.y);
      if (d > 15) continue;
      let a = Math.abs(found[i]!.angle - truth[j]!.angle) % (2 * Math.PI);
      if (a > Math.PI) a = 2 * Math.PI - a;
      if (a > Math.PI / 6) continue;
      pairs.push([d, i, j]);
    }
  }
  pairs.sort((p, q) => p[0] - q[0]);
  const usedF = new Set<number>(), usedT = new Set<number>();
  for (const [, i, j] of pairs) {
    if (usedF.has(i) || usedT.has(j)) continue;
    usedF.add(i);
    usedT.add(j);
  }
  return usedT;
}

/** One image with its true ROI as the examiner's, every stage scored against `ref`. */
/** Study options passed to the extractor (--background-discount). */
const study: { orientationBackground?: boolean } = {};

async function diagnose(id: string, image: GrayImage, roiPolygon: Point[], truth: LabelledMinutia[], ref: Reference, oracle: boolean, deposit?: number[]): Promise<MarkDiagnosis> {
  const { sink, outputs } = collectingSink();
  const features = await extractLatentFeatures(image, { ppi: 500, roi: roiPolygon, sink, ...study });
  const found = features.minutiae.map((m) => ({ x: m.x, y: m.y, angle: pixelAngle(m.direction) }));
  const spectrum = outputs['latent-spectrum'] as RidgeSpectrum;
  const roi = outputs['segmentation-mask'] as RegionOfInterest;
  const orientation = outputs['orientation-field'] as LatentOrientation;
  const frequency = outputs['ridge-frequency'] as RidgeFrequency;
  const enhanced = outputs['enhanced-image'] as EnhancedImage;
  const normalised = outputs['latent-normalised'] as GrayImage;
  const { width: w, height: h } = image;
  const n = w * h;

  // Ridge quality per spectrum block, inside / outside the true ROI.
  const shareIn: number[] = [], shareOut: number[] = [], energyIn: number[] = [], energyOut: number[] = [], contrast: number[] = [];
  const B = spectrum.block;
  for (let by = 0; by < spectrum.blocksHigh; by++) {
    for (let bx = 0; bx < spectrum.blocksWide; bx++) {
      const b = by * spectrum.blocksWide + bx;
      const cx = Math.min(w - 1, bx * B + (B >> 1)), cy = Math.min(h - 1, by * B + (B >> 1));
      const inside = roi.mask[cy * w + cx] === 1;
      (inside ? shareIn : shareOut).push(spectrum.peakShare[b]!);
      (inside ? energyIn : energyOut).push(spectrum.energy[b]!);
      if (inside) {
        let s = 0, q = 0, c = 0;
        for (let y = by * B; y < Math.min(h, by * B + B); y++) for (let x = bx * B; x < Math.min(w, bx * B + B); x++) { const v = image.pixels[y * w + x]!; s += v; q += v * v; c++; }
        const mean = s / c;
        contrast.push(mean > 0 ? Math.sqrt(Math.max(0, q / c - mean * mean)) / mean : 0);
      }
    }
  }

  // Orientation and period against the reference, every 4 px inside ROI ∩ print.
  let errSum = 0, errN = 0, off30 = 0;
  const periodPairs: [number, number][] = [];
  for (let y = 0; y < h; y += 4) {
    for (let x = 0; x < w; x += 4) {
      const i = y * w + x;
      if (!roi.mask[i] || Number.isNaN(ref.angle[i]!)) continue;
      const d = axialDiff(orientation.angle[i]!, ref.angle[i]!);
      errSum += d; errN++;
      if (d > Math.PI / 6) off30++;
      if (!Number.isNaN(ref.period[i]!)) {
        const fb = Math.min(frequency.blocksHigh - 1, (y / frequency.block) | 0) * frequency.blocksWide + Math.min(frequency.blocksWide - 1, (x / frequency.block) | 0);
        periodPairs.push([frequency.period[fb]!, ref.period[i]!]);
      }
    }
  }
  // Per ROI block: a candidate within 15° of the reference at the block centre (signal present), the settled one within 15°.
  let present = 0, chosen = 0, blocks = 0;
  const K = spectrum.candidates;
  for (let by = 0; by < spectrum.blocksHigh; by++) {
    for (let bx = 0; bx < spectrum.blocksWide; bx++) {
      const cx = Math.min(w - 1, bx * B + (B >> 1)), cy = Math.min(h - 1, by * B + (B >> 1));
      const i = cy * w + cx;
      if (!roi.mask[i] || Number.isNaN(ref.angle[i]!)) continue;
      const b = by * spectrum.blocksWide + bx;
      blocks++;
      let any = false;
      for (let k = 0; k < K; k++) if (spectrum.candidateEnergy[b * K + k]! > 0 && axialDiff(spectrum.candidateAngle[b * K + k]!, ref.angle[i]!) <= Math.PI / 12) any = true;
      if (any) present++;
      if (axialDiff(orientation.angle[i]!, ref.angle[i]!) <= Math.PI / 12) chosen++;
    }
  }
  const inRoi = (i: number) => roi.mask[i] === 1;
  // Ridges are dark in the source and negative in the enhanced image: both correlations come out positive when right.
  const enhanceCorr = correlation(enhanced.data, ref.gray, inRoi, n);
  const normalisedCorr = correlation(normalised.pixels, ref.gray, inRoi, n);
  const periodEst = median(periodPairs.map((p) => p[0]));
  const periodRef = median(periodPairs.map((p) => p[1]));
  const result: MarkDiagnosis = {
    id, truth: truth.length, ...(() => { const s = score(found, truth); return { found: s.found, paired: s.paired, precision: s.precision, recall: s.recall }; })(),
    peakShareIn: median(shareIn), peakShareOut: median(shareOut), energyRatio: median(energyIn) / Math.max(1e-9, median(energyOut)), grayContrast: median(contrast),
    orientErrDeg: errN ? (errSum / errN) * DEG : NaN, orientOff30: errN ? off30 / errN : NaN,
    candidatePresent: blocks ? present / blocks : NaN, candidateChosen: blocks ? chosen / blocks : NaN,
    periodRef, periodEst, periodRelErr: median(periodPairs.map(([e, r]) => Math.abs(e - r) / r)),
    enhanceCorr, normalisedCorr,
  };
  if (deposit && deposit.length === truth.length) {
    const paired = pairedTruth(found, truth);
    if (paired.size !== result.paired) throw new Error(`${id}: pairing differs from eval-latent-features'`);
    result.truthVisible = deposit.filter((d) => d >= VISIBLE_DEPOSIT).length;
    result.pairedVisible = [...paired].filter((j) => deposit[j]! >= VISIBLE_DEPOSIT).length;
    result.truthFaint = deposit.filter((d) => d < FAINT_DEPOSIT).length;
  }
  if (oracle) {
    // The reference orientation where there is one, the estimate elsewhere.
    const angle = Float32Array.from(orientation.angle);
    for (let i = 0; i < n; i++) if (!Number.isNaN(ref.angle[i]!)) angle[i] = ref.angle[i]!;
    const oField: OrientationField = { width: w, height: h, angle, coherence: orientation.coherence };
    const run = (f: RidgeFrequency) => {
      const enh = latentEnhancedImage(normalised, oField, f, roi);
      const st = latentMinutiae(normalised, enh, oField, f, roi, spectrum);
      return score(st.minutiae.map((m) => ({ x: m.x, y: m.y, angle: pixelAngle(m.direction) })), truth);
    };
    result.oracleO = run(frequency);
    // The reference period per frequency block (median of the block's carried period).
    const period = Float32Array.from(frequency.period);
    for (let by = 0; by < frequency.blocksHigh; by++) {
      for (let bx = 0; bx < frequency.blocksWide; bx++) {
        const v: number[] = [];
        for (let y = by * frequency.block; y < Math.min(h, (by + 1) * frequency.block); y += 2) for (let x = bx * frequency.block; x < Math.min(w, (bx + 1) * frequency.block); x += 2) if (!Number.isNaN(ref.period[y * w + x]!)) v.push(ref.period[y * w + x]!);
        if (v.length) period[by * frequency.blocksWide + bx] = median(v);
      }
    }
    result.oracleOF = run({ ...frequency, period });
  }
  return result;
}

const FVC_PPI: Record<string, number> = { db1_b: 500, db2_b: 569, db3_b: 500, db4_b: 500 };

async function hardMark(dir: string, id: string, latentPath: string, markupPath: string, oracle: boolean): Promise<MarkDiagnosis> {
  const gen = JSON.parse(readFileSync(join(dir, id, 'generation.json'), 'utf8')) as { source: string; seed: number; scale?: number; layers?: Record<string, unknown> } & Record<string, unknown>;
  if (gen.scale !== undefined && gen.scale !== 1) throw new Error(`${id}: marks with --scale-jitter are not supported here`);
  const set = gen.source.split('/')[1]!;
  const source = toPpi500(await decodeGray(sharedDataPath('fingerprints', ...gen.source.split('/'))), FVC_PPI[set] ?? 500);
  const markup = readMarkupFile(markupPath);
  const image = await decodeGray(latentPath);
  const without = (gen.layers as { without?: HardMarkLayer[] } | undefined)?.without;
  const geo = hardMarkGeometry({ source, minutiae: [], singularPoints: [], others: [], seed: gen.seed, ...(without ? { without } : {}) });
  // The geometry must be the one the mark was drawn with: its ROI is the region through the warp.
  const drift = Math.max(...geo.polygon.map((p, k) => { const q = geo.warp.toCanvas(p); return Math.hypot(q.x - markup.roi![k]!.x, q.y - markup.roi![k]!.y); }));
  if (!(drift < 0.5)) throw new Error(`${id}: the regenerated geometry is not the mark's (ROI off by ${drift.toFixed(2)} px)`);
  const roiMask = new Uint8Array(image.width * image.height);
  const poly = markup.roi!;
  const minX = Math.max(0, Math.floor(Math.min(...poly.map((p) => p.x)))), maxX = Math.min(image.width - 1, Math.ceil(Math.max(...poly.map((p) => p.x))));
  const minY = Math.max(0, Math.floor(Math.min(...poly.map((p) => p.y)))), maxY = Math.min(image.height - 1, Math.ceil(Math.max(...poly.map((p) => p.y))));
  for (let y = minY; y <= maxY; y++) for (let x = minX; x <= maxX; x++) if (insidePolygon({ x: x + 0.5, y: y + 0.5 }, poly)) roiMask[y * image.width + x] = 1;
  const ref = carriedReference(image.width, image.height, roiMask, source, geo.warp);
  const truth = (markup.minutiae ?? []).map((m) => ({ x: m.x, y: m.y, angle: pixelAngle(m.direction) }));
  const { source: _s, mate: _m, ...generation } = gen;
  const deposit = gen.trueMinutiaDeposit as number[] | undefined;
  const { trueMinutiaDeposit: _d, ...rest } = generation;
  return { ...(await diagnose(id, image, poly, truth, ref, oracle, deposit)), generation: rest };
}

async function labelled(oracle: boolean): Promise<MarkDiagnosis[]> {
  const root = sharedDataPath('fingerprints', 'latent', 'labelled-samples');
  const out: MarkDiagnosis[] = [];
  for (const [set, name] of [['NISTSD27', 'B101L9U'], ['CISL24218', 'A0100003009991600022036_2']] as const) {
    const dir = join(root, set);
    const bmp = (p: string): GrayImage => { const im = decodeBmp(new Uint8Array(readFileSync(p))); return { width: im.width, height: im.height, pixels: im.pixels, ppi: 500 }; };
    const image = bmp(join(dir, 'images', `${name}.bmp`));
    const mate = bmp(join(dir, 'ori_labels', `${name}.bmp`));
    const seg = await decodeGray(join(dir, 'seg_labels', `${name}.png`));
    const truth = parseMnt(readFileSync(join(dir, 'mnt_labels', `${name}.mnt`), 'utf8'));
    const { width: w, height: h } = image;
    const edge: Point[] = [];
    const m = (x: number, y: number) => x >= 0 && y >= 0 && x < w && y < h && seg.pixels[y * w + x]! > 127;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (m(x, y) && (!m(x - 1, y) || !m(x + 1, y) || !m(x, y - 1) || !m(x, y + 1))) edge.push({ x: x + 0.5, y: y + 0.5 });
    const polygon = convexHull(edge);
    const field = orientationField(mate);
    const mateSeg = segmentationMask(mate, field);
    const freq = ridgeFrequency(mate, field, mateSeg);
    const n = w * h;
    const ref: Reference = { angle: new Float32Array(n).fill(NaN), period: new Float32Array(n).fill(NaN), gray: new Float32Array(n).fill(NaN) };
    for (let i = 0; i < n; i++) {
      if (seg.pixels[i]! <= 127 || !mateSeg.mask[i]) continue;
      ref.angle[i] = field.angle[i]!;
      const x = i % w, y = (i / w) | 0;
      const b = Math.min(freq.blocksHigh - 1, (y / freq.block) | 0) * freq.blocksWide + Math.min(freq.blocksWide - 1, (x / freq.block) | 0);
      if (freq.measured[b]) ref.period[i] = freq.period[b]!;
      ref.gray[i] = mate.pixels[i]!;
    }
    out.push(await diagnose(`${set} ${name}`, image, polygon, truth, ref, oracle));
  }
  return out;
}

const fmt = (v: number, d = 3) => (Number.isFinite(v) ? v.toFixed(d) : '–');

function printRow(r: MarkDiagnosis): void {
  console.log([r.id, r.truth, r.found, r.paired, fmt(r.precision), fmt(r.recall), fmt(r.peakShareIn), fmt(r.peakShareOut), fmt(r.energyRatio, 2), fmt(r.grayContrast), fmt(r.orientErrDeg, 1), fmt(r.orientOff30), fmt(r.candidatePresent), fmt(r.candidateChosen), fmt(r.periodRef, 2), fmt(r.periodEst, 2), fmt(r.periodRelErr), fmt(r.enhanceCorr), fmt(r.normalisedCorr),
    r.oracleO ? `${r.oracleO.paired}/${r.oracleO.found}` : '', r.oracleOF ? `${r.oracleOF.paired}/${r.oracleOF.found}` : ''].join('\t'));
}

/** Least squares with an intercept: coefficients and their t values (standardised columns). */
function ols(columns: number[][], y: number[]): { beta: number[]; t: number[] } {
  const n = y.length, k = columns.length + 1;
  const X = y.map((_, i) => [1, ...columns.map((c) => c[i]!)]);
  const A = Array.from({ length: k }, (_, r) => Array.from({ length: k }, (_, c) => X.reduce((s, row) => s + row[r]! * row[c]!, 0)));
  const bv = Array.from({ length: k }, (_, r) => X.reduce((s, row, i) => s + row[r]! * y[i]!, 0));
  // Inverse by Gauss–Jordan.
  const M = A.map((row, r) => [...row, ...Array.from({ length: k }, (_, c) => (c === r ? 1 : 0))]);
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(M[r]![c]!) > Math.abs(M[p]![c]!)) p = r;
    [M[c], M[p]] = [M[p]!, M[c]!];
    const d = M[c]![c]!;
    for (let j = 0; j < 2 * k; j++) M[c]![j]! /= d;
    for (let r = 0; r < k; r++) if (r !== c) { const f = M[r]![c]!; for (let j = 0; j < 2 * k; j++) M[r]![j]! -= f * M[c]![j]!; }
  }
  const inv = M.map((row) => row.slice(k));
  const beta = inv.map((row) => row.reduce((s, v, j) => s + v * bv[j]!, 0));
  const resid = y.map((v, i) => v - X[i]!.reduce((s, x, j) => s + x * beta[j]!, 0));
  const sigma2 = resid.reduce((s, r) => s + r * r, 0) / Math.max(1, n - k);
  return { beta, t: beta.map((b, j) => b / Math.sqrt(sigma2 * inv[j]![j]!)) };
}

function pooled(rs: MarkDiagnosis[], pick: (r: MarkDiagnosis) => { found: number; paired: number } | undefined = (r) => r): string {
  let f = 0, p = 0, t = 0;
  for (const r of rs) { const s = pick(r); if (!s) continue; f += s.found; p += s.paired; t += r.truth; }
  return `${(100 * p / Math.max(1, f)).toFixed(1)}% / ${(100 * p / Math.max(1, t)).toFixed(1)}% (${p} of ${f} found, ${t} true)`;
}

/** Tables for docs/measurements/latent.md from --json files: `--report A.json[,B.json...]`. */
function report(files: string[]): void {
  const num = (v: unknown) => (typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : NaN);
  for (const file of files) {
    const all = JSON.parse(readFileSync(file, 'utf8')) as MarkDiagnosis[];
    const marks = all.filter((r) => r.generation);
    console.log(`\n## ${file}: ${marks.length} generated marks`);
    for (const r of all.filter((x) => !x.generation)) console.log(`${r.id}: P/R ${pooled([r])}; oracle O ${r.oracleO ? pooled([r], (x) => x.oracleO) : '–'}; OF ${r.oracleOF ? pooled([r], (x) => x.oracleOF) : '–'}`);
    if (marks.length === 0) continue;
    console.log(`pooled P/R ${pooled(marks)}; oracle O ${pooled(marks, (x) => x.oracleO)}; OF ${pooled(marks, (x) => x.oracleOF)}`);
    const withDeposit = marks.filter((r) => r.truthVisible !== undefined);
    if (withDeposit.length > 0) {
      const sum = (f: (r: MarkDiagnosis) => number) => withDeposit.reduce((a, r) => a + f(r), 0);
      const tv = sum((r) => r.truthVisible!), pv = sum((r) => r.pairedVisible!), tf = sum((r) => r.truthFaint!), t = sum((r) => r.truth), p = sum((r) => r.paired);
      console.log(`deposit at the true minutiae (${withDeposit.length} marks): ${tv} of ${t} at ≥ ${VISIBLE_DEPOSIT} (recall there ${(100 * pv / Math.max(1, tv)).toFixed(1)}%), ${tf} below ${FAINT_DEPOSIT}; recall on the rest ${(100 * (p - pv) / Math.max(1, t - tv)).toFixed(1)}%`);
    }
    const q = (k: keyof MarkDiagnosis) => {
      const v = marks.map((r) => r[k] as number).filter(Number.isFinite).sort((a, b) => a - b);
      const at = (f: number) => v[Math.min(v.length - 1, Math.floor(f * v.length))]!;
      return `${fmt(at(0.25))} / ${fmt(median(v))} / ${fmt(at(0.75))}`;
    };
    for (const k of ['precision', 'recall', 'peakShareIn', 'peakShareOut', 'energyRatio', 'grayContrast', 'orientErrDeg', 'orientOff30', 'candidatePresent', 'candidateChosen', 'periodRef', 'periodEst', 'periodRelErr', 'enhanceCorr', 'normalisedCorr'] as const) console.log(`${k}: p25 / p50 / p75 ${q(k)}`);
    // Which stage measure goes with recall (Pearson on the per-mark values).
    const recall = marks.map((r) => r.recall);
    console.log('correlation with per-mark recall: ' + (['peakShareIn', 'grayContrast', 'orientErrDeg', 'candidatePresent', 'periodRelErr', 'enhanceCorr', 'normalisedCorr'] as const).map((k) => `${k} ${fmt(corrEvery(marks.map((r) => r[k] as number), recall))}`).join(', '));
    // Generation parameters against recall and precision.
    const layers = marks.map((r) => ({ ...(r.generation!.layers as Record<string, unknown> | undefined ?? {}), areaFraction: r.generation!.areaFraction, trueMinutiae: r.generation!.trueMinutiae }));
    const keys = ['contrast', 'fade', 'gamma', 'feather', 'smudge', 'pattern', 'lines', 'text', 'overlaps', 'noise', 'distortion', 'areaFraction', 'trueMinutiae'].filter((k) => layers.every((l) => Number.isFinite(num((l as Record<string, unknown>)[k]))));
    if (keys.length === 0) continue;
    const cols = keys.map((k) => { const v = layers.map((l) => num((l as Record<string, unknown>)[k])); const m = v.reduce((a, b) => a + b, 0) / v.length; const sd = Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length) || 1; return v.map((x) => (x - m) / sd); });
    for (const [name, y] of [['recall', recall], ['precision', marks.map((r) => r.precision)], ['orientErrDeg', marks.map((r) => r.orientErrDeg)], ['enhanceCorr', marks.map((r) => r.enhanceCorr)]] as const) {
      const ok = y.map((v, i) => (Number.isFinite(v) ? i : -1)).filter((i) => i >= 0);
      const fit = ols(cols.map((c) => ok.map((i) => c[i]!)), ok.map((i) => y[i]!));
      console.log(`OLS ${name} (per s.d. of each parameter; t): intercept ${fmt(fit.beta[0]!)}, ` + keys.map((k, j) => `${k} ${fmt(fit.beta[j + 1]!)} (${fit.t[j + 1]!.toFixed(1)})`).join(', '));
    }
    // Grouped pooled P/R for the layers.
    for (const k of ['smudge', 'pattern', 'lines', 'text', 'overlaps']) {
      const groups = new Map<number, MarkDiagnosis[]>();
      marks.forEach((r, i) => { const v = num((layers[i] as Record<string, unknown>)[k]); groups.set(v, [...(groups.get(v) ?? []), r]); });
      console.log(`${k}: ` + [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([v, rs]) => `${v} (${rs.length}) ${pooled(rs)}`).join('; '));
    }
    // The printed pattern by period: inside the ridge band (SPECTRUM_PERIOD_MIN–MAX, 5–15 px) or coarser; and by kind.
    if (layers.some((l) => (l as Record<string, unknown>).patternPeriod !== undefined)) {
      const band = (l: Record<string, unknown>) => (l.pattern ? ((l.patternPeriod as number) <= 15 ? 'pattern 5–15 px' : 'pattern 15–30 px') : 'no pattern');
      for (const g of ['no pattern', 'pattern 5–15 px', 'pattern 15–30 px']) {
        const rs = marks.filter((_, i) => band(layers[i] as Record<string, unknown>) === g);
        const fadeLow = rs.filter((r) => num((r.generation!.layers as Record<string, unknown>).fade) < 0.25);
        console.log(`${g} (${rs.length}): ${pooled(rs)}; orientErr p50 ${fmt(median(rs.map((r) => r.orientErrDeg)), 1)}; with fade < 0.25 (${fadeLow.length}): ${pooled(fadeLow)}`);
      }
      for (const kind of ['grid', 'stripes', 'halftone', 'rings']) {
        const rs = marks.filter((_, i) => (layers[i] as Record<string, unknown>).patternKind === kind);
        console.log(`pattern ${kind} (${rs.length}): ${pooled(rs)}`);
      }
    }
    for (const k of ['contrast', 'fade', 'noise', 'distortion', 'areaFraction']) {
      const v = layers.map((l) => num((l as Record<string, unknown>)[k]));
      const s = [...v].sort((a, b) => a - b);
      const t1 = s[Math.floor(s.length / 3)]!, t2 = s[Math.floor((2 * s.length) / 3)]!;
      const thirds = [0, 1, 2].map((g) => marks.filter((_, i) => (g === 0 ? v[i]! < t1 : g === 1 ? v[i]! >= t1 && v[i]! < t2 : v[i]! >= t2)));
      console.log(`${k} thirds (cuts ${fmt(t1)}, ${fmt(t2)}): ` + thirds.map((rs) => `${pooled(rs)}`).join('; '));
    }
  }
}

function corrEvery(a: number[], b: number[]): number {
  const ok = a.map((x, i) => [x, b[i]!] as const).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  const n = ok.length;
  if (n < 3) return NaN;
  const ma = ok.reduce((s, p) => s + p[0], 0) / n, mb = ok.reduce((s, p) => s + p[1], 0) / n;
  let c = 0, va = 0, vb = 0;
  for (const [x, y] of ok) { c += (x - ma) * (y - mb); va += (x - ma) ** 2; vb += (y - mb) ** 2; }
  return va > 0 && vb > 0 ? c / Math.sqrt(va * vb) : NaN;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { pairs: { type: 'string' }, limit: { type: 'string' }, every: { type: 'string' }, offset: { type: 'string' }, oracle: { type: 'boolean' }, labelled: { type: 'boolean' }, json: { type: 'string' }, report: { type: 'string' }, 'background-discount': { type: 'boolean' } } });
  if (values['background-discount']) study.orientationBackground = true;
  if (values.report) { report(values.report.split(',')); return; }
  const oracle = values.oracle ?? false;
  console.log(`load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  console.log('id\ttruth\tfound\tpaired\tprec\trecall\tshareIn\tshareOut\tenergyRatio\tgrayContrast\torientErr\toff30\tcandPresent\tcandChosen\tperiodRef\tperiodEst\tperiodRelErr\tenhCorr\tnormCorr\toracleO\toracleOF');
  const results: MarkDiagnosis[] = [];
  if (values.labelled) {
    for (const r of await labelled(oracle)) { printRow(r); results.push(r); }
  }
  if (values.pairs) {
    const every = Number(values.every ?? '1'), offset = Number(values.offset ?? '0');
    let pairs = readLatentPairs(values.pairs).filter((_, k) => k % every === offset);
    if (values.limit) pairs = pairs.slice(0, Number(values.limit));
    for (const p of pairs) {
      const r = await hardMark(values.pairs, p.id, p.latent, p.markup!, oracle);
      printRow(r);
      results.push(r);
    }
  }
  console.log(`load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  if (values.json) await writeFile(values.json, JSON.stringify(results, null, 1) + '\n');
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
