/**
 * A batch job survives kill -9: the server runs as a child process, is killed with SIGKILL in
 * the middle of a job of enrolments, and restarted on the same data. The job resumes by itself;
 * every item ends with exactly one result, and no enrolment is stored twice.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call, connect } from '../service/client.js';
import { batchResults, submitBatch } from '../service/batch-client.js';
import { spawnServer, TEST_PURPOSE, waitServing } from '../service/test-harness.js';
import type { BatchItem } from '../service/generated/biomatch/v1/BatchItem.js';
import type { BatchJob__Output } from '../service/generated/biomatch/v1/BatchJob.js';
import type { Stats__Output } from '../service/generated/biomatch/v1/Stats.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const LOCI = ['D3S1358', 'vWA', 'FGA', 'D8S1179', 'D21S11', 'D18S51', 'D5S818', 'D13S317', 'D7S820', 'CSF1PO', 'TH01', 'TPOX'];
const ALLELES: Record<string, string[]> = {
  D3S1358: ['14', '15', '16', '17', '18'], vWA: ['14', '15', '16', '17', '18', '19'], FGA: ['19', '20', '21', '22', '23', '24', '25'],
  D8S1179: ['10', '11', '12', '13', '14', '15'], D21S11: ['27', '28', '29', '30', '31'], D18S51: ['12', '13', '14', '15', '16', '17'],
  D5S818: ['9', '10', '11', '12', '13'], D13S317: ['8', '9', '10', '11', '12'], D7S820: ['8', '9', '10', '11', '12'],
  CSF1PO: ['9', '10', '11', '12'], TH01: ['6', '7', '8', '9', '9.3'], TPOX: ['8', '9', '10', '11'],
};
/** A distinct profile per i (a simple deterministic walk through the allele lists). */
const profile = (i: number) => ({
  loci: Object.fromEntries(LOCI.map((l, k) => { const a = ALLELES[l]; return [l, { alleles: [a[(i + k) % a.length], a[(i * 7 + k * 3) % a.length]] }]; })),
});
const template = (i: number) => ({
  width: 400, height: 500, resolutionPpi: 500,
  minutiae: Array.from({ length: 40 }, (_, k) => ({ x: (i * 7 + k * 9) % 400, y: (i * 13 + k * 11) % 500, angleDegrees: (i + k * 17) % 360, type: 'MINUTIA_TYPE_RIDGE_ENDING' as const, quality: 50 + (k % 50) })),
});

const TOTAL = 1200;
const FP_EVERY = 60;

describe('batch job under kill -9', () => {
  it('resumes after SIGKILL: every item has exactly one result, no enrolment is duplicated', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bm-batch-kill-'));
    dirs.push(dataDir);
    const args = ['--port', '0', '--data-dir', dataDir, '--pool-size', '1', '--batch-concurrency', '2'];
    const first = await spawnServer(args);
    const address = `127.0.0.1:${first.port}`;
    await waitServing(address);
    const c = connect(address, 'LAB1', TEST_PURPOSE);
    // Enrolments without external ids: the case where a re-run could store a second record.
    const items: BatchItem[] = Array.from({ length: TOTAL }, (_, k) => (k % FP_EVERY === 0
      ? { itemId: `print-${k}`, fpEnroll: { sample: { template: { template: template(k) } }, subjectId: `S-${k}`, fingerPosition: 1 } }
      : { itemId: `profile-${k}`, dnaEnroll: { profile: profile(k), subjectId: `P-${k}` } }));
    const ack = await submitBatch(c, items, { requestId: 'run-1' });
    expect(ack.total).toBe(TOTAL);
    let status: BatchJob__Output;
    do {
      await new Promise((r) => setTimeout(r, 20));
      status = await call<object, BatchJob__Output>(c.batch.getStatus, c.batch, { jobId: ack.jobId }, c.metadata());
    } while (status.done < 100);
    first.child.kill('SIGKILL');
    await first.exited;
    c.close();
    expect(status.done).toBeLessThan(TOTAL);

    const second = await spawnServer(args);
    const address2 = `127.0.0.1:${second.port}`;
    await waitServing(address2);
    const c2 = connect(address2, 'LAB1', TEST_PURPOSE);
    // The same request id after the restart: still the same job.
    const again = await submitBatch(c2, items.slice(0, 1), { requestId: 'run-1' });
    expect(again.jobId).toBe(ack.jobId);
    let end: BatchJob__Output;
    for (;;) {
      end = await call<object, BatchJob__Output>(c2.batch.getStatus, c2.batch, { jobId: ack.jobId }, c2.metadata());
      if (end.state !== 'BATCH_STATE_RUNNING' && end.state !== 'BATCH_STATE_QUEUED') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(end).toMatchObject({ state: 'BATCH_STATE_DONE', total: TOTAL, done: TOTAL, failed: 0 });
    const seen = new Map<number, number>();
    for await (const r of batchResults(c2, ack.jobId)) {
      seen.set(r.item, (seen.get(r.item) ?? 0) + 1);
      expect(r.error).toBeFalsy();
    }
    expect(seen.size).toBe(TOTAL);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    const stats = await call<object, Stats__Output>(c2.admin.getStats, c2.admin, {}, c2.metadata());
    const count = Object.fromEntries(stats.records.map((r) => [r.kind, Number(r.count)]));
    expect(count.fingerprint).toBe(TOTAL / FP_EVERY);
    expect(count['dna-profile']).toBe(TOTAL - TOTAL / FP_EVERY);
    c2.close();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 300_000);
});
