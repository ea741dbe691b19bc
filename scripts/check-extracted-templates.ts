/**
 * Issue 15 point 4 over every shared image: each is extracted by a local service (port 0, a
 * temporary data directory) and its template sent back through Verify, Enroll, Identify and the
 * ISO/ANSI writers (engine/service/testing/extracted-template-round-trip.ts); plus `--generated N`
 * ridge-like noisy images. Prints per set: images, templates refused anywhere, images cut to 255
 * minutiae, and the largest count; exits 1 if any template was refused.
 *   npx tsx scripts/check-extracted-templates.ts [--generated 20] [--sets fvc,sourceafis,nist,generated]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sharedDataPath } from '../fixtures/shared-data.js';
import { ridgeLabyrinth, withNoise } from '../engine/fingerprint/extraction/synthetic-prints.js';
import type { FingerprintImage } from '../engine/service/generated/biomatch/v1/FingerprintImage.js';
import { startTestService } from '../engine/service/test-harness.js';
import { rawImage, roundTripExtracted } from '../engine/service/testing/extracted-template-round-trip.js';

const { values } = parseArgs({ options: { generated: { type: 'string', default: '20' }, sets: { type: 'string', default: 'fvc,sourceafis,nist,generated' } } });
const wanted = new Set(values.sets.split(','));
const file = (...p: string[]) => new Uint8Array(readFileSync(sharedDataPath('fingerprints', ...p)));

const sets: { name: string; images: { label: string; image: () => FingerprintImage }[] }[] = [];
if (wanted.has('fvc')) {
  for (const db of [1, 2, 3, 4]) {
    const images = [];
    for (let f = 101; f <= 110; f++) for (let i = 1; i <= 8; i++) images.push({ label: `${f}_${i}`, image: () => ({ data: file('fvc2002', `db${db}_b`, `${f}_${i}.tif`), ppi: db === 2 ? 569 : 500 }) });
    sets.push({ name: `FVC2002 DB${db}`, images });
  }
}
if (wanted.has('sourceafis')) {
  sets.push({ name: 'SourceAFIS', images: ['probe.png', 'matching.png', 'nonmatching.png', 'probe.jpeg', 'probe.bmp', 'wsq-converted.png'].map((n) => ({ label: n, image: () => ({ data: file('sourceafis-test-resources', n), ppi: 500 }) })) });
}
if (wanted.has('nist')) {
  const images = Array.from({ length: 14 }, (_, i) => ({ label: `fp-${i + 1}.png`, image: () => ({ data: file('ansi-nist', 'nist-reference-transactions', 'samples_nist', `fp-${i + 1}.png`), ppi: 500 }) }));
  images.push({ label: 'samples_wsq/sample.png', image: () => ({ data: file('ansi-nist', 'nist-reference-transactions', 'samples_wsq', 'sample.png'), ppi: 500 }) });
  sets.push({ name: 'NIST sample PNGs', images });
}
if (wanted.has('generated')) {
  const n = Number(values.generated);
  sets.push({
    name: 'generated noisy',
    images: Array.from({ length: n }, (_, k) => ({
      label: `labyrinth-${k}`,
      // Sizes 160–620 px, periods 6–13 px, 3–23 waves, some with pixel noise on top.
      image: () => rawImage(withNoise(ridgeLabyrinth(160 + ((k * 97) % 461), 160 + ((k * 61) % 461), k + 1, 6 + (k % 8), 3 + (k % 21)), (k % 3) * 30, k + 1)),
    })),
  });
}

const service = await startTestService();
const client = service.client();
let refused = 0;
console.log('| set | images | refused anywhere | cut to 255 | minutiae max | singular points cut |');
console.log('|---|---|---|---|---|---|');
try {
  for (const set of sets) {
    let bad = 0, cut = 0, max = 0, singularCut = 0;
    for (const { label, image } of set.images) {
      const r = await roundTripExtracted(client, image(), `${set.name}/${label}`);
      if (r.failures.length) { bad++; console.error(`${set.name} ${label}:\n  ${r.failures.join('\n  ')}`); }
      if (r.minutiaeDropped > 0) cut++;
      if (r.singularPointsDropped > 0) singularCut++;
      max = Math.max(max, r.minutiae + r.minutiaeDropped);
    }
    refused += bad;
    console.log(`| ${set.name} | ${set.images.length} | ${bad} | ${cut} | ${max} | ${singularCut} |`);
  }
} finally {
  await service.stop();
}
process.exit(refused > 0 ? 1 : 0);
