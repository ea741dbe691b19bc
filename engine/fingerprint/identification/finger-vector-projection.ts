/**
 * The fitted linear map of the finger vector (engine/fingerprint/identification/finger-vector.ts): subtract the
 * population mean of pair histograms, project onto the leading principal components, and scale
 * each component by λ^−α (partial PCA whitening). Whitening is what made the histogram a usable
 * retrieval key at a million records: components of large variance are common to all prints
 * (pattern class, print size) and swamp the ones that tell fingers apart; scaling them down lets
 * the rarer structure count (Jégou & Chum 2012, "Negative evidence and co-occurrences in image
 * retrieval: the benefit of PCA and whitening", §3; measured in parameters.ts).
 *
 * The map is data, fitted by `npx tsx scripts/fit-finger-vector.ts` on generated background
 * (fixtures/gallery, seed 1; never on the FVC templates the accuracy is measured with) and
 * shipped as `engine/fingerprint/identification/finger-vector-projection.bin`. Its SHA-256 is pinned in
 * parameters.ts: a refit changes the vector, so the pinned hash (and with it FINGER_VECTOR_ID,
 * which saved indexes are checked against) must change with it.
 *
 * File layout (little-endian): ASCII "BMFVPCA1"; u32 input dimension D; u32 output dimension K;
 * f32 mean[D]; f32 scale[K]; f32 basis[D][K] (row i: component loadings of input i, so a sparse
 * histogram projects at the cost of its non-zero entries).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineError } from '../../errors.js';

export const PROJECTION_MAGIC = 'BMFVPCA1';
const FILE_NAME = 'finger-vector-projection.bin';

export interface FingerVectorProjection {
  readonly inputDimension: number;
  readonly outputDimension: number;
  readonly mean: Float32Array;
  readonly scale: Float32Array;
  /** inputDimension × outputDimension, row-major by input. */
  readonly basis: Float32Array;
}

/** Serialises a projection in the file layout above. */
export function encodeProjection(p: FingerVectorProjection): Buffer {
  const D = p.inputDimension;
  const K = p.outputDimension;
  const out = Buffer.alloc(8 + 8 + 4 * (D + K + D * K));
  out.write(PROJECTION_MAGIC, 0, 'ascii');
  out.writeUInt32LE(D, 8);
  out.writeUInt32LE(K, 12);
  let o = 16;
  for (const arr of [p.mean, p.scale, p.basis]) {
    for (let i = 0; i < arr.length; i++, o += 4) out.writeFloatLE(arr[i], o);
  }
  return out;
}

/** Parses the file layout above; refuses anything else (INTERNAL: a shipped file is broken). */
export function decodeProjection(bytes: Uint8Array): FingerVectorProjection {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const broken = (why: string) => EngineError.internal(`finger vector projection file is unusable: ${why}`);
  if (buf.length < 16 || buf.toString('ascii', 0, 8) !== PROJECTION_MAGIC) throw broken('wrong magic');
  const D = buf.readUInt32LE(8);
  const K = buf.readUInt32LE(12);
  if (D === 0 || K === 0 || K > D || buf.length !== 16 + 4 * (D + K + D * K)) throw broken('dimensions do not fit the length');
  const floats = new Float32Array(D + K + D * K);
  for (let i = 0; i < floats.length; i++) floats[i] = buf.readFloatLE(16 + 4 * i);
  if (!floats.every(Number.isFinite)) throw broken('non-finite value');
  return { inputDimension: D, outputDimension: K, mean: floats.subarray(0, D), scale: floats.subarray(D, D + K), basis: floats.subarray(D + K) };
}

/** The shipped file: <project root>/engine/fingerprint/identification/, found from this module there or in dist/. */
export function projectionPath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'engine', 'fingerprint', 'identification', FILE_NAME);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  throw EngineError.internal(`${FILE_NAME} not found above ${fileURLToPath(import.meta.url)}`);
}

let cached: { sha256: string; projection: FingerVectorProjection } | undefined;

/** The shipped projection, read once and checked against the pinned SHA-256. */
export function shippedProjection(expectedSha256: string): FingerVectorProjection {
  if (cached?.sha256 === expectedSha256) return cached.projection;
  const bytes = readFileSync(projectionPath());
  const sha = createHash('sha256').update(bytes).digest('hex');
  if (sha !== expectedSha256) {
    throw EngineError.internal(`finger vector projection file has SHA-256 ${sha.slice(0, 12)}…, parameters.ts pins ${expectedSha256.slice(0, 12)}…; refit or restore it`);
  }
  cached = { sha256: sha, projection: decodeProjection(bytes) };
  return cached.projection;
}

/**
 * A histogram through `p`, as fingerVector maps it: the zero vector (no direction to compare) for an
 * empty histogram, else applyProjection. For study inputs and projection files other than the shipped.
 */
export function projectHistogram(p: FingerVectorProjection, raw: ArrayLike<number>): number[] {
  for (let i = 0; i < raw.length; i++) if (raw[i] !== 0) return applyProjection(p, raw);
  return new Array<number>(p.outputDimension).fill(0);
}

/**
 * out = normalise(scale ⊙ (basisᵀ (v − mean))). Zero entries of v still contribute −mean, so
 * the mean term is folded in once: basisᵀ mean is precomputed per projection.
 */
const meanTerms = new WeakMap<FingerVectorProjection, Float64Array>();
export function applyProjection(p: FingerVectorProjection, v: ArrayLike<number>): number[] {
  const D = p.inputDimension;
  const K = p.outputDimension;
  let mt = meanTerms.get(p);
  if (!mt) {
    mt = new Float64Array(K);
    for (let i = 0; i < D; i++) {
      const m = p.mean[i];
      const row = i * K;
      for (let k = 0; k < K; k++) mt[k] += m * p.basis[row + k];
    }
    meanTerms.set(p, mt);
  }
  const acc = new Float64Array(K);
  for (let i = 0; i < D; i++) {
    const x = v[i];
    if (x === 0) continue;
    const row = i * K;
    for (let k = 0; k < K; k++) acc[k] += x * p.basis[row + k];
  }
  let norm = 0;
  for (let k = 0; k < K; k++) {
    const y = (acc[k] - mt[k]) * p.scale[k];
    acc[k] = y;
    norm += y * y;
  }
  const s = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const out = new Array<number>(K);
  for (let k = 0; k < K; k++) out[k] = acc[k] * s;
  return out;
}
