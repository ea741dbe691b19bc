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
import { connect, type BiomatchClients } from './client.js';
import type { ServingIndex } from './deps.js';

export interface TestService {
  address: string;
  service: RunningService;
  logs: string[];
  dataDir: string;
  client(agency?: string): BiomatchClients;
  stop(): Promise<void>;
}

export async function startTestService(overrides: Partial<ServiceConfig> = {}, indexes?: ServingIndex[]): Promise<TestService> {
  const dataDir = overrides.dataDir ?? mkdtempSync(join(tmpdir(), 'bm-svc-'));
  const config: ServiceConfig = { ...loadConfig([], {}), port: 0, poolSize: 1, drainSeconds: 2, ...overrides, dataDir };
  const logs: string[] = [];
  const log = createLogger('debug', (line) => { logs.push(line); });
  const service = await startService(config, { log, ...(indexes ? { indexes } : {}) });
  await service.ready;
  const address = `127.0.0.1:${service.port}`;
  const clients: BiomatchClients[] = [];
  return {
    address, service, logs, dataDir,
    client(agency = 'AG1') {
      const c = connect(address, agency);
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
