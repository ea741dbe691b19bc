import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordStore } from './record-store.js';
import { EngineError, ErrorCode } from '../errors.js';
import { maySee } from '../security/access.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'bm-store-'));
  dirs.push(d);
  return d;
}
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

const payload = { minutiae: [{ x: 1, y: 2 }] };

describe('RecordStore', () => {
  it('stores a record with every envelope field and reads it back after reopening', async () => {
    const dir = tempDir();
    const store = RecordStore.open(dir);
    const { record, outcome } = await store.put({ kind: 'fingerprint', subjectId: 'S1', ownerAgency: 'AG1', visibility: { agencies: ['AG2', 'AG2'] }, externalId: 'E1', payload }, 'AG1');
    expect(outcome).toBe('created');
    expect(record.id).toMatch(/^fp_[0-9a-f-]{36}$/);
    expect(record.visibility).toEqual({ agencies: ['AG2'], allAgencies: false });
    expect(record.createdAt).toBe(record.updatedAt);
    await store.close();
    const again = RecordStore.open(dir);
    expect(again.get(record.id)).toEqual(record);
    expect(again.findByExternalId('fingerprint', 'AG1', 'E1')?.id).toBe(record.id);
    expect(again.count('fingerprint')).toBe(1);
    expect(again.count('dna-profile')).toBe(0);
    await again.close();
  });

  it('upserts by (kind, owner, external id): same content is unchanged, new content updates in place', async () => {
    const store = RecordStore.open(tempDir());
    const a = await store.put({ kind: 'dna-profile', subjectId: 'S1', ownerAgency: 'AG1', externalId: 'GT1', payload }, 'AG1');
    const b = await store.put({ kind: 'dna-profile', subjectId: 'S1', ownerAgency: 'AG1', externalId: 'GT1', payload }, 'AG1');
    expect(b.outcome).toBe('unchanged');
    expect(b.record.id).toBe(a.record.id);
    const c = await store.put({ kind: 'dna-profile', subjectId: 'S1', ownerAgency: 'AG1', externalId: 'GT1', payload: { other: true } }, 'AG1');
    expect(c.outcome).toBe('updated');
    expect(c.record.id).toBe(a.record.id);
    expect(c.record.createdAt).toBe(a.record.createdAt);
    // Another agency's record with the same external id is a different record.
    const d = await store.put({ kind: 'dna-profile', subjectId: 'S9', ownerAgency: 'AG2', externalId: 'GT1', payload }, 'AG2');
    expect(d.outcome).toBe('created');
    expect(store.count('dna-profile')).toBe(2);
    await store.close();
  });

  it('refuses to overwrite another agency\'s record by id', async () => {
    const store = RecordStore.open(tempDir());
    const a = await store.put({ kind: 'fingerprint', subjectId: 'S1', ownerAgency: 'AG1', payload }, 'AG1');
    await expect(store.put({ id: a.record.id, kind: 'fingerprint', subjectId: 'S1', ownerAgency: 'AG2', payload }, 'AG2'))
      .rejects.toMatchObject({ code: ErrorCode.PermissionDenied });
    expect(store.get(a.record.id)?.ownerAgency).toBe('AG1');
    await store.close();
  });

  it('deletes, frees the external id, and keeps an audit trail without payloads', async () => {
    const store = RecordStore.open(tempDir());
    const a = await store.put({ kind: 'latent', subjectId: '', ownerAgency: 'AG1', externalId: 'CASE-1', payload }, 'AG1');
    expect((await store.delete(a.record.id, 'AG1'))?.id).toBe(a.record.id);
    expect(await store.delete(a.record.id, 'AG1')).toBeUndefined();
    expect(store.get(a.record.id)).toBeUndefined();
    expect(store.findByExternalId('latent', 'AG1', 'CASE-1')).toBeUndefined();
    const trail = store.auditTrail();
    expect(trail.map((e) => e.action)).toEqual(['create', 'delete']);
    expect(JSON.stringify(trail)).not.toContain('minutiae');
    await store.close();
  });

  it('putMany is one transaction: a bad record stores none', async () => {
    const store = RecordStore.open(tempDir());
    const a = await store.put({ kind: 'fingerprint', subjectId: 'S1', ownerAgency: 'AG1', payload }, 'AG1');
    await expect(store.putMany([
      { kind: 'fingerprint', subjectId: 'S2', ownerAgency: 'AG2', payload },
      { id: a.record.id, kind: 'fingerprint', subjectId: 'S1', ownerAgency: 'AG2', payload },
    ], 'AG2')).rejects.toBeInstanceOf(EngineError);
    expect(store.count('fingerprint')).toBe(1);
    await store.close();
  });

  it('scans a kind in full', async () => {
    const store = RecordStore.open(tempDir());
    await store.putMany(Array.from({ length: 50 }, (_, i) => ({ kind: 'dna-profile' as const, subjectId: `S${i}`, ownerAgency: 'AG1', payload: { i } })), 'AG1');
    expect([...store.scan('dna-profile')].length).toBe(50);
    await store.close();
  });

  it.each([
    ['owner_agency', { ownerAgency: '' }, 'owner_agency: is required'],
    ['subject_id', { subjectId: 'x'.repeat(300) }, 'subject_id: is longer than 256 characters'],
    ['external_id', { externalId: 'a\nb' }, 'external_id: contains control characters'],
    ['visibility.agencies', { visibility: { agencies: [''] } }, 'visibility.agencies: is required'],
  ])('refuses a bad %s with INVALID_ARGUMENT naming it', async (_f, patch, message) => {
    const store = RecordStore.open(tempDir());
    await expect(store.put({ kind: 'fingerprint', subjectId: 'S', ownerAgency: 'AG1', payload, ...patch }, 'AG1'))
      .rejects.toMatchObject({ code: ErrorCode.InvalidArgument, message });
    await store.close();
  });

  it('visibility: owner, listed agencies, or all', () => {
    const r = { ownerAgency: 'AG1', visibility: { agencies: ['AG2'], allAgencies: false } };
    expect(maySee('AG1', r)).toBe(true);
    expect(maySee('AG2', r)).toBe(true);
    expect(maySee('AG3', r)).toBe(false);
    expect(maySee('AG3', { ...r, visibility: { agencies: [], allAgencies: true } })).toBe(true);
    expect(maySee('', r)).toBe(false);
  });

  it('has a generation that every change raises and nothing else does, an anchor per history, and the changes since any generation', async () => {
    const a = RecordStore.open(tempDir());
    expect(a.generation()).toBe(0);
    expect(a.generationAnchor(0)).toBe('');
    const r1 = await a.put({ kind: 'dna-profile', subjectId: 'S1', ownerAgency: 'AG1', externalId: 'G1', payload }, 'AG1');
    const r2 = await a.put({ kind: 'fingerprint', subjectId: 'S2', ownerAgency: 'AG1', payload }, 'AG1');
    expect(a.generation()).toBe(2);
    await a.put({ kind: 'dna-profile', subjectId: 'S1', ownerAgency: 'AG1', externalId: 'G1', payload }, 'AG1'); // unchanged
    expect(a.generation()).toBe(2);
    await a.put({ kind: 'dna-profile', subjectId: 'S1b', ownerAgency: 'AG1', externalId: 'G1', payload }, 'AG1'); // update
    await a.delete(r2.record.id, 'AG1');
    expect(a.generation()).toBe(4);
    expect([...a.changesSince(1)].map((c) => [c.generation, c.action, c.recordId, c.kind])).toEqual([
      [2, 'create', r2.record.id, 'fingerprint'], [3, 'update', r1.record.id, 'dna-profile'], [4, 'delete', r2.record.id, 'fingerprint'],
    ]);
    expect([...a.changesSince(4)]).toEqual([]);
    expect(a.count('fingerprint')).toBe(0);
    expect(a.count('dna-profile')).toBe(1);
    // Another store at the same generation has another history.
    const b = RecordStore.open(tempDir());
    for (let i = 0; i < 4; i++) await b.put({ kind: 'dna-profile', subjectId: `S${i}`, ownerAgency: 'AG1', payload }, 'AG1');
    expect(b.generation()).toBe(4);
    expect(a.generationAnchor(4)).toMatch(/^[0-9a-f]{32}$/);
    expect(b.generationAnchor(4)).not.toBe(a.generationAnchor(4));
    expect(a.generationAnchor(4)).toBe(a.generationAnchor(4));
    expect(a.generationAnchor(5)).toBeUndefined();
    await a.close();
    await b.close();
  });
});
