/**
 * The client's retry policy against a stand-in server (grpc-js, on 127.0.0.1:0) whose AdminService
 * answers with scripted status codes: the channel retries RESOURCE_EXHAUSTED and UNAVAILABLE,
 * gives up after maxAttempts, and leaves other codes alone. The `biomatch` command's context
 * (scripts/cli/common.ts) goes through the same connect().
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as grpc from '@grpc/grpc-js';
import { call, connect, DEFAULT_RETRY_POLICY, retryServiceConfig, type BiomatchClients, type ConnectOptions } from './client.js';
import { loadBiomatchProto } from './proto.js';
import type { Stats__Output } from './generated/biomatch/v1/Stats.js';
import { openContext } from '../../scripts/cli/common.js';

/** A server whose GetStats answers `script[n]` to its n-th call (OK once the script runs out). */
async function scriptedServer(script: grpc.status[]): Promise<{ address: string; calls: () => number; stop: () => Promise<void> }> {
  const { proto } = loadBiomatchProto();
  const server = new grpc.Server();
  let calls = 0;
  server.addService(proto.biomatch.v1.AdminService.service, {
    GetStats: (_call: grpc.ServerUnaryCall<object, object>, cb: grpc.sendUnaryData<object>) => {
      const code = script[calls++] ?? grpc.status.OK;
      if (code === grpc.status.OK) cb(null, { version: 'stand-in' });
      else cb({ code, details: `scripted ${grpc.status[code]}` });
    },
  } as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))));
  return {
    address: `127.0.0.1:${port}`,
    calls: () => calls,
    stop: () => new Promise((resolve) => server.tryShutdown(() => resolve())),
  };
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function getStats(script: grpc.status[], options?: ConnectOptions): Promise<{ result: Stats__Output | grpc.ServiceError; calls: number }> {
  const server = await scriptedServer(script);
  cleanups.push(server.stop);
  const c: BiomatchClients = connect(server.address, 'AG1', options);
  cleanups.push(() => c.close());
  const result = await call<object, Stats__Output>(c.admin.getStats, c.admin, {}, c.metadata(), 20_000).catch((e: grpc.ServiceError) => e);
  return { result, calls: server.calls() };
}

const fast: ConnectOptions = { retry: { ...DEFAULT_RETRY_POLICY, initialBackoffMs: 10, maxBackoffMs: 50 } };

describe('client retries (gRPC retry policy in the service config)', () => {
  it('the policy is valid service-config JSON naming the codes', () => {
    expect(JSON.parse(retryServiceConfig(DEFAULT_RETRY_POLICY))).toEqual({
      methodConfig: [{
        name: [{}],
        retryPolicy: { maxAttempts: 5, initialBackoff: '0.1s', maxBackoff: '2s', backoffMultiplier: 2, retryableStatusCodes: ['RESOURCE_EXHAUSTED', 'UNAVAILABLE'] },
      }],
    });
  });

  it('RESOURCE_EXHAUSTED twice, then OK: the call succeeds on the third attempt (default policy)', async () => {
    const { result, calls } = await getStats([grpc.status.RESOURCE_EXHAUSTED, grpc.status.RESOURCE_EXHAUSTED]);
    expect(result).toMatchObject({ version: 'stand-in' });
    expect(calls).toBe(3);
  });

  it('UNAVAILABLE then OK succeeds', async () => {
    const { result, calls } = await getStats([grpc.status.UNAVAILABLE], fast);
    expect(result).toMatchObject({ version: 'stand-in' });
    expect(calls).toBe(2);
  });

  it('always RESOURCE_EXHAUSTED: gives up after maxAttempts with the last status', async () => {
    const always = Array<grpc.status>(20).fill(grpc.status.RESOURCE_EXHAUSTED);
    const five = await getStats(always, fast);
    expect((five.result as grpc.ServiceError).code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(five.calls).toBe(DEFAULT_RETRY_POLICY.maxAttempts);
    const three = await getStats(always, { retry: { ...DEFAULT_RETRY_POLICY, maxAttempts: 3, initialBackoffMs: 10 } });
    expect((three.result as grpc.ServiceError).code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(three.calls).toBe(3);
  });

  it('other codes are not retried, nor anything with retries off', async () => {
    const invalid = await getStats([grpc.status.INVALID_ARGUMENT], fast);
    expect((invalid.result as grpc.ServiceError).code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(invalid.calls).toBe(1);
    const off = await getStats([grpc.status.RESOURCE_EXHAUSTED], { retry: false });
    expect((off.result as grpc.ServiceError).code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(off.calls).toBe(1);
  });

  it('the biomatch command context retries too', async () => {
    const server = await scriptedServer([grpc.status.RESOURCE_EXHAUSTED, grpc.status.UNAVAILABLE]);
    cleanups.push(server.stop);
    const ctx = openContext({ server: server.address, agency: 'AG1', json: true, timeoutSeconds: 20 });
    cleanups.push(() => ctx.clients.close());
    const stats = await call<object, Stats__Output>(ctx.clients.admin.getStats, ctx.clients.admin, {}, ctx.clients.metadata(), 20_000);
    expect(stats.version).toBe('stand-in');
    expect(server.calls()).toBe(3);
  });
});
