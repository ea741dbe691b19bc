/**
 * An ANSI/NIST transaction submitted as one batch item, end to end over gRPC: it becomes one item
 * per tenprint finger record, each enrolled as its own record under the card's external id with
 * the record's suffix; a record that cannot be read fails alone; a latent-only transaction is
 * refused for fp kinds. NIST's reference transactions (../shared/data/fingerprints/ansi-nist).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { missingSharedData, sharedDataPath } from '../../fixtures/shared-data.js';
import { readTransaction } from '../fingerprint/codecs/ansi-nist-transaction.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startService, type RunningService } from './app.js';
import { call, connect, type BiomatchClients } from './client.js';
import { batchResults, submitBatch } from './batch-client.js';
import { TEST_PURPOSE } from './test-harness.js';
import type { BatchJob__Output } from './generated/biomatch/v1/BatchJob.js';
import type { BatchItemResult__Output } from './generated/biomatch/v1/BatchItemResult.js';

const REFS = ['fingerprints', 'ansi-nist', 'nist-reference-transactions', 'references'];

describe.skipIf(missingSharedData(...REFS))('batch items holding ANSI/NIST transactions', () => {
  let service: RunningService;
  let c: BiomatchClients;
  const dataDir = mkdtempSync(join(tmpdir(), 'bm-batch-an2-'));

  beforeAll(async () => {
    const config = { ...loadConfig([], {}), port: 0, poolSize: 2, drainSeconds: 2, dataDir, batchConcurrency: 2 };
    service = await startService(config, { log: createLogger('error', () => undefined), onBatchItem: () => undefined });
    await service.ready;
    c = connect(`127.0.0.1:${service.port}`, 'LAB1', TEST_PURPOSE);
  }, 60_000);
  afterAll(async () => {
    c?.close();
    await service?.shutdown('test done');
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function run(items: Parameters<typeof submitBatch>[1]): Promise<{ job: BatchJob__Output; results: BatchItemResult__Output[] }> {
    const ack = await submitBatch(c, items, {});
    let job = ack;
    for (let i = 0; i < 2400 && job.state !== 'BATCH_STATE_DONE'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = await call<object, BatchJob__Output>(c.batch.getStatus, c.batch, { jobId: ack.jobId }, c.metadata());
    }
    const results: BatchItemResult__Output[] = [];
    for await (const r of batchResults(c, ack.jobId)) results.push(r);
    return { job, results };
  }

  it('one item per Type-4/14 finger record, each its own record; the unreadable record fails alone', async () => {
    const bytes = Buffer.from(readFileSync(sharedDataPath(...REFS, 'type-4-14-slaps.an2')));
    const records = readTransaction(bytes).records.filter((r) => r.type === 4 || r.type === 14);
    expect(records.map((r) => r.type)).toEqual([4, 4, 14]);
    const bad = records[1];
    if (bad.kind !== 'binary') throw new Error('expected a binary Type-4 record');
    bytes[bad.offset + 17] = 9; // GCA: no such compression code
    const { job, results } = await run([
      { itemId: 'card', fpEnroll: { sample: { image: { data: bytes } }, subjectId: 'S-9', externalId: 'CARD-9' } },
      { itemId: 'after', fpEnroll: { sample: { image: { data: Buffer.from('not an image') } }, subjectId: 'S-10' } },
    ]);
    expect(job).toMatchObject({ total: 4, done: 4, failed: 2 });
    expect(results.map((r) => [r.item, r.itemId])).toEqual([
      [1, `card#${records[0].index}`], [2, `card#${records[1].index}`], [3, `card#${records[2].index}`], [4, 'after'],
    ]);
    const [first, unreadable, third, after] = results;
    expect(first.fpEnroll?.meta).toMatchObject({ subjectId: 'S-9', externalId: `CARD-9#${records[0].index}` });
    expect(third.fpEnroll?.meta).toMatchObject({ subjectId: 'S-9', externalId: `CARD-9#${records[2].index}` });
    expect([first.fpEnroll?.fingerPosition, third.fpEnroll?.fingerPosition]).toEqual([14, 15]);
    expect(first.fpEnroll?.meta?.id).not.toBe(third.fpEnroll?.meta?.id);
    expect(unreadable.error).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, field: 'sample.image.data', message: expect.stringMatching(/compression code 9/) });
    expect(after.error).toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
  }, 240_000);

  it('a transaction holding only Type-13 latent images is refused for fp kinds, naming the latent kinds', async () => {
    const latent = readFileSync(sharedDataPath(...REFS, 'type-9-13-m1.an2'));
    const { job, results } = await run([{ itemId: 'mark', fpIdentify: { probe: { image: { data: latent, format: 'IMAGE_FORMAT_ANSI_NIST' } } } }]);
    expect(job).toMatchObject({ total: 1, failed: 1 });
    expect(results[0].error).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, field: 'probe.image.data', message: expect.stringMatching(/latent-search or latent-add/) });
  }, 60_000);
});
