/**
 * Which extraction stage breaks under a finger-state condition (issue 15 point 1; written for
 * `wet`, the worst tuned condition on DB3): the same FVC2002 image extracted clean and under the
 * condition, stage by stage, in the same pixel frame (the condition keeps the geometry):
 * - segmentation: mask area under the condition / clean, and the masks' intersection over union;
 * - orientation field: mean angular difference (degrees) over pixels inside both masks;
 * - ridge period: median of the measured block periods inside the clean mask, clean and condition;
 * - the image's own ridge/valley balance: the share of mask pixels darker than their local mean
 *   (ridge duty; for a two-level ridge profile it is the ridge's share of the period), and the
 *   valley width that implies (period × (1 − duty)); the local gray spread (std over a period
 *   window) under the condition / clean;
 * - binarisation: ridge share of the binarised image in the mask, and the share of pixels inside
 *   both masks where the condition's binary image equals the clean one;
 * - minutiae: counts, and agreement with the clean image's minutiae (one-to-one, closest first,
 *   within 10 px and 30°): precision = paired / condition's, recall = paired / clean's.
 * `--param` applies to the condition's image only: the reference is today's clean extraction.
 * Per set: medians over the images (precision and recall pooled over all minutiae).
 *   npx tsx scripts/eval/wet-diagnosis.ts [--condition wet] [--sets DB3,DB2] [--every 1] [--param NAME=VALUE] [--json OUT]
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { extractFingerprint, type ExtractOptions } from '../../engine/fingerprint/extractor.js';
import { boxMean } from '../../engine/fingerprint/extraction/planes.js';
import type { GrayImage } from '../../engine/fingerprint/gray-image.js';
import type { StageOutputs } from '../../engine/fingerprint/stage-sink.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { conditionNamed, seedOf } from './conditions.js';
import { FVC2002_SETS } from './fvc-evaluation.js';
import { fvcSamples } from './fvc-protocol.js';
import { decodeGray } from './image-templates.js';
import { tuningOf } from './studies.js';

type Stages = Partial<StageOutputs>;

async function stagesOf(image: GrayImage, ppi: number, tuning?: ExtractOptions['tuning']): Promise<Stages> {
  const out: Stages = {};
  await extractFingerprint(image, { ppi, ...(tuning ? { tuning } : {}), sink: (stage, value) => { (out as Record<string, unknown>)[stage] = value; } });
  return out;
}

/** Minutiae paired one to one, closest first, within `dist` px and `angle` radians. */
export function pairedCount(a: { x: number; y: number; angle: number }[], b: { x: number; y: number; angle: number }[], dist = 10, angle = Math.PI / 6): number {
  const cands: [number, number, number][] = [];
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < b.length; j++) {
      const d = Math.hypot(a[i].x - b[j].x, a[i].y - b[j].y);
      if (d > dist) continue;
      let t = Math.abs(a[i].angle - b[j].angle) % (2 * Math.PI);
      if (t > Math.PI) t = 2 * Math.PI - t;
      if (t <= angle) cands.push([d, i, j]);
    }
  }
  cands.sort((p, q) => p[0] - q[0]);
  const ua = new Uint8Array(a.length), ub = new Uint8Array(b.length);
  let n = 0;
  for (const [, i, j] of cands) if (!ua[i] && !ub[j]) { ua[i] = ub[j] = 1; n++; }
  return n;
}

/** Share of mask pixels darker than their local mean (box of radius r), and the mean local std. */
function ridgeBalance(image: GrayImage, mask: Uint8Array, r: number): { duty: number; std: number } {
  const { width: w, height: h, pixels } = image;
  const mean = Float32Array.from(pixels);
  const sq = Float32Array.from(pixels, (v) => v * v);
  boxMean(mean, w, h, r);
  boxMean(sq, w, h, r);
  let dark = 0, n = 0, sd = 0;
  for (let i = 0; i < w * h; i++) {
    if (!mask[i]) continue;
    n++;
    if (pixels[i] < mean[i]) dark++;
    sd += Math.sqrt(Math.max(0, sq[i] - mean[i] * mean[i]));
  }
  return { duty: n ? dark / n : NaN, std: n ? sd / n : NaN };
}

const median = (v: number[]): number => {
  const s = v.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function medianPeriod(s: Stages): number {
  const f = s['ridge-frequency']!, seg = s['segmentation-mask']!;
  const v: number[] = [];
  for (let by = 0; by < f.blocksHigh; by++) {
    for (let bx = 0; bx < f.blocksWide; bx++) {
      const j = by * f.blocksWide + bx;
      const x = Math.min(f.width - 1, bx * f.block + (f.block >> 1)), y = Math.min(f.height - 1, by * f.block + (f.block >> 1));
      if (f.measured[j] && seg.mask[y * f.width + x]) v.push(f.period[j]);
    }
  }
  return median(v);
}

export interface ImageDiagnosis {
  file: string;
  areaRatio: number; iou: number; orientationDeg: number;
  periodClean: number; periodCond: number;
  dutyClean: number; dutyCond: number; valleyClean: number; valleyCond: number; stdRatio: number;
  binaryDutyClean: number; binaryDutyCond: number; binaryAgreement: number;
  minutiaeClean: number; minutiaeCond: number; paired: number;
}

export async function diagnose(path: string, ppi: number, conditionName: string, tuning?: ExtractOptions['tuning']): Promise<ImageDiagnosis> {
  const image = await decodeGray(path);
  const cond = conditionNamed(conditionName).apply(image, ppi, seedOf(basename(path)));
  const a = await stagesOf(image, ppi); // the clean reference at today's parameters
  const b = await stagesOf(cond.image, cond.ppi, tuning);
  const ma = a['segmentation-mask']!, mb = b['segmentation-mask']!;
  const w = ma.width, h = ma.height;
  if (mb.width !== w || mb.height !== h) throw new Error(`${path}: the condition changed the working frame`);
  let inter = 0, union = 0, dsum = 0, dn = 0, agree = 0, both = 0, ra = 0, rb = 0;
  const oa = a['orientation-field']!.angle, ob = b['orientation-field']!.angle;
  const ba = a['binarized-image']!.ridge, bb = b['binarized-image']!.ridge;
  for (let i = 0; i < w * h; i++) {
    const x = ma.mask[i], y = mb.mask[i];
    if (x || y) union++;
    if (x) ra += ba[i];
    if (y) rb += bb[i];
    if (!(x && y)) continue;
    inter++;
    let d = Math.abs(oa[i] - ob[i]);
    if (d > Math.PI / 2) d = Math.PI - d;
    dsum += d; dn++;
    both++;
    if (ba[i] === bb[i]) agree++;
  }
  const pa = medianPeriod(a), pb = medianPeriod(b);
  const r = Math.max(2, Math.round(pa / 2));
  // Both balances inside the clean mask, on the 500 ppi working images (the stage input).
  const balA = ridgeBalance(a.resolution!, ma.mask, r), balB = ridgeBalance(b.resolution!, ma.mask, r);
  const fa = a['filtered-minutiae']!, fb = b['filtered-minutiae']!;
  return {
    file: basename(path),
    areaRatio: mb.area / ma.area, iou: inter / union, orientationDeg: (dsum / dn) * (180 / Math.PI),
    periodClean: pa, periodCond: pb,
    dutyClean: balA.duty, dutyCond: balB.duty, valleyClean: pa * (1 - balA.duty), valleyCond: pa * (1 - balB.duty), stdRatio: balB.std / balA.std,
    binaryDutyClean: ra / ma.area, binaryDutyCond: rb / mb.area, binaryAgreement: agree / both,
    minutiaeClean: fa.length, minutiaeCond: fb.length, paired: pairedCount(fa, fb),
  };
}

const isMain = process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]));
if (isMain) {
  const { values } = parseArgs({ options: { condition: { type: 'string' }, sets: { type: 'string' }, every: { type: 'string' }, param: { type: 'string' }, json: { type: 'string' } } });
  const condition = values.condition ?? 'wet';
  const every = Number(values.every ?? 1);
  const tuning = values.param ? tuningOf(values.param) : undefined;
  const sets = values.sets ? FVC2002_SETS.filter((s) => values.sets!.split(',').includes(s.name)) : FVC2002_SETS;
  const all: Record<string, ImageDiagnosis[]> = {};
  const f2 = (v: number): string => v.toFixed(2);
  console.log(`condition ${condition}${values.param ? `, ${values.param}` : ''}; medians per set (clean → ${condition})`);
  console.log('| set | mask area ratio / IoU | orientation Δ° | period px | ridge duty (image) | valley px | local std ratio | binary ridge share | binary agreement | minutiae | precision / recall |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const set of sets) {
    const dir = sharedDataPath('fingerprints', 'fvc2002', set.folder);
    const files = fvcSamples(readdirSync(dir), ['tif']).map((s) => s.file).filter((_, i) => i % every === 0);
    const rows: ImageDiagnosis[] = [];
    for (const file of files) rows.push(await diagnose(join(dir, file), set.ppi, condition, tuning));
    all[set.name] = rows;
    const m = (k: keyof ImageDiagnosis): number => median(rows.map((r) => r[k] as number));
    const paired = rows.reduce((s, r) => s + r.paired, 0);
    const nc = rows.reduce((s, r) => s + r.minutiaeClean, 0), nw = rows.reduce((s, r) => s + r.minutiaeCond, 0);
    console.log(`| ${set.name} (${rows.length}) | ${f2(m('areaRatio'))} / ${f2(m('iou'))} | ${f2(m('orientationDeg'))} | ${f2(m('periodClean'))} → ${f2(m('periodCond'))} | ${f2(m('dutyClean'))} → ${f2(m('dutyCond'))} | ${f2(m('valleyClean'))} → ${f2(m('valleyCond'))} | ${f2(m('stdRatio'))} | ${f2(m('binaryDutyClean'))} → ${f2(m('binaryDutyCond'))} | ${f2(m('binaryAgreement'))} | ${m('minutiaeClean')} → ${m('minutiaeCond')} | ${f2(paired / nw)} / ${f2(paired / nc)} |`);
  }
  if (values.json) writeFileSync(values.json, JSON.stringify(all, null, 2) + '\n');
}
