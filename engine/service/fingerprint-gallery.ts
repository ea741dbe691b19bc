/**
 * The enrolled fingers, in memory, for Verify and Identify: the candidate index (HNSW over finger
 * vectors) with its persisted copy beside the store, each record's prepared matcher form, and what
 * visibility filtering needs. Rebuilt from the store at start; the persisted index is reused when
 * present and reconciled with the store (records enrolled or deleted after it was saved — e.g. a
 * kill -9 before the shutdown save — are added or removed), so the store stays the one truth.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { prepareCandidate, type PreparedTemplate } from '../fingerprint/matcher.js';
import type { FingerprintTemplate } from '../fingerprint/template.js';
import { FingerprintIdentifier, type CandidateListResult, type IdentifyOptions } from '../fingerprint/identification/fingerprint-identifier.js';
import { HnswCandidateIndex } from '../fingerprint/identification/hnsw-candidate-index.js';
import { FINGER_VECTOR_ID, fingerVector, fingerVectorDimension } from '../fingerprint/identification/finger-vector.js';
import { matcherReRanker } from '../fingerprint/identification/matcher-re-ranker.js';
import { isVisibleTo, type StoredRecord, type Visibility } from '../store/record.js';
import type { RecordStore } from '../store/record-store.js';
import type { ServingIndex } from './deps.js';
import type { Logger } from './logger.js';

export interface FingerprintPayload {
  fingerPosition: number;
  template: FingerprintTemplate;
}

interface GalleryEntry {
  prepared: PreparedTemplate;
  subjectId: string;
  ownerAgency: string;
  visibility: Visibility;
  fingerPosition: number;
  /** For the evidence, without reading the record back from the store. */
  minutiae: number;
  externalId?: string;
}

export class FingerprintGallery implements ServingIndex {
  readonly name = 'fingerprint-ann';
  private index: HnswCandidateIndex | undefined;
  private identifier: FingerprintIdentifier | undefined;
  private readonly entries_ = new Map<string, GalleryEntry>();
  private isLoaded = false;

  constructor(private readonly dataDir: string, private readonly log: Logger) {}

  private get indexPath(): string {
    return join(this.dataDir, 'fingerprint.hnsw');
  }

  async load(store: RecordStore): Promise<void> {
    let index: HnswCandidateIndex | undefined;
    if (existsSync(this.indexPath)) {
      try {
        index = HnswCandidateIndex.load(this.indexPath, { vectorId: FINGER_VECTOR_ID });
      } catch (e) {
        this.log.warn('persisted fingerprint index refused; rebuilding from the store', { reason: e instanceof Error ? e.message : 'unknown' });
      }
    }
    index ??= new HnswCandidateIndex(fingerVectorDimension(), { vectorId: FINGER_VECTOR_ID });
    const seen = new Set<string>();
    let added = 0;
    for (const r of store.scan<FingerprintPayload>('fingerprint')) {
      seen.add(r.id);
      this.entries_.set(r.id, entryOf(r));
      if (!index.has(r.id)) { index.add(r.id, fingerVector(r.payload.template)); added++; }
      // Yield now and then so a large rebuild does not starve health checks.
      if (seen.size % 5000 === 0) await new Promise((res) => setImmediate(res));
    }
    let removed = 0;
    for (const id of [...index.ids()]) if (!seen.has(id)) { index.remove(id); removed++; }
    this.index = index;
    this.identifier = new FingerprintIdentifier(index, matcherReRanker((id) => this.entries_.get(id)?.prepared));
    this.isLoaded = true;
    if (added || removed) this.log.info('fingerprint index reconciled with the store', { added, removed });
  }

  loaded(): boolean {
    return this.isLoaded;
  }

  entries(): number {
    return this.entries_.size;
  }

  /** Call after the store has acknowledged the record. */
  enroll(record: StoredRecord<FingerprintPayload>): void {
    this.entries_.set(record.id, entryOf(record));
    this.identifier!.enroll(record.id, record.payload.template);
  }

  delete(id: string): void {
    this.entries_.delete(id);
    this.identifier!.delete(id);
  }

  prepared(id: string): PreparedTemplate | undefined {
    return this.entries_.get(id)?.prepared;
  }

  entry(id: string): GalleryEntry | undefined {
    return this.entries_.get(id);
  }

  identify(probe: FingerprintTemplate, agency: string, options: IdentifyOptions & { fingerPositions?: number[] }): CandidateListResult {
    const positions = options.fingerPositions && options.fingerPositions.length > 0 ? new Set(options.fingerPositions) : undefined;
    return this.identifier!.identify(probe, {
      ...options,
      filter: (id) => {
        const e = this.entries_.get(id);
        return e !== undefined && isVisibleTo(e, agency) && (!positions || positions.has(e.fingerPosition));
      },
    });
  }

  /** Writes the index beside the store (at shutdown); the next start reconciles it. */
  save(): void {
    if (this.index) this.index.save(this.indexPath);
  }
}

function entryOf(r: StoredRecord<FingerprintPayload>): GalleryEntry {
  return {
    prepared: prepareCandidate(r.payload.template),
    subjectId: r.subjectId,
    ownerAgency: r.ownerAgency,
    visibility: r.visibility,
    fingerPosition: r.payload.fingerPosition,
    minutiae: r.payload.template.minutiae.length,
    ...(r.externalId ? { externalId: r.externalId } : {}),
  };
}
