/**
 * Measures the matcher's decision thresholds for FMR 1%, 0.1% and 0.01% on impostor comparisons:
 * every pair of templates of different fingers across the given FVC folders (within a folder: the
 * 2,880 extended-protocol impostors; across folders: every pair, since each FVC2002 database was
 * collected from different fingers). Also reports the FNMR at each threshold over all genuine pairs.
 *
 *   npx tsx scripts/eval/calibrate-thresholds.ts --templates DIR... [--json OUT.json]
 *   npx tsx scripts/eval/calibrate-thresholds.ts --images DIR:PPI... [--json OUT.json]
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FingerprintMatcher, type PreparedTemplate, prepareCandidate } from '../../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { decodeIso19794_2Single } from '../../engine/fingerprint/templates/iso-19794-2.js';
import { fvcSamples } from './fvc-protocol.js';
import { loadImageTemplates } from './image-templates.js';
import { thresholdAtFmr } from './verification-metrics.js';

interface Entry {
  set: number;
  finger: string;
  prepared: PreparedTemplate;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2).filter((a) => a !== '--');
  let mode: 'templates' | 'images' = 'templates';
  let json: string | undefined;
  const dirs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--templates') mode = 'templates';
    else if (argv[i] === '--images') mode = 'images';
    else if (argv[i] === '--json') json = argv[++i];
    else dirs.push(argv[i]);
  }
  if (dirs.length === 0) throw new Error('usage: calibrate-thresholds (--templates DIR... | --images DIR:PPI...) [--json OUT.json]');
  const entries: Entry[] = [];
  for (const [set, spec] of dirs.entries()) {
    const [dir, ppiText] = mode === 'images' ? [spec.replace(/:\d+$/, ''), /:(\d+)$/.exec(spec)?.[1]] : [spec, undefined];
    const samples = fvcSamples(readdirSync(dir), mode === 'templates' ? ['iso'] : ['tif', 'tiff', 'png', 'bmp', 'jpg', 'jpeg', 'wsq']);
    let templates: FingerprintTemplate[];
    if (mode === 'templates') templates = samples.map((s) => decodeIso19794_2Single(new Uint8Array(readFileSync(join(dir, s.file)))));
    else templates = (await loadImageTemplates(samples.map((s) => join(dir, s.file)), ppiText === undefined ? undefined : Number(ppiText))).templates;
    samples.forEach((s, k) => entries.push({ set, finger: s.finger, prepared: prepareCandidate(templates[k]) }));
  }
  const impostor: number[] = [];
  const genuine: number[] = [];
  for (let i = 0; i < entries.length; i++) {
    const m = new FingerprintMatcher(entries[i].prepared);
    for (let j = i + 1; j < entries.length; j++) {
      const s = m.score(entries[j].prepared);
      if (entries[i].set === entries[j].set && entries[i].finger === entries[j].finger) genuine.push(s);
      else impostor.push(s);
    }
  }
  const result: Record<string, { threshold: number; fnmr: number }> = {};
  for (const [name, target] of [['fmr1', 0.01], ['fmr01', 0.001], ['fmr001', 0.0001]] as const) {
    const t = thresholdAtFmr(impostor, target);
    result[name] = { threshold: t, fnmr: genuine.filter((g) => g < t).length / genuine.length };
  }
  console.log(`${impostor.length} impostor and ${genuine.length} genuine comparisons over ${dirs.length} sets (${mode})`);
  for (const [name, r] of Object.entries(result)) console.log(`  ${name}: threshold ${r.threshold.toFixed(4)}  FNMR there ${(100 * r.fnmr).toFixed(2)}%`);
  if (json) writeFileSync(json, JSON.stringify({ mode, sets: dirs, impostor: impostor.length, genuine: genuine.length, ...result }, null, 2) + '\n');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
