/**
 * TL reverse search survives kill -9: the server runs as a child process; tenprints are enrolled
 * against a filed mark and the server is killed with SIGKILL as soon as the enrolments are
 * acknowledged. The store then holds the enrolments' pending markers (written in the enrolment's
 * own transaction); after a restart on the same data the sweep runs them and every hit appears.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, connect } from '../service/client.js';
import { spawnServer, TEST_PURPOSE, waitServing } from '../service/test-harness.js';
import { RecordStore } from '../store/record-store.js';
import { LatentHitStore } from './latent-hits.js';
import type { LatentRecord__Output } from '../service/generated/biomatch/v1/LatentRecord.js';
import type { FingerprintRecord__Output } from '../service/generated/biomatch/v1/FingerprintRecord.js';
import type { ExtractResponse__Output } from '../service/generated/biomatch/v1/ExtractResponse.js';
import type { ListLatentHitsResponse__Output } from '../service/generated/biomatch/v1/ListLatentHitsResponse.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/fingerprints/${name}`, import.meta.url));

const PRINTS = 5;

describe('TL reverse search under kill -9', () => {
  it('an enrolment acknowledged just before SIGKILL gets its reverse search after the restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bm-tl-kill-'));
    dirs.push(dataDir);
    const args = ['--port', '0', '--data-dir', dataDir, '--pool-size', '1'];
    const first = await spawnServer(args);
    const address = `127.0.0.1:${first.port}`;
    await waitServing(address);
    const c = connect(address, 'LAB1', TEST_PURPOSE);
    const mark = await call<object, LatentRecord__Output>(c.latent.addToUnsolvedFile, c.latent, { mark: { image: { data: fixture('101_2.tif'), ppi: 500 }, caseReference: 'BURGLARY-17' } }, c.metadata(), 60_000);
    // Templates, so that the enrolments are acknowledged together, fast, and the kill follows at once.
    const probe = await call<object, ExtractResponse__Output>(c.fingerprint.extract, c.fingerprint, { image: { data: fixture('101_1.tif'), ppi: 500 } }, c.metadata(), 60_000);
    const enrolled = await Promise.all(Array.from({ length: PRINTS }, (_, i) => call<object, FingerprintRecord__Output>(c.fingerprint.enroll, c.fingerprint,
      { subjectId: `ARRESTEE-${i}`, fingerPosition: 2, sample: { template: { template: probe.fingers[0].template } } }, c.metadata(), 60_000)));
    first.child.kill('SIGKILL');
    await first.exited;
    c.close();
    const ids = enrolled.map((r) => r.meta!.id);

    // What the crash left: every enrolment is stored; those whose search had not finished kept their marker.
    const store = RecordStore.open(dataDir);
    const pending = new LatentHitStore(store).pending();
    const stored = ids.filter((id) => store.get(id) !== undefined).length;
    await store.close();
    expect(stored).toBe(PRINTS);
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.every((id) => ids.includes(id))).toBe(true);

    const second = await spawnServer(args);
    const address2 = `127.0.0.1:${second.port}`;
    await waitServing(address2);
    const c2 = connect(address2, 'LAB1', TEST_PURPOSE);
    let hits: ListLatentHitsResponse__Output = { hits: [], nextPageToken: '' };
    for (let i = 0; i < 600 && hits.hits.length < PRINTS; i++) {
      hits = await call<object, ListLatentHitsResponse__Output>(c2.latent.listLatentHits, c2.latent, {}, c2.metadata());
      if (hits.hits.length < PRINTS) await new Promise((r) => setTimeout(r, 100));
    }
    expect(hits.hits.map((h) => h.tenprintRecordId).sort()).toEqual([...ids].sort());
    expect(hits.hits.every((h) => h.latentId === mark.meta!.id && h.caseReference === 'BURGLARY-17')).toBe(true);
    c2.close();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    // Nothing is left pending.
    const after = RecordStore.open(dataDir);
    expect(new LatentHitStore(after).pending()).toEqual([]);
    await after.close();
  }, 300_000);
});
