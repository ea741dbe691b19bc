/**
 * What the `distortion` condition breaks (docs/decisions/sensor-conditions.md), with ground truth:
 * each clean image is compared with its own distorted version, whose inverse mapping is known
 * (conditions.ts `distortionSource`), and with the same image moved by the distortion's rigid part
 * alone (the same turn and shift everywhere: no plastic band). The rigid move is the control: it
 * resamples the image as much, so what differs between the two columns is the skin's plasticity.
 * Per set, medians over the 80 images (or totals):
 * - extraction: the share of the moved print's minutiae whose source point has a clean minutia
 *   within 8 px (precision), and of the clean minutiae still in view found again (recall);
 * - mates: true correspondences (a moved minutia and the clean one at its source, within 8 px);
 * - matcher: the clean print against the moved one: score (and the minutiae score and orientation
 *   agreement it fuses, matcher.ts), chosen pairs, and true pairs among them;
 * - spread: over couples of true correspondences, the share whose distance apart differs by more
 *   than 8 px between the prints: relaxation's distance compatibility ρ is under 0.5 there
 *   (RHO_DISTANCE_MU, matching/parameters.ts); also within 65 px (a cylinder's radius).
 * Templates from eer-pairs.ts's cache (`--cache`; the rigid variant is cached as `distortion-rigid`).
 *   npx tsx scripts/eval/distortion-truth.ts [--cache /tmp/fp-sensors-cue] [--sets DB1,DB3]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FingerprintMatcher, prepareCandidate } from '../../engine/fingerprint/matcher.js';
import { CYLINDER_RADIUS, RHO_DISTANCE_MU } from '../../engine/fingerprint/matching/parameters.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { type Condition, type DistortionDraw, conditionNamed, distortedImage, distortionDraw, distortionSource, seedOf } from './conditions.js';
import { cachedTemplates } from './eer-pairs.js';
import { FVC2002_SETS } from './fvc-evaluation.js';
import { decodeGray } from './image-templates.js';

const { values } = parseArgs({ options: { cache: { type: 'string' }, sets: { type: 'string' } } });
const cache = values.cache ?? '/tmp/fp-sensors-cue';
const TOLERANCE = 8;
/** The rigid part alone: every point past the band (r far below 0, so the brake is 1 everywhere). */
const rigidOf = (d: DistortionDraw): DistortionDraw => ({ ...d, r: -1e9 });
const rigid: Condition = { name: 'distortion-rigid', apply: (image, ppi, seed) => ({ image: distortedImage(image, rigidOf(distortionDraw(image, ppi, seed))), ppi }) };
const median = (v: number[]): number => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

interface Truth { precision: number; recall: number; mates: number; score: number; minutiaeScore: number; agreement: number; chosen: number; truePairs: number; spread: number; spreadNear: number }

/** Clean `a` against moved `b`; `source` maps b's template point to a's (template units). */
function truth(a: FingerprintTemplate, b: FingerprintTemplate, source: (x: number, y: number) => [number, number], visible: (x: number, y: number) => boolean): Truth {
  const back = b.minutiae.map((m) => source(m.x, m.y));
  // Each moved minutia's mate: the nearest clean minutia within the tolerance of its source point.
  const mateOf = back.map(([x, y]) => {
    let best = -1, bestD = TOLERANCE;
    a.minutiae.forEach((m, i) => { const d = Math.hypot(m.x - x, m.y - y); if (d <= bestD) { best = i; bestD = d; } });
    return best;
  });
  const matched = new Set(mateOf.filter((i) => i >= 0));
  const inView = a.minutiae.filter((m) => visible(m.x, m.y)).length;
  const recall = a.minutiae.filter((m, i) => visible(m.x, m.y) && matched.has(i)).length / Math.max(1, inView);
  const mates: [number, number][] = [];
  mateOf.forEach((i, j) => { if (i >= 0) mates.push([i, j]); });
  let couples = 0, far = 0, near = 0, nearFar = 0;
  for (let p = 0; p < mates.length; p++) {
    for (let q = p + 1; q < mates.length; q++) {
      const [i1, j1] = mates[p], [i2, j2] = mates[q];
      const da = Math.hypot(a.minutiae[i1].x - a.minutiae[i2].x, a.minutiae[i1].y - a.minutiae[i2].y);
      const db = Math.hypot(b.minutiae[j1].x - b.minutiae[j2].x, b.minutiae[j1].y - b.minutiae[j2].y);
      const off = Math.abs(da - db) > RHO_DISTANCE_MU;
      couples++; if (off) far++;
      if (da <= CYLINDER_RADIUS) { near++; if (off) nearFar++; }
    }
  }
  const m = new FingerprintMatcher(prepareCandidate(a)).match(prepareCandidate(b));
  const truePairs = m.pairs.filter((p) => mateOf[p.candidate] === p.probe).length;
  return { precision: mateOf.filter((i) => i >= 0).length / Math.max(1, b.minutiae.length), recall, mates: mates.length, score: m.score, minutiaeScore: m.minutiaeScore ?? m.score, agreement: m.orientationAgreement ?? Number.NaN, chosen: m.pairs.length, truePairs, spread: couples ? far / couples : 0, spreadNear: near ? nearFar / near : 0 };
}

const ROWS: [string, (t: Truth[]) => string][] = [
  ['extraction precision (median)', (t) => median(t.map((x) => x.precision)).toFixed(3)],
  ['extraction recall, clean minutiae in view (median)', (t) => median(t.map((x) => x.recall)).toFixed(3)],
  ['true correspondences (median)', (t) => String(median(t.map((x) => x.mates)))],
  ['self-comparison score (median)', (t) => median(t.map((x) => x.score)).toFixed(4)],
  ['self-comparison score (lowest)', (t) => Math.min(...t.map((x) => x.score)).toFixed(4)],
  ['of which the minutiae score, before the orientation cue (median)', (t) => median(t.map((x) => x.minutiaeScore)).toFixed(4)],
  ['orientation agreement A (median)', (t) => median(t.map((x) => x.agreement)).toFixed(3)],
  ['chosen pairs (median)', (t) => String(median(t.map((x) => x.chosen)))],
  ['true pairs among the chosen (total / total chosen)', (t) => `${t.reduce((s, x) => s + x.truePairs, 0)} / ${t.reduce((s, x) => s + x.chosen, 0)}`],
  [`couples of true correspondences ${RHO_DISTANCE_MU} px or more off in distance (median share)`, (t) => median(t.map((x) => x.spread)).toFixed(3)],
  [`the same, couples within ${CYLINDER_RADIUS} px (median share)`, (t) => median(t.map((x) => x.spreadNear)).toFixed(3)],
];

for (const set of FVC2002_SETS) {
  if (values.sets && !values.sets.split(',').includes(set.name)) continue;
  const dir = sharedDataPath('fingerprints', 'fvc2002', set.folder);
  const clean = await cachedTemplates(cache, set);
  const plastic = await cachedTemplates(cache, set, conditionNamed('distortion'));
  const moved = await cachedTemplates(cache, set, rigid);
  const unit = 500 / set.ppi; // template units per source pixel
  const columns: [Truth[], Truth[]] = [[], []];
  for (let i = 0; i < clean.samples.length; i++) {
    const image = await decodeGray(join(dir, clean.samples[i].file));
    const draw = distortionDraw(image, set.ppi, seedOf(clean.samples[i].file));
    for (const [c, d, templates] of [[0, draw, plastic.templates], [1, rigidOf(draw), moved.templates]] as const) {
      const source = (x: number, y: number): [number, number] => { const [u, v] = distortionSource(d, x / unit, y / unit); return [u * unit, v * unit]; };
      // A clean minutia is in view when some pixel of the moved image shows its source point.
      const seen = new Uint8Array(image.width * image.height);
      for (let y = 0; y < image.height; y++) {
        for (let x = 0; x < image.width; x++) {
          const [u, v] = distortionSource(d, x, y);
          const ux = Math.round(u), vy = Math.round(v);
          if (ux >= 0 && vy >= 0 && ux < image.width && vy < image.height) seen[vy * image.width + ux] = 1;
        }
      }
      const visible = (x: number, y: number): boolean => {
        const ux = Math.round(x / unit), vy = Math.round(y / unit);
        return ux >= 0 && vy >= 0 && ux < image.width && vy < image.height && seen[vy * image.width + ux] === 1;
      };
      columns[c].push(truth(clean.templates[i], templates[i], source, visible));
    }
  }
  console.log(`\n### ${set.name}: each clean image against its own moved version\n`);
  console.log('| figure | plastic distortion | its rigid part alone |\n|---|---|---|');
  for (const [name, of] of ROWS) console.log(`| ${name} | ${of(columns[0])} | ${of(columns[1])} |`);
}
