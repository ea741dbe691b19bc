import { describe, expect, it } from 'vitest';
import { mulberry32 as rng } from '../../fixtures/seeded-random.js';
import { prepareCandidate } from '../../engine/fingerprint/matcher.js';
import type { SelectedPairs } from '../../engine/fingerprint/matching/consolidation.js';
import type { BlockOrientations, FingerprintTemplate, Minutia } from '../../engine/fingerprint/template.js';
import { OverlapPairing, pairingFactor } from './overlap-pairing.js';

const PAIRING_SHARE = 0.3, PAIRING_EXPONENT = 0.5, PAIRING_MIN_EXPECTED = 8;

const W = 320, H = 320, B = 16;

/** A block field of direction `degrees` whose finger blocks are those `finger(bx, by)` says. */
function field(finger: (bx: number, by: number) => boolean, degrees = 40): BlockOrientations {
  const blocksWide = W / B, blocksHigh = H / B;
  const angles = new Uint8Array(blocksWide * blocksHigh);
  for (let by = 0; by < blocksHigh; by++) for (let bx = 0; bx < blocksWide; bx++) angles[by * blocksWide + bx] = finger(bx, by) ? degrees : 255;
  return { block: B, blocksWide, blocksHigh, angles };
}

/** `n` minutiae at least 14 px apart inside the box, directions spread (image frame, y down). */
function minutiae(seed: number, n: number, x0: number, y0: number, size: number): Minutia[] {
  const r = rng(seed);
  const out: Minutia[] = [];
  while (out.length < n) {
    const x = x0 + r() * size, y = y0 + r() * size;
    if (out.some((m) => (m.x - x) ** 2 + (m.y - y) ** 2 < 196)) continue;
    out.push({ x, y, direction: r() * 2 * Math.PI, type: r() < 0.5 ? 'ending' : 'bifurcation', quality: 60 });
  }
  return out;
}

const template = (m: Minutia[], o: BlockOrientations): FingerprintTemplate => ({ width: W, height: H, resolutionPpi: 500, minutiae: m, singularPoints: [], orientations: o });

/** The first `k` cylinders of a paired with the same cylinders of b (both built from the same minutiae first). */
function firstPairs(k: number): SelectedPairs {
  return { pairA: Int32Array.from({ length: k }, (_, i) => i), pairB: Int32Array.from({ length: k }, (_, i) => i), lambda: new Float32Array(k).fill(0.5), chosen: Int32Array.from({ length: k }, (_, i) => i), chosenCount: { value: k } };
}

describe('the overlap-pairing factor', () => {
  it('is 1 from the PAIRING_SHARE of the overlap up, falls as the share does below it, and expects at least PAIRING_MIN_EXPECTED minutiae', () => {
    expect(pairingFactor(9, 30, 40)).toBe(1);
    expect(pairingFactor(6, 40, 30)).toBeCloseTo(Math.pow(6 / 30 / PAIRING_SHARE, PAIRING_EXPONENT), 12);
    expect(pairingFactor(3, 60, 30)).toBeLessThan(pairingFactor(6, 60, 30));
    // A small overlap is not judged against fewer minutiae than PAIRING_MIN_EXPECTED.
    expect(pairingFactor(1, 2, 3)).toBeCloseTo(Math.pow(1 / PAIRING_MIN_EXPECTED / PAIRING_SHARE, PAIRING_EXPONENT), 12);
    expect(pairingFactor(0, 20, 20)).toBe(0);
  });

  it('counts what the overlap holds: many unpaired minutiae inside the other print lower the score, the same few pairs on a small overlap do not', () => {
    // 30 minutiae spread over the print; the first 4 are paired, identity alignment.
    const m = minutiae(7, 30, 20, 20, 280);
    const whole = field(() => true);
    const a = prepareCandidate(template(m, whole));
    const b = prepareCandidate(template(m, whole));
    expect(a.count).toBeGreaterThan(20);
    const pairing = new OverlapPairing();
    pairing.measure(a, b, firstPairs(4), 1, 0, 0, 0);
    expect(pairing.inliers).toBe(4);
    expect(pairing.probeInside).toBe(a.count);
    expect(pairing.candidateInside).toBe(b.count);
    expect([pairing.probeAgreeing, pairing.candidateAgreeing]).toEqual([a.count, b.count]);
    const wide = pairingFactor(pairing.inliers, pairing.probeInside, pairing.candidateInside);
    expect(wide).toBeLessThan(0.75);
    // The candidate's flow turned by 60° everywhere: inside still, agreeing nowhere.
    pairing.measure(a, prepareCandidate(template(m, field(() => true, 100))), firstPairs(4), 1, 0, 0, 0);
    expect([pairing.probeInside, pairing.probeAgreeing, pairing.candidateAgreeing]).toEqual([a.count, 0, 0]);
    // Turned by 20°: agreeing (within 30°).
    pairing.measure(a, prepareCandidate(template(m, field(() => true, 60))), firstPairs(4), 1, 0, 0, 0);
    expect(pairing.probeAgreeing).toBe(a.count);
    // An alignment rotating by 20° (CCW, y-up) carries a 40° (byte, rows down) flow onto 20°: agreeing
    // with a 20° candidate flow, not with a 60° one (40° apart).
    const r = (20 * Math.PI) / 180;
    pairing.measure(a, prepareCandidate(template(m, field(() => true, 20))), firstPairs(0), Math.cos(r), Math.sin(r), -40, 0);
    expect(pairing.probeInside).toBeGreaterThan(10);
    expect([pairing.probeAgreeing, pairing.candidateAgreeing]).toEqual([pairing.probeInside, pairing.candidateInside]);
    pairing.measure(a, prepareCandidate(template(m, field(() => true, 60))), firstPairs(0), Math.cos(r), Math.sin(r), -40, 0);
    expect(pairing.probeInside).toBeGreaterThan(10);
    expect([pairing.probeAgreeing, pairing.candidateAgreeing]).toEqual([0, 0]);
    // The candidate's finger area shrunk to the blocks around the paired minutiae: same pairs, no penalty.
    const paired = new Set<number>();
    for (let q = 0; q < 4; q++) {
      const mm = m[b.minutia[q]];
      paired.add(Math.floor(mm.y / B) * (W / B) + Math.floor(mm.x / B));
    }
    const small = prepareCandidate(template(m, field((bx, by) => paired.has(by * (W / B) + bx))));
    pairing.measure(a, small, firstPairs(4), 1, 0, 0, 0);
    expect(pairing.probeInside).toBeLessThanOrEqual(8);
    expect(pairingFactor(pairing.inliers, pairing.probeInside, pairing.candidateInside)).toBe(1);
  });

  it('maps both ways under a rotation and shift: counts equal a direct count in the image frame', () => {
    const r = rng(11);
    for (let trial = 0; trial < 20; trial++) {
      const ma = minutiae(100 + trial, 25, 10, 10, 300), mb = minutiae(200 + trial, 25, 10, 10, 300);
      const fa = field((bx, by) => (bx - 10) ** 2 + (by - 10) ** 2 < 60), fb = field((bx, by) => (bx - 8) ** 2 + (by - 11) ** 2 < 50);
      const a = prepareCandidate(template(ma, fa)), b = prepareCandidate(template(mb, fb));
      const rot = (r() - 0.5) * 1.2, tx = (r() - 0.5) * 80, ty = (r() - 0.5) * 80;
      const pairing = new OverlapPairing();
      pairing.measure(a, b, firstPairs(0), Math.cos(rot), Math.sin(rot), tx, ty);
      // Image frame (y down): a probe point (x, y) is (x, −y) y-up, lands at R(rot)·(x, −y) + t.
      const on = (o: BlockOrientations, x: number, yDown: number) => {
        const u = Math.floor(x / B), v = Math.floor(yDown / B);
        return u >= 0 && v >= 0 && u < o.blocksWide && v < o.blocksHigh && o.angles[v * o.blocksWide + u] < 180;
      };
      let probeInside = 0, candidateInside = 0;
      for (let i = 0; i < a.count; i++) {
        const p = ma[a.minutia[i]];
        const x = Math.cos(rot) * p.x - Math.sin(rot) * -p.y + tx, y = Math.sin(rot) * p.x + Math.cos(rot) * -p.y + ty;
        if (on(fb, x, -y)) probeInside++;
      }
      for (let j = 0; j < b.count; j++) {
        const p = mb[b.minutia[j]];
        // Inverse: R(−rot)·((x, −y) − t).
        const u = p.x - tx, v = -p.y - ty;
        const x = Math.cos(rot) * u + Math.sin(rot) * v, y = -Math.sin(rot) * u + Math.cos(rot) * v;
        if (on(fa, x, -y)) candidateInside++;
      }
      expect([pairing.probeInside, pairing.candidateInside]).toEqual([probeInside, candidateInside]);
    }
  });
});
