/**
 * `npm run build` compiles to JavaScript that runs with plain node: the built server starts,
 * answers health, and the built `biomatch` command talks to it. (The Dockerfile runs exactly
 * this build output.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, writeFileSync } from 'node:fs';
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
    // Every service is built and serves.
    expect(Object.fromEntries(parsed.services.map((x) => [x.service, x.status]))).toEqual({
      '(server)': 'SERVING', 'biomatch.v1.FingerprintService': 'SERVING', 'biomatch.v1.LatentService': 'SERVING',
      'biomatch.v1.DnaService': 'SERVING', 'biomatch.v1.BatchService': 'SERVING', 'biomatch.v1.AdminService': 'SERVING',
    });
    const stats = await run(process.execPath, [cli, '--server', `127.0.0.1:${server.port}`, '--agency', 'AG1', 'stats']);
    expect(stats.stdout).toContain('pool: 1 threads (wasm)');

    // The compiled worker entries run: extraction and scans on the pool, the HNSW graph and the
    // DNA index on their own threads.
    const cliAs = (...args: string[]) => run(process.execPath, [cli, '--server', `127.0.0.1:${server!.port}`, '--agency', 'AG1', '--purpose', 'quality-control', '--case', 'BUILT-1', ...args]);
    const fixture = (name: string) => join(root, 'fixtures', 'fingerprints', name);
    await cliAs('fp', 'enroll', fixture('101_1.tif'), '--ppi', '500', '--subject', 'S-101');
    const found = JSON.parse((await cliAs('--json', 'fp', 'identify', fixture('101_2.tif'), '--ppi', '500')).stdout) as { candidates: { subjectId: string }[] };
    expect(found.candidates[0].subjectId).toBe('S-101');
    // The latent task in the compiled worker: a mark extracted and searched.
    const mark = JSON.parse((await cliAs('--json', 'latent', 'search', fixture('101_2.tif'), '--ppi', '500')).stdout) as { candidates: { subjectId: string }[] };
    expect(mark.candidates[0].subjectId).toBe('S-101');
    const profile = join(dataDir, 'stain.json');
    writeFileSync(profile, JSON.stringify({ id: 'STAIN-1', loci: { D3S1358: ['15', '16'], vWA: ['17'], FGA: ['21', '24'], D8S1179: ['13', '14'], D21S11: ['29', '30.2'], D18S51: ['14', '17'], D5S818: ['11', '12'], D13S317: ['11', '12'] } }));
    await cliAs('dna', 'enroll', profile);
    const hits = JSON.parse((await cliAs('--json', 'dna', 'search', profile, '--stringency', 'high')).stdout) as { candidates: { profileId: string }[] };
    expect(hits.candidates.map((c) => c.profileId)).toEqual(['STAIN-1']);
  }, 180_000);
});
