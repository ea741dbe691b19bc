/**
 * Records by their genotypes at a fixed set of loci, for HIGH searches: an identity lookup instead
 * of reading posting lists.
 *
 * At HIGH stringency two concrete genotypes match only when they hold the same alleles
 * (locus-comparison.ts), which in a locus column is the same key (dna-index.ts: the two codes,
 * smaller first). So a record that holds a concrete genotype of at most two alleles at every
 * hashed locus ("regular") can be a HIGH hit of a query that does the same only when its keys
 * there equal the query's, and then it hashes to the query's bucket. Every other live record
 * ("irregular": untyped at a hashed locus, a wildcard, or an overflow genotype) may match through
 * the rules' other cases, so it is listed apart, and a lookup returns it too. The caller checks
 * every record returned on the columns: a bucket also holds records whose keys merely collide.
 *
 * Layout: a chain per bucket through `next` (one Int32 per ordinal, -1 ends a chain), bucket
 * heads in `heads` (a power of two, about one per DNA_HASH_RECORDS_PER_BUCKET regular records),
 * and the irregular records as bits with one summary bit per 32-bit word, so listing them reads
 * one word per 1,024 ordinals plus the words that hold any. About 5 bytes per record.
 *
 * The caller keeps it current: `insert` once a record's keys are all set, `delete` before they are
 * cleared. Thread safety: none needed; owned by one DnaIndex (see dna-index.ts).
 */

import { EngineError } from '../errors.js';

/** What the hash reads of a locus column: its keys (replaced when the index grows) and its wildcard code. */
export interface HashedColumn {
  readonly keys: Uint16Array;
  readonly wildcardCode: number;
}

const UNTYPED = 0;
const OVERFLOW = 0xffff;
const END = -1;

export class GenotypeHash {
  private heads: Int32Array;
  private next: Int32Array;
  private irregularBits: Uint32Array;
  private irregularWords: Uint32Array;
  private readonly shift: number;
  /** Live records listed as irregular, and in the chains. */
  irregular = 0;
  regular = 0;

  /** `columns`: the hashed loci, in a fixed order; `buckets`: a power of two. */
  constructor(readonly columns: readonly HashedColumn[], capacity: number, buckets: number) {
    if (!(buckets >= 1 && (buckets & (buckets - 1)) === 0 && buckets <= 1 << 30)) throw new RangeError('genotype hash buckets must be a power of two');
    this.heads = new Int32Array(buckets).fill(END);
    this.shift = 32 - Math.log2(buckets);
    this.next = new Int32Array(0);
    this.irregularBits = new Uint32Array(0);
    this.irregularWords = new Uint32Array(0);
    this.reserve(capacity);
  }

  get buckets(): number {
    return this.heads.length;
  }

  /** Room for `n` ordinals. */
  reserve(n: number): void {
    const words = Math.ceil(n / 32);
    if (words * 32 <= this.next.length) return;
    const next = new Int32Array(words * 32).fill(END);
    next.set(this.next);
    this.next = next;
    const bits = new Uint32Array(words);
    bits.set(this.irregularBits);
    this.irregularBits = bits;
    const summary = new Uint32Array(Math.ceil(words / 32));
    summary.set(this.irregularWords);
    this.irregularWords = summary;
  }

  /**
   * The bucket of a regular record at `ordinal`, or -1 when it is irregular. Keys are mixed 16
   * bits at a time (FNV-1a multiplier), then finalised (murmur3's fmix32) so the bucket bits, the
   * high ones, depend on every key.
   */
  private bucketOfRecord(ordinal: number): number {
    let h = 0x811c9dc5;
    for (const c of this.columns) {
      const key = c.keys[ordinal];
      if (key === UNTYPED || key === OVERFLOW) return -1;
      const w = c.wildcardCode;
      if (w !== 0 && (key >>> 8 === w || (key & 0xff) === w)) return -1;
      h = Math.imul(h ^ key, 0x01000193);
    }
    return this.finish(h);
  }

  private finish(h: number): number {
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
    return this.shift === 32 ? 0 : h >>> this.shift;
  }

  /** The bucket of a query whose key at each hashed locus (in `columns` order) is `keys`. */
  bucketOfKeys(keys: readonly number[]): number {
    let h = 0x811c9dc5;
    for (const key of keys) h = Math.imul(h ^ key, 0x01000193);
    return this.finish(h);
  }

  /** Lists a live record whose keys are set. */
  insert(ordinal: number): void {
    const b = this.bucketOfRecord(ordinal);
    if (b < 0) {
      this.irregularBits[ordinal >>> 5] |= 1 << (ordinal & 31);
      this.irregularWords[ordinal >>> 10] |= 1 << ((ordinal >>> 5) & 31);
      this.irregular++;
      return;
    }
    this.next[ordinal] = this.heads[b];
    this.heads[b] = ordinal;
    this.regular++;
  }

  /** Unlists a record inserted before, while its keys are still those it was inserted with. */
  delete(ordinal: number): void {
    const b = this.bucketOfRecord(ordinal);
    if (b < 0) {
      const w = ordinal >>> 5;
      this.irregularBits[w] &= ~(1 << (ordinal & 31));
      if (this.irregularBits[w] === 0) this.irregularWords[w >>> 5] &= ~(1 << (w & 31));
      this.irregular--;
      return;
    }
    const next = this.next;
    let at = this.heads[b];
    if (at === ordinal) this.heads[b] = next[ordinal];
    else {
      while (at !== END && next[at] !== ordinal) at = next[at];
      if (at === END) throw EngineError.internal('genotype hash: deleting a record that was not listed');
      next[at] = next[ordinal];
    }
    next[ordinal] = END;
    this.regular--;
  }

  /**
   * Calls `visit` for every record of `bucket` (a bucketOfKeys result; -1 for none: a query no
   * regular record can match) and every irregular record: a superset of the HIGH hits.
   */
  visit(bucket: number, visit: (i: number) => void): void {
    const next = this.next;
    if (bucket >= 0) for (let i = this.heads[bucket]; i !== END; i = next[i]) visit(i);
    if (this.irregular === 0) return;
    const summary = this.irregularWords;
    const bits = this.irregularBits;
    for (let s = 0; s < summary.length; s++) {
      let sw = summary[s];
      while (sw !== 0) {
        const low = sw & -sw;
        const w = (s << 5) | (31 - Math.clz32(low));
        sw ^= low;
        let word = bits[w];
        while (word !== 0) {
          const bit = word & -word;
          visit((w << 5) | (31 - Math.clz32(bit)));
          word ^= bit;
        }
      }
    }
  }

  bytes(): number {
    return this.heads.byteLength + this.next.byteLength + this.irregularBits.byteLength + this.irregularWords.byteLength;
  }
}
