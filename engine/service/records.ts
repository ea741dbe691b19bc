/**
 * Record access rules shared by every service: a caller sees a record only if its agency owns it
 * or is in its visibility, and an unseen record answers NOT_FOUND (not PERMISSION_DENIED, which
 * would confirm that it exists). Only the owner may delete or change a record.
 */
import { EngineError, ErrorCode } from '../errors.js';
import { isVisibleTo, type RecordKind, type StoredRecord } from '../store/record.js';
import { RecordStore } from '../store/record-store.js';

export function requireRecordId(id: string, field = 'record_id'): string {
  if (id.trim() === '') throw EngineError.invalidArgument(field, 'is required');
  if (id.length > 128 || !/^[a-z]+_[0-9a-f-]{36}$/.test(id)) throw EngineError.invalidArgument(field, 'is not a biomatch record id');
  return id;
}

export function getVisible<P>(store: RecordStore, id: string, kind: RecordKind, agency: string): StoredRecord<P> {
  requireRecordId(id);
  const r = RecordStore.kindOfId(id) === kind ? store.get<P>(id) : undefined;
  if (!r || !isVisibleTo(r, agency)) throw EngineError.notFound(`record ${id}`);
  return r;
}

export async function deleteOwned(store: RecordStore, id: string, kind: RecordKind, agency: string): Promise<StoredRecord | undefined> {
  requireRecordId(id);
  const r = RecordStore.kindOfId(id) === kind ? store.get(id) : undefined;
  if (!r || !isVisibleTo(r, agency)) return undefined;
  if (r.ownerAgency !== agency) throw new EngineError(ErrorCode.PermissionDenied, `only the owner agency may delete record ${id}`);
  return store.delete(id, agency);
}

/** The owner of a new record: the caller, unless it names itself differently. */
export function ownerFor(requested: string, agency: string): string {
  const owner = requested.trim() === '' ? agency : requested.trim();
  if (owner !== agency) throw new EngineError(ErrorCode.PermissionDenied, 'owner_agency must be the calling agency');
  return owner;
}
