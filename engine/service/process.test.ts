/**
 * The server as a separate process, as operators run it: durability of acknowledged writes under
 * kill -9, graceful drain on SIGTERM, and refusal of bad configuration.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect, call } from './client.js';
import { spawnServer, TEST_PURPOSE, waitServing } from './test-harness.js';
import type { FingerprintRecord__Output } from './generated/biomatch/v1/FingerprintRecord.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dirs: string[] = [];
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

const template = (i: number) => ({
  width: 400, height: 500, resolutionPpi: 500,
  minutiae: Array.from({ length: 40 }, (_, k) => ({ x: (i * 7 + k * 9) % 400, y: (i * 13 + k * 11) % 500, angleDegrees: (i + k * 17) % 360, type: 'MINUTIA_TYPE_RIDGE_ENDING', quality: 50 + (k % 50) })),
});

describe('server process', () => {
  it('every acknowledged enrolment survives kill -9 in the middle of a stream of writes', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bm-kill-'));
    dirs.push(dataDir);
    const first = await spawnServer(['--port', '0', '--data-dir', dataDir, '--pool-size', '1']);
    const address = `127.0.0.1:${first.port}`;
    await waitServing(address);
    const c = connect(address, 'AG1');
    const acked = new Map<string, number>();
    let killed = false;
    let sent = 0;
    // 16 writers stream enrolments until the server is killed under them.
    const writer = async () => {
      while (!killed) {
        const i = sent++;
        try {
          const rec = await call<object, FingerprintRecord__Output>(c.fingerprint.enroll, c.fingerprint, {
            subjectId: `S-${i}`, fingerPosition: 1 + (i % 10), externalId: `KILL-${i}`, sample: { template: { template: template(i) } },
          }, c.metadata(), 10_000);
          if (!killed) acked.set(rec.meta!.id, i);
        } catch { /* in flight when killed: not acknowledged */ }
      }
    };
    const writers = Array.from({ length: 16 }, writer);
    while (acked.size < 300) await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGKILL');
    killed = true;
    await Promise.all(writers);
    await first.exited;
    c.close();
    expect(acked.size).toBeGreaterThanOrEqual(300);

    const second = await spawnServer(['--port', '0', '--data-dir', dataDir, '--pool-size', '1']);
    const address2 = `127.0.0.1:${second.port}`;
    await waitServing(address2);
    const c2 = connect(address2, 'AG1', TEST_PURPOSE);
    let found = 0;
    for (const [id, i] of acked) {
      const rec = await call<object, FingerprintRecord__Output>(c2.fingerprint.get, c2.fingerprint, { recordId: id }, c2.metadata());
      expect(rec.meta?.externalId).toBe(`KILL-${i}`);
      expect(rec.template?.minutiae).toHaveLength(40);
      found++;
    }
    c2.close();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(found).toBe(acked.size);
  }, 240_000);

  it('drains and exits 0 on SIGTERM, saying so in its log', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bm-term-'));
    dirs.push(dataDir);
    const s = await spawnServer(['--port', '0', '--data-dir', dataDir, '--pool-size', '1', '--drain-seconds', '3']);
    await waitServing(`127.0.0.1:${s.port}`);
    s.child.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    const log = s.output.join('');
    expect(log).toContain('"msg":"draining"');
    expect(log).toContain('"msg":"stopped"');
  }, 120_000);

  it('refuses bad configuration with a clear message and exit code 2', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'engine/service/main.ts'), '--port', 'http'], { cwd: root, env: { ...process.env, BIOMATCH_TF_BACKEND: 'gpu' } });
    let err = '';
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(2);
    expect(err).toContain('--port="http": must be a whole number');
    expect(err).toContain('BIOMATCH_TF_BACKEND="gpu": must be one of wasm, cpu, tensorflow');
  }, 60_000);
});
