/**
 * Why the record store is LMDB and not SQLite: the same workload on both embedded stores.
 *
 *   npx tsx bench/store-choice.bench.ts [--records 50000]
 *
 * better-sqlite3 is not a dependency (it compiles for ~100 s on install and lost here); to include
 * it, install it anywhere and point at it:
 *   (cd /tmp/sq && npm i better-sqlite3@12) && BETTER_SQLITE3_FROM=/tmp/sq/ npx tsx bench/store-choice.bench.ts
 *
 * Workload, shaped like ours: records of ~3 KB (a 50-minutia template with metadata),
 *  - acknowledged writes one at a time (a client enrolling and waiting for each answer),
 *  - acknowledged writes with 64 in flight (a batch import / many clients),
 *  - random reads by id, and one full scan (rebuilding the in-memory indexes at start),
 *  - bytes on disk afterwards.
 * All configurations survive a process crash (kill -9) for every acknowledged write. LMDB's
 * default (its promise resolves after the commit is synced) and SQLite synchronous=FULL also
 * survive power loss; SQLite WAL with synchronous=NORMAL may lose the last commits then.
 */
import { mkdtempSync, rmSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { open } from 'lmdb';
import { pack, unpack } from 'msgpackr';

const argRecords = process.argv.indexOf('--records');
const N = argRecords > 0 ? Number(process.argv[argRecords + 1]) : 50_000;
const SEQUENTIAL = Math.min(5_000, N);

function makeRecord(i: number) {
  const minutiae = Array.from({ length: 50 }, (_, k) => ({
    x: (i * 7 + k * 13) % 388, y: (i * 3 + k * 29) % 374, direction: ((i + k) % 628) / 100, type: k % 2 ? 'ending' : 'bifurcation', quality: 60 + (k % 40),
  }));
  return {
    id: randomUUID(), kind: 'fingerprint', subjectId: `S${i}`, ownerAgency: 'AGENCY-A',
    visibility: { agencies: ['AGENCY-B'], allAgencies: false }, externalId: `EXT-${i}`,
    createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(),
    payload: { width: 388, height: 374, resolutionPpi: 500, minutiae, singularPoints: [], quality: 71, fingerPosition: 2 },
  };
}

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
}

interface Row { engine: string; seqWritesPerS: number; batchWritesPerS: number; readsPerS: number; scanPerS: number; mbOnDisk: number }

async function benchLmdb(records: ReturnType<typeof makeRecord>[]): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'bm-lmdb-'));
  const db = open<ReturnType<typeof makeRecord>, string>({ path: dir, encoding: 'msgpack' });
  let t = performance.now();
  for (let i = 0; i < SEQUENTIAL; i++) await db.put(records[i].id, records[i]);
  const seq = SEQUENTIAL / ((performance.now() - t) / 1000);
  t = performance.now();
  const inflight = new Set<Promise<unknown>>();
  for (let i = SEQUENTIAL; i < records.length; i++) {
    const p: Promise<unknown> = db.put(records[i].id, records[i]).then(() => inflight.delete(p));
    inflight.add(p);
    if (inflight.size >= 64) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  const batch = (records.length - SEQUENTIAL) / ((performance.now() - t) / 1000);
  t = performance.now();
  for (let i = 0; i < 100_000; i++) db.get(records[(i * 7919) % records.length].id);
  const reads = 100_000 / ((performance.now() - t) / 1000);
  t = performance.now();
  let n = 0;
  for (const { value } of db.getRange()) if (value.payload) n++;
  const scan = n / ((performance.now() - t) / 1000);
  await db.close();
  const mb = dirBytes(dir) / 1e6;
  rmSync(dir, { recursive: true, force: true });
  return { engine: 'lmdb 3.5', seqWritesPerS: seq, batchWritesPerS: batch, readsPerS: reads, scanPerS: scan, mbOnDisk: mb };
}

async function benchSqlite(records: ReturnType<typeof makeRecord>[], synchronous: 'NORMAL' | 'FULL'): Promise<Row | undefined> {
  const from = process.env.BETTER_SQLITE3_FROM;
  let Database: new (file: string) => {
    pragma(s: string): unknown; exec(s: string): void; close(): void;
    prepare(s: string): { run(...a: unknown[]): unknown; get(...a: unknown[]): unknown; iterate(...a: unknown[]): Iterable<unknown> };
    transaction<F extends (...a: never[]) => unknown>(f: F): F;
  };
  try {
    Database = createRequire(from ? join(from, 'x.js') : import.meta.url)('better-sqlite3');
  } catch {
    console.log('better-sqlite3 not installed: skipping it (see the header of this file)');
    return undefined;
  }
  const dir = mkdtempSync(join(tmpdir(), 'bm-sqlite-'));
  const db = new Database(join(dir, 'records.db'));
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.exec(`CREATE TABLE records (id TEXT PRIMARY KEY, kind TEXT NOT NULL, owner TEXT NOT NULL, external_id TEXT, body BLOB NOT NULL);
           CREATE UNIQUE INDEX records_ext ON records(owner, kind, external_id);`);
  const insert = db.prepare('INSERT OR REPLACE INTO records (id, kind, owner, external_id, body) VALUES (?, ?, ?, ?, ?)');
  const put = (r: ReturnType<typeof makeRecord>) => insert.run(r.id, r.kind, r.ownerAgency, r.externalId, pack(r));
  let t = performance.now();
  for (let i = 0; i < SEQUENTIAL; i++) put(records[i]);
  const seq = SEQUENTIAL / ((performance.now() - t) / 1000);
  // Best case for SQLite under concurrency: group commit by hand, 64 rows a transaction.
  const many = db.transaction((rows: ReturnType<typeof makeRecord>[]) => { for (const r of rows) put(r); });
  t = performance.now();
  for (let i = SEQUENTIAL; i < records.length; i += 64) many(records.slice(i, i + 64) as never);
  const batch = (records.length - SEQUENTIAL) / ((performance.now() - t) / 1000);
  const get = db.prepare('SELECT body FROM records WHERE id = ?');
  t = performance.now();
  for (let i = 0; i < 100_000; i++) unpack((get.get(records[(i * 7919) % records.length].id) as { body: Buffer }).body);
  const reads = 100_000 / ((performance.now() - t) / 1000);
  t = performance.now();
  let n = 0;
  for (const row of db.prepare('SELECT body FROM records').iterate()) if (unpack((row as { body: Buffer }).body).payload) n++;
  const scan = n / ((performance.now() - t) / 1000);
  db.close();
  const mb = dirBytes(dir) / 1e6;
  rmSync(dir, { recursive: true, force: true });
  return { engine: `better-sqlite3 12 (WAL, synchronous=${synchronous})`, seqWritesPerS: seq, batchWritesPerS: batch, readsPerS: reads, scanPerS: scan, mbOnDisk: mb };
}

const records = Array.from({ length: N }, (_, i) => makeRecord(i));
const rows = [await benchLmdb(records), await benchSqlite(records, 'NORMAL'), await benchSqlite(records, 'FULL')].filter((r): r is Row => r !== undefined);
const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
console.log(`\n${N.toLocaleString('en-US')} records of ~${pack(records[0]).length} bytes; load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
console.log('| store | acked writes/s, one at a time | acked writes/s, 64 in flight | reads/s by id | full scan records/s | MB on disk |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) console.log(`| ${r.engine} | ${fmt(r.seqWritesPerS)} | ${fmt(r.batchWritesPerS)} | ${fmt(r.readsPerS)} | ${fmt(r.scanPerS)} | ${r.mbOnDisk.toFixed(1)} |`);
