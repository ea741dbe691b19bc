/**
 * Gallery scans on real worker threads over the shared arena: the same answer as in the calling
 * thread, and a raised stop flag ends a long scan within milliseconds, freeing the thread.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { galleryTemplate } from '../../fixtures/gallery/background-gallery.js';
import { prepareCandidate } from '../fingerprint/matcher.js';
import { scanGallery, STOPPED, type ScanRequest } from '../fingerprint/identification/gallery-scan.js';
import { PreparedArena } from '../fingerprint/identification/prepared-arena.js';
import { poolScanExecutor } from './pool-scan-executor.js';
import { WorkerPool } from './worker-pool.js';

const pool = new WorkerPool({ size: 1 });
afterAll(async () => { await pool.destroy(); });

const arena = new PreparedArena(16);
for (let i = 0; i < 300; i++) arena.add(prepareCandidate(galleryTemplate(5, i)), { group: 0, fingerPosition: 1, minutiae: 40 });
const request = (over: Partial<ScanRequest>): ScanRequest => ({
  probe: galleryTemplate(5, 7), arena: arena.share(), filter: { groups: Uint8Array.of(1) }, keep: 5, minScore: -Infinity, describe: 2,
  stop: new Int32Array(new SharedArrayBuffer(4)), ...over,
});

describe('gallery scans on the worker pool', () => {
  const executor = poolScanExecutor(pool, 1);

  it('answers exactly as the scan in the calling thread', async () => {
    const req = request({ range: { from: 0, to: 300 } });
    const onPool = await executor.scan(req);
    expect(onPool).toEqual(scanGallery(req));
    expect(onPool.slots[0]).toBe(7);
    expect(onPool.compared).toBe(300);
  });

  it('stops a long scan within milliseconds of the stop flag', async () => {
    // 300,000 comparisons: seconds of work even at 80k a second, unless stopped.
    const slots = Int32Array.from({ length: 300_000 }, (_, i) => i % 300);
    const req = request({ slots });
    const started = performance.now();
    const pending = executor.scan(req);
    setTimeout(() => Atomics.store(req.stop, 0, STOPPED), 100);
    const r = await pending;
    expect(r.stopped).toBe(true);
    expect(r.compared).toBeLessThan(300_000);
    expect(performance.now() - started).toBeLessThan(1500);
    // The thread is free again.
    expect((await executor.scan(request({ range: { from: 0, to: 10 } }))).compared).toBe(10);
  });
});
