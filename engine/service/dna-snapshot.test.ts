/**
 * The DNA index snapshot in the running service (docs/decisions/dna-index-snapshot.md): written
 * at clean shutdown (sealed under the encryption-at-rest key), loaded at the next start instead
 * of a rebuild; records written after it (a kill -9 before the next snapshot) are replayed from
 * the store, deletions too; a damaged snapshot, or one from another store history, is refused and
 * the index rebuilt. Every start answers as a start that rebuilt from the store.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { rng, SyntheticProfiles } from '../../fixtures/dna/synthetic-profiles.js';
import { genotypeDesignations, type DnaProfile } from '../dna/dna-profile.js';
import { loadFrequencyFiles } from '../dna/frequency-files.js';
import { LocusRegistry } from '../dna/locus-registry.js';
import { STRINGENCIES } from '../dna/locus-comparison.js';
import { RecordStore } from '../store/record-store.js';
import { call, connect } from './client.js';
import { DNA_SNAPSHOT_FILE, payloadOf } from './dna-catalog.js';
import type { DnaRecord__Output } from './generated/biomatch/v1/DnaRecord.js';
import { spawnServer, startTestService, waitServing, type TestService } from './test-harness.js';

const registry = LocusRegistry.create();
const tables = loadFrequencyFiles(
  [{ source: 'nist1036', path: fileURLToPath(new URL('../dna/frequency-tables/nist1036_us_29loci_freqs.csv', import.meta.url)) }],
  registry, 'nist1036/All',
);
const synth = new SyntheticProfiles(registry, ['AfAm', 'Cauc'].map((p) => tables.resolve(`nist1036/${p}`)), 41);
const random = rng(42);

const dirs: string[] = [];
const tempDir = (prefix: string) => { const d = mkdtempSync(join(tmpdir(), prefix)); dirs.push(d); return d; };
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const lociOf = (p: DnaProfile) => Object.fromEntries([...p.loci].map(([l, g]) => [l, { alleles: genotypeDesignations(g) }]));
const snapshotLines = (t: TestService) => t.logs.filter((l) => l.includes('DNA index snapshot')).map((l) => JSON.parse(l) as Record<string, unknown>);

/** Every search answer the tests compare: exact queries of the first records, at every stringency, for two agencies. */
async function answers(t: TestService, queries: DnaProfile[]): Promise<unknown[]> {
  const out: unknown[] = [];
  for (const q of queries) {
    for (const stringency of STRINGENCIES) {
      for (const viewerAgency of ['AG1', 'AG2']) out.push(JSON.parse(JSON.stringify(await t.service.deps.catalog.search(q, { stringency, viewerAgency, maxMismatches: 1 }))));
    }
  }
  return out;
}

describe('DNA index snapshot in the service', () => {
  const dataDir = tempDir('bm-dna-snap-');
  const keyDir = tempDir('bm-dna-snap-key-');
  const key = join(keyDir, 'key');
  writeFileSync(key, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
  const profiles: DnaProfile[] = [];
  const queries: DnaProfile[] = [];
  const killed = { acked: new Map<string, DnaProfile>(), deleted: '' };

  it('is written at clean shutdown, sealed, and loaded at the next start instead of a rebuild', async () => {
    const t = await startTestService({ dataDir, encryptionKeyFile: key });
    const c = t.client('AG1');
    for (let i = 0; i < 60; i++) {
      const p = synth.next('offender');
      profiles.push(p);
      await call<object, DnaRecord__Output>(c.dna.enroll, c.dna, {
        externalId: `SNAP-${i}`, profile: { loci: lociOf(p) }, visibility: { agencies: i % 2 ? ['AG2'] : [], allAgencies: false },
      }, c.metadata());
    }
    queries.push(...profiles.slice(0, 6));
    const before = await answers(t, queries);
    await t.stop();
    const file = join(dataDir, DNA_SNAPSHOT_FILE);
    expect(existsSync(file)).toBe(true);
    // Written after the first start's (empty) rebuild, and at shutdown with the 60 records.
    expect(snapshotLines(t).map((l) => [l.msg, l.when, l.entries])).toEqual([['DNA index snapshot written', 'after a rebuild', 0], ['DNA index snapshot written', 'shutdown', 60]]);
    // Sealed: no record id, external id or designation pair in the file.
    const bytes = readFileSync(file);
    for (const needle of ['dna_', 'SNAP-1', 'D3S1358', '"designations"']) expect(bytes.includes(Buffer.from(needle))).toBe(false);

    const again = await startTestService({ dataDir, encryptionKeyFile: key });
    try {
      const [loaded] = snapshotLines(again);
      expect(loaded).toMatchObject({ msg: 'DNA index snapshot loaded', entries: 60, replayedChanges: 0 });
      expect(again.service.deps.catalog.entries()).toBe(60);
      expect(await answers(again, queries)).toEqual(before);
    } finally {
      await again.stop();
    }
    // Nothing changed: the shutdown leaves the snapshot as it was.
    expect(snapshotLines(again).map((l) => l.msg)).toEqual(['DNA index snapshot loaded']);
  }, 120_000);

  it('loses nothing written after the snapshot: kill -9 between a store write and the next snapshot', async () => {
    const server = await spawnServer(['--port', '0', '--data-dir', dataDir, '--encryption-key-file', key, '--pool-size', '1']);
    const address = `127.0.0.1:${server.port}`;
    await waitServing(address);
    expect(server.output.join('')).toContain('DNA index snapshot loaded');
    const c = connect(address, 'AG1');
    for (let i = 0; i < 12; i++) {
      const p = synth.next('offender');
      const rec = await call<object, DnaRecord__Output>(c.dna.enroll, c.dna, { externalId: `AFTER-${i}`, profile: { loci: lociOf(p) } }, c.metadata());
      killed.acked.set(rec.meta!.id, p);
    }
    // An update of a record the snapshot holds, and a deletion of one.
    const updated = synth.next('offender');
    const up = await call<object, DnaRecord__Output>(c.dna.enroll, c.dna, { externalId: 'SNAP-3', profile: { loci: lociOf(updated) } }, c.metadata());
    killed.acked.set(up.meta!.id, updated);
    const gone = await call<object, DnaRecord__Output>(c.dna.enroll, c.dna, { externalId: 'SNAP-4', profile: { loci: lociOf(profiles[4]) } }, c.metadata());
    await call(c.dna.delete, c.dna, { recordId: gone.meta!.id }, c.metadata());
    killed.deleted = gone.meta!.id;
    server.child.kill('SIGKILL');
    await server.exited;
    c.close();
    expect(server.output.join('')).not.toContain('DNA index snapshot written');

    const t = await startTestService({ dataDir, encryptionKeyFile: key });
    try {
      const [loaded] = snapshotLines(t);
      expect(loaded).toMatchObject({ msg: 'DNA index snapshot loaded', snapshotEntries: 60, entries: 60 + 12 - 1, replayedChanges: 14 });
      for (const [id, p] of killed.acked) {
        const hit = await t.service.deps.catalog.search(p, { stringency: 'high', viewerAgency: 'AG1' });
        expect(hit.candidates.map((x) => x.recordId)).toContain(id);
      }
      const old = await t.service.deps.catalog.search(profiles[3], { stringency: 'high', viewerAgency: 'AG1' });
      expect(old.candidates.map((x) => x.recordId)).not.toContain(up.meta!.id);
      const deleted = await t.service.deps.catalog.search(profiles[4], { stringency: 'high', viewerAgency: 'AG1' });
      expect(deleted.candidates.map((x) => x.recordId)).not.toContain(killed.deleted);
      queries.push(...killed.acked.values());
      const fromSnapshot = await answers(t, queries);
      await t.stop();
      // The same answers as a start that rebuilds the index from the store.
      rmSync(join(dataDir, DNA_SNAPSHOT_FILE));
      const rebuilt = await startTestService({ dataDir, encryptionKeyFile: key });
      try {
        expect(snapshotLines(rebuilt).map((l) => [l.msg, l.when])).toEqual([['DNA index snapshot written', 'after a rebuild']]);
        expect(await answers(rebuilt, queries)).toEqual(fromSnapshot);
      } finally {
        await rebuilt.stop();
      }
    } finally {
      await t.stop();
    }
  }, 180_000);

  it('refuses a damaged snapshot and rebuilds, answering the same', async () => {
    const file = join(dataDir, DNA_SNAPSHOT_FILE);
    expect(existsSync(file)).toBe(true); // written by the previous test's last clean shutdown
    const bytes = readFileSync(file);
    bytes[Math.floor(bytes.length * 0.6)] ^= 1;
    writeFileSync(file, bytes);
    const t = await startTestService({ dataDir, encryptionKeyFile: key });
    try {
      const lines = snapshotLines(t);
      expect(lines[0]).toMatchObject({ msg: 'DNA index snapshot refused; rebuilding the index from the store' });
      expect(String(lines[0].reason)).toMatch(/authentication/);
      expect(t.service.deps.catalog.entries()).toBe(71);
      for (const [id, p] of killed.acked) {
        const hit = await t.service.deps.catalog.search(p, { stringency: 'high', viewerAgency: 'AG1' });
        expect(hit.candidates.map((x) => x.recordId)).toContain(id);
      }
    } finally {
      await t.stop();
    }
  }, 120_000);

  it('refuses a snapshot of another store history (a copied or restored data directory) and rebuilds', async () => {
    // A store whose generation reaches the snapshot's but whose history is another one.
    const other = tempDir('bm-dna-snap-other-');
    const store = RecordStore.open(other);
    for (let i = 0; i < 100; i++) {
      await store.put({ kind: 'dna-profile', subjectId: '', ownerAgency: 'AG1', externalId: `OTHER-${i}`, visibility: { agencies: [], allAgencies: false }, payload: payloadOf(synth.next('offender')) }, 'AG1');
    }
    await store.close();
    writeFileSync(join(other, DNA_SNAPSHOT_FILE), readFileSync(join(dataDir, DNA_SNAPSHOT_FILE)));
    const t = await startTestService({ dataDir: other, encryptionKeyFile: key }).catch((e: Error) => e);
    // The other store is plain: a key is refused before anything is read. Without the key, the
    // sealed snapshot fails its checks; a plain snapshot from another store is the case below.
    expect(t).toBeInstanceOf(Error);
    const plainDir = tempDir('bm-dna-snap-plain-');
    const first = await startTestService({ dataDir: plainDir });
    const c = first.client('AG1');
    for (let i = 0; i < 5; i++) await call(c.dna.enroll, c.dna, { externalId: `P-${i}`, profile: { loci: lociOf(synth.next('offender')) } }, c.metadata());
    await first.stop();
    writeFileSync(join(other, DNA_SNAPSHOT_FILE), readFileSync(join(plainDir, DNA_SNAPSHOT_FILE)));
    const second = await startTestService({ dataDir: other });
    try {
      const [line] = snapshotLines(second);
      expect(line).toMatchObject({ msg: 'DNA index snapshot refused; rebuilding the index from the store' });
      expect(String(line.reason)).toMatch(/another store/);
      expect(second.service.deps.catalog.entries()).toBe(100);
    } finally {
      await second.stop();
    }
    // And a store older than the snapshot: generation 5 < the other's 100.
    writeFileSync(join(plainDir, DNA_SNAPSHOT_FILE), readFileSync(join(other, DNA_SNAPSHOT_FILE)));
    const third = await startTestService({ dataDir: plainDir });
    try {
      expect(String(snapshotLines(third)[0].reason)).toMatch(/older than the snapshot/);
      expect(third.service.deps.catalog.entries()).toBe(5);
    } finally {
      await third.stop();
    }
  }, 180_000);
});
void random;
