/**
 * `biomatch batch` against a real server, as a person runs it (a child process per command):
 * submit a directory of prints and a CSV of profiles, follow progress, read results as JSON lines
 * and CSV, list, cancel, delete, and the request id returning the same job.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startTestService, type TestService } from '../../engine/service/test-harness.js';
import { missingSharedData, sharedDataPath } from '../../fixtures/shared-data.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'bm-batch-cli-'));
let t: TestService;
beforeAll(async () => { t = await startTestService({ batchConcurrency: 2 }); }, 60_000);
afterAll(async () => { await t?.stop(); rmSync(tmp, { recursive: true, force: true }); });

function biomatch(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return biomatchAs('LAB1', ...args);
}

async function biomatchAs(agency: string, ...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', join(root, 'scripts/biomatch.ts'), '--server', t.address, '--agency', agency, '--purpose', 'quality-control', '--case', 'TEST-CASE-1', ...args], { cwd: root });
    return { ...r, code: 0 };
  } catch (e) {
    const x = e as { stdout: string; stderr: string; code: number };
    return { stdout: x.stdout, stderr: x.stderr, code: x.code };
  }
}

const LOCI = 'D3S1358,vWA,FGA,D8S1179,D21S11,D18S51,D5S818,D13S317,D7S820,CSF1PO,TH01,TPOX';
const CSV = [
  `sample,${LOCI}`,
  'S-1,15/16,17/18,21/24,13/14,29/30.2,14/17,11/12,11/12,8/10,10/12,6/9.3,8/11',
  'S-2,14/18,15/16,19/22,10/12,27/28,12/13,9/13,8/9,11/12,8/9,7/8,9/10',
  // Three typed loci: read here, refused by the server (fewer than its minimum): that item alone fails.
  'S-3,15/16,17/18,21/24,,,,,,,,,',
  // Not an allele: cannot be read, reported by line and not sent.
  'S-4,15/16,zz,21/24,13/14,29/30.2,14/17,11/12,11/12,8/10,10/12,6/9.3,8/11',
  'S-5,15/17,16/18,20/24,12/14,28/30.2,14/16,11/13,11/13,8/11,10/11,6/9,8/12',
].join('\n');

describe('biomatch batch', () => {
  let csv = '';
  let enrolJob = '';

  it('submits a CSV of profiles as one job and follows it to the end, with lines when not on a terminal', async () => {
    const dir = join(tmp, 'profiles');
    mkdirSync(dir);
    csv = join(dir, 'run-1.csv');
    writeFileSync(csv, CSV);
    const r = await biomatch('batch', 'submit', dir, '--kind', 'dna-enroll', '--request-id', 'seq-run-1');
    // One item failed: exit 4; the unreadable row was reported and not sent.
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/run-1\.csv:5: .*not sent/);
    const jobId = /submitted (job_[0-9a-f-]+): 4 items \(1 rows not sent\)/.exec(r.stdout)?.[1];
    expect(jobId).toBeTruthy();
    enrolJob = jobId!;
    expect(r.stdout).toMatch(new RegExp(`${jobId} done 4/4 \\(1 failed\\)`));

    const again = await biomatch('--json', 'batch', 'submit', csv, '--kind', 'dna-enroll', '--request-id', 'seq-run-1', '--detach');
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout.trim().split('\n')[0])).toMatchObject({ jobId, state: 'done', total: 4, done: 4, failed: 1 });
  }, 120_000);

  it('reads results as JSON lines and as CSV into a file; the failed item names its field', async () => {
    const jsonl = await biomatch('batch', 'results', enrolJob);
    expect(jsonl.code).toBe(0);
    const rows = jsonl.stdout.trim().split('\n').map((l) => JSON.parse(l) as { item: number; itemId: string; status: string; field?: string; result?: { meta?: { externalId: string } } });
    expect(rows.map((x) => [x.item, x.itemId, x.status])).toEqual([[1, 'S-1', 'OK'], [2, 'S-2', 'OK'], [3, 'S-3', 'INVALID_ARGUMENT'], [4, 'S-5', 'OK']]);
    expect(rows[2].field).toMatch(/^profile/);
    expect(rows[0].result?.meta?.externalId).toBe('S-1');

    const out = join(tmp, 'search.csv');
    const search = await biomatch('--json', 'batch', 'submit', csv, '--kind', 'dna-search', '--stringency', 'high');
    expect(search.code).toBe(4);
    const jobId = (JSON.parse(search.stdout.trim().split('\n')[0]) as { jobId: string }).jobId;
    const last = JSON.parse(search.stdout.trim().split('\n').at(-1)!) as { state: string; done: number };
    expect(last).toMatchObject({ state: 'done', done: 4 });
    const written = await biomatch('batch', 'results', jobId, '--format', 'csv', '--out', out);
    expect(written.code).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('item,item_id,kind,status,field,message,record_id,candidates,top_record_id,top_subject_id,score,match');
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/^1,S-1,dna-search,OK,,,,1,dna_/);
    expect(lines[3]).toMatch(/^3,S-3,dna-search,INVALID_ARGUMENT,profile/);
  }, 120_000);

  it('enrols a directory of prints and identifies a probe through jobs', async () => {
    const dir = join(tmp, 'prints');
    mkdirSync(dir);
    for (const f of ['101_1.tif', '102_1.tif']) writeFileSync(join(dir, f), readFileSync(join(root, 'fixtures/fingerprints', f)));
    const enrol = await biomatch('batch', 'submit', dir, '--kind', 'fp-enroll', '--ppi', '500');
    expect(enrol.code, enrol.stderr).toBe(0);
    expect(enrol.stdout).toMatch(/done 2\/2/);
    const ident = await biomatch('batch', 'submit', join(root, 'fixtures/fingerprints/101_2.tif'), '--kind', 'fp-identify', '--ppi', '500', '--detach');
    expect(ident.code).toBe(0);
    const jobId = /submitted (job_[0-9a-f-]+)/.exec(ident.stdout)![1];
    // Detached: --wait reads the result as it comes.
    const res = JSON.parse((await biomatch('batch', 'results', jobId, '--wait')).stdout.trim()) as { result: { candidates: { subjectId: string }[] } };
    expect(res.result.candidates[0].subjectId).toBe('101_1');
    // A latent search item runs as LatentService.Search: the mark finds its mate.
    const latent = await biomatch('batch', 'submit', join(root, 'fixtures/fingerprints/101_2.tif'), '--kind', 'latent-search', '--ppi', '500');
    expect(latent.code).toBe(0);
    const lid = /submitted (job_[0-9a-f-]+)/.exec(latent.stdout)![1];
    const lres = JSON.parse((await biomatch('batch', 'results', lid)).stdout.trim()) as { result: { candidates: { subjectId: string }[] } };
    expect(lres.result.candidates[0].subjectId).toBe('101_1');
  }, 240_000);

  const REFS = ['fingerprints', 'ansi-nist', 'nist-reference-transactions', 'references'];
  it.skipIf(missingSharedData(...REFS))('submits an ANSI/NIST transaction (.eft) as one file: one item per finger record', async () => {
    const card = join(tmp, 'card-1.eft');
    writeFileSync(card, readFileSync(sharedDataPath(...REFS, 'type-4-14-slaps.an2')));
    const r = await biomatch('batch', 'submit', card, '--kind', 'fp-enroll');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/submitted job_[0-9a-f-]+: 3 items from 1 sent \(ANSI\/NIST transactions: one item per finger record\)/);
    expect(r.stdout).toMatch(/done 3\/3/);
    const jobId = /submitted (job_[0-9a-f-]+)/.exec(r.stdout)![1];
    const rows = (await biomatch('batch', 'results', jobId)).stdout.trim().split('\n').map((l) => JSON.parse(l) as { itemId: string; status: string; result: { fingerPosition: number; meta: { subjectId: string } } });
    expect(rows.map((x) => x.status)).toEqual(['OK', 'OK', 'OK']);
    expect(rows.every((x) => new RegExp(`^${card.replace(/[.]/g, '\\.')}#\\d+$`).test(x.itemId))).toBe(true);
    expect(rows.map((x) => x.result.fingerPosition)).toEqual([14, 13, 15]);
    expect(rows.every((x) => x.result.meta.subjectId === 'card-1')).toBe(true);
  }, 240_000);

  it('lists the agency\'s jobs, shows status, cancels, deletes; bad arguments say how to call it', async () => {
    const list = await biomatch('--json', 'batch', 'list');
    const jobs = JSON.parse(list.stdout) as { jobId: string; state: string }[];
    expect(jobs.map((j) => j.jobId)).toContain(enrolJob);
    const status = await biomatch('batch', 'status', enrolJob);
    expect(status.stdout).toMatch(new RegExp(`^${enrolJob} done 4/4 \\(1 failed\\)`));
    const cancel = await biomatch('batch', 'cancel', enrolJob);
    expect(cancel.stdout).toContain('done 4/4');
    const del = await biomatch('batch', 'delete', enrolJob);
    expect(del.stdout.trim()).toBe(`deleted ${enrolJob}`);
    const gone = await biomatch('batch', 'status', enrolJob);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('NOT_FOUND');
    const bad = await biomatch('batch', 'submit', csv, '--kind', 'dna-guess');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('KIND: fp-enroll, fp-identify');
    // Another agency sees none of LAB1's jobs.
    const other = await run(process.execPath, ['--import', 'tsx', join(root, 'scripts/biomatch.ts'), '--server', t.address, '--agency', 'LAB2', '--purpose', 'quality-control', '--case', 'TEST-CASE-1', '--json', 'batch', 'list'], { cwd: root });
    expect(JSON.parse(other.stdout)).toEqual([]);
  }, 120_000);

  it('schedule add|list|run|remove: each run is a job; a second run marks the hit already reported', async () => {
    // An agency of its own: only its forensic unknown and its offender take part.
    const profile = (id: string, kind: string) => {
      const f = join(tmp, `${id}.json`);
      writeFileSync(f, JSON.stringify({ id, kind, loci: { D3S1358: ['15', '16'], vWA: ['17', '18'], FGA: ['21', '24'], D8S1179: ['13', '14'], D21S11: ['29', '30.2'], D18S51: ['14', '17'], D5S818: ['11', '12'], D13S317: ['11', '12'], D7S820: ['8', '10'] } }));
      return f;
    };
    expect((await biomatchAs('LAB9', 'dna', 'enroll', profile('OFF-9', 'offender'))).code).toBe(0);
    expect((await biomatchAs('LAB9', 'dna', 'enroll', profile('STAIN-9', 'forensic-unknown'))).code).toBe(0);
    // The daily TL kind is accepted at its default cadence (LAB9 owns no tenprint: its run has nothing to search).
    const daily = await biomatchAs('LAB9', 'schedule', 'add', 'fp-tenprints-vs-unsolved');
    expect(daily.code).toBe(0);
    const dailyId = /added (sch_[0-9a-f-]+): fp-tenprints-vs-unsolved every 24 h/.exec(daily.stdout)![1];
    expect((await biomatchAs('LAB9', 'schedule', 'remove', dailyId)).stdout.trim()).toBe(`removed ${dailyId}`);
    const added = await biomatchAs('LAB9', 'schedule', 'add', 'dna-unknown-vs-offenders', '--name', 'weekly CODIS');
    expect(added.code).toBe(0);
    const id = /added (sch_[0-9a-f-]+): dna-unknown-vs-offenders every 168 h/.exec(added.stdout)![1];
    let first = '';
    for (let i = 0; i < 50 && !first; i++) {
      const list = JSON.parse((await biomatchAs('LAB9', '--json', 'schedule', 'list')).stdout) as { scheduleId: string; lastJobId: string }[];
      first = list.find((s) => s.scheduleId === id)?.lastJobId ?? '';
    }
    expect(first).toMatch(/^job_/);
    const waitDone = async (job: string) => { for (let i = 0; i < 50; i++) if ((await biomatchAs('LAB9', 'batch', 'status', job)).stdout.includes(' done ')) return; throw new Error('not done'); };
    await waitDone(first);
    const r1 = JSON.parse((await biomatchAs('LAB9', 'batch', 'results', first)).stdout.trim()) as { result: { candidates: { externalId: string }[] }; alreadyReported?: string[] };
    expect(r1.result.candidates.map((c) => c.externalId)).toEqual(['OFF-9']);
    expect(r1.alreadyReported).toBeUndefined();
    const run = await biomatchAs('LAB9', 'schedule', 'run', id);
    const second = /started (job_[0-9a-f-]+): 1 items/.exec(run.stdout)![1];
    await waitDone(second);
    const r2 = JSON.parse((await biomatchAs('LAB9', 'batch', 'results', second)).stdout.trim()) as { result: { candidates: { recordId: string }[] }; alreadyReported?: string[] };
    expect(r2.alreadyReported).toEqual([r2.result.candidates[0].recordId]);
    expect((await biomatchAs('LAB9', 'schedule', 'remove', id)).stdout.trim()).toBe(`removed ${id}`);
    expect(JSON.parse((await biomatchAs('LAB9', '--json', 'schedule', 'list')).stdout)).toEqual([]);
  }, 180_000);
});
