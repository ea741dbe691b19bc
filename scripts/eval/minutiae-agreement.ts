/**
 * Agreement of our minutiae with an independent commercial extractor's, per image (issue 15
 * point 1: "the SecuGen templates as an independent extractor"). EER moves one impostor score at a
 * time; the agreement counts every minutia of every image, so it sees an extraction change long
 * before the EER can.
 *
 * For each FVC2002 "B" image and its SecuGen ISO 19794-2 template (made from the image resized to
 * 300×400 ignoring aspect ratio, ../shared/data/README.md) the SecuGen minutiae are mapped into our
 * 500 ppi frame by a per-axis scale and offset, fitted per set on mutual nearest neighbours and
 * checked against the nominal resize; then our minutiae and SecuGen's are paired one to one
 * (closest first, within a distance and a direction tolerance), giving precision (pairs / ours),
 * recall (pairs / SecuGen's), the direction error of the pairs, their type agreement, and for the
 * unpaired ones where they lie: distance to our mask border, ridge clarity, coherence, ridge period,
 * and, for SecuGen's unpaired minutiae, whether our extractor found them and a filter removed them.
 *
 * SecuGen is not ground truth: where it sees nothing (a faint border, a dry patch) it may be the
 * one that is wrong; "precision" and "recall" are agreement, not accuracy.
 *
 *   npx tsx scripts/eval/minutiae-agreement.ts [--sets 1,2,3,4] [--worst DB2:109,DB1:110,DB4:108] [--json OUT]
 *   npx tsx scripts/eval/minutiae-agreement.ts --param NAME --values A,B,C     # leave-one-database-out on the agreement
 *   npx tsx scripts/eval/minutiae-agreement.ts --tuning NAME=VALUE             # one tuning (scripts/eval/studies.ts)
 */
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { extractFingerprint, isoAngle, type ExtractOptions } from '../../engine/fingerprint/extractor.js';
import { removeBorderMinutiae } from '../../engine/fingerprint/extraction/filters/border.js';
import { removeBridges } from '../../engine/fingerprint/extraction/filters/bridges.js';
import { removeClusters } from '../../engine/fingerprint/extraction/filters/clusters.js';
import { removeGaps } from '../../engine/fingerprint/extraction/filters/gaps.js';
import { removeShortRidges } from '../../engine/fingerprint/extraction/filters/short-ridges.js';
import { removeSpurs } from '../../engine/fingerprint/extraction/filters/spurs.js';
import { minutiaQuality, ridgeClarity } from '../../engine/fingerprint/extraction/minutia-quality.js';
import { minutiae, type MinutiaCandidate } from '../../engine/fingerprint/extraction/minutiae.js';
import { MIN_MINUTIA_QUALITY } from '../../engine/fingerprint/extraction/parameters.js';
import { periodAt } from '../../engine/fingerprint/extraction/ridge-frequency.js';
import { ridgeGraph } from '../../engine/fingerprint/extraction/ridge-graph.js';
import { FingerprintMatcher } from '../../engine/fingerprint/matcher.js';
import type { StageOutputs } from '../../engine/fingerprint/stage-sink.js';
import type { FingerprintTemplate, MinutiaType } from '../../engine/fingerprint/template.js';
import { decodeIso19794_2Single } from '../../engine/fingerprint/templates/index.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { FVC2002_SETS } from './fvc-evaluation.js';
import { pickOnOthers } from './held-out.js';
import { STUDIES, tuningOf } from './studies.js';

/** A minutia in some pixel frame (x right, y down), direction in the ISO convention (radians, counter-clockwise as viewed). */
export interface PlacedMinutia {
  x: number;
  y: number;
  direction: number;
  type: MinutiaType;
}

/** ours = scale · reference + offset, per axis (an anisotropic resize, as SecuGen's input was made). */
export interface AxisMapping {
  scaleX: number;
  offsetX: number;
  scaleY: number;
  offsetY: number;
}

/** The resize that takes a `from` frame onto a `to` frame of the same print, corner to corner. */
export function nominalMapping(from: { width: number; height: number }, to: { width: number; height: number }): AxisMapping {
  return { scaleX: to.width / from.width, offsetX: 0, scaleY: to.height / from.height, offsetY: 0 };
}

/**
 * A minutia carried by the mapping. A direction is a vector (cos θ, −sin θ) in pixels; an
 * anisotropic scale stretches it, so the angle changes unless the axes scale alike.
 */
export function mapMinutia(m: PlacedMinutia, map: AxisMapping): PlacedMinutia {
  const d = Math.atan2(map.scaleY * Math.sin(m.direction), map.scaleX * Math.cos(m.direction));
  return { x: map.scaleX * m.x + map.offsetX, y: map.scaleY * m.y + map.offsetY, direction: d < 0 ? d + 2 * Math.PI : d, type: m.type };
}

/** Absolute difference of two directions, in [0, π]. */
export function angleDifference(a: number, b: number): number {
  let d = Math.abs(a - b) % (2 * Math.PI);
  return d > Math.PI ? 2 * Math.PI - d : d;
}

/** Pairs (i in `a`, j in `b`) that are each other's nearest neighbour, within `maxDistance` px and `maxAngle`. */
export function mutualNearest(a: readonly PlacedMinutia[], b: readonly PlacedMinutia[], maxDistance: number, maxAngle = Math.PI): [number, number][] {
  const nearest = (p: PlacedMinutia, list: readonly PlacedMinutia[]): number => {
    let best = -1, bestD = Infinity;
    for (let k = 0; k < list.length; k++) {
      const d = Math.hypot(list[k].x - p.x, list[k].y - p.y);
      if (d < bestD) { bestD = d; best = k; }
    }
    return best >= 0 && bestD <= maxDistance && angleDifference(p.direction, list[best].direction) <= maxAngle ? best : -1;
  };
  const out: [number, number][] = [];
  for (let i = 0; i < a.length; i++) {
    const j = nearest(a[i], b);
    if (j >= 0 && nearest(b[j], a) === i) out.push([i, j]);
  }
  return out;
}

/** One image's minutiae pair: SecuGen's (`reference`, already in our frame) and ours. */
export interface ImageMinutiae {
  reference: PlacedMinutia[];
  ours: PlacedMinutia[];
}

export interface MappingFit {
  mapping: AxisMapping;
  /** Median (ours − mapped reference) of the mutual nearest neighbours under the starting mapping, px. */
  startOffset: { dx: number; dy: number };
  /** The same under the fitted mapping (≈ 0 when the fit is right). */
  fittedOffset: { dx: number; dy: number };
  /** Mutual nearest neighbours the final fit rests on. */
  pairs: number;
}

/**
 * The mapping of one set's reference frame onto ours: starting from `start`, mutual nearest
 * neighbours (within `maxDistance` px and 45°) over all its images, then a least-squares line per
 * axis through them, repeated `rounds` times. `images[k].reference` is in the reference's own frame.
 */
export function fitMapping(images: readonly ImageMinutiae[], start: AxisMapping, maxDistance = 8, rounds = 3): MappingFit {
  const neighbours = (map: AxisMapping): { rx: number[]; ry: number[]; ox: number[]; oy: number[] } => {
    const rx: number[] = [], ry: number[] = [], ox: number[] = [], oy: number[] = [];
    for (const im of images) {
      const mapped = im.reference.map((m) => mapMinutia(m, map));
      for (const [i, j] of mutualNearest(mapped, im.ours, maxDistance, Math.PI / 4)) {
        rx.push(im.reference[i].x); ry.push(im.reference[i].y); ox.push(im.ours[j].x); oy.push(im.ours[j].y);
      }
    }
    return { rx, ry, ox, oy };
  };
  const offsets = (map: AxisMapping, n: ReturnType<typeof neighbours>): { dx: number; dy: number } => ({
    dx: median(n.ox.map((o, k) => o - (map.scaleX * n.rx[k] + map.offsetX))),
    dy: median(n.oy.map((o, k) => o - (map.scaleY * n.ry[k] + map.offsetY))),
  });
  let map = start;
  let n = neighbours(map);
  const startOffset = offsets(map, n);
  for (let r = 0; r < rounds && n.rx.length >= 3; r++) {
    const fx = leastSquaresLine(n.rx, n.ox), fy = leastSquaresLine(n.ry, n.oy);
    map = { scaleX: fx.slope, offsetX: fx.intercept, scaleY: fy.slope, offsetY: fy.intercept };
    n = neighbours(map);
  }
  return { mapping: map, startOffset, fittedOffset: offsets(map, n), pairs: n.rx.length };
}

function leastSquaresLine(x: readonly number[], y: readonly number[]): { slope: number; intercept: number } {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n, my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0, sxx = 0;
  for (let k = 0; k < n; k++) { sxy += (x[k] - mx) * (y[k] - my); sxx += (x[k] - mx) ** 2; }
  const slope = sxx > 0 ? sxy / sxx : 1;
  return { slope, intercept: my - slope * mx };
}

export interface Tolerance {
  /** px, in our 500 ppi frame. */
  distance: number;
  /** radians. */
  angle: number;
}

export interface Pairing {
  /** [reference index, our index, distance px, direction difference rad]. */
  pairs: [number, number, number, number][];
  unpairedReference: number[];
  unpairedOurs: number[];
}

/**
 * One-to-one pairing: every (reference, ours) couple within both tolerances, taken closest first
 * (ties by direction difference, then by index), each minutia used once. Greedy rather than a
 * maximum matching: minutiae are ≥ ~1 ridge period apart, against a 10 px tolerance, so conflicts
 * are rare, and closest-first is the pairing an examiner would draw.
 */
export function pairMinutiae(reference: readonly PlacedMinutia[], ours: readonly PlacedMinutia[], tolerance: Tolerance): Pairing {
  const candidates: [number, number, number, number][] = [];
  for (let i = 0; i < reference.length; i++) {
    for (let j = 0; j < ours.length; j++) {
      const d = Math.hypot(reference[i].x - ours[j].x, reference[i].y - ours[j].y);
      if (d > tolerance.distance) continue;
      const a = angleDifference(reference[i].direction, ours[j].direction);
      if (a <= tolerance.angle) candidates.push([i, j, d, a]);
    }
  }
  candidates.sort((p, q) => p[2] - q[2] || p[3] - q[3] || p[0] - q[0] || p[1] - q[1]);
  const usedR = new Uint8Array(reference.length), usedO = new Uint8Array(ours.length);
  const pairs: Pairing['pairs'] = [];
  for (const c of candidates) {
    if (usedR[c[0]] || usedO[c[1]]) continue;
    usedR[c[0]] = 1; usedO[c[1]] = 1;
    pairs.push(c);
  }
  return {
    pairs,
    unpairedReference: [...usedR.keys()].filter((i) => !usedR[i]),
    unpairedOurs: [...usedO.keys()].filter((j) => !usedO[j]),
  };
}

/**
 * Why an unpaired minutia has no partner, judged against every minutia of the other extractor:
 * 'flip' one lies within the distance tolerance pointing the other way (> 150°), 'direction' one
 * lies there at 30°–150° (or whatever exceeds the angle tolerance), 'taken' one lies there within
 * the angle tolerance but was paired with another, 'near' the nearest acceptable one lies within
 * 1.5× the distance, 'none' nothing of the other extractor nearby.
 */
export type UnpairedReason = 'flip' | 'direction' | 'taken' | 'near' | 'none';

export function unpairedReason(m: PlacedMinutia, others: readonly PlacedMinutia[], tolerance: Tolerance): UnpairedReason {
  let flip = false, direction = false, taken = false, near = false;
  for (const o of others) {
    const d = Math.hypot(o.x - m.x, o.y - m.y);
    if (d > 1.5 * tolerance.distance) continue;
    const a = angleDifference(o.direction, m.direction);
    if (d <= tolerance.distance) {
      if (a <= tolerance.angle) taken = true;
      else if (a > (5 * Math.PI) / 6) flip = true;
      else direction = true;
    } else if (a <= tolerance.angle) near = true;
  }
  return taken ? 'taken' : flip ? 'flip' : direction ? 'direction' : near ? 'near' : 'none';
}

export interface AgreementCounts {
  reference: number;
  ours: number;
  paired: number;
}

export const precision = (c: AgreementCounts): number => (c.ours ? c.paired / c.ours : NaN);
export const recall = (c: AgreementCounts): number => (c.reference ? c.paired / c.reference : NaN);
/** The harmonic mean of precision and recall: 2·pairs / (ours + reference). */
export const f1 = (c: AgreementCounts): number => (c.ours + c.reference ? (2 * c.paired) / (c.ours + c.reference) : NaN);

export function median(v: readonly number[]): number {
  if (v.length === 0) return NaN;
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function quantile(v: readonly number[], q: number): number {
  if (v.length === 0) return NaN;
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
}

// ---------------------------------------------------------------------------------------------
// The tool: extraction over the shared FVC2002 sets, with each stage's output taken from the sink.

/** Where a minutia lies, in our extraction's terms. */
interface Site {
  inside: boolean;
  /** px to our mask's background (0 outside). */
  border: number;
  /** Ridge clarity, unclamped (extraction/minutia-quality.ts: CLARITY_LOW 0.8 scores 0, CLARITY_HIGH 2.0 scores 1). */
  clarity: number;
  coherence: number;
  /** Local ridge period, px. */
  period: number;
}

/** SecuGen's unpaired minutia against our own pipeline: found by the graph and removed by which filter, or never found. */
type FilterFate = 'not-in-skeleton' | 'spurs' | 'bridges' | 'short-ridges' | 'gaps' | 'border' | 'clusters' | 'quality' | 'kept-elsewhere';

interface ImageAgreement {
  set: string;
  name: string;
  template: FingerprintTemplate;
  /** Per minutia of ours: paired with SecuGen's at 10 px and 30°. */
  oursPairedFlag: boolean[];
  counts10: AgreementCounts;
  counts15: AgreementCounts;
  directionErrors: number[];
  typePairs: { same: number; endingAsBifurcation: number; bifurcationAsEnding: number; other: number };
  oursPaired: (Site & { quality: number })[];
  oursUnpaired: (Site & { reason: UnpairedReason; quality: number })[];
  referencePaired: Site[];
  referenceUnpaired: (Site & { reason: UnpairedReason; fate: FilterFate })[];
  /** Our minutiae farther than 30 px from every SecuGen minutia: where SecuGen saw nothing. */
  oursAlone: number;
}

const TOL10: Tolerance = { distance: 10, angle: Math.PI / 6 };
const TOL15: Tolerance = { distance: 15, angle: Math.PI / 6 };

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sets: { type: 'string' }, worst: { type: 'string' }, json: { type: 'string' },
      param: { type: 'string' }, values: { type: 'string' }, tuning: { type: 'string', multiple: true },
    },
    args: process.argv.slice(2).filter((a) => a !== '--'),
  });
  const setNumbers = (values.sets ?? '1,2,3,4').split(',').map(Number);
  const sets = FVC2002_SETS.filter((s) => setNumbers.includes(Number(s.name.slice(2))));
  const worst = (values.worst ?? 'DB2:109,DB1:110,DB4:108').split(',').map((w) => w.split(':') as [string, string]);
  const baseTuning = mergeTunings((values.tuning ?? []).map(tuningOf));

  interface Loaded {
    set: string;
    name: string;
    referenceOwn: PlacedMinutia[];
    referenceFrame: { width: number; height: number };
    ours: PlacedMinutia[];
    oursQuality: number[];
    template: FingerprintTemplate;
    raw: MinutiaCandidate[];
    stages: Pick<StageOutputs, 'resolution' | 'orientation-field' | 'segmentation-mask' | 'ridge-frequency' | 'enhanced-image' | 'thinned-skeleton'>;
  }

  /** Every image of a set, extracted with `tuning`; the stages the site measures are kept. */
  async function loadSet(set: (typeof sets)[number], tuning: ExtractOptions['tuning']): Promise<Loaded[]> {
    const dir = sharedDataPath('fingerprints', 'fvc2002', set.folder);
    const isoDir = sharedDataPath('fingerprints', 'templates', 'secugen-iso19794-2', `fvc2002_${set.folder}`);
    const out: Loaded[] = [];
    for (const file of readdirSync(dir).filter((f) => /^\d+_\d+\.tif$/.test(f)).sort()) {
      const name = file.replace(/\.tif$/, '');
      const ref = decodeIso19794_2Single(new Uint8Array(readFileSync(join(isoDir, `${name}.iso`))));
      const { data, info } = await sharp(join(dir, file)).greyscale().raw().toBuffer({ resolveWithObject: true });
      const stages: Partial<StageOutputs> = {};
      const r = await extractFingerprint(
        { width: info.width, height: info.height, pixels: new Uint8Array(data.buffer, data.byteOffset, data.length) },
        { ppi: set.ppi, sink: (stage, output) => { (stages as Record<string, unknown>)[stage] = output; }, ...(tuning ? { tuning } : {}) },
      );
      out.push({
        set: set.name,
        name,
        referenceOwn: ref.minutiae.map((m) => ({ x: m.x, y: m.y, direction: m.direction, type: m.type })),
        referenceFrame: { width: ref.width, height: ref.height },
        ours: r.template.minutiae.map((m) => ({ x: m.x, y: m.y, direction: m.direction, type: m.type })),
        oursQuality: r.template.minutiae.map((m) => m.quality),
        template: r.template,
        raw: stages.minutiae ?? [],
        stages: stages as Loaded['stages'],
      });
    }
    return out;
  }

  function siteOf(l: Loaded, x: number, y: number): Site {
    const mask = l.stages['segmentation-mask'];
    const w = mask.width, h = mask.height;
    const xi = Math.min(w - 1, Math.max(0, Math.round(x))), yi = Math.min(h - 1, Math.max(0, Math.round(y)));
    const i = yi * w + xi;
    return {
      inside: mask.mask[i] === 1,
      border: mask.borderDistance[i],
      clarity: ridgeClarity(l.stages.resolution, l.stages['enhanced-image'], xi, yi),
      coherence: l.stages['orientation-field'].coherence[i],
      period: periodAt(l.stages['ridge-frequency'], xi, yi),
    };
  }

  const graphStages = new Map<Loaded, MinutiaCandidate[][]>();
  /** Minutiae of the skeleton's ridge graph before the graph filters, and after each (the extractor's order). */
  function graphMinutiae(l: Loaded): MinutiaCandidate[][] {
    let out = graphStages.get(l);
    if (out) return out;
    const g = ridgeGraph(l.stages['thinned-skeleton']);
    const o = l.stages['orientation-field'], f = l.stages['ridge-frequency'];
    const t = baseTuning?.graph;
    out = [minutiae(g, o)];
    removeSpurs(g, f, t?.spurMaxPeriods);
    out.push(minutiae(g, o));
    removeBridges(g, o);
    out.push(minutiae(g, o));
    removeShortRidges(g, f, t?.shortRidgeMaxPeriods);
    out.push(minutiae(g, o));
    graphStages.set(l, out);
    return out;
  }

  /** The first stage after which none of our minutiae lies where SecuGen has one (the extractor's order of stages and filters). */
  function fateOf(l: Loaded, m: PlacedMinutia): FilterFate {
    const near = (c: MinutiaCandidate): boolean => Math.hypot(c.x - m.x, c.y - m.y) <= TOL10.distance && angleDifference(isoAngle(c.angle), m.direction) <= TOL10.angle;
    if (!l.raw.some(near)) {
      const [skeleton, spurs, bridges, short] = graphMinutiae(l);
      if (!skeleton.some(near)) return 'not-in-skeleton';
      if (!spurs.some(near)) return 'spurs';
      if (!bridges.some(near)) return 'bridges';
      if (!short.some(near)) return 'short-ridges';
      return 'spurs';
    }
    let list = removeGaps(l.raw);
    if (!list.some(near)) return 'gaps';
    list = removeBorderMinutiae(list, l.stages['segmentation-mask']);
    if (!list.some(near)) return 'border';
    list = removeClusters(list);
    if (!list.some(near)) return 'clusters';
    const min = baseTuning?.quality?.minMinutia ?? MIN_MINUTIA_QUALITY;
    list = minutiaQuality(list, l.stages.resolution, l.stages['enhanced-image'], l.stages['orientation-field'], l.stages['ridge-frequency'], l.stages['segmentation-mask'], baseTuning?.quality).filter((q) => q.quality >= min);
    if (!list.some(near)) return 'quality';
    return 'kept-elsewhere';
  }

  function agreeImage(l: Loaded, map: AxisMapping): ImageAgreement {
    const reference = l.referenceOwn.map((m) => mapMinutia(m, map));
    const p10 = pairMinutiae(reference, l.ours, TOL10);
    const p15 = pairMinutiae(reference, l.ours, TOL15);
    const typePairs = { same: 0, endingAsBifurcation: 0, bifurcationAsEnding: 0, other: 0 };
    for (const [i, j] of p10.pairs) {
      const a = reference[i].type, b = l.ours[j].type;
      if (a === 'other' || b === 'other') typePairs.other++;
      else if (a === b) typePairs.same++;
      else if (a === 'ending') typePairs.endingAsBifurcation++;
      else typePairs.bifurcationAsEnding++;
    }
    const pairedOurs = new Set(p10.pairs.map((p) => p[1]));
    const pairedRef = new Set(p10.pairs.map((p) => p[0]));
    return {
      set: l.set,
      name: l.name,
      template: l.template,
      oursPairedFlag: l.ours.map((_, j) => pairedOurs.has(j)),
      counts10: { reference: reference.length, ours: l.ours.length, paired: p10.pairs.length },
      counts15: { reference: reference.length, ours: l.ours.length, paired: p15.pairs.length },
      directionErrors: p10.pairs.map((p) => (p[3] * 180) / Math.PI),
      typePairs,
      oursPaired: [...pairedOurs].sort((a, b) => a - b).map((j) => ({ ...siteOf(l, l.ours[j].x, l.ours[j].y), quality: l.oursQuality[j] })),
      oursUnpaired: p10.unpairedOurs.map((j) => ({ ...siteOf(l, l.ours[j].x, l.ours[j].y), reason: unpairedReason(l.ours[j], reference, TOL10), quality: l.oursQuality[j] })),
      referencePaired: reference.filter((_, i) => pairedRef.has(i)).map((m) => siteOf(l, m.x, m.y)),
      referenceUnpaired: p10.unpairedReference.map((i) => ({ ...siteOf(l, reference[i].x, reference[i].y), reason: unpairedReason(reference[i], l.ours, TOL10), fate: fateOf(l, reference[i]) })),
      oursAlone: l.ours.filter((m) => !reference.some((r) => Math.hypot(r.x - m.x, r.y - m.y) <= 30)).length,
    };
  }

  /** Per set: the mapping fitted on today's extraction (fixed for every tuning, so tunings are compared on one mapping). */
  const mappings = new Map<string, MappingFit & { nominal: AxisMapping }>();
  async function agreeSets(tuning: ExtractOptions['tuning']): Promise<Map<string, ImageAgreement[]>> {
    const out = new Map<string, ImageAgreement[]>();
    for (const set of sets) {
      const loaded = await loadSet(set, tuning);
      if (!mappings.has(set.name)) {
        const nominal = nominalMapping(loaded[0].referenceFrame, loaded[0].stages.resolution);
        mappings.set(set.name, { ...fitMapping(loaded.map((l) => ({ reference: l.referenceOwn, ours: l.ours })), nominal), nominal });
      }
      out.set(set.name, loaded.map((l) => agreeImage(l, mappings.get(set.name)!.mapping)));
    }
    return out;
  }

  const pct = (v: number): string => (Number.isFinite(v) ? (100 * v).toFixed(1) : '—');
  const sum = (rows: ImageAgreement[], key: 'counts10' | 'counts15'): AgreementCounts => rows.reduce((s, r) => ({ reference: s.reference + r[key].reference, ours: s.ours + r[key].ours, paired: s.paired + r[key].paired }), { reference: 0, ours: 0, paired: 0 });
  const share = <T>(list: T[], test: (t: T) => boolean): string => (list.length ? pct(list.filter(test).length / list.length) : '—');

  if (values.param) {
    const study = STUDIES[values.param];
    if (!study || !values.values) throw new Error(`--param ${Object.keys(STUDIES).join('|')} --values A,B,C`);
    const candidates = [...new Set([study.today, ...values.values.split(',').map(Number)])].sort((a, b) => a - b);
    const error = new Map<number, Map<string, number>>();
    const rows = new Map<number, Map<string, ImageAgreement[]>>();
    console.log(`${values.param} over ${candidates.join(', ')} (today ${study.today}); cells: precision / recall / F1 %, 10 px and 30°`);
    console.log(`| value | ${sets.map((s) => s.name).join(' | ')} |`);
    console.log(`|---|${sets.map(() => '---').join('|')}|`);
    // Today's value first, so that the per-set mapping is fitted on today's extraction for every candidate.
    rows.set(study.today, await agreeSets(mergeTunings([baseTuning, study.tuning(study.today)])));
    for (const v of candidates) {
      const r = rows.get(v) ?? (await agreeSets(mergeTunings([baseTuning, study.tuning(v)])));
      rows.set(v, r);
      error.set(v, new Map([...r].map(([s, list]) => [s, 1 - f1(sum(list, 'counts10'))])));
      console.log(`| ${v}${v === study.today ? ' (today)' : ''} | ${sets.map((s) => { const c = sum(r.get(s.name)!, 'counts10'); return `${pct(precision(c))} / ${pct(recall(c))} / ${pct(f1(c))}`; }).join(' | ')} |`);
    }
    console.log('');
    console.log('| held-out set | value picked on the other three (highest mean F1) | held-out precision / recall / F1 % | today |');
    console.log('|---|---|---|---|');
    for (const held of sets) {
      const best = pickOnOthers(error, sets.map((s) => s.name), held.name, study.today);
      const c = sum(rows.get(best)!.get(held.name)!, 'counts10'), t = sum(rows.get(study.today)!.get(held.name)!, 'counts10');
      console.log(`| ${held.name} | ${best} | ${pct(precision(c))} / ${pct(recall(c))} / ${pct(f1(c))} | ${pct(precision(t))} / ${pct(recall(t))} / ${pct(f1(t))} |`);
    }
    return;
  }

  const results = await agreeSets(baseTuning);
  console.log('Mapping SecuGen (300×400) → our 500 ppi frame, per set: nominal resize, fitted (mutual nearest neighbours within 8 px, 45°)');
  console.log('| set | nominal scale x, y | fitted scale x, y | fitted offset x, y px | median offset before → after fit, px | pairs |');
  console.log('|---|---|---|---|---|---|');
  for (const set of sets) {
    const m = mappings.get(set.name)!;
    const f = (v: number, d = 4): string => v.toFixed(d);
    console.log(`| ${set.name} | ${f(m.nominal.scaleX)}, ${f(m.nominal.scaleY)} | ${f(m.mapping.scaleX)}, ${f(m.mapping.scaleY)} | ${f(m.mapping.offsetX, 2)}, ${f(m.mapping.offsetY, 2)} | (${f(m.startOffset.dx, 2)}, ${f(m.startOffset.dy, 2)}) → (${f(m.fittedOffset.dx, 2)}, ${f(m.fittedOffset.dy, 2)}) | ${m.pairs} |`);
  }

  console.log('');
  console.log('Agreement per set (pooled over the images; one-to-one pairs within 10 px and 30°, and 15 px and 30°):');
  console.log('| set | SecuGen / ours per image | precision % | recall % | F1 % | F1 at 15 px % | image recall median (10th pct) % | direction error median / 90th pct ° | same type % (E→B, B→E) |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const [set, rows] of results) console.log(summaryRow(set, rows));
  const all = [...results.values()].flat();
  if (results.size > 1) console.log(summaryRow('all', all));

  console.log('');
  console.log('Where the unpaired ones lie (10 px, 30°). Ours unpaired = SecuGen has no partner ("extra"); SecuGen unpaired = we have none ("missed"). Border = distance to our mask\'s background; clarity = ridge clarity (minutia quality scores 0.8 as 0, 2.0 as 1); coherence of the orientation field.');
  console.log('| set | | n | border < 16 px % | outside our mask % | clarity median | coherence median (< 0.3 %) | period median px | reason: flip / direction / taken / near (≤15 px) / none % |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const [set, rows] of [...results, ['all', all] as [string, ImageAgreement[]]]) {
    if (set === 'all' && results.size === 1) continue;
    const op = rows.flatMap((r) => r.oursPaired), ou = rows.flatMap((r) => r.oursUnpaired);
    const rp = rows.flatMap((r) => r.referencePaired), ru = rows.flatMap((r) => r.referenceUnpaired);
    const line = (label: string, list: (Site & { reason?: UnpairedReason })[]): string =>
      `| ${set} | ${label} | ${list.length} | ${share(list, (s) => s.inside && s.border < 16)} | ${share(list, (s) => !s.inside)} | ${median(list.map((s) => s.clarity)).toFixed(2)} | ${median(list.map((s) => s.coherence)).toFixed(2)} (${share(list, (s) => s.coherence < 0.3)}) | ${median(list.map((s) => s.period)).toFixed(1)} | ${list[0]?.reason !== undefined ? (['flip', 'direction', 'taken', 'near', 'none'] as const).map((k) => share(list, (s) => s.reason === k)).join(' / ') : ''} |`;
    console.log(line('ours paired', op));
    console.log(line('ours unpaired', ou));
    console.log(line('SecuGen paired', rp));
    console.log(line('SecuGen unpaired', ru));
  }

  console.log('');
  console.log('SecuGen\'s unpaired minutiae in our pipeline: the first stage after which no minutia of ours lies within 10 px and 30° (skeleton, graph filters, list filters):');
  console.log('| set | SecuGen unpaired | not in our skeleton % | removed by spurs % | bridges % | short ridges % | gaps % | border % | clusters % | quality % | kept but paired elsewhere % | of them outside our mask % | ours alone (> 30 px from any SecuGen minutia) per image |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const [set, rows] of [...results, ['all', all] as [string, ImageAgreement[]]]) {
    if (set === 'all' && results.size === 1) continue;
    const ru = rows.flatMap((r) => r.referenceUnpaired);
    const fates = (['not-in-skeleton', 'spurs', 'bridges', 'short-ridges', 'gaps', 'border', 'clusters', 'quality', 'kept-elsewhere'] as const).map((f) => share(ru, (s) => s.fate === f));
    console.log(`| ${set} | ${ru.length} | ${fates.join(' | ')} | ${share(ru, (s) => !s.inside)} | ${(rows.reduce((s, r) => s + r.oursAlone, 0) / rows.length).toFixed(1)} |`);
  }

  console.log('');
  console.log('Our unpaired minutiae by quality (the template\'s 0–100), against our paired ones:');
  console.log('| set | paired: quality median | unpaired: quality median | unpaired with quality < 30 % | paired with quality < 30 % |');
  console.log('|---|---|---|---|---|');
  for (const [set, rows] of results) {
    const ou = rows.flatMap((r) => r.oursUnpaired);
    const pq = rows.flatMap((r) => r.oursPaired.map((s) => s.quality));
    console.log(`| ${set} | ${median(pq).toFixed(0)} | ${median(ou.map((s) => s.quality)).toFixed(0)} | ${share(ou, (s) => s.quality < 30)} | ${share(pq, (q) => q < 30)} |`);
  }

  console.log('');
  console.log('Agreement by where a minutia lies (all sets): precision of ours, recall of SecuGen\'s, per bin of the site measure (n in brackets):');
  const bins: { label: string; measure: (s: Site & { quality?: number }) => number; edges: number[] }[] = [
    { label: 'our quality', measure: (s) => s.quality ?? NaN, edges: [10, 20, 30, 40, 50, 70, 101] },
    { label: 'coherence', measure: (s) => s.coherence, edges: [0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.01] },
    { label: 'border px', measure: (s) => s.border, edges: [0, 10, 13, 16, 20, 24, 32, 1e9] },
    { label: 'clarity', measure: (s) => s.clarity, edges: [0, 1, 1.5, 2, 2.5, 3, 1e9] },
    { label: 'period px', measure: (s) => s.period, edges: [0, 6.5, 7.5, 8.5, 9.5, 1e9] },
  ];
  for (const b of bins) {
    const ranges = b.edges.slice(0, -1).map((lo, k) => [lo, b.edges[k + 1]] as const);
    const inBin = (list: (Site & { quality?: number })[], lo: number, hi: number): number => list.filter((s) => { const v = b.measure(s); return v >= lo && v < hi; }).length;
    const op = all.flatMap((r) => r.oursPaired), ou = all.flatMap((r) => r.oursUnpaired);
    const rp = all.flatMap((r) => r.referencePaired), ru = all.flatMap((r) => r.referenceUnpaired);
    console.log(`| ${b.label} | ${ranges.map(([lo, hi]) => `${lo}–${hi >= 1e9 ? '' : hi}`).join(' | ')} |`);
    console.log(`|---|${ranges.map(() => '---').join('|')}|`);
    console.log(`| precision of ours | ${ranges.map(([lo, hi]) => { const p = inBin(op, lo, hi), u = inBin(ou, lo, hi); return `${pct(p / (p + u))} (${p + u})`; }).join(' | ')} |`);
    if (b.label !== 'our quality') console.log(`| recall of SecuGen's | ${ranges.map(([lo, hi]) => { const p = inBin(rp, lo, hi), u = inBin(ru, lo, hi); return `${pct(p / (p + u))} (${p + u})`; }).join(' | ')} |`);
    console.log('');
  }

  console.log('');
  console.log('Do our minutiae that SecuGen does not have repeat across impressions of the same finger? Every FVC genuine pair (A, B), aligned by our matcher (MatchResult rotation and shift); a minutia of A that lands on B\'s finger (its block field) is reproduced when B has one of ours within 10 px and 30°; "in the score" = among the matcher\'s pairs. Impostors: the 45 FVC pairs.');
  console.log('| set | ours paired with SecuGen: reproduced % | in genuine scores % | in impostor scores % | ours unpaired: reproduced % | in genuine scores % | in impostor scores % |');
  console.log('|---|---|---|---|---|---|---|');
  for (const [set, rows] of results) {
    const byName = new Map(rows.map((r) => [r.name, r]));
    const tally = { p: [0, 0, 0, 0, 0, 0], u: [0, 0, 0, 0, 0, 0] }; // reproduced, landed, in genuine pairs, genuine total, in impostor pairs, impostor total
    const compare = (a: ImageAgreement, b: ImageAgreement, genuine: boolean): void => {
      const result = new FingerprintMatcher(a.template).match(b.template);
      const inPairs = new Set(result.pairs.map((q) => q.probe));
      const cos = Math.cos(result.rotation), sin = Math.sin(result.rotation);
      const field = b.template.orientations;
      a.template.minutiae.forEach((m, k) => {
        const t = a.oursPairedFlag[k] ? tally.p : tally.u;
        if (!genuine) { t[5]++; if (inPairs.has(k)) t[4]++; return; }
        t[3]++;
        if (inPairs.has(k)) t[2]++;
        const x = m.x * cos + m.y * sin + result.dx, y = -m.x * sin + m.y * cos + result.dy;
        if (field) {
          const bx = Math.floor(x / field.block), by = Math.floor(y / field.block);
          if (bx < 0 || by < 0 || bx >= field.blocksWide || by >= field.blocksHigh || field.angles[by * field.blocksWide + bx] === 255) return;
        }
        t[1]++;
        const d = m.direction + result.rotation;
        if (b.template.minutiae.some((o) => Math.hypot(o.x - x, o.y - y) <= TOL10.distance && angleDifference(o.direction, ((d % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI)) <= TOL10.angle)) t[0]++;
      });
    };
    for (let f = 101; f <= 110; f++) {
      for (let i = 1; i <= 8; i++) for (let j = i + 1; j <= 8; j++) {
        const a = byName.get(`${f}_${i}`), b = byName.get(`${f}_${j}`);
        if (a && b) compare(a, b, true);
      }
      for (let g = f + 1; g <= 110; g++) {
        const a = byName.get(`${f}_1`), b = byName.get(`${g}_1`);
        if (a && b) compare(a, b, false);
      }
    }
    const r = (t: number[]): string => `${pct(t[0] / t[1])} | ${pct(t[2] / t[3])} | ${pct(t[4] / t[5])}`;
    console.log(`| ${set} | ${r(tally.p)} | ${r(tally.u)} |`);
  }

  const worstRows = all.filter((r) => worst.some(([s, f]) => r.set === s && r.name.startsWith(`${f}_`)));
  if (worstRows.length) {
    console.log('');
    console.log('Worst images (the FVC EER\'s lost genuine pairs):');
    console.log('| image | SecuGen | ours | pairs 10 px | pairs 15 px | precision % | recall % | direction error median ° | ours unpaired near border (< 16 px) | SecuGen unpaired outside our mask |');
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const r of worstRows) {
      console.log(`| ${r.set} ${r.name} | ${r.counts10.reference} | ${r.counts10.ours} | ${r.counts10.paired} | ${r.counts15.paired} | ${pct(precision(r.counts10))} | ${pct(recall(r.counts10))} | ${median(r.directionErrors).toFixed(1)} | ${r.oursUnpaired.filter((s) => s.inside && s.border < 16).length} | ${r.referenceUnpaired.filter((s) => !s.inside).length} |`);
    }
    for (const [s, f] of worst) console.log(summaryRow(`${s} ${f}_x`, all.filter((r) => r.set === s && r.name.startsWith(`${f}_`))));
  }

  if (values.json) {
    writeFileSync(values.json, JSON.stringify({
      mappings: Object.fromEntries(mappings),
      images: all.map((r) => ({ set: r.set, name: r.name, ...r.counts10, paired15: r.counts15.paired, directionErrorMedian: median(r.directionErrors), typePairs: r.typePairs, oursAlone: r.oursAlone, oursUnpaired: r.oursUnpaired, referenceUnpaired: r.referenceUnpaired })),
    }, null, 1));
    console.log(`\nper-image figures → ${values.json}`);
  }

  function summaryRow(label: string, rows: ImageAgreement[]): string {
    const c10 = sum(rows, 'counts10'), c15 = sum(rows, 'counts15');
    const dir = rows.flatMap((r) => r.directionErrors);
    const t = rows.reduce((s, r) => ({ same: s.same + r.typePairs.same, eb: s.eb + r.typePairs.endingAsBifurcation, be: s.be + r.typePairs.bifurcationAsEnding, n: s.n + r.typePairs.same + r.typePairs.endingAsBifurcation + r.typePairs.bifurcationAsEnding }), { same: 0, eb: 0, be: 0, n: 0 });
    const rec = rows.map((r) => recall(r.counts10));
    return `| ${label} | ${(c10.reference / rows.length).toFixed(1)} / ${(c10.ours / rows.length).toFixed(1)} | ${pct(precision(c10))} | ${pct(recall(c10))} | **${pct(f1(c10))}** | ${pct(f1(c15))} | ${pct(median(rec))} (${pct(quantile(rec, 0.1))}) | ${median(dir).toFixed(1)} / ${quantile(dir, 0.9).toFixed(1)} | ${pct(t.same / t.n)} (${t.eb}, ${t.be}) |`;
  }
}

type Tuning = NonNullable<ExtractOptions['tuning']>;

/** Several tunings into one (later ones win per field). */
function mergeTunings(list: readonly (Tuning | undefined)[]): Tuning | undefined {
  const out: Record<string, Record<string, unknown>> = {};
  for (const t of list) for (const [k, v] of Object.entries(t ?? {})) out[k] = { ...out[k], ...(v as Record<string, unknown>) };
  return Object.keys(out).length ? (out as Tuning) : undefined;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
