/**
 * Local similarities of every compatible cylinder pair (MCC §4.1, bit-based form of eq. 17):
 *   λ(a, b) = 1 − |(ca XOR cb) AND m| / (|ca AND m| + |cb AND m|),  m = valid(a) AND valid(b).
 * Because a cell bit is set only inside its own cylinder's valid area, (ca XOR cb) AND m has
 * |ca∧vb| + |cb∧va| − 2|ca∧cb| bits, so λ = 2|ca∧cb| / (|ca∧vb| + |cb∧va|): three popcounts per word.
 * Pairs whose directions differ by more than δθ, or with too few commonly valid cells (minME), are
 * not comparable and get no entry.
 *
 * The output is a list of candidate pairs packed as one Uint32 each: the similarity quantised to
 * 18 bits above two 7-bit minutia indices, so a typed-array sort orders them by similarity with no
 * allocation.
 */
import { DIRECTION_CELLS, MAX_DIRECTION_DIFFERENCE, MIN_MATCHABLE_CELLS } from './parameters.js';
import { COUNT_PLANES, CYLINDER_WORDS, DISC_CELLS, LAYER_WORDS, PLANE_WORDS, type PreparedTemplate, popcount } from './prepared-template.js';

export const SIMILARITY_LEVELS = (1 << 18) - 1;
export const INDEX_BITS = 7;
export const INDEX_MASK = (1 << INDEX_BITS) - 1;
const MIN_COS = Math.cos(MAX_DIRECTION_DIFFERENCE) - 1e-6;
/** minME as a cell count: a fraction of the cells of the cylinder's base disc. */
const MIN_COMMON = MIN_MATCHABLE_CELLS * DISC_CELLS;

/** Writes the packed comparable pairs with λ > 0 into `out`; returns how many. */
export function localSimilarities(a: PreparedTemplate, b: PreparedTemplate, out: Uint32Array): number {
  const na = a.count;
  const nb = b.count;
  const aCells = a.cells;
  const bCells = b.cells;
  const aValid = a.valid;
  const bValid = b.valid;
  const aPlanes = a.planes;
  const bPlanes = b.planes;
  const aCos = a.cos;
  const aSin = a.sin;
  const bCos = b.cos;
  const bSin = b.sin;
  let found = 0;
  for (let i = 0; i < na; i++) {
    const ci = aCos[i];
    const si = aSin[i];
    const aw = i * CYLINDER_WORDS;
    const av = i * LAYER_WORDS;
    for (let j = 0; j < nb; j++) {
      if (ci * bCos[j] + si * bSin[j] < MIN_COS) continue;
      const bv = j * LAYER_WORDS;
      let common = 0;
      for (let w = 0; w < LAYER_WORDS; w++) common += popcount(aValid[av + w] & bValid[bv + w]);
      if (common < MIN_COMMON) continue;
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
      // |ca ∧ vb| and |cb ∧ va| from the count planes.
      let nA = 0;
      let nB = 0;
      const ap = i * PLANE_WORDS;
      const bp = j * PLANE_WORDS;
      for (let p = 0; p < COUNT_PLANES; p++) {
        let sa = 0;
        let sb = 0;
        for (let w = 0; w < LAYER_WORDS; w++) {
          sa += popcount(aPlanes[ap + p * LAYER_WORDS + w] & bValid[bv + w]);
          sb += popcount(bPlanes[bp + p * LAYER_WORDS + w] & aValid[av + w]);
        }
        nA += sa << p;
        nB += sb << p;
      }
      const denominator = nA + nB;
      if (denominator === 0) continue;
      const lambda = (2 * nAB) / denominator;
      out[found++] = ((Math.round(lambda * SIMILARITY_LEVELS) << (2 * INDEX_BITS)) | (i << INDEX_BITS) | j) >>> 0;
    }
  }
  return found;
}
