/**
 * The server under load, when bench/load.bench.ts is not given one: `engine/service/main.ts` as a
 * child process on 127.0.0.1, port 0, a fresh data directory, as engine/service/test-harness.ts's
 * spawnServer starts one (that module also starts in-process servers, which this bench does not
 * need to load). Its stdout (one JSON `call` line per RPC) is drained and only the last lines
 * kept, for an error message.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const KEPT_LINES = 50;

export interface SpawnedServer {
  address: string;
  dataDir: string;
  args: string[];
  /** The last lines it wrote (log lines carry ids and counts only, never biometric data). */
  tail(): string;
  stop(): Promise<void>;
}

export async function spawnLoadServer(options: { poolSize?: number; extraArgs?: string[]; startTimeoutMs?: number } = {}): Promise<SpawnedServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bm-load-'));
  const args = ['--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir,
    ...(options.poolSize ? ['--pool-size', String(options.poolSize)] : []), ...(options.extraArgs ?? [])];
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(root, 'engine/service/main.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > KEPT_LINES * 2) lines.splice(0, lines.length - KEPT_LINES);
  };
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stopping = false;
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${lines.join('\n')}`)), options.startTimeoutMs ?? 90_000);
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const line of parts) {
        keep(line);
        if (!line.includes('"listening"')) continue;
        try {
          const msg = JSON.parse(line) as { msg?: string; port?: number };
          if (msg.msg === 'listening' && msg.port) { clearTimeout(timer); resolve(msg.port); }
        } catch { /* not a log line */ }
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => { for (const l of chunk.toString().split('\n')) if (l) keep(l); });
    void exited.then((code) => {
      clearTimeout(timer);
      if (!stopping) reject(new Error(`server exited with ${code}:\n${lines.slice(-KEPT_LINES).join('\n')}`));
    });
  });
  return {
    address: `127.0.0.1:${port}`,
    dataDir,
    args,
    tail: () => lines.slice(-KEPT_LINES).join('\n'),
    async stop() {
      stopping = true;
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
