/**
 * What the `small-sensor` condition breaks (docs/decisions/sensor-conditions.md), with ground truth
 * from the clean images: each crop is a pure translation of its clean image, and a strong clean
 * genuine comparison gives the two impressions' alignment.
 * - extraction: of the clean print's minutiae inside its window (at least `--margin` px from the
 *   window's edge), the share the crop's own extraction finds again within 8 px; and the crop's
 *   minutiae count against the clean minutiae inside the whole window.
 * - overlap: per genuine pair whose clean comparison is reliable (at least `--inliers` consensus
 *   inliers, eer-pairs.ts), the clean probe's minutiae that lie in both windows under the clean
 *   alignment ("minutiae in common"); the crops' genuine scores and false non-matches at the
 *   condition's extended-EER threshold, by minutiae in common.
 * - matcher input: the share of minutiae with a valid cylinder (MCC drops those whose cylinder
 *   falls mostly outside the print's convex hull), crops against clean prints.
 * Templates from eer-pairs.ts's cache (`--cache`, extracted there when missing).
 *   npx tsx scripts/eval/small-sensor-overlap.ts [--cache /tmp/fp-sensors-cue] [--sets DB3,DB4] [--margin 16] [--inliers 6]
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FingerprintMatcher, prepareCandidate } from '../../engine/fingerprint/matcher.js';
import { consensusAlignment } from '../../engine/fingerprint/matching/orientation-agreement.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { conditionNamed, seedOf, smallSensorWindow } from './conditions.js';
import { cachedTemplates, selected } from './eer-pairs.js';
import { FVC2002_SETS } from './fvc-evaluation.js';
import { fvcProtocol } from './fvc-protocol.js';
import { decodeGray } from './image-templates.js';
import { operatingPoints } from './verification-metrics.js';

const { values } = parseArgs({ options: { cache: { type: 'string' }, sets: { type: 'string' }, margin: { type: 'string' }, inliers: { type: 'string' } } });
const cache = values.cache ?? '/tmp/fp-sensors-cue';
const margin = Number(values.margin ?? 16), minInliers = Number(values.inliers ?? 6);
const condition = conditionNamed('small-sensor');
interface Box { x0: number; y0: number; x1: number; y1: number }
const median = (v: number[]): number => {
  if (v.length === 0) return Number.NaN;
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

for (const set of FVC2002_SETS) {
  if (values.sets && !values.sets.split(',').includes(set.name)) continue;
  const dir = sharedDataPath('fingerprints', 'fvc2002', set.folder);
  const clean = await cachedTemplates(cache, set);
  const crop = await cachedTemplates(cache, set, condition);
  // Windows in the templates' frame (500 ppi; DB2's 569 ppi images are brought down by the extractor).
  const unit = 500 / set.ppi;
  const windows: Box[] = [];
  for (const s of clean.samples) {
    const w = smallSensorWindow(await decodeGray(join(dir, s.file)), seedOf(s.file));
    windows.push({ x0: w.x * unit, y0: w.y * unit, x1: (w.x + w.width) * unit, y1: (w.y + w.height) * unit });
  }
  const inside = (w: Box, x: number, y: number, m = 0): boolean => x >= w.x0 + m && x < w.x1 - m && y >= w.y0 + m && y < w.y1 - m;

  // Extraction inside the window: clean minutiae found again in the crop.
  let wanted = 0, refound = 0;
  const cropCount: number[] = [], cleanInWindow: number[] = [];
  clean.templates.forEach((t, i) => {
    const w = windows[i];
    const got = crop.templates[i].minutiae.map((m) => [m.x + w.x0, m.y + w.y0]);
    cropCount.push(got.length);
    cleanInWindow.push(t.minutiae.filter((m) => inside(w, m.x, m.y)).length);
    for (const m of t.minutiae) {
      if (!inside(w, m.x, m.y, margin)) continue;
      wanted++;
      if (got.some(([x, y]) => Math.hypot(x - m.x, y - m.y) <= 8)) refound++;
    }
  });

  // Overlap: minutiae in common under the clean alignment, and the crops' genuine scores.
  const protocol = fvcProtocol(clean.samples);
  const prepClean = clean.templates.map((t) => prepareCandidate(t));
  const prepCrop = crop.templates.map((t) => prepareCandidate(t));
  const cropScore = ([i, j]: readonly [number, number]): number => new FingerprintMatcher(prepCrop[i]).score(prepCrop[j]);
  const genuine = protocol.genuine.map(cropScore);
  const points = operatingPoints(genuine, protocol.extendedImpostor.map(cropScore));
  const threshold = points.find((p) => p.fnmr >= p.fmr)!.threshold;
  const buckets = [[0, 4], [5, 9], [10, 14], [15, Infinity]] as const;
  const byBucket = buckets.map(() => ({ pairs: 0, missed: 0, scores: [] as number[] }));
  const common: number[] = [];
  let unreliable = 0, unreliableMissed = 0;
  protocol.genuine.forEach(([i, j], q) => {
    const a = prepClean[i], b = prepClean[j];
    const m = new FingerprintMatcher(a).match(b);
    const s = selected(a, b, m);
    const t = m.pairs.length ? consensusAlignment(a, b, s) : null;
    let inliers = 0;
    if (t) {
      const cr = Math.cos(t.rotation), sr = Math.sin(t.rotation);
      for (let k = 0; k < m.pairs.length; k++) {
        const u = a.x[s.pairA[k]], v = a.y[s.pairA[k]];
        if (Math.hypot(cr * u - sr * v + t.tx - b.x[s.pairB[k]], sr * u + cr * v + t.ty - b.y[s.pairB[k]]) <= 20) inliers++;
      }
    }
    const missed = genuine[q] < threshold;
    if (!t || inliers < minInliers) { unreliable++; if (missed) unreliableMissed++; return; }
    const cr = Math.cos(t.rotation), sr = Math.sin(t.rotation);
    let n = 0;
    for (const mi of clean.templates[i].minutiae) {
      if (!inside(windows[i], mi.x, mi.y)) continue;
      // Template (x, y down) → y-up, the consensus turn and shift, back to y down.
      const u = cr * mi.x - sr * -mi.y + t.tx, v = sr * mi.x + cr * -mi.y + t.ty;
      if (inside(windows[j], u, -v)) n++;
    }
    common.push(n);
    const k = buckets.findIndex(([lo, hi]) => n >= lo && n <= hi);
    byBucket[k].pairs++;
    if (missed) byBucket[k].missed++;
    byBucket[k].scores.push(genuine[q]);
  });

  console.log(`\n### ${set.name}, small-sensor`);
  console.log(`\nextraction: ${refound} of ${wanted} clean minutiae ≥ ${margin} px inside their window found again in the crop within 8 px (${(100 * refound / wanted).toFixed(1)}%); per image, crop minutiae median ${median(cropCount)} against ${median(cleanInWindow)} clean minutiae inside the window (clean whole image ${median(clean.templates.map((t) => t.minutiae.length))})`);
  const usable = (t: typeof clean.templates, p: typeof prepClean): number => p.reduce((n, c) => n + c.count, 0) / Math.max(1, t.reduce((n, c) => n + c.minutiae.length, 0));
  console.log(`\nmatcher input: usable minutiae (valid cylinders, matching/prepared-template.ts) ${(100 * usable(crop.templates, prepCrop)).toFixed(1)}% of the crops' minutiae, ${(100 * usable(clean.templates, prepClean)).toFixed(1)}% of the clean prints'`);
  console.log(`\noverlap: ${protocol.genuine.length - unreliable} of ${protocol.genuine.length} genuine pairs with a reliable clean alignment (≥ ${minInliers} inliers); minutiae in common median ${median(common)}; extended-EER threshold ${threshold.toFixed(4)} (FNMR ${(100 * points.find((p) => p.fnmr >= p.fmr)!.fnmr).toFixed(2)}%)`);
  console.log('\n| minutiae in common | genuine pairs | below the threshold | median crop score |\n|---|---|---|---|');
  buckets.forEach(([lo, hi], k) => {
    const b = byBucket[k];
    console.log(`| ${hi === Infinity ? `≥ ${lo}` : `${lo}–${hi}`} | ${b.pairs} | ${b.missed} (${b.pairs ? (100 * b.missed / b.pairs).toFixed(0) : '–'}%) | ${b.pairs ? median(b.scores).toFixed(4) : '–'} |`);
  });
  console.log(`| no reliable clean alignment | ${unreliable} | ${unreliableMissed} | |`);
}
