/**
 * Audit chain appends: durable entries per second with N appends in flight (as concurrent calls
 * make them), and verification speed over the chain written.
 *
 *   npx tsx bench/audit-append.bench.ts [--entries 20000] [--in-flight 64]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateKeyPairSync } from 'node:crypto';
import { RecordStore } from '../engine/store/record-store.js';
import { AuditLog } from '../engine/store/audit-log.js';
import type { AuditEntry } from '../engine/security/audit-chain.js';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '20000' }, 'in-flight': { type: 'string', default: '64' } } });
const total = Number(values.entries);
const inFlight = Number(values['in-flight']);
const dir = mkdtempSync(join(tmpdir(), 'bm-audit-bench-'));
const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const store = RecordStore.open(dir);
const log = await AuditLog.open(store, { privateKey, publicKey, checkpointSeconds: 0 });

const entry = (i: number): AuditEntry => ({
  time: new Date().toISOString(), agency: `AG${i % 7}`, method: '/biomatch.v1.FingerprintService/Identify', peer: 'ipv4:10.0.0.1:50000',
  purpose: 'criminal-investigation', caseReference: `CASE-${i % 1000}`, status: 'OK',
  recordIds: Array.from({ length: 10 }, (_, k) => `fp_${(i * 10 + k).toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`),
  counts: { returned: 10, totalHits: 10, compared: 2500 },
});

let next = 0;
const started = performance.now();
const latencies: number[] = [];
await Promise.all(Array.from({ length: inFlight }, async () => {
  while (next < total) {
    const i = next++;
    const t0 = performance.now();
    await log.append(entry(i));
    latencies.push(performance.now() - t0);
  }
}));
const seconds = (performance.now() - started) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p: number) => latencies[Math.floor((latencies.length - 1) * p)].toFixed(2);
console.log(`appends: ${total} with ${inFlight} in flight in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)}/s; latency p50 ${pct(0.5)} ms, p99 ${pct(0.99)} ms`);

const v0 = performance.now();
const report = await log.verifyNow();
const vs = (performance.now() - v0) / 1000;
console.log(`verify: ${report.entries} entries, ${report.checkpoints} checkpoints, intact=${report.intact} in ${vs.toFixed(2)} s = ${Math.round(report.entries / vs)} entries/s`);
console.log(`store: ${(store.sizeBytes() / 1e6).toFixed(1)} MB`);
await log.close();
await store.close();
rmSync(dir, { recursive: true, force: true });
