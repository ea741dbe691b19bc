/**
 * The candidate index interface: fixed-length vectors keyed by record id, searched for the k most
 * similar. Two implementations share it (hnswlib's habit): `HnswCandidateIndex` (approximate,
 * fast, for large galleries) and `ExactCandidateIndex` (brute force, exact, for small galleries
 * and as the recall oracle of the other).
 *
 * Thread safety: every method is synchronous and runs to completion on the calling thread, so
 * within one thread calls never interleave. An instance must not be shared between worker
 * threads (hnswlib's native graph is not guarded); each worker loads its own copy from the saved
 * files, or the owning thread serialises requests.
 */

export interface IndexHit {
  /** Record id as given to `add`. */
  id: string;
  /** Cosine similarity of the stored vector and the query, in [-1, 1]; higher is closer. */
  similarity: number;
}

export interface CandidateIndex {
  /** Vector length the index was made for. */
  readonly dimension: number;
  /** Live records (added and not removed). */
  readonly size: number;
  /** Adds a record, or replaces the vector of an id already present. */
  add(id: string, vector: ArrayLike<number>): void;
  /** Removes a record; it is absent from every later `search` at once. False if it was absent. */
  remove(id: string): boolean;
  has(id: string): boolean;
  /** Up to k live records, most similar first (ties in any order). */
  search(vector: ArrayLike<number>, k: number): IndexHit[];
  /** Every live id (for exhaustive search and consistency checks against the store). */
  ids(): IterableIterator<string>;
  /**
   * Writes the index to `path` with a metadata sidecar `path + '.meta.json'` (format, parameters,
   * counts, SHA-256 of every data file). Written to temporary names and renamed, metadata last,
   * so a crash mid-save leaves the previous files or a set whose checksums refuse to load.
   */
  save(path: string): void;
}

export const INDEX_FORMAT_VERSION = 1;
