/**
 * Does the finger-vector shortlist keep the mate against realistic impostors as against the
 * dart-thrown templates the index was fitted and benchmarked on? (docs/decisions/index-background-realism.md).
 * Measures; changes nothing.
 *
 *   npx tsx scripts/eval/index-background-realism.ts --synthetic DIR:PPI [--synthetic ...] [--max-finger 2000]
 *        [--dart 2000] [--seed 20021] [--projection FILE.bin] [--vector NAME=FILE.bin ...] [--cache DIR] --json OUT.json
 *
 * Probes: FVC2002 DB1–DB4 "B" impressions 2–8 (280); mates: impression 1 (40); our extractor at each
 * set's ppi. Families: `dart` (galleryTemplate(seed, i), i < N, as bench/identify.bench.ts), `synthetic`
 * (every --synthetic folder's F_I images with F ≤ --max-finger), `real` (for a probe of set S, every
 * print of the other three sets). Per probe and family, p = share of the family whose finger-vector
 * cosine with the probe is ≥ the mate's (ties against the mate), and the same for the exact
 * matcher's score (FingerprintMatcher.score, as the re-rank). Reported: mean and median p, and the
 * share of probes whose mate would stay within a 2,500 shortlist by exact cosine at 100k and 1M
 * (p · N < 2,500). --projection: a projection file (finger-vector-projection.ts format) in place of
 * the shipped one (the declared follow-up). --vector NAME=FILE.bin (repeatable): also measure the
 * candidate input NAME of finger-vector-local.ts through the projection FILE fitted for it
 * (scripts/fit-finger-vector.ts --features NAME), on the same probes, families and matcher scores,
 * with its cost per template (docs/decisions/finger-vector-local.md). --secugen: probes, mates and
 * the `real` family from SecuGen's ISO templates of the same prints (as bench/identify.bench.ts)
 * instead of our extractor's. Counts and scores only.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { isLocalFeatureName, localFeatureVector } from '../../engine/fingerprint/identification/finger-vector-local.js';
import { decodeProjection, projectHistogram, type FingerVectorProjection } from '../../engine/fingerprint/identification/finger-vector-projection.js';
import { fingerVector, fingerVectorSimilarity, pairHistogramVector } from '../../engine/fingerprint/identification/finger-vector.js';
import { FingerprintMatcher, type PreparedTemplate, prepareCandidate, prepareProbe } from '../../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { galleryTemplate } from '../../fixtures/gallery/background-gallery.js';
import { loadSecugenFvc2002 } from '../../fixtures/gallery/fvc-secugen-templates.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { FVC2002_SETS } from './fvc-evaluation.js';
import { folderTemplates, parseFolderSpec } from './image-folders.js';
import { median } from './latent-ranks.js';

const SHORTLIST = 2500;

interface Print { set: string; finger: string; impression: number; template: FingerprintTemplate }

/**
 * The folder's F_I prints through our extractor (fingers up to `maxFinger`), cached as JSON
 * templates when --cache is given.
 */
async function folder(dir: string, ppi: number, set: string, cache: string | undefined, maxFinger = Infinity): Promise<Print[]> {
  const file = cache ? join(cache, `${dir.replace(/[^A-Za-z0-9]+/g, '_')}-${ppi}-le${maxFinger}.json`) : undefined;
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Print[];
  const prints = await folderTemplates(dir, ppi, { keep: (s) => Number(s.finger) <= maxFinger });
  const out = prints.map(({ finger, impression, template }) => ({ set, finger, impression, template }));
  if (file) writeFileSync(file, JSON.stringify(out));
  return out;
}

interface Vectoriser { name: string; of: (t: FingerprintTemplate) => number[]; inputDimension: number; dimensions: number; projection: string }

const mean = (a: number[]): number => a.reduce((x, y) => x + y, 0) / a.length;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      synthetic: { type: 'string', multiple: true, default: [] },
      'max-finger': { type: 'string', default: '2000' },
      dart: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '20021' },
      projection: { type: 'string' },
      vector: { type: 'string', multiple: true, default: [] },
      secugen: { type: 'boolean', default: false },
      cache: { type: 'string' },
      json: { type: 'string' },
    },
    args: process.argv.slice(2).filter((a) => a !== '--'),
  });
  if (!values.json) throw new Error('usage: index-background-realism --synthetic DIR:PPI... [--dart N] --json OUT.json');
  if (values.cache) mkdirSync(values.cache, { recursive: true });
  const maxFinger = Number(values['max-finger']);
  const projection = values.projection ? decodeProjection(new Uint8Array(readFileSync(values.projection))) : undefined;
  // The shipped path (fingerVector) unless a projection file replaces it, which maps the unweighted pair
  // histogram (the shipped input; candidate 8's weighted input goes through --vector pairs-quality-1=FILE).
  const vectorOf = (t: FingerprintTemplate): number[] => (projection ? projectHistogram(projection, pairHistogramVector(t)) : fingerVector(t));
  // Candidates: a named input of finger-vector-local.ts through the projection fitted for it.
  const candidate = (spec: string): Vectoriser => {
    const [name, file] = spec.split('=');
    if (!isLocalFeatureName(name) || !file) throw new Error(`--vector ${spec}: want NAME=FILE.bin, NAME a candidate of finger-vector-local.ts`);
    const p: FingerVectorProjection = decodeProjection(new Uint8Array(readFileSync(file)));
    const of = (t: FingerprintTemplate): number[] => {
      const raw = localFeatureVector(name, t);
      if (raw.length !== p.inputDimension) throw new Error(`--vector ${spec}: projection input ${p.inputDimension}, histogram ${raw.length}`);
      return projectHistogram(p, raw);
    };
    // Named with the projection's file too: one input may go through several projections.
    return { name: `${name}@${basename(file)}`, of, inputDimension: p.inputDimension, dimensions: p.outputDimension, projection: file };
  };
  const vectorisers: Vectoriser[] = [
    { name: 'shipped', of: vectorOf, inputDimension: 1152, dimensions: projection?.outputDimension ?? 384, projection: values.projection ?? 'shipped' },
    ...values.vector.map(candidate),
  ];
  if (new Set(vectorisers.map((z) => z.name)).size !== vectorisers.length) throw new Error('--vector: the same input through the same projection file twice');

  const fvc: Print[] = [];
  if (values.secugen) {
    // SecuGen's ISO templates of the same prints (the identify benchmark's probes and mates): no minutia qualities.
    for (const r of await loadSecugenFvc2002()) fvc.push({ set: r.set, finger: r.finger, impression: r.impression, template: r.template });
  } else {
    for (const s of FVC2002_SETS) fvc.push(...(await folder(sharedDataPath('fingerprints', 'fvc2002', s.folder), s.ppi, s.name, values.cache)));
  }
  if (fvc.length !== 320) throw new Error(`FVC2002: ${fvc.length} templates, want 320`);
  const mates = fvc.filter((p) => p.impression === 1);
  const probes = fvc.filter((p) => p.impression !== 1);
  const synthetic: Print[] = [];
  for (const spec of values.synthetic) {
    const { dir, ppi } = parseFolderSpec(spec);
    synthetic.push(...(await folder(dir, ppi, 'synthetic', values.cache, maxFinger)));
  }
  const dart: FingerprintTemplate[] = [];
  for (let i = 0; i < Number(values.dart); i++) dart.push(galleryTemplate(Number(values.seed), i));
  console.log(`probes ${probes.length}, mates ${mates.length}, synthetic ${synthetic.length}, dart ${dart.length}`);

  // Cost per template: each vectoriser over the 320 FVC2002 templates, best of three passes (ms).
  const costMs = new Map<string, number>();
  for (const vz of vectorisers) {
    let best = Infinity;
    for (let pass = 0; pass < 3; pass++) {
      const t0 = performance.now();
      for (const p of fvc) vz.of(p.template);
      best = Math.min(best, (performance.now() - t0) / fvc.length);
    }
    costMs.set(vz.name, best);
  }

  interface Family { name: string; templates: FingerprintTemplate[]; forms: PreparedTemplate[]; set?: string[] }
  const family = (name: string, ts: FingerprintTemplate[], set?: string[]): Family => ({ name, templates: ts, forms: ts.map(prepareCandidate), ...(set ? { set } : {}) });
  const families = [family('dart', dart), family('synthetic', synthetic.map((p) => p.template)), family('real', fvc.map((p) => p.template), fvc.map((p) => p.set))];
  const mateForm = new Map(mates.map((m) => [`${m.set}/${m.finger}`, prepareCandidate(m.template)]));
  // Per vectoriser: every family's vectors and every mate's.
  const vz = vectorisers.map((z) => ({
    z,
    family: families.map((f) => f.templates.map(z.of)),
    mate: new Map(mates.map((m) => [`${m.set}/${m.finger}`, z.of(m.template)])),
  }));

  const acc = new Map(vectorisers.map((z) => [z.name, new Map(families.map((f) => [f.name, { vector: [] as number[], matcher: [] as number[], size: [] as number[] }]))]));
  for (const probe of probes) {
    const key = `${probe.set}/${probe.finger}`;
    const matcher = new FingerprintMatcher(prepareProbe(probe.template));
    const mateScore = matcher.score(mateForm.get(key)!);
    // The matcher's rate does not depend on the vector: computed once per probe and family.
    const byMatcher = families.map((f) => {
      let n = 0, beats = 0;
      for (let g = 0; g < f.templates.length; g++) {
        if (f.set && f.set[g] === probe.set) continue;
        n++;
        if (matcher.score(f.forms[g]) >= mateScore) beats++;
      }
      return { n, beats };
    });
    for (const { z, family: fv, mate } of vz) {
      const v = z.of(probe.template);
      const mateCos = fingerVectorSimilarity(v, mate.get(key)!);
      families.forEach((f, fi) => {
        let byVector = 0;
        for (let g = 0; g < f.templates.length; g++) {
          // `real`: only the other three sets' prints are impostors of this probe.
          if (f.set && f.set[g] === probe.set) continue;
          if (fingerVectorSimilarity(v, fv[fi][g]) >= mateCos) byVector++;
        }
        const { n, beats } = byMatcher[fi];
        const a = acc.get(z.name)!.get(f.name)!;
        a.vector.push(byVector / n);
        a.matcher.push(beats / n);
        a.size.push(n);
      });
    }
  }
  const pct = (x: number): string => (100 * x).toFixed(2);
  const report = (z: Vectoriser): Record<string, unknown> => {
    const rows: Record<string, unknown> = {};
    console.log(`\n${z.name} (input ${z.inputDimension}, stored ${z.dimensions} dimensions, ${costMs.get(z.name)!.toFixed(3)} ms a template; projection ${z.projection})`);
    console.log('| family | templates per probe | vector p mean / median | kept at 100k / 1M (exact cosine, 2,500) | matcher p mean / median | matcher ranks first: probes, kept at 100k / 1M |');
    console.log('|---|---|---|---|---|---|');
    for (const f of families) {
      const a = acc.get(z.name)!.get(f.name)!;
      const kept = (n: number): number => a.vector.filter((p) => p * n < SHORTLIST).length / a.vector.length;
      // As identification-1n reads the index: of the probes the exact matcher ranks first against this
      // family (no template scores at or above the mate), the share whose mate the shortlist would keep.
      const first = a.vector.filter((_, i) => a.matcher[i] === 0);
      const keptFirst = (n: number): number => first.filter((p) => p * n < SHORTLIST).length / first.length;
      const row = {
        templatesPerProbe: median(a.size),
        vectorPMean: mean(a.vector), vectorPMedian: median(a.vector),
        keptAt100k: kept(100_000), keptAt1M: kept(1_000_000),
        matcherPMean: mean(a.matcher), matcherPMedian: median(a.matcher),
        probesWithVectorPZero: a.vector.filter((p) => p === 0).length,
        matcherFirst: first.length, keptAt100kOfMatcherFirst: keptFirst(100_000), keptAt1MOfMatcherFirst: keptFirst(1_000_000),
        // A longer shortlist (more re-rank work): the share of the matcher's rank-1 mates kept at 100k.
        keptAt100kOfMatcherFirstByShortlist: Object.fromEntries([2500, 5000, 10000, 25000].map((L) => [L, first.filter((p) => p * 100_000 < L).length / first.length])),
        perProbe: { vectorP: a.vector, matcherP: a.matcher },
      };
      rows[f.name] = row;
      console.log(`| ${f.name} | ${row.templatesPerProbe} | ${pct(row.vectorPMean)} / ${pct(row.vectorPMedian)} % | ${pct(row.keptAt100k)} / ${pct(row.keptAt1M)} % | ${pct(row.matcherPMean)} / ${pct(row.matcherPMedian)} % | ${row.matcherFirst}, ${pct(row.keptAt100kOfMatcherFirst)} / ${pct(row.keptAt1MOfMatcherFirst)} % |`);
    }
    return rows;
  };
  const out: Record<string, unknown> = { probes: probes.length, fvcTemplates: values.secugen ? 'secugen' : 'ours', projection: values.projection ?? 'shipped', families: report(vectorisers[0]) };
  if (vectorisers.length > 1) {
    out.vectors = Object.fromEntries(vectorisers.map((z) => [z.name, {
      inputDimension: z.inputDimension, dimensions: z.dimensions, projection: z.projection, msPerTemplate: costMs.get(z.name),
      families: z === vectorisers[0] ? '(as families above)' : report(z),
    }]));
  }
  writeFileSync(values.json, JSON.stringify(out, null, 2) + '\n');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
