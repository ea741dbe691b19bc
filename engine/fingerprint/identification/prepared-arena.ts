/**
 * A gallery's prepared matcher forms and per-record search metadata, in shared memory.
 *
 * Forms are laid out (prepared-form-layout.ts) in fixed-size SharedArrayBuffer chunks (a form
 * never straddles two), so a million forms cost their bytes instead of a dozen typed-array objects
 * apiece, and worker threads score against the same bytes without copies. Per slot the arena also
 * keeps what a scan needs to filter without asking the owning thread: a live flag, the record's
 * access group (gallery-access.ts), its finger position and its minutiae count.
 *
 * Slots are never reused: a replaced or deleted record's bytes stay until the next start, which
 * rebuilds the arena from the store. Writers: the owning thread only. Readers: any thread, through
 * `share()`/`PreparedArena.reader()`; a reader sees the tables as they were when it got them, so
 * callers re-check liveness of what a scan returns.
 */
import { orientationSectionBlocks, orientationSectionBytes, preparedFormBytes, preparedFormTotalBytes, viewPreparedForm, writePreparedForm } from '../matching/prepared-form-layout.js';
import type { PreparedTemplate } from '../matching/prepared-template.js';

/** Bytes per chunk: big enough that few chunks exist, small enough to allocate without trouble. */
const CHUNK_BYTES = 64 << 20;

/** What a worker thread needs to read forms and metadata; every array is backed by shared memory. */
export interface ArenaShared {
  chunks: SharedArrayBuffer[];
  /** Slots in use (one past the highest). */
  size: number;
  chunkOf: Uint16Array;
  offsetOf: Uint32Array;
  countOf: Uint8Array;
  /** 1 while the slot's record is live. */
  live: Uint8Array;
  /** Access group per slot (see gallery-access.ts). */
  group: Uint32Array;
  fingerPosition: Uint8Array;
  minutiae: Uint16Array;
  /** 1 when the slot's form is followed by an orientation section (prepared-form-layout.ts). */
  oriented: Uint8Array;
}

type Tables = Omit<ArenaShared, 'chunks' | 'size'>;

function sharedTables(capacity: number, from?: Tables): Tables {
  const make = <T extends Uint8Array | Uint16Array | Uint32Array>(Ctor: new (b: SharedArrayBuffer) => T, bytesPer: number, old?: T): T => {
    const t = new Ctor(new SharedArrayBuffer(capacity * bytesPer));
    if (old) t.set(old);
    return t;
  };
  return {
    chunkOf: make(Uint16Array, 2, from?.chunkOf),
    offsetOf: make(Uint32Array, 4, from?.offsetOf),
    countOf: make(Uint8Array, 1, from?.countOf),
    live: make(Uint8Array, 1, from?.live),
    group: make(Uint32Array, 4, from?.group),
    fingerPosition: make(Uint8Array, 1, from?.fingerPosition),
    minutiae: make(Uint16Array, 2, from?.minutiae),
    oriented: make(Uint8Array, 1, from?.oriented),
  };
}

/** Read-only access to an arena from any thread. */
export class ArenaReader {
  constructor(readonly shared: ArenaShared) {}

  get size(): number {
    return this.shared.size;
  }

  form(slot: number): PreparedTemplate {
    const s = this.shared;
    return viewPreparedForm(s.chunks[s.chunkOf[slot]], s.offsetOf[slot], s.countOf[slot], s.oriented[slot] === 1);
  }
}

/** A form already laid out (prepared-form-layout.ts) in bytes of its own, e.g. by a worker thread. */
export interface PackedForm {
  count: number;
  bytes: Uint8Array;
  /** The bytes end with an orientation section. */
  oriented?: boolean;
}

/** Lays a prepared form out in bytes of its own, for another thread to place in an arena. */
export function packForm(form: PreparedTemplate): PackedForm {
  const bytes = new Uint8Array(preparedFormTotalBytes(form));
  writePreparedForm(form, bytes.buffer, 0);
  return form.orientations === undefined ? { count: form.count, bytes } : { count: form.count, bytes, oriented: true };
}

/** A packed form's length, checked against its count and (when oriented) its section header. */
function packedBytes(form: PackedForm): number {
  const base = preparedFormBytes(form.count);
  if (!form.oriented) {
    if (form.bytes.byteLength !== base) throw new RangeError('a packed form must hold preparedFormBytes(count) bytes');
    return base;
  }
  if (form.bytes.byteLength < base + 8) throw new RangeError('a packed oriented form must end with an orientation section');
  const total = base + orientationSectionBytes(orientationSectionBlocks(form.bytes, base));
  if (form.bytes.byteLength !== total) throw new RangeError('a packed oriented form must hold its form and orientation section bytes');
  return total;
}

export interface SlotMetadata {
  group: number;
  fingerPosition: number;
  minutiae: number;
}

export class PreparedArena {
  private chunks: SharedArrayBuffer[] = [];
  private used = CHUNK_BYTES;
  private tables: Tables;
  private n = 0;
  private capacity: number;
  private liveCount = 0;
  private formBytesUsed = 0;

  constructor(initialCapacity = 1024) {
    this.capacity = Math.max(16, initialCapacity);
    this.tables = sharedTables(this.capacity);
  }

  /** Slots used (live or not). */
  get size(): number {
    return this.n;
  }

  get live(): number {
    return this.liveCount;
  }

  /** Bytes reserved in shared memory (chunks and tables). */
  memoryBytes(): number {
    const t = this.tables;
    return this.chunks.length * CHUNK_BYTES + t.chunkOf.byteLength + t.offsetOf.byteLength + t.countOf.byteLength
      + t.live.byteLength + t.group.byteLength + t.fingerPosition.byteLength + t.minutiae.byteLength + t.oriented.byteLength;
  }

  /** Bytes holding forms (live or replaced), for the per-template footprint. */
  formBytes(): number {
    return this.formBytesUsed;
  }

  /** Appends a form and its metadata; returns the new slot (live). */
  add(form: PreparedTemplate | PackedForm, meta: SlotMetadata): number {
    if (form.count > 255) throw new RangeError('a prepared form holds at most 255 cylinders');
    const oriented = 'bytes' in form ? form.oriented === true : form.orientations !== undefined;
    const bytes = 'bytes' in form ? packedBytes(form) : preparedFormTotalBytes(form);
    if (bytes > CHUNK_BYTES) throw new RangeError('prepared form larger than an arena chunk');
    if (this.used + bytes > CHUNK_BYTES) {
      this.chunks.push(new SharedArrayBuffer(CHUNK_BYTES));
      this.used = 0;
    }
    if (this.n >= this.capacity) {
      this.capacity = Math.ceil(this.capacity * 2);
      this.tables = sharedTables(this.capacity, this.tables);
    }
    const slot = this.n;
    const t = this.tables;
    const chunk = this.chunks.length - 1;
    if ('bytes' in form) new Uint8Array(this.chunks[chunk], this.used, bytes).set(form.bytes);
    else writePreparedForm(form, this.chunks[chunk], this.used);
    t.chunkOf[slot] = chunk;
    t.offsetOf[slot] = this.used;
    t.countOf[slot] = form.count;
    t.group[slot] = meta.group;
    t.fingerPosition[slot] = meta.fingerPosition;
    t.minutiae[slot] = Math.min(65535, meta.minutiae);
    t.oriented[slot] = oriented ? 1 : 0;
    // Published last: a concurrent reader sees the slot live only once it is complete.
    Atomics.store(t.live, slot, 1);
    this.used += bytes;
    this.formBytesUsed += bytes;
    this.n = slot + 1;
    this.liveCount++;
    return slot;
  }

  /** Marks a slot dead; scans skip it from now on. */
  kill(slot: number): void {
    if (slot < 0 || slot >= this.n || this.tables.live[slot] === 0) return;
    Atomics.store(this.tables.live, slot, 0);
    this.liveCount--;
  }

  isLive(slot: number): boolean {
    return slot >= 0 && slot < this.n && this.tables.live[slot] === 1;
  }

  metadata(slot: number): SlotMetadata {
    const t = this.tables;
    return { group: t.group[slot], fingerPosition: t.fingerPosition[slot], minutiae: t.minutiae[slot] };
  }

  form(slot: number): PreparedTemplate {
    const t = this.tables;
    return viewPreparedForm(this.chunks[t.chunkOf[slot]], t.offsetOf[slot], t.countOf[slot], t.oriented[slot] === 1);
  }

  /** Handles for another thread (shared memory; nothing is copied). */
  share(): ArenaShared {
    return { chunks: [...this.chunks], size: this.n, ...this.tables };
  }
}
