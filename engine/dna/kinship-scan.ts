/**
 * The kinship scan over the index's columns, block by block and a few loci at a time: for a block
 * of records, the running product of each record's per-locus bound factors is kept in a
 * Float64Array and multiplied by four loci's factors per pass; after each pass the records whose
 * product times the largest the remaining loci could still give (`reach`) is below `floor` leave
 * the block's survivor list, which is compacted in place (no branch: the write index advances by
 * the comparison). What is left after the last locus is handed to `survivor` in ordinal order,
 * where the caller applies its filters and computes the exact product.
 *
 * Why (measured: docs/decisions/dna-exact-search.md, "Kinship at 10M"): visiting one record at a
 * time costs a closure call, a 2-D array lookup and a NaN test per locus per record; here the
 * inner loop is four column reads, four table reads, four multiplies and one compare over a
 * short array that stays in cache, and the columns are read in order.
 *
 * The bound is the one the per-record visit uses (dna-index.ts kinshipSearch): `bounds[t][key]` is
 * the locus factor for a key (1 where the locus is untyped or unusable, +Infinity for an overflow
 * genotype, which then always survives to the exact check), `reach[t + 1]` the product of the
 * largest factors of loci t + 1 .. n − 1, and a record is dropped only when `product × reach <
 * floor`, floor carrying the caller's margin for rounding. Dropping fewer records is always safe:
 * the survivors are checked exactly.
 *
 * Pure: no index state, no threads; ordinals are the column positions.
 */

/** Records per block: the block's products and survivor ordinals (12 bytes each) stay in L1/L2. */
export const KINSHIP_SCAN_BLOCK = 4096;

/**
 * Loci multiplied per pass over the survivors: fewer passes, reads and writes of the survivor
 * list. Measured at 1M (decisions/dna-exact-search.md): 4 beats 2 and 1, also once the bound has
 * begun to drop records.
 */
export const KINSHIP_SCAN_GROUP = 4;

/** Bound factors of 1 for every key: the first pass's padding when fewer than four loci are used. */
const ONES = new Float64Array(65536).fill(1);

export interface KinshipScanInput {
  /** Per locus in pruning order: the column (genotype key per ordinal). */
  readonly keys: readonly Uint16Array[];
  /**
   * Per locus in pruning order: the bound factor per key, ≥ the locus's exact factor, never 0 (a
   * NaN drops the record, as a NaN exact product fails the threshold).
   */
  readonly bounds: readonly Float64Array[];
  /** reach[t]: the largest product loci t .. n − 1 can still give; reach[n] = 1. */
  readonly reach: Float64Array;
  /** Records below this (already lowered by the rounding margin) are dropped. */
  readonly floor: number;
  /** Ordinals start ≤ i < end are scanned. */
  readonly start: number;
  readonly end: number;
  /** Records per block (tests use small blocks so that survivors cross block borders). */
  readonly block?: number;
  /** Loci multiplied per pass (1–4; default KINSHIP_SCAN_GROUP). */
  readonly group?: number;
  /**
   * When given, only the ordinals it admits are scanned (the block is filtered first): for
   * searches that apply to a small part of the records (a kind, a viewer's own records).
   */
  readonly admit?: (i: number) => boolean;
}

/**
 * Calls `survivor(i)` in ascending order for every ordinal in [start, end) that the bound does not
 * drop. `interrupt`, when given, is called before every `interruptEvery` records; it throws to
 * abandon the scan.
 */
export function scanKinshipColumns(input: KinshipScanInput, survivor: (i: number) => void, interrupt?: () => void, interruptEvery = 1 << 16): void {
  const { keys, bounds, reach, floor, start, end, admit } = input;
  const n = keys.length;
  const block = Math.max(1, Math.min(input.block ?? KINSHIP_SCAN_BLOCK, Math.max(1, end - start)));
  const wide = Math.max(1, Math.min(4, input.group ?? KINSHIP_SCAN_GROUP));
  const ids = new Int32Array(block);
  const prod = new Float64Array(block);
  let sinceInterrupt = interruptEvery;
  for (let b = start; b < end; b += block) {
    if (sinceInterrupt >= interruptEvery) {
      interrupt?.();
      sinceInterrupt = 0;
    }
    sinceInterrupt += block;
    const size = Math.min(block, end - b);
    let m = 0;
    let t = 0;
    if (n === 0) {
      for (let i = b; i < b + size; i++) if (admit === undefined || admit(i)) survivor(i);
      continue;
    }
    if (admit !== undefined) {
      // Filtered first: the passes below start from the admitted records, at the first locus.
      for (let i = b, e = b + size; i < e; i++) {
        if (!admit(i)) continue;
        ids[m] = i;
        prod[m] = 1;
        m++;
      }
    } else {
      // The first pass reads the columns straight (every record of the block is still in).
      const g = Math.min(wide, n);
      const r = reach[g];
      const c0 = keys[0], c1 = keys[g > 1 ? 1 : 0], c2 = keys[g > 2 ? 2 : 0], c3 = keys[g > 3 ? 3 : 0];
      const b0 = bounds[0], b1 = g > 1 ? bounds[1] : ONES, b2 = g > 2 ? bounds[2] : ONES, b3 = g > 3 ? bounds[3] : ONES;
      for (let i = b, e = b + size; i < e; i++) {
        const p = b0[c0[i]] * b1[c1[i]] * (b2[c2[i]] * b3[c3[i]]);
        ids[m] = i;
        prod[m] = p;
        m += p * r >= floor ? 1 : 0;
      }
      t = g;
    }
    while (t < n && m > 0) {
      const g = Math.min(wide, n - t);
      const r = reach[t + g];
      let w = 0;
      if (g === 4) {
        const c0 = keys[t], c1 = keys[t + 1], c2 = keys[t + 2], c3 = keys[t + 3];
        const b0 = bounds[t], b1 = bounds[t + 1], b2 = bounds[t + 2], b3 = bounds[t + 3];
        for (let k = 0; k < m; k++) {
          const i = ids[k];
          const p = prod[k] * b0[c0[i]] * b1[c1[i]] * (b2[c2[i]] * b3[c3[i]]);
          ids[w] = i;
          prod[w] = p;
          w += p * r >= floor ? 1 : 0;
        }
      } else if (g === 3) {
        const c0 = keys[t], c1 = keys[t + 1], c2 = keys[t + 2];
        const b0 = bounds[t], b1 = bounds[t + 1], b2 = bounds[t + 2];
        for (let k = 0; k < m; k++) {
          const i = ids[k];
          const p = prod[k] * b0[c0[i]] * (b1[c1[i]] * b2[c2[i]]);
          ids[w] = i;
          prod[w] = p;
          w += p * r >= floor ? 1 : 0;
        }
      } else if (g === 2) {
        const c0 = keys[t], c1 = keys[t + 1];
        const b0 = bounds[t], b1 = bounds[t + 1];
        for (let k = 0; k < m; k++) {
          const i = ids[k];
          const p = prod[k] * (b0[c0[i]] * b1[c1[i]]);
          ids[w] = i;
          prod[w] = p;
          w += p * r >= floor ? 1 : 0;
        }
      } else {
        const c0 = keys[t];
        const b0 = bounds[t];
        for (let k = 0; k < m; k++) {
          const i = ids[k];
          const p = prod[k] * b0[c0[i]];
          ids[w] = i;
          prod[w] = p;
          w += p * r >= floor ? 1 : 0;
        }
      }
      m = w;
      t += g;
    }
    for (let k = 0; k < m; k++) survivor(ids[k]);
  }
}
