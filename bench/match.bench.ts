/**
 * 1:1 comparison speed and prepared-form footprint on real templates: the 320 SecuGen ISO 19794-2
 * templates of FVC2002 DB1–DB4 (../shared/data), each prepared once, every probe against every
 * template of its own database (25,600 comparisons a round), and our extractor's templates of the
 * same images for the footprint.
 *
 * Speed is counted per CPU-second of this process (process.cpuUsage, user + system; one thread),
 * not per wall second: the machine is shared, and wall-clock rates understate one core's speed.
 * Prints, for score() (the 1:N scan path) and match() (pairs and alignment), comparisons per
 * CPU-second in WebAssembly (SIMD local similarities, then consolidation) or, with
 * BIOMATCH_WASM_SIMD=0, in JavaScript, and the local-similarity stage alone both ways; and bytes
 * per prepared form (preparedFormBytes: what a form takes in a gallery arena), mean and 95th
 * percentile. With images, score() also on our extractor's templates with and without their block
 * orientation fields: the cost of the orientation cue (matching/orientation-agreement.ts).
 *
 *   npm run bench:match                 # all of it (extracts the 320 FVC2002 images: ~15 s more)
 *   npm run bench:match -- --no-images  # SecuGen templates only
 */
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { FingerprintMatcher, type PreparedTemplate, prepareCandidate } from '../engine/fingerprint/matcher.js';
import { DEFAULT_MIN_COS, localSimilarities } from '../engine/fingerprint/matching/local-similarity.js';
import { simdLocalSimilarities } from '../engine/fingerprint/matching/local-similarity-simd.js';
import { preparedFormTotalBytes } from '../engine/fingerprint/matching/prepared-form-layout.js';
import type { FingerprintTemplate } from '../engine/fingerprint/template.js';
import { loadSecugenFvc2002 } from '../fixtures/gallery/fvc-secugen-templates.js';
import { hasSharedData, sharedDataPath } from '../fixtures/shared-data.js';
import { loadImageTemplates } from '../scripts/eval/image-templates.js';

const SECONDS = 4;
const withImages = !process.argv.includes('--no-images');

const real = await loadSecugenFvc2002();
if (real.length === 0) {
  console.log('skipping: the SecuGen FVC2002 templates were not found under ../shared/data');
  process.exit(0);
}
const load = (): string => loadavg().map((v) => v.toFixed(2)).join(', ');
const sets = [...new Set(real.map((r) => r.set))].map((set) => real.filter((r) => r.set === set).map((r) => prepareCandidate(r.template)));

function footprint(name: string, forms: PreparedTemplate[]): void {
  const bytes = forms.map((p) => preparedFormTotalBytes(p)).sort((x, y) => x - y);
  const mean = bytes.reduce((s, b) => s + b, 0) / bytes.length;
  const p95 = bytes[Math.min(bytes.length - 1, Math.floor(0.95 * bytes.length))];
  const cylinders = forms.reduce((s, p) => s + p.count, 0) / forms.length;
  console.log(`bytes per prepared form, ${name} (${forms.length}): mean ${Math.round(mean)}, p95 ${p95}, max ${bytes[bytes.length - 1]}; mean cylinders ${cylinders.toFixed(1)}`);
}

footprint('FVC2002 SecuGen templates', sets.flat());
const extractedSets: FingerprintTemplate[][] = [];
if (withImages) {
  const ppi: Record<string, number> = { db1_b: 500, db2_b: 569, db3_b: 500, db4_b: 500 };
  const extracted: FingerprintTemplate[] = [];
  for (const set of Object.keys(ppi)) {
    const parts = ['fingerprints', 'fvc2002', set];
    if (!hasSharedData(...parts)) continue;
    const dir = sharedDataPath(...parts);
    const files = readdirSync(dir).filter((f) => /^\d+_\d+\.tif$/.test(f)).sort();
    const { templates } = await loadImageTemplates(files.map((f) => join(dir, f)), ppi[set]);
    extracted.push(...templates);
    extractedSets.push(templates);
  }
  if (extracted.length) footprint('FVC2002 images, our extractor', extracted.map((t) => prepareCandidate(t)));
}

let sink = 0;
/** Runs `round` (one pass over every within-database pair) for SECONDS of wall time; per CPU-second. */
function perCpuSecond(round: () => number): number {
  round(); // warm-up: JIT and WebAssembly tier-up
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  let comparisons = 0;
  while (performance.now() - wall0 < SECONDS * 1000) comparisons += round();
  const cpu = process.cpuUsage(cpu0);
  return comparisons / ((cpu.user + cpu.system) / 1e6);
}

const simd = simdLocalSimilarities();
const out = new Uint32Array(128 * 128);
const kernels: [string, () => number][] = [
  [
    'local similarities alone, JavaScript',
    () => {
      let c = 0;
      for (const forms of sets) {
        for (const a of forms) for (const b of forms) sink += localSimilarities(a, b, out, DEFAULT_MIN_COS);
        c += forms.length * forms.length;
      }
      return c;
    },
  ],
];
if (simd) {
  kernels.push([
    'local similarities alone, WebAssembly SIMD',
    () => {
      let c = 0;
      for (const forms of sets) {
        for (const a of forms) for (const b of forms) sink += simd.run(a, b, DEFAULT_MIN_COS);
        c += forms.length * forms.length;
      }
      return c;
    },
  ]);
}
console.log(`load average before: ${load()} (2 cores, shared)`);
for (const [name, round] of kernels) console.log(`${name}: ${Math.round(perCpuSecond(round))} comparisons per CPU-second`);

const matchers = sets.map((forms) => forms.map((p) => new FingerprintMatcher(p)));
for (const [name, compare] of [
  ['score (1:N scan path)', (m: FingerprintMatcher, c: PreparedTemplate) => m.score(c)],
  ['match (pairs and alignment)', (m: FingerprintMatcher, c: PreparedTemplate) => m.match(c).score],
] as const) {
  const rate = perCpuSecond(() => {
    let c = 0;
    sets.forEach((forms, s) => {
      for (const m of matchers[s]) for (const p of forms) sink += compare(m, p);
      c += forms.length * forms.length;
    });
    return c;
  });
  const path = simd ? 'WebAssembly (SIMD local similarities, consolidation)' : 'JavaScript';
  console.log(`${name}, ${path}: ${Math.round(rate)} comparisons per CPU-second; load average ${load()}`);
}
for (const [name, cue] of [['score, our extractor\'s templates, with the orientation cue', true], ['score, our extractor\'s templates, minutiae only', false]] as const) {
  if (extractedSets.length === 0) break;
  const forms = extractedSets.map((ts) => ts.map((t) => prepareCandidate(cue ? t : { ...t, orientations: undefined })));
  const ms = forms.map((fs) => fs.map((p) => new FingerprintMatcher(p)));
  const rate = perCpuSecond(() => {
    let c = 0;
    forms.forEach((fs, s) => {
      for (const m of ms[s]) for (const p of fs) sink += m.score(p);
      c += fs.length * fs.length;
    });
    return c;
  });
  console.log(`${name}: ${Math.round(rate)} comparisons per CPU-second; load average ${load()}`);
}
if (simd) console.log('(the JavaScript fallback end to end: BIOMATCH_WASM_SIMD=0 npm run bench:match -- --no-images)');
if (sink === 42) console.log('');
