/**
 * 1:1 score() speed A/B between checkouts, in one process: the 320 FVC2002 images' templates from
 * this checkout's extractor (with their block orientation fields; cached as JSON), prepared and
 * scanned within each set (25,600 comparisons a round) by each checkout's matcher, rounds of
 * SECONDS interleaved (order reversed every other round), so that the load of a shared machine
 * falls on all of them alike. Per CPU-second of this process (user + system), median and range.
 * A checkout given as DIR#nocue gets the templates without their fields (minutiae score alone).
 *
 *   git worktree add --detach /tmp/before <commit>   (and link node_modules)
 *   npx tsx bench/match-ab.bench.ts [--rounds 8] [--seconds 0.6] [--cache FILE] /tmp/before . .#nocue
 *
 * Figures: docs/measurements/fvc2002-accuracy.md (the orientation cue's cost) and matching.md (its
 * cost made up, 2026-12-02). Score identity of the same templates: match-identity.ts.
 */
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadFvcBenchTemplates } from './fvc-bench-templates.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: 'string' }, seconds: { type: 'string' }, cache: { type: 'string' } } });
const rounds = Number(values.rounds ?? 8), seconds = Number(values.seconds ?? 0.6);
const cache = values.cache ?? '/tmp/biomatch-match-ab.json';
if (positionals.length === 0) throw new Error('usage: match-ab.bench.ts [--rounds N] [--seconds S] [--cache FILE] CHECKOUT[#nocue] ...');

const { sets } = await loadFvcBenchTemplates(cache);

interface Matcher { score(c: unknown): number }
interface Variant { name: string; forms: unknown[][]; matchers: Matcher[][]; rates: number[] }
const variants: Variant[] = [];
for (const arg of positionals) {
  const [dir, flag] = arg.split('#');
  const m = (await import(join(resolve(dir), 'engine/fingerprint/matcher.ts'))) as { prepareCandidate(t: unknown): unknown; FingerprintMatcher: new (p: unknown) => Matcher };
  const forms = sets.map((ts) => ts.map((t) => m.prepareCandidate(flag === 'nocue' ? { ...t, orientations: undefined } : t)));
  variants.push({ name: arg, forms, matchers: forms.map((fs) => fs.map((p) => new m.FingerprintMatcher(p))), rates: [] });
}
let sink = 0;
const round = (v: Variant): number => {
  let c = 0;
  v.forms.forEach((fs, s) => {
    for (const m of v.matchers[s]) for (const p of fs) sink += m.score(p);
    c += fs.length * fs.length;
  });
  return c;
};
for (const v of variants) round(v); // warm-up: JIT and WebAssembly tier-up
const load0 = loadavg()[0];
for (let r = 0; r < rounds; r++) {
  for (const v of r % 2 ? [...variants].reverse() : variants) {
    const cpu0 = process.cpuUsage();
    const wall0 = performance.now();
    let n = 0;
    while (performance.now() - wall0 < seconds * 1000) n += round(v);
    const cpu = process.cpuUsage(cpu0);
    v.rates.push(n / ((cpu.user + cpu.system) / 1e6));
  }
}
const median = (a: number[]): number => {
  const s = [...a].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
for (const v of variants) console.log(`${v.name}: median ${Math.round(median(v.rates))} comparisons per CPU-second (range ${Math.round(Math.min(...v.rates))}–${Math.round(Math.max(...v.rates))}, ${v.rates.length} rounds)`);
// Each round's rate over the first checkout's in the same round (measured back to back, so a
// change of load between rounds falls on both): the median of those ratios.
const pct = (x: number): string => `${x >= 1 ? '+' : ''}${((x - 1) * 100).toFixed(1)}%`;
for (const v of variants.slice(1)) {
  const ratios = v.rates.map((r, i) => r / variants[0].rates[i]);
  console.log(`${v.name} against ${variants[0].name}, round by round: median ${pct(median(ratios))} (range ${pct(Math.min(...ratios))} … ${pct(Math.max(...ratios))})`);
}
console.log(`load average ${load0.toFixed(2)} → ${loadavg()[0].toFixed(2)} (2 cores, shared)`);
if (sink === 42) console.log('');
