/**
 * Exact (brute-force) candidate index: every live vector is compared with the query. Used for
 * small galleries, where it is as fast as a graph and exact, and as the recall oracle that the
 * HNSW index is measured against (hnswlib ships a BruteforceSearch for the same reason).
 * Vectors are stored L2-normalised in one growing Float32Array, so a search is one pass of dot
 * products over contiguous memory.
 *
 * Thread safety: see CandidateIndex; synchronous, one thread per instance.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { CandidateIndex, IndexHit } from './candidate-index.js';
import { commitIndexFiles, openIndexFiles, refuseIndex, tempName } from './index-files.js';
import { checkVector, TopK } from './vector-utils.js';

export class ExactCandidateIndex implements CandidateIndex {
  readonly dimension: number;
  private data: Float32Array;
  private slotIds: (string | undefined)[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly freeSlots: number[] = [];

  constructor(dimension: number, initialCapacity = 1024) {
    if (!Number.isInteger(dimension) || dimension <= 0) throw refuseDimension();
    this.dimension = dimension;
    this.data = new Float32Array(dimension * Math.max(1, initialCapacity));
  }

  get size(): number {
    return this.slotOf.size;
  }

  add(id: string, vector: ArrayLike<number>): void {
    checkVector(vector, this.dimension);
    let slot = this.slotOf.get(id);
    if (slot === undefined) {
      slot = this.freeSlots.pop() ?? this.slotIds.length;
      if ((slot + 1) * this.dimension > this.data.length) {
        const grown = new Float32Array(Math.max(this.data.length * 2, (slot + 1) * this.dimension));
        grown.set(this.data);
        this.data = grown;
      }
      this.slotOf.set(id, slot);
      this.slotIds[slot] = id;
    }
    const off = slot * this.dimension;
    let norm = 0;
    for (let k = 0; k < this.dimension; k++) norm += vector[k] * vector[k];
    const s = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let k = 0; k < this.dimension; k++) this.data[off + k] = vector[k] * s;
  }

  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.slotIds[slot] = undefined;
    this.freeSlots.push(slot);
    return true;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  ids(): IterableIterator<string> {
    return this.slotOf.keys();
  }

  search(vector: ArrayLike<number>, k: number): IndexHit[] {
    checkVector(vector, this.dimension);
    const dim = this.dimension;
    const q = new Float32Array(dim);
    let norm = 0;
    for (let i = 0; i < dim; i++) norm += vector[i] * vector[i];
    const s = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let i = 0; i < dim; i++) q[i] = vector[i] * s;
    const top = new TopK(Math.max(0, Math.min(k, this.size)));
    const data = this.data;
    for (let slot = 0; slot < this.slotIds.length; slot++) {
      if (this.slotIds[slot] === undefined) continue;
      let dot = 0;
      const off = slot * dim;
      for (let i = 0; i < dim; i++) dot += data[off + i] * q[i];
      top.offer(slot, dot);
    }
    return top.sorted().map(([slot, sim]) => ({ id: this.slotIds[slot] as string, similarity: sim }));
  }

  /** Approximate resident bytes (vectors and id tables), for footprint reports. */
  memoryBytes(): number {
    return this.data.byteLength + this.slotIds.length * 16 + this.slotOf.size * 64;
  }

  save(path: string): void {
    const ids: string[] = [];
    const packed = new Float32Array(this.size * this.dimension);
    let n = 0;
    for (const [id, slot] of this.slotOf) {
      packed.set(this.data.subarray(slot * this.dimension, (slot + 1) * this.dimension), n * this.dimension);
      ids.push(id);
      n++;
    }
    const dataTemp = tempName(path);
    writeFileSync(dataTemp, new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength));
    commitIndexFiles(path, dataTemp, ids, { kind: 'exact', dimension: this.dimension, size: ids.length, parameters: {} });
  }

  /** Loads a saved exact index; refuses (FAILED_PRECONDITION) files that fail their checksums. */
  static load(path: string): ExactCandidateIndex {
    const { meta, ids } = openIndexFiles(path, 'exact');
    if (!Array.isArray(ids) || !ids.every((x) => typeof x === 'string')) throw refuseIndex(path, 'id list is not a list of ids');
    const bytes = readFileSync(path);
    if (bytes.byteLength !== ids.length * meta.dimension * 4) throw refuseIndex(path, 'data size does not match the id list');
    const index = new ExactCandidateIndex(meta.dimension, Math.max(1, ids.length));
    const floats = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    index.data.set(floats);
    ids.forEach((id, slot) => {
      index.slotOf.set(id, slot);
      index.slotIds[slot] = id;
    });
    return index;
  }
}

function refuseDimension(): Error {
  return new RangeError('dimension must be a positive integer');
}
