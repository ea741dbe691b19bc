/**
 * For tests: a real server on 127.0.0.1:0 with a temporary data directory, its log lines captured,
 * and typed clients per agency.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type ServiceConfig } from './config.js';
import { createLogger } from './logger.js';
import { startService, type RunningService } from './app.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { call, connect, type BiomatchClients, type ConnectOptions } from './client.js';
import type { ServingIndex } from './operations/admin.js';

/** What tests' clients send by default: reads and searches need a purpose and a case (issue 13). */
export const TEST_PURPOSE = { purpose: 'quality-control', caseId: 'TEST-CASE-1' } as const;

export interface TestService {
  address: string;
  service: RunningService;
  logs: string[];
  dataDir: string;
  /** A client for `agency` (default AG1), sending TEST_PURPOSE unless `options` say otherwise. */
  client(agency?: string, options?: ConnectOptions): BiomatchClients;
  stop(): Promise<void>;
}

export async function startTestService(overrides: Partial<ServiceConfig> = {}, indexes?: ServingIndex[]): Promise<TestService> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'bm-svc-'));
  // No rate limit unless a test sets one: tests' call loops are not what the limit is for.
  const config: ServiceConfig = { ...loadConfig([], {}), port: 0, poolSize: 1, drainSeconds: 2, rateLimit: 0, ...overrides, dataDir };
  const logs: string[] = [];
  const log = createLogger('debug', (line) => { logs.push(line); });
  const service = await startService(config, { log, ...(indexes ? { indexes } : {}) });
  await service.ready;
  const address = `127.0.0.1:${service.port}`;
  const clients: BiomatchClients[] = [];
  return {
    address, service, logs, dataDir,
    client(agency = 'AG1', options: ConnectOptions = {}) {
      const c = connect(address, agency, { ...TEST_PURPOSE, ...options });
      clients.push(c);
      return c;
    },
    async stop() {
      for (const c of clients) c.close();
      await service.shutdown('test done');
      if (!overrides.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess { child: ChildProcess; port: number; output: string[]; exited: Promise<number | null> }

/** Starts `engine/service/main.ts` (or a built main.js) as a child process and waits for its "listening" line. */
export async function spawnServer(args: string[], entry = ['--import', 'tsx', join(root, 'engine/service/main.ts')]): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...entry, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output.join('')}`)), 90_000);
    let buffered = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output.push(chunk.toString());
      buffered += chunk.toString();
      for (const line of buffered.split('\n').slice(0, -1)) {
        try {
          const msg = JSON.parse(line) as { msg?: string; port?: number };
          if (msg.msg === 'listening' && msg.port) { clearTimeout(timer); resolve(msg.port); }
        } catch { /* not a log line */ }
      }
      buffered = buffered.slice(buffered.lastIndexOf('\n') + 1);
    });
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`server exited with ${code}:\n${output.join('')}`)); });
  });
  return { child, port, output, exited };
}

export async function waitServing(address: string): Promise<void> {
  const c = connect(address, 'AG1');
  try {
    for (let i = 0; i < 300; i++) {
      const res = await call(c.health.check, c.health, { service: '' }, c.metadata(), 2000).catch(() => undefined);
      if (res?.status === 'SERVING') return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('server never became SERVING');
  } finally { c.close(); }
}

