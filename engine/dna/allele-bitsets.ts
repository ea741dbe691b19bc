/**
 * Allele bitsets of one locus column: for every allele code, one bit per record ordinal set when
 * the record's genotype at the locus holds that allele; and one more bitset, `open`, for the
 * records whose genotype there cannot be judged from two codes (untyped, a wildcard, overflow).
 *
 * A query locus with concrete alleles Q (no wildcard) does not mismatch a record, at any
 * stringency, only if the record shares an allele of Q or is open there: MODERATE and HIGH ask
 * more than LOW's "one allele in common". So `open | ⋃_{a ∈ Q} allele[a]` is a superset of the
 * records that do not mismatch, and the AND of these over the query loci, 32 records per step,
 * leaves few records to check on the columns. This is the LOW-stringency plan, where each locus
 * alone rejects too few records for posting lists to pay (see dna-index.ts).
 *
 * Kept current on every add and remove (two bits per record per locus). Removed records have no
 * bit set, so they drop out at the first locus.
 *
 * Thread safety: none needed; owned by one DnaIndex.
 */

export class AlleleBitsets {
  private words: number;
  /** Per allele code (1..254): the records holding it; undefined until the allele is first seen. */
  private readonly alleles: (Uint32Array | undefined)[] = [];
  /** Records untyped, with a wildcard, or with an overflow genotype at this locus. */
  private openSet: Uint32Array;

  constructor(capacity: number) {
    this.words = Math.ceil(capacity / 32);
    this.openSet = new Uint32Array(this.words);
  }

  reserve(capacity: number): void {
    const words = Math.ceil(capacity / 32);
    if (words <= this.words) return;
    const grow = (a: Uint32Array): Uint32Array => {
      const b = new Uint32Array(words);
      b.set(a);
      return b;
    };
    this.openSet = grow(this.openSet);
    for (let c = 0; c < this.alleles.length; c++) {
      const a = this.alleles[c];
      if (a !== undefined) this.alleles[c] = grow(a);
    }
    this.words = words;
  }

  /**
   * Sets (on) or clears the bits of the record at `ordinal` whose genotype there is `key`
   * (two codes, or UNTYPED / OVERFLOW), `wildcardCode` being the column's wildcard code (0: none).
   */
  mark(ordinal: number, key: number, wildcardCode: number, on: boolean): void {
    const w = ordinal >>> 5;
    const bit = 1 << (ordinal & 31);
    const x = key >>> 8;
    const y = key & 0xff;
    const set = (a: Uint32Array): void => {
      if (on) a[w] |= bit;
      else a[w] &= ~bit;
    };
    if (key === 0 || key === 0xffff || x === 0 || (wildcardCode !== 0 && (x === wildcardCode || y === wildcardCode))) {
      set(this.openSet);
      if (key === 0 || key === 0xffff) return;
    }
    for (const code of x === y ? [x] : [x, y]) {
      if (code === wildcardCode) continue;
      let a = this.alleles[code];
      if (a === undefined) {
        if (!on) continue;
        a = this.alleles[code] = new Uint32Array(this.words);
      }
      set(a);
    }
  }

  /** The records holding allele `code`, or undefined when none ever did. */
  allele(code: number): Uint32Array | undefined {
    return this.alleles[code];
  }

  get open(): Uint32Array {
    return this.openSet;
  }

  bytes(): number {
    let n = this.openSet.byteLength;
    for (const a of this.alleles) n += a?.byteLength ?? 0;
    return n;
  }
}
