/**
 * The bookkeeping both in-memory galleries (fingerprint tenprints, the unsolved latent file)
 * share: prepared forms in a PreparedArena, each slot's access group, record id -> slot, and the
 * per-slot record details a candidate carries back. The galleries add their own search on top.
 */
import type { StoredRecord } from '../../store/record.js';
import type { PreparedTemplate } from '../matcher.js';
import type { MinutiaeCandidate } from './fingerprint-searcher.js';
import type { ScanMatch } from './gallery-scan.js';
import { AccessGroups } from './gallery-access.js';
import { PreparedArena, type PackedForm, type SlotMetadata } from './prepared-arena.js';

export class GallerySlots<R extends { id: string; subjectId: string; externalId?: string }> {
  readonly arena = new PreparedArena();
  readonly access = new AccessGroups();
  readonly slotOf = new Map<string, number>();
  /** slot -> the record's details (stale for a killed slot until it is reused). */
  readonly records: R[] = [];

  /** Adds or replaces the record `r` (its old slot, if any, is killed). Returns the new slot. */
  place(r: StoredRecord<unknown>, form: PreparedTemplate | PackedForm, meta: Omit<SlotMetadata, 'group'>, details: R): number {
    const old = this.slotOf.get(r.id);
    if (old !== undefined) this.arena.kill(old);
    const slot = this.arena.add(form, { ...meta, group: this.access.intern(r) });
    this.records[slot] = details;
    this.slotOf.set(r.id, slot);
    return slot;
  }

  /** Removes a record; false when it was not here. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.arena.kill(slot);
    this.slotOf.delete(id);
    return true;
  }

  /** The prepared form of a live record. */
  form(id: string): PreparedTemplate | undefined {
    const slot = this.slotOf.get(id);
    return slot === undefined ? undefined : this.arena.form(slot);
  }

  /**
   * Live records `agency` may see (the one access rule over the access groups): one pass over
   * the live slots, no record decoded. For statistics (GetStats).
   */
  visibleCount(agency: string): number {
    const visible = this.access.visibleTo(agency);
    let n = 0;
    for (const slot of this.slotOf.values()) if (visible[this.arena.metadata(slot).group] === 1) n++;
    return n;
  }

  /** The candidate at `slot` of a merged scan hit, as every minutiae search returns it. */
  candidate(hit: { slot: number; score: number; match?: ScanMatch }, rank: number, probeMinutiae: number): MinutiaeCandidate {
    const rec = this.records[hit.slot];
    const meta = this.arena.metadata(hit.slot);
    const m = hit.match;
    return {
      recordId: rec.id,
      subjectId: rec.subjectId,
      ...(rec.externalId ? { externalId: rec.externalId } : {}),
      ownerAgency: this.access.get(meta.group).ownerAgency,
      rank,
      score: hit.score,
      pairs: m?.pairs ?? [],
      ...(m ? { alignment: { rotation: m.rotation, dx: m.dx, dy: m.dy, ...(m.scale !== undefined ? { scale: m.scale } : {}) } } : {}),
      probeMinutiae,
      candidateMinutiae: meta.minutiae,
    };
  }
}
