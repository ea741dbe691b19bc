/**
 * Graceful shutdown is bounded: a call still open when the drain bound passes is cancelled and
 * the server stops anyway (it never waits forever on a client).
 */
import { describe, expect, it } from 'vitest';
import type * as grpc from '@grpc/grpc-js';
import { startTestService } from './test-harness.js';
import { connect } from './client.js';

describe('shutdown', () => {
  it('cancels calls still running after --drain-seconds and stops', async () => {
    const t = await startTestService({ drainSeconds: 1 });
    // Not t.client(): the harness closes its clients before stopping, which would end the call.
    const c = connect(t.address, 'AG1');
    // A client-streaming import the client never finishes: an in-flight call.
    const failed = new Promise<grpc.ServiceError>((resolve) => {
      const stream = c.dna.import(c.metadata(), (err) => resolve(err as grpc.ServiceError));
      stream.write({ format: 'IMPORT_FORMAT_CSV', data: Buffer.from('sample,population,vWA_1,vWA_2\n') });
    });
    // Wait until the server is handling it.
    for (let i = 0; i < 200 && t.service.deps.tracker.inFlight.size === 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(t.service.deps.tracker.inFlight.size).toBe(1);
    const started = Date.now();
    await t.stop();
    const elapsed = Date.now() - started;
    const err = await failed;
    expect(err.code).toBeGreaterThan(0);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(10_000);
    const msgs = t.logs.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(msgs.indexOf('draining')).toBeGreaterThan(-1);
    expect(msgs.indexOf('drain bound reached; cancelling the calls still running')).toBeGreaterThan(msgs.indexOf('draining'));
    expect(msgs.at(-1)).toBe('stopped');
    c.close();
  });
});
