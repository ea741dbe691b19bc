/**
 * The gallery's handle on its candidate-index thread (candidate-index.worker.ts): adds and
 * removes are posted without waiting, searches and saves answer promises. Implements the
 * gallery's `AsyncCandidateIndex`.
 */
import { Worker } from 'node:worker_threads';
import { EngineError, ErrorCode } from '../errors.js';
import type { AsyncCandidateIndex } from '../fingerprint/identification/fingerprint-gallery.js';
import type { IndexHit } from '../fingerprint/identification/candidate-index.js';
import type { CandidateIndexInit, CandidateIndexReply, CandidateIndexRequest, OpenResult } from './candidate-index-messages.js';
import { resolveWorkerFile } from './worker-pool.js';

export interface CandidateIndexThreadOptions {
  dimension: number;
  path: string;
  vectorId: string;
  efSearch?: number;
  /** Encryption at rest: the index is saved sealed under this key (CandidateIndexInit.sealKey). */
  sealKey?: Uint8Array;
  /** Called when a posted add or remove failed in the thread (nothing to answer it to). */
  onError?: (message: string) => void;
}

/** A request without its sequence number (which `request` assigns), member by member. */
type WithoutSeq<T> = T extends unknown ? Omit<T, 'seq'> : never;

export class CandidateIndexThread implements AsyncCandidateIndex {
  private readonly worker: Worker;
  private seq = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private failed: EngineError | undefined;

  constructor(options: CandidateIndexThreadOptions) {
    const url = new URL(import.meta.url.endsWith('.ts') ? './candidate-index.worker.ts' : './candidate-index.worker.js', import.meta.url);
    const { filename, entry } = resolveWorkerFile(url);
    const init: CandidateIndexInit = { entry, dimension: options.dimension, path: options.path, vectorId: options.vectorId, ...(options.efSearch ? { efSearch: options.efSearch } : {}), ...(options.sealKey ? { sealKey: options.sealKey } : {}) };
    this.worker = new Worker(filename, { workerData: init });
    this.worker.on('message', (r: CandidateIndexReply) => {
      const p = this.pending.get(r.seq);
      if (!p) {
        if (!r.ok) options.onError?.(r.error.message);
        return;
      }
      this.pending.delete(r.seq);
      if (r.ok) p.resolve(r.value);
      else p.reject(new EngineError(r.error.code, r.error.message, { field: r.error.field }));
    });
    const die = (why: string) => {
      this.failed = EngineError.internal(`the candidate index thread stopped (${why})`);
      for (const p of this.pending.values()) p.reject(this.failed);
      this.pending.clear();
    };
    this.worker.on('error', (e) => die(e instanceof Error ? e.name : 'error'));
    this.worker.on('exit', (code) => die(`exit ${code}`));
  }

  private request<T>(m: WithoutSeq<Extract<CandidateIndexRequest, { seq: number }>>): Promise<T> {
    if (this.failed) return Promise.reject(this.failed);
    const seq = this.seq++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(seq, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...m, seq });
    });
  }

  open(): Promise<OpenResult> {
    return this.request({ op: 'open' });
  }

  add(id: string, vector: ArrayLike<number>): void {
    if (this.failed) throw this.failed;
    const v = Float32Array.from(vector);
    this.worker.postMessage({ op: 'add', id, vector: v } satisfies CandidateIndexRequest, [v.buffer]);
  }

  remove(id: string): void {
    if (this.failed) throw this.failed;
    this.worker.postMessage({ op: 'remove', id } satisfies CandidateIndexRequest);
  }

  search(vector: ArrayLike<number>, k: number): Promise<IndexHit[]> {
    return this.request({ op: 'search', vector: Float32Array.from(vector), k });
  }

  save(): Promise<void> {
    return this.request({ op: 'save' });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
    const e = new EngineError(ErrorCode.Unavailable, 'the candidate index is closed');
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}
