/**
 * The orientation cue on plain-route marks (docs/decisions/latent-orientation-plain.md): every
 * weight in one pass, and the cue's agreement A against real and generated impostors.
 *
 *   npx tsx scripts/latent-oricue.ts --pairs DIR [--markup] [--generated-background N] [--seed S]
 *       [--weights 0,1,2,3] [--check K] --json OUT.json
 *
 * The gallery is eval-latent.ts's (mates, one entry per file content, then N generated templates
 * of seed S, default 7, with their flow's block field); each mark goes through the same
 * markTemplate. Each comparison runs once, through the latent matcher with the impostor model off
 * and the agreement reported (`reportOrientation`); the score at weight w is then what the matcher
 * gives with `orientationWeight` w: the fused score × exp(w · (A − LATENT_ORIENTATION_NEUTRAL)),
 * clamped to [0, 1], where the cue applies (both sides carry a field and an alignment was found),
 * then the impostor normalisation (LATENT_IMPOSTOR_MODEL) over the same counts. `--check K`
 * compares that, bit for bit, with the matcher run at each weight on the first mark against the
 * first K gallery entries and the last K, and stops on any difference.
 *
 * OUT.json: per weight, rank1 / rank10 / rank20 (strict) and ranks; which marks carry a field (the
 * plain route); and A over the marks with a field: against the mate, against real non-mates (the
 * other pairs' mates) and against generated templates (median, p90, p99, and how many).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { extractTemplate } from '../engine/fingerprint/extractor.js';
import { type PreparedTemplate, prepareCandidate } from '../engine/fingerprint/matcher.js';
import { normaliseLatentScore } from '../engine/latent/impostor-normalisation.js';
import { LatentMatcher, type LatentMatchResult } from '../engine/latent/latent-matcher.js';
import { LATENT_ORIENTATION_NEUTRAL } from '../engine/latent/latent-parameters.js';
import { LATENT_IMPOSTOR_MODEL } from '../engine/latent/parameters.js';
import { backgroundGallery } from '../fixtures/gallery/background-gallery.js';
import { decodeGray } from './eval/image-templates.js';
import { readLatentPairs } from './eval/latent-pairs.js';
import { readMarkupFile } from './eval/latent-markup-file.js';
import { rankRate, strictRank } from './eval/latent-ranks.js';
import { markTemplate } from './eval/latent-search.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const dir = arg('--pairs');
const out = arg('--json');
if (!dir || !out) throw new Error('usage: latent-oricue --pairs DIR [--markup] [--generated-background N] [--seed S] [--weights 0,1,2,3] [--check K] --json OUT.json');
const markup = process.argv.includes('--markup');
const generated = Number(arg('--generated-background') ?? 0);
const seed = Number(arg('--seed') ?? 7);
const weights = (arg('--weights') ?? '0,1,2,3').split(',').map(Number);
const check = Number(arg('--check') ?? 0);
if (!weights.every(Number.isFinite) || !Number.isInteger(generated) || !Number.isInteger(check)) throw new Error('bad --weights, --generated-background or --check');

/** The score the matcher gives at weight w, from one comparison made at weight 0 with the agreement reported. */
function atWeight(r: LatentMatchResult, w: number, probeMinutiae: number, candidateMinutiae: number): number {
  let s = r.score;
  const a = r.orientationAgreement;
  if (w !== 0 && a !== undefined && !Number.isNaN(a)) s = Math.min(1, Math.max(0, s * Math.exp(w * (a - LATENT_ORIENTATION_NEUTRAL))));
  const v = r.verification;
  return normaliseLatentScore(s, { probeMinutiae, candidateMinutiae, probeOverlap: v.probeOverlap, candidateOverlap: v.candidateOverlap }, LATENT_IMPOSTOR_MODEL);
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function summary(values: number[]): { n: number; median: number; p90: number; p99: number; mean: number } {
  const s = [...values].sort((a, b) => a - b);
  const mean = s.reduce((t, v) => t + v, 0) / Math.max(1, s.length);
  return { n: s.length, median: quantile(s, 0.5), p90: quantile(s, 0.9), p99: quantile(s, 0.99), mean };
}

async function main(): Promise<void> {
  const pairs = readLatentPairs(dir!);
  const gallery: PreparedTemplate[] = [];
  const mateEntry: number[] = [];
  const entryOfContent = new Map<string, number>();
  for (const p of pairs) {
    const key = createHash('sha256').update(readFileSync(p.mate)).digest('hex');
    let e = entryOfContent.get(key);
    if (e === undefined) {
      e = gallery.length;
      entryOfContent.set(key, e);
      gallery.push(prepareCandidate(await extractTemplate(await decodeGray(p.mate), { ppi: 500 })));
    }
    mateEntry.push(e);
  }
  const mates = gallery.length;
  for (const t of backgroundGallery(seed, generated, 0, { field: true })) gallery.push(prepareCandidate(t));
  console.log(`gallery ${gallery.length} (${mates} mates + ${generated} generated); weights ${weights.join(', ')}`);

  const rankLists = weights.map(() => [] as number[]);
  const ranks = weights.map(() => ({}) as Record<string, number>);
  const plain: string[] = [];
  const aMate: number[] = [];
  const aReal: number[] = [];
  const aGenerated: number[] = [];
  const t0 = Date.now();
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i]!;
    const mk = markup && p.markup ? readMarkupFile(p.markup) : undefined;
    const probe = await markTemplate(await decodeGray(p.latent), 500, mk);
    if (probe.orientations) plain.push(p.id);
    const matcher = new LatentMatcher(probe, { impostorModel: null, reportOrientation: true });
    const n = matcher.probe.count;
    const mate = mateEntry[i]!;
    const scores = weights.map(() => new Float64Array(gallery.length));
    for (let g = 0; g < gallery.length; g++) {
      const c = gallery[g]!;
      const r = matcher.match(c);
      for (let k = 0; k < weights.length; k++) scores[k]![g] = atWeight(r, weights[k]!, n, c.count);
      const a = r.orientationAgreement;
      if (probe.orientations && a !== undefined && !Number.isNaN(a)) (g === mate ? aMate : g < mates ? aReal : aGenerated).push(a);
    }
    if (i === 0 && check > 0) {
      const probeEntries = [...Array(Math.min(check, gallery.length)).keys(), ...[...Array(Math.min(check, gallery.length)).keys()].map((k) => gallery.length - 1 - k)];
      for (let k = 0; k < weights.length; k++) {
        const direct = new LatentMatcher(probe, { orientationWeight: weights[k]! });
        for (const g of probeEntries) {
          const d = direct.score(gallery[g]!);
          if (!Object.is(d, scores[k]![g])) throw new Error(`check: weight ${weights[k]} entry ${g}: matcher ${d}, one-pass ${scores[k]![g]}`);
        }
      }
      console.log(`  check: one-pass scores equal the matcher's at every weight on ${probeEntries.length} entries (mark ${p.id}, ${probe.orientations ? 'with' : 'without'} a field)`);
    }
    for (let k = 0; k < weights.length; k++) {
      const s = scores[k]!;
      const nonMates: number[] = [];
      for (let g = 0; g < gallery.length; g++) if (g !== mate) nonMates.push(s[g]!);
      const rank = strictRank(s[mate]!, nonMates);
      rankLists[k]!.push(rank);
      ranks[k]![p.id] = rank;
    }
    if ((i + 1) % 10 === 0) console.log(`  ${i + 1}/${pairs.length} (${((Date.now() - t0) / 1000).toFixed(0)} s), plain ${plain.length}, rank-1 ${weights.map((w, k) => `w${w} ${(100 * rankRate(rankLists[k]!, 1)).toFixed(1)}%`).join(' ')}`);
  }
  const result = {
    pairs: dir,
    markup,
    latents: pairs.length,
    gallery: gallery.length,
    generated,
    seed,
    neutral: LATENT_ORIENTATION_NEUTRAL,
    plainRoute: plain.length,
    plainIds: plain,
    weights: weights.map((w, k) => ({ weight: w, rank1: rankRate(rankLists[k]!, 1), rank10: rankRate(rankLists[k]!, 10), rank20: rankRate(rankLists[k]!, 20), ranks: ranks[k] })),
    agreement: { mate: summary(aMate), realNonMates: summary(aReal), generated: summary(aGenerated) },
  };
  writeFileSync(out!, JSON.stringify(result, null, 2) + '\n');
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  console.log(`${dir}${markup ? ' (markup)' : ''}: ${pairs.length} marks, ${plain.length} on the plain route (carry a field), gallery ${gallery.length}`);
  for (const w of result.weights) console.log(`  w ${w.weight}: rank-1 ${pct(w.rank1)}  rank-10 ${pct(w.rank10)}  rank-20 ${pct(w.rank20)}`);
  const f = (s: ReturnType<typeof summary>) => `n ${s.n}, median ${s.median.toFixed(3)}, p90 ${s.p90.toFixed(3)}, p99 ${s.p99.toFixed(3)}`;
  console.log(`  A: mate ${f(result.agreement.mate)}; real non-mates ${f(result.agreement.realNonMates)}; generated ${f(result.agreement.generated)}`);
  console.log(`  wrote ${out} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : String(e));
  process.exit(1);
});
