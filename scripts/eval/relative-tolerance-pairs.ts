/**
 * Where the relative distance tolerance acts (docs/decisions/relaxation-relative-tolerance.md;
 * reported, not ruled on). From the study's extraction cache, per FVC2002 set and κ:
 * - genuine and impostor scores: the median FVC-protocol genuine score and the median extended
 *   impostor score, under each listed condition, and the tails the EER is decided in: the genuine
 *   scores' 10th percentile and the extended impostors' 99th;
 * - ground truth for `distortion`: each clean image against its own distorted version and against
 *   its rigid-only control (`distortion-rigid`, cached by scripts/eval/distortion-truth.ts): the
 *   median minutiae score (before the orientation cue), i.e. how much of the plastic loss each κ
 *   gives back;
 * - couples touched: over today's chosen pairs of the genuine comparisons, the share of couples
 *   whose mean distance d̄ puts μ(d̄) above 8 px, and the share whose distance gap exceeds 8 px
 *   (today's half-compatibility point), and of these how many fall under μ(d̄).
 *   npx tsx scripts/eval/relative-tolerance-pairs.ts [--cache /tmp/fp-reltol-cache] [--kappas ...]
 *     [--conditions none,distortion,sweep]
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type PreparedTemplate, prepareCandidate } from '../../engine/fingerprint/matcher.js';
import { ConsolidationScratch, consolidate } from '../../engine/fingerprint/matching/consolidation.js';
import { localSimilarities } from '../../engine/fingerprint/matching/local-similarity.js';
import { MAX_MINUTIAE, RHO_DISTANCE_MU } from '../../engine/fingerprint/matching/parameters.js';
import { toleranceMu } from '../../engine/fingerprint/matching/relative-distance-tolerance.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { FVC2002_SETS } from './fvc-evaluation.js';
import { fvcProtocol } from './fvc-protocol.js';
import { type Condition, conditionNamed } from './conditions.js';
import { setTemplates } from './quality-weight.js';
import { KAPPAS, scoreComparisons, settingsFor } from './relative-tolerance.js';

const median = (v: ArrayLike<number>): number => {
  const s = Array.from(v).sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** The q-quantile (0–1) by the nearest rank. */
const quantile = (v: ArrayLike<number>, q: number): number => {
  const s = Array.from(v).sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};

/** Minutiae scores (no orientation cue) of a against b under today and each κ. */
function minutiaeScores(a: PreparedTemplate, b: PreparedTemplate, kappas: readonly number[], s: ConsolidationScratch): number[] {
  const found = localSimilarities(a, b, s.packed);
  return [consolidate(a, b, found, s), ...kappas.map((kappa) => consolidate(a, b, found, s, undefined, { kappa }))];
}

/** Couples of today's chosen pairs: [all, d̄ with μ > 8 at κ, gap > 8 px, gap > 8 px but ≤ μ(d̄)]. */
function couples(a: PreparedTemplate, b: PreparedTemplate, s: ConsolidationScratch, kappa: number): [number, number, number, number] {
  const found = localSimilarities(a, b, s.packed);
  consolidate(a, b, found, s);
  const out: [number, number, number, number] = [0, 0, 0, 0];
  const m = s.chosenCount.value;
  for (let c = 0; c < m; c++) {
    for (let e = c + 1; e < m; e++) {
      const t = s.chosen[c], k = s.chosen[e];
      const dA = Math.hypot(a.x[s.pairA[k]] - a.x[s.pairA[t]], a.y[s.pairA[k]] - a.y[s.pairA[t]]);
      const dB = Math.hypot(b.x[s.pairB[k]] - b.x[s.pairB[t]], b.y[s.pairB[k]] - b.y[s.pairB[t]]);
      const mu = toleranceMu((dA + dB) / 2, kappa);
      const gap = Math.abs(dA - dB);
      out[0]++;
      if (mu > RHO_DISTANCE_MU) out[1]++;
      if (gap > RHO_DISTANCE_MU) {
        out[2]++;
        if (gap <= mu) out[3]++;
      }
    }
  }
  return out;
}

const { values } = parseArgs({ options: { cache: { type: 'string' }, kappas: { type: 'string' }, conditions: { type: 'string' } } });
const cacheDir = values.cache ?? '/tmp/fp-reltol-cache';
const kappas = values.kappas ? values.kappas.split(',').map(Number) : [...KAPPAS];
const conditions = (values.conditions ?? 'none,distortion,sweep').split(',');
const settings = settingsFor(kappas);
const f = (v: number): string => v.toFixed(4);
const share = (n: number, d: number): string => (d ? `${((100 * n) / d).toFixed(1)}%` : '-');

console.log(`## genuine score median / extended impostor median; genuine 10th percentile / extended impostor 99th percentile\n| condition | set | ${settings.map((s) => s.name).join(' | ')} |\n|---|---|${settings.map(() => '---|').join('')}`);
for (const c of conditions) {
  const condition = c === 'none' ? undefined : conditionNamed(c);
  for (const set of FVC2002_SETS) {
    const { samples, templates } = await setTemplates(cacheDir, set, condition);
    const p = fvcProtocol(samples);
    const g = scoreComparisons(templates, p.genuine, settings);
    const im = scoreComparisons(templates, p.extendedImpostor, settings);
    console.log(`| ${c} | ${set.name} | ${settings.map((_, k) => `${f(median(g[k]))} / ${f(median(im[k]))}; ${f(quantile(g[k], 0.1))} / ${f(quantile(im[k], 0.99))}`).join(' | ')} |`);
  }
}

const rigid: Condition = { name: 'distortion-rigid', apply: () => { throw new Error('distortion-rigid is read from the cache only (scripts/eval/distortion-truth.ts makes it)'); } };
console.log(`\n## ground truth: each clean image against its own distorted version / its rigid-only control, median minutiae score\n| set | ${settings.map((s) => s.name).join(' | ')} |\n|---|${settings.map(() => '---|').join('')}`);
const s = new ConsolidationScratch(MAX_MINUTIAE);
for (const set of FVC2002_SETS) {
  if (!existsSync(join(cacheDir, `${set.name}-distortion-rigid-stride4.json`))) { console.log(`| ${set.name} | not measured (no distortion-rigid cache) |`); continue; }
  const clean = (await setTemplates(cacheDir, set)).templates.map((t: FingerprintTemplate) => prepareCandidate(t));
  const plastic = (await setTemplates(cacheDir, set, conditionNamed('distortion'))).templates.map((t: FingerprintTemplate) => prepareCandidate(t));
  const moved = (await setTemplates(cacheDir, set, rigid)).templates.map((t: FingerprintTemplate) => prepareCandidate(t));
  const ps = clean.map((a, i) => minutiaeScores(a, plastic[i], kappas, s));
  const rs = clean.map((a, i) => minutiaeScores(a, moved[i], kappas, s));
  console.log(`| ${set.name} | ${settings.map((_, k) => `${f(median(ps.map((v) => v[k])))} / ${f(median(rs.map((v) => v[k])))}`).join(' | ')} |`);
}

console.log(`\n## couples of today's chosen pairs, genuine comparisons: μ(d̄) > 8 px; gap > 8 px; of those, gap ≤ μ(d̄)\n| condition | set | ${kappas.map((k) => `κ=${k}`).join(' | ')} |\n|---|---|${kappas.map(() => '---|').join('')}`);
for (const c of conditions) {
  const condition = c === 'none' ? undefined : conditionNamed(c);
  for (const set of FVC2002_SETS) {
    const { samples, templates } = await setTemplates(cacheDir, set, condition);
    const prepared = templates.map((t) => prepareCandidate(t));
    const p = fvcProtocol(samples);
    const cells = kappas.map((kappa) => {
      const sum = [0, 0, 0, 0];
      for (const [i, j] of p.genuine) couples(prepared[i], prepared[j], s, kappa).forEach((v, q) => (sum[q] += v));
      return `${share(sum[1], sum[0])}; ${share(sum[2], sum[0])}; ${share(sum[3], sum[2])}`;
    });
    console.log(`| ${c} | ${set.name} | ${cells.join(' | ')} |`);
  }
}
