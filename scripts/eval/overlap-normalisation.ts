/**
 * Score normalisation by overlap (issue 15 point 2), measured offline before any matcher change:
 * for each comparison, the overlap is estimated in each template's own frame as the minutiae lying
 * within OFFSET px of the convex hull of that template's matched minutiae; the score becomes
 *   s · (min(nA, nB) / max(MIN_OVERLAP, (overlapA + overlapB) / 2))^α
 * so a genuine pair matched on a small common area is not judged against the whole prints, while
 * an impostor's pairs, spread over both prints, gain nothing. α = 0 is today's score. Per FVC2002
 * set, FVC-protocol and extended EER and FMR1000 for every α; then leave-one-database-out: the α
 * with the lowest mean extended EER on the other three sets, reported on the fourth.
 *   npx tsx scripts/eval/overlap-normalisation.ts [--alphas 0,0.25,0.5,1] [--offset 16]
 */
import { parseArgs } from 'node:util';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FingerprintMatcher, prepareCandidate } from '../../engine/fingerprint/matcher.js';
import { convexHull, insideEnlargedHull } from '../../engine/fingerprint/matching/convex-hull.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { FVC2002_SETS } from './fvc-evaluation.js';
import { fvcProtocol, fvcSamples } from './fvc-protocol.js';
import { loadImageTemplates } from './image-templates.js';
import { errorRates } from './verification-metrics.js';

const MIN_OVERLAP = 6;

function overlapCount(t: FingerprintTemplate, matched: number[], offset: number): number {
  if (matched.length < 3) return t.minutiae.length;
  const pts = new Float64Array(matched.length * 2);
  matched.forEach((k, i) => { pts[2 * i] = t.minutiae[k].x; pts[2 * i + 1] = t.minutiae[k].y; });
  const hull = convexHull(pts, offset);
  let n = 0;
  for (const m of t.minutiae) if (insideEnlargedHull(hull, m.x, m.y)) n++;
  return n;
}

export function normalised(score: number, nA: number, nB: number, overlapA: number, overlapB: number, alpha: number): number {
  if (alpha === 0) return score;
  const ratio = Math.min(nA, nB) / Math.max(MIN_OVERLAP, (overlapA + overlapB) / 2);
  return score * Math.pow(Math.max(1, ratio), alpha);
}

const { values } = parseArgs({ options: { alphas: { type: 'string' }, offset: { type: 'string' } } });
const alphas = (values.alphas ?? '0,0.25,0.5,1').split(',').map(Number);
const offset = Number(values.offset ?? 16);
const pct = (v: number): string => (100 * v).toFixed(2);
const table = new Map<string, Map<number, { eer: number; fmr1000: number; ext: number }>>();
for (const set of FVC2002_SETS) {
  const dir = sharedDataPath('fingerprints', 'fvc2002', set.folder);
  const samples = fvcSamples(readdirSync(dir), ['tif']);
  const { templates } = await loadImageTemplates(samples.map((s) => join(dir, s.file)), set.ppi);
  const prepared = templates.map((t) => prepareCandidate(t));
  const protocol = fvcProtocol(samples);
  const cache = new Map<string, { s: number; a: number; b: number }>();
  const compare = (i: number, j: number) => {
    const key = `${i},${j}`;
    let r = cache.get(key);
    if (!r) {
      const m = new FingerprintMatcher(prepared[i]).match(prepared[j]);
      r = { s: m.score, a: overlapCount(templates[i], m.pairs.map((p) => p.probe), offset), b: overlapCount(templates[j], m.pairs.map((p) => p.candidate), offset) };
      cache.set(key, r);
    }
    return r;
  };
  const row = new Map<number, { eer: number; fmr1000: number; ext: number }>();
  for (const alpha of alphas) {
    const sc = ([i, j]: readonly [number, number]) => { const r = compare(i, j); return normalised(r.s, templates[i].minutiae.length, templates[j].minutiae.length, r.a, r.b, alpha); };
    const genuine = protocol.genuine.map(sc);
    const fvc = errorRates(genuine, protocol.impostor.map(sc));
    const ext = errorRates(genuine, protocol.extendedImpostor.map(sc));
    row.set(alpha, { eer: fvc.eer, fmr1000: fvc.fmr1000, ext: ext.eer });
  }
  table.set(set.name, row);
  console.log(`${set.name}: ${alphas.map((a) => `α ${a}: ${pct(row.get(a)!.eer)} / ${pct(row.get(a)!.fmr1000)} / ${pct(row.get(a)!.ext)}`).join('  ')}`);
}
const names = [...table.keys()];
let held = 0, today = 0;
for (const name of names) {
  const others = names.filter((n) => n !== name);
  const pick = alphas.reduce((best, a) => {
    const mean = (x: number) => others.reduce((s, n) => s + table.get(n)!.get(x)!.ext, 0) / others.length;
    return mean(a) < mean(best) ? a : best;
  }, alphas[0]);
  const r = table.get(name)!.get(pick)!;
  const t = table.get(name)!.get(0) ?? r;
  held += r.ext / names.length;
  today += t.ext / names.length;
  console.log(`held out ${name}: α ${pick} picked on the others: ${pct(r.eer)} / ${pct(r.fmr1000)} / ${pct(r.ext)} (α 0: ${pct(t.eer)} / ${pct(t.fmr1000)} / ${pct(t.ext)})`);
}
console.log(`mean held-out ext. EER ${pct(held)}% against ${pct(today)}% at α 0`);
