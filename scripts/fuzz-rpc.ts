/**
 * `npm run fuzz -- --calls 10000 [--seed S] [--minutes M] [--concurrency N] [--case I]`: fuzzes
 * every method of every service over real gRPC against an in-process server (see
 * engine/service/testing/fuzz-runner.ts for the oracles), then prints the counts per method and
 * per status code, and each failure with its seed, case index and a hex dump of its bytes.
 * Exit status 1 when any oracle failed. The same seed gives the same requests.
 */
import { describeFailure, runFuzz } from '../engine/service/testing/fuzz-runner.js';

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function int(name: string, fallback: number): number {
  const raw = flag(name);
  if (raw === undefined) return fallback;
  if (!/^-?\d+$/.test(raw)) { process.stderr.write(`--${name} must be a whole number\n`); process.exit(2); }
  return Number(raw);
}

const seed = int('seed', Date.now() % 2 ** 31);
const calls = int('calls', 10_000);
const minutes = flag('minutes') === undefined ? undefined : Number(flag('minutes'));
const only = flag('case') === undefined ? undefined : int('case', 0);
const concurrency = int('concurrency', 4);

process.stdout.write(`fuzz: seed ${seed}, ${calls} calls${minutes ? `, at most ${minutes} min` : ''}, concurrency ${concurrency}\n`);
let lastPrint = 0;
const summary = await runFuzz({
  calls, seed, concurrency, ...(minutes ? { minutes } : {}), ...(only !== undefined ? { only } : {}),
  progress: (done, total) => {
    if (Date.now() - lastPrint < 10_000 && done !== total) return;
    lastPrint = Date.now();
    process.stderr.write(`  ${done}/${total}\n`);
  },
});

const codes = Object.keys(summary.byCode).sort();
const pad = (s: string | number, n: number) => String(s).padStart(n);
const width = Math.max(...Object.keys(summary.byMethod).map((m) => m.length), 6);
process.stdout.write(`\n${'method'.padEnd(width)} ${codes.map((c) => pad(c, Math.max(c.length, 5))).join(' ')}\n`);
for (const m of Object.keys(summary.byMethod).sort()) {
  process.stdout.write(`${m.padEnd(width)} ${codes.map((c) => pad(summary.byMethod[m][c] ?? 0, Math.max(c.length, 5))).join(' ')}\n`);
}
process.stdout.write(`${'total'.padEnd(width)} ${codes.map((c) => pad(summary.byCode[c], Math.max(c.length, 5))).join(' ')}\n`);
process.stdout.write(`\nstrategies: ${Object.entries(summary.byStrategy).sort().map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
process.stdout.write(`calls ${summary.calls} in ${(summary.elapsedMs / 1000).toFixed(1)} s (${(summary.calls / (summary.elapsedMs / 1000)).toFixed(1)} calls/s), slowest answer ${summary.slowestMs} ms\n`);
process.stdout.write(`vault records ${summary.vaultRecords}, store checksum before ${summary.storeChecksumBefore.slice(0, 16)} after ${summary.storeChecksumAfter.slice(0, 16)}, health after ${summary.healthAfter}; ${summary.recordsAtEnd} records in all reloaded after a restart\n`);
for (const f of summary.failures) process.stdout.write(`\n${describeFailure(f, seed)}\n`);
process.stdout.write(`\nfailures: ${summary.failures.length} (internal ${summary.failures.filter((f) => f.oracle === 'internal').length}, hang ${summary.failures.filter((f) => f.oracle === 'hang').length}, crash ${summary.failures.filter((f) => f.oracle === 'crash').length}, server-log ${summary.failures.filter((f) => f.oracle === 'server-log').length}, store ${summary.failures.filter((f) => f.oracle === 'store').length}, health ${summary.failures.filter((f) => f.oracle === 'health').length}, restart ${summary.failures.filter((f) => f.oracle === 'restart').length})\n`);
process.exit(summary.failures.length ? 1 : 0);
