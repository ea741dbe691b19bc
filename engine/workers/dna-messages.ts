/**
 * The shapes that cross between the DNA gallery (engine/workers/dna-gallery.ts, main thread) and the
 * one thread that owns the DNA index (dna-index.worker.ts), in one place.
 *
 * Requests go over the worker's own port and are answered in the order they were sent, each with
 * the index's live record count after it. Outcomes travel as WorkerResponse, not as thrown errors,
 * so an engine error keeps its code and field across the boundary. Cancellations go over a second
 * port that the worker drains synchronously between blocks of a scan (receiveMessageOnPort), since
 * a busy thread never sees its ordinary messages.
 */
import type { MessagePort } from 'node:worker_threads';
import type { DnaProfile, StoredDnaProfile } from '../dna/dna-profile.js';
import type { DnaRecordMeta, DnaSearchOptions, DnaSearchResult, KinshipSearchOptions, KinshipSearchResult } from '../dna/dna-search.js';
import type { LocusFrequencies } from '../dna/frequency-table.js';
import type { LocusDefinition } from '../dna/locus-registry.js';
import type { SnapshotStoreStamp } from '../dna/dna-index-snapshot.js';
import type { SerializedError, WorkerResponse } from './messages.js';

/** workerData of the index thread. */
export interface DnaWorkerInit {
  /** URL of the real entry module (read by the development bootstrap). */
  entry: string;
  /** Loci the main thread's registry holds beyond the default catalogue, in registry order. */
  customLoci: LocusDefinition[];
  /** Every canonical locus name in registry order: the thread checks its rebuilt registry against it. */
  lociNames: string[];
  /** The frequency tables, as data (the thread rebuilds the objects). */
  tables: { name: string; loci: ReadonlyMap<string, LocusFrequencies> }[];
  defaultTable: string | undefined;
  initialCapacity: number;
  /** Receives the sequence numbers of cancelled requests (transferred). */
  cancelPort: MessagePort;
  /** The index snapshot file (engine/dna/dna-index-snapshot.ts); absent: never saved or loaded. */
  snapshotPath?: string;
  /** Encryption at rest: the snapshot is sealed under this key (EncryptionKey.bytesForThread). */
  sealKey?: Uint8Array;
}

/** One record as the index needs it: the store's canonical profile and its access metadata. */
export interface DnaIndexRecord {
  id: string;
  profile: StoredDnaProfile;
  meta: DnaRecordMeta;
}

export type DnaIndexRequest =
  | { op: 'reserve'; seq: number; records: number }
  /** `records`: a JSON array of DnaIndexRecord. One string clones far faster than many small objects. */
  | { op: 'add'; seq: number; records: string }
  | { op: 'remove'; seq: number; ids: string[] }
  | { op: 'search'; seq: number; query: DnaProfile; options: DnaSearchOptions }
  | { op: 'kinship-search'; seq: number; query: DnaProfile; options: KinshipSearchOptions }
  | { op: 'stats'; seq: number }
  /** Build the search structures and compile the search code (DnaIndex.warm), after a load. */
  | { op: 'warm'; seq: number }
  /** Read and verify the snapshot's header only (the gallery checks it against the store). */
  | { op: 'snapshot-header'; seq: number }
  /** Replace the (empty) index by the snapshot's records; on refusal the index is left empty. */
  | { op: 'snapshot-load'; seq: number; snapshotId: string }
  /** Write the snapshot of the index as it is now, stamped with the store's generation. */
  | { op: 'snapshot-save'; seq: number; store: SnapshotStoreStamp };

/** A snapshot that cannot be used, and why (no biometric data in the reason). */
export interface SnapshotRefusal {
  refused: string;
}

/** Records an add could not index (the rest of its batch was indexed). */
export interface DnaAddOutcome {
  failed: { id: string; error: SerializedError }[];
}

export interface DnaIndexStats {
  entries: number;
  loci: number;
  overflowRecords: number;
  approximateBytes: number;
}

export interface DnaIndexResultMap {
  reserve: null;
  add: DnaAddOutcome;
  remove: null;
  search: DnaSearchResult;
  'kinship-search': KinshipSearchResult;
  stats: DnaIndexStats;
  warm: null;
  'snapshot-header': SnapshotRefusal | { snapshotId: string; store: SnapshotStoreStamp; live: number; writtenAt: string };
  'snapshot-load': SnapshotRefusal | { live: number };
  'snapshot-save': { bytes: number };
}

export type DnaIndexReply = { seq: number; entries: number } & WorkerResponse<DnaIndexResultMap[DnaIndexRequest['op']]>;
