/**
 * The `biomatch` command against a real server, as a person runs it (a child process per command).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { status } from '@grpc/grpc-js';
import { startTestService, type TestService } from '../../engine/service/test-harness.js';
import { splitArgs } from '../biomatch.js';
import { describeGrpcError, unreachableReason } from './common.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (n: string) => join(root, 'fixtures/fingerprints', n);
const tmp = mkdtempSync(join(tmpdir(), 'bm-cli-'));
let t: TestService;
// The DNA case below searches an 8-locus stain at LOW stringency to show the rendering of several
// candidates; the server's default LOW floor (12 compared loci) would refuse it.
beforeAll(async () => { t = await startTestService({ dnaMinComparedLoci: { high: 8, moderate: 8, low: 8, kinship: 8 } }); });
afterAll(async () => { await t?.stop(); rmSync(tmp, { recursive: true, force: true }); });

async function biomatch(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', join(root, 'scripts/biomatch.ts'), '--server', t.address, '--agency', 'AG1', '--purpose', 'quality-control', '--case', 'CLI-TEST-1', ...args], { cwd: root });
    return { ...r, code: 0 };
  } catch (e) {
    const x = e as { stdout: string; stderr: string; code: number };
    return { stdout: x.stdout, stderr: x.stderr, code: x.code };
  }
}

/** A local port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('biomatch CLI', () => {
  it('global options may stand anywhere', () => {
    expect(splitArgs(['--json', 'fp', 'identify', 'x.png', '--server', 'h:1', '--max', '3'])).toEqual({ globals: { json: true, server: 'h:1' }, command: 'fp', args: ['identify', 'x.png', '--max', '3'] });
  });

  it('health and stats', async () => {
    const h = await biomatch('--json', 'health');
    expect(h.code).toBe(0);
    // Every service is built and serves.
    expect(Object.fromEntries((JSON.parse(h.stdout) as { services: { service: string; status: string }[] }).services.map((x) => [x.service, x.status]))).toEqual({
      '(server)': 'SERVING', 'biomatch.v1.FingerprintService': 'SERVING', 'biomatch.v1.LatentService': 'SERVING',
      'biomatch.v1.DnaService': 'SERVING', 'biomatch.v1.BatchService': 'SERVING', 'biomatch.v1.AdminService': 'SERVING',
    });
    const s = await biomatch('stats');
    expect(s.stdout).toMatch(/record kind\s+count/);
  });

  it('health against no server: one clean line and exit 5 (unreachable), not 1 or 3', async () => {
    const address = `127.0.0.1:${await closedPort()}`;
    // the later --server wins over the harness's
    const h = await biomatch('--server', address, '--timeout', '10', 'health');
    expect(h.code).toBe(5);
    expect(h.stderr).toBe(`biomatch: cannot reach ${address} (connection refused)\n`);
    expect(h.stdout).toBe('');
    const s = await biomatch('--server', address, 'stats');
    expect(s.code).toBe(1);
    expect(s.stderr).toBe('biomatch stats: UNAVAILABLE: cannot reach the server (connection refused)\n');
  });

  it('tells a connection failure from a server that answered UNAVAILABLE', () => {
    const refused = { code: status.UNAVAILABLE, details: 'No connection established. Last error: Error: connect ECONNREFUSED 127.0.0.1:50051. Resolution note: ' };
    expect(unreachableReason(refused)).toBe('connection refused');
    expect(unreachableReason({ code: status.UNAVAILABLE, details: 'Name resolution failed for target dns:nowhere.invalid:50051' })).toBe('name resolution failed');
    const loading = { code: status.UNAVAILABLE, details: 'fingerprint index is still loading' };
    expect(unreachableReason(loading)).toBeUndefined();
    expect(describeGrpcError(loading)).toBe('UNAVAILABLE: fingerprint index is still loading');
    expect(describeGrpcError(refused)).not.toMatch(/Resolution note/);
  });

  it('fp enroll, fp identify (table and --json), extract --format iso, and a clear error', async () => {
    const e1 = await biomatch('fp', 'enroll', fixture('101_1.tif'), '--ppi', '500', '--subject', 'S-101', '--finger', '2');
    expect(e1.stdout).toMatch(/^enrolled fp_/);
    await biomatch('fp', 'enroll', fixture('102_1.tif'), '--ppi', '500', '--subject', 'S-102', '--finger', '2');
    const table = await biomatch('fp', 'identify', fixture('101_2.tif'), '--ppi', '500');
    expect(table.stdout.split('\n')[2]).toMatch(/^1\s+\S+\s+fp_\S+\s+S-101\s+2/);
    const json = await biomatch('--json', 'fp', 'identify', fixture('101_2.tif'), '--ppi', '500');
    expect((JSON.parse(json.stdout) as { candidates: { subjectId: string }[] }).candidates[0].subjectId).toBe('S-101');
    const iso = join(tmp, 'probe.iso');
    const ex = await biomatch('extract', fixture('101_2.tif'), '--ppi', '500', '--format', 'iso', '--out', iso);
    expect(ex.code).toBe(0);
    expect(readFileSync(iso).subarray(0, 3).toString()).toBe('FMR');
    // JSON output writes the template's block orientation field as base64, not as Buffer numbers.
    const js = await biomatch('extract', fixture('101_2.tif'), '--ppi', '500');
    const field = (JSON.parse(js.stdout) as { template: { blockOrientations: { blocksWide: number; blocksHigh: number; angles: string } } }[])[0].template.blockOrientations;
    expect(Buffer.from(field.angles, 'base64').length).toBe(field.blocksWide * field.blocksHigh);
    const bad = await biomatch('extract', fixture('101_2.tif'));
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/INVALID_ARGUMENT: image\.ppi: /);
  });

  it('dna import (line-numbered errors, no duplicates) and dna search --json in rank order', async () => {
    const csv = join(tmp, 'lab.csv');
    writeFileSync(csv, [
      'sample,population,D3S1358_1,D3S1358_2,vWA_1,vWA_2,FGA_1,FGA_2,D8S1179_1,D8S1179_2,D21S11_1,D21S11_2,D18S51_1,D18S51_2,D5S818_1,D5S818_2,D13S317_1,D13S317_2',
      'L1,Cauc,15,16,17,18,21,24,13,14,29,30.2,14,17,11,12,11,12',
      'L2,Cauc,15,16,17,18,21,24,13,14,29,30.2,14,17,11,12,11,13',
      'L3,Cauc,15,16,17,??,21,24,13,14,29,30.2,14,17,11,12,11,12',
    ].join('\n') + '\n');
    const first = await biomatch('dna', 'import', csv, '--kind', 'offender');
    expect(first.stdout).toContain('3 rows: 2 stored, 0 updated, 0 unchanged, 1 rejected');
    expect(first.stdout).toMatch(/line 4: /);
    const again = await biomatch('dna', 'import', csv, '--kind', 'offender');
    expect(again.stdout).toContain('0 stored, 0 updated, 2 unchanged');
    const profile = join(tmp, 'stain.json');
    writeFileSync(profile, JSON.stringify({ id: 'STAIN-1', loci: { D3S1358: ['15', '16'], vWA: ['17'], FGA: ['21', '24'], D8S1179: ['13', '14'], D21S11: ['29', '30.2'], D18S51: ['14', '17'], D5S818: ['11', '12'], D13S317: ['11', '12'] } }));
    expect(JSON.parse((await biomatch('--json', 'dna', 'search', profile, '--stringency', 'high')).stdout).candidates).toEqual([]);
    const res = await biomatch('--json', 'dna', 'search', profile, '--stringency', 'moderate');
    const out = JSON.parse(res.stdout) as { candidates: { rank: number; recordId: string; profileId: string }[] };
    expect(out.candidates.map((c) => c.profileId)).toEqual(['L1']);
    expect(out.candidates[0].recordId).toMatch(/^dna_/);
    const low = JSON.parse((await biomatch('--json', 'dna', 'search', profile, '--stringency', 'low')).stdout) as { candidates: { rank: number; profileId: string }[] };
    expect(low.candidates.map((c) => c.profileId).sort()).toEqual(['L1', 'L2']);
    expect(low.candidates.map((c) => c.rank)).toEqual([1, 2]);
  });
});
