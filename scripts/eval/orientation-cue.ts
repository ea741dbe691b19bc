/**
 * A second, non-minutiae cue fused into the tenprint score (issue 15 point 2): the study behind
 * matching/orientation-agreement.ts. For every comparison of the FVC protocol (genuine, FVC and
 * extended impostor pairs), an alignment of the two prints carries the probe's block orientation
 * field onto the candidate's; over the blocks both foregrounds share:
 *   - orientation agreement A = mean cos 2Δθ (1 = the ridge flow agrees everywhere),
 *   - ridge-period disagreement P = mean |ln(period_probe / period_candidate)|,
 *   - the overlap n in blocks.
 * In the study's own modes the fields are the extractor's stages (orientation-field, segmentation-
 * mask, ridge-frequency, through the stage sink) reduced to BLOCK-px blocks here (coherence-
 * weighted doubled-angle mean, every block); `--alignment engine` takes the matcher's own cue
 * instead (the template's block field, MatchResult.orientationAgreement; no period) and also
 * prints rank-1 and the FNMR at the exported thresholds with and without it.
 * Alignments: `matcher` (MatchResult rotation/dx/dy, the mean over all chosen pairs), `consensus`
 * (the default: consensusAlignment below, which the first run showed is needed), `engine`.
 *
 * Fusions tried, each with its parameters chosen leave-one-database-out:
 *   mult:   s' = s · exp(w · (A − 1))
 *   shrunk: the same with A · n / (n + k): small overlaps shrink towards no evidence
 *   gate:   s' = s · min(1, max(0, (A − a0) / (1 − a0)))^β
 *   freq:   s' = s · exp(−v · P)
 *   both:   s' = s · exp(w · (A − 1) − v · P)
 * Leave-one-database-out picks the lowest mean extended EER on the other three sets, the middle of
 * the plateau where grid points tie. The zero-parameter row ("today") is the minutiae score: its
 * figures equal `npm run eval:fvc`'s before the cue.
 *
 * Extraction (minutes on the shared machine) is cached in CACHE (default /tmp/tenprint-cue); the
 * comparisons and fusions then take seconds.
 *   npx tsx scripts/eval/orientation-cue.ts [--alignment matcher|consensus|engine] [--tol-px 20] [--tol-deg 30]
 *     [--block 16] [--cache /tmp/tenprint-cue] [--dump features.json]
 */
import { parseArgs } from 'node:util';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFingerprint } from '../../engine/fingerprint/extractor.js';
import type { OrientationField } from '../../engine/fingerprint/extraction/orientation-field.js';
import type { RidgeFrequency } from '../../engine/fingerprint/extraction/ridge-frequency.js';
import type { SegmentationMask } from '../../engine/fingerprint/extraction/segmentation-mask.js';
import { ORIENTATION_BLOCK_STRIDE } from '../../engine/fingerprint/extraction/parameters.js';
import { FingerprintMatcher, prepareCandidate, thresholds } from '../../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { FVC2002_SETS } from './fvc-evaluation.js';
import { fvcProtocol, fvcSamples, rank1Rate } from './fvc-protocol.js';
import { decodeGray, reviveBlockField } from './image-templates.js';
import { errorRates } from './verification-metrics.js';

/** A block field: per block, ridge angle in [0, π) (pixel frame), coherence, period; fg 0/1. */
export interface BlockField {
  block: number;
  blocksWide: number;
  blocksHigh: number;
  angle: number[];
  coherence: number[];
  period: number[];
  foreground: number[];
}

export function blockField(o: OrientationField, s: SegmentationMask, f: RidgeFrequency, block: number): BlockField {
  const bw = Math.ceil(o.width / block);
  const bh = Math.ceil(o.height / block);
  const field: BlockField = { block, blocksWide: bw, blocksHigh: bh, angle: [], coherence: [], period: [], foreground: [] };
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let c2 = 0, s2 = 0, fg = 0, all = 0;
      for (let y = by * block; y < Math.min(o.height, (by + 1) * block); y++) {
        for (let x = bx * block; x < Math.min(o.width, (bx + 1) * block); x++) {
          const i = y * o.width + x;
          all++;
          if (!s.mask[i]) continue;
          fg++;
          const t = 2 * o.angle[i];
          c2 += o.coherence[i] * Math.cos(t);
          s2 += o.coherence[i] * Math.sin(t);
        }
      }
      let a = 0.5 * Math.atan2(s2, c2);
      if (a < 0) a += Math.PI;
      field.angle.push(a);
      field.coherence.push(fg > 0 ? Math.hypot(c2, s2) / fg : 0);
      field.foreground.push(fg * 2 > all ? 1 : 0);
      const fx = Math.min(f.blocksWide - 1, Math.floor(((bx + 0.5) * block) / f.block));
      const fy = Math.min(f.blocksHigh - 1, Math.floor(((by + 0.5) * block) / f.block));
      field.period.push(f.period[fy * f.blocksWide + fx]);
    }
  }
  return field;
}

/** What one comparison gives: score, matched pairs, and the cues over the aligned overlap. */
export interface Comparison {
  score: number;
  pairs: number;
  /** Shared foreground blocks. */
  overlap: number;
  /** Mean cos 2Δθ over them (0 when none). */
  agreement: number;
  /** Mean |ln(period ratio)| over them (0 when none). */
  periodGap: number;
  /** Pairs consistent with the consensus alignment (alignment consensus only). */
  inliers: number;
  /** The matcher's own score, cue included (alignment engine only). */
  engine?: number;
}

export function compareFields(p: BlockField, c: BlockField, rotation: number, dx: number, dy: number): { overlap: number; agreement: number; periodGap: number } {
  const cr = Math.cos(rotation), sr = Math.sin(rotation);
  let n = 0, sum = 0, gap = 0;
  for (let by = 0; by < p.blocksHigh; by++) {
    for (let bx = 0; bx < p.blocksWide; bx++) {
      const i = by * p.blocksWide + bx;
      if (!p.foreground[i]) continue;
      const x = (bx + 0.5) * p.block, y = (by + 0.5) * p.block;
      // MatchResult's convention: (x cos r + y sin r + dx, −x sin r + y cos r + dy); a pixel-frame
      // angle θ becomes θ − r.
      const u = x * cr + y * sr + dx, v = -x * sr + y * cr + dy;
      const cx = Math.floor(u / c.block), cy = Math.floor(v / c.block);
      if (cx < 0 || cy < 0 || cx >= c.blocksWide || cy >= c.blocksHigh) continue;
      const j = cy * c.blocksWide + cx;
      if (!c.foreground[j]) continue;
      n++;
      sum += Math.cos(2 * (p.angle[i] - rotation - c.angle[j]));
      gap += Math.abs(Math.log(p.period[i] / c.period[j]));
    }
  }
  return n === 0 ? { overlap: 0, agreement: 0, periodGap: 0 } : { overlap: n, agreement: sum / n, periodGap: gap / n };
}

/**
 * A consensus alignment from the matched pairs: each pair proposes the rigid transform that lays
 * its probe minutia on its candidate minutia; the proposal that most other pairs agree with
 * (within TOL_PX and TOL_RAD) wins, and the transform is re-estimated from those pairs alone (the
 * way pairAlignment does from all of them). The matcher's own alignment averages every chosen
 * pair, so one wrong pair among a genuine comparison's few shifts it.
 */
export function consensusAlignment(p: FingerprintTemplate, c: FingerprintTemplate, pairs: { probe: number; candidate: number }[], tolPx = 20, tolRad = Math.PI / 6): { rotation: number; dx: number; dy: number; inliers: number } {
  if (pairs.length === 0) return { rotation: 0, dx: 0, dy: 0, inliers: 0 };
  const fit = (set: { probe: number; candidate: number }[]) => {
    let sc = 0, ss = 0;
    for (const q of set) { const d = c.minutiae[q.candidate].direction - p.minutiae[q.probe].direction; sc += Math.cos(d); ss += Math.sin(d); }
    const r = Math.atan2(ss, sc);
    const cr = Math.cos(r), sr = Math.sin(r);
    let dx = 0, dy = 0;
    for (const q of set) {
      const a = p.minutiae[q.probe], b = c.minutiae[q.candidate];
      dx += b.x - (a.x * cr + a.y * sr);
      dy += b.y - (-a.x * sr + a.y * cr);
    }
    return { rotation: r, dx: dx / set.length, dy: dy / set.length };
  };
  let best: { probe: number; candidate: number }[] = [pairs[0]];
  for (const q of pairs) {
    const t = fit([q]);
    const cr = Math.cos(t.rotation), sr = Math.sin(t.rotation);
    const agree = pairs.filter((o) => {
      const a = p.minutiae[o.probe], b = c.minutiae[o.candidate];
      const u = a.x * cr + a.y * sr + t.dx, v = -a.x * sr + a.y * cr + t.dy;
      const dd = Math.abs(Math.atan2(Math.sin(b.direction - a.direction - t.rotation), Math.cos(b.direction - a.direction - t.rotation)));
      return Math.hypot(u - b.x, v - b.y) <= tolPx && dd <= tolRad;
    });
    if (agree.length > best.length) best = agree;
  }
  return { ...fit(best), inliers: best.length };
}

interface CachedImage { template: FingerprintTemplate; field: BlockField }

async function extractSet(dir: string, files: string[], ppi: number, block: number): Promise<CachedImage[]> {
  const out: CachedImage[] = [];
  for (const file of files) {
    const image = await decodeGray(join(dir, file));
    const stages: { o?: OrientationField; s?: SegmentationMask; f?: RidgeFrequency } = {};
    const r = await extractFingerprint(image, {
      ppi,
      sink: (name, value) => {
        if (name === 'orientation-field') stages.o = value as OrientationField;
        else if (name === 'segmentation-mask') stages.s = value as SegmentationMask;
        else if (name === 'ridge-frequency') stages.f = value as RidgeFrequency;
      },
    });
    out.push({ template: r.template, field: blockField(stages.o!, stages.s!, stages.f!, block) });
  }
  return out;
}

type Fusion = { name: string; params: string; fuse: (c: Comparison) => number };

function fusions(): Fusion[] {
  const list: Fusion[] = [{ name: 'today', params: '-', fuse: (c) => c.score }];
  if (alignment === 'engine') list.push({ name: 'engine', params: '(matcher.ts)', fuse: (c) => c.engine ?? Number.NaN });
  for (const w of [0.5, 1, 1.5, 2, 2.5, 3, 4, 6]) {
    list.push({ name: 'mult', params: `w ${w}`, fuse: (c) => c.score * Math.exp(w * (c.agreement - 1)) });
  }
  for (const w of [1, 2, 3, 4]) for (const k of [10, 30]) {
    // Small overlaps shrink towards agreement 0 (no evidence either way).
    list.push({ name: 'shrunk', params: `w ${w} k ${k}`, fuse: (c) => c.score * Math.exp(w * ((c.overlap * c.agreement) / (c.overlap + k) - 1)) });
  }
  for (const a0 of [0, 0.2, 0.4]) for (const beta of [1, 2, 3]) {
    list.push({ name: 'gate', params: `a0 ${a0} β ${beta}`, fuse: (c) => c.score * Math.pow(Math.min(1, Math.max(0, (c.agreement - a0) / (1 - a0))), beta) });
  }
  for (const v of [2, 4, 8, 16]) {
    list.push({ name: 'freq', params: `v ${v}`, fuse: (c) => c.score * Math.exp(-v * c.periodGap) });
  }
  for (const w of [1, 2, 3]) for (const v of [2, 4, 8]) {
    list.push({ name: 'both', params: `w ${w} v ${v}`, fuse: (c) => c.score * Math.exp(w * (c.agreement - 1) - v * c.periodGap) });
  }
  return list;
}

const { values } = parseArgs({ options: { block: { type: 'string' }, cache: { type: 'string' }, dump: { type: 'string' }, alignment: { type: 'string' }, 'tol-px': { type: 'string' }, 'tol-deg': { type: 'string' } } });
const tolPx = Number(values['tol-px'] ?? 20);
const tolRad = (Number(values['tol-deg'] ?? 30) * Math.PI) / 180;
const alignment = values.alignment ?? 'consensus';
if (alignment !== 'matcher' && alignment !== 'consensus' && alignment !== 'engine') throw new Error('--alignment: matcher, consensus or engine');
const block = Number(values.block ?? 16);
const cacheDir = values.cache ?? '/tmp/tenprint-cue';
mkdirSync(cacheDir, { recursive: true });
const pct = (v: number): string => (100 * v).toFixed(2);

interface SetData { name: string; genuine: Comparison[]; impostor: Comparison[]; extended: Comparison[] }
const sets: SetData[] = [];
for (const set of FVC2002_SETS) {
  const dir = sharedDataPath('fingerprints', 'fvc2002', set.folder);
  const samples = fvcSamples(readdirSync(dir), ['tif']);
  const cacheFile = join(cacheDir, `${set.name}-block${block}-stride${ORIENTATION_BLOCK_STRIDE}-v2.json`);
  let images: CachedImage[];
  if (existsSync(cacheFile)) {
    images = JSON.parse(readFileSync(cacheFile, 'utf8')) as CachedImage[];
    for (const im of images) reviveBlockField(im.template);
  } else {
    images = await extractSet(dir, samples.map((s) => s.file), set.ppi, block);
    writeFileSync(cacheFile, JSON.stringify(images));
  }
  // 'engine': the matcher's own cue (templates with their block orientations); otherwise the
  // minutiae score alone, and the cue computed here.
  const prepared = images.map((im) => prepareCandidate(alignment === 'engine' ? im.template : { ...im.template, orientations: undefined }));
  const protocol = fvcProtocol(samples);
  const cmp = new Map<string, Comparison>();
  const compare = ([i, j]: readonly [number, number]): Comparison => {
    const key = `${i},${j}`;
    let r = cmp.get(key);
    if (!r) {
      const m = new FingerprintMatcher(prepared[i]).match(prepared[j]);
      if (alignment === 'engine') {
        r = { score: m.minutiaeScore ?? m.score, pairs: m.pairs.length, inliers: 0, overlap: m.orientationOverlap ?? 0, agreement: m.orientationAgreement ?? 0, periodGap: 0, engine: m.score };
        cmp.set(key, r);
        return r;
      }
      const t = alignment === 'consensus' ? consensusAlignment(images[i].template, images[j].template, m.pairs, tolPx, tolRad) : { ...m, inliers: m.pairs.length };
      r = { score: m.score, pairs: m.pairs.length, inliers: t.inliers, ...compareFields(images[i].field, images[j].field, t.rotation, t.dx, t.dy) };
      cmp.set(key, r);
    }
    return r;
  };
  if (alignment === 'engine') {
    // Rank-1 (impressions 2–8 against a gallery of impressions 1, as eval:fvc): with the cue, and
    // with the minutiae score alone.
    const plain = images.map((im) => prepareCandidate({ ...im.template, orientations: undefined }));
    const rank = (forms: typeof prepared) => rank1Rate(samples, protocol, (p, g) => new FingerprintMatcher(forms[p]).score(forms[g]));
    console.log(`${set.name} rank-1: ${pct(rank(prepared))}% with the cue, ${pct(rank(plain))}% minutiae only`);
  }
  sets.push({ name: set.name, genuine: protocol.genuine.map(compare), impostor: protocol.impostor.map(compare), extended: protocol.extendedImpostor.map(compare) });
  console.error(`${set.name}: ${images.length} images, ${cmp.size} comparisons`);
}
if (values.dump) writeFileSync(values.dump, JSON.stringify(sets));

// At the service's exported thresholds (thresholds.ts; the stricter of the SecuGen templates' and
// ours, so they also hold for templates without a field): share of the 1,120 genuine comparisons
// below each, with the cue and without; and impostors at or above.
if (alignment === 'engine') {
  const g = sets.flatMap((s) => s.genuine), im = sets.flatMap((s) => s.extended);
  for (const [name, t] of Object.entries(thresholds)) {
    const below = (xs: number[]) => pct(xs.filter((x) => x < t).length / xs.length);
    const above = (xs: number[]) => xs.filter((x) => x >= t).length;
    console.log(`exported ${name} ${t}: FNMR ${below(g.map((c) => c.engine!))}% with the cue, ${below(g.map((c) => c.score))}% minutiae only; within-set impostors at or above ${above(im.map((c) => c.engine!))} / ${above(im.map((c) => c.score))} of ${im.length}`);
  }
}

// Distributions: how well the cue separates on its own, and where the errors lie.
const q = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };
for (const s of sets) {
  const g = s.genuine, im = s.extended;
  console.log(`${s.name} agreement genuine p10/p50 ${q(g.map((c) => c.agreement), 0.1).toFixed(2)}/${q(g.map((c) => c.agreement), 0.5).toFixed(2)}, impostor p50/p90/p99 ${q(im.map((c) => c.agreement), 0.5).toFixed(2)}/${q(im.map((c) => c.agreement), 0.9).toFixed(2)}/${q(im.map((c) => c.agreement), 0.99).toFixed(2)}; overlap genuine p10/p50 ${q(g.map((c) => c.overlap), 0.1)}/${q(g.map((c) => c.overlap), 0.5)}, impostor p50 ${q(im.map((c) => c.overlap), 0.5)}; period gap genuine p50/p90 ${q(g.map((c) => c.periodGap), 0.5).toFixed(3)}/${q(g.map((c) => c.periodGap), 0.9).toFixed(3)}, impostor p10/p50 ${q(im.map((c) => c.periodGap), 0.1).toFixed(3)}/${q(im.map((c) => c.periodGap), 0.5).toFixed(3)}`);
}

interface Rates { eer: number; fmr1000: number; ext: number; extFmr1000: number }
const rates = (s: SetData, f: Fusion): Rates => {
  const g = s.genuine.map(f.fuse);
  const fvc = errorRates(g, s.impostor.map(f.fuse));
  const ext = errorRates(g, s.extended.map(f.fuse));
  return { eer: fvc.eer, fmr1000: fvc.fmr1000, ext: ext.eer, extFmr1000: ext.fmr1000 };
};
const cell = (r: Rates) => `${pct(r.eer)} / ${pct(r.fmr1000)} / ${pct(r.ext)}`;
const all = fusions();
const table = all.map((f) => sets.map((s) => rates(s, f)));
console.log(`\nfusion | ${sets.map((s) => s.name).join(' | ')} (FVC EER / FMR1000 / ext. EER, %)`);
all.forEach((f, k) => console.log(`${f.name} ${f.params} | ${table[k].map(cell).join(' | ')}`));

// Leave one database out, per family: parameters with the lowest mean extended EER on the other
// three sets (ties: the middle of the plateau), reported on the held-out set.
// 'orientation' pools mult, shrunk and gate, 'any' every fusion: the family is chosen on the three
// sets too, so the held-out figure does not profit from a choice made on all four.
const families: Record<string, (name: string) => boolean> = {
  mult: (n) => n === 'mult', shrunk: (n) => n === 'shrunk', gate: (n) => n === 'gate', freq: (n) => n === 'freq', both: (n) => n === 'both',
  orientation: (n) => n === 'mult' || n === 'shrunk' || n === 'gate', any: (n) => n !== 'today',
};
for (const [family, member] of Object.entries(families)) {
  const members = all.map((f, k) => ({ f, k })).filter((e) => member(e.f.name));
  let held = 0, today = 0;
  const rows: string[] = [];
  sets.forEach((s, si) => {
    const others = sets.map((_, i) => i).filter((i) => i !== si);
    const mean = (k: number) => others.reduce((acc, i) => acc + table[k][i].ext, 0) / others.length;
    // The lowest mean; where several grid points tie (a plateau), the middle one of them in grid
    // order (for mult: the middle weight), which stays on the plateau if it shifts a little.
    const lowest = Math.min(...members.map((e) => mean(e.k)));
    const plateau = members.filter((e) => mean(e.k) <= lowest + 1e-9);
    const best = plateau[(plateau.length - 1) >> 1];
    const pick = mean(best.k) < mean(0) ? best : { f: all[0], k: 0 };
    held += table[pick.k][si].ext / sets.length;
    today += table[0][si].ext / sets.length;
    rows.push(`  held out ${s.name}: ${pick.f.name} ${pick.f.params}: ${cell(table[pick.k][si])}, ext. FMR1000 ${pct(table[pick.k][si].extFmr1000)} (today ${cell(table[0][si])}, ${pct(table[0][si].extFmr1000)})`);
  });
  console.log(`\nleave-one-database-out, ${family}:\n${rows.join('\n')}\n  mean held-out ext. EER ${pct(held)}% against ${pct(today)}% today`);
}
