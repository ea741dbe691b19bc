/**
 * Latent evaluation harness (issue 11, point 5):
 *
 *   npm run eval:latent -- --pairs DIR [--ppi N] [--background DIR:PPI[:FROM-TO] [--background-cache F.json]]... [--generated-background N]
 *                          [--markup] [--seed S] [--orientation-weight W] [--force-latent-route]
 *                          [--route-max-fraction F] [--orientation-network off|field|prior] [--no-impostor-model]
 *                          --json OUT.json
 *
 * DIR holds pair folders (scripts/eval/latent-pairs.ts). Each latent is searched against one
 * gallery: every mate, every image of each --background folder (FVC-style F_I.ext at that ppi;
 * `:FROM-TO` after the ppi keeps fingers FROM to TO only),
 * (--background-cache, after its --background: that folder's templates from F.json, written by the
 * first run; scripts/eval/latent-dev-cache.ts), and N templates of the background gallery generator (fixtures/gallery, seed --seed, default 7,
 * each with the block field of its flow, as real prints carry one, so that the matcher's
 * orientation cue treats them as it treats real prints); mates with the same file content are one
 * gallery entry. --orientation-weight (study) overrides LATENT_ORIENTATION_WEIGHT, the cue's weight
 * (it applies where both sides carry a field: plain-route marks against prints).
 * --force-latent-route and --route-max-fraction (studies, docs/decisions/latent-route-strict.md)
 * keep every mark on the latent route, or override PLAIN_MARK_MAX_FRACTION. --orientation-network
 * (study, docs/decisions/latent-orientation-network.md) overrides ORIENT_NETWORK. --no-impostor-model
 * (study, docs/decisions/latent-background-realism.md) ranks by the scores before the impostor-only
 * normalisation, whose model was fitted against generated templates (docs/decisions/latent-depth.md).
 * Marks go through the latent pipeline (extractLatentFeatures → latentTemplate; with --markup the
 * pair's markup.json is merged over the automatic features), gallery images through the tenprint
 * extractor, in this thread. Every search is exhaustive: the latent matcher (latent-search.ts)
 * against every gallery entry, so the ranks are the matcher's, not the candidate index's
 * (bench/latent-search.bench.ts measures that path).
 *
 * OUT.json has exactly the keys latents, gallery, rank1, rank10, rank20 (fractions; strict: a tie
 * with a non-mate is a miss), ranks (pair ID → strict rank of its mate), searchMsMedian,
 * extractMsMedian (the marks' extraction, decode excluded); OUT.cmc.svg is written beside it.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { extractTemplate } from '../engine/fingerprint/extractor.js';
import { type PreparedTemplate, prepareCandidate } from '../engine/fingerprint/matcher.js';
import { backgroundGallery } from '../fixtures/gallery/background-gallery.js';
import { cmcCurveSvg } from './eval/cmc-curve.js';
import { parseRangedFolderSpec } from './eval/image-folders.js';
import { decodeGray } from './eval/image-templates.js';
import { cachedFolderTemplates } from './eval/latent-dev-cache.js';
import { readLatentPairs } from './eval/latent-pairs.js';
import { readMarkupFile } from './eval/latent-markup-file.js';
import { cmc, median, rankRate, strictRank } from './eval/latent-ranks.js';
import { latentScorer, markProbe } from './eval/latent-search.js';

export interface LatentReport {
  latents: number;
  gallery: number;
  rank1: number;
  rank10: number;
  rank20: number;
  ranks: Record<string, number>;
  searchMsMedian: number;
  extractMsMedian: number;
}

interface Args {
  pairs: string;
  ppi: number;
  /** `spec`: DIR:PPI or DIR:PPI:FROM-TO (fingers FROM to TO only), as the other background readers take it. */
  backgrounds: { spec: string; dir: string; cache?: string }[];
  generated: number;
  seed: number;
  markup: boolean;
  orientationWeight?: number;
  /** Scores without the impostor-only normalisation (docs/decisions/latent-depth.md): a study flag. */
  rawScores: boolean;
  /** Study options passed to the latent extractor (route flags). */
  study: { forceRoute?: 'latent'; routeMaxFraction?: number; orientationNetwork?: 'off' | 'field' | 'prior' };
  json: string;
}

const USAGE = 'usage: eval-latent --pairs DIR [--ppi N] [--background DIR:PPI[:FROM-TO] [--background-cache F.json]]... [--generated-background N] [--markup] [--seed S] [--orientation-weight W] [--force-latent-route] [--route-max-fraction F] [--orientation-network off|field|prior] [--no-impostor-model] --json OUT.json';

function parseArgs(argv: string[]): Args {
  let pairs: string | undefined;
  let json: string | undefined;
  let ppi = 500;
  let generated = 0;
  let seed = 7;
  let markup = false;
  let orientationWeight: number | undefined;
  let rawScores = false;
  const study: Args['study'] = {};
  const backgrounds: Args['backgrounds'] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === '--pairs') pairs = next();
    else if (a === '--json') json = next();
    else if (a === '--ppi') ppi = Number(next());
    else if (a === '--generated-background') generated = Number(next());
    else if (a === '--seed') seed = Number(next());
    else if (a === '--markup') markup = true;
    else if (a === '--orientation-weight') orientationWeight = Number(next());
    else if (a === '--no-impostor-model') rawScores = true;
    else if (a === '--force-latent-route') study.forceRoute = 'latent';
    else if (a === '--route-max-fraction') study.routeMaxFraction = Number(next());
    else if (a === '--orientation-network') {
      const v = next();
      if (v !== 'off' && v !== 'field' && v !== 'prior') throw new Error(`--orientation-network ${v}: expected off, field or prior`);
      study.orientationNetwork = v;
    }
    else if (a === '--background') {
      const v = next();
      backgrounds.push({ spec: v, dir: parseRangedFolderSpec(v, `--background ${v}`).dir });
    } else if (a === '--background-cache') {
      const v = next();
      const last = backgrounds.at(-1);
      if (!last || last.cache !== undefined) throw new Error(`--background-cache ${v} must follow its --background`);
      last.cache = v;
    } else if (a === '--') continue;
    else throw new Error(`unknown argument ${a}\n${USAGE}`);
  }
  if (pairs === undefined || json === undefined) throw new Error(USAGE);
  if (!(ppi > 0)) throw new Error('--ppi must be a positive number');
  if (!Number.isInteger(generated) || generated < 0) throw new Error('--generated-background must be a whole number ≥ 0');
  if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');
  if (orientationWeight !== undefined && !Number.isFinite(orientationWeight)) throw new Error('--orientation-weight must be a number');
  if (study.routeMaxFraction !== undefined && !(study.routeMaxFraction > 0 && study.routeMaxFraction <= 1)) throw new Error('--route-max-fraction must be in (0, 1]');
  return { pairs, ppi, backgrounds, generated, seed, markup, json, study, rawScores, ...(orientationWeight !== undefined ? { orientationWeight } : {}) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const pairs = readLatentPairs(args.pairs);
  if (args.markup) {
    const missing = pairs.filter((p) => !p.markup).map((p) => p.id);
    if (missing.length) throw new Error(`--markup: no markup.json in ${missing.length} pair folders (first: ${missing[0]})`);
  }

  // The gallery: mates first, then background images, then generated. Pairs whose mate is the same
  // file content (the hard marks: several marks of one finger, one tenprint) share one entry.
  const gallery: PreparedTemplate[] = [];
  const mateEntry: number[] = [];
  const entryOfContent = new Map<string, number>();
  const started = performance.now();
  for (const p of pairs) {
    const bytes = readFileSync(p.mate);
    const key = createHash('sha256').update(bytes).digest('hex');
    let entry = entryOfContent.get(key);
    if (entry === undefined) {
      entry = gallery.length;
      entryOfContent.set(key, entry);
      gallery.push(prepareCandidate(await extractTemplate(await decodeGray(p.mate), { ppi: args.ppi })));
    }
    mateEntry.push(entry);
  }
  const mates = gallery.length;
  let backgroundImages = 0;
  for (const bg of args.backgrounds) {
    const prints = await cachedFolderTemplates(bg.spec, bg.cache, `--background ${bg.dir}`);
    for (const t of prints) gallery.push(prepareCandidate(t));
    backgroundImages += prints.length;
  }
  for (const t of backgroundGallery(args.seed, args.generated, 0, { field: true })) gallery.push(prepareCandidate(t));
  console.log(`gallery: ${mates} mates + ${backgroundImages} background images + ${args.generated} generated = ${gallery.length} (${((performance.now() - started) / 1000).toFixed(1)} s)`);

  const ranks: Record<string, number> = {};
  const rankList: number[] = [];
  const extractMs: number[] = [];
  const searchMs: number[] = [];
  let minutiae = 0;
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i];
    const image = await decodeGray(p.latent);
    const markup = args.markup && p.markup ? readMarkupFile(p.markup) : undefined;
    const t0 = performance.now();
    // The mark as the service's LT search reads it: latent template and, without markup, its tenprint route.
    const probe = await markProbe(image, args.ppi, markup, args.study);
    const t1 = performance.now();
    const score = latentScorer(probe, undefined, { ...(args.orientationWeight !== undefined ? { orientationWeight: args.orientationWeight } : {}), ...(args.rawScores ? { impostorModel: null } : {}) });
    const mate = mateEntry[i];
    const mateScore = score(gallery[mate]);
    const nonMates: number[] = [];
    for (let g = 0; g < gallery.length; g++) if (g !== mate) nonMates.push(score(gallery[g]));
    const rank = strictRank(mateScore, nonMates);
    searchMs.push(performance.now() - t1);
    extractMs.push(t1 - t0);
    minutiae += probe.latent.minutiae.length;
    ranks[p.id] = rank;
    rankList.push(rank);
    if ((i + 1) % 20 === 0) console.log(`  ${i + 1}/${pairs.length} searched, rank-1 so far ${(100 * rankRate(rankList, 1)).toFixed(1)}%`);
  }

  const report: LatentReport = {
    latents: pairs.length,
    gallery: gallery.length,
    rank1: rankRate(rankList, 1),
    rank10: rankRate(rankList, 10),
    rank20: rankRate(rankList, 20),
    ranks,
    searchMsMedian: median(searchMs),
    extractMsMedian: median(extractMs),
  };
  const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;
  console.log(`${args.pairs}${args.markup ? ' with markup' : ''}: ${report.latents} latents, gallery ${report.gallery}`);
  console.log(`  strict rank-1 ${pct(report.rank1)}  rank-10 ${pct(report.rank10)}  rank-20 ${pct(report.rank20)}`);
  console.log(`  mark minutiae mean ${(minutiae / pairs.length).toFixed(1)}; extraction median ${report.extractMsMedian.toFixed(0)} ms; search median ${report.searchMsMedian.toFixed(0)} ms (one thread, exhaustive)`);
  writeFileSync(args.json, JSON.stringify(report, null, 2) + '\n');
  const svgPath = join(dirname(args.json), basename(args.json).replace(/\.json$/i, '') + '.cmc.svg');
  const maxRank = Math.min(Math.max(20, report.gallery), 1000);
  writeFileSync(svgPath, cmcCurveSvg(`CMC ${basename(args.pairs)}${args.markup ? ' (markup)' : ''}, gallery ${report.gallery}`, [
    { label: `rank-1 ${pct(report.rank1)}, rank-20 ${pct(report.rank20)}`, rates: cmc(rankList, maxRank), colour: '#c0392b' },
  ]));
  console.log(`  wrote ${args.json} and ${svgPath}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
