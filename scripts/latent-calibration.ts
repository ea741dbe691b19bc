/**
 * Latent score calibration (issue 11, point 3):
 *
 *   npm run eval:latent-calibration -- --pairs DIR[:markup]... [--probes N] [--largest-probes M]
 *       [--sizes 1000,10000,100000] [--seed S] [--ppi N] [--scales 1] [--options JSON] [--no-tenprint-route]
 *       [--background DIR:PPI[:FROM-TO] [--background-cache FILE]]... [--rate-at S,...] [--tail-at N] --json OUT.json
 *
 * Marks sampled evenly from each pair set (N per set; `:markup` merges the pair's markup.json) are
 * scored by the latent scorer of the evaluation (scripts/eval/latent-search.ts: the LT search's
 * score, fused with the tenprint route for marks without markup) against a generated
 * background gallery (fixtures/gallery, seed S, default 7: every entry an impostor by construction),
 * and against their own mate. With `--background` the gallery is instead the prints of those
 * folders (FVC-named images at PPI, through the tenprint extractor, in the order given; the i-th
 * `--background-cache` caches the i-th folder's templates): real images, such as synthetic-finger
 * prints (scripts/eval/synthetic-background.ts), whose impostor scores run higher than generated
 * templates' (docs/decisions/latent-background-realism.md). No size may exceed their count, and
 * no print may be of a probe set's finger.
 *
 * For each gallery size n: the score of the 1st, 10th and 100th best impostor (median and range
 * over the probes); pooled over all probes at the second-largest size (`--tail-at N`: at size N,
 * over the probes that scanned it): the impostor tail (the
 * score reached by 1e-2 ... 1e-5 of impostor comparisons), and where the mates' scores fall in it;
 * `--rate-at` adds the share of those comparisons, and of the probes' mates, at or above each
 * score given (a hit threshold, say). The largest size is scanned by the first M probes of each
 * set only (it costs the most); OUT.json says how many.
 */
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { extractTemplate } from '../engine/fingerprint/extractor.js';
import { prepareCandidate } from '../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../engine/fingerprint/template.js';
import { backgroundGallery } from '../fixtures/gallery/background-gallery.js';
import { backgroundFolderTemplates } from './eval/latent-dev-cache.js';
import { decodeGray } from './eval/image-templates.js';
import { median } from './eval/latent-ranks.js';
import { impostorRateAt, kthBest, tailScore } from './eval/latent-score-tail.js';
import { latentScorer, markProbe, sampledPairs } from './eval/latent-search.js';
import type { LatentMatcherOptions } from '../engine/latent/latent-matcher.js';

const argv = process.argv.slice(2).filter((a) => a !== '--');
const all = (name: string): string[] => argv.flatMap((a, i) => (argv[i - 1] === name ? [a] : []));
const opt = (name: string, dflt: string): string => all(name)[0] ?? dflt;

const sets = all('--pairs');
const json = opt('--json', '');
if (sets.length === 0 || !json) throw new Error('usage: latent-calibration --pairs DIR[:markup]... [--probes N] [--largest-probes M] [--sizes 1000,10000,100000] [--seed S] [--background DIR:PPI [--background-cache FILE]]... [--rate-at S,...] --json OUT.json');
const perSet = Number(opt('--probes', '10'));
const largestPerSet = Number(opt('--largest-probes', String(perSet)));
const sizes = opt('--sizes', '1000,10000,100000').split(',').map(Number).sort((a, b) => a - b);
const seed = Number(opt('--seed', '7'));
const ppi = Number(opt('--ppi', '500'));
// --scales 1: the latent matcher without its scale search (a before/after on the same probes).
const scales = argv.includes('--scales') ? opt('--scales', '1').split(',').map(Number) : undefined;
// --options JSON: LatentMatcher options (a before/after of a matcher option on the same probes).
const matcherOptions = JSON.parse(opt('--options', '{}')) as LatentMatcherOptions;
const noRoute = argv.includes('--no-tenprint-route');
const rateAt = argv.includes('--rate-at') ? opt('--rate-at', '').split(',').map(Number) : [];
if (rateAt.some((v) => !Number.isFinite(v))) throw new Error('--rate-at: comma-separated scores');
if (sizes.some((n) => !Number.isInteger(n) || n < 100)) throw new Error('--sizes: whole numbers ≥ 100');
const backgroundSpecs = all('--background');
const fromFolders = backgroundSpecs.length > 0;
const backgroundPrints = await backgroundFolderTemplates(backgroundSpecs, all('--background-cache'));
const largest = sizes[sizes.length - 1];
const below = sizes.length > 1 ? sizes[sizes.length - 2] : largest;
const tailAt = argv.includes('--tail-at') ? Number(opt('--tail-at', '')) : below;
if (!sizes.includes(tailAt)) throw new Error(`--tail-at: ${opt('--tail-at', '')} is not one of --sizes`);
if (fromFolders && largest > backgroundPrints.length) throw new Error(`--sizes: ${largest} is more than the ${backgroundPrints.length} background prints`);
const gallery = fromFolders ? { background: backgroundSpecs, prints: backgroundPrints.length } : { generated: true, seed };

interface Probe {
  set: string;
  id: string;
  score: ReturnType<typeof latentScorer>;
  mateScore: number;
  minutiae: number;
  /** The minutiae of the mark's tenprint route (0: no route). */
  routeMinutiae: number;
  /** Scores against the gallery (generated or --background), in gallery order. */
  impostors: Float32Array;
  scanned: number;
  largest: boolean;
}

const probes: Probe[] = [];
for (const spec of sets) {
  for (const { pair: p, taken, markup } of sampledPairs(spec, perSet)) {
    // The LT search's score: the latent matcher, fused with the tenprint route for a mark without markup.
    const probe = await markProbe(await decodeGray(p.latent), ppi, markup);
    // --no-tenprint-route: the latent score alone (LL, TL, marks with markup) on the same probes.
    if (noRoute) delete probe.tenprint;
    const score = latentScorer(probe, scales, matcherOptions);
    const mate = prepareCandidate(await extractTemplate(await decodeGray(p.mate), { ppi }));
    probes.push({ set: spec, id: p.id, score, mateScore: score(mate), minutiae: probe.latent.minutiae.length, routeMinutiae: probe.tenprint?.minutiae.length ?? 0, impostors: new Float32Array(largest), scanned: 0, largest: taken < largestPerSet });
  }
}
console.log(`${probes.length} probes (${probes.filter((p) => p.largest).length} at ${largest}); gallery ${JSON.stringify(gallery)}`);

// The gallery in chunks (nothing kept but the scores).
const CHUNK = 5000;
const started = performance.now();
for (let from = 0; from < largest; ) {
  // Chunks end at the second-largest size, where most probes stop.
  const to = Math.min(largest, from + CHUNK, from < below ? below : Infinity);
  // With a block field, as prints have one: the LT score's tenprint route (engine/latent/tenprint-route.ts)
  // gives its orientation cue to generated impostors as to real ones (the latent score ignores it).
  const templates = fromFolders ? backgroundPrints.slice(from, to) : [...backgroundGallery(seed, to - from, from, { field: true })];
  const chunk = templates.map((t) => prepareCandidate(t));
  for (const p of probes) {
    if (from >= below && !p.largest) continue;
    for (let g = 0; g < chunk.length; g++) p.impostors[from + g] = p.score(chunk[g]);
    p.scanned = to;
  }
  from = to;
  console.log(`  ${to} of ${largest} scanned (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

const r3 = (v: number) => Math.round(v * 1000) / 1000;
const summary = (values: number[]) => ({ median: r3(median(values)), min: r3(Math.min(...values)), max: r3(Math.max(...values)) });
const kthImpostor = sizes.map((n) => {
  const scanned = probes.filter((p) => p.scanned >= n);
  const row: Record<string, unknown> = { gallery: n, probes: scanned.length };
  for (const k of [1, 10, 100]) row[`k${k}`] = summary(scanned.map((p) => kthBest(p.impostors, n, k)));
  // How many mates would rank first here: mate above the best impostor.
  row.matesAboveBestImpostor = r3(scanned.filter((p) => p.mateScore > kthBest(p.impostors, n, 1)).length / scanned.length);
  return row;
});
const tailProbes = probes.filter((p) => p.scanned >= tailAt);
const pooled = new Float64Array(tailProbes.length * tailAt);
tailProbes.forEach((p, i) => pooled.set(p.impostors.subarray(0, tailAt), i * tailAt));
pooled.sort().reverse();
const tail = Object.fromEntries([1e-2, 1e-3, 1e-4, 1e-5].filter((r) => r * pooled.length >= 1).map((r) => [String(r), r3(tailScore(pooled, r))]));
const mates = probes.map((p) => p.mateScore).sort((a, b) => a - b);
const report = {
  probes: probes.length,
  probeSets: sets,
  gallery,
  kthImpostor,
  impostorTail: {
    gallery: tailAt, probes: tailProbes.length, comparisons: pooled.length, scoreAtImpostorRate: tail,
    ...(rateAt.length > 0 ? {
      impostorRateAtScore: Object.fromEntries(rateAt.map((v) => [String(v), impostorRateAt(pooled, v)])),
      // The other side of a threshold: the share of the probes' mates that reach it.
      mateRateAtScore: Object.fromEntries(rateAt.map((v) => [String(v), r3(tailProbes.filter((p) => p.mateScore >= v).length / tailProbes.length)])),
    } : {}),
  },
  mates: { ...summary(mates), p10: r3(mates[Math.floor(0.1 * mates.length)]), impostorRateAtMateMedian: impostorRateAt(pooled, median(mates)) },
  minutiaePerProbe: summary(probes.map((p) => p.minutiae)),
  // Each probe: its latent template's and tenprint route's minutiae, its mate's score and its best impostor in the largest gallery it scanned.
  perProbe: probes.map((p) => ({ set: p.set, id: p.id, minutiae: p.minutiae, routeMinutiae: p.routeMinutiae, mate: r3(p.mateScore), bestImpostor: r3(kthBest(p.impostors, p.scanned, 1)), scanned: p.scanned })),
  seconds: Math.round((performance.now() - started) / 1000),
};
writeFileSync(json, JSON.stringify(report, null, 2) + '\n');
console.log(JSON.stringify(report, null, 1));
