/**
 * Are dart-thrown background templates realistic impostors for latent marks?
 * (issue 11 points 3 and 7; docs/decisions/latent-background-realism.md). Nothing is tuned here.
 *
 *   npx tsx scripts/latent-background-realism.ts --pairs SET [--pairs SET2] --real DIR:PPI [--real ...]
 *        --synthetic NAME=DIR:PPI [--synthetic ...] --dart N [--seed 7] --json OUT.json
 *
 * Each mark of each set (the latent pipeline, no markup, 500 ppi as eval:latent) is scored by the
 * shipped latent matcher (latentScorer's matcher, whose score() is match().score) against every
 * template of each impostor family: `real` (the --real FVC-style folders, our tenprint extractor),
 * `mates` (the set's other mates, by content), `dart` (backgroundGallery(seed, N, 0, { field: true }),
 * eval:latent's generated background) and each --synthetic folder (our tenprint extractor). For
 * each family and set: the pooled impostor score quantiles, the per-mark beats-mate rate (impostor
 * ≥ mate, strict), the share of marks beaten at least once, the strict rank-1 of mates + family
 * (what eval:latent gives with that background), the opportunity counts (template minutiae; the
 * matcher's overlap and paired counts) and the projected rank-1 at 1k / 10k (background-realism.ts).
 * No biometric data is logged: only counts and scores.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { extractTemplate } from '../engine/fingerprint/extractor.js';
import { type PreparedTemplate, prepareCandidate } from '../engine/fingerprint/matcher.js';
import { LatentMatcher } from '../engine/latent/latent-matcher.js';
import { backgroundGallery } from '../fixtures/gallery/background-gallery.js';
import { beatsMate, projectedRank1, quantile } from './eval/background-realism.js';
import { type FolderSpec, folderTemplates, parseFolderSpec, parseNamedFolderSpec } from './eval/image-folders.js';
import { decodeGray } from './eval/image-templates.js';
import { readLatentPairs } from './eval/latent-pairs.js';
import { markTemplate } from './eval/latent-search.js';

interface Family {
  name: string;
  templates: PreparedTemplate[];
  minutiae: number[];
}

function parse(argv: string[]): { pairs: string[]; real: FolderSpec[]; synthetic: (FolderSpec & { name: string })[]; dart: number; seed: number; json: string } {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      pairs: { type: 'string', multiple: true, default: [] },
      real: { type: 'string', multiple: true, default: [] },
      synthetic: { type: 'string', multiple: true, default: [] },
      dart: { type: 'string', default: '0' },
      seed: { type: 'string', default: '7' },
      json: { type: 'string' },
    },
  });
  const dart = Number(values.dart);
  if (values.pairs.length === 0 || values.json === undefined || !Number.isInteger(dart) || dart < 0) throw new Error('usage: latent-background-realism --pairs SET... --real DIR:PPI... --synthetic NAME=DIR:PPI... --dart N [--seed S] --json OUT');
  return {
    pairs: values.pairs,
    real: values.real.map((v) => parseFolderSpec(v)),
    synthetic: values.synthetic.map((v) => parseNamedFolderSpec(v, `--synthetic ${v}`)),
    dart,
    seed: Number(values.seed),
    json: values.json,
  };
}

async function folderFamily(name: string, dirs: FolderSpec[]): Promise<Family> {
  const f: Family = { name, templates: [], minutiae: [] };
  for (const { dir, ppi } of dirs) {
    for (const { template } of await folderTemplates(dir, ppi)) {
      f.templates.push(prepareCandidate(template));
      f.minutiae.push(template.minutiae.length);
    }
  }
  console.log(`family ${name}: ${f.templates.length} templates`);
  return f;
}

const QUANTILES = [0.5, 0.9, 0.99, 0.999];
const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const families: Family[] = [];
  if (args.real.length) families.push(await folderFamily('real', args.real));
  if (args.dart > 0) {
    const f: Family = { name: 'dart', templates: [], minutiae: [] };
    for (const t of backgroundGallery(args.seed, args.dart, 0, { field: true })) {
      f.templates.push(prepareCandidate(t));
      f.minutiae.push(t.minutiae.length);
    }
    families.push(f);
  }
  for (const s of args.synthetic) families.push(await folderFamily(s.name, [s]));

  const out: Record<string, unknown> = { families: {} as Record<string, unknown>, sets: {} as Record<string, unknown> };
  for (const f of families) {
    (out.families as Record<string, unknown>)[f.name] = { templates: f.templates.length, minutiaeMedian: quantile(f.minutiae, 0.5), minutiaeMean: r4(f.minutiae.reduce((a, b) => a + b, 0) / f.minutiae.length) };
  }

  for (const set of args.pairs) {
    const pairs = readLatentPairs(set);
    const mates: PreparedTemplate[] = [];
    const mateMinutiae: number[] = [];
    const mateKey: string[] = [];
    for (const p of pairs) {
      const t = await extractTemplate(await decodeGray(p.mate), { ppi: 500 });
      mates.push(prepareCandidate(t));
      mateMinutiae.push(t.minutiae.length);
      mateKey.push(createHash('sha256').update(readFileSync(p.mate)).digest('hex'));
    }
    const names = ['mates', ...families.map((f) => f.name)];
    const acc = new Map(names.map((n) => [n, { scores: [] as number[], rates: [] as number[], beatenOnce: 0, probeOverlap: [] as number[], candidateOverlap: [] as number[], paired: [] as number[] }]));
    const mateScores: number[] = [];
    const beatenByMates: boolean[] = [];
    const markMinutiae: number[] = [];
    for (let m = 0; m < pairs.length; m++) {
      const probe = await markTemplate(await decodeGray(pairs[m].latent), 500);
      markMinutiae.push(probe.minutiae.length);
      const matcher = new LatentMatcher(probe, {});
      const mateScore = matcher.score(mates[m]);
      mateScores.push(mateScore);
      const score = (fam: string, list: PreparedTemplate[]): void => {
        const a = acc.get(fam)!;
        const s = new Float64Array(list.length);
        for (let g = 0; g < list.length; g++) {
          const r = matcher.match(list[g]);
          s[g] = r.score;
          a.scores.push(r.score);
          a.probeOverlap.push(r.verification.probeOverlap);
          a.candidateOverlap.push(r.verification.candidateOverlap);
          a.paired.push(r.verification.paired);
        }
        const b = beatsMate(mateScore, s);
        a.rates.push(list.length ? b / list.length : 0);
        if (b > 0) a.beatenOnce++;
        if (fam === 'mates') beatenByMates.push(b > 0);
      };
      score('mates', mates.filter((_, g) => mateKey[g] !== mateKey[m]));
      for (const f of families) score(f.name, f.templates);
      if ((m + 1) % 10 === 0) console.log(`  ${set}: ${m + 1}/${pairs.length} marks`);
    }
    const perFamily: Record<string, unknown> = {};
    for (const n of names) {
      const a = acc.get(n)!;
      const meanRate = a.rates.reduce((x, y) => x + y, 0) / a.rates.length;
      // Strict rank-1 of mates + this family (eval:latent's gallery with that background).
      let rank1 = 0;
      for (let m = 0; m < pairs.length; m++) if (!beatenByMates[m] && a.rates[m] === 0) rank1++;
      perFamily[n] = {
        templatesPerMark: a.scores.length / pairs.length,
        scoreQuantiles: Object.fromEntries(QUANTILES.map((q) => [String(q), r4(quantile(a.scores, q))])),
        scoreMax: r4(a.scores.reduce((x, y) => Math.max(x, y), 0)),
        beatsMateRateMean: meanRate,
        marksBeatenOnce: a.beatenOnce,
        strictRank1WithMates: rank1 / pairs.length,
        probeOverlapMedian: quantile(a.probeOverlap, 0.5),
        candidateOverlapMedian: quantile(a.candidateOverlap, 0.5),
        pairedMedian: quantile(a.paired, 0.5),
        pairedP99: quantile(a.paired, 0.99),
        projectedRank1: n === 'mates' ? undefined : {
          backgroundOnly1k: r4(projectedRank1(a.rates, 1000)),
          backgroundOnly10k: r4(projectedRank1(a.rates, 10000)),
          withMates1k: r4(projectedRank1(a.rates, 1000, beatenByMates)),
          withMates10k: r4(projectedRank1(a.rates, 10000, beatenByMates)),
        },
      };
    }
    (out.sets as Record<string, unknown>)[set] = {
      marks: pairs.length,
      markMinutiaeMedian: quantile(markMinutiae, 0.5),
      mateMinutiaeMedian: quantile(mateMinutiae, 0.5),
      mateScoreQuantiles: Object.fromEntries([0.1, 0.5, 0.9].map((q) => [String(q), r4(quantile(mateScores, q))])),
      families: perFamily,
    };
    console.log(JSON.stringify((out.sets as Record<string, unknown>)[set], null, 1));
  }
  writeFileSync(args.json, JSON.stringify(out, null, 2) + '\n');
  console.log(`wrote ${args.json}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
