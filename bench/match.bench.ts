/**
 * 1:1 comparison speed on one core with real templates: the 80 SecuGen ISO 19794-2 templates of
 * FVC2002 DB1 (../shared/data), each prepared once; one benchmark operation is one probe matched
 * against all 80 (score only, the 1:N scan path, and full `match` with pairs and alignment).
 * Prints comparisons per second with the `uptime` load average at that moment (the machine is shared).
 *
 *   npm run bench:match
 */
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import b from 'benny';
import { hasSharedData, sharedDataPath } from '../fixtures/shared-data.js';
import { FingerprintMatcher, prepareCandidate } from '../engine/fingerprint/matcher.js';
import { decodeIso19794_2Single } from '../engine/fingerprint/templates/iso-19794-2.js';

const SET = ['fingerprints', 'templates', 'secugen-iso19794-2', 'fvc2002_db1_b'];
if (!hasSharedData(...SET)) {
  console.log(`skipping: ${sharedDataPath(...SET)} not found`);
  process.exit(0);
}
const dir = sharedDataPath(...SET);
const templates = readdirSync(dir)
  .filter((f) => f.endsWith('.iso'))
  .sort()
  .map((f) => decodeIso19794_2Single(new Uint8Array(readFileSync(join(dir, f)))));
const prepared = templates.map((t) => prepareCandidate(t));
const matchers = prepared.map((p) => new FingerprintMatcher(p));
const n = prepared.length;
let probe = 0;
let sink = 0;

const load = (): string => loadavg().map((v) => v.toFixed(2)).join(', ');
console.log(`${n} templates, mean ${(templates.reduce((s, t) => s + t.minutiae.length, 0) / n).toFixed(1)} minutiae; load average before: ${load()}`);

await b.suite(
  'FingerprintMatcher, FVC2002 DB1 SecuGen templates, one probe against 80 candidates per op',
  b.add('score (1:N scan path)', () => {
    const m = matchers[probe++ % n];
    for (let j = 0; j < n; j++) sink += m.score(prepared[j]);
  }),
  b.add('match (pairs and alignment)', () => {
    const m = matchers[probe++ % n];
    for (let j = 0; j < n; j++) sink += m.match(prepared[j]).score;
  }),
  b.add('prepare (cylinders of one template)', () => {
    sink += prepareCandidate(templates[probe++ % n]).count;
  }),
  b.cycle(),
  b.complete((summary) => {
    for (const r of summary.results) {
      const perOp = r.name.startsWith('prepare') ? 1 : n;
      const unit = r.name.startsWith('prepare') ? 'templates/s' : 'comparisons/s';
      console.log(`${r.name}: ${Math.round(r.ops * perOp)} ${unit} (±${r.margin}%)`);
    }
    console.log(`load average after: ${load()} (2 cores, shared)`);
  }),
);

// Per CPU-second as well: on a shared machine wall-clock rates understate one core's speed, so the
// same loop is also timed with process.cpuUsage (user + system time of this process, one thread).
for (const [name, f] of [
  ['score', (m: FingerprintMatcher, j: number) => m.score(prepared[j])],
  ['match', (m: FingerprintMatcher, j: number) => m.match(prepared[j]).score],
] as const) {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  let comparisons = 0;
  while (performance.now() - wall0 < 5000) {
    const m = matchers[probe++ % n];
    for (let j = 0; j < n; j++) sink += f(m, j);
    comparisons += n;
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(`${name}: ${Math.round(comparisons / cpuSeconds)} comparisons per CPU-second, ${Math.round(comparisons / ((performance.now() - wall0) / 1000))} per wall second; load average ${load()}`);
}
if (sink === 42) console.log('');
