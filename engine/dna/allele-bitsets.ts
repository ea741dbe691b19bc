/**
 * Allele bitsets of one locus column: for every allele code, one bit per record ordinal set when
 * the record's genotype at the locus holds that allele; `homozygous` for genotypes of one allele;
 * and `open` for the records whose genotype there cannot be judged from two codes (untyped, a
 * wildcard, overflow).
 *
 * For a query locus with concrete alleles (A, B), or (A) alone, and a record of one or two
 * concrete alleles (locus-comparison.ts), the records that do not mismatch are exactly:
 * - LOW:      A | B                         (one allele in common)
 * - MODERATE: A & B | (A | B) & homozygous  (het query; C ⊇ Q or C ⊆ Q) — A alone for (A)
 * - HIGH:     A & B                         (het) — A & homozygous for (A)
 * and every open record is let through. Each has the form `open | x & y | (x | y) & z`
 * (`filterSets`: z is homozygous for MODERATE, all zero where the term is not needed, all ones for
 * LOW's A | B), so a search ANDs one such word per query locus, 32 records per step, three or four
 * loads each, and checks the few records left on the columns (see dna-index.ts).
 *
 * Kept current on every add and remove (two bits per record per locus). Removed records have no
 * bit set, so they drop out at the first locus.
 *
 * Thread safety: none needed; owned by one DnaIndex.
 */

/**
 * All ones, shared by every locus and index and only read: the `z` of LOW's A | B. Grown on demand;
 * its bits past a caller's records must be masked off by the caller (dna-index.ts visitBitsets).
 */
let allOnes = new Uint32Array(0);
function onesOf(words: number): Uint32Array {
  if (allOnes.length < words) allOnes = new Uint32Array(words).fill(0xffffffff);
  return allOnes;
}

export class AlleleBitsets {
  private words: number;
  /** Per allele code (1..254): the records holding it; undefined until the allele is first seen. */
  private readonly alleles: (Uint32Array | undefined)[] = [];
  /** Records untyped, with a wildcard, or with an overflow genotype at this locus. */
  private openSet: Uint32Array;
  /** Records with one concrete allele (written once or twice) and no wildcard. */
  private homozygousSet: Uint32Array;
  /** All zero: what an allele no record holds contributes. */
  private none: Uint32Array;

  constructor(capacity: number) {
    this.words = Math.ceil(capacity / 32);
    this.openSet = new Uint32Array(this.words);
    this.homozygousSet = new Uint32Array(this.words);
    this.none = new Uint32Array(this.words);
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
    this.homozygousSet = grow(this.homozygousSet);
    this.none = new Uint32Array(words);
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
    let target: Uint32Array;
    if (key === 0 || key === 0xffff || x === 0 || (wildcardCode !== 0 && (x === wildcardCode || y === wildcardCode))) {
      target = this.openSet;
      if (on) target[w] |= bit;
      else target[w] &= ~bit;
      if (key === 0 || key === 0xffff) return;
    } else if (x === y) {
      target = this.homozygousSet;
      if (on) target[w] |= bit;
      else target[w] &= ~bit;
    }
    for (let k = 0; k < 2; k++) {
      const code = k === 0 ? x : y;
      if (code === wildcardCode || (k === 1 && y === x)) continue;
      let a = this.alleles[code];
      if (a === undefined) {
        if (!on) continue;
        a = this.alleles[code] = new Uint32Array(this.words);
      }
      if (on) a[w] |= bit;
      else a[w] &= ~bit;
    }
  }

  /**
   * The three sets (x, y, z) with `open | x & y | (x | y) & z` the records that do not mismatch a
   * query genotype of concrete alleles `codes` (one or two; 0 or undefined for an allele the index
   * has never seen) at `stringency` (see the table above). LOW with two alleles returns the
   * shared all-ones set as z, longer than this locus's words and set past its records.
   */
  filterSets(codes: readonly (number | undefined)[], stringency: 'high' | 'moderate' | 'low'): [Uint32Array, Uint32Array, Uint32Array] {
    const a = (codes[0] ? this.alleles[codes[0]] : undefined) ?? this.none;
    if (codes.length === 1) {
      // A & homozygous; A (A & A | A & A: z = A reads no third array).
      if (stringency === 'high') return [a, this.homozygousSet, this.none];
      return [a, a, a];
    }
    const b = (codes[1] ? this.alleles[codes[1]] : undefined) ?? this.none;
    if (stringency === 'low') return [a, b, onesOf(this.words)];
    if (stringency === 'high') return [a, b, this.none];
    return [a, b, this.homozygousSet];
  }

  /** The records holding allele `code`, or undefined when none ever did. */
  allele(code: number): Uint32Array | undefined {
    return this.alleles[code];
  }

  get open(): Uint32Array {
    return this.openSet;
  }

  bytes(): number {
    let n = this.openSet.byteLength + this.homozygousSet.byteLength + this.none.byteLength;
    for (const a of this.alleles) n += a?.byteLength ?? 0;
    return n;
  }
}
