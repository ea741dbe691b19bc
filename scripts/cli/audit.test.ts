/**
 * `biomatch audit list|verify` against a real server, as an auditor runs them (a child process
 * per command), then `audit verify --data-dir` over the stopped server's files, untouched and
 * edited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { generateKeyPairSync } from 'node:crypto';
import { open } from 'lmdb';
import { startTestService, type TestService } from '../../engine/service/test-harness.js';
import { call } from '../../engine/service/client.js';
import { AUDIT_CHAIN_DB } from '../../engine/store/audit-log.js';
import type { ChainedEntry } from '../../engine/security/audit-chain.js';
import type { FingerprintRecord__Output } from '../../engine/service/generated/biomatch/v1/FingerprintRecord.js';
import { splitArgs } from '../biomatch.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'bm-cli-audit-'));
let t: TestService | undefined;
let address = '';
beforeAll(async () => {
  t = await startTestService({ dataDir });
  address = t.address;
});
afterAll(async () => { await t?.stop(); rmSync(dataDir, { recursive: true, force: true }); });

async function biomatch(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const r = await run(process.execPath, ['--import', 'tsx', join(root, 'scripts/biomatch.ts'), '--server', address, '--agency', 'AG1', '--purpose', 'audit-review', '--case', 'AUDIT-1', ...args], { cwd: root });
    return { ...r, code: 0 };
  } catch (e) {
    const x = e as { stdout: string; stderr: string; code: number };
    return { stdout: x.stdout, stderr: x.stderr, code: x.code };
  }
}

const template = { width: 400, height: 500, resolutionPpi: 500, minutiae: [{ x: 100, y: 120, angleDegrees: 45, type: 'MINUTIA_TYPE_RIDGE_ENDING' as const, quality: 80 }, { x: 210, y: 300, angleDegrees: 300, type: 'MINUTIA_TYPE_BIFURCATION' as const, quality: 70 }] };

describe('biomatch audit', () => {
  let recordId = '';

  it('after `audit`, --agency is the filter; before it, the caller', () => {
    expect(splitArgs(['--agency', 'AUD', 'audit', 'list', '--agency', 'AG1', '--json'])).toEqual({ globals: { agency: 'AUD', json: true }, command: 'audit', args: ['list', '--agency', 'AG1'] });
    expect(splitArgs(['audit', 'list', '--agency=AG1'])).toEqual({ globals: {}, command: 'audit', args: ['list', '--agency=AG1'] });
    expect(splitArgs(['fp', 'get', 'x', '--agency', 'AG1']).globals).toEqual({ agency: 'AG1' });
  });

  it('list: the agency\'s own calls, as a table or JSON; another agency\'s refused', async () => {
    const c = t!.client('AG1');
    const rec = await call<object, FingerprintRecord__Output>(c.fingerprint.enroll, c.fingerprint, { subjectId: 'S-1', sample: { template: { template } } }, c.metadata());
    recordId = rec.meta!.id;
    const other = t!.client('AG2');
    await call(other.fingerprint.enroll, other.fingerprint, { subjectId: 'S-2', sample: { template: { template } } }, other.metadata());

    const json = await biomatch('audit', 'list', '--json');
    expect(json.code).toBe(0);
    const entries = JSON.parse(json.stdout) as { sequence: number; agency: string; method: string; recordIds: string[]; status: string; time: string }[];
    expect(entries.every((e) => e.agency === 'AG1')).toBe(true);
    expect(entries.find((e) => e.method === '/biomatch.v1.FingerprintService/Enroll')).toMatchObject({ recordIds: [recordId], status: 'OK' });
    expect(entries[0].time).toMatch(/^\d{4}-\d\d-\d\dT/);

    const text = await biomatch('audit', 'list', '--since', '2000-01-01', '--until', '2999-01-01');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/seq\s+time\s+agency\s+method/);
    expect(text.stdout).toContain('FingerprintService/Enroll');
    expect(text.stdout).toContain(recordId);

    const refused = await biomatch('audit', 'list', '--agency', 'AG2');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/PERMISSION_DENIED: .*audit role/);
    const badTime = await biomatch('audit', 'list', '--since', 'yesterday-ish');
    expect(badTime.code).toBe(1);
    expect(badTime.stderr).toMatch(/--since must be a date/);
  }, 120_000);

  it('verify over RPC, then offline with --data-dir: intact, then each edit found', async () => {
    const online = await biomatch('audit', 'verify');
    expect(online.code).toBe(0);
    expect(online.stdout).toMatch(/intact/);
    const anchor = /--anchor (\d+:[0-9a-f]{64})/.exec(online.stdout)![1];

    await t!.stop();
    t = undefined;
    const offline = await biomatch('--json', 'audit', 'verify', '--data-dir', dataDir, '--anchor', anchor);
    expect(offline.code).toBe(0);
    const report = JSON.parse(offline.stdout) as { intact: boolean; entries: number; lastCheckpointSequence: number; unsignedTail: number };
    expect(report).toMatchObject({ intact: true, unsignedTail: 0 });
    expect(report.entries).toBeGreaterThan(3);

    // an auditor's pinned key that is not the server's
    const stranger = generateKeyPairSync('ed25519');
    const pub = join(dataDir, 'stranger.pub');
    writeFileSync(pub, stranger.publicKey.export({ type: 'spki', format: 'pem' }));
    const wrongKey = await biomatch('audit', 'verify', '--data-dir', dataDir, '--public-key', pub);
    expect(wrongKey.code).toBe(3);
    expect(wrongKey.stdout).toMatch(/NOT INTACT: unknown-key/);

    // an entry edited in the files
    const env = open({ path: join(dataDir, 'biomatch.mdb'), maxDbs: 16 });
    const chain = env.openDB({ name: AUDIT_CHAIN_DB, encoding: 'json' });
    const row = chain.get(2) as ChainedEntry;
    row.entry.agency = 'ZZ';
    await chain.put(2, row);
    await env.close();
    const edited = await biomatch('audit', 'verify', '--data-dir', dataDir);
    expect(edited.code).toBe(3);
    expect(edited.stdout).toMatch(/NOT INTACT: edited at 2/);

    const missing = await biomatch('audit', 'verify', '--data-dir', join(dataDir, 'nothing-here'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/holds no biomatch store/);
  }, 120_000);
});
