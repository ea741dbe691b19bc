/**
 * BatchService end to end over gRPC on 127.0.0.1:0: a mixed job runs each item through its RPC's
 * operation as the submitting caller (agency, purpose, case); bad items fail alone with the RPC's
 * INVALID_ARGUMENT; a latent search item runs as LatentService.Search; results resume from a token; the request
 * id makes Submit idempotent; another agency sees none of it; cancel and delete.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startService, type RunningService } from './app.js';
import { call, connect, type BiomatchClients } from './client.js';
import { batchResults, submitBatch } from './batch-client.js';
import { batchItemExecutor, itemRecordId } from './bindings/batch.js';
import { fingerprintBindings } from './bindings/fingerprint.js';
import { dnaBindings } from './bindings/dna.js';
import { latentBindings } from './bindings/latent.js';
import { PURPOSE_HEADER, CASE_HEADER } from './identity.js';
import { TEST_PURPOSE } from './test-harness.js';
import type { BatchItem } from './generated/biomatch/v1/BatchItem.js';
import type { BatchJob__Output } from './generated/biomatch/v1/BatchJob.js';
import type { BatchItemResult__Output } from './generated/biomatch/v1/BatchItemResult.js';
import type { ListBatchJobsResponse__Output } from './generated/biomatch/v1/ListBatchJobsResponse.js';
import type { JobCaller } from '../jobs/job-store.js';
import type { Schedule__Output } from './generated/biomatch/v1/Schedule.js';
import type { ListSchedulesResponse__Output } from './generated/biomatch/v1/ListSchedulesResponse.js';
import type { DnaRecord__Output } from './generated/biomatch/v1/DnaRecord.js';

type Loci = Record<string, string[]>;
const msg = (loci: Loci) => ({ loci: Object.fromEntries(Object.entries(loci).map(([l, a]) => [l, { alleles: a }])) });
const A: Loci = { D3S1358: ['15', '16'], vWA: ['17', '18'], FGA: ['21', '24'], D8S1179: ['13', '14'], D21S11: ['29', '30.2'], D18S51: ['14', '17'], D5S818: ['11', '12'], D13S317: ['11', '12'], D7S820: ['8', '10'], CSF1PO: ['10', '12'], TH01: ['6', '9.3'], TPOX: ['8', '11'] };
const B: Loci = { D3S1358: ['14', '18'], vWA: ['15', '16'], FGA: ['19', '22'], D8S1179: ['10', '12'], D21S11: ['27', '28'], D18S51: ['12', '13'], D5S818: ['9', '13'], D13S317: ['8', '9'], D7S820: ['11', '12'], CSF1PO: ['8', '9'], TH01: ['7', '8'], TPOX: ['9', '10'] };
const template = (i: number) => ({
  width: 400, height: 500, resolutionPpi: 500,
  minutiae: Array.from({ length: 40 }, (_, k) => ({ x: (i * 7 + k * 9) % 400, y: (i * 13 + k * 11) % 500, angleDegrees: (i + k * 17) % 360, type: 'MINUTIA_TYPE_RIDGE_ENDING' as const, quality: 50 + (k % 50) })),
});

let service: RunningService;
let address: string;
const dataDir = mkdtempSync(join(tmpdir(), 'bm-batch-'));
const items: { caller: JobCaller; method: string; outcome: string; recordIds: string[] }[] = [];
const clients: BiomatchClients[] = [];

beforeAll(async () => {
  const config = { ...loadConfig([], {}), port: 0, poolSize: 1, drainSeconds: 2, dataDir, batchConcurrency: 2 };
  service = await startService(config, { log: createLogger('error', () => undefined), onBatchItem: (caller, method, outcome, recordIds) => { items.push({ caller, method, outcome, recordIds }); } });
  await service.ready;
  address = `127.0.0.1:${service.port}`;
}, 60_000);
afterAll(async () => {
  for (const c of clients) c.close();
  await service?.shutdown('test done');
  rmSync(dataDir, { recursive: true, force: true });
});

function client(agency: string): BiomatchClients {
  const c = connect(address, agency, TEST_PURPOSE);
  clients.push(c);
  return c;
}

function grpcError(p: Promise<unknown>): Promise<grpc.ServiceError> {
  return p.then(() => { throw new Error('expected the call to fail'); }, (e: grpc.ServiceError) => e);
}

async function until(c: BiomatchClients, jobId: string, done: (j: BatchJob__Output) => boolean): Promise<BatchJob__Output> {
  for (let i = 0; i < 600; i++) {
    const j = await call<object, BatchJob__Output>(c.batch.getStatus, c.batch, { jobId }, c.metadata());
    if (done(j)) return j;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('job did not get there');
}

async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('BatchService', () => {
  let jobId = '';

  it('runs a mixed job item by item; a bad item fails alone, naming its field; a latent search runs as its RPC', async () => {
    const c = client('LAB1');
    const md = c.metadata();
    md.set(PURPOSE_HEADER, 'criminal-investigation');
    md.set(CASE_HEADER, 'CASE-7');
    const job: BatchItem[] = [
      { itemId: 'a', dnaEnroll: { profile: { ...msg(A), kind: 'PROFILE_KIND_OFFENDER' }, subjectId: 'P-A' } },
      { itemId: 'b', dnaEnroll: { profile: msg({ ...B, vWA: ['x'] }), subjectId: 'P-B' } },
      { itemId: 'print', fpEnroll: { sample: { template: { template: template(1) } }, subjectId: 'S-1', fingerPosition: 2 } },
      { itemId: 'search-a', dnaSearch: { profile: msg(A), stringency: 'STRINGENCY_HIGH' } },
      { itemId: 'mark', latentSearch: { mark: { markup: { minutiae: template(2).minutiae } } } },
      { itemId: 'empty' },
      { itemId: 'ident', fpIdentify: { probe: { template: { template: template(1) } } } },
    ];
    const ack = await submitBatch(c, job, { requestId: 'night-1', metadata: md });
    jobId = ack.jobId;
    expect(ack.jobId).toMatch(/^job_/);
    expect(ack.total).toBe(7);
    expect(['BATCH_STATE_QUEUED', 'BATCH_STATE_RUNNING', 'BATCH_STATE_DONE']).toContain(ack.state);
    const done = await until(c, jobId, (j) => j.state === 'BATCH_STATE_DONE');
    expect(done).toMatchObject({ total: 7, done: 7, failed: 2, requestId: 'night-1', etaSeconds: 0 });
    expect(done.finishedAt).toBeTruthy();
    expect(done.expiresAt).toBeTruthy();
    expect([...done.kinds].sort()).toEqual(['dna-enroll', 'dna-search', 'fp-enroll', 'fp-identify', 'latent-search']);

    const results = await all(batchResults(c, jobId));
    expect(results.map((r) => [r.item, r.itemId])).toEqual([[1, 'a'], [2, 'b'], [3, 'print'], [4, 'search-a'], [5, 'mark'], [6, 'empty'], [7, 'ident']]);
    const [a, b, print, search, mark, empty, ident] = results;
    expect(a.outcome).toBe('dnaEnroll');
    expect(a.dnaEnroll?.meta?.id).toMatch(/^dna_/);
    expect(b.error).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, status: 'INVALID_ARGUMENT', field: 'profile.loci.vWA' });
    expect(print.fpEnroll?.meta?.id).toMatch(/^fp_/);
    expect(search.dnaSearch?.candidates.map((x) => x.recordId)).toEqual([a.dnaEnroll!.meta!.id]);
    expect(mark.error).toBeFalsy();
    expect(mark.outcome).toBe('latentSearch');
    expect(mark.latentSearch?.compared).toBeGreaterThanOrEqual(0);
    expect(empty.error).toMatchObject({ code: grpc.status.INVALID_ARGUMENT, field: 'request' });
    // Items run concurrently: the identification may or may not see the print enrolled beside it.
    expect(ident.outcome).toBe('fpIdentify');

    // Each item ran as the submitting caller, through its RPC's method, with the records it touched.
    // The hook runs once the item's result is committed, so just after the job reads done.
    for (let i = 0; i < 100 && items.filter((x) => x.caller.agency === 'LAB1').length < 7; i++) await new Promise((r) => setTimeout(r, 20));
    const mine = items.filter((x) => x.caller.agency === 'LAB1');
    expect(mine).toHaveLength(7);
    expect(mine.every((x) => x.caller.purpose === 'criminal-investigation' && x.caller.caseId === 'CASE-7')).toBe(true);
    expect(mine.find((x) => x.method === '/biomatch.v1.DnaService/Search')?.recordIds).toEqual([a.dnaEnroll!.meta!.id]);
    expect(mine.filter((x) => x.outcome === 'OK').map((x) => x.method).sort()).toEqual([
      '/biomatch.v1.DnaService/Enroll', '/biomatch.v1.DnaService/Search', '/biomatch.v1.FingerprintService/Enroll', '/biomatch.v1.FingerprintService/Identify',
      '/biomatch.v1.LatentService/Search']);
  }, 60_000);

  it('resumes results after a token, and refuses a token it never gave', async () => {
    const c = client('LAB1');
    const rest = await all(batchResults(c, jobId, { resumeToken: '4' }));
    expect(rest.map((r) => r.item)).toEqual([5, 6, 7]);
    expect(rest[0].resumeToken).toBe('5');
    const e = await grpcError(all(batchResults(c, jobId, { resumeToken: 'abc' })));
    expect(e.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(e.details).toContain('resume_token');
  });

  it('the same request id returns the same job and never creates a second one', async () => {
    const c = client('LAB1');
    const before = service.deps.store.count('dna-profile');
    // A long stream: the server answers at the first message and reads no more of it.
    const again = await submitBatch(c, Array.from({ length: 3000 }, (_, i) => ({ itemId: `z${i}`, dnaEnroll: { profile: msg(B), subjectId: 'P-B' } })), { requestId: 'night-1' });
    expect(again.jobId).toBe(jobId);
    expect(again.total).toBe(7);
    const list = await call<object, ListBatchJobsResponse__Output>(c.batch.list, c.batch, {}, c.metadata());
    expect(list.jobs.map((j) => j.jobId)).toEqual([jobId]);
    await new Promise((r) => setTimeout(r, 200));
    expect(service.deps.store.count('dna-profile')).toBe(before);
  });

  it('another agency sees none of the job: NOT_FOUND for status, results, cancel and delete; an empty list', async () => {
    const other = client('LAB2');
    for (const p of [
      call(other.batch.getStatus, other.batch, { jobId }, other.metadata()),
      all(batchResults(other, jobId)),
      call(other.batch.cancel, other.batch, { jobId }, other.metadata()),
      call(other.batch.delete, other.batch, { jobId }, other.metadata()),
    ]) expect((await grpcError(p)).code).toBe(grpc.status.NOT_FOUND);
    const list = await call<object, ListBatchJobsResponse__Output>(other.batch.list, other.batch, {}, other.metadata());
    expect(list.jobs).toEqual([]);
    // A request id is the submitting agency's: LAB2's 'night-1' is a job of its own.
    const own = await submitBatch(other, [{ itemId: 'q', dnaSearch: { profile: msg(B) } }], { requestId: 'night-1' });
    expect(own.jobId).not.toBe(jobId);
    const noAgency = connect(address, '');
    clients.push(noAgency);
    expect((await grpcError(call(noAgency.batch.list, noAgency.batch, {}, noAgency.metadata()))).code).toBe(grpc.status.UNAUTHENTICATED);
    expect((await grpcError(call(other.batch.getStatus, other.batch, { jobId: 'nope' }, other.metadata()))).code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it('an empty submission is INVALID_ARGUMENT and stores nothing', async () => {
    const c = client('LAB3');
    const e = await grpcError(submitBatch(c, []));
    expect(e.code).toBe(grpc.status.INVALID_ARGUMENT);
    const list = await call<object, ListBatchJobsResponse__Output>(c.batch.list, c.batch, {}, c.metadata());
    expect(list.jobs).toEqual([]);
  });

  it('waits for results while the job runs, and cancel stops it; delete removes it', async () => {
    const c = client('LAB4');
    const many: BatchItem[] = Array.from({ length: 2000 }, (_, i) => ({ itemId: `s${i}`, dnaSearch: { profile: msg(i % 2 ? A : B), stringency: 'STRINGENCY_MODERATE' } }));
    const ack = await submitBatch(c, many);
    const firstFive: BatchItemResult__Output[] = [];
    for await (const r of batchResults(c, ack.jobId, { wait: true })) {
      firstFive.push(r);
      if (firstFive.length === 5) break;
    }
    expect(firstFive.map((r) => r.item)).toEqual([1, 2, 3, 4, 5]);
    // The server stream runs inside the chain: its deadline ends a waiting stream with DEADLINE_EXCEEDED.
    const waiting = c.batch.getResults({ jobId: ack.jobId, resumeToken: '2000', wait: true }, c.metadata(), { deadline: Date.now() + 300 });
    const late = await new Promise<grpc.ServiceError>((resolve) => { waiting.on('data', () => undefined); waiting.on('error', resolve); });
    expect(late.code).toBe(grpc.status.DEADLINE_EXCEEDED);
    const cancelled = await call<object, BatchJob__Output>(c.batch.cancel, c.batch, { jobId: ack.jobId }, c.metadata());
    expect(cancelled.state).toBe('BATCH_STATE_CANCELLED');
    await new Promise((r) => setTimeout(r, 200));
    const after = await call<object, BatchJob__Output>(c.batch.getStatus, c.batch, { jobId: ack.jobId }, c.metadata());
    expect(after.state).toBe('BATCH_STATE_CANCELLED');
    expect(after.done).toBeLessThan(2000);
    // A wait on an ended job returns what there is and ends.
    const got = await all(batchResults(c, ack.jobId, { wait: true }));
    expect(got.length).toBe(after.done);
    await call(c.batch.delete, c.batch, { jobId: ack.jobId }, c.metadata());
    expect((await grpcError(call(c.batch.getStatus, c.batch, { jobId: ack.jobId }, c.metadata()))).code).toBe(grpc.status.NOT_FOUND);
    expect([...service.deps.jobs.results(ack.jobId, 1)]).toEqual([]);
  }, 60_000);

  it('an enrolment item run twice (as after a crash) stores one record: its id is derived from job and item', async () => {
    const { operations, catalog } = service.deps;
    const exec = batchItemExecutor({ fingerprint: fingerprintBindings(operations.fingerprint), dna: dnaBindings(operations.dna, catalog), latent: latentBindings(operations.latent, { reverseSearchMinMarkMinutiae: service.deps.config.reverseSearchMinMarkMinutiae }) });
    const before = service.deps.store.count('dna-profile');
    // Item 1 of the first job as stored (a dna-enroll without an external id), run again under another job id.
    const item = service.deps.jobs.item(jobId, 1)!;
    expect(item.kind).toBe('dna-enroll');
    const where = { jobId: 'job_00000000-0000-0000-0000-000000000001', item: 9 };
    const caller = { agency: 'LAB5' };
    const one = await exec.execute(caller, item, where, new AbortController().signal);
    const two = await exec.execute(caller, item, where, new AbortController().signal);
    expect(one.recordIds).toEqual([itemRecordId('dna', where.jobId, 9)]);
    expect(two.recordIds).toEqual(one.recordIds);
    expect(service.deps.store.count('dna-profile')).toBe(before + 1);
    expect(itemRecordId('dna', where.jobId, 10)).not.toBe(one.recordIds[0]);
  });

  it('a weekly schedule searches the agency\'s forensic unknowns against offenders; each run is a job and marks hits new or already reported', async () => {
    const c = client('LAB6');
    const other = client('LAB7');
    const enrol = async (cl: BiomatchClients, loci: Loci, kind: string, ext: string) => (await call<object, DnaRecord__Output>(cl.dna.enroll, cl.dna, { profile: { ...msg(loci), kind }, externalId: ext }, cl.metadata())).meta!.id;
    const offenderA = await enrol(c, A, 'PROFILE_KIND_OFFENDER', 'OFF-A');
    const stain = await enrol(c, A, 'PROFILE_KIND_FORENSIC_UNKNOWN', 'STAIN-1');
    await enrol(other, B, 'PROFILE_KIND_FORENSIC_UNKNOWN', 'STAIN-LAB7');
    expect((await grpcError(call(c.batch.addSchedule, c.batch, { kind: 'hourly-guess' }, c.metadata()))).code).toBe(grpc.status.INVALID_ARGUMENT);

    const sched = await call<object, Schedule__Output>(c.batch.addSchedule, c.batch, { kind: 'dna-unknown-vs-offenders', name: 'weekly CODIS' }, c.metadata());
    expect(sched).toMatchObject({ kind: 'dna-unknown-vs-offenders', everyHours: 168, name: 'weekly CODIS' });
    const lastJob = async (runs: number): Promise<string> => {
      for (let i = 0; i < 200; i++) {
        const list = await call<object, ListSchedulesResponse__Output>(c.batch.listSchedules, c.batch, {}, c.metadata());
        const s = list.schedules.find((x) => x.scheduleId === sched.scheduleId)!;
        if (s.runs >= runs && s.lastJobId) return s.lastJobId;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('no run');
    };
    // The first run starts at once.
    const run1 = await lastJob(1);
    const j1 = await until(c, run1, (j) => j.state === 'BATCH_STATE_DONE');
    expect(j1).toMatchObject({ scheduleId: sched.scheduleId, total: 1, failed: 0 });
    const [r1] = await all(batchResults(c, run1));
    expect(r1.itemId).toBe(stain);
    // Offenders and arrestees only: the stain does not find itself.
    expect(r1.dnaSearch?.candidates.map((x) => x.recordId)).toEqual([offenderA]);
    expect(r1.alreadyReported).toEqual([]);

    const offenderA2 = await enrol(c, A, 'PROFILE_KIND_ARRESTEE', 'ARR-A');
    const run2 = await call<object, BatchJob__Output>(c.batch.runSchedule, c.batch, { scheduleId: sched.scheduleId }, c.metadata());
    await until(c, run2.jobId, (j) => j.state === 'BATCH_STATE_DONE');
    const [r2] = await all(batchResults(c, run2.jobId));
    expect(r2.dnaSearch?.candidates.map((x) => x.recordId).sort()).toEqual([offenderA, offenderA2].sort());
    expect(r2.alreadyReported).toEqual([offenderA]);

    expect((await call<object, ListSchedulesResponse__Output>(other.batch.listSchedules, other.batch, {}, other.metadata())).schedules).toEqual([]);
    expect((await grpcError(call(other.batch.removeSchedule, other.batch, { scheduleId: sched.scheduleId }, other.metadata()))).code).toBe(grpc.status.NOT_FOUND);
    await call(c.batch.removeSchedule, c.batch, { scheduleId: sched.scheduleId }, c.metadata());
    expect((await call<object, ListSchedulesResponse__Output>(c.batch.listSchedules, c.batch, {}, c.metadata())).schedules).toEqual([]);
  }, 60_000);
});
