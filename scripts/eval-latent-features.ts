/**
 * The latent feature pipeline against hand labels:
 *   npm run eval:latent-features [-- --data DIR] [--json OUT.json] [--continuity '{"sigma":2,"route":"plain"}'] [--share-period-min 5] [--coherent-share '{"periodMin":5,"consistency":0.8}'] [--candidate-agreement F] [--route-agreement F] [--route-energy E] [--route-consistency C] [--route-max-fraction F] [--orientation-network off|field|prior]
 * DIR (default <shared data>/fingerprints/latent/labelled-samples, fixtures/shared-data.ts) holds FingerNet-layout sets
 * (NISTSD27, CISL24218): images/NAME.bmp, mnt_labels/NAME.mnt, ori_labels/NAME.bmp,
 * seg_labels/NAME.png. Label formats, as read here:
 * - .mnt: a name line, "count width height", then "x y θ" per minutia, θ in radians in the pixel
 *   frame (from +x towards +y, y down): CISL24218's minutiae agree with the ridge flow within 11°
 *   in that frame and 46° mirrored.
 * - ori_labels: not an orientation map but the mate's rolled print aligned to the mark (FingerNet
 *   derives its orientation labels from it), black outside. The reference orientation is the
 *   tenprint estimator (orientation-field.ts) on that aligned print, read where the aligned print
 *   has ridges (its tenprint segmentation) inside the labelled ROI.
 * - seg_labels: the ROI, white on black.
 * For each image, the new latent pipeline (engine/latent/latent-extractor.ts) and today's tenprint
 * extractor (engine/fingerprint/extractor.ts) are scored on the same image: minutiae precision and
 * recall (one-to-one, within 15 px and 30° of direction), mean absolute orientation error in
 * degrees inside the labelled ROI, ROI IoU, minutiae count and extraction time.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import sharp from 'sharp';
import { sharedDataPath } from '../fixtures/shared-data.js';
import { decodeBmp } from '../engine/fingerprint/codecs/bmp-decoder.js';
import type { OrientationField } from '../engine/fingerprint/extraction/orientation-field.js';
import { orientationField } from '../engine/fingerprint/extraction/orientation-field.js';
import { segmentationMask } from '../engine/fingerprint/extraction/segmentation-mask.js';
import { extractTemplate } from '../engine/fingerprint/extractor.js';
import type { GrayImage } from '../engine/fingerprint/gray-image.js';
import { collectingSink } from '../engine/fingerprint/stage-sink.js';
import { extractLatentFeatures, type LatentExtractOptions } from '../engine/latent/latent-extractor.js';
import type { OrientNetworkMode } from '../engine/latent/latent-parameters.js';
import { maskIou } from '../engine/latent/region-of-interest.js';

export const MATCH_DISTANCE_PX = 15;
export const MATCH_ANGLE_RAD = (30 * Math.PI) / 180;

export interface LabelledMinutia {
  x: number;
  y: number;
  /** Radians, pixel frame (from +x towards +y). */
  angle: number;
}

export interface MethodScore {
  method: 'latent' | 'tenprint';
  minutiae: number;
  matched: number;
  precision: number;
  recall: number;
  orientationErrorDeg: number;
  roiIou: number;
  extractMs: number;
  /** CPU time of the extraction (user + system), less moved by other processes than wall time. */
  extractCpuMs: number;
}

export function parseMnt(text: string): LabelledMinutia[] {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  return lines.slice(2).map((l) => {
    const [x, y, t] = l.split(/\s+/).map(Number);
    if (![x, y, t].every((v) => Number.isFinite(v))) throw new Error(`bad .mnt line: ${l}`);
    return { x: x!, y: y!, angle: t! };
  });
}

/** One-to-one greedy pairing, closest pairs first, within the distance and angle limits. */
export function pairMinutiae(found: readonly LabelledMinutia[], truth: readonly LabelledMinutia[]): number {
  const pairs: [number, number, number][] = [];
  for (let i = 0; i < found.length; i++) {
    for (let j = 0; j < truth.length; j++) {
      const d = Math.hypot(found[i]!.x - truth[j]!.x, found[i]!.y - truth[j]!.y);
      if (d > MATCH_DISTANCE_PX) continue;
      let a = Math.abs(found[i]!.angle - truth[j]!.angle) % (2 * Math.PI);
      if (a > Math.PI) a = 2 * Math.PI - a;
      if (a > MATCH_ANGLE_RAD) continue;
      pairs.push([d, i, j]);
    }
  }
  pairs.sort((p, q) => p[0] - q[0]);
  const usedF = new Set<number>();
  const usedT = new Set<number>();
  for (const [, i, j] of pairs) {
    if (usedF.has(i) || usedT.has(j)) continue;
    usedF.add(i);
    usedT.add(j);
  }
  return usedF.size;
}

/** Mean absolute difference (degrees, mod 180) over the pixels where `where` is set, sampled every `step` px. */
export function orientationError(field: OrientationField, reference: OrientationField, where: Uint8Array, step = 4): number {
  let sum = 0, n = 0;
  for (let y = 0; y < field.height; y += step) {
    for (let x = 0; x < field.width; x += step) {
      const i = y * field.width + x;
      if (!where[i]) continue;
      let d = Math.abs(field.angle[i]! - reference.angle[i]!) % Math.PI;
      if (d > Math.PI / 2) d = Math.PI - d;
      sum += d;
      n++;
    }
  }
  return n > 0 ? (sum / n) * (180 / Math.PI) : NaN;
}

export { maskIou as iou };

async function loadMask(path: string): Promise<{ width: number; height: number; mask: Uint8Array }> {
  const { data, info } = await sharp(path).grayscale().raw().toBuffer({ resolveWithObject: true });
  const mask = new Uint8Array(info.width * info.height);
  for (let i = 0; i < mask.length; i++) mask[i] = data[i * info.channels]! > 127 ? 1 : 0;
  return { width: info.width, height: info.height, mask };
}

async function loadBmp(path: string): Promise<GrayImage> {
  const im = decodeBmp(new Uint8Array(await readFile(path)));
  return { width: im.width, height: im.height, pixels: im.pixels, ppi: 500 };
}

/** Pixel-frame angle of an ISO direction (counter-clockwise as viewed). */
function pixelAngle(iso: number): number {
  const a = (2 * Math.PI - iso) % (2 * Math.PI);
  return a < 0 ? a + 2 * Math.PI : a;
}

export async function evaluateSample(dir: string, name: string, study: Pick<LatentExtractOptions, 'continuity' | 'sharePeriodMin' | 'coherentShare' | 'candidateAgreement' | 'routeAgreement' | 'routeEnergy' | 'routeConsistency' | 'routeMaxFraction' | 'orientationNetwork'> = {}): Promise<{ name: string; labelled: number; roiArea: number; scores: MethodScore[] }> {
  const image = await loadBmp(join(dir, 'images', `${name}.bmp`));
  const truth = parseMnt(await readFile(join(dir, 'mnt_labels', `${name}.mnt`), 'utf8'));
  const seg = await loadMask(join(dir, 'seg_labels', `${name}.png`));
  const mate = await loadBmp(join(dir, 'ori_labels', `${name}.bmp`));
  if (seg.width !== image.width || seg.height !== image.height || mate.width !== image.width || mate.height !== image.height) {
    throw new Error(`${name}: label sizes differ from the image`);
  }
  const reference = orientationField(mate);
  const mateMask = segmentationMask(mate, reference).mask;
  const where = new Uint8Array(seg.mask.length);
  for (let i = 0; i < where.length; i++) where[i] = seg.mask[i]! && mateMask[i]! ? 1 : 0;
  let roiArea = 0;
  for (const v of seg.mask) roiArea += v;
  const scores: MethodScore[] = [];
  for (const method of ['latent', 'tenprint'] as const) {
    const { sink, outputs } = collectingSink();
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const found: LabelledMinutia[] =
      method === 'latent'
        ? (await extractLatentFeatures(image, { sink, ...study })).minutiae.map((m) => ({ x: m.x, y: m.y, angle: pixelAngle(m.direction) }))
        : (await extractTemplate(image, { sink })).minutiae.map((m) => ({ x: m.x, y: m.y, angle: pixelAngle(m.direction) }));
    const extractMs = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const extractCpuMs = (cpu.user + cpu.system) / 1000;
    const matched = pairMinutiae(found, truth);
    scores.push({
      method,
      minutiae: found.length,
      matched,
      precision: found.length > 0 ? matched / found.length : 0,
      recall: truth.length > 0 ? matched / truth.length : 0,
      orientationErrorDeg: orientationError(outputs['orientation-field']!, reference, where),
      roiIou: maskIou(outputs['segmentation-mask']!.mask, seg.mask),
      extractMs,
      extractCpuMs,
    });
  }
  return { name, labelled: truth.length, roiArea: roiArea / seg.mask.length, scores };
}

/** A checked --orientation-network value. */
export function orientationNetworkMode(v: string): OrientNetworkMode {
  if (v !== 'off' && v !== 'field' && v !== 'prior') throw new Error(`--orientation-network ${v}: expected off, field or prior`);
  return v;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: 'string' }, json: { type: 'string' }, continuity: { type: 'string' }, 'share-period-min': { type: 'string' }, 'coherent-share': { type: 'string' }, 'candidate-agreement': { type: 'string' }, 'route-agreement': { type: 'string' }, 'route-energy': { type: 'string' }, 'route-consistency': { type: 'string' }, 'route-max-fraction': { type: 'string' }, 'orientation-network': { type: 'string' } } });
  // --continuity JSON: a study override of the ridge-continuity stage (latent-extractor.ts `continuity`).
  // --share-period-min N: a study override of SPECTRUM_SHARE_PERIOD_MIN (ridge-spectrum.ts).
  // --coherent-share '{"periodMin":5,"consistency":0.8}': a study override of ROI_COHERENT_* (region-of-interest.ts).
  const study: Pick<LatentExtractOptions, 'continuity' | 'sharePeriodMin' | 'coherentShare' | 'candidateAgreement' | 'routeAgreement' | 'routeEnergy' | 'routeConsistency' | 'routeMaxFraction' | 'orientationNetwork'> = {
    // --orientation-network off|field|prior: a study override of ORIENT_NETWORK (docs/decisions/latent-orientation-network.md).
    ...(values['orientation-network'] ? { orientationNetwork: orientationNetworkMode(values['orientation-network']) } : {}),
    // --route-max-fraction F: a study override of PLAIN_MARK_MAX_FRACTION (docs/decisions/latent-route-strict.md).
    ...(values['route-max-fraction'] ? { routeMaxFraction: Number(values['route-max-fraction']) } : {}),
    ...(values['route-energy'] ? { routeEnergy: Number(values['route-energy']) } : {}),
    ...(values['route-consistency'] ? { routeConsistency: Number(values['route-consistency']) } : {}),
    ...(values['route-agreement'] ? { routeAgreement: Number(values['route-agreement']) } : {}),
    ...(values['candidate-agreement'] ? { candidateAgreement: Number(values['candidate-agreement']) } : {}),
    ...(values['coherent-share'] ? { coherentShare: JSON.parse(values['coherent-share']) as LatentExtractOptions['coherentShare'] } : {}),
    ...(values.continuity ? { continuity: JSON.parse(values.continuity) as LatentExtractOptions['continuity'] } : {}),
    ...(values['share-period-min'] ? { sharePeriodMin: Number(values['share-period-min']) } : {}),
  };
  const root = values.data ?? sharedDataPath('fingerprints', 'latent', 'labelled-samples');
  const sets: [string, string][] = [['NISTSD27', 'B101L9U'], ['CISL24218', 'A0100003009991600022036_2']];
  const results = [];
  console.log(`load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  console.log('| image | method | minutiae | paired | precision | recall | orientation error | ROI IoU | extract ms (wall / CPU) |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const [set, name] of sets) {
    const r = await evaluateSample(join(root, set), name, study);
    results.push({ set, ...r });
    for (const s of r.scores) {
      console.log(`| ${set} ${name} (${r.labelled} labelled) | ${s.method} | ${s.minutiae} | ${s.matched} | ${(100 * s.precision).toFixed(1)}% | ${(100 * s.recall).toFixed(1)}% | ${s.orientationErrorDeg.toFixed(1)}° | ${s.roiIou.toFixed(3)} | ${s.extractMs.toFixed(0)} / ${s.extractCpuMs.toFixed(0)} |`);
    }
  }
  console.log(`load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
  if (values.json) await writeFile(values.json, JSON.stringify(results, null, 2));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
