import { describe, expect, it } from 'vitest';
import { mulberry32 as rng } from '../../../fixtures/seeded-random.js';
import { FingerprintMatcher, prepareCandidate } from '../matcher.js';
import type { BlockOrientations, FingerprintTemplate, Minutia } from '../template.js';
import { fuseCues, fuseOrientation, pairQuality } from './orientation-agreement.js';
import { ORIENTATION_NEUTRAL_AGREEMENT, ORIENTATION_WEIGHT, QUALITY_NEUTRAL, QUALITY_WEIGHT } from './parameters.js';
import { viewPreparedForm, writePreparedForm, preparedFormTotalBytes } from './prepared-form-layout.js';

const W = 300;
const H = 360;

function uniformField(degrees: number): BlockOrientations {
  const blocksWide = Math.ceil(W / 16);
  const blocksHigh = Math.ceil(H / 16);
  return { block: 16, blocksWide, blocksHigh, angles: new Uint8Array(blocksWide * blocksHigh).fill(degrees) };
}

/** ~45 minutiae at least 12 px apart over a 300x360 print, every one of quality `quality`. */
function print(seed: number, quality: number): FingerprintTemplate {
  const r = rng(seed);
  const minutiae: Minutia[] = [];
  while (minutiae.length < 45) {
    const x = 20 + r() * 260;
    const y = 20 + r() * 320;
    if (minutiae.some((m) => (m.x - x) ** 2 + (m.y - y) ** 2 < 144)) continue;
    const direction = (Math.atan2(y - 180, x - 150) + Math.PI / 2 + (r() - 0.5) * 0.6 + (r() < 0.5 ? 0 : Math.PI) + 4 * Math.PI) % (2 * Math.PI);
    minutiae.push({ x, y, direction, type: r() < 0.5 ? 'ending' : 'bifurcation', quality });
  }
  return { width: W, height: H, resolutionPpi: 500, minutiae, singularPoints: [] };
}

/** A second impression: shifted, jittered, the top 150 px cut off (a score well under 1). */
function impression(t: FingerprintTemplate, seed: number): FingerprintTemplate {
  const r = rng(seed);
  const minutiae = t.minutiae
    .map((m) => ({ ...m, x: m.x + 6 + (r() - 0.5) * 8, y: m.y - 4 + (r() - 0.5) * 8, direction: (m.direction + (r() - 0.5) * 0.1 + 2 * Math.PI) % (2 * Math.PI) }))
    .filter((m) => m.y > 150);
  return { ...t, minutiae };
}

const withQuality = (t: FingerprintTemplate, quality: number): FingerprintTemplate => ({ ...t, minutiae: t.minutiae.map((m) => ({ ...m, quality })) });
const withField = (t: FingerprintTemplate): FingerprintTemplate => ({ ...t, orientations: uniformField(30) });

describe('the pair-quality factor', () => {
  const a = print(7, QUALITY_NEUTRAL);
  const b = impression(a, 8);

  it('scales the score by exp(−w (q − q0) / 100) when both templates carry a field, q the chosen pairs\' mean quality', () => {
    const neutral = new FingerprintMatcher(withField(a)).match(withField(b));
    expect(neutral.orientationAgreement).toBeGreaterThan(0.99);
    expect(neutral.minutiaeScore).toBeGreaterThan(0.1);
    expect(neutral.score).toBeLessThan(1);
    // At the neutral quality the factor is 1: the orientation cue alone.
    expect(neutral.score).toBeCloseTo(fuseOrientation(neutral.minutiaeScore!, neutral.orientationAgreement!), 14);
    // Probe minutiae 91, candidate 71: q = 81, the factor exp(−w · 10 / 100).
    const clean = new FingerprintMatcher(withField(withQuality(a, 91))).match(withField(b));
    expect(clean.minutiaeScore).toBe(neutral.minutiaeScore);
    expect(clean.score / neutral.score).toBeCloseTo(Math.exp((-QUALITY_WEIGHT * 10) / 100), 12);
    // Poorer minutiae raise it; the result stays at most 1.
    const poor = new FingerprintMatcher(withField(withQuality(a, 0))).match(withField(withQuality(b, 0)));
    expect(poor.score).toBeGreaterThan(neutral.score);
    expect(poor.score).toBeCloseTo(Math.min(1, neutral.score * Math.exp((QUALITY_WEIGHT * QUALITY_NEUTRAL) / 100)), 12);
  });

  it('changes nothing when either template lacks a field (ISO/ANSI, SecuGen), whatever the qualities', () => {
    for (const [p, c] of [
      [withField(a), b],
      [a, withField(b)],
      [a, b],
    ] as const) {
      const base = new FingerprintMatcher(p).match(c);
      for (const q of [0, 40, 100]) {
        const m = new FingerprintMatcher(withQuality(p, q)).match(withQuality(c, 100 - q));
        expect(m.score).toBe(base.score);
        expect(m.minutiaeScore).toBeUndefined();
        expect(new FingerprintMatcher(withQuality(p, q)).score(withQuality(c, 100 - q))).toBe(base.score);
      }
    }
  });

  it('is never applied at any rotation (latent searches), even with both fields', () => {
    const plain = new FingerprintMatcher(a, { anyRotation: true }).match(b).score;
    for (const q of [0, 91, 100]) {
      const m = new FingerprintMatcher(withField(withQuality(a, q)), { anyRotation: true });
      expect(m.match(withField(withQuality(b, q))).score).toBe(plain);
      expect(m.score(withField(withQuality(b, q)))).toBe(plain);
    }
  });

  it('score() equals match(), through a gallery-arena view of the candidate too, and its early exit stays an upper bound', () => {
    for (const q of [0, 55, 91]) {
      const probe = withField(withQuality(a, q));
      const cand = prepareCandidate(withField(withQuality(b, 100 - q)));
      const buffer = new ArrayBuffer(preparedFormTotalBytes(cand));
      writePreparedForm(cand, buffer, 0);
      const view = viewPreparedForm(buffer, 0, cand.count, true);
      expect([...view.quality]).toEqual([...cand.quality]);
      const m = new FingerprintMatcher(probe);
      const exact = m.match(cand).score;
      expect(m.score(cand)).toBe(exact);
      expect(m.score(view)).toBe(exact);
      for (const below of [exact * 0.5, exact, exact * 1.0001, exact * 1.5, 1]) {
        const early = m.score(view, below);
        if (early !== exact) {
          expect(early).toBeGreaterThanOrEqual(exact);
          expect(early).toBeLessThan(below);
        }
        if (below <= exact) expect(early).toBe(exact);
      }
    }
  });

  it('pairQuality is the mean of both minutiae\'s quality over the chosen pairs; fuseCues the product, capped at 1', () => {
    const pa = prepareCandidate(withQuality(a, 90));
    const pb = prepareCandidate(withQuality(b, 30));
    const s = { pairA: Int32Array.from([0, 1, 2]), pairB: Int32Array.from([2, 0, 1]), lambda: new Float32Array(3), chosen: Int32Array.from([2, 0]), chosenCount: { value: 2 } };
    expect(pairQuality(pa, pb, s)).toBe(60);
    expect(pairQuality(pa, pb, { ...s, chosenCount: { value: 0 } })).toBe(0);
    expect(fuseCues(0.1, ORIENTATION_NEUTRAL_AGREEMENT, QUALITY_NEUTRAL)).toBeCloseTo(0.1, 15);
    expect(fuseCues(0.1, 1, 100)).toBeCloseTo(0.1 * Math.exp(ORIENTATION_WEIGHT * (1 - ORIENTATION_NEUTRAL_AGREEMENT) - (QUALITY_WEIGHT * (100 - QUALITY_NEUTRAL)) / 100), 14);
    expect(fuseCues(0.9, 1, 0)).toBe(1);
  });
});
