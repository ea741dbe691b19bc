/**
 * Get and delete under the one access rule (engine/security/access.ts), for every record kind:
 * a record the caller may not see answers NOT_FOUND — for get, verify and delete alike — so that
 * no answer confirms that a record exists.
 */
import { EngineError, ErrorCode } from '../../errors.js';
import { mayChange, maySee } from '../../security/access.js';
import type { RecordKind, StoredRecord } from '../../store/record.js';
import { RecordStore } from '../../store/record-store.js';
import type { Caller } from './operation.js';
import { requireLoaded } from './admin.js';

export function requireRecordId(id: string, field = 'record_id'): string {
  if (id.trim() === '') throw EngineError.invalidArgument(field, 'is required');
  if (id.length > 128 || !/^[a-z]+_[0-9a-f-]{36}$/.test(id)) throw EngineError.invalidArgument(field, 'is not a biomatch record id');
  return id;
}

/** The record if the caller may see it; NOT_FOUND otherwise (absent, other kind, or invisible). */
export function getVisible<P>(store: RecordStore, id: string, kind: RecordKind, agency: string, field = 'record_id'): StoredRecord<P> {
  requireRecordId(id, field);
  const r = RecordStore.kindOfId(id) === kind ? store.get<P>(id) : undefined;
  if (!r || !maySee(agency, r)) throw EngineError.notFound(`record ${id}`);
  return r;
}

/**
 * Deletes a record the caller owns. NOT_FOUND when it cannot see it; PERMISSION_DENIED when it
 * sees it but another agency owns it (the caller already knows that the record exists).
 */
export async function deleteVisible(store: RecordStore, id: string, kind: RecordKind, agency: string): Promise<StoredRecord> {
  const r = getVisible(store, id, kind, agency);
  if (!mayChange(agency, r)) throw new EngineError(ErrorCode.PermissionDenied, `only the owner agency may delete record ${id}`);
  const removed = await store.delete(id, agency);
  if (!removed) throw EngineError.notFound(`record ${id}`);
  return removed;
}

/** The owner of a new record: the caller, unless it names itself differently. */
export function ownerFor(requested: string, agency: string): string {
  const owner = requested.trim() === '' ? agency : requested.trim();
  if (owner !== agency) throw new EngineError(ErrorCode.PermissionDenied, 'owner_agency must be the calling agency');
  return owner;
}

/** The record-level operations every record kind has: get and delete under the access rule. */
export function recordOperations<P>(store: RecordStore, kind: RecordKind, index: { readonly name: string; loaded(): boolean; remove(id: string): void }) {
  return {
    async get(caller: Caller, req: { recordId: string }): Promise<StoredRecord<P>> {
      return getVisible<P>(store, req.recordId, kind, caller.agency);
    },
    async delete(caller: Caller, req: { recordId: string }): Promise<{ recordId: string; deleted: boolean }> {
      // Refused while the index loads: the rebuild would bring the record back.
      requireLoaded(index);
      const removed = await deleteVisible(store, req.recordId, kind, caller.agency);
      index.remove(removed.id);
      return { recordId: removed.id, deleted: true };
    },
  };
}
