import { describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import {
  canonicalJson, chainEntry, checkpointSignatureValid, entryHash, GENESIS_HASH, signCheckpoint, verifyChain,
  type AuditEntry, type ChainedEntry, type Checkpoint, type StoredRow,
} from './audit-chain.js';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');

function entry(i: number): AuditEntry {
  return {
    time: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), agency: i % 2 ? 'AG1' : 'AG2', method: '/biomatch.v1.DnaService/Search',
    purpose: 'criminal-investigation', caseReference: `C-${i}`, peer: 'ipv4:127.0.0.1:1', recordIds: [`dna_${i}`], counts: { returned: 1 }, status: 'OK',
  };
}

/** A chain of n entries with a checkpoint every `interval`, as the log writes it. */
function build(n: number, interval = 4): { rows: ChainedEntry[]; checkpoints: Checkpoint[] } {
  const rows: ChainedEntry[] = [];
  const checkpoints: Checkpoint[] = [];
  let prev = GENESIS_HASH;
  for (let s = 1; s <= n; s++) {
    const c = chainEntry(s, prev, entry(s));
    rows.push(c);
    prev = c.hash;
    if (s % interval === 0) {
      checkpoints.push(signCheckpoint(privateKey, { seq: s, hash: c.hash, previous: checkpoints.at(-1)?.seq ?? 0, interval, time: entry(s).time, reason: 'interval' }));
    }
  }
  return { rows, checkpoints };
}

const asRows = (rows: unknown[]): StoredRow[] => rows.map((value, i) => ({ key: i + 1, value }));
const verify = (rows: StoredRow[], checkpoints: unknown[], extra: { anchors?: { seq: number; hash: string }[] } = {}) => verifyChain(rows, { publicKey, checkpoints, interval: 4, ...extra });
const clone = <T>(x: T): T => structuredClone(x);

describe('audit chain', () => {
  it('canonical JSON sorts keys, drops undefined, and refuses what JSON cannot hold', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], c: undefined })).toBe('{"a":[true,null,"x"],"b":1}');
    expect(() => canonicalJson({ a: Number.NaN })).toThrow();
    expect(() => canonicalJson({ a: Buffer.from('x') })).toThrow();
    expect(entryHash(1, GENESIS_HASH, { a: 1, b: 2 })).toBe(entryHash(1, GENESIS_HASH, { b: 2, a: 1 }));
    expect(entryHash(1, GENESIS_HASH, { a: 1 })).not.toBe(entryHash(2, GENESIS_HASH, { a: 1 }));
  });

  it('a checkpoint verifies under its key and no other, and not once altered', () => {
    const c = signCheckpoint(privateKey, { seq: 4, hash: 'ab'.repeat(32), previous: 0, interval: 4, time: '2026-01-01T00:00:00.000Z', reason: 'interval' });
    expect(checkpointSignatureValid(publicKey, c)).toBe(true);
    expect(checkpointSignatureValid(other.publicKey, c)).toBe(false);
    expect(checkpointSignatureValid(publicKey, { ...c, seq: 5 })).toBe(false);
    expect(checkpointSignatureValid(publicKey, { ...c, signature: 'not base64!' })).toBe(false);
  });

  it('an untouched chain verifies, and says how much of it is unsigned', () => {
    const { rows, checkpoints } = build(10);
    const r = verify(asRows(rows), checkpoints);
    expect(r).toMatchObject({ intact: true, entries: 10, checkpoints: 2, headSeq: 10, headHash: rows[9].hash, lastCheckpointSeq: 8, unsignedTail: 2 });
    expect(r.problem).toBeUndefined();
    expect(verify([], [])).toMatchObject({ intact: true, entries: 0, headSeq: 0, headHash: GENESIS_HASH });
  });

  it('an edited entry', () => {
    const { rows, checkpoints } = build(10);
    const t = clone(rows);
    t[4].entry.recordIds = ['dna_other'];
    expect(verify(asRows(t), checkpoints).problem).toMatchObject({ kind: 'edited', seq: 5 });
    // an added field is an edit too
    const u = clone(rows);
    (u[4].entry as unknown as Record<string, unknown>).note = 'x';
    expect(verify(asRows(u), checkpoints).problem).toMatchObject({ kind: 'edited', seq: 5 });
  });

  it('an edited entry whose hash was recomputed breaks the link to the next one', () => {
    const { rows, checkpoints } = build(10);
    const t = clone(rows);
    t[4].entry.status = 'NOT_FOUND';
    t[4].hash = entryHash(5, t[4].prev, t[4].entry);
    expect(verify(asRows(t), checkpoints).problem).toMatchObject({ kind: 'edited', seq: 5 });
  });

  it('a rewrite that recomputes every later hash is caught by the signed checkpoint', () => {
    const { rows, checkpoints } = build(10);
    const t = clone(rows);
    t[2].entry.agency = 'ZZ';
    for (let i = 2; i < t.length; i++) {
      if (i > 2) t[i].prev = t[i - 1].hash;
      t[i].hash = entryHash(i + 1, t[i].prev, t[i].entry);
    }
    expect(verify(asRows(t), checkpoints).problem).toMatchObject({ kind: 'checkpoint-mismatch', seq: 4 });
  });

  it('a removed entry, with or without renumbering', () => {
    const { rows, checkpoints } = build(10);
    const gap = asRows(rows).filter((r) => r.key !== 6);
    expect(verify(gap, checkpoints).problem).toMatchObject({ kind: 'removed', seq: 6 });
    const renumbered = asRows(rows.filter((r) => r.seq !== 6));
    expect(verify(renumbered, checkpoints).problem).toMatchObject({ kind: 'removed', seq: 6 });
  });

  it('an inserted entry', () => {
    const { rows, checkpoints } = build(10);
    // a well-formed forged entry at 5, the rest shifted up by one
    const forged = chainEntry(5, rows[3].hash, { ...entry(5), agency: 'ZZ' });
    const t = [...rows.slice(0, 4), forged, ...rows.slice(4)];
    expect(verify(asRows(t), checkpoints).problem).toMatchObject({ kind: 'inserted', seq: 5 });
  });

  it('reordered entries', () => {
    const { rows, checkpoints } = build(10);
    const t = [...rows];
    [t[2], t[6]] = [t[6], t[2]];
    expect(verify(asRows(t), checkpoints).problem).toMatchObject({ kind: 'reordered', seq: 3 });
    const adjacent = [...rows];
    [adjacent[8], adjacent[9]] = [adjacent[9], adjacent[8]];
    expect(verify(asRows(adjacent), checkpoints).problem).toMatchObject({ kind: 'reordered', seq: 9 });
  });

  it('a forged checkpoint: altered, or signed by another key', () => {
    const { rows, checkpoints } = build(10);
    const altered = clone(checkpoints);
    altered[0].hash = rows[2].hash;
    expect(verify(asRows(rows), altered).problem).toMatchObject({ kind: 'bad-signature', seq: 4 });
    const resigned = clone(checkpoints);
    resigned[1] = signCheckpoint(other.privateKey, { seq: 8, hash: rows[7].hash, previous: 4, interval: 4, time: 't', reason: 'interval' });
    expect(verify(asRows(rows), resigned).problem).toMatchObject({ kind: 'unknown-key', seq: 8 });
    const sameKeyIdForged = clone(checkpoints);
    sameKeyIdForged[1] = { ...resigned[1], keyId: checkpoints[1].keyId };
    expect(verify(asRows(rows), sameKeyIdForged).problem).toMatchObject({ kind: 'bad-signature', seq: 8 });
  });

  it('a removed checkpoint, and a tail cut back past a checkpoint', () => {
    const { rows, checkpoints } = build(10);
    expect(verify(asRows(rows), [checkpoints[1]]).problem).toMatchObject({ kind: 'checkpoint-missing', seq: 8 });
    expect(verify(asRows(rows), [checkpoints[0]]).problem).toMatchObject({ kind: 'checkpoint-missing' });
    expect(verify(asRows(rows.slice(0, 7)), checkpoints).problem).toMatchObject({ kind: 'truncated', seq: 8 });
  });

  it('what cannot be seen without an anchor: the tail cut back to a checkpoint, entries and checkpoints together', () => {
    const { rows, checkpoints } = build(10);
    const cut = verify(asRows(rows.slice(0, 8)), checkpoints);
    expect(cut.intact).toBe(true);
    // ...but an auditor who noted the head earlier sees it
    expect(verify(asRows(rows.slice(0, 8)), checkpoints, { anchors: [{ seq: 10, hash: rows[9].hash }] }).problem).toMatchObject({ kind: 'anchor-mismatch', seq: 10 });
    expect(verify(asRows(rows), checkpoints, { anchors: [{ seq: 10, hash: rows[9].hash }] }).intact).toBe(true);
  });

  it('rows that are not entries', () => {
    const { rows, checkpoints } = build(6);
    const t: unknown[] = [...rows];
    t[2] = 'garbage';
    expect(verify(asRows(t), checkpoints).problem).toMatchObject({ kind: 'malformed', seq: 3 });
    expect(verify(asRows(rows), [...checkpoints, { seq: 'x' }]).problem).toMatchObject({ kind: 'malformed' });
  });
});
