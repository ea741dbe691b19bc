/**
 * Cost of a latent comparison (engine/latent/latent-matcher.ts) against the MCC comparison at any
 * rotation it starts from, per comparison, in one thread: partial marks (generated templates cut
 * to a disc of 110 px) against generated gallery templates. The two are timed in alternating
 * rounds over the same pairs, so machine load affects both alike; the ratio is the figure to quote.
 *
 *   npm run bench:latent-matcher -- [--gallery N] [--probes N] [--rounds N] [--options JSON]
 *
 * With --options, a third matcher with those LatentMatcher options is timed in the same rounds
 * (an A/B of a matcher option against the default, under the same load).
 */
import { FingerprintMatcher, prepareCandidate } from '../engine/fingerprint/matcher.js';
import type { FingerprintTemplate } from '../engine/fingerprint/template.js';
import { LatentMatcher } from '../engine/latent/latent-matcher.js';
import { backgroundGallery } from '../fixtures/gallery/background-gallery.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const galleryN = arg('--gallery', 1000);
const probeN = arg('--probes', 10);
const rounds = arg('--rounds', 3);
const gallery = [...backgroundGallery(7, galleryN)].map(prepareCandidate);
const probes: FingerprintTemplate[] = [...backgroundGallery(3, probeN)].map((t) => {
  const cx = t.width / 2;
  const cy = t.height / 2;
  return { ...t, minutiae: t.minutiae.filter((m) => Math.hypot(m.x - cx, m.y - cy) <= 110) };
});

const optionsAt = process.argv.indexOf('--options');
const optionsB = optionsAt >= 0 ? JSON.parse(process.argv[optionsAt + 1]) : null;
let mccMs = 0;
let latentMs = 0;
let bMs = 0;
let sink = 0;
for (let r = 0; r < rounds; r++) {
  for (const p of probes) {
    const mcc = new FingerprintMatcher(p, { anyRotation: true, qualitySpread: false }); // as LatentMatcher's MCC step
    let t = performance.now();
    for (const c of gallery) sink += mcc.score(c);
    mccMs += performance.now() - t;
    const latent = new LatentMatcher(p);
    t = performance.now();
    for (const c of gallery) sink += latent.score(c);
    latentMs += performance.now() - t;
    if (optionsB) {
      const b = new LatentMatcher(p, optionsB);
      t = performance.now();
      for (const c of gallery) sink += b.score(c);
      bMs += performance.now() - t;
    }
  }
}
const n = rounds * probes.length * gallery.length;
const meanMinutiae = probes.reduce((s, p) => s + p.minutiae.length, 0) / probes.length;
console.log(`${n} comparisons each; mark minutiae mean ${meanMinutiae.toFixed(1)} (checksum ${sink.toFixed(3)})`);
console.log(`MCC at any rotation: ${((1000 * mccMs) / n).toFixed(1)} µs a comparison`);
console.log(`latent matcher:      ${((1000 * latentMs) / n).toFixed(1)} µs a comparison (${(latentMs / mccMs).toFixed(2)}× MCC)`);
if (optionsB) console.log(`with ${JSON.stringify(optionsB)}: ${((1000 * bMs) / n).toFixed(1)} µs a comparison (${(bMs / mccMs).toFixed(2)}× MCC; default / this ${(latentMs / bMs).toFixed(3)})`);
