/**
 * Which comparisons make the FVC-protocol EER (issue 15 point 3: EER ≤ 1% on every FVC2002 set).
 * With 45 impostors a set, one impostor is 2.22 points of FMR and one genuine 0.36 points of FNMR:
 * an EER ≤ 1% needs no FVC impostor above the threshold and at most two genuine pairs below it.
 * For every set this prints the highest FVC-protocol impostors (and the highest extended ones) and
 * the lowest genuine pairs, each with the matcher's own figures (score, minutiae score, orientation
 * agreement and overlap, chosen pairs) and what the study adds under the cue's consensus alignment:
 * the pairs that agree with it (inliers), and each print's minutiae inside the other's finger area
 * (the minutiae a genuine mate should pair).
 *
 * Templates come from the orientation-cue study's extraction cache (scripts/eval/orientation-cue.ts,
 * `--cache`, default /tmp/tenprint-cue; the same extraction as `npm run eval:fvc`); sets missing
 * there are extracted and cached.
 * `--condition NAME` degrades every image first (scripts/eval/conditions.ts; cached per condition).
 *   npx tsx scripts/eval/eer-pairs.ts [--cache DIR] [--condition NAME] [--top 4] [--lowest 10] [--dump comparisons.json]
 */
import { parseArgs } from 'node:util';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ORIENTATION_BLOCK_STRIDE } from '../../engine/fingerprint/extraction/parameters.js';
import { FingerprintMatcher, type MatchResult, type PreparedTemplate, prepareCandidate } from '../../engine/fingerprint/matcher.js';
import type { SelectedPairs } from '../../engine/fingerprint/matching/consolidation.js';
import { consensusAlignment, type RigidTransform } from '../../engine/fingerprint/matching/orientation-agreement.js';
import { CONSENSUS_ANGLE, CONSENSUS_DISTANCE } from '../../engine/fingerprint/matching/parameters.js';
import { RidgeCountTable, ridgeCountAgreement } from '../../engine/fingerprint/matching/ridge-count-agreement.js';
import type { BlockOrientations, FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { FVC2002_SETS } from './fvc-evaluation.js';
import { type Sample, fvcProtocol, fvcSamples } from './fvc-protocol.js';
import { type Condition, conditionNamed } from './conditions.js';
import { OverlapPairing } from './overlap-pairing.js';
import { loadImageTemplates, reviveBlockField } from './image-templates.js';
import { errorRates, operatingPoints } from './verification-metrics.js';

/** One comparison, as the study sees it. */
export interface PairFigures {
  probe: string;
  candidate: string;
  score: number;
  minutiaeScore: number;
  agreement: number;
  overlap: number;
  pairs: number;
  inliers: number;
  /** Usable minutiae (cylinders) of each print. */
  nProbe: number;
  nCandidate: number;
  /** Probe minutiae landing on candidate finger blocks, and candidate minutiae on probe finger blocks. */
  probeInside: number;
  candidateInside: number;
  /** The same, counting only minutiae where the two ridge flows agree within 30° (overlap-pairing.ts). */
  probeAgreeing: number;
  candidateAgreeing: number;
  /** The same, counting only minutiae whose block and its eight neighbours are all finger (away from the area's edge). */
  probeCore: number;
  candidateCore: number;
  /** Mean quality of the inlier pairs' minutiae (0–100). */
  inlierQuality: number;
  /** Mean local similarity (after relaxation) of the matcher's chosen pairs, 0–1 (0 without pairs). */
  meanSimilarity: number;
  /** The chosen pairs' similarities (after relaxation), as the matcher lists them; their mean is the minutiae score. */
  similarities: number[];
  /** Whether the inside counts were measured (both templates carry a block field and the pairs gave a consensus alignment). */
  consensus: boolean;
  /** Mean quality (0–100) of the chosen pairs' minutiae, both prints (0 without pairs). */
  pairQuality: number;
  /** Ridge-count links between the chosen pairs compared, and those agreeing within ±1 (matching/ridge-count-agreement.ts); 0 where a template has no counts. */
  ridgeCompared: number;
  ridgeAgree: number;
  /** Of those, the links whose counts are equal (a post-hoc diagnostic of scripts/eval/ridge-count-cue.ts, `--exact`). */
  ridgeExact: number;
  /**
   * Under the consensus alignment, the smallest distance (px) between a probe core and a candidate
   * core both inside the common finger area (the probe core mapped onto a candidate finger block,
   * the candidate core mapped back onto a probe finger block); null without a consensus or without
   * such a pair (scripts/eval/core-position-cue.ts).
   */
  coreDistance: number | null;
}

/** The matcher's chosen pairs as SelectedPairs (cylinder indices), so that the engine's own consensus runs on them. */
export function selected(a: PreparedTemplate, b: PreparedTemplate, m: MatchResult): SelectedPairs {
  const cylA = new Map<number, number>(), cylB = new Map<number, number>();
  for (let k = 0; k < a.count; k++) cylA.set(a.minutia[k], k);
  for (let k = 0; k < b.count; k++) cylB.set(b.minutia[k], k);
  const n = m.pairs.length;
  const s = { pairA: new Int32Array(n), pairB: new Int32Array(n), lambda: new Float32Array(n), chosen: new Int32Array(n), chosenCount: { value: n } };
  m.pairs.forEach((p, q) => { s.pairA[q] = cylA.get(p.probe)!; s.pairB[q] = cylB.get(p.candidate)!; s.lambda[q] = p.similarity; s.chosen[q] = q; });
  return s;
}

/** Is the y-up point (x, y) on a finger block of `o`, with every block within `margin` of it? */
export function onFinger(o: BlockOrientations, x: number, y: number, margin = 0): boolean {
  const u = Math.floor(x / o.block), v = Math.floor(-y / o.block);
  for (let dv = -margin; dv <= margin; dv++) {
    for (let du = -margin; du <= margin; du++) {
      const uu = u + du, vv = v + dv;
      if (uu < 0 || vv < 0 || uu >= o.blocksWide || vv >= o.blocksHigh || o.angles[vv * o.blocksWide + uu] >= 180) return false;
    }
  }
  return true;
}

export function figures(pt: FingerprintTemplate, ct: FingerprintTemplate, a: PreparedTemplate, b: PreparedTemplate, m: MatchResult, names: [string, string]): PairFigures {
  const meanSimilarity = m.pairs.length ? m.pairs.reduce((acc, p) => acc + p.similarity, 0) / m.pairs.length : 0;
  const pairQuality = m.pairs.length ? m.pairs.reduce((acc, p) => acc + (pt.minutiae[p.probe].quality + ct.minutiae[p.candidate].quality) / 2, 0) / m.pairs.length : 0;
  const tables = pt.ridgeCounts && ct.ridgeCounts ? [new RidgeCountTable(pt.ridgeCounts), new RidgeCountTable(ct.ridgeCounts)] : null;
  const ridge = tables ? ridgeCountAgreement(tables[0], tables[1], m.pairs) : { agree: 0, compared: 0 };
  const ridgeExact = tables ? ridgeCountAgreement(tables[0], tables[1], m.pairs, 0).agree : 0;
  const base = { probe: names[0], candidate: names[1], score: m.score, minutiaeScore: m.minutiaeScore ?? m.score, agreement: m.orientationAgreement ?? 0, overlap: m.orientationOverlap ?? 0, pairs: m.pairs.length, nProbe: a.count, nCandidate: b.count, meanSimilarity, similarities: m.pairs.map((p) => p.similarity), pairQuality, ridgeCompared: ridge.compared, ridgeAgree: ridge.agree, ridgeExact };
  const s = selected(a, b, m);
  const t: RigidTransform | null = m.pairs.length ? consensusAlignment(a, b, s) : null;
  if (t === null || !a.orientations || !b.orientations) return { ...base, consensus: false, inliers: 0, probeInside: 0, candidateInside: 0, probeAgreeing: 0, candidateAgreeing: 0, probeCore: 0, candidateCore: 0, inlierQuality: 0, coreDistance: null };
  const cr = Math.cos(t.rotation), sr = Math.sin(t.rotation);
  const fwd = (x: number, y: number): [number, number] => [cr * x - sr * y + t.tx, sr * x + cr * y + t.ty];
  const back = (x: number, y: number): [number, number] => { const u = x - t.tx, v = y - t.ty; return [cr * u + sr * v, -sr * u + cr * v]; };
  // The overlap-pairing counts (overlap-pairing.ts) under the cue's consensus; the quality of the consistent pairs here.
  const counts = new OverlapPairing();
  counts.measure(a, b, s, cr, sr, t.tx, t.ty);
  const { inliers, probeInside, candidateInside, probeAgreeing, candidateAgreeing } = counts;
  let quality = 0;
  for (let q = 0; q < m.pairs.length; q++) {
    const i = s.pairA[q], j = s.pairB[q];
    const [u, v] = fwd(a.x[i], a.y[i]);
    const dd = b.direction[j] - a.direction[i] - t.rotation;
    if (Math.hypot(u - b.x[j], v - b.y[j]) <= CONSENSUS_DISTANCE && Math.cos(dd) >= Math.cos(CONSENSUS_ANGLE)) quality += (pt.minutiae[m.pairs[q].probe].quality + ct.minutiae[m.pairs[q].candidate].quality) / 2;
  }
  let probeCore = 0, candidateCore = 0;
  for (let i = 0; i < a.count; i++) if (onFinger(b.orientations, ...fwd(a.x[i], a.y[i]), 1)) probeCore++;
  for (let j = 0; j < b.count; j++) if (onFinger(a.orientations, ...back(b.x[j], b.y[j]), 1)) candidateCore++;
  return { ...base, consensus: true, inliers, probeInside, candidateInside, probeAgreeing, candidateAgreeing, probeCore, candidateCore, inlierQuality: inliers ? quality / inliers : 0, coreDistance: coreDistance(pt, ct, a.orientations, b.orientations, fwd, back) };
}

/**
 * PairFigures.coreDistance: singular points are in pixels (y down); the prepared frame and the
 * block fields' onFinger are y-up, so a core (x, y) is (x, −y) there.
 */
export function coreDistance(pt: FingerprintTemplate, ct: FingerprintTemplate, po: BlockOrientations, co: BlockOrientations, fwd: (x: number, y: number) => [number, number], back: (x: number, y: number) => [number, number]): number | null {
  let best: number | null = null;
  for (const p of pt.singularPoints) {
    if (p.type !== 'core') continue;
    const [u, v] = fwd(p.x, -p.y);
    if (!onFinger(co, u, v)) continue;
    for (const c of ct.singularPoints) {
      if (c.type !== 'core' || !onFinger(po, ...back(c.x, -c.y))) continue;
      const d = Math.hypot(u - c.x, v + c.y);
      if (best === null || d < best) best = d;
    }
  }
  return best;
}

export interface SetFigures {
  name: string;
  genuine: PairFigures[];
  impostor: PairFigures[];
  extended: PairFigures[];
  /** The set's prints (sample file names, as PairFigures.probe / candidate name them) and their templates, for studies that compare them with other prints. */
  files?: string[];
  templates?: FingerprintTemplate[];
}

/** One FVC2002 set's samples and templates, from the extraction cache (extracted and cached when missing). */
export async function cachedTemplates(cacheDir: string, set: (typeof FVC2002_SETS)[number], condition?: Condition): Promise<{ samples: Sample[]; templates: FingerprintTemplate[] }> {
  mkdirSync(cacheDir, { recursive: true });
  const dir = sharedDataPath('fingerprints', 'fvc2002', set.folder);
  const samples: Sample[] = fvcSamples(readdirSync(dir), ['tif']);
  // The orientation-cue study's cache names (the original images), a condition's name otherwise.
  const cacheFile = join(cacheDir, condition ? `${set.name}-${condition.name}-stride${ORIENTATION_BLOCK_STRIDE}.json` : `${set.name}-block16-stride${ORIENTATION_BLOCK_STRIDE}-v2.json`);
  let templates: FingerprintTemplate[];
  if (existsSync(cacheFile)) {
    templates = (JSON.parse(readFileSync(cacheFile, 'utf8')) as { template: FingerprintTemplate }[]).map((c) => c.template);
    templates.forEach(reviveBlockField);
  } else {
    templates = (await loadImageTemplates(samples.map((s) => join(dir, s.file)), set.ppi, { ...(condition ? { condition } : {}), ridgeCounts: true })).templates;
    writeFileSync(cacheFile, JSON.stringify(templates.map((template) => ({ template }))));
  }
  return { samples, templates };
}

/** Every FVC-protocol comparison of the four FVC2002 sets, from the extraction cache. */
export async function fvc2002Figures(cacheDir: string, condition?: Condition): Promise<SetFigures[]> {
  mkdirSync(cacheDir, { recursive: true });
  const out: SetFigures[] = [];
  for (const set of FVC2002_SETS) {
    const { samples, templates } = await cachedTemplates(cacheDir, set, condition);
    const prepared = templates.map((t) => prepareCandidate(t));
    const protocol = fvcProtocol(samples);
    const compare = ([i, j]: readonly [number, number]): PairFigures => {
      const m = new FingerprintMatcher(prepared[i]).match(prepared[j]);
      return figures(templates[i], templates[j], prepared[i], prepared[j], m, [samples[i].file, samples[j].file]);
    };
    out.push({ name: set.name, genuine: protocol.genuine.map(compare), impostor: protocol.impostor.map(compare), extended: protocol.extendedImpostor.map(compare), files: samples.map((x) => x.file), templates });
    console.error(`${set.name}: ${templates.length} templates compared`);
  }
  return out;
}

const row = (c: PairFigures): string =>
  `| ${c.probe} – ${c.candidate} | ${c.score.toFixed(4)} | ${c.minutiaeScore.toFixed(4)} | ${c.agreement.toFixed(2)} | ${c.overlap} | ${c.pairs} | ${c.inliers} | ${c.nProbe} / ${c.nCandidate} | ${c.probeInside} / ${c.candidateInside} | ${c.inlierQuality.toFixed(0)} |`;
const HEAD = '| pair | score | minutiae score | A | overlap (blocks) | pairs | inliers | minutiae (probe / candidate) | inside the other (probe / candidate) | inlier quality |\n|---|---|---|---|---|---|---|---|---|---|';

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { cache: { type: 'string' }, condition: { type: 'string' }, top: { type: 'string' }, lowest: { type: 'string' }, dump: { type: 'string' } } });
  const sets = await fvc2002Figures(values.cache ?? '/tmp/tenprint-cue', values.condition ? conditionNamed(values.condition) : undefined);
  if (values.dump) writeFileSync(values.dump, JSON.stringify(sets));
  const top = Number(values.top ?? 4), lowest = Number(values.lowest ?? 10);
  for (const s of sets) {
    const g = s.genuine.map((c) => c.score), im = s.impostor.map((c) => c.score);
    const r = errorRates(g, im);
    // The EER's operating point: the threshold where FNMR first reaches FMR.
    const at = operatingPoints(g, im).find((p) => p.fnmr >= p.fmr)!;
    console.log(`\n### ${s.name}: FVC EER ${(100 * r.eer).toFixed(2)}%, crossing at threshold ${at.threshold.toFixed(4)} (FMR ${(100 * at.fmr).toFixed(2)}%, FNMR ${(100 * at.fnmr).toFixed(2)}%)`);
    console.log(`\nhighest FVC-protocol impostors:\n${HEAD}`);
    for (const c of [...s.impostor].sort((x, y) => y.score - x.score).slice(0, top)) console.log(row(c));
    console.log(`\nhighest extended impostors:\n${HEAD}`);
    for (const c of [...s.extended].sort((x, y) => y.score - x.score).slice(0, top)) console.log(row(c));
    console.log(`\nlowest genuine pairs:\n${HEAD}`);
    for (const c of [...s.genuine].sort((x, y) => x.score - y.score).slice(0, lowest)) console.log(row(c));
  }
}
