/**
 * Local similarities of every compatible cylinder pair (MCC §4.1).
 *
 * The paper's bit-based similarity (eq. 17 on binary cells) normalises by the cells valid in both
 * cylinders: λ = 1 − |(ca XOR cb) ∧ m| / (|ca ∧ m| + |cb ∧ m|), m = valid(a) ∧ valid(b), which for
 * cells set only inside their own valid area is 2|ca∧cb| / (|ca∧vb| + |cb∧va|). We use the Dice form
 * without the mask, λ = 2|ca∧cb| / (|ca| + |cb|): on the eight FVC2002 sets (SecuGen templates and
 * our extractor's) its mean extended-protocol EER was 2.69% against 2.72% with the mask, at a third
 * of the popcounts (one per word instead of three); the minME test (§4.1) never rejected a pair
 * there and is dropped with the mask. The figures are in docs/measurements/matching.md.
 * Pairs whose directions differ by more than δθ are not comparable and get no entry.
 *
 * The output is a list of candidate pairs packed as one Uint32 each: the similarity quantised to
 * 18 bits above two 7-bit minutia indices, so a typed-array sort orders them by similarity with no
 * allocation.
 */
import { MAX_DIRECTION_DIFFERENCE } from './parameters.js';
import { CYLINDER_WORDS, type PreparedTemplate } from './prepared-template.js';
import { roundHalfUp } from './round-half-up.js';

export const SIMILARITY_LEVELS = (1 << 18) - 1;
export const INDEX_BITS = 7;
export const INDEX_MASK = (1 << INDEX_BITS) - 1;
/** cos δθ: pairs whose direction vectors have a smaller dot product are not compared (§4.1). */
export const DEFAULT_MIN_COS = Math.cos(MAX_DIRECTION_DIFFERENCE) - 1e-6;

/**
 * Writes the packed comparable pairs with λ > 0 into `out`; returns how many. `minCos` is cos δθ;
 * −2 compares every pair (any rotation, about twice the work). The JavaScript loop: the reference,
 * and the fallback where WebAssembly SIMD is missing (local-similarity-simd.ts gives the same bits).
 */
export function localSimilarities(a: PreparedTemplate, b: PreparedTemplate, out: Uint32Array, minCos: number = DEFAULT_MIN_COS): number {
  const na = a.count;
  const nb = b.count;
  const aCells = a.cells;
  const bCells = b.cells;
  const aTotal = a.total;
  const bTotal = b.total;
  const aCos = a.cos;
  const aSin = a.sin;
  const bCos = b.cos;
  const bSin = b.sin;
  let found = 0;
  for (let i = 0; i < na; i++) {
    const ci = aCos[i];
    const si = aSin[i];
    const aw = i * CYLINDER_WORDS;
    for (let j = 0; j < nb; j++) {
      if (ci * bCos[j] + si * bSin[j] < minCos) continue;
      const bw = j * CYLINDER_WORDS;
      // |ca ∧ cb|: popcounts summed per byte (three SWAR steps per word, one multiply at the end);
      // a byte gains at most 8 per word, so chunks of up to 31 words add without overflow.
      let nAB = 0;
      for (let start = 0; start < CYLINDER_WORDS; start += 31) {
        const end = start + 31 < CYLINDER_WORDS ? start + 31 : CYLINDER_WORDS;
        let acc = 0;
        for (let w = start; w < end; w++) {
          let v = aCells[aw + w] & bCells[bw + w];
          v = v - ((v >>> 1) & 0x55555555);
          v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
          acc += (v + (v >>> 4)) & 0x0f0f0f0f;
        }
        acc = (acc & 0x00ff00ff) + ((acc >>> 8) & 0x00ff00ff);
        nAB += (acc & 0xffff) + (acc >>> 16);
      }
      if (nAB === 0) continue;
      const lambda = (2 * nAB) / (aTotal[i] + bTotal[j]);
      out[found++] = ((roundHalfUp(lambda * SIMILARITY_LEVELS) << (2 * INDEX_BITS)) | (i << INDEX_BITS) | j) >>> 0;
    }
  }
  return found;
}
