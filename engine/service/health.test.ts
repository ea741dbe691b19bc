/**
 * Health says NOT_SERVING until every in-memory index has been rebuilt from the store, and
 * SERVING only then.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService } from './app.js';
import { loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { call, connect } from './client.js';
import { requireLoaded, type ServingIndex } from './operations/admin.js';
import { ErrorCode } from '../errors.js';

describe('health while indexes load', () => {
  it('is NOT_SERVING until the last index has loaded, then SERVING', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'bm-health-'));
    let release!: () => void;
    const gate = new Promise<void>((r) => { release = r; });
    let done = false;
    const slow: ServingIndex = { name: 'slow', load: async () => { await gate; done = true; }, loaded: () => done, entries: () => 0 };
    const service = await startService({ ...loadConfig([], {}), port: 0, poolSize: 1, dataDir }, { log: createLogger('error', () => undefined), indexes: [slow] });
    const c = connect(`127.0.0.1:${service.port}`, 'AG1');
    try {
      for (const s of ['', 'biomatch.v1.DnaService']) {
        expect((await call(c.health.check, c.health, { service: s }, c.metadata())).status).toBe('NOT_SERVING');
      }
      release();
      await service.ready;
      expect((await call(c.health.check, c.health, { service: '' }, c.metadata())).status).toBe('SERVING');
    } finally {
      c.close();
      await service.shutdown('test');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('work that needs an index still loading is refused with UNAVAILABLE (retryable), not half-answered', () => {
    let loaded = false;
    const index: ServingIndex = { name: 'dna-loci', load: async () => undefined, loaded: () => loaded, entries: () => 0 };
    expect(() => requireLoaded(index)).toThrow(expect.objectContaining({ code: ErrorCode.Unavailable, message: expect.stringMatching(/dna-loci index is still loading/) }));
    loaded = true;
    expect(() => requireLoaded(index)).not.toThrow();
  });
});
