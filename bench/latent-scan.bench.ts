/**
 * What an exhaustive latent scan costs per comparison, with and without `anyRotation`, in one
 * thread: the figure behind --latent-exhaustive-limit and the reverse search's cost
 * (docs/decisions/latent-service.md). A mark is a 24-minutia subset of a background template.
 *
 *   npx tsx bench/latent-scan.bench.ts [--gallery 5000]
 */
import { parseArgs } from 'node:util';
import { backgroundGallery } from '../fixtures/gallery/background-gallery.js';
import { PreparedArena } from '../engine/fingerprint/identification/prepared-arena.js';
import { scanGallery } from '../engine/fingerprint/identification/gallery-scan.js';
import { prepareCandidate } from '../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../engine/fingerprint/template.js';

const { values } = parseArgs({ options: { gallery: { type: 'string' } } });
const n = Number(values.gallery ?? 5000);
const arena = new PreparedArena(n);
let probe: FingerprintTemplate | undefined;
for (const t of backgroundGallery(7, n)) {
  probe ??= { ...t, minutiae: t.minutiae.slice(0, 24) };
  arena.add(prepareCandidate(t), { group: 0, fingerPosition: 0, minutiae: t.minutiae.length });
}
const shared = arena.share();
const run = (anyRotation: boolean) => {
  const started = performance.now();
  const r = scanGallery({ probe: probe!, arena: shared, range: { from: 0, to: shared.size }, filter: { groups: Uint8Array.of(1) }, keep: 20, minScore: -Infinity, describe: 20, anyRotation, stop: new Int32Array(new SharedArrayBuffer(4)) });
  const ms = performance.now() - started;
  return { anyRotation, compared: r.compared, ms: Math.round(ms), perCpuSecond: Math.round(r.compared / (ms / 1000)), mateRank: r.slots.indexOf(0) + 1 };
};
run(false);
run(true);
const results = [];
for (let i = 0; i < 3; i++) results.push(run(false), run(true));
console.log(JSON.stringify({ gallery: n, results }));
