/**
 * TL reverse search: every tenprint finger enrolled is searched against the unsolved latent file,
 * and each mark it matches at or above the threshold becomes a notification for the mark's owner
 * (latent-hits.ts). A mark's owner is told only of tenprint records it may see (the one access
 * rule, security/access.ts); the search itself runs as the server, over every mark.
 *
 * Durability: the enrolment writes a pending marker in its own transaction (`markPending`, from
 * the store's in-transaction hook); the search runs after the enrolment is acknowledged, one at a
 * time in enrolment order, and clears the marker in the transaction that stores its hits. A crash
 * in between leaves the marker, and `sweep` (at start, once the galleries have loaded) runs it.
 */
import { EngineError, ErrorCode } from '../errors.js';
import { maySee } from '../security/access.js';
import type { RecordStore } from '../store/record-store.js';
import type { StoredRecord } from '../store/record.js';
import type { FingerprintPayload } from '../fingerprint/identification/fingerprint-gallery.js';
import type { Alignment } from '../fingerprint/identification/fingerprint-searcher.js';
import type { LatentGallery, LatentPayload } from './latent-gallery.js';
import { hitId, type LatentHit, type LatentHitStore } from './latent-hits.js';

export interface ReverseSearchOptions {
  store: RecordStore;
  hits: LatentHitStore;
  latents: LatentGallery;
  minScore: number;
  /** Marks holding fewer minutiae are not searched (tl-few-minutiae.md); 0: every mark. */
  minMarkMinutiae: number;
  log?: (level: 'info' | 'warn' | 'error', msg: string, fields: Record<string, string | number>) => void;
}

/** Wait before a reverse search refused by a full worker queue tries again. */
const RETRY_BUSY_MS = 200;

/** Marks searched per reverse search, at most (hits beyond it are not lost: they are below the threshold's best 1,000). */
const MAX_HITS_PER_FINGER = 1000;

export class ReverseSearch {
  private readonly queue: string[] = [];
  private readonly queued = new Set<string>();
  private running: Promise<void> | null = null;
  private started = false;
  private stopped = false;

  constructor(private readonly options: ReverseSearchOptions) {}

  /** In the enrolment's store transaction: the enrolment is owed a reverse search. */
  markPending(tenprintRecordId: string): void {
    this.options.hits.markPendingInTransaction(tenprintRecordId);
  }

  /** After the enrolment is acknowledged: run its reverse search soon (in the background). */
  enrolled(tenprintRecordId: string): void {
    if (this.stopped) return;
    this.enqueue(tenprintRecordId);
  }

  /** Runs every pending reverse search (what a crash left), then each new one as it comes. */
  start(): void {
    this.started = true;
    for (const id of this.options.hits.pending()) this.enqueue(id);
    this.pump();
  }

  /** Resolves when nothing is queued or running (tests; shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.queue.length = 0;
    await this.idle();
  }

  private enqueue(id: string): void {
    if (this.queued.has(id)) return;
    this.queued.add(id);
    this.queue.push(id);
    this.pump();
  }

  private pump(): void {
    if (!this.started || this.running || this.queue.length === 0) return;
    this.running = (async () => {
      while (this.queue.length > 0 && !this.stopped) {
        const id = this.queue.shift()!;
        this.queued.delete(id);
        try {
          await this.run(id);
        } catch (e) {
          if (e instanceof EngineError && (e.code === ErrorCode.ResourceExhausted || e.code === ErrorCode.Unavailable) && !this.stopped) {
            // A busy pool is not a failure: wait a little and try again (the marker stays meanwhile).
            await new Promise((r) => setTimeout(r, RETRY_BUSY_MS));
            this.queued.add(id);
            this.queue.unshift(id);
            continue;
          }
          // The marker stays: the next start runs it again.
          this.options.log?.('error', 'reverse search failed; it runs again at the next start', { recordId: id, error: e instanceof Error ? e.name : 'unknown' });
        }
      }
    })().finally(() => { this.running = null; this.pump(); });
  }

  /** One enrolment's reverse search; its hits and the cleared marker in one transaction. */
  async run(tenprintRecordId: string): Promise<LatentHit[]> {
    const { store, hits, latents, minScore, minMarkMinutiae } = this.options;
    const record = store.get<FingerprintPayload>(tenprintRecordId);
    // Deleted since: nothing to search, nothing owed.
    if (!record || record.kind !== 'fingerprint') { await hits.complete(tenprintRecordId, []); return []; }
    const probe = record.payload.template;
    const found: LatentHit[] = [];
    if (latents.entries() > 0 && probe.minutiae.length > 0) {
      const list = await latents.search(probe, { agency: null, maxCandidates: MAX_HITS_PER_FINGER, minScore, minMarkMinutiae, fingerPosition: record.payload.fingerPosition, tenprintProbe: true });
      const now = new Date().toISOString();
      for (const c of list.candidates) {
        // The mark's owner learns only of tenprints it may see.
        if (!maySee(c.ownerAgency, record)) continue;
        found.push(hitOf(record, c, now));
      }
    }
    await hits.complete(tenprintRecordId, found);
    if (found.length) this.options.log?.('info', 'reverse search hits', { recordId: tenprintRecordId, hits: found.length });
    return found;
  }
}

function hitOf(record: StoredRecord<FingerprintPayload>, c: Awaited<ReturnType<LatentGallery['search']>>['candidates'][number], now: string): LatentHit {
  return {
    hitId: hitId(c.recordId, record.id),
    latentId: c.recordId,
    latentOwner: c.ownerAgency,
    caseReference: c.caseReference,
    tenprintRecordId: record.id,
    subjectId: record.subjectId,
    tenprintOwner: record.ownerAgency,
    fingerPosition: record.payload.fingerPosition,
    score: c.score,
    // The search's probe was the tenprint, the candidate the mark: evidence reads mark → tenprint.
    pairs: c.pairs.map((p) => ({ probe: p.candidate, candidate: p.probe, similarity: p.similarity })),
    ...(c.alignment ? { alignment: invert(c.alignment) } : {}),
    probeMinutiae: c.candidateMinutiae,
    candidateMinutiae: c.probeMinutiae,
    foundAt: now,
  };
}

/** The inverse of a probe→candidate alignment (scale k, rotation r, then shift d). */
export function invert(a: Alignment): Alignment {
  // Forward: x' = k (x cos r + y sin r) + dx, y' = k (−x sin r + y cos r) + dy (matcher.ts
  // MatchResult, Alignment.scale).
  const c = Math.cos(a.rotation), s = Math.sin(a.rotation);
  const k = a.scale ?? 1;
  // Inverse rotation by −r applied to (x' − dx, y' − dy), then scaled by 1/k.
  const dx = -(a.dx * c - a.dy * s) / k;
  const dy = -(a.dx * s + a.dy * c) / k;
  return { rotation: -a.rotation, dx, dy, ...(k !== 1 ? { scale: 1 / k } : {}) };
}

export type { LatentPayload };
