/**
 * Bench support for bench/identify.bench.ts: a compact in-memory template store (ISO 19794-2
 * style, 6 bytes per minutia: x, y as uint16, direction in 1/256 turns, type, quality), so a
 * million templates cost ~0.2 GB instead of the ~2 GB of JS objects, and templates are unpacked
 * on demand for the exact matcher. Direction quantisation is the ISO one, the same as the real
 * SecuGen templates carry, so background and mates are quantised alike.
 */
import type { FingerprintTemplate, Minutia, MinutiaType } from '../engine/fingerprint/template.js';
import { CYLINDER_WORDS, type PreparedTemplate } from '../engine/fingerprint/matching/prepared-template.js';

const TYPES: MinutiaType[] = ['other', 'ending', 'bifurcation'];
const TYPE_CODE: Record<MinutiaType, number> = { other: 0, ending: 1, bifurcation: 2 };

type SlotTable = Uint8Array<ArrayBufferLike> | Uint16Array<ArrayBufferLike> | Uint32Array<ArrayBufferLike>;

/** A slot table twice as long, holding the same entries at the front. */
function doubled<T extends SlotTable>(a: T): T {
  const grown = new (a.constructor as new (n: number) => T)(a.length * 2);
  grown.set(a);
  return grown;
}

export class PackedTemplateStore {
  private bytes = new Uint8Array(1 << 20);
  private used = 0;
  private offsets = new Uint32Array(1024);
  private counts = new Uint8Array(1024);
  private n = 0;
  readonly width: number;
  readonly height: number;

  constructor(width = 300, height = 400) {
    this.width = width;
    this.height = height;
  }

  get size(): number {
    return this.n;
  }

  /** Bytes held (buffers as allocated). */
  memoryBytes(): number {
    return this.bytes.byteLength + this.offsets.byteLength + this.counts.byteLength;
  }

  /** Stores a template; returns its slot number. */
  add(t: FingerprintTemplate): number {
    const m = Math.min(255, t.minutiae.length);
    if (this.used + 6 * m > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.used + 6 * m));
      grown.set(this.bytes.subarray(0, this.used));
      this.bytes = grown;
    }
    if (this.n >= this.offsets.length) {
      this.offsets = doubled(this.offsets);
      this.counts = doubled(this.counts);
    }
    this.offsets[this.n] = this.used;
    this.counts[this.n] = m;
    const b = this.bytes;
    for (let i = 0; i < m; i++) {
      const mm = t.minutiae[i];
      const o = this.used + 6 * i;
      const x = Math.max(0, Math.min(65535, Math.round(mm.x)));
      const y = Math.max(0, Math.min(65535, Math.round(mm.y)));
      b[o] = x >> 8;
      b[o + 1] = x & 255;
      b[o + 2] = y >> 8;
      b[o + 3] = y & 255;
      b[o + 4] = Math.round((mm.direction / (2 * Math.PI)) * 256) & 255;
      b[o + 5] = (TYPE_CODE[mm.type] << 6) | Math.min(63, Math.round((mm.quality * 63) / 100));
    }
    this.used += 6 * m;
    return this.n++;
  }

  get(slot: number): FingerprintTemplate {
    const o0 = this.offsets[slot];
    const m = this.counts[slot];
    const b = this.bytes;
    const minutiae: Minutia[] = new Array(m);
    for (let i = 0; i < m; i++) {
      const o = o0 + 6 * i;
      minutiae[i] = {
        x: (b[o] << 8) | b[o + 1],
        y: (b[o + 2] << 8) | b[o + 3],
        direction: (b[o + 4] * 2 * Math.PI) / 256,
        type: TYPES[b[o + 5] >> 6] ?? 'other',
        quality: Math.round(((b[o + 5] & 63) * 100) / 63),
      };
    }
    return { width: this.width, height: this.height, resolutionPpi: 500, minutiae, singularPoints: [] };
  }
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/**
 * Prepared matcher forms of a whole gallery, packed into shared memory: one PreparedTemplate per
 * slot, laid out in fixed-size SharedArrayBuffer chunks (a form never straddles two), so a
 * million forms cost their bytes (~7 KB each) instead of twelve typed-array objects apiece, and
 * worker threads can score against the same forms without copies. `get(slot)` returns views.
 */

const CHUNK_BYTES = 256 << 20;

export interface PreparedArenaShared {
  chunks: SharedArrayBuffer[];
  /** Per slot: chunk index, byte offset within the chunk, cylinder count. */
  chunkOf: Uint16Array;
  offsetOf: Uint32Array;
  countOf: Uint8Array;
  size: number;
}

function formBytes(n: number): number {
  // 4-byte arrays (minutia, x, y, direction, cos, sin, cells), then 2-byte (total, distance,
  // directionDifference, radialAngle), then type bytes; padded to 4.
  const b = 4 * (6 * n + n * CYLINDER_WORDS) + 2 * (n + 3 * n * n) + n;
  return (b + 3) & ~3;
}

export class PreparedArena {
  private chunks: SharedArrayBuffer[] = [];
  private used = CHUNK_BYTES;
  private chunkOf: Uint16Array<ArrayBufferLike> = new Uint16Array(1024);
  private offsetOf: Uint32Array<ArrayBufferLike> = new Uint32Array(1024);
  private countOf: Uint8Array<ArrayBufferLike> = new Uint8Array(1024);
  private n = 0;

  static fromShared(s: PreparedArenaShared): PreparedArena {
    const a = new PreparedArena();
    a.chunks = s.chunks;
    a.chunkOf = s.chunkOf;
    a.offsetOf = s.offsetOf;
    a.countOf = s.countOf;
    a.n = s.size;
    a.used = CHUNK_BYTES;
    return a;
  }

  get size(): number {
    return this.n;
  }

  memoryBytes(): number {
    return this.chunks.length * CHUNK_BYTES + this.chunkOf.byteLength + this.offsetOf.byteLength + this.countOf.byteLength;
  }

  /** Bytes actually holding forms (the last chunk's tail is unused). */
  usedBytes(): number {
    return this.chunks.length === 0 ? 0 : (this.chunks.length - 1) * CHUNK_BYTES + this.used;
  }

  /** What a worker needs to read the same forms (nothing is copied but the slot tables). */
  share(): PreparedArenaShared {
    return { chunks: this.chunks, chunkOf: this.chunkOf.slice(0, this.n), offsetOf: this.offsetOf.slice(0, this.n), countOf: this.countOf.slice(0, this.n), size: this.n };
  }

  add(p: PreparedTemplate): number {
    const n = p.count;
    const bytes = formBytes(n);
    if (this.used + bytes > CHUNK_BYTES) {
      this.chunks.push(new SharedArrayBuffer(CHUNK_BYTES));
      this.used = 0;
    }
    if (this.n >= this.chunkOf.length) {
      this.chunkOf = doubled(this.chunkOf);
      this.offsetOf = doubled(this.offsetOf);
      this.countOf = doubled(this.countOf);
    }
    const slot = this.n++;
    this.chunkOf[slot] = this.chunks.length - 1;
    this.offsetOf[slot] = this.used;
    this.countOf[slot] = n;
    const v = this.views(this.chunks.length - 1, this.used, n);
    v.minutia.set(p.minutia);
    v.x.set(p.x);
    v.y.set(p.y);
    v.direction.set(p.direction);
    v.cos.set(p.cos);
    v.sin.set(p.sin);
    v.cells.set(p.cells);
    v.total.set(p.total);
    v.distance.set(p.distance);
    v.directionDifference.set(p.directionDifference);
    v.radialAngle.set(p.radialAngle);
    v.type.set(p.type);
    this.used += bytes;
    return slot;
  }

  get(slot: number): PreparedTemplate {
    return this.views(this.chunkOf[slot], this.offsetOf[slot], this.countOf[slot]);
  }

  private views(chunk: number, offset: number, n: number): PreparedTemplate {
    const buf = this.chunks[chunk];
    let o = offset;
    const f32 = () => {
      const a = new Float32Array(buf, o, n);
      o += 4 * n;
      return a;
    };
    const minutia = new Int32Array(buf, o, n);
    o += 4 * n;
    const x = f32();
    const y = f32();
    const direction = f32();
    const cos = f32();
    const sin = f32();
    const cells = new Uint32Array(buf, o, n * CYLINDER_WORDS);
    o += 4 * n * CYLINDER_WORDS;
    const total = new Uint16Array(buf, o, n);
    o += 2 * n;
    const distance = new Uint16Array(buf, o, n * n);
    o += 2 * n * n;
    const directionDifference = new Int16Array(buf, o, n * n);
    o += 2 * n * n;
    const radialAngle = new Int16Array(buf, o, n * n);
    o += 2 * n * n;
    const type = new Uint8Array(buf, o, n);
    return { kind: 'mcc-prepared', count: n, minutia, x, y, direction, cos, sin, cells, total, type, distance, directionDifference, radialAngle };
  }
}

/** Bounded min-heap keeping the k largest scores and their ids. */
export class TopK {
  private readonly scores: Float64Array;
  private readonly ids: string[] = [];
  private n = 0;
  constructor(private readonly k: number) {
    this.scores = new Float64Array(k);
  }
  push(score: number, id: string): void {
    if (this.n < this.k) {
      let i = this.n++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (this.scores[parent] <= score) break;
        this.scores[i] = this.scores[parent];
        this.ids[i] = this.ids[parent];
        i = parent;
      }
      this.scores[i] = score;
      this.ids[i] = id;
      return;
    }
    if (score <= this.scores[0]) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.n) break;
      const c = l + 1 < this.n && this.scores[l + 1] < this.scores[l] ? l + 1 : l;
      if (this.scores[c] >= score) break;
      this.scores[i] = this.scores[c];
      this.ids[i] = this.ids[c];
      i = c;
    }
    this.scores[i] = score;
    this.ids[i] = id;
  }
  /** Ids best first. */
  sortedIds(): string[] {
    return Array.from({ length: this.n }, (_, i) => i).sort((a, b) => this.scores[b] - this.scores[a]).map((i) => this.ids[i]);
  }
}
