/**
 * Fits the finger vector's projection (engine/fingerprint/identification/finger-vector-projection.ts): mean, leading
 * principal components and whitening scales of pair histograms.
 *
 *   npx tsx scripts/fit-finger-vector.ts --out FILE.bin [--count 8000] [--seed 1] [--dimensions 384] [--alpha 0.25]
 *       [--images DIR:PPI --fingers A-B [--mix]] [--features NAME]
 *
 * The shipped file (generated templates only, unweighted pairs; sha256 8003c102…): `--features pairs`
 * alone. Candidate 8 of docs/decisions/finger-vector-local.md (sha256 54b54374…; shipped 2026-12-02,
 * withdrawn 2026-12-03 for its 1M graph loss, docs/measurements/identification-1n.md):
 *   npx tsx scripts/eval/synthetic-background.ts --seed 25 --from 2001 --to 3500 --setting plain --png DIR
 *   npx tsx scripts/fit-finger-vector.ts --features pairs-quality-1 --mix --images DIR/plain:500 --fingers 2001-3500 --out FILE.bin
 * To ship a fit: pin the printed SHA-256 and the settings in
 * engine/fingerprint/identification/parameters.ts (FINGER_VECTOR.projection) and copy the file to
 * engine/fingerprint/identification/finger-vector-projection.bin. --out has no default, so that no
 * study fit overwrites the shipped file.
 *
 * --features: the input histogram, a name of finger-vector-local.ts (pairs, pairs-10-60,
 * pairs-10-150, triangles, pairs+triangles, pairs-quality-0.5 / 1 / 2; `pairs` by default).
 * Generated templates (fixtures/gallery, seed 1 by default — the benchmark's gallery uses seed
 * 20021), or with --images the F_I images of DIR whose finger F is in A–B through our extractor at
 * PPI, or with --mix both together. The FVC2002 templates the index is measured with never enter a fit.
 *
 * Method: covariance of the histograms, then the top components by subspace iteration (Golub &
 * Van Loan, Matrix Computations, §8.2.4 "orthogonal iteration") finished with a Rayleigh–Ritz step
 * (cyclic Jacobi on the small projected matrix, §8.5), so the components are eigenvectors ordered
 * by eigenvalue λ; each is scaled by (λ/λ₁)^−α.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { isLocalFeatureName, localFeatureVector } from '../engine/fingerprint/identification/finger-vector-local.js';
import { encodeProjection } from '../engine/fingerprint/identification/finger-vector-projection.js';
import type { FingerprintTemplate } from '../engine/fingerprint/template.js';
import { backgroundGallery } from '../fixtures/gallery/background-gallery.js';
import { folderTemplates, parseFolderSpec } from './eval/image-folders.js';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string) => {
  const i = argv.indexOf(name);
  return i >= 0 && i + 1 < argv.length ? argv[i + 1] : dflt;
};
const seed = Number(opt('--seed', '1'));
const K = Number(opt('--dimensions', '384'));
const alpha = Number(opt('--alpha', '0.25'));
const out = opt('--out', '');
if (!out) throw new Error('--out FILE.bin is required (the shipped file is pinned; see the header)');
const iterations = 12;

const t0 = Date.now();
const images = opt('--images', '');
async function fromImages(): Promise<FingerprintTemplate[]> {
  const { dir, ppi } = parseFolderSpec(images, `--images ${images}`);
  const [a, b] = opt('--fingers', '').split('-').map(Number);
  if (!(a <= b)) throw new Error('--images DIR:PPI needs --fingers A-B');
  const prints = await folderTemplates(dir, ppi, { keep: (s) => Number(s.finger) >= a && Number(s.finger) <= b });
  return prints.map((p) => p.template);
}
// --mix: the generated templates (--count, --seed) and the --images ones together (finger-vector-local.md, round 2).
const generated = (): FingerprintTemplate[] => [...backgroundGallery(seed, Number(opt('--count', '8000')))];
const templates = argv.includes('--mix') ? [...generated(), ...(await fromImages())] : images ? await fromImages() : generated();
const count = templates.length;
const features = opt('--features', 'pairs');
if (!isLocalFeatureName(features)) throw new Error(`--features ${features}: not a candidate of finger-vector-local.ts`);
const samples = templates.map((t) => Float64Array.from(localFeatureVector(features, t)));
const D = samples[0].length;
const mean = new Float64Array(D);
for (const v of samples) for (let i = 0; i < D; i++) mean[i] += v[i] / count;
const C = new Float64Array(D * D);
const x = new Float64Array(D);
for (const v of samples) {
  for (let i = 0; i < D; i++) x[i] = v[i] - mean[i];
  for (let i = 0; i < D; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const row = i * D;
    for (let j = i; j < D; j++) C[row + j] += xi * x[j];
  }
}
for (let i = 0; i < D; i++) for (let j = i; j < D; j++) C[j * D + i] = C[i * D + j] /= count;
console.log(`covariance of ${count} ${features} histograms (${D}-d): ${((Date.now() - t0) / 1000).toFixed(1)} s`);

// Orthogonal iteration on K columns (stored as rows of Q).
let rng = 12345;
const rand = () => ((rng = (rng * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5);
let Q: Float64Array[] = Array.from({ length: K }, () => Float64Array.from({ length: D }, rand));
const multiply = (q: Float64Array) => {
  const z = new Float64Array(D);
  for (let i = 0; i < D; i++) {
    let s = 0;
    const row = i * D;
    for (let j = 0; j < D; j++) s += C[row + j] * q[j];
    z[i] = s;
  }
  return z;
};
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
for (let it = 0; it < iterations; it++) {
  Q = Q.map(multiply);
  orthonormalise(Q);
}
// Rayleigh–Ritz: H = Qᵀ C Q (K × K), diagonalised by cyclic Jacobi; rotate Q by its eigenvectors.
const CQ = Q.map(multiply);
const H = new Float64Array(K * K);
for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) {
  let s = 0;
  for (let i = 0; i < D; i++) s += Q[a][i] * CQ[b][i];
  H[a * K + b] = s;
}
const V = new Float64Array(K * K);
for (let a = 0; a < K; a++) V[a * K + a] = 1;
for (let sweep = 0; sweep < 30; sweep++) {
  let off = 0;
  for (let p = 0; p < K; p++) for (let q = p + 1; q < K; q++) off += H[p * K + q] ** 2;
  if (off < 1e-22) break;
  for (let p = 0; p < K; p++) {
    for (let q = p + 1; q < K; q++) {
      const hpq = H[p * K + q];
      if (Math.abs(hpq) < 1e-18) continue;
      const theta = (H[q * K + q] - H[p * K + p]) / (2 * hpq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const s = t * c;
      for (let k = 0; k < K; k++) {
        const hkp = H[k * K + p];
        const hkq = H[k * K + q];
        H[k * K + p] = c * hkp - s * hkq;
        H[k * K + q] = s * hkp + c * hkq;
      }
      for (let k = 0; k < K; k++) {
        const hpk = H[p * K + k];
        const hqk = H[q * K + k];
        H[p * K + k] = c * hpk - s * hqk;
        H[q * K + k] = s * hpk + c * hqk;
      }
      for (let k = 0; k < K; k++) {
        const vkp = V[k * K + p];
        const vkq = V[k * K + q];
        V[k * K + p] = c * vkp - s * vkq;
        V[k * K + q] = s * vkp + c * vkq;
      }
    }
  }
}
const order = Array.from({ length: K }, (_, k) => k).sort((a, b) => H[b * K + b] - H[a * K + a]);
const lambda = order.map((k) => Math.max(H[k * K + k], 1e-12));
const basis = new Float32Array(D * K);
order.forEach((k, c) => {
  for (let i = 0; i < D; i++) {
    let s = 0;
    for (let a = 0; a < K; a++) s += Q[a][i] * V[a * K + k];
    basis[i * K + c] = s;
  }
});
const scale = Float32Array.from(lambda, (l) => (l / lambda[0]) ** -alpha);
const bytes = encodeProjection({ inputDimension: D, outputDimension: K, mean: Float32Array.from(mean), scale, basis });
writeFileSync(out, bytes);
const explained = lambda.reduce((a, b) => a + b, 0) / Array.from({ length: D }, (_, i) => C[i * D + i]).reduce((a, b) => a + b, 0);
console.log(`wrote ${out}: ${D} → ${K}, alpha ${alpha}, variance kept ${(100 * explained).toFixed(1)}%, λ1 ${lambda[0].toExponential(3)}, λK ${lambda[K - 1].toExponential(3)}; ${((Date.now() - t0) / 1000).toFixed(1)} s`);
console.log(`sha256 ${createHash('sha256').update(bytes).digest('hex')}`);
