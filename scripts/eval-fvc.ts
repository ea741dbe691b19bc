/**
 * FVC accuracy harness: `npm run eval:fvc -- --dir DIR --ppi N --json OUT.json` runs a folder of
 * FVC-style images `F_I.ext` through our extractor and matcher; `--templates` (a flag with --dir, or
 * `--templates DIR`) takes a folder of ISO/IEC 19794-2 templates `F_I.iso` instead (matcher alone);
 * `--condition NAME` degrades each image first as another sensor might (scripts/eval/conditions.ts;
 * every condition on every set: scripts/eval-conditions.ts).
 * Writes OUT.json (keys below; rates as fractions 0–1) and a DET curve OUT.det.svg beside it.
 * The protocol is in scripts/eval/fvc-protocol.ts, the metrics in scripts/eval/verification-metrics.ts.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FingerprintMatcher, type PreparedTemplate, prepareCandidate } from '../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../engine/fingerprint/template.js';
import { detCurveSvg } from './eval/det-curve.js';
import { fvcProtocol, fvcSamples, type Pair, rank1Rate, type Sample } from './eval/fvc-protocol.js';
import { isoFolderTemplates } from './eval/fvc-evaluation.js';
import { type Condition, conditionNamed } from './eval/conditions.js';
import { loadImageTemplates } from './eval/image-templates.js';
import { type ErrorRates, errorRates, operatingPoints } from './eval/verification-metrics.js';

export interface FvcReport extends ErrorRates {
  extended: ErrorRates;
  rank1: number;
  /** Median wall milliseconds per image of extraction (decode excluded); null for --templates. */
  extractMsMedian: number | null;
  comparisonsPerSecond: number;
  genuine: number;
  impostor: number;
}

interface Args {
  dir: string;
  ppi: number | undefined;
  json: string | undefined;
  templates: boolean;
  condition: Condition | undefined;
}

function parseArgs(argv: string[]): Args {
  let dir: string | undefined;
  let ppi: number | undefined;
  let json: string | undefined;
  let templates = false;
  let condition: Condition | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--dir') dir = next();
    else if (a === '--ppi') ppi = Number(next());
    else if (a === '--json') json = next();
    else if (a === '--condition') condition = conditionNamed(next());
    else if (a === '--templates') {
      templates = true;
      if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) dir = argv[++i];
    } else if (a === '--') continue;
    else throw new Error(`unknown argument ${a}`);
  }
  if (dir === undefined) throw new Error('usage: eval-fvc --dir DIR [--ppi N] [--templates] [--condition NAME] [--json OUT.json]');
  if (templates && condition) throw new Error('--condition degrades images; it does not apply to --templates');
  if (ppi !== undefined && !(ppi > 0)) throw new Error('--ppi must be a positive number');
  return { dir, ppi, json, templates, condition };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  let samples: Sample[];
  let templates: FingerprintTemplate[];
  let extractMs: number[] = [];
  if (args.templates) {
    ({ samples, templates } = isoFolderTemplates(args.dir));
  } else {
    samples = fvcSamples(readdirSync(args.dir), ['tif', 'tiff', 'png', 'bmp', 'jpg', 'jpeg', 'wsq']);
    if (samples.length === 0) throw new Error(`no F_I samples found in ${args.dir}`);
    const loaded = await loadImageTemplates(samples.map((s) => join(args.dir, s.file)), args.ppi, args.condition ? { condition: args.condition } : {});
    templates = loaded.templates;
    extractMs = loaded.extractMs;
  }
  const prepared: PreparedTemplate[] = templates.map((t) => prepareCandidate(t));
  const matchers = prepared.map((p) => new FingerprintMatcher(p));
  const protocol = fvcProtocol(samples);

  // Every unordered pair once, the lower index as probe (FVC compares each pair once).
  const n = samples.length;
  const scores = new Float64Array(n * n);
  const started = performance.now();
  let comparisons = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      scores[i * n + j] = matchers[i].score(prepared[j]);
      comparisons++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const scoreOf = (p: Pair): number => scores[p[0] * n + p[1]];
  const genuine = protocol.genuine.map(scoreOf);
  const impostor = protocol.impostor.map(scoreOf);
  const extended = protocol.extendedImpostor.map(scoreOf);
  // Rank 1: the probe's own matcher against each first impression.
  const rank1 = rank1Rate(samples, protocol, (p, g) => matchers[p].score(prepared[g]));

  const report: FvcReport = {
    ...errorRates(genuine, impostor),
    extended: errorRates(genuine, extended),
    rank1,
    extractMsMedian: extractMs.length ? median(extractMs) : null,
    comparisonsPerSecond: comparisons / seconds,
    genuine: genuine.length,
    impostor: impostor.length,
  };
  const pct = (v: number): string => `${(100 * v).toFixed(2)}%`;
  console.log(`${args.dir} (${args.templates ? 'ISO templates, matcher alone' : `images at ${args.ppi ?? 'declared'} ppi${args.condition ? `, condition ${args.condition.name}` : ''}, extractor + matcher`})`);
  console.log(`  FVC protocol (${genuine.length} genuine, ${impostor.length} impostor): EER ${pct(report.eer)}  FMR100 ${pct(report.fmr100)}  FMR1000 ${pct(report.fmr1000)}  ZeroFMR ${pct(report.zeroFmr)}`);
  console.log(`  extended (${extended.length} impostor): EER ${pct(report.extended.eer)}  FMR100 ${pct(report.extended.fmr100)}  FMR1000 ${pct(report.extended.fmr1000)}  ZeroFMR ${pct(report.extended.zeroFmr)}`);
  console.log(`  rank-1 ${pct(rank1)} (${protocol.rankProbes.length} probes, gallery ${protocol.gallery.length})`);
  console.log(`  extraction median ${report.extractMsMedian === null ? 'n/a' : report.extractMsMedian.toFixed(1) + ' ms'}; ${Math.round(report.comparisonsPerSecond)} comparisons/s (one thread)`);
  const meanMinutiae = templates.reduce((s, t) => s + t.minutiae.length, 0) / templates.length;
  console.log(`  minutiae per template ${meanMinutiae.toFixed(1)}, usable cylinders ${(prepared.reduce((s, p) => s + p.count, 0) / prepared.length).toFixed(1)}`);
  if (args.json) {
    writeFileSync(args.json, JSON.stringify(report, null, 2) + '\n');
    const svgPath = join(dirname(args.json), basename(args.json).replace(/\.json$/i, '') + '.det.svg');
    writeFileSync(
      svgPath,
      detCurveSvg(`DET ${basename(args.dir)}`, [
        { label: `FVC protocol, EER ${pct(report.eer)}`, points: operatingPoints(genuine, impostor), colour: '#c0392b' },
        { label: `extended, EER ${pct(report.extended.eer)}`, points: operatingPoints(genuine, extended), colour: '#2c3e80' },
      ]),
    );
    console.log(`  wrote ${args.json} and ${svgPath}`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
