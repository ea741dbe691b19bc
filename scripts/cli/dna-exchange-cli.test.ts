/**
 * `biomatch dna` exchange options against a real server, as a person runs them: `--loci` (a
 * locus set or list), `--theta 0`, and `biomatch dna tables`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startTestService, type TestService } from '../../engine/service/test-harness.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'bm-cli-dna-'));
let t: TestService;
beforeAll(async () => { t = await startTestService(); });
afterAll(async () => { await t?.stop(); rmSync(tmp, { recursive: true, force: true }); });

async function biomatch(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', join(root, 'scripts/biomatch.ts'), '--server', t.address, '--agency', 'CLIX', '--purpose', 'quality-control', '--case', 'CLI-DNA-1', ...args], { cwd: root });
    return { ...r, code: 0 };
  } catch (e) {
    const x = e as { stdout: string; stderr: string; code: number };
    return { stdout: x.stdout, stderr: x.stderr, code: x.code };
  }
}

const P: Record<string, string[]> = {
  D3S1358: ['15', '16'], vWA: ['17', '18'], FGA: ['21', '24'], D8S1179: ['13', '14'], D21S11: ['29', '30'], D18S51: ['14', '17'],
  D5S818: ['11', '12'], D13S317: ['11', '12'], CSF1PO: ['10', '12'], TH01: ['6', '9.3'], TPOX: ['8', '8'],
  D1S1656: ['12', '15'], D2S441: ['10', '14'], D10S1248: ['13', '15'], D12S391: ['18', '20'], D22S1045: ['15', '16'],
};

describe('biomatch dna: exchange options', () => {
  it('enrols, then finds a profile differing outside the ESS only with --loci ESS; --theta 0; unknown locus names the field', async () => {
    const file = join(tmp, 'p.json');
    writeFileSync(file, JSON.stringify({ id: 'CLI-P', loci: P }));
    const stain = join(tmp, 'q.json');
    writeFileSync(stain, JSON.stringify({ id: 'CLI-Q', loci: { ...P, TPOX: ['9', '10'], CSF1PO: ['11'] } }));
    expect((await biomatch('dna', 'enroll', file)).code).toBe(0);
    const none = await biomatch('--json', 'dna', 'search', stain);
    expect(JSON.parse(none.stdout).totalHits).toBe(0);
    const ess = await biomatch('--json', 'dna', 'search', stain, '--loci', 'ESS', '--theta', '0');
    expect(ess.code).toBe(0);
    const hit = JSON.parse(ess.stdout).candidates[0];
    expect(hit).toMatchObject({ profileId: 'CLI-P', comparedLoci: 12, matchingLoci: 12, wildcardLoci: 0 });
    const bad = await biomatch('dna', 'search', stain, '--loci', 'ESS,D99S999');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/compare_loci\[1\]: unknown locus or locus set "D99S999"/);
    const badTheta = await biomatch('dna', 'search', stain, '--theta', '0.7');
    expect(badTheta.code).not.toBe(0);
    expect(badTheta.stderr).toMatch(/--theta must be a number in \[0, 0\.5\)/);
  });

  it('dna tables lists the loaded population tables', async () => {
    const r = await biomatch('dna', 'tables');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/population table\s+source file\s+loci\s+alleles/);
    expect(r.stdout).toMatch(/nist1036\/All\s+nist1036_us_29loci_freqs\.csv\s+29\s+\d+\s+\d+-\d+\s+yes/);
    expect(r.stdout).toMatch(/fbi2015\//);
    const j = await biomatch('--json', 'dna', 'tables', '--loci');
    const tables = JSON.parse(j.stdout) as { name: string; loci: { locus: string; alleleCount: number }[] }[];
    expect(tables.find((x) => x.name === 'nist1036/Cauc')?.loci.length).toBe(29);
  });
});
