/**
 * What encryption at rest costs the record store: the same fingerprint-sized records written,
 * read at random and scanned (as at start) through RecordStore plain and encrypted (LMDB's ChaCha8
 * page cipher), and, for the alternative that was not taken, AES-256-GCM over each value alone.
 *
 *   npx tsx bench/store-encryption.bench.ts [--records 20000] [--json out.json]
 *
 * Results: docs/decisions/encryption-at-rest.md.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { pack } from 'msgpackr';
import { RecordStore } from '../engine/store/record-store.js';
import { EncryptionKey } from '../engine/security/encryption.js';

const arg = (name: string, fallback: string) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : fallback; };
const N = Number(arg('--records', '20000'));
const BATCH = 100;

function payload(i: number) {
  // A template of 40 minutiae, about the size of an enrolled finger's payload.
  return { fingerPosition: 1 + (i % 10), template: { width: 416, height: 560, resolutionPpi: 500, quality: 60, singularPoints: [],
    minutiae: Array.from({ length: 40 }, (_, k) => ({ x: (i * 7 + k * 13) % 416, y: (i * 11 + k * 17) % 560, direction: ((i + k) % 628) / 100 + 0.001, type: k % 2 ? 'bifurcation' : 'ending', quality: 50 + (k % 50) })) } };
}

async function measure(name: string, key: EncryptionKey | undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'bm-store-enc-'));
  try {
    let store = RecordStore.open(dir, key ? { encryptionKey: key } : {});
    let t = performance.now();
    for (let i = 0; i < N; i += BATCH) {
      await store.putMany(Array.from({ length: Math.min(BATCH, N - i) }, (_, j) => ({ kind: 'fingerprint' as const, subjectId: `S-${i + j}`, ownerAgency: 'AG', externalId: `X-${i + j}`, payload: payload(i + j) })), 'AG');
    }
    const writeMs = performance.now() - t;
    const ids = [...store.scan('fingerprint')].map((r) => r.id);
    await store.close();
    // A fresh open: reads come from the file (and, encrypted, through the page decryption cache).
    store = RecordStore.open(dir, key ? { encryptionKey: key } : {});
    t = performance.now();
    let n = 0;
    for (const r of store.scan('fingerprint')) n += r.subjectId.length > 0 ? 1 : 0;
    const scanMs = performance.now() - t;
    t = performance.now();
    const gets = Math.min(N, 20000);
    for (let i = 0; i < gets; i++) n += store.get(ids[(i * 7919) % ids.length]) ? 1 : 0;
    const getMs = performance.now() - t;
    const fileMiB = statSync(store.file).size / 2 ** 20;
    await store.close();
    return { name, records: N, writesPerSecond: Math.round(N / (writeMs / 1000)), scanMs: Math.round(scanMs), scanRecordsPerSecond: Math.round(N / (scanMs / 1000)), getMicroseconds: +(getMs * 1000 / gets).toFixed(2), fileMiB: +fileMiB.toFixed(1), check: n };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function perValueGcm() {
  const key = randomBytes(32);
  const values = Array.from({ length: Math.min(N, 20000) }, (_, i) => pack(payload(i)));
  let t = performance.now();
  const sealed = values.map((v) => {
    const nonce = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, nonce);
    return { nonce, body: Buffer.concat([c.update(v), c.final()]), tag: c.getAuthTag() };
  });
  const encMs = performance.now() - t;
  t = performance.now();
  for (const s of sealed) {
    const d = createDecipheriv('aes-256-gcm', key, s.nonce);
    d.setAuthTag(s.tag);
    Buffer.concat([d.update(s.body), d.final()]);
  }
  const decMs = performance.now() - t;
  const bytes = values.reduce((a, v) => a + v.length, 0) / values.length;
  return { name: 'AES-256-GCM per value (crypto only)', values: values.length, meanValueBytes: Math.round(bytes), encryptMicroseconds: +(encMs * 1000 / values.length).toFixed(2), decryptMicroseconds: +(decMs * 1000 / values.length).toFixed(2) };
}

const key = EncryptionKey.fromBytes(randomBytes(32));
const results = [await measure('plain', undefined), await measure('encrypted (LMDB ChaCha8 pages)', key), perValueGcm()];
console.table(results);
const out = arg('--json', '');
if (out) (await import('node:fs')).writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), results }, null, 2));
