/**
 * Start-up of the fingerprint candidate index beside the store: load the saved index if it is
 * sound and agrees with the store, else rebuild it from the store's templates and save it. The
 * service reports NOT_SERVING until this returns (issue 5 point 4).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EngineError, ErrorCode, toEngineError } from '../errors.js';
import type { FingerprintTemplate } from '../fingerprint/template.js';
import { ExactCandidateIndex } from './exact-candidate-index.js';
import { fingerVector, fingerVectorDimension } from './finger-vector.js';
import { HnswCandidateIndex } from './hnsw-candidate-index.js';
import { metadataPath } from './index-files.js';
import type { CandidateIndex } from './candidate-index.js';

/** Where the fingerprint index lives beside a store directory. */
export function fingerprintIndexPath(storeDir: string): string {
  return join(storeDir, 'fingerprint-index', 'fingerprint.hnsw');
}

export interface OpenedIndex<I extends CandidateIndex> {
  index: I;
  source: 'loaded' | 'rebuilt';
  /** Why it was rebuilt (no biometric data): missing, refused file, count mismatch. */
  reason?: string;
  elapsedMs: number;
}

export interface OpenOptions {
  /** Live fingerprint records in the store, to check the loaded index against. */
  storeCount: number;
  /** The store's records, read only when a rebuild is needed. */
  records: () => Iterable<{ id: string; template: FingerprintTemplate }>;
  /** 'hnsw' (default) or 'exact' for small galleries. */
  kind?: 'hnsw' | 'exact';
  /** Save a rebuilt index (default true). */
  save?: boolean;
}

export function openFingerprintIndex(path: string, options: OpenOptions): OpenedIndex<CandidateIndex> {
  const started = performance.now();
  const kind = options.kind ?? 'hnsw';
  let reason: string;
  if (existsSync(metadataPath(path))) {
    try {
      const index = kind === 'hnsw' ? HnswCandidateIndex.load(path) : ExactCandidateIndex.load(path);
      if (index.dimension !== fingerVectorDimension()) {
        reason = 'saved index has another vector dimension';
      } else if (index.size !== options.storeCount) {
        reason = `saved index holds ${index.size} records, the store ${options.storeCount}`;
      } else {
        return { index, source: 'loaded', elapsedMs: performance.now() - started };
      }
    } catch (e) {
      const err = toEngineError(e);
      if (err.code !== ErrorCode.FailedPrecondition) throw err;
      reason = err.message;
    }
  } else {
    reason = 'no saved index';
  }
  const index: CandidateIndex =
    kind === 'hnsw' ? new HnswCandidateIndex(fingerVectorDimension(), { initialCapacity: Math.max(1024, options.storeCount) }) : new ExactCandidateIndex(fingerVectorDimension());
  for (const r of options.records()) index.add(r.id, fingerVector(r.template));
  if (options.save ?? true) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      index.save(path);
    } catch (e) {
      throw new EngineError(ErrorCode.Unavailable, 'could not save the rebuilt candidate index', { cause: e });
    }
  }
  return { index, source: 'rebuilt', reason, elapsedMs: performance.now() - started };
}
