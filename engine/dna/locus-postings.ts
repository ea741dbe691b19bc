/**
 * Posting lists of one locus column: for every genotype key, the ordinals of the records holding
 * it, so a search can start from the records that do not mismatch its rarest locus instead of
 * scanning every record.
 *
 * Layout: records are cut into blocks of POSTING_BLOCK ordinals. Within a block the records are
 * counting-sorted by key: `lows` holds each record's ordinal minus the block base (2 bytes), key
 * after key, and the block's `offsets` say where each key's run starts. Keys are numbered densely
 * per locus (`slotOf`), so a block's offsets cost 4 bytes per distinct key, not per possible key.
 * Every slot of the column is listed under exactly one key, UNTYPED (0) and OVERFLOW included, so
 * "the records that do not mismatch at this locus" is a union of runs.
 *
 * Freshness: a block is built from the column as it is at build time. Removing a record leaves it
 * listed under its old key, which is harmless because the search checks every candidate against
 * the columns and the live flag. Adding a record (a new ordinal or a reused one) marks its block
 * stale (`touch`); a search rebuilds stale blocks before it reads them (`ensureBuilt`), so a
 * search always reads postings that list every live record under its current key.
 *
 * Thread safety: none needed; owned by one DnaIndex (see dna-index.ts).
 */

/**
 * Ordinals per block, as a power of two ≤ 16 so an offset within a block fits 2 bytes. 16K: a
 * block's slice of a key column (32 KB) stays in cache while its candidates are checked, and a
 * block rebuilt after an add costs well under a millisecond.
 */
export const POSTING_BLOCK_BITS = 14;

export class LocusPostings {
  /** Dense slot per key (-1: never seen) and the key of each slot. */
  private readonly slotOf = new Int32Array(65536).fill(-1);
  private readonly keyOfSlot: number[] = [];
  /** Per block: the start of each slot's run in `lows` (relative to the block base), one more at the end. */
  private offsets: (Uint32Array | undefined)[] = [];
  /** Per block: 1 when it must be rebuilt before it is read. */
  private stale = new Uint8Array(0);
  private lows = new Uint16Array(0);

  readonly blockBits: number;
  readonly blockSize: number;

  constructor(capacity: number, blockBits = POSTING_BLOCK_BITS) {
    if (!(Number.isInteger(blockBits) && blockBits >= 0 && blockBits <= 16)) throw new RangeError('posting block bits must be 0..16');
    this.blockBits = blockBits;
    this.blockSize = 1 << blockBits;
    this.reserve(capacity);
  }

  /** Room for `n` ordinals. */
  reserve(n: number): void {
    const blocks = Math.ceil(n / this.blockSize);
    if (blocks * this.blockSize <= this.lows.length) return;
    const lows = new Uint16Array(blocks * this.blockSize);
    lows.set(this.lows);
    this.lows = lows;
    const stale = new Uint8Array(blocks).fill(1);
    stale.set(this.stale);
    this.stale = stale;
  }

  /** The record at `ordinal` changed: its block is rebuilt before the next read. */
  touch(ordinal: number): void {
    this.stale[ordinal >>> this.blockBits] = 1;
  }

  /** Rebuilds every stale block below `highWater` from `keys`. */
  ensureBuilt(keys: Uint16Array, highWater: number): void {
    const nBlocks = Math.ceil(highWater / this.blockSize);
    for (let b = 0; b < nBlocks; b++) if (this.stale[b] === 1) this.build(b, keys, highWater);
  }

  private build(b: number, keys: Uint16Array, highWater: number): void {
    const base = b * this.blockSize;
    const end = Math.min(highWater, base + this.blockSize);
    const slotOf = this.slotOf;
    for (let i = base; i < end; i++) {
      const k = keys[i];
      if (slotOf[k] < 0) {
        slotOf[k] = this.keyOfSlot.length;
        this.keyOfSlot.push(k);
      }
    }
    const n = this.keyOfSlot.length;
    const off = new Uint32Array(n + 1);
    for (let i = base; i < end; i++) off[slotOf[keys[i]] + 1]++;
    for (let s = 0; s < n; s++) off[s + 1] += off[s];
    const fill = off.slice(0, n);
    const lows = this.lows;
    for (let i = base; i < end; i++) lows[base + fill[slotOf[keys[i]]]++] = i - base;
    this.offsets[b] = off;
    // A block that is not full yet is rebuilt when the next record lands in it (touch).
    this.stale[b] = 0;
  }

  /** Slots (dense key numbers) seen so far, with their keys. */
  get slots(): number {
    return this.keyOfSlot.length;
  }

  keyOf(slot: number): number {
    return this.keyOfSlot[slot];
  }

  /** Block `b`'s offsets (call after ensureBuilt); slots past its end have empty runs. */
  blockOffsets(b: number): Uint32Array {
    return this.offsets[b] as Uint32Array;
  }

  get lowOrdinals(): Uint16Array {
    return this.lows;
  }

  bytes(): number {
    let n = this.lows.byteLength + this.slotOf.byteLength + this.stale.byteLength;
    for (const o of this.offsets) n += o?.byteLength ?? 0;
    return n;
  }
}
