/**
 * Development harness of the latent matcher (engine/latent/latent-matcher.ts): the same searches
 * as eval:latent (strict ranks, exhaustive, mates of equal content one entry), but with the
 * templates cached and many matcher settings scored in one pass, so a lever is measured on the
 * same marks and gallery without extracting again. eval:latent stays the official figure.
 *
 *   tsx scripts/eval-latent-matcher.ts --pairs DIR [--markup] [--every K [--offset I]] [--generated-background N]
 *       --cache FILE.json
 *
 * The cache holds each mark's templates from both routes (the latent pipeline, and the tenprint
 * extractor on the mark image, for the score fusion lever) and each distinct mate's template.
 */
import { FingerprintMatcher, type PreparedTemplate, prepareCandidate } from '../engine/fingerprint/matcher.js';
import { LatentMatcher, type LatentMatcherOptions } from '../engine/latent/latent-matcher.js';
import { backgroundGallery } from '../fixtures/gallery/background-gallery.js';
import { rankRate, strictRank } from './eval/latent-ranks.js';
import { arg, cachedLatentDevCache, fromJson } from './eval/latent-dev-cache.js';

async function main(): Promise<void> {
  const dir = arg('--pairs');
  const cachePath = arg('--cache');
  if (!dir || !cachePath) throw new Error('usage: eval-latent-matcher --pairs DIR [--markup] [--every K [--offset I]] [--sample K] [--generated-background N] [--geometries a,b] [--routes 2] --cache FILE.json');
  const markup = process.argv.includes('--markup');
  const every = Number(arg('--every') ?? 1);
  const generated = Number(arg('--generated-background') ?? 0);
  // --routes 2: also score the tenprint extractor's features of the mark, and their max fusion.
  const routes = Number(arg('--routes') ?? 1);
  const cache = await cachedLatentDevCache(cachePath, { dir, markup, every, offset: Number(arg('--offset') ?? 0), withField: false }, '');
  cache.mates = cache.mates.map(fromJson);
  for (const p of cache.probes) { p.tenprint = fromJson(p.tenprint); p.latent = fromJson(p.latent); }
  // --sample K: score every K-th cached mark only (a large background at a fraction of the time).
  const sample = Number(arg('--sample') ?? 1);
  cache.probes = cache.probes.filter((_, i) => i % sample === 0);
  const gallery: PreparedTemplate[] = cache.mates.map(prepareCandidate);
  for (const t of backgroundGallery(7, generated)) gallery.push(prepareCandidate(t));
  console.log(`${dir}${markup ? ' (markup)' : ''}: ${cache.probes.length} marks, gallery ${gallery.length}`);

  // Geometry settings: each gives (paired, normalised) per comparison; score formulas are applied after.
  const allGeometries: Record<string, LatentMatcherOptions> = {
    default: {},
    grow: { distanceTolerance: 12, distanceGrowth: 0.1, distanceToleranceMax: 30 },
    g8flat: { distanceGrowth: 0, distanceTolerance: 8, distanceToleranceMax: 8 },
    noRel: { reliabilityWeights: false },
  };
  // --geometries a,b: only these (each costs one verification per comparison).
  const wanted = arg('--geometries')?.split(',') ?? Object.keys(allGeometries);
  const geometries = Object.fromEntries(wanted.map((k) => [k, allGeometries[k]!]));

  const formulas: Record<string, (mcc: number, paired: number, norm: number) => number> = {};
  const z = (m: number, mu: number, tau: number) => 1 / (1 + Math.exp(-tau * (m - mu)));
  formulas.mcc = (mcc) => mcc;
  for (const w of [0.02, 0.05, 0.1, 0.3]) for (const mu of [4, 6, 8]) formulas[`w${w}mu${mu}`] = (mcc, m, n) => w * n * z(m, mu, 0.8) + (1 - w) * mcc;
  formulas.mcc_x_pairs = (mcc, m) => mcc * z(m, 6, 0.8);
  formulas.count = (mcc, m) => m + mcc;

  const ranks: Record<string, number[]> = {};
  const fusedRanks: Record<string, number[]> = {};
  const ties: Record<string, number> = {};
  const t0 = performance.now();
  for (const [pi, p] of cache.probes.entries()) {
    const scores: Record<string, Float64Array> = {};
    const perRoute: Record<string, Float64Array>[] = [];
    for (const [ri, probeT] of (routes === 2 ? [p.latent, p.tenprint] : [p.latent]).entries()) {
      const matchers = Object.fromEntries(Object.entries(geometries).map(([k, o]) => [k, new LatentMatcher(probeT, o)]));
      const mcc = new FingerprintMatcher(Object.values(matchers)[0]!.probe, { anyRotation: true, qualitySpread: false }); // as LatentMatcher's MCC step
      const route: Record<string, Float64Array> = {};
      for (const g of Object.keys(geometries)) for (const f of Object.keys(formulas)) route[`${g}/${f}`] = new Float64Array(gallery.length);
      for (let gi = 0; gi < gallery.length; gi++) {
        const base = mcc.match(gallery[gi]);
        for (const [g, m] of Object.entries(matchers)) {
          const v = m.verify(gallery[gi], base);
          for (const [f, fn] of Object.entries(formulas)) route[`${g}/${f}`][gi] = fn(base.score, v.paired, v.normalised);
        }
      }
      perRoute.push(route);
      if (ri === 0) Object.assign(scores, route);
    }
    for (const [k, s] of Object.entries(scores)) {
      const mate = s[p.mate];
      const others = Array.from(s).filter((_, i) => i !== p.mate);
      (ranks[k] ??= []).push(strictRank(mate, others));
      ties[k] = (ties[k] ?? 0) + (others.some((o) => o === mate) ? 1 : 0);
      if (routes !== 2) continue;
      const fused = s.map((v, i) => Math.max(v, perRoute[1][k][i]));
      (fusedRanks[k] ??= []).push(strictRank(fused[p.mate], Array.from(fused).filter((_, i) => i !== p.mate)));
    }
    if (routes === 2) (ranks['tenprintRoute/mcc'] ??= []).push(strictRank(perRoute[1][`${wanted[0]}/mcc`][p.mate], Array.from(perRoute[1][`${wanted[0]}/mcc`]).filter((_, i) => i !== p.mate)));
    if ((pi + 1) % 10 === 0) {
      const k = `${wanted[0]}/w0.05mu6`;
      console.log(`  ${pi + 1}/${cache.probes.length} (${((performance.now() - t0) / 1000).toFixed(0)} s): rank-1 so far mcc ${(100 * rankRate(ranks[`${wanted[0]}/mcc`], 1)).toFixed(1)}%, ${k} ${(100 * rankRate(ranks[k], 1)).toFixed(1)}%`);
    }
  }
  const pct = (v: number) => (100 * v).toFixed(1).padStart(5);
  const rows = Object.keys(ranks).map((k) => ({ k, r1: rankRate(ranks[k], 1), r10: rankRate(ranks[k], 10), f1: fusedRanks[k] ? rankRate(fusedRanks[k], 1) : NaN }));
  rows.sort((a, b) => b.r1 - a.r1);
  for (const r of rows) console.log(`${r.k.padEnd(22)} rank-1 ${pct(r.r1)}%  rank-10 ${pct(r.r10)}%  fused-max rank-1 ${pct(r.f1)}%  mates tied ${ties[r.k] ?? '-'}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : String(e));
  process.exit(1);
});
