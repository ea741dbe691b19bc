/**
 * Verify's thresholds against impostors no threshold or parameter was ever set on (issue 15
 * point 3). The shared GAN latent set gan-fvc2002-db1 carries, beside each mark, the FVC2002 DB1
 * sensor impression it was made from (`ID/clean/F_I.png`): for the folders `VC2002DbsDb1aF`,
 * 93 of fingers 1–100 of the DB1 "A" set — same sensor as DB1 "B" (fingers 101–110, the set everything
 * was tuned and calibrated on), different fingers, one impression each, padded to 512 × 512 at
 * 500 ppi. The `b` folders (DB1 "B" fingers) are left out. Every pair of different fingers is an
 * impostor comparison (scored once, the lower id as the probe, as the FVC protocol scores); the
 * share at or above each exported threshold is that threshold's false match rate on unseen prints.
 *
 *   npx tsx scripts/eval/fresh-impostors.ts [--pairs DIR] [--json OUT.json]
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { FingerprintMatcher, prepareCandidate } from '../../engine/fingerprint/matcher.js';
import { thresholds } from '../../engine/fingerprint/matching/thresholds.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { loadImageTemplates } from './image-templates.js';
import { shareAtOrAbove } from './verification-metrics.js';

/** The sensor impressions of the DB1 "A" fingers: `VC2002DbsDb1a<F>/clean/<F>_<I>.png`, by finger. */
export function dbAImpressions(dir: string): { finger: number; file: string }[] {
  const out: { finger: number; file: string }[] = [];
  for (const id of readdirSync(dir)) {
    const m = /^VC2002DbsDb1a(\d+)$/.exec(id);
    if (!m) continue;
    const clean = readdirSync(join(dir, id, 'clean')).filter((f) => /\.png$/i.test(f));
    if (clean.length !== 1) throw new Error(`${id}/clean: expected one image, found ${clean.length}`);
    out.push({ finger: Number(m[1]), file: join(dir, id, 'clean', clean[0]!) });
  }
  return out.sort((a, b) => a.finger - b.finger);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { pairs: { type: 'string' }, json: { type: 'string' } } });
  const dir = values.pairs ?? sharedDataPath('fingerprints', 'latent', 'gan-fvc2002-db1');
  const prints = dbAImpressions(dir);
  if (new Set(prints.map((p) => p.finger)).size !== prints.length) throw new Error('a finger appears twice');
  const { templates, found } = await loadImageTemplates(prints.map((p) => p.file), 500);
  const prepared = templates.map(prepareCandidate);
  const scores: number[] = [];
  for (let i = 0; i < templates.length; i++) {
    const m = new FingerprintMatcher(templates[i]!);
    for (let j = i + 1; j < templates.length; j++) scores.push(m.score(prepared[j]!));
  }
  const sorted = [...scores].sort((a, b) => b - a);
  const targets = [
    { fmr: 0.01, threshold: thresholds.fmr1 },
    { fmr: 0.001, threshold: thresholds.fmr01 },
    { fmr: 0.0001, threshold: thresholds.fmr001 },
  ];
  const median = [...found].sort((a, b) => a - b)[found.length >> 1];
  console.log(`${prints.length} DB1 "A" fingers (one impression each), ${scores.length} impostor comparisons; minutiae median ${median}, max ${Math.max(...found)}`);
  const rows = targets.map(({ fmr, threshold }) => {
    const share = shareAtOrAbove(scores, threshold);
    const count = Math.round(share * scores.length);
    console.log(`  target FMR ${(100 * fmr).toFixed(2)} %: threshold ${threshold}, ${count} impostors at or above (${(100 * share).toFixed(3)} %; expected about ${(fmr * scores.length).toFixed(1)})`);
    return { targetFmr: fmr, threshold, count, share };
  });
  console.log(`  highest impostor scores: ${sorted.slice(0, 8).map((s) => s.toFixed(4)).join(', ')}`);
  if (values.json) writeFileSync(values.json, JSON.stringify({ fingers: prints.length, comparisons: scores.length, minutiaeMedian: median, rows, top: sorted.slice(0, 20) }, null, 1) + '\n');
}

if (process.argv[1]?.endsWith('fresh-impostors.ts')) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
  });
}
