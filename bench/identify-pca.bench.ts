/**
 * Experiment (not the engine default): would a PCA projection of the 1152-d finger vector keep
 * mate retrieval while cutting HNSW cost (hnswlib's distance is O(dimension) and dominates the
 * build: ~2.9 ms CPU per insert at 1152-d here)? Fits PCA on generated background (seed 1, like
 * the centre), then measures, with exact cosine search, where each of the 280 FVC2002 SecuGen
 * probes' mate ranks among 40 mates + N generated (seed 99), and the HNSW insert CPU cost per
 * record at each dimension.
 *
 *   npx tsx bench/identify-pca.bench.ts [--background 10000] [--fit 4000] [--dims 64,128,256]
 */
import hnswlib from 'hnswlib-node';
import { fingerVector } from '../engine/index/finger-vector.js';
import { galleryTemplate, backgroundGallery } from '../fixtures/gallery/background-gallery.js';
import { loadSecugenFvc2002 } from '../fixtures/gallery/fvc-secugen-templates.js';

const argv = process.argv.slice(2);
const opt = (n: string, d: string) => (argv.includes(n) ? argv[argv.indexOf(n) + 1] : d);
const NB = Number(opt('--background', '10000'));
const NFIT = Number(opt('--fit', '4000'));
const DIMS = opt('--dims', '64,128,256').split(',').map(Number);

const real = await loadSecugenFvc2002();
const mates = real.filter((r) => r.impression === 1);
const probes = real.filter((r) => r.impression !== 1);
const D = fingerVector(real[0].template).length;

// Fit: covariance of centred vectors, then top-k eigenvectors by subspace iteration.
const fit = [...backgroundGallery(1, NFIT)].map((t) => Float64Array.from(fingerVector(t)));
const C = new Float64Array(D * D);
for (const v of fit) {
  for (let i = 0; i < D; i++) {
    const vi = v[i];
    if (vi === 0) continue;
    const row = i * D;
    for (let j = i; j < D; j++) C[row + j] += vi * v[j];
  }
}
for (let i = 0; i < D; i++) for (let j = 0; j < i; j++) C[i * D + j] = C[j * D + i];
const K = Math.max(...DIMS);
let seed = 12345;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5);
let Q = Array.from({ length: K }, () => Float64Array.from({ length: D }, rnd));
const orthonormalise = (vs: Float64Array[]) => {
  for (let a = 0; a < vs.length; a++) {
    for (let b = 0; b < a; b++) {
      let d = 0;
      for (let i = 0; i < D; i++) d += vs[a][i] * vs[b][i];
      for (let i = 0; i < D; i++) vs[a][i] -= d * vs[b][i];
    }
    let n = 0;
    for (let i = 0; i < D; i++) n += vs[a][i] * vs[a][i];
    n = Math.sqrt(n) || 1;
    for (let i = 0; i < D; i++) vs[a][i] /= n;
  }
};
orthonormalise(Q);
for (let it = 0; it < 12; it++) {
  Q = Q.map((q) => {
    const z = new Float64Array(D);
    for (let i = 0; i < D; i++) {
      let s = 0;
      const row = i * D;
      for (let j = 0; j < D; j++) s += C[row + j] * q[j];
      z[i] = s;
    }
    return z;
  });
  orthonormalise(Q);
}
// Rayleigh quotients order the components (subspace iteration keeps them roughly sorted).
const project = (v: number[], k: number) => {
  const o = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    let s = 0;
    const q = Q[c];
    for (let i = 0; i < D; i++) s += q[i] * v[i];
    o[c] = s;
  }
  const n = Math.hypot(...o) || 1;
  return Array.from(o, (x) => x / n);
};

const G = [...mates.map((m) => fingerVector(m.template)), ...Array.from({ length: NB }, (_, i) => fingerVector(galleryTemplate(99, i)))];
const P = probes.map((p) => fingerVector(p.template));
const mateIndex = probes.map((p) => mates.findIndex((m) => m.finger === p.finger));

function ranks(gv: ArrayLike<number>[], pv: ArrayLike<number>[]): number[] {
  return pv.map((q, i) => {
    const sim = (g: ArrayLike<number>) => {
      let s = 0;
      for (let k = 0; k < q.length; k++) s += g[k] * q[k];
      return s;
    };
    const ms = sim(gv[mateIndex[i]]);
    let r = 1;
    for (let j = 0; j < gv.length; j++) if (j !== mateIndex[i] && sim(gv[j]) >= ms) r++;
    return r;
  });
}
function insertCpuMs(gv: number[][]): number {
  const idx = new hnswlib.HierarchicalNSW('cosine', gv[0].length);
  idx.initIndex({ maxElements: gv.length, m: 16, efConstruction: 100 });
  const c0 = process.cpuUsage();
  gv.forEach((v, i) => idx.addPoint(v, i));
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / gv.length;
}
const report = (name: string, r: number[], cpu: number) => {
  const at = (k: number) => ((100 * r.filter((x) => x <= k).length) / r.length).toFixed(1);
  console.log(`| ${name} | ${at(1)}% | ${at(10)}% | ${at(50)}% | ${at(200)}% | ${at(1000)}% | ${cpu.toFixed(2)} |`);
};
console.log(`mate rank among ${mates.length} mates + ${NB} generated; PCA fitted on ${NFIT} generated (seed 1)`);
console.log('| vector | top 1 | top 10 | top 50 | top 200 | top 1000 | HNSW insert CPU ms |');
console.log('|---|---|---|---|---|---|---|');
const sub = G.slice(0, 3000);
report(`centred ${D}-d`, ranks(G, P), insertCpuMs(sub));
for (const k of DIMS) {
  const gk = G.map((v) => project(v, k));
  report(`PCA ${k}-d`, ranks(gk, P.map((v) => project(v, k))), insertCpuMs(gk.slice(0, 3000)));
}
