/**
 * Batch items under the security rules (issue 13 with issue 12): each item is checked against the
 * roles of its own RPC method, and each item that ran is an entry in the audit chain, under the
 * submitting agency, purpose and case, with the batch job and item as its peer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startService, type RunningService } from './app.js';
import { call, connect, type BiomatchClients } from './client.js';
import { batchResults, submitBatch } from './batch-client.js';
import type { BatchItem } from './generated/biomatch/v1/BatchItem.js';
import type { BatchJob__Output } from './generated/biomatch/v1/BatchJob.js';

type Loci = Record<string, string[]>;
const msg = (loci: Loci) => ({ loci: Object.fromEntries(Object.entries(loci).map(([l, a]) => [l, { alleles: a }])) });
const A: Loci = { D3S1358: ['15', '16'], vWA: ['17', '18'], FGA: ['21', '24'], D8S1179: ['13', '14'], D21S11: ['29', '30.2'], D18S51: ['14', '17'], D5S818: ['11', '12'], D13S317: ['11', '12'], D7S820: ['8', '10'], CSF1PO: ['10', '12'], TH01: ['6', '9.3'], TPOX: ['8', '11'] };

let service: RunningService;
let c: BiomatchClients;
const dir = mkdtempSync(join(tmpdir(), 'bm-batch-sec-'));

beforeAll(async () => {
  // SEARCHER may search DNA profiles but enrol nothing.
  const rolesFile = join(dir, 'roles.json');
  writeFileSync(rolesFile, JSON.stringify({ agencies: { SEARCHER: { search: ['dna-profile'] } } }));
  const config = { ...loadConfig([], {}), port: 0, poolSize: 1, drainSeconds: 2, dataDir: join(dir, 'data'), rolesFile, batchConcurrency: 1 };
  service = await startService(config, { log: createLogger('error', () => undefined) });
  await service.ready;
  c = connect(`127.0.0.1:${service.port}`, 'SEARCHER', { purpose: 'criminal-investigation', caseId: 'CASE-42' });
}, 60_000);
afterAll(async () => {
  c?.close();
  await service?.shutdown('test done');
  rmSync(dir, { recursive: true, force: true });
});

describe('batch items under roles and audit', () => {
  it('an item whose method the roles do not grant fails alone with PERMISSION_DENIED; every item is audited as its own call', async () => {
    const job: BatchItem[] = [
      { itemId: 'enrol', dnaEnroll: { profile: msg(A), subjectId: 'S-1' } },
      { itemId: 'search', dnaSearch: { profile: msg(A) } },
    ];
    const ack = await submitBatch(c, job, { requestId: 'sec-1' });
    let status: BatchJob__Output;
    for (;;) {
      status = await call<object, BatchJob__Output>(c.batch.getStatus, c.batch, { jobId: ack.jobId }, c.metadata());
      if (status.state === 'BATCH_STATE_DONE') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(status).toMatchObject({ total: 2, done: 2, failed: 1 });
    const results = [];
    for await (const r of batchResults(c, ack.jobId)) results.push(r);
    const [enrol, search] = results;
    expect(enrol.error).toMatchObject({ code: grpc.status.PERMISSION_DENIED });
    expect(enrol.error?.message).toContain('enrol');
    expect(search.outcome).toBe('dnaSearch');
    expect(service.deps.store.count('dna-profile')).toBe(0);

    const entries = service.deps.audit.list({ agency: 'SEARCHER', after: 0, limit: 100 }).entries.map((x) => x.entry);
    const itemEntries = entries.filter((e) => e.peer.startsWith(`batch:${ack.jobId}#`));
    expect(itemEntries.map((e) => [e.method, e.status, e.peer]).sort()).toEqual([
      ['/biomatch.v1.DnaService/Enroll', 'PERMISSION_DENIED', `batch:${ack.jobId}#1`],
      ['/biomatch.v1.DnaService/Search', 'OK', `batch:${ack.jobId}#2`],
    ]);
    expect(itemEntries.every((e) => e.purpose === 'criminal-investigation' && e.caseReference === 'CASE-42')).toBe(true);
    // The Submit call itself is audited too, like every call.
    expect(entries.some((e) => e.method === '/biomatch.v1.BatchService/Submit' && e.status === 'OK')).toBe(true);
  });
});
