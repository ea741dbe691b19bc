import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from '../fingerprint/codecs/image-decoder.js';
import { extractFingerprint } from '../fingerprint/extractor.js';
import { FingerprintMatcher, prepareCandidate, type PreparedTemplate } from '../fingerprint/matcher.js';
import type { FingerprintTemplate } from '../fingerprint/template.js';
import { scanGallery } from '../fingerprint/identification/gallery-scan.js';
import { PreparedArena } from '../fingerprint/identification/prepared-arena.js';
import { extractLatentFeatures } from './latent-extractor.js';
import { latentTemplate } from './latent-features.js';
import { LatentMatcher } from './latent-matcher.js';
import { LATENT_TENPRINT_ROUTE_WEIGHT } from './latent-parameters.js';
import { LatentSearchScorer, fusedLatentScore } from './tenprint-route.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/fingerprints/${name}`, import.meta.url));
const decode = async (bytes: Uint8Array) => (await decodeImage(bytes, { ppi: 500 }))[0];

let latent: FingerprintTemplate;
let tenprint: FingerprintTemplate;
let gallery: PreparedTemplate[];

beforeAll(async () => {
  // A mark on plain paper: FVC2002 DB1 101_1 whole and upright (22 minutiae through the tenprint
  // extractor, enough for the route); its mate is 101_2, 102_1 another finger.
  const mark = await decode(await sharp(fixture('101_1.tif')).grayscale().png().toBuffer());
  latent = latentTemplate(await extractLatentFeatures(mark, { ppi: 500 }));
  tenprint = (await extractFingerprint(mark)).template;
  gallery = [];
  for (const name of ['101_2.tif', '102_1.tif']) gallery.push(prepareCandidate((await extractFingerprint(await decode(fixture(name)))).template));
}, 60_000);

describe('the tenprint route of an LT search', () => {
  it('fuses as (1 − w) · L + w · T, w = 0.5 as declared', () => {
    expect(LATENT_TENPRINT_ROUTE_WEIGHT).toBe(0.5);
    expect(fusedLatentScore(0.02, 0.06)).toBeCloseTo(0.04, 15);
    expect(fusedLatentScore(0.02, 0.06, 0)).toBe(0.02);
    expect(fusedLatentScore(0.02, 0.06, 1)).toBe(0.06);
    expect(() => new LatentSearchScorer(latent, tenprint, 1.5)).toThrow(RangeError);
    expect(() => new LatentSearchScorer(latent, tenprint, Number.NaN)).toThrow(RangeError);
  });

  it('without a route (markup, no image) it is the latent matcher bit for bit', () => {
    const scorer = new LatentSearchScorer(latent);
    const matcher = new LatentMatcher(latent);
    for (const g of gallery) {
      expect(scorer.score(g)).toBe(matcher.score(g));
      expect(scorer.match(g)).toEqual(matcher.match(g));
      expect(scorer.tenprintScore(g)).toBeUndefined();
    }
    // Weight 0 turns the route off even with a tenprint template.
    expect(new LatentSearchScorer(latent, tenprint, 0).score(gallery[0])).toBe(matcher.score(gallery[0]));
  });

  it('with a route: the tenprint matcher\'s score fused in, the latent match\'s pairs kept, the mate first', () => {
    const scorer = new LatentSearchScorer(latent, tenprint);
    const matcher = new LatentMatcher(latent);
    const tp = new FingerprintMatcher(tenprint);
    for (const g of gallery) {
      const expected = 0.5 * matcher.score(g) + 0.5 * tp.score(g);
      expect(scorer.score(g)).toBeCloseTo(expected, 14);
      expect(scorer.tenprintScore(g)).toBe(tp.score(g));
      const m = scorer.match(g);
      expect(m.score).toBe(scorer.score(g));
      expect(m.pairs).toEqual(matcher.match(g).pairs);
    }
    // The tenprint matcher reads the upright mark: its mate scores far above the other finger.
    expect(tp.score(gallery[0])).toBeGreaterThan(2 * tp.score(gallery[1]));
    expect(scorer.score(gallery[0])).toBeGreaterThan(scorer.score(gallery[1]));
  });

  it('no route for a tenprint template under 20 minutiae: a few chance pairs fill a tiny one', () => {
    expect(tenprint.minutiae.length).toBeGreaterThan(20);
    const matcher = new LatentMatcher(latent);
    const cut = (n: number) => ({ ...tenprint, minutiae: tenprint.minutiae.slice(0, n) });
    expect(new LatentSearchScorer(latent, cut(19)).score(gallery[0])).toBe(matcher.score(gallery[0]));
    expect(new LatentSearchScorer(latent, cut(19)).tenprintScore(gallery[0])).toBeUndefined();
    const at20 = new LatentSearchScorer(latent, cut(20));
    expect(at20.score(gallery[0])).toBeCloseTo(0.5 * matcher.score(gallery[0]) + 0.5 * new FingerprintMatcher(cut(20)).score(gallery[0]), 14);
  });

  it('a gallery scan at any rotation scores with the route when the request carries one, and without it otherwise', () => {
    const arena = new PreparedArena(4);
    gallery.forEach((g, i) => arena.add(g, { group: 0, fingerPosition: 0, minutiae: i }));
    const stop = new Int32Array(new SharedArrayBuffer(4));
    const base = { probe: latent, arena: arena.share(), range: { from: 0, to: arena.size }, filter: { groups: new Uint8Array([1]) }, keep: 2, minScore: -Infinity, describe: 2, anyRotation: true, stop };
    const withRoute = scanGallery({ ...base, tenprintProbe: tenprint });
    const without = scanGallery(base);
    const scorer = new LatentSearchScorer(latent, tenprint);
    const matcher = new LatentMatcher(latent);
    expect(withRoute.slots[0]).toBe(0);
    withRoute.slots.forEach((slot, i) => expect(withRoute.scores[i]).toBe(scorer.score(gallery[slot])));
    without.slots.forEach((slot, i) => expect(without.scores[i]).toBe(matcher.score(gallery[slot])));
    expect(withRoute.matches[0]!.pairs).toEqual(without.matches[0]!.pairs);
  });
});
