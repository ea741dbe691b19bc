/**
 * How well does the finger vector put a probe's mate near the top, before any graph? Exact cosine
 * ranking (no HNSW) of the 280 FVC2002 SecuGen probes (impressions 2–8) among their 40 mates
 * (impression 1) and N generated background templates (the identify benchmark's seed), for
 * variants of the projection derived from the shipped one: fewer components (truncation) and
 * other whitening exponents (the shipped scales are (λ/λ₁)^−α, so (λ/λ₁)^−α' = scale^(α'/α)),
 * plus the mean-subtracted histogram without projection (the previous vector's kind).
 *
 *   npx tsx bench/finger-vector.bench.ts [--background 50000] [--exhaustive-file F.json] [--exhaustive]
 *
 * With `--exhaustive` it first scores every probe against every background template and its
 * mate with the exact matcher (50k: ~12 min on one core) and writes F.json; with a file it reads
 * it. It then also reports the rates over the probes that exhaustive search ranks first in this
 * gallery (the mate's score above every background template and every other real impression 1):
 * the index only has to keep those.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { FingerprintMatcher, prepareCandidate } from '../engine/fingerprint/matcher.js';
import { pairHistogramVector } from '../engine/fingerprint/identification/finger-vector.js';
import { applyProjection, shippedProjection, type FingerVectorProjection } from '../engine/fingerprint/identification/finger-vector-projection.js';
import { FINGER_VECTOR } from '../engine/fingerprint/identification/parameters.js';
import { galleryTemplate } from '../fixtures/gallery/background-gallery.js';
import { loadSecugenFvc2002 } from '../fixtures/gallery/fvc-secugen-templates.js';

const argv = process.argv.slice(2);
const opt = (n: string, d: string) => (argv.includes(n) ? argv[argv.indexOf(n) + 1] : d);
const N = Number(opt('--background', '50000'));
const SEED = 20021;
const exhaustiveFile = opt('--exhaustive-file', `/tmp/biomatch-finger-vector-exhaustive-${N}.json`);

const real = await loadSecugenFvc2002();
if (real.length === 0) throw new Error('SecuGen FVC2002 templates not found (shared data)');
const mates = real.filter((r) => r.impression === 1);
const probes = real.filter((r) => r.impression !== 1);
const mateIndex = probes.map((p) => mates.findIndex((m) => m.finger === p.finger));
const background = Array.from({ length: N }, (_, i) => galleryTemplate(SEED, i));

interface Exhaustive {
  key: string;
  mate: number;
  otherReal: number;
  /** Best background scores, descending. */
  top: number[];
}
let exhaustive: Exhaustive[] | undefined;
if (argv.includes('--exhaustive')) {
  const TOP = 60;
  const matchers = probes.map((p) => new FingerprintMatcher(p.template));
  const tops = probes.map(() => new Array<number>(TOP).fill(-1));
  const t0 = Date.now();
  background.forEach((t, i) => {
    const c = prepareCandidate(t);
    matchers.forEach((m, j) => {
      const s = m.score(c);
      const top = tops[j];
      if (s <= top[TOP - 1]) return;
      let k = TOP - 1;
      while (k > 0 && top[k - 1] < s) {
        top[k] = top[k - 1];
        k--;
      }
      top[k] = s;
    });
    if (i % 10000 === 9999) console.log(`exhaustive: ${i + 1} background templates scored (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  });
  const prepared = mates.map((m) => prepareCandidate(m.template));
  exhaustive = probes.map((p, j) => ({
    key: p.key,
    mate: matchers[j].score(prepared[mateIndex[j]]),
    otherReal: Math.max(...prepared.filter((_, k) => k !== mateIndex[j]).map((c) => matchers[j].score(c))),
    top: tops[j],
  }));
  writeFileSync(exhaustiveFile, JSON.stringify(exhaustive));
  console.log(`wrote ${exhaustiveFile}`);
} else if (existsSync(exhaustiveFile)) {
  exhaustive = JSON.parse(readFileSync(exhaustiveFile, 'utf8')) as Exhaustive[];
  if (exhaustive.length !== probes.length || exhaustive.some((e, j) => e.key !== probes[j].key)) throw new Error(`${exhaustiveFile} is for other probes`);
}
const atMillion = Math.max(1, Math.round(1_000_000 / N));
const exhaustiveFirst = exhaustive?.map((e) => e.mate > Math.max(e.top[0], e.otherReal));

const shipped = shippedProjection(FINGER_VECTOR.projection.sha256);
const alpha0 = FINGER_VECTOR.projection.whiteningExponent;
function variant(k: number, alpha: number): FingerVectorProjection {
  const scale = Float32Array.from(shipped.scale.subarray(0, k), (s) => s ** (alpha / alpha0));
  const basis = new Float32Array(shipped.inputDimension * k);
  for (let i = 0; i < shipped.inputDimension; i++) basis.set(shipped.basis.subarray(i * shipped.outputDimension, i * shipped.outputDimension + k), i * k);
  return { inputDimension: shipped.inputDimension, outputDimension: k, mean: shipped.mean, scale, basis };
}
const histograms = {
  mates: mates.map((m) => pairHistogramVector(m.template)),
  probes: probes.map((p) => pairHistogramVector(p.template)),
  background: background.map((t) => pairHistogramVector(t)),
};
const ks = [10, 50, 100, 250, 500, 1000];
function report(name: string, map: (v: number[]) => number[]) {
  const G = [...histograms.mates, ...histograms.background].map(map);
  const D = G[0].length;
  const flat = new Float32Array(G.length * D);
  G.forEach((g, i) => flat.set(g, i * D));
  const ranks = histograms.probes.map((h, j) => {
    const q = map(h);
    const sims = new Float32Array(G.length);
    for (let i = 0; i < G.length; i++) {
      let s = 0;
      for (let d = 0; d < D; d++) s += q[d] * flat[i * D + d];
      sims[i] = s;
    }
    const m = sims[mateIndex[j]];
    let r = 1;
    for (let i = 0; i < G.length; i++) if (i !== mateIndex[j] && sims[i] >= m) r++;
    return r;
  });
  const rate = (rs: number[], k: number) => `${((100 * rs.filter((r) => r <= k).length) / rs.length).toFixed(1)}`;
  const easy = exhaustiveFirst ? ranks.filter((_, j) => exhaustiveFirst[j]) : [];
  console.log(
    `| ${name} | ${D} | ${ks.map((k) => rate(ranks, k)).join(' | ')} |` + (exhaustiveFirst ? ` ${ks.map((k) => rate(easy, k)).join(' | ')} |` : ''),
  );
}
console.log(`${probes.length} probes; mate rank among ${mates.length} mates + ${N} generated (seed ${SEED}); top k at ${N} ≈ top ${atMillion}·k at 1M`);
if (exhaustiveFirst) console.log(`${exhaustiveFirst.filter(Boolean).length} probes ranked first by exhaustive search among these ${N} (${exhaustiveFile})`);
console.log(`| vector | dims | ${ks.map((k) => `all: top ${k}`).join(' | ')} |` + (exhaustiveFirst ? ` ${ks.map((k) => `exhaustive-first: top ${k}`).join(' | ')} |` : ''));
report('histogram, mean subtracted, no projection', (v) => {
  const c = v.map((x, i) => x - shipped.mean[i]);
  const n = Math.hypot(...c) || 1;
  return c.map((x) => x / n);
});
for (const [k, a] of [[384, 0], [192, 0.25], [320, 0.25], [384, 0.25], [384, 0.4], [384, 0.5]] as const) {
  const p = variant(k, a);
  report(`PCA ${k}, α ${a}${k === shipped.outputDimension && a === alpha0 ? ' (shipped)' : ''}`, (v) => applyProjection(p, v));
}
