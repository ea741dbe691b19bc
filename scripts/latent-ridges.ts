/**
 * Study of the latent ridge stages (issue 11 point 7; docs/measurements/latent.md, "Ridge
 * continuity"): re-extracts the marks of a development cache (scripts/eval/latent-dev-cache.ts)
 * under extraction variants and searches each against the cache's gallery with the latent matcher
 * as shipped, as latent-misses.ts --variants does for matcher options:
 *
 *   tsx scripts/latent-ridges.ts --cache BASE.json --pairs DIR [--markup] [--every K [--offset I]]
 *       [--generated-background N] --variants 'name=JSON;…' [--only ID,… | --sample K] [--save PREFIX] [--json OUT.json]
 *
 * JSON is {"continuity": LatentExtractOptions.continuity, "sharePeriodMin": N, "coherentShare": {"periodMin": P, "consistency": C}, "candidateAgreement": F, "routeAgreement": F, "routeEnergy": E, "routeConsistency": C,
 * "continuityReliability": {"radius": R, "free": F}} (any of them;
 * {} for the shipped extraction, {"cache":true} for the base cache's templates as they are); each variant also gives its options to the matcher when it carries "matcher" (e.g.
 * {"matcher":{"reliabilityWeights":false}}). BASE.json gives the mates (and which pair each mark
 * is): it must have been built from the same DIR, --markup, --every and --offset. `--save PREFIX`
 * writes each variant's cache as PREFIX-NAME.json (the marks' tenprint templates copied from BASE),
 * which latent-misses.ts and eval-latent-scale.ts read.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { type PreparedTemplate, prepareCandidate } from '../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../engine/fingerprint/template.js';
import { extractLatentFeatures, type LatentExtractOptions } from '../engine/latent/latent-extractor.js';
import { latentTemplate, mergeMarkup } from '../engine/latent/latent-features.js';
import { LatentMatcher, type LatentMatcherOptions } from '../engine/latent/latent-matcher.js';
import { backgroundGallery } from '../fixtures/gallery/background-gallery.js';
import { arg, fromJson, toJson, type LatentDevCache } from './eval/latent-dev-cache.js';
import { decodeGray } from './eval/image-templates.js';
import { readLatentPairs } from './eval/latent-pairs.js';
import { readMarkupFile } from './eval/latent-markup-file.js';
import { median, rankRate, strictRank } from './eval/latent-ranks.js';
import { loadavg } from 'node:os';

type Variant = { continuity?: LatentExtractOptions['continuity']; sharePeriodMin?: number; coherentShare?: LatentExtractOptions['coherentShare']; candidateAgreement?: number; routeAgreement?: number; routeEnergy?: number; routeConsistency?: number; continuityReliability?: LatentExtractOptions['continuityReliability']; matcher?: LatentMatcherOptions; cache?: boolean };

function strip(t: FingerprintTemplate): FingerprintTemplate {
  const { orientations: _o, ...rest } = t;
  return rest;
}

async function main(): Promise<void> {
  const cachePath = arg('--cache');
  const dir = arg('--pairs');
  const variants = arg('--variants');
  if (!cachePath || !dir || !variants) throw new Error("usage: latent-ridges --cache BASE.json --pairs DIR [--markup] [--every K [--offset I]] [--generated-background N] --variants 'name=JSON;…' [--save PREFIX] [--json OUT.json]");
  const markup = process.argv.includes('--markup');
  const every = Number(arg('--every') ?? 1);
  const offset = Number(arg('--offset') ?? 0);
  const base = JSON.parse(readFileSync(cachePath, 'utf8')) as LatentDevCache;
  // --only ID,ID: a few marks (ids as the pair folders, or their ends), for a quick look.
  const only = arg('--only')?.split(',');
  if (only) base.probes = base.probes.filter((p) => only.some((o) => p.id === o || p.id.endsWith(o)));
  // --sample K: every K-th mark of the cache (as eval-latent-scale.ts --sample), for a large background.
  const sample = Number(arg('--sample') ?? 1);
  base.probes = base.probes.filter((_, i) => i % sample === 0);
  const pairs = new Map(readLatentPairs(dir).filter((_, i) => i % every === offset).map((p) => [p.id, p]));
  const gallery: PreparedTemplate[] = base.mates.map((t) => prepareCandidate(strip(fromJson(t))));
  for (const t of backgroundGallery(7, Number(arg('--generated-background') ?? 0))) gallery.push(prepareCandidate(t));
  const list: [string, Variant][] = variants.split(';').filter((v) => v).map((v) => {
    const k = v.indexOf('=');
    return [v.slice(0, k), JSON.parse(v.slice(k + 1)) as Variant];
  });
  console.log(`${dir}${markup ? ' (markup)' : ''}: ${base.probes.length} marks, gallery ${gallery.length}, load ${loadavg()[0].toFixed(1)}`);
  const summary: Record<string, unknown> = {};
  let first: Record<string, number> | undefined;
  for (const [name, variant] of list) {
    const t0 = performance.now();
    const ranks: number[] = [];
    const best: number[] = [];
    const minutiae: number[] = [];
    const per: Record<string, number> = {};
    let latentRoute = 0;
    const cache: LatentDevCache = { probes: [], mates: base.mates };
    for (const probe of base.probes) {
      const p = pairs.get(probe.id);
      if (!p) throw new Error(`${probe.id}: not among the pairs of ${dir} (every ${every}, offset ${offset})`);
      let latent: FingerprintTemplate;
      if (variant.cache) latent = fromJson(probe.latent);
      else {
        const mk = markup && p.markup ? readMarkupFile(p.markup) : undefined;
        let spectral = false;
        const sink = (stage: string, value: unknown) => {
          if (stage === 'orientation-field' && 'blockAngle' in (value as object)) spectral = true;
        };
        const options: LatentExtractOptions = { ppi: 500, sink, ...(mk?.roi ? { roi: mk.roi } : {}), ...(variant.continuity ? { continuity: variant.continuity } : {}),  ...(variant.sharePeriodMin !== undefined ? { sharePeriodMin: variant.sharePeriodMin } : {}), ...(variant.coherentShare ? { coherentShare: variant.coherentShare } : {}), ...(variant.candidateAgreement !== undefined ? { candidateAgreement: variant.candidateAgreement } : {}), ...(variant.routeAgreement !== undefined ? { routeAgreement: variant.routeAgreement } : {}), ...(variant.routeEnergy !== undefined ? { routeEnergy: variant.routeEnergy } : {}), ...(variant.routeConsistency !== undefined ? { routeConsistency: variant.routeConsistency } : {}), ...(variant.continuityReliability ? { continuityReliability: variant.continuityReliability } : {}) };
        latent = latentTemplate(mergeMarkup(await extractLatentFeatures(await decodeGray(p.latent), options), mk));
        if (spectral) latentRoute++;
      }
      cache.probes.push({ ...probe, latent: toJson(latent) as FingerprintTemplate });
      minutiae.push(latent.minutiae.length);
      const m = new LatentMatcher(strip(latent), variant.matcher ?? {});
      const s = gallery.map((g) => m.score(g));
      const others = s.filter((_, i) => i !== probe.mate);
      const rank = strictRank(s[probe.mate], others);
      ranks.push(rank);
      per[probe.id] = rank;
      best.push(Math.max(...others));
    }
    const prefix = arg('--save');
    if (prefix && !variant.cache) writeFileSync(`${prefix}-${name}.json`, JSON.stringify(cache));
    const r1 = rankRate(ranks, 1), r10 = rankRate(ranks, 10);
    const changed = first ? Object.entries(per).filter(([id, r]) => r !== first![id]).map(([id, r]) => `${id} ${first![id]}→${r}`) : [];
    first ??= per;
    summary[name] = { variant, rank1: r1, rank10: r10, bestImpostorMedian: median(best), minutiaeMedian: median(minutiae), latentRoute, ranks: per, changed };
    console.log(`${name.padEnd(16)} rank-1 ${(100 * r1).toFixed(1)}%  rank-10 ${(100 * r10).toFixed(1)}%  best impostor p50 ${median(best).toFixed(4)}  minutiae p50 ${median(minutiae)}  latent route ${latentRoute}  (${((performance.now() - t0) / 1000).toFixed(0)} s, load ${loadavg()[0].toFixed(1)})`);
    if (changed.length) console.log(`  rank changes against ${list[0]![0]}: ${changed.join(', ')}`);
  }
  const out = arg('--json');
  if (out) writeFileSync(out, JSON.stringify({ marks: base.probes.length, gallery: gallery.length, summary }, null, 1) + '\n');
}

await main();
