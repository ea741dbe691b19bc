import { describe, expect, it } from 'vitest';
import { parallelRidges } from '../fingerprint/extraction/synthetic-prints.js';
import { extractLatentFeatures } from './latent-extractor.js';
import { ridgeLikeBlocks } from './region-of-interest.js';
import { ridgeSpectrum } from './ridge-spectrum.js';
import { syntheticMark } from './synthetic-marks.js';

// The levers of docs/measurements/latent.md "Dotted ridges and the spectral ROI" (routeAgreement 0.3
// shipped, the others off).
describe('spectral ROI study levers', () => {
  it('the pore-free share is never below the plain share, and only asked for it is made', () => {
    const image = parallelRidges(160, 160, 0.4, 9, 60);
    expect(ridgeSpectrum(image).coherentPeakShare).toBeNull();
    const sp = ridgeSpectrum(image, 0, 5);
    let above = 0;
    for (let b = 0; b < sp.peakShare.length; b++) {
      expect(sp.coherentPeakShare![b]!).toBeGreaterThanOrEqual(sp.peakShare[b]! - 1e-6);
      if (sp.coherentPeakShare![b]! > sp.peakShare[b]! + 1e-6) above++;
    }
    expect(above).toBeGreaterThan(0);
  });

  it('a stand-in peak only adds blocks, and text beside a mark stays mostly out', () => {
    const m = syntheticMark({ text: true, lineSpacing: 150, lineAngle: 0.5, lineWidth: 4 });
    const sp = ridgeSpectrum(m.image);
    const plain = ridgeLikeBlocks(sp, 0, 0);
    const loose = ridgeLikeBlocks(sp, 0, 0.2);
    let added = 0;
    for (let b = 0; b < plain.length; b++) {
      if (plain[b]) expect(loose[b]).toBe(1);
      if (loose[b] && !plain[b]) added++;
    }
    // Text blocks (by centre) judged ridge-like under the loose test: still a minority.
    const B = sp.block;
    let text = 0, textIn = 0;
    for (let by = 0; by < sp.blocksHigh; by++) {
      for (let bx = 0; bx < sp.blocksWide; bx++) {
        const cx = Math.min(m.image.width - 1, bx * B + (B >> 1)), cy = Math.min(m.image.height - 1, by * B + (B >> 1));
        if (!m.textMask[cy * m.image.width + cx] || m.markMask[cy * m.image.width + cx]) continue;
        text++;
        textIn += loose[by * sp.blocksWide + bx]!;
      }
    }
    expect(text).toBeGreaterThan(0);
    expect(textIn / text).toBeLessThan(0.25);
    expect(added).toBeLessThan(plain.reduce((a, v) => a + v, 0));
  });

  it('the route-only stand-in leaves a textured mark on the latent route with the same features', async () => {
    const m = syntheticMark({ text: true, lineSpacing: 150, lineAngle: 0.5, lineWidth: 4 });
    const off = await extractLatentFeatures(m.image, { routeAgreement: 0 });
    for (const routeAgreement of [undefined, 0.2]) {
      const on = await extractLatentFeatures(m.image, routeAgreement === undefined ? {} : { routeAgreement });
      expect(on.roi).toEqual(off.roi);
      expect(on.minutiae).toEqual(off.minutiae);
    }
  });
});
