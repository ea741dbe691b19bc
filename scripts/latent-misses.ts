/**
 * Mark-by-mark diagnosis of latent search misses (issue 11 point 7; docs/measurements/latent.md,
 * "Why GAN marks miss rank-1"). Reads an eval-latent-scale cache (templates of the marks, latent and
 * tenprint extraction, and of the mates), searches every mark against the mates with the latent
 * matcher as shipped, and for each mark not at strict rank 1 reports what the mate and the best
 * impostor pair, and the mate's rank under counterfactual matchers:
 * - `scaleMax`: the full score at every scale, the best kept (is MCC's pick of scale the loss?);
 * - `hyp50`: 50 alignments instead of 5 (is the alignment the loss?);
 * - `grow`: a pairing tolerance growing with distance from the anchor (is it distortion?);
 * - `tenprint`: the tenprint extractor's template of the mark (equal for plain marks);
 * and how many of the mark's latent minutiae the tenprint extractor also finds (15 px, 30°).
 *
 *   tsx scripts/latent-misses.ts --cache /tmp/ls/fvc2.json [--json OUT.json] [--all]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { type PreparedTemplate, prepareCandidate } from '../engine/fingerprint/matcher.js';
import { angleDifference } from '../engine/fingerprint/matching/angle.js';
import type { FingerprintTemplate } from '../engine/fingerprint/template.js';
import { LatentMatcher, scaleTemplate, type LatentMatcherOptions, type LatentMatchResult } from '../engine/latent/latent-matcher.js';
import { LATENT_SCALES } from '../engine/latent/latent-parameters.js';
import { median, rankRate, strictRank } from './eval/latent-ranks.js';
import { arg, type LatentDevCache } from './eval/latent-dev-cache.js';
import { backgroundGallery } from '../fixtures/gallery/background-gallery.js';

function strip(t: FingerprintTemplate): FingerprintTemplate {
  const { orientations: _o, ...rest } = t;
  return rest;
}

/** Share of a's minutiae with a b minutia within 15 px and 30°. */
function agreement(a: FingerprintTemplate, b: FingerprintTemplate): number {
  if (a.minutiae.length === 0) return 0;
  let n = 0;
  for (const m of a.minutiae) if (b.minutiae.some((o) => Math.hypot(o.x - m.x, o.y - m.y) <= 15 && Math.abs(angleDifference(o.direction, m.direction)) <= Math.PI / 6)) n++;
  return n / a.minutiae.length;
}

function rankOf(results: LatentMatchResult[], mate: number): { rank: number; top: number } {
  const others: number[] = [];
  let top = -1;
  for (let i = 0; i < results.length; i++) if (i !== mate) {
    others.push(results[i].score);
    if (top < 0 || results[i].score > results[top].score) top = i;
  }
  return { rank: strictRank(results[mate].score, others), top };
}

function brief(r: LatentMatchResult) {
  const v = r.verification;
  return { score: +r.score.toFixed(4), mcc: +v.mcc.toFixed(4), paired: v.paired, probeOverlap: v.probeOverlap, candidateOverlap: v.candidateOverlap, normalised: +v.normalised.toFixed(3), scale: r.scale };
}

function main(): void {
  const cachePath = arg('--cache');
  if (!cachePath) throw new Error('usage: latent-misses --cache FILE.json [--json OUT.json] [--all]');
  const cache = JSON.parse(readFileSync(cachePath, 'utf8')) as LatentDevCache;
  const gallery: PreparedTemplate[] = cache.mates.map((t) => prepareCandidate(strip(t)));
  const search = (probe: FingerprintTemplate, options: LatentMatcherOptions = {}) => {
    const m = new LatentMatcher(strip(probe), options);
    return gallery.map((g) => m.match(g));
  };
  const generated = Number(arg('--generated-background') ?? 0);
  for (const t of backgroundGallery(7, generated)) gallery.push(prepareCandidate(t));
  const every = Number(arg('--every') ?? 1);
  cache.probes = cache.probes.filter((_, i) => i % every === 0);
  const variants = arg('--variants');
  if (variants) {
    // Rank-1 / rank-10 and the best impostor (median over the marks) of matcher variants, each
    // given as name=JSON options (';'-separated), e.g. 'grow={"distanceGrowth":0.1,"distanceToleranceMax":30}'.
    const list: [string, LatentMatcherOptions][] = [['shipped', {}], ...variants.split(';').filter((v) => v).map((v) => {
      const k = v.indexOf('=');
      return [v.slice(0, k), JSON.parse(v.slice(k + 1)) as LatentMatcherOptions] as [string, LatentMatcherOptions];
    })];
    const t0 = performance.now();
    const summary: Record<string, unknown> = {};
    for (const [name, options] of list) {
      const ranks: number[] = [];
      const best: number[] = [];
      const per: Record<string, number> = {};
      for (const p of cache.probes) {
        const m = new LatentMatcher(strip(p.latent), options);
        const s = gallery.map((g) => m.score(g));
        const others = s.filter((_, i) => i !== p.mate);
        ranks.push(strictRank(s[p.mate], others));
        per[p.id] = ranks.at(-1)!;
        best.push(Math.max(...others));
      }
      const r1 = rankRate(ranks, 1);
      const r10 = rankRate(ranks, 10);
      summary[name] = { options, rank1: r1, rank10: r10, bestImpostorMedian: median(best), ranks: per };
      console.log(`${name.padEnd(24)} rank-1 ${(100 * r1).toFixed(1)}%  rank-10 ${(100 * r10).toFixed(1)}%  best impostor p50 ${median(best).toFixed(4)}  (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    const out = arg('--json');
    if (out) writeFileSync(out, JSON.stringify({ marks: cache.probes.length, gallery: gallery.length, summary }, null, 1) + '\n');
    return;
  }
  const rows: unknown[] = [];
  let misses = 0;
  for (const p of cache.probes) {
    const base = search(p.latent);
    const { rank, top } = rankOf(base, p.mate);
    if (rank === 1 && !process.argv.includes('--all')) continue;
    misses++;
    // Counterfactuals.
    const perScale = LATENT_SCALES.map((k) => search(scaleTemplate(p.latent, k), { scales: [1] }));
    const maxScores = gallery.map((_, gi) => Math.max(...perScale.map((s) => s[gi].score)));
    const scaleMax = strictRank(maxScores[p.mate], maxScores.filter((_, i) => i !== p.mate));
    const mateBestScale = LATENT_SCALES[perScale.map((s) => s[p.mate].score).reduce((b, v, i, a) => (v > a[b] ? i : b), 0)];
    const hyp = search(p.latent, { hypotheses: 50 });
    const grow = search(p.latent, { distanceGrowth: 0.1, distanceToleranceMax: 30 });
    const tp = search(p.tenprint);
    const row = {
      id: p.id,
      rank,
      latentMinutiae: p.latent.minutiae.length,
      tenprintMinutiae: p.tenprint.minutiae.length,
      mateMinutiae: cache.mates[p.mate].minutiae.length,
      latentAlsoTenprint: +agreement(p.latent, p.tenprint).toFixed(2),
      mate: brief(base[p.mate]),
      impostor: { index: top, minutiae: cache.mates[top].minutiae.length, ...brief(base[top]) },
      scaleMax,
      mateBestScale,
      hyp50: rankOf(hyp, p.mate).rank,
      hyp50Mate: brief(hyp[p.mate]),
      grow: rankOf(grow, p.mate).rank,
      growMate: brief(grow[p.mate]),
      tenprint: rankOf(tp, p.mate).rank,
    };
    rows.push(row);
    console.log(JSON.stringify(row));
  }
  console.log(`${misses} of ${cache.probes.length} marks not at strict rank 1`);
  const out = arg('--json');
  if (out) writeFileSync(out, JSON.stringify(rows, null, 1) + '\n');
}

main();
