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
import { LATENT_TENPRINT_ROUTE_WEIGHT, LATENT_TL_ROUTE_SCALE_EXPONENT } from './latent-parameters.js';
import { LatentSearchScorer, fusedLatentScore, onLatentScale, tlRouteScore } from './tenprint-route.js';
import { inThreadExecutor } from '../fingerprint/identification/fingerprint-gallery.js';
import type { RecordStore } from '../store/record-store.js';
import type { StoredRecord } from '../store/record.js';
import { LatentGallery, type LatentPayload } from './latent-gallery.js';
import type { LatentFeatures } from './latent-features.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/fingerprints/${name}`, import.meta.url));
const decode = async (bytes: Uint8Array) => (await decodeImage(bytes, { ppi: 500 }))[0];

let latent: FingerprintTemplate;
let features: LatentFeatures;
let tenprint: FingerprintTemplate;
let mateTenprint: FingerprintTemplate;
let gallery: PreparedTemplate[];

beforeAll(async () => {
  // A mark on plain paper: FVC2002 DB1 101_1 whole and upright (22 minutiae through the tenprint
  // extractor, enough for the route); its mate is 101_2, 102_1 another finger.
  const mark = await decode(await sharp(fixture('101_1.tif')).grayscale().png().toBuffer());
  features = await extractLatentFeatures(mark, { ppi: 500 });
  latent = latentTemplate(features);
  tenprint = (await extractFingerprint(mark)).template;
  gallery = [];
  const tenprints: FingerprintTemplate[] = [];
  for (const name of ['101_2.tif', '102_1.tif']) tenprints.push((await extractFingerprint(await decode(fixture(name)))).template);
  gallery = tenprints.map((t) => prepareCandidate(t));
  mateTenprint = tenprints[0];
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

describe('TL with the tenprint route (docs/decisions/latent-tl-route.md)', () => {
  it('puts the fused score on the latent scale: S = 1 − (1 − F)^k, k = 1.53 as measured, monotone within [0, 1]', () => {
    expect(LATENT_TL_ROUTE_SCALE_EXPONENT).toBe(1.53);
    expect(tlRouteScore(0.02, 0.01)).toBeCloseTo(1 - (1 - fusedLatentScore(0.02, 0.01)) ** 1.53, 15);
    expect(onLatentScale(0)).toBe(0);
    expect(onLatentScale(1)).toBe(1);
    // About k · F where scores are small (the impostor tail it was fitted on).
    expect(onLatentScale(0.02) / 0.02).toBeGreaterThan(1.5);
    expect(onLatentScale(0.02) / 0.02).toBeLessThan(1.53);
    let last = -1;
    for (let f = 0; f <= 1; f += 0.01) { const v = onLatentScale(f); expect(v).toBeGreaterThan(last); last = v; }
  });

  it('a tenprint probe scores a mark filed with a route by tlRouteScore(L, T), one without by L; a mark probe (LL) scores both by L', async () => {
    const gallery = new LatentGallery({ executor: inThreadExecutor });
    await gallery.load({ scan: function* () { /* an empty file */ } } as unknown as RecordStore);
    const record = (id: string, route?: FingerprintTemplate): StoredRecord<LatentPayload> => ({
      id, kind: 'latent', subjectId: '', ownerAgency: 'AG1', visibility: { agencies: [], allAgencies: false },
      createdAt: '2026-12-03T00:00:00Z', updatedAt: '2026-12-03T00:00:00Z',
      payload: { caseReference: 'C-1', possibleFingerPositions: [], features, ...(route ? { tenprintRoute: route } : {}) },
    });
    gallery.enroll(record('lt_with', tenprint));
    gallery.enroll(record('lt_without'));
    const forms = await gallery.prepare(latent, tenprint);
    expect(forms.route).toBeDefined();
    const L = new LatentMatcher(mateTenprint).score(prepareCandidate(latent));
    const T = new FingerprintMatcher(mateTenprint).score(prepareCandidate(tenprint));
    const tl = await gallery.search(mateTenprint, { agency: null, maxCandidates: 5, tenprintProbe: true });
    const score = (list: typeof tl, id: string) => list.candidates.find((c) => c.recordId === id)!.score;
    expect(score(tl, 'lt_with')).toBe(tlRouteScore(L, T));
    expect(score(tl, 'lt_without')).toBe(L);
    expect(tlRouteScore(L, T)).not.toBe(L);
    // The same tenprint without the TL flag, and a mark probe: the latent matcher alone.
    const plain = await gallery.search(mateTenprint, { agency: null, maxCandidates: 5 });
    expect(score(plain, 'lt_with')).toBe(L);
    const ll = await gallery.search(latent, { agency: null, maxCandidates: 5 });
    const llScore = new LatentMatcher(latent).score(prepareCandidate(latent));
    expect(score(ll, 'lt_with')).toBe(llScore);
    expect(score(ll, 'lt_without')).toBe(llScore);
    // A replaced record keeps the two arenas in step: refiled without its route, it scores L.
    gallery.enroll(record('lt_with'));
    const after = await gallery.search(mateTenprint, { agency: null, maxCandidates: 5, tenprintProbe: true });
    expect(score(after, 'lt_with')).toBe(L);
    expect(after.candidates).toHaveLength(2);
  });
});
