/** Messages between a gallery and the thread that owns its candidate index (candidate-index.worker.ts). */
import type { SerializedError } from './messages.js';

export interface CandidateIndexInit {
  /** URL of the real entry module (read by the development bootstrap). */
  entry: string;
  dimension: number;
  /** Where the index is saved; loaded from there at start when present. */
  path: string;
  vectorId: string;
  efSearch?: number;
  /**
   * With encryption at rest: the key's bytes. The index is then saved sealed (`<path>.sealed`),
   * its plaintext only ever in RAM (sealed-index-files.ts).
   */
  sealKey?: Uint8Array;
}

export type CandidateIndexRequest =
  | { op: 'open'; seq: number }
  | { op: 'add'; id: string; vector: Float32Array }
  | { op: 'remove'; id: string }
  | { op: 'search'; seq: number; vector: Float32Array; k: number }
  | { op: 'save'; seq: number }
  | { op: 'size'; seq: number };

export type CandidateIndexReply =
  | { seq: number; ok: true; value: unknown }
  | { seq: number; ok: false; error: SerializedError };

/** What `open` answers: the ids the index holds, and why a saved index was refused, if it was. */
export interface OpenResult {
  ids: string[];
  refused?: string;
}
