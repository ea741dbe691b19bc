/**
 * The optional tenprint half of docs/decisions/latent-background-realism.md: are dart-thrown
 * background templates realistic impostors for the tenprint matcher (identification-1n and the 1M
 * Identify benchmark search against them)? Nothing is tuned here.
 *
 *   npx tsx scripts/tenprint-background-realism.ts --probes DIR:PPI --real DIR:PPI [--real ...]
 *        --synthetic NAME=DIR:PPI [--synthetic ...] --dart N [--seed 7] --json OUT.json
 *
 * Probes: every impression of the --probes folder (FVC naming, our tenprint extractor); a probe's
 * mate score is its best score against the other impressions of its finger (rank-1 finds the finger
 * when any mate ranks first). Families: `same-sensor` (the probe folder's other fingers), `real`
 * (the --real folders), `dart` (backgroundGallery(seed, N), no block field, as bench/identify),
 * `dart-field` (the same with the block field), and each --synthetic folder. Per family: pooled
 * impostor score quantiles, the per-probe beats-mate rate (≥ the best mate, strict), probes beaten
 * at least once, the same against the probe's weakest mate, the share of impostor scores at or above
 * Verify's thresholds, and the projected rank-1 at 1k / 10k (background-realism.ts). Counts and scores only.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FingerprintMatcher, type PreparedTemplate, prepareCandidate, prepareProbe, thresholds } from '../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../engine/fingerprint/template.js';
import { backgroundGallery } from '../fixtures/gallery/background-gallery.js';
import { beatsMate, projectedRank1, quantile } from './eval/background-realism.js';
import { folderTemplates, parseFolderSpec, parseNamedFolderSpec } from './eval/image-folders.js';



const r4 = (v: number): number => Math.round(v * 1e4) / 1e4;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: {
      probes: { type: 'string' },
      real: { type: 'string', multiple: true, default: [] },
      synthetic: { type: 'string', multiple: true, default: [] },
      dart: { type: 'string', default: '0' },
      seed: { type: 'string', default: '7' },
      json: { type: 'string' },
    },
  });
  const json = values.json;
  if (!values.probes || !json) throw new Error('usage: tenprint-background-realism --probes DIR:PPI --real DIR:PPI... --synthetic NAME=DIR:PPI... --dart N --json OUT');
  const probesSpec = parseFolderSpec(values.probes);
  const real = values.real.map((v) => parseFolderSpec(v));
  const synthetic = values.synthetic.map((v) => parseNamedFolderSpec(v, `--synthetic ${v}`));
  const dart = Number(values.dart);
  const seed = Number(values.seed);

  const probes = await folderTemplates(probesSpec.dir, probesSpec.ppi);
  const probeForms = probes.map((p) => prepareCandidate(p.template));
  const families: { name: string; templates: PreparedTemplate[]; minutiae: number[] }[] = [];
  const fam = (name: string, ts: FingerprintTemplate[]): void => {
    families.push({ name, templates: ts.map(prepareCandidate), minutiae: ts.map((t) => t.minutiae.length) });
  };
  if (real.length) {
    const ts: FingerprintTemplate[] = [];
    for (const r of real) for (const x of await folderTemplates(r.dir, r.ppi)) ts.push(x.template);
    fam('real', ts);
  }
  if (dart > 0) {
    fam('dart', [...backgroundGallery(seed, dart)]);
    fam('dart-field', [...backgroundGallery(seed, dart, 0, { field: true })]);
  }
  for (const s of synthetic) fam(s.name, (await folderTemplates(s.dir, s.ppi)).map((x) => x.template));
  console.log(`probes ${probes.length}; families ${families.map((f) => `${f.name} ${f.templates.length}`).join(', ')}`);

  const names = ['same-sensor', ...families.map((f) => f.name)];
  const acc = new Map(names.map((n) => [n, { scores: [] as number[], rates: [] as number[], beatenOnce: 0, worstRates: [] as number[], worstBeatenOnce: 0 }]));
  for (let p = 0; p < probes.length; p++) {
    const matcher = new FingerprintMatcher(prepareProbe(probes[p].template));
    let mate = 0;
    // The weakest single genuine comparison too: with seven mates the best one is never beaten here.
    let worst = Number.POSITIVE_INFINITY;
    const sameSensor: PreparedTemplate[] = [];
    for (let q = 0; q < probes.length; q++) {
      if (q === p) continue;
      if (probes[q].finger === probes[p].finger) {
        const m = matcher.score(probeForms[q]);
        mate = Math.max(mate, m);
        worst = Math.min(worst, m);
      }
      else sameSensor.push(probeForms[q]);
    }
    const run = (name: string, list: PreparedTemplate[]): void => {
      const a = acc.get(name)!;
      const s = new Float64Array(list.length);
      for (let g = 0; g < list.length; g++) {
        s[g] = matcher.score(list[g]);
        a.scores.push(s[g]);
      }
      const b = beatsMate(mate, s);
      a.rates.push(b / list.length);
      if (b > 0) a.beatenOnce++;
      const w = beatsMate(worst, s);
      a.worstRates.push(w / list.length);
      if (w > 0) a.worstBeatenOnce++;
    };
    run('same-sensor', sameSensor);
    for (const f of families) run(f.name, f.templates);
  }
  const out: Record<string, unknown> = { probes: probes.length, families: {} };
  for (const n of names) {
    const a = acc.get(n)!;
    const f = families.find((x) => x.name === n);
    (out.families as Record<string, unknown>)[n] = {
      templatesPerProbe: a.scores.length / probes.length,
      ...(f ? { minutiaeMedian: quantile(f.minutiae, 0.5) } : {}),
      scoreQuantiles: Object.fromEntries([0.5, 0.9, 0.99, 0.999].map((q) => [String(q), r4(quantile(a.scores, q))])),
      scoreMax: r4(a.scores.reduce((x, y) => Math.max(x, y), 0)),
      beatsMateRateMean: a.rates.reduce((x, y) => x + y, 0) / a.rates.length,
      probesBeatenOnce: a.beatenOnce,
      worstMateBeatsRateMean: a.worstRates.reduce((x, y) => x + y, 0) / a.worstRates.length,
      probesWorstMateBeatenOnce: a.worstBeatenOnce,
      // Impostor scores at or above Verify's thresholds (FMR 1%, 0.1%, 0.01%), as rates.
      atOrAboveThresholds: Object.fromEntries(Object.entries(thresholds).map(([k, t]) => [k, a.scores.filter((x) => x >= t).length / a.scores.length])),
      projectedRank1: { at1k: r4(projectedRank1(a.rates, 1000)), at10k: r4(projectedRank1(a.rates, 10000)) },
    };
  }
  console.log(JSON.stringify(out, null, 1));
  writeFileSync(json, JSON.stringify(out, null, 2) + '\n');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
