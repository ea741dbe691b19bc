/** `biomatch health` and `biomatch stats`. */
import { call } from '../../engine/service/client.js';
import type { Stats__Output } from '../../engine/service/generated/biomatch/v1/Stats.js';
import { table, type CommandContext } from './common.js';
import { SERVICE_NAMES } from '../../engine/service/app.js';

export async function health(ctx: CommandContext, args: string[]): Promise<number> {
  const services = args.length > 0 ? args : ['', ...SERVICE_NAMES];
  const results: { service: string; status: string }[] = [];
  for (const service of services) {
    const res = await call(ctx.clients.health.check, ctx.clients.health, { service }, ctx.clients.metadata(), ctx.timeoutSeconds * 1000);
    results.push({ service: service || '(server)', status: res.status });
  }
  if (ctx.json) ctx.out(JSON.stringify({ server: ctx.server, services: results }, null, 2));
  else ctx.out(table(['service', 'status'], results.map((r) => [r.service, r.status])));
  return results.every((r) => r.status === 'SERVING') ? 0 : 3;
}

export async function stats(ctx: CommandContext): Promise<number> {
  const s = await call<object, Stats__Output>(ctx.clients.admin.getStats, ctx.clients.admin, {}, ctx.clients.metadata(), ctx.timeoutSeconds * 1000);
  if (ctx.json) {
    ctx.out(JSON.stringify(s, null, 2));
    return 0;
  }
  ctx.out(`biomatch ${s.version} at ${ctx.server}: ${s.serving ? 'serving' : 'NOT serving'}, up ${s.uptimeSeconds.toFixed(0)} s`);
  ctx.out(`store: ${s.storeEngine}, ${(Number(s.storeBytes) / 1e6).toFixed(1)} MB`);
  ctx.out(table(['record kind', 'count'], s.records.map((r) => [r.kind, r.count])));
  if (s.pool) ctx.out(`pool: ${s.pool.threads} threads (${s.pool.tfjsBackend}), ${s.pool.running} running, ${s.pool.queued}/${s.pool.maxQueue} queued, ${s.pool.completed} completed, utilization ${(s.pool.utilization * 100).toFixed(1)}%`);
  if (s.indexes.length > 0) ctx.out(table(['index', 'entries', 'loaded'], s.indexes.map((i) => [i.name, i.entries, i.loaded ? 'yes' : 'no'])));
  return 0;
}
