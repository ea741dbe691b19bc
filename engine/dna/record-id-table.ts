/**
 * Record id -> ordinal, as an open-addressing hash table over an Int32Array (linear probing,
 * tombstones), with the ids themselves kept by the index (an ordinal-indexed array, or the index's
 * packed string list read through `RecordIds`). A JavaScript
 * Map costs about 40 bytes per entry and stops at 2^24 entries; this costs 4 bytes per slot at
 * load factor ≤ 0.75 (5.3–10.7 bytes per record) and grows past 16 M. At ≤ 0.5 a 10M index took
 * 2^25 slots (128 MiB); at ≤ 0.75 it takes 2^24 (load 0.6: ~3.6 probes for an absent id, ~1.75
 * for a present one; lookups are on add, remove and has, not in searches).
 */
const MAX_LOAD_NUM = 3;
const MAX_LOAD_DEN = 4;
const EMPTY = -1;
const DELETED = -2;

function hashString(s: string): number {
  // FNV-1a, 32-bit.
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The index's ordinal -> id storage, as the table reads it. */
export interface RecordIds {
  /** The id at `ordinal` (undefined or '' for a free ordinal). */
  get(ordinal: number): string | undefined;
  /** Whether the id at `ordinal` is `id` (may avoid making a string). */
  equals(ordinal: number, id: string): boolean;
}

function arrayIds(ids: readonly (string | undefined)[]): RecordIds {
  return { get: (o) => ids[o], equals: (o, id) => ids[o] === id };
}

export class RecordIdTable {
  private slots: Int32Array;
  private used = 0; // live + tombstones
  private live = 0;

  private readonly ids: RecordIds;

  constructor(
    /** ordinal -> id, owned by the index. */
    ids: readonly (string | undefined)[] | RecordIds,
    expected = 1024,
  ) {
    this.ids = Array.isArray(ids) ? arrayIds(ids) : (ids as RecordIds);
    let cap = 16;
    while (cap * MAX_LOAD_NUM < expected * MAX_LOAD_DEN) cap *= 2;
    this.slots = new Int32Array(cap).fill(EMPTY);
  }

  /** Bytes of the slot array. */
  byteLength(): number {
    return this.slots.byteLength;
  }

  get size(): number {
    return this.live;
  }

  get(id: string): number | undefined {
    const mask = this.slots.length - 1;
    for (let i = hashString(id) & mask; ; i = (i + 1) & mask) {
      const s = this.slots[i];
      if (s === EMPTY) return undefined;
      if (s >= 0 && this.ids.equals(s, id)) return s;
    }
  }

  /** Adds id -> ordinal; the id must be absent and `ids[ordinal]` already set to it. */
  set(id: string, ordinal: number): void {
    // Full (live + tombstones past the load): double when live ids alone are past half the load,
    // else the same size (the tombstones go).
    if ((this.used + 1) * MAX_LOAD_DEN > this.slots.length * MAX_LOAD_NUM) this.rehash(Math.max(16, this.live * 2 * MAX_LOAD_DEN > this.slots.length * MAX_LOAD_NUM ? this.slots.length * 2 : this.slots.length));
    const mask = this.slots.length - 1;
    let i = hashString(id) & mask;
    while (this.slots[i] >= 0) i = (i + 1) & mask;
    if (this.slots[i] === EMPTY) this.used++;
    this.slots[i] = ordinal;
    this.live++;
  }

  /** Removes id (call before clearing `ids[ordinal]`); false when absent. */
  delete(id: string): boolean {
    const mask = this.slots.length - 1;
    for (let i = hashString(id) & mask; ; i = (i + 1) & mask) {
      const s = this.slots[i];
      if (s === EMPTY) return false;
      if (s >= 0 && this.ids.equals(s, id)) {
        this.slots[i] = DELETED;
        this.live--;
        return true;
      }
    }
  }

  /** Room for `n` ids without rehashing. */
  reserve(n: number): void {
    if (n * MAX_LOAD_DEN > this.slots.length * MAX_LOAD_NUM) {
      let cap = this.slots.length;
      while (cap * MAX_LOAD_NUM < n * MAX_LOAD_DEN) cap *= 2;
      this.rehash(cap);
    }
  }

  private rehash(cap: number): void {
    const old = this.slots;
    this.slots = new Int32Array(cap).fill(EMPTY);
    this.used = 0;
    const mask = cap - 1;
    for (const s of old) {
      if (s < 0) continue;
      let i = hashString(this.ids.get(s) as string) & mask;
      while (this.slots[i] !== EMPTY) i = (i + 1) & mask;
      this.slots[i] = s;
      this.used++;
    }
  }
}
