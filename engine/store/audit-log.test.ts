/**
 * The audit chain in the store: appends in order under concurrency, survives reopening, lists by
 * agency and time with paging, and `verify` finds each kind of tampering made by editing the LMDB
 * files directly (with lmdb itself, as someone with the disk would), the server stopped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { open } from 'lmdb';
import { RecordStore } from './record-store.js';
import { AUDIT_CHAIN_DB, AUDIT_CHECKPOINTS_DB, AuditChainReader, AuditLog } from './audit-log.js';
import { chainEntry, entryHash, signCheckpoint, type AuditEntry, type ChainedEntry, type Checkpoint } from '../security/audit-chain.js';
import { AUDIT_KEY_FILE, loadOrCreateSigningKey, readPublicKey } from '../security/audit-key.js';
import { EngineError, ErrorCode } from '../errors.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'bm-audit-'));
  dirs.push(d);
  return d;
}
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const INTERVAL = 4;

function entry(i: number, agency = i % 2 ? 'AG1' : 'AG2', time = new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString()): AuditEntry {
  return { time, agency, method: '/biomatch.v1.FingerprintService/Identify', peer: 'ipv4:127.0.0.1:5', recordIds: [`fp_${i}`], counts: { returned: 1 }, status: 'OK', purpose: 'criminal-investigation', caseReference: `C-${i}` };
}

async function openLog(dir: string, interval = INTERVAL): Promise<{ store: RecordStore; log: AuditLog }> {
  const store = RecordStore.open(dir);
  return { store, log: await AuditLog.open(store, { privateKey, publicKey, interval, checkpointSeconds: 0 }) };
}

/** A store with `n` entries written and cleanly closed (a shutdown checkpoint at the end). */
async function written(n: number): Promise<string> {
  const dir = tempDir();
  const { store, log } = await openLog(dir);
  for (let i = 1; i <= n; i++) await log.append(entry(i));
  await log.close();
  await store.close();
  return dir;
}

async function verifyDir(dir: string, anchors?: { seq: number; hash: string }[]) {
  const store = RecordStore.open(dir);
  try {
    return await new AuditChainReader(store).verify({ publicKey, interval: INTERVAL, ...(anchors ? { anchors } : {}) });
  } finally {
    await store.close();
  }
}

/** Edits the store's files directly through lmdb, as someone with the disk could. */
async function tamper(dir: string, edit: (chain: ReturnType<ReturnType<typeof open>['openDB']>, checkpoints: ReturnType<ReturnType<typeof open>['openDB']>) => Promise<void> | void): Promise<void> {
  const env = open({ path: join(dir, 'biomatch.mdb'), maxDbs: 16 });
  const chain = env.openDB({ name: AUDIT_CHAIN_DB, encoding: 'json' });
  const checkpoints = env.openDB({ name: AUDIT_CHECKPOINTS_DB, encoding: 'json' });
  await edit(chain, checkpoints);
  await env.flushed;
  await env.close();
}

describe('AuditLog', () => {
  it('appends concurrently in strict sequence, each entry durable when its promise resolves, and survives reopening', async () => {
    const dir = tempDir();
    const { store, log } = await openLog(dir, 64);
    const appended = await Promise.all(Array.from({ length: 500 }, (_, i) => log.append(entry(i + 1))));
    expect(appended.map((c) => c.seq)).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    // durable: readable from the store the moment append resolved
    expect((log.entries.get(500) as ChainedEntry).hash).toBe(appended[499].hash);
    // not closed cleanly: 500 - 448 = 52 entries past the last interval checkpoint
    await store.close();
    const again = await openLog(dir, 64);
    expect(again.log.headNow).toEqual({ seq: 500, hash: appended[499].hash });
    // the start checkpoint signed the tail the previous run left unsigned
    expect(again.log.lastKey(again.log.checkpoints)).toBe(500);
    const next = await again.log.append(entry(501));
    expect(next.prev).toBe(appended[499].hash);
    const report = await again.log.verifyNow();
    expect(report).toMatchObject({ intact: true, entries: 501, headSeq: 501, lastCheckpointSeq: 500, unsignedTail: 1 });
    await again.log.close();
    await again.store.close();
  });

  it('lists by agency and time, in pages that end when the chain does', async () => {
    const dir = tempDir();
    const { store, log } = await openLog(dir);
    for (let i = 1; i <= 30; i++) await log.append(entry(i));
    const ag1 = log.list({ agency: 'AG1', after: 0, limit: 100 });
    expect(ag1.entries.map((e) => e.seq)).toEqual(Array.from({ length: 15 }, (_, i) => 2 * i + 1));
    expect(ag1.next).toBeUndefined();
    const paged: number[] = [];
    let after = 0;
    for (let pages = 0; pages < 20; pages++) {
      const p = log.list({ agency: 'AG2', after, limit: 4 });
      paged.push(...p.entries.map((e) => e.seq));
      if (p.next === undefined) break;
      after = p.next;
    }
    expect(paged).toEqual(Array.from({ length: 15 }, (_, i) => 2 * i + 2));
    const window = log.list({ after: 0, limit: 100, since: Date.UTC(2026, 0, 1, 0, 0, 10), until: Date.UTC(2026, 0, 1, 0, 0, 13) });
    expect(window.entries.map((e) => e.seq)).toEqual([10, 11, 12]);
    // a bounded scan returns a shorter page and a place to continue
    const budgeted = log.list({ agency: 'AG1', after: 0, limit: 100, scanBudget: 5 });
    expect(budgeted.entries.map((e) => e.seq)).toEqual([1, 3, 5]);
    expect(budgeted.next).toBe(5);
    await log.close();
    await store.close();
  });

  it('refuses appends after close, and after a failed write (fail-closed)', async () => {
    const dir = tempDir();
    const { store, log } = await openLog(dir);
    await log.append(entry(1));
    await log.close();
    await expect(log.append(entry(2))).rejects.toMatchObject({ code: ErrorCode.Unavailable });
    await store.close();
    const { store: s2, log: l2 } = await openLog(dir);
    // a value LMDB cannot encode fails the write; the log then refuses everything after
    const bad = entry(2) as unknown as Record<string, unknown>;
    (l2.entries as unknown as { put: (k: number, v: unknown) => Promise<boolean> }).put = async () => { throw new Error('MDB_MAP_FULL'); };
    await expect(l2.append(bad as unknown as AuditEntry)).rejects.toBeInstanceOf(EngineError);
    await expect(l2.append(entry(3))).rejects.toMatchObject({ code: ErrorCode.Unavailable, message: 'the audit trail cannot be written' });
    await s2.close();
  });

  it('an untouched store verifies intact', async () => {
    const dir = await written(10);
    expect(await verifyDir(dir)).toMatchObject({ intact: true, entries: 10, headSeq: 10, lastCheckpointSeq: 10, unsignedTail: 0 });
  });

  it('detects an entry edited in the store', async () => {
    const dir = await written(10);
    await tamper(dir, (chain) => {
      const row = chain.get(5) as ChainedEntry;
      row.entry.recordIds = ['fp_someone_else'];
      return chain.put(5, row).then(() => undefined);
    });
    expect((await verifyDir(dir)).problem).toMatchObject({ kind: 'edited', seq: 5 });
  });

  it('detects an entry edited with every later hash recomputed (the checkpoint signature does not follow)', async () => {
    const dir = await written(10);
    await tamper(dir, async (chain) => {
      let prev = (chain.get(2) as ChainedEntry).hash;
      for (let s = 3; s <= 10; s++) {
        const row = chain.get(s) as ChainedEntry;
        if (s === 3) row.entry.agency = 'ZZ';
        row.prev = prev;
        row.hash = entryHash(s, prev, row.entry);
        prev = row.hash;
        await chain.put(s, row);
      }
    });
    expect((await verifyDir(dir)).problem).toMatchObject({ kind: 'checkpoint-mismatch', seq: 4 });
  });

  it('detects an entry removed from the store', async () => {
    const dir = await written(10);
    await tamper(dir, (chain) => chain.remove(6).then(() => undefined));
    expect((await verifyDir(dir)).problem).toMatchObject({ kind: 'removed', seq: 6 });
  });

  it('detects an entry inserted into the store (later entries moved up one)', async () => {
    const dir = await written(10);
    await tamper(dir, async (chain) => {
      for (let s = 10; s >= 5; s--) await chain.put(s + 1, chain.get(s));
      const forged = chainEntry(5, (chain.get(4) as ChainedEntry).hash, entry(5, 'ZZ'));
      await chain.put(5, forged);
    });
    expect((await verifyDir(dir)).problem).toMatchObject({ kind: 'inserted', seq: 5 });
  });

  it('detects entries reordered in the store', async () => {
    const dir = await written(10);
    await tamper(dir, async (chain) => {
      const a = chain.get(3);
      const b = chain.get(7);
      await chain.put(3, b);
      await chain.put(7, a);
    });
    expect((await verifyDir(dir)).problem).toMatchObject({ kind: 'reordered', seq: 3 });
  });

  it('detects a forged checkpoint: altered, or re-signed under another key', async () => {
    const dir = await written(10);
    await tamper(dir, async (_chain, checkpoints) => {
      const c = checkpoints.get(8) as Checkpoint;
      await checkpoints.put(8, { ...c, time: '2020-01-01T00:00:00.000Z' });
    });
    expect((await verifyDir(dir)).problem).toMatchObject({ kind: 'bad-signature', seq: 8 });

    const dir2 = await written(10);
    const thief = generateKeyPairSync('ed25519');
    await tamper(dir2, async (chain, checkpoints) => {
      // rewrite entry 2 and every hash after it, then re-sign every checkpoint with another key
      let prev = (chain.get(1) as ChainedEntry).hash;
      for (let s = 2; s <= 10; s++) {
        const row = chain.get(s) as ChainedEntry;
        if (s === 2) row.entry.status = 'PERMISSION_DENIED';
        row.prev = prev;
        row.hash = entryHash(s, prev, row.entry);
        prev = row.hash;
        await chain.put(s, row);
        const c = checkpoints.get(s) as Checkpoint | undefined;
        if (c) await checkpoints.put(s, signCheckpoint(thief.privateKey, { seq: s, hash: row.hash, previous: c.previous, interval: c.interval, time: c.time, reason: c.reason }));
      }
    });
    expect((await verifyDir(dir2)).problem).toMatchObject({ kind: 'unknown-key', seq: 4 });
  });

  it('verifies across its scan batches (2,000 rows each): intact, then a removal far in', async () => {
    const dir = tempDir();
    const { store, log } = await openLog(dir, 1000);
    await Promise.all(Array.from({ length: 4500 }, (_, i) => log.append(entry(i + 1))));
    await log.close();
    await store.close();
    const reopened = RecordStore.open(dir);
    expect(await new AuditChainReader(reopened).verify({ publicKey, interval: 1000 })).toMatchObject({ intact: true, entries: 4500, checkpoints: 5, lastCheckpointSeq: 4500 });
    await reopened.close();
    await tamper(dir, (chain) => chain.remove(4100).then(() => undefined));
    const again = RecordStore.open(dir);
    expect((await new AuditChainReader(again).verify({ publicKey, interval: 1000 })).problem).toMatchObject({ kind: 'removed', seq: 4100 });
    await again.close();
  });

  it('detects a tail cut past a checkpoint; a tail cut back to one only against an anchor', async () => {
    const dir = await written(10);
    const head = await verifyDir(dir);
    await tamper(dir, async (chain) => { await chain.remove(10); await chain.remove(9); });
    expect((await verifyDir(dir)).problem).toMatchObject({ kind: 'truncated', seq: 9 });
    await tamper(dir, async (_chain, checkpoints) => { await checkpoints.remove(10); });
    // entries and their checkpoint both gone: the store alone cannot tell...
    expect((await verifyDir(dir)).intact).toBe(true);
    // ...an auditor who kept the earlier head can
    expect((await verifyDir(dir, [{ seq: head.headSeq, hash: head.headHash }])).problem).toMatchObject({ kind: 'anchor-mismatch', seq: 10 });
  });
});

describe('audit signing key', () => {
  it('is created at first start readable by the owner only, then reused', () => {
    const dir = tempDir();
    const k = loadOrCreateSigningKey(dir);
    expect(k.path).toBe(join(dir, AUDIT_KEY_FILE));
    expect(statSync(k.path).mode & 0o777).toBe(0o600);
    expect(k.warning).toBeUndefined();
    expect(loadOrCreateSigningKey(dir).keyId).toBe(k.keyId);
    expect(readPublicKey(`${k.path}.pub`).export({ type: 'spki', format: 'pem' })).toEqual(k.publicKey.export({ type: 'spki', format: 'pem' }));
  });

  it('an explicit key file must exist and be an Ed25519 private key', () => {
    const dir = tempDir();
    expect(() => loadOrCreateSigningKey(dir, join(dir, 'missing.key'))).toThrow(/cannot read the audit signing key/);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 });
    writeFileSync(join(dir, 'rsa.key'), rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    expect(() => loadOrCreateSigningKey(dir, join(dir, 'rsa.key'))).toThrow(/not an Ed25519 key/);
    writeFileSync(join(dir, 'junk.key'), 'hello', { mode: 0o644 });
    expect(() => loadOrCreateSigningKey(dir, join(dir, 'junk.key'))).toThrow(/not a PEM private key/);
    writeFileSync(join(dir, 'loose.key'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o644 });
    expect(loadOrCreateSigningKey(dir, join(dir, 'loose.key')).warning).toMatch(/readable by others/);
  });
});
