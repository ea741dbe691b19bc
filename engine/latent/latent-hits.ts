/**
 * TL reverse-search state, durable beside the records (two named databases in the store's LMDB
 * environment, so their writes share its flushed transactions):
 *
 * - `latent/reverse-pending`: tenprint record id → when it was enrolled. Written in the same
 *   transaction as the enrolment itself (RecordStore.put's in-transaction hook), so an enrolment
 *   the server acknowledged always has either its marker or its finished search; a sweep at start
 *   runs what a crash left pending.
 * - `latent/hits`: hit id → the notification for the mark's owner. A hit's id is derived from
 *   (mark, tenprint record), so running a search again (after a crash, or a re-enrolment) updates
 *   the same notification instead of adding a second one. The marker goes in the same transaction
 *   as the hits it produced.
 */
import { createHash } from 'node:crypto';
import type { Database, Key } from 'lmdb';
import type { RecordStore } from '../store/record-store.js';
import type { Alignment } from '../fingerprint/identification/fingerprint-searcher.js';

export interface LatentHit {
  hitId: string;
  latentId: string;
  /** The mark's owner: the agency notified. */
  latentOwner: string;
  caseReference: string;
  tenprintRecordId: string;
  subjectId: string;
  tenprintOwner: string;
  fingerPosition: number;
  score: number;
  pairs: { probe: number; candidate: number; similarity: number }[];
  alignment?: Alignment;
  probeMinutiae: number;
  candidateMinutiae: number;
  /** ISO-8601 UTC. */
  foundAt: string;
  acknowledgedAt?: string;
}

export interface PendingReverseSearch {
  enrolledAt: string;
}

/** A hit id: the same for the same (mark, tenprint record), shaped like a record id (`lh_` + UUID form). */
export function hitId(latentId: string, tenprintRecordId: string): string {
  const h = createHash('sha256').update(`biomatch-latent-hit\u0000${latentId}\u0000${tenprintRecordId}`).digest('hex');
  return `lh_${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export class LatentHitStore {
  private readonly pendingDb: Database<PendingReverseSearch, Key>;
  private readonly hitsDb: Database<LatentHit, Key>;

  constructor(private readonly store: RecordStore) {
    this.pendingDb = store.namedDatabase<PendingReverseSearch>('latent/reverse-pending');
    this.hitsDb = store.namedDatabase<LatentHit>('latent/hits');
  }

  /** Marks a tenprint enrolment as owed its reverse search. Call inside the enrolment's store transaction. */
  markPendingInTransaction(tenprintRecordId: string): void {
    void this.pendingDb.put(tenprintRecordId, { enrolledAt: new Date().toISOString() });
  }

  /** Tenprint record ids whose reverse search has not finished, oldest key first. */
  pending(): string[] {
    return [...this.pendingDb.getKeys()].map(String);
  }

  isPending(tenprintRecordId: string): boolean {
    return this.pendingDb.get(tenprintRecordId) !== undefined;
  }

  /**
   * Stores a finished search's hits and clears its marker, in one durable transaction. A hit
   * already acknowledged keeps its acknowledgement when the same pair is found again.
   */
  async complete(tenprintRecordId: string, hits: LatentHit[]): Promise<void> {
    await this.pendingDb.transaction(() => {
      for (const h of hits) {
        const old = this.hitsDb.get(h.hitId);
        void this.hitsDb.put(h.hitId, old?.acknowledgedAt ? { ...h, foundAt: old.foundAt, acknowledgedAt: old.acknowledgedAt } : h);
      }
      void this.pendingDb.remove(tenprintRecordId);
    });
  }

  get(id: string): LatentHit | undefined {
    return this.hitsDb.get(id);
  }

  /** Hits whose mark `agency` owns, in hit-id order, after `after` (a page token). */
  *forOwner(agency: string, after = ''): Generator<LatentHit> {
    for (const { key, value } of this.hitsDb.getRange(after ? { start: after } : {})) {
      if (String(key) <= after) continue;
      if (value.latentOwner === agency) yield value;
    }
  }

  async acknowledge(id: string): Promise<LatentHit> {
    return this.hitsDb.transaction(() => {
      const h = this.hitsDb.get(id)!;
      const acked = h.acknowledgedAt ? h : { ...h, acknowledgedAt: new Date().toISOString() };
      void this.hitsDb.put(id, acked);
      return acked;
    });
  }

  /** Removes the hits of a mark that left the unsolved file. */
  async removeForLatent(latentId: string): Promise<number> {
    return this.hitsDb.transaction(() => {
      let n = 0;
      for (const { key, value } of this.hitsDb.getRange()) {
        if (value.latentId === latentId) { void this.hitsDb.remove(key); n++; }
      }
      return n;
    });
  }

  /** The store the markers live in (for the enrolment's in-transaction hook). */
  get recordStore(): RecordStore {
    return this.store;
  }
}
