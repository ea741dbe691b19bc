/**
 * Bench support for bench/identify.bench.ts: a compact in-memory template store (ISO 19794-2
 * style, 6 bytes per minutia: x, y as uint16, direction in 1/256 turns, type, quality), so a
 * million templates cost ~0.2 GB instead of the ~2 GB of JS objects, and templates are unpacked
 * on demand for the exact matcher. Direction quantisation is the ISO one, the same as the real
 * SecuGen templates carry, so background and mates are quantised alike.
 */
import type { FingerprintTemplate, Minutia, MinutiaType } from '../engine/fingerprint/template.js';

const TYPES: MinutiaType[] = ['other', 'ending', 'bifurcation'];
const TYPE_CODE: Record<MinutiaType, number> = { other: 0, ending: 1, bifurcation: 2 };

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
      const o = new Uint32Array(this.offsets.length * 2);
      o.set(this.offsets);
      this.offsets = o;
      const c = new Uint8Array(this.counts.length * 2);
      c.set(this.counts);
      this.counts = c;
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
