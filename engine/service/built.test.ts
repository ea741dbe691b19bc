/**
 * `npm run build` compiles to JavaScript that runs with plain node: the built server starts,
 * answers health, and the built `biomatch` command talks to it. (The Dockerfile runs exactly
 * this build output.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { spawnServer, waitServing, type ServerProcess } from './test-harness.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'bm-built-'));
let server: ServerProcess | undefined;

beforeAll(async () => {
  await run('npm', ['run', 'build'], { cwd: root, maxBuffer: 32 * 1024 * 1024 });
}, 300_000);
afterAll(async () => {
  if (server) { server.child.kill('SIGTERM'); await server.exited; }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('built output', () => {
  it('the compiled server starts with plain node and answers health; the compiled CLI reaches it', async () => {
    const main = join(root, 'dist/engine/service/main.js');
    expect(existsSync(main)).toBe(true);
    server = await spawnServer(['--port', '0', '--data-dir', dataDir, '--pool-size', '1'], [main]);
    await waitServing(`127.0.0.1:${server.port}`);
    const cli = join(root, 'dist/scripts/biomatch.js');
    const health = await run(process.execPath, [cli, '--server', `127.0.0.1:${server.port}`, '--json', 'health']);
    const parsed = JSON.parse(health.stdout) as { services: { service: string; status: string }[] };
    // Built services serve; those not built yet (latent, batch) say NOT_SERVING, and do not fail the check.
    expect(Object.fromEntries(parsed.services.map((x) => [x.service, x.status]))).toEqual({
      '(server)': 'SERVING', 'biomatch.v1.FingerprintService': 'SERVING', 'biomatch.v1.LatentService': 'NOT_SERVING',
      'biomatch.v1.DnaService': 'SERVING', 'biomatch.v1.BatchService': 'NOT_SERVING', 'biomatch.v1.AdminService': 'SERVING',
    });
    const stats = await run(process.execPath, [cli, '--server', `127.0.0.1:${server.port}`, '--agency', 'AG1', 'stats']);
    expect(stats.stdout).toContain('pool: 1 threads (wasm)');
  }, 180_000);
});
