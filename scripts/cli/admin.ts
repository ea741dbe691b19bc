/** `biomatch health` and `biomatch stats`. */
import { connectivityState, status, type ServiceError } from '@grpc/grpc-js';
import { call, type HealthCheckResponse } from '../../engine/service/client.js';
import type { Stats__Output } from '../../engine/service/generated/biomatch/v1/Stats.js';
import { table, unreachableReason, type CommandContext } from './common.js';
import { BUILT_SERVICES, SERVICE_NAMES } from '../../engine/service/app.js';

/** `biomatch health` exit codes: a monitor (Docker HEALTHCHECK, a probe) tells "down" from "no server". */
export const HEALTH_EXIT = { serving: 0, notServing: 3, unreachable: 5 } as const;

export async function health(ctx: CommandContext, args: string[]): Promise<number> {
  const services = args.length > 0 ? args : ['', ...SERVICE_NAMES];
  const results: { service: string; status: string }[] = [];
  for (const service of services) {
    let res: HealthCheckResponse;
    try {
      res = await call(ctx.clients.health.check, ctx.clients.health, { service }, ctx.clients.metadata(), ctx.timeoutSeconds * 1000);
    } catch (e) {
      const reason = unreachableReason(e) ?? neverConnected(ctx, e);
      if (reason === undefined) throw e;
      process.stderr.write(`biomatch: cannot reach ${ctx.server} (${reason})\n`);
      return HEALTH_EXIT.unreachable;
    }
    results.push({ service: service || '(server)', status: res.status });
  }
  if (ctx.json) ctx.out(JSON.stringify({ server: ctx.server, services: results }, null, 2));
  else ctx.out(table(['service', 'status'], results.map((r) => [r.service, r.status])));
  // Without arguments every service is shown, but services not built yet (NOT_SERVING by design)
  // do not make the server unhealthy; named services count whatever they are.
  const counted = args.length > 0 ? results : results.filter((r) => r.service === '(server)' || BUILT_SERVICES.includes(r.service));
  return counted.every((r) => r.status === 'SERVING') ? HEALTH_EXIT.serving : HEALTH_EXIT.notServing;
}

/** A deadline that passed before the channel ever connected (a silent host drops the SYN). */
function neverConnected(ctx: CommandContext, e: unknown): string | undefined {
  if ((e as Partial<ServiceError>).code !== status.DEADLINE_EXCEEDED) return undefined;
  const state = ctx.clients.health.getChannel().getConnectivityState(false);
  return state === connectivityState.READY ? undefined : `no connection within ${ctx.timeoutSeconds} s`;
}

export async function stats(ctx: CommandContext): Promise<number> {
  const s = await call<object, Stats__Output>(ctx.clients.admin.getStats, ctx.clients.admin, {}, ctx.clients.metadata(), ctx.timeoutSeconds * 1000);
  if (ctx.json) {
    ctx.out(JSON.stringify(s, null, 2));
    return 0;
  }
  ctx.out(`biomatch ${s.version} at ${ctx.server}: ${s.serving ? 'serving' : 'NOT serving'}, up ${s.uptimeSeconds.toFixed(0)} s`);
  // Only an admin gets the store's size and the indexes; others get the records they may see.
  const admin = Number(s.storeBytes) > 0 || s.indexes.length > 0;
  ctx.out(admin ? `store: ${s.storeEngine}, ${(Number(s.storeBytes) / 1e6).toFixed(1)} MB` : `store: ${s.storeEngine}; the records you may see (the whole store: admins only)`);
  ctx.out(table(['record kind', 'count'], s.records.map((r) => [r.kind, r.count])));
  if (s.pool) ctx.out(`pool: ${s.pool.threads} threads (${s.pool.tfjsBackend}), ${s.pool.running} running, ${s.pool.queued}/${s.pool.maxQueue} queued, ${s.pool.completed} completed, utilization ${(s.pool.utilization * 100).toFixed(1)}%`);
  if (s.indexes.length > 0) ctx.out(table(['index', 'entries', 'loaded'], s.indexes.map((i) => [i.name, i.entries, i.loaded ? 'yes' : 'no'])));
  return 0;
}
