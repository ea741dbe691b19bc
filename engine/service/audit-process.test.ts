/**
 * An audit entry is as durable as the answer it records: the server runs as a child process, a
 * search is answered, the server is killed with SIGKILL at once, and after a restart the search's
 * entry is there and the chain verifies.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, call } from './client.js';
import { spawnServer, TEST_PURPOSE, waitServing } from './test-harness.js';
import { PURPOSE_HEADER, CASE_HEADER } from './interceptors.js';
import type { DnaRecord__Output } from './generated/biomatch/v1/DnaRecord.js';
import type { CandidateList__Output } from './generated/biomatch/v1/CandidateList.js';
import type { ListAuditResponse__Output } from './generated/biomatch/v1/ListAuditResponse.js';
import type { VerifyAuditResponse__Output } from './generated/biomatch/v1/VerifyAuditResponse.js';

const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const A = { D3S1358: ['15', '16'], vWA: ['17', '18'], FGA: ['21', '24'], D8S1179: ['13', '14'], D21S11: ['29', '30.2'], D18S51: ['14', '17'], D5S818: ['11', '12'], D13S317: ['11', '12'], D7S820: ['8', '10'], CSF1PO: ['10', '12'], TH01: ['6', '9.3'], TPOX: ['8', '11'] };
const profile = { loci: Object.fromEntries(Object.entries(A).map(([l, a]) => [l, { alleles: a }])) };

describe('audit durability', () => {
  it('a search answered just before kill -9 has its entry after the restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bm-audit-kill-'));
    dirs.push(dataDir);
    const args = ['--port', '0', '--data-dir', dataDir, '--pool-size', '1'];
    const first = await spawnServer(args);
    const address = `127.0.0.1:${first.port}`;
    await waitServing(address);
    const c = connect(address, 'AG1', TEST_PURPOSE);
    const md = c.metadata();
    md.set(PURPOSE_HEADER, 'criminal-investigation');
    md.set(CASE_HEADER, 'KILL-1');
    const rec = await call<object, DnaRecord__Output>(c.dna.enroll, c.dna, { profile, subjectId: 'P-A' }, md);
    const answer = await call<object, CandidateList__Output>(c.dna.search, c.dna, { profile, stringency: 'STRINGENCY_HIGH' }, md);
    first.child.kill('SIGKILL'); // the moment the answer is in: no drain, no shutdown checkpoint
    await first.exited;
    c.close();
    expect(answer.candidates.map((x) => x.recordId)).toEqual([rec.meta!.id]);

    const second = await spawnServer(args);
    const address2 = `127.0.0.1:${second.port}`;
    await waitServing(address2);
    const c2 = connect(address2, 'AG1', TEST_PURPOSE);
    const page = await call<object, ListAuditResponse__Output>(c2.admin.listAudit, c2.admin, { limit: 1000 }, c2.metadata());
    const search = page.entries.filter((e) => e.method === '/biomatch.v1.DnaService/Search');
    expect(search).toHaveLength(1);
    expect(search[0]).toMatchObject({ agency: 'AG1', status: 'OK', recordIds: [rec.meta!.id], purpose: 'criminal-investigation', caseReference: 'KILL-1' });
    // the restart signed what the killed run left unsigned, and said so
    expect(second.output.join('')).toContain('the previous run did not stop cleanly');
    const v = await call<object, VerifyAuditResponse__Output>(c2.admin.verifyAudit, c2.admin, {}, c2.metadata());
    expect(v).toMatchObject({ intact: true });
    expect(v.lastCheckpointSequence).toBeGreaterThanOrEqual(search[0].sequence);
    c2.close();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 240_000);
});
