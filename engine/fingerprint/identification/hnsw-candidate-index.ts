/**
 * Approximate candidate index over hnswlib-node (Malkov, Yashunin 2018), cosine space.
 *
 * - Record ids (strings) map to hnswlib integer labels; labels are never reused for another id,
 *   so a stale label can never name the wrong record.
 * - `remove` calls markDelete: hnswlib skips marked elements in every later search, so a deleted
 *   record disappears from results at once; its graph slot is reused by an `add` once the graph
 *   is full (allowReplaceDeleted, hnswlib ≥ 0.7), so churn does not grow the file without bound.
 * - Re-adding an id with the vector it holds is a no-op; with another vector, the old element is
 *   marked deleted and a new one added (hnswlib's in-place update costs 15–20× an insert).
 * - The graph grows geometrically (resizeIndex is a full copy).
 * - Persistence: hnswlib's own binary file, an id list and a metadata sidecar with SHA-256 of both
 *   (engine/fingerprint/identification/index-files.ts). Checksums are verified before the native reader sees the file:
 *   hnswlib trusts its input and a damaged file could crash the process.
 *
 * Thread safety: see CandidateIndex. All methods are synchronous native calls on the calling
 * thread; `search` changes the graph's ef setting, so even concurrent searches on one instance from
 * several threads would be unsafe. Keep an instance on one thread.
 */
import hnswlib from 'hnswlib-node';
import { EngineError, ErrorCode } from '../../errors.js';
import type { CandidateIndex, IndexHit } from './candidate-index.js';
import { commitIndexFiles, openIndexFiles, refuseIndex, tempName } from './index-files.js';
import { HNSW } from './parameters.js';
import { checkVector } from './vector-utils.js';

const { HierarchicalNSW } = hnswlib;
type Graph = InstanceType<typeof HierarchicalNSW>;

export interface HnswOptions {
  m: number;
  efConstruction: number;
  efSearch: number;
  initialCapacity: number;
  growthFactor: number;
  randomSeed: number;
  /**
   * Names what the vectors mean (FINGER_VECTOR_ID for finger vectors). Saved with the index;
   * `load` with an expected id refuses an index built from other vectors.
   */
  vectorId: string;
}

const DEFAULTS: HnswOptions = {
  m: HNSW.m,
  efConstruction: HNSW.efConstruction,
  efSearch: HNSW.efSearch,
  initialCapacity: HNSW.initialCapacity,
  growthFactor: HNSW.growthFactor,
  randomSeed: HNSW.randomSeed,
  vectorId: '',
};

export class HnswCandidateIndex implements CandidateIndex {
  readonly dimension: number;
  readonly options: HnswOptions;
  private graph: Graph;
  private readonly labelOf = new Map<string, number>();
  private readonly idOf = new Map<number, string>();
  private nextLabel = 0;
  /** Marked-deleted slots waiting for reuse. */
  private deleted = 0;

  constructor(dimension: number, options: Partial<HnswOptions> = {}) {
    if (!Number.isInteger(dimension) || dimension <= 0) throw EngineError.invalidArgument('dimension', 'must be a positive integer');
    this.dimension = dimension;
    this.options = { ...DEFAULTS, ...options };
    this.graph = new HierarchicalNSW(HNSW.space, dimension);
    this.graph.initIndex({
      maxElements: Math.max(1, this.options.initialCapacity),
      m: this.options.m,
      efConstruction: this.options.efConstruction,
      randomSeed: this.options.randomSeed,
      allowReplaceDeleted: true,
    });
    this.graph.setEf(this.options.efSearch);
  }

  get size(): number {
    return this.labelOf.size;
  }

  /** Graph capacity (elements, live or deleted, it can hold before growing). */
  get capacity(): number {
    return this.graph.getMaxElements();
  }

  add(id: string, vector: ArrayLike<number>): void {
    checkVector(vector, this.dimension);
    const point = Array.isArray(vector) ? (vector as number[]) : Array.from(vector);
    const existing = this.labelOf.get(id);
    if (existing !== undefined) {
      // Re-enrolling the same template: nothing to do. An in-place update (addPoint on an existing
      // label, hnswlib's updatePoint) repairs every neighbour's links and cost 11–13 ms an element
      // at 5–10k against 0.6–0.8 ms for a new one (bench/hnsw-update.bench.ts); 10,000 of them
      // queued ~110 s of work on the index thread, ahead of every search (docs/measurements/batch.md,
      // the stall).
      if (this.sameVector(existing, point)) return;
      // A new vector: the old element is marked deleted and the new one added under a new label.
      this.remove(id);
    }
    const full = this.graph.getCurrentCount() >= this.graph.getMaxElements();
    if (full && this.deleted === 0) {
      const grown = Math.max(this.graph.getMaxElements() + 1, Math.ceil(this.graph.getMaxElements() * this.options.growthFactor));
      this.native(() => this.graph.resizeIndex(grown));
    }
    const label = this.nextLabel++;
    // A deleted slot is reused only once the graph is full: reuse goes through the same costly
    // updatePoint (≈ 15 ms), a fresh slot does not, and growth stays bounded either way.
    const reuse = full && this.deleted > 0;
    this.native(() => this.graph.addPoint(point, label, reuse));
    if (reuse) {
      // hnswlib gives the slot of some deleted label to the new one; that label is gone for good.
      this.deleted--;
    }
    this.labelOf.set(id, label);
    this.idOf.set(label, id);
  }

  /** Whether the element under `label` already holds `point` (cosine space stores it L2-normalised). */
  private sameVector(label: number, point: number[]): boolean {
    const stored = this.native(() => this.graph.getPoint(label));
    let norm = 0;
    for (const x of point) norm += x * x;
    norm = Math.sqrt(norm);
    if (norm === 0 || stored.length !== point.length) return false;
    for (let i = 0; i < point.length; i++) if (Math.abs(stored[i] - point[i] / norm) > 1e-6) return false;
    return true;
  }

  remove(id: string): boolean {
    const label = this.labelOf.get(id);
    if (label === undefined) return false;
    this.native(() => this.graph.markDelete(label));
    this.labelOf.delete(id);
    this.idOf.delete(label);
    this.deleted++;
    return true;
  }

  has(id: string): boolean {
    return this.labelOf.has(id);
  }

  ids(): IterableIterator<string> {
    return this.labelOf.keys();
  }

  /**
   * The vector the graph holds for a record (hnswlib's cosine space keeps it L2-normalised), or
   * undefined for an unknown id. Lets an exact scan over the same vectors judge the graph's recall.
   */
  storedVector(id: string): number[] | undefined {
    const label = this.labelOf.get(id);
    return label === undefined ? undefined : this.native(() => this.graph.getPoint(label));
  }

  /** Elements in the graph, live or marked deleted. */
  get elements(): number {
    return this.graph.getCurrentCount();
  }

  /** Sets the search candidate-list size (recall/latency trade-off; see parameters.ts). */
  setEfSearch(ef: number): void {
    this.options.efSearch = ef;
  }

  search(vector: ArrayLike<number>, k: number): IndexHit[] {
    checkVector(vector, this.dimension);
    const n = Math.min(Math.floor(k), this.size);
    if (n <= 0) return [];
    const point = Array.isArray(vector) ? (vector as number[]) : Array.from(vector);
    this.graph.setEf(Math.max(this.options.efSearch, n));
    const result = this.native(() => this.graph.searchKnn(point, n));
    const hits: IndexHit[] = [];
    for (let i = 0; i < result.neighbors.length; i++) {
      const id = this.idOf.get(result.neighbors[i]);
      // A label without an id would be a deleted element; hnswlib never returns those, but the
      // check keeps a deleted record out even if it did.
      if (id !== undefined) hits.push({ id, similarity: 1 - result.distances[i] });
    }
    return hits;
  }

  /**
   * Approximate resident bytes of the graph (hnswlib's layout: per element, the float vector,
   * layer-0 links 2·m·4 bytes plus header, the label; upper layers ≈ 1/(m−1) of that) plus the id
   * maps. For footprint reports; process RSS is the measured figure.
   */
  memoryBytes(): number {
    const elements = this.graph.getMaxElements();
    const perElement = this.dimension * 4 + (2 * this.options.m + 1) * 4 + 8;
    return elements * perElement * (1 + 1 / Math.max(1, this.options.m - 1)) + this.size * 120;
  }

  save(path: string): void {
    const dataTemp = tempName(path);
    this.native(() => this.graph.writeIndexSync(dataTemp));
    const labels: [number, string][] = [];
    for (const [label, id] of this.idOf) labels.push([label, id]);
    commitIndexFiles(path, dataTemp, { nextLabel: this.nextLabel, deleted: this.deleted, labels }, {
      kind: 'hnsw',
      dimension: this.dimension,
      size: this.size,
      parameters: { space: HNSW.space, m: this.options.m, efConstruction: this.options.efConstruction, efSearch: this.options.efSearch, vector: this.options.vectorId },
    });
  }

  /**
   * Loads a saved index. Refuses with FAILED_PRECONDITION (naming the reason, never the content)
   * when a file is missing, altered or inconsistent; the caller rebuilds from the store.
   */
  static load(path: string, options: Partial<Pick<HnswOptions, 'efSearch' | 'growthFactor' | 'vectorId'>> = {}): HnswCandidateIndex {
    const { meta, ids } = openIndexFiles(path, 'hnsw');
    const savedVector = typeof meta.parameters.vector === 'string' ? meta.parameters.vector : '';
    if (options.vectorId !== undefined && savedVector !== options.vectorId) {
      throw refuseIndex(path, `built from vectors "${savedVector || 'unnamed'}", this build uses "${options.vectorId}"`);
    }
    const saved = ids as { nextLabel?: unknown; deleted?: unknown; labels?: unknown };
    if (
      typeof saved !== 'object' || saved === null || !Number.isInteger(saved.nextLabel) || !Number.isInteger(saved.deleted) ||
      !Array.isArray(saved.labels)
    ) {
      throw refuseIndex(path, 'id list has the wrong shape');
    }
    const p = meta.parameters;
    const index = new HnswCandidateIndex(meta.dimension, {
      m: Number(p.m),
      efConstruction: Number(p.efConstruction),
      // efSearch is a search-time setting: this build's default, not the one the file was saved
      // with, so a changed default reaches indexes built before it.
      efSearch: options.efSearch ?? HNSW.efSearch,
      growthFactor: options.growthFactor ?? HNSW.growthFactor,
      initialCapacity: 1,
      vectorId: savedVector,
    });
    try {
      index.graph.readIndexSync(path, true);
    } catch (e) {
      throw new EngineError(ErrorCode.FailedPrecondition, `candidate index at ${path} refused: hnswlib could not read it; rebuild it from the store`, { cause: e });
    }
    if (index.graph.getNumDimensions() !== meta.dimension) throw refuseIndex(path, 'graph dimension differs from the metadata');
    for (const entry of saved.labels as unknown[]) {
      if (!Array.isArray(entry) || !Number.isInteger(entry[0]) || typeof entry[1] !== 'string') throw refuseIndex(path, 'id list entry has the wrong shape');
      index.labelOf.set(entry[1], entry[0]);
      index.idOf.set(entry[0], entry[1]);
    }
    if (index.labelOf.size !== meta.size) throw refuseIndex(path, 'id count differs from the metadata');
    index.nextLabel = saved.nextLabel as number;
    index.deleted = saved.deleted as number;
    index.graph.setEf(index.options.efSearch);
    return index;
  }

  private native<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw EngineError.internal('candidate index operation failed', e);
    }
  }
}
