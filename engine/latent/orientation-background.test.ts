import { describe, expect, it } from 'vitest';
import type { GrayImage } from '../fingerprint/gray-image.js';
import type { Point } from './latent-features.js';
import { backgroundShare, latentOrientation } from './latent-orientation.js';
import { ridgeSpectrum } from './ridge-spectrum.js';

const DEG = 180 / Math.PI;
const W = 256, H = 256;
const CENTRE = { x: 128, y: 128 }, RADIUS = 64;
/** Background stripes: ridge direction 0 (horizontal bands), period 9 px. */
const STRIPE_ANGLE = 0;
/** The mark's ridges: direction 60°, period 8 px, fainter than the stripes. */
const RIDGE_ANGLE = Math.PI / 3;

/**
 * A ruled/striped surface at the ridge period everywhere, and a mark (a disc) of parallel ridges at
 * another direction and period, fainter than the stripes, over it.
 */
function stripedMark(): GrayImage {
  const pixels = new Uint8Array(W * H);
  const nx = -Math.sin(RIDGE_ANGLE), ny = Math.cos(RIDGE_ANGLE);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let v = 150 + 45 * Math.cos((2 * Math.PI * y) / 9);
      if (Math.hypot(x - CENTRE.x, y - CENTRE.y) < RADIUS) v += 30 * Math.cos((2 * Math.PI * (x * nx + y * ny)) / 8);
      pixels[y * W + x] = Math.max(0, Math.min(255, Math.round(v)));
    }
  }
  return { width: W, height: H, pixels, ppi: 500 };
}

const polygon: Point[] = Array.from({ length: 24 }, (_, k) => ({ x: CENTRE.x + RADIUS * Math.cos((2 * Math.PI * k) / 24), y: CENTRE.y + RADIUS * Math.sin((2 * Math.PI * k) / 24) }));

function axial(a: number, b: number): number {
  let d = Math.abs(a - b) % Math.PI;
  if (d > Math.PI / 2) d = Math.PI - d;
  return d;
}

/** Mean error (degrees) against the mark's ridge direction inside the disc shrunk by 20 px. */
function innerError(angle: Float32Array): number {
  let s = 0, n = 0;
  for (let y = 0; y < H; y += 2) {
    for (let x = 0; x < W; x += 2) {
      if (Math.hypot(x - CENTRE.x, y - CENTRE.y) > RADIUS - 20) continue;
      s += axial(angle[y * W + x]!, RIDGE_ANGLE);
      n++;
    }
  }
  return (s / n) * DEG;
}

describe('latent orientation background discount', () => {
  const image = stripedMark();
  const spectrum = ridgeSpectrum(image);

  it('gives the stripes that run around the ROI a high background share and the mark\'s ridges a low one', () => {
    const share = backgroundShare(spectrum, polygon);
    const K = spectrum.candidates;
    let stripe = 0, stripeN = 0, ridge = 0, ridgeN = 0;
    for (let by = 0; by < spectrum.blocksHigh; by++) {
      for (let bx = 0; bx < spectrum.blocksWide; bx++) {
        const cx = bx * spectrum.block + spectrum.block / 2, cy = by * spectrum.block + spectrum.block / 2;
        if (Math.hypot(cx - CENTRE.x, cy - CENTRE.y) > RADIUS - 24) continue;
        const b = by * spectrum.blocksWide + bx;
        for (let k = 0; k < K; k++) {
          if (spectrum.candidateEnergy[b * K + k]! <= 0) continue;
          const a = spectrum.candidateAngle[b * K + k]!;
          if (axial(a, STRIPE_ANGLE) < 0.1) { stripe += share[b * K + k]!; stripeN++; }
          if (axial(a, RIDGE_ANGLE) < 0.1) { ridge += share[b * K + k]!; ridgeN++; }
        }
      }
    }
    expect(stripeN).toBeGreaterThan(0);
    expect(ridgeN).toBeGreaterThan(0);
    expect(stripe / stripeN).toBeGreaterThan(0.7);
    expect(ridge / ridgeN).toBeLessThan(0.1);
    // Without an ROI there is no outside to compare with: no discount.
    expect(backgroundShare(spectrum, null).every((v) => v === 0)).toBe(true);
  });

  it('lets the field inside the ROI follow the mark instead of the stronger stripes; off by default', () => {
    const off = latentOrientation(spectrum, { polygon });
    const on = latentOrientation(spectrum, { polygon }, { backgroundDiscount: true });
    expect(innerError(off.angle)).toBeGreaterThan(30);
    expect(innerError(on.angle)).toBeLessThan(10);
    expect(latentOrientation(spectrum, { polygon }, { backgroundDiscount: false }).angle).toEqual(off.angle);
  });
});
