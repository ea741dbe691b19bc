/**
 * Today's pipeline on synthetic fingers (fixtures/synthetic-fingers/; held out, never tuned on:
 * docs/decisions/synthetic-fingers.md). For each setting: generate N fingers × I impressions,
 * extract with our extractor (as eval:fvc does), match every pair once with our matcher, and report
 * - FVC-protocol EER and FMR1000, extended EER (scripts/eval/fvc-protocol.ts,
 *   verification-metrics.ts), rank-1;
 * - minutiae per print (found, before the template's capacity cut): median, p10, p90, max;
 * - the extractor's precision and recall against the ground truth: a found minutia paired one to
 *   one with a true one within 10 px and 30° of direction (also 15 px, 30°), closest first
 *   (minutiae-agreement.ts `pairMinutiae`), pooled over all prints: precision = pairs / found,
 *   recall = pairs / true;
 * - realism: foreground share (our segmentation's area over the 500 ppi image) and ridge period
 *   (median of our ridge-frequency blocks measured inside the mask); `--realism` also gives the same
 *   three figures for FVC2002 DB1–DB4 (our extractor on both).
 *
 *   npx tsx scripts/eval/synthetic-fingers.ts --fingers 100 --impressions 8 --seed 1 --setting plain,dry [--json OUT] [--png DIR] [--realism] [--param NAME=VALUE]
 *   npx tsx scripts/eval/synthetic-fingers.ts --fingers 20 --seed 1 --masters     # the masters alone: cost, growth steps, truth
 *
 * `--param NAME=VALUE`: the synthetic impressions extracted with a parameter under study instead of
 * today's value (scripts/eval/studies.ts; not the `--realism` FVC2002 rows).
 * `--png DIR` writes each setting's images as DIR/SETTING/F_I.png (finger and impression from 1),
 * the FVC naming, so `npm run eval:fvc -- --dir DIR/SETTING --ppi N` and NBIS-style tools read them.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { extractFingerprint } from '../../engine/fingerprint/extractor.js';
import type { GrayImage } from '../../engine/fingerprint/gray-image.js';
import { FingerprintMatcher, prepareCandidate } from '../../engine/fingerprint/matcher.js';
import type { StageOutputs } from '../../engine/fingerprint/stage-sink.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { SETTINGS } from '../../fixtures/synthetic-fingers/parameters.js';
import type { Impression } from '../../fixtures/synthetic-fingers/impression.js';
import { syntheticFinger, syntheticImpression } from '../../fixtures/synthetic-fingers/synthetic-fingers.js';
import { FVC2002_SETS, pairScores } from './fvc-evaluation.js';
import { fvcProtocol, fvcSamples, rank1Rate, type Sample } from './fvc-protocol.js';
import { decodeGray } from './image-templates.js';
import { median, pairMinutiae, type PlacedMinutia, quantile, type Tolerance, unpairedReason } from './minutiae-agreement.js';
import { type Tuning, tuningOf } from './studies.js';
import { type ErrorRates, errorRates } from './verification-metrics.js';

const TOLERANCES: Record<string, Tolerance> = { '10px': { distance: 10, angle: Math.PI / 6 }, '15px': { distance: 15, angle: Math.PI / 6 } };

/** What our extractor gives for one print, and the figures of realism read from its stages. */
interface PrintResult {
  template: FingerprintTemplate;
  found: number;
  extractMs: number;
  foregroundShare: number;
  ridgePeriod: number;
  /** Our segmentation (for `--misses`; not kept past the print). */
  segmentation?: StageOutputs['segmentation-mask'];
}

/**
 * Writes impression `index` of finger `finger` (both from 0) as DIR/F_I.png (both from 1, FVC
 * naming), one gray channel (sharp writes RGB from a one-channel raw buffer otherwise) with the
 * declared ppi as its density, so eval:fvc and eval:latent --background read back the same pixels.
 */
export async function writeImpressionPng(imp: Impression, dir: string, finger: number, index: number): Promise<void> {
  await sharp(Buffer.from(imp.image.pixels), { raw: { width: imp.image.width, height: imp.image.height, channels: 1 } })
    .toColourspace('b-w')
    .withDensity(imp.ppi)
    .png()
    .toFile(join(dir, `${finger + 1}_${index + 1}.png`));
}

export async function extractWithStatistics(image: GrayImage, ppi: number, tuning?: Tuning): Promise<PrintResult> {
  let segmentation: StageOutputs['segmentation-mask'] | undefined;
  let frequency: StageOutputs['ridge-frequency'] | undefined;
  const started = performance.now();
  const r = await extractFingerprint(image, {
    ppi,
    ...(tuning ? { tuning } : {}),
    sink: (stage, output) => {
      if (stage === 'segmentation-mask') segmentation = output as StageOutputs['segmentation-mask'];
      else if (stage === 'ridge-frequency') frequency = output as StageOutputs['ridge-frequency'];
    },
  });
  const extractMs = performance.now() - started;
  let foregroundShare = NaN, ridgePeriod = NaN;
  if (segmentation && frequency) {
    foregroundShare = segmentation.area / (segmentation.width * segmentation.height);
    const periods: number[] = [];
    const f = frequency;
    for (let by = 0; by < f.blocksHigh; by++) {
      for (let bx = 0; bx < f.blocksWide; bx++) {
        const b = by * f.blocksWide + bx;
        const x = Math.min(segmentation.width - 1, bx * f.block + (f.block >> 1));
        const y = Math.min(segmentation.height - 1, by * f.block + (f.block >> 1));
        if (f.measured[b] && segmentation.mask[y * segmentation.width + x]) periods.push(f.period[b]);
      }
    }
    ridgePeriod = median(periods);
  }
  return { template: r.template, found: r.template.minutiae.length + r.minutiaeDropped, extractMs, foregroundShare, ridgePeriod, segmentation };
}

interface Distribution {
  median: number;
  p10: number;
  p90: number;
  max: number;
}

const distribution = (v: number[]): Distribution => ({ median: median(v), p10: quantile(v, 0.1), p90: quantile(v, 0.9), max: Math.max(...v) });

interface Agreement {
  found: number;
  truth: number;
  paired: number;
  precision: number;
  recall: number;
}

export interface SettingReport extends ErrorRates {
  setting: string;
  ppi: number;
  extended: ErrorRates;
  rank1: number;
  genuine: number;
  impostor: number;
  extendedImpostor: number;
  minutiae: Distribution;
  truthMinutiae: Distribution;
  agreement: Record<string, Agreement>;
  foregroundShare: Distribution;
  ridgePeriod: Distribution;
  extractMsMedian: number;
}

function scoreSetting(samples: Sample[], templates: FingerprintTemplate[]): { rates: ErrorRates; extended: ErrorRates; rank1: number; genuine: number; impostor: number; extendedImpostor: number } {
  const prepared = templates.map((t) => prepareCandidate(t));
  const protocol = fvcProtocol(samples);
  const scoreOf = pairScores(templates);
  const genuine = protocol.genuine.map(scoreOf);
  const probes: FingerprintMatcher[] = [];
  return {
    rates: errorRates(genuine, protocol.impostor.map(scoreOf)),
    extended: errorRates(genuine, protocol.extendedImpostor.map(scoreOf)),
    // Rank 1 as eval:fvc: the probe's own matcher against each first impression.
    rank1: rank1Rate(samples, protocol, (p, g) => (probes[p] ??= new FingerprintMatcher(prepared[p])).score(prepared[g])),
    genuine: genuine.length,
    impostor: protocol.impostor.length,
    extendedImpostor: protocol.extendedImpostor.length,
  };
}

/** Counts the unpaired truth and found minutiae of one print by where they lie in our mask and why they are unpaired. */
function classifyMisses(truth: readonly PlacedMinutia[], found: readonly PlacedMinutia[], seg: StageOutputs['segmentation-mask'], into: Map<string, number>): void {
  const tol = TOLERANCES['10px'];
  const pairing = pairMinutiae(truth, found, tol);
  const where = (m: PlacedMinutia): string => {
    const x = Math.round(m.x), y = Math.round(m.y);
    if (x < 0 || y < 0 || x >= seg.width || y >= seg.height || !seg.mask[y * seg.width + x]) return 'outside';
    return seg.borderDistance[y * seg.width + x] < 16 ? 'edge' : 'inside';
  };
  const add = (key: string): void => { into.set(key, (into.get(key) ?? 0) + 1); };
  for (const i of pairing.unpairedReference) add(`truth ${where(truth[i])} ${unpairedReason(truth[i], found, tol)}`);
  for (const j of pairing.unpairedOurs) add(`found ${where(found[j])} ${unpairedReason(found[j], truth, tol)}`);
}

/** The three realism figures on FVC2002 DB1–DB4 "B" (our extractor, declared ppi). */
async function fvcRealism(): Promise<Record<string, { minutiae: Distribution; foregroundShare: Distribution; ridgePeriod: Distribution }>> {
  const out: Record<string, { minutiae: Distribution; foregroundShare: Distribution; ridgePeriod: Distribution }> = {};
  for (const set of FVC2002_SETS) {
    const dir = sharedDataPath('fingerprints', 'fvc2002', set.folder);
    const samples = fvcSamples(readdirSync(dir), ['tif', 'tiff', 'png', 'bmp']);
    const found: number[] = [], share: number[] = [], period: number[] = [];
    for (const s of samples) {
      const r = await extractWithStatistics(await decodeGray(join(dir, s.file)), set.ppi);
      found.push(r.found);
      share.push(r.foregroundShare);
      period.push(r.ridgePeriod);
    }
    out[set.name] = { minutiae: distribution(found), foregroundShare: distribution(share), ridgePeriod: distribution(period) };
  }
  return out;
}

/** `--masters`: the masters alone: time per master (growth and truth), growth steps, truth counts and types. */
function mastersReport(seed: number, fingers: number): void {
  const ms: number[] = [], steps: number[] = [], counts: number[] = [];
  let bifurcations = 0, total = 0;
  for (let f = 0; f < fingers; f++) {
    const t0 = performance.now();
    const finger = syntheticFinger(seed, f);
    ms.push(performance.now() - t0);
    steps.push(finger.master.iterations);
    counts.push(finger.truth.length);
    total += finger.truth.length;
    bifurcations += finger.truth.filter((m) => m.type === 'bifurcation').length;
  }
  const d = (v: number[], digits = 0): string => { const x = distribution(v); return `${x.median.toFixed(digits)} (p10 ${x.p10.toFixed(digits)}, p90 ${x.p90.toFixed(digits)}, max ${x.max.toFixed(digits)})`; };
  console.log(`masters: seed ${seed}, ${fingers} fingers`);
  console.log(`  ms per master (growth + truth, wall): ${d(ms)}`);
  console.log(`  growth steps: ${d(steps)}; min ${Math.min(...steps)}`);
  console.log(`  truth minutiae per master: ${d(counts)}; bifurcations ${((100 * bifurcations) / total).toFixed(1)}%`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      fingers: { type: 'string', default: '100' },
      impressions: { type: 'string', default: '8' },
      seed: { type: 'string', default: '1' },
      setting: { type: 'string', default: 'plain' },
      json: { type: 'string' },
      png: { type: 'string' },
      realism: { type: 'boolean', default: false },
      masters: { type: 'boolean', default: false },
      misses: { type: 'boolean', default: false },
      param: { type: 'string' },
    },
    args: process.argv.slice(2).filter((a) => a !== '--'),
  });
  const fingers = Number(values.fingers), impressions = Number(values.impressions), seed = Number(values.seed);
  const tuning = values.param ? tuningOf(values.param) : undefined;
  if (!(fingers >= 2) || !(impressions >= 2) || !Number.isInteger(seed)) throw new Error('--fingers and --impressions must be ≥ 2, --seed an integer');
  if (values.masters) {
    mastersReport(seed, fingers);
    return;
  }
  const settings = values.setting.split(',');
  for (const s of settings) if (!SETTINGS[s]) throw new Error(`unknown setting ${s}; one of ${Object.keys(SETTINGS).join(', ')}`);
  if (values.png) for (const s of settings) mkdirSync(join(values.png, s), { recursive: true });

  const samples: Sample[] = [];
  for (let f = 0; f < fingers; f++) for (let i = 0; i < impressions; i++) samples.push({ finger: String(f + 1), impression: i + 1, file: `${f + 1}_${i + 1}.png` });
  const perSetting = new Map(settings.map((s) => [s, { results: [] as PrintResult[], truth: [] as number[], paired: { '10px': 0, '15px': 0 } as Record<string, number>, misses: new Map<string, number>() }]));
  const started = performance.now();
  let generateMs = 0;
  for (let f = 0; f < fingers; f++) {
    const g0 = performance.now();
    const finger = syntheticFinger(seed, f);
    generateMs += performance.now() - g0;
    for (const s of settings) {
      const acc = perSetting.get(s)!;
      for (let i = 0; i < impressions; i++) {
        const g1 = performance.now();
        const imp = syntheticImpression(seed, f, finger, i, s);
        generateMs += performance.now() - g1;
        if (values.png) await writeImpressionPng(imp, join(values.png, s), f, i);
        const r = await extractWithStatistics(imp.image, imp.ppi, tuning);
        if (values.misses && r.segmentation) classifyMisses(imp.truth, r.template.minutiae, r.segmentation, acc.misses);
        delete r.segmentation;
        acc.results.push(r);
        acc.truth.push(imp.truth.length);
        for (const [name, tol] of Object.entries(TOLERANCES)) acc.paired[name] += pairMinutiae(imp.truth, r.template.minutiae, tol).pairs.length;
      }
    }
    if ((f + 1) % 10 === 0) console.error(`  ${f + 1}/${fingers} fingers, ${((performance.now() - started) / 1000).toFixed(0)} s (generation ${(generateMs / 1000).toFixed(0)} s)`);
  }

  const reports: SettingReport[] = [];
  const pct = (v: number): string => `${(100 * v).toFixed(2)}%`;
  console.log(`synthetic fingers: seed ${seed}, ${fingers} fingers × ${impressions} impressions; generation ${(generateMs / 1000).toFixed(1)} s`);
  console.log('setting | ppi | EER | FMR1000 | ext. EER | ext. FMR1000 | rank-1 | minutiae median (p10–p90, max) | truth median | precision / recall 10 px | 15 px | foreground | period | extract ms');
  for (const s of settings) {
    const acc = perSetting.get(s)!;
    const found = acc.results.map((r) => r.found);
    const truthTotal = acc.truth.reduce((a, b) => a + b, 0);
    const foundTotal = acc.results.reduce((a, r) => a + r.template.minutiae.length, 0);
    const agreement: Record<string, Agreement> = {};
    for (const name of Object.keys(TOLERANCES)) {
      const paired = acc.paired[name];
      agreement[name] = { found: foundTotal, truth: truthTotal, paired, precision: paired / foundTotal, recall: paired / truthTotal };
    }
    const scored = scoreSetting(samples, acc.results.map((r) => r.template));
    const report: SettingReport = {
      setting: s,
      ppi: SETTINGS[s].ppi,
      ...scored.rates,
      extended: scored.extended,
      rank1: scored.rank1,
      genuine: scored.genuine,
      impostor: scored.impostor,
      extendedImpostor: scored.extendedImpostor,
      minutiae: distribution(found),
      truthMinutiae: distribution(acc.truth),
      agreement,
      foregroundShare: distribution(acc.results.map((r) => r.foregroundShare)),
      ridgePeriod: distribution(acc.results.map((r) => r.ridgePeriod)),
      extractMsMedian: median(acc.results.map((r) => r.extractMs)),
    };
    reports.push(report);
    const a10 = agreement['10px'], a15 = agreement['15px'];
    console.log(
      `${s} | ${report.ppi} | ${pct(report.eer)} | ${pct(report.fmr1000)} | ${pct(report.extended.eer)} | ${pct(report.extended.fmr1000)} | ${pct(report.rank1)} | ` +
        `${report.minutiae.median} (${report.minutiae.p10}–${report.minutiae.p90}, ${report.minutiae.max}) | ${report.truthMinutiae.median} | ` +
        `${pct(a10.precision)} / ${pct(a10.recall)} | ${pct(a15.precision)} / ${pct(a15.recall)} | ${report.foregroundShare.median.toFixed(3)} | ${report.ridgePeriod.median.toFixed(2)} | ${report.extractMsMedian.toFixed(1)}`,
    );
  }
  if (values.misses) {
    console.log('unpaired at 10 px, 30° (share of all truth / of all found): where in our mask (outside; edge: < 16 px from its border; inside) × why (minutiae-agreement.ts unpairedReason)');
    for (const s of settings) {
      const acc = perSetting.get(s)!;
      const truthTotal = acc.truth.reduce((a, b) => a + b, 0);
      const foundTotal = acc.results.reduce((a, r) => a + r.template.minutiae.length, 0);
      const rows = [...acc.misses.entries()].sort((a, b) => b[1] - a[1]);
      console.log(`${s}: ` + rows.map(([k, n]) => `${k} ${((100 * n) / (k.startsWith('truth') ? truthTotal : foundTotal)).toFixed(2)}%`).join('; '));
    }
  }
  console.log(`(FVC protocol: ${reports[0].genuine} genuine, ${reports[0].impostor} impostor; extended ${reports[0].extendedImpostor} impostor)`);
  let realism: Awaited<ReturnType<typeof fvcRealism>> | undefined;
  if (values.realism) {
    realism = await fvcRealism();
    console.log('FVC2002 (our extractor) | minutiae median (p10–p90, max) | foreground | period');
    for (const [name, r] of Object.entries(realism)) console.log(`${name} | ${r.minutiae.median} (${r.minutiae.p10}–${r.minutiae.p90}, ${r.minutiae.max}) | ${r.foregroundShare.median.toFixed(3)} | ${r.ridgePeriod.median.toFixed(2)}`);
  }
  if (values.json) writeFileSync(values.json, JSON.stringify({ seed, fingers, impressions, generateSeconds: generateMs / 1000, settings: reports, ...(realism ? { fvc2002: realism } : {}) }, null, 2) + '\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  });
}
