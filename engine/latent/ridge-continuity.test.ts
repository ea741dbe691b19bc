import { describe, expect, it } from 'vitest';
import type { OrientationField } from '../fingerprint/extraction/orientation-field.js';
import type { GrayImage } from '../fingerprint/gray-image.js';
import { ROI_MIN_PEAK_SHARE } from './latent-parameters.js';
import { ridgeContinuityImage } from './ridge-continuity.js';
import { markDottedness, ridgeSpectrum } from './ridge-spectrum.js';

/** Horizontal ridges of period 9 px drawn as rows of dark dots 4 px apart (pores), or solid. */
function ridges(dotted: boolean): GrayImage {
  const w = 160, h = 160;
  const pixels = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const across = Math.cos((2 * Math.PI * y) / 9);
      const along = dotted ? Math.max(0, Math.cos((2 * Math.PI * x) / 4)) : 1;
      pixels[y * w + x] = Math.round(200 - 150 * Math.max(0, across) * along);
    }
  }
  return { width: w, height: h, pixels, ppi: 500 };
}

function flow(w: number, h: number, angle: number, coherence: number): OrientationField {
  return { width: w, height: h, angle: new Float32Array(w * h).fill(angle), coherence: new Float32Array(w * h).fill(coherence) };
}

/** Peak share of the block at the image centre. */
function centreShare(image: GrayImage): number {
  const s = ridgeSpectrum(image);
  return s.peakShare[(s.blocksHigh >> 1) * s.blocksWide + (s.blocksWide >> 1)]!;
}

describe('ridge continuity', () => {
  it('makes rows of dots read as ridges: the ridge peak holds more of the spectrum', () => {
    const dotted = ridges(true);
    const smooth = ridgeContinuityImage(dotted, flow(160, 160, 0, 1), 2);
    expect(centreShare(dotted)).toBeLessThan(centreShare(smooth));
    expect(centreShare(smooth)).toBeGreaterThan(ROI_MIN_PEAK_SHARE);
    // The dots' period is below the ridge band: the pore share says so, and falls once smoothed.
    expect(markDottedness(ridgeSpectrum(dotted))).toBeGreaterThan(markDottedness(ridgeSpectrum(ridges(false))));
    expect(markDottedness(ridgeSpectrum(smooth))).toBeLessThan(markDottedness(ridgeSpectrum(dotted)));
  });

  it('smooths along the flow, not across it: ridges across a wrong field are blurred away', () => {
    const solid = ridges(false);
    const along = ridgeContinuityImage(solid, flow(160, 160, 0, 1), 2);
    const across = ridgeContinuityImage(solid, flow(160, 160, Math.PI / 2, 1), 2);
    const contrast = (g: GrayImage) => {
      let lo = 255, hi = 0;
      for (let y = 40; y < 120; y++) { const v = g.pixels[y * g.width + 80]!; lo = Math.min(lo, v); hi = Math.max(hi, v); }
      return hi - lo;
    };
    expect(contrast(along)).toBeGreaterThan(0.9 * contrast(solid));
    expect(contrast(across)).toBeLessThan(0.7 * contrast(solid));
  });

  it('leaves the mark as it is where the flow is not coherent (the gate), and at σ 0', () => {
    const dotted = ridges(true);
    expect(ridgeContinuityImage(dotted, flow(160, 160, 0, 0.5), 2, [0.85, 0.95]).pixels).toEqual(dotted.pixels);
    expect(ridgeContinuityImage(dotted, flow(160, 160, 0, 1), 0).pixels).toEqual(dotted.pixels);
    expect(ridgeContinuityImage(dotted, flow(160, 160, 0, 1), 2, [0.85, 0.95]).pixels).not.toEqual(dotted.pixels);
  });
});
