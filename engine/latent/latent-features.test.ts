import { describe, expect, it } from 'vitest';
import { latentTemplate, mergeMarkup, type LatentFeatures } from './latent-features.js';

/** Automatic features of a plain-route mark: two minutiae and a 3 × 2 block field. */
function plainMark(): LatentFeatures {
  return {
    width: 48, height: 32, resolutionPpi: 500, roi: [{ x: 0, y: 0 }, { x: 47, y: 0 }, { x: 47, y: 31 }, { x: 0, y: 31 }],
    minutiae: [
      { x: 10, y: 10, direction: 1, type: 'ending', quality: 0, reliability: 0.8, source: 'auto' },
      { x: 30, y: 20, direction: 2, type: 'bifurcation', quality: 0, reliability: 0.5, source: 'auto' },
    ],
    singularPoints: [],
    orientations: { block: 16, blocksWide: 3, blocksHigh: 2, angles: Uint8Array.of(10, 20, 30, 40, 50, 255) },
  };
}

describe('the block field of a plain-route mark through markup and into the template', () => {
  it('goes to the template and survives markup that only adds minutiae', () => {
    const f = plainMark();
    expect(latentTemplate(f).orientations).toBe(f.orientations);
    const merged = mergeMarkup(f, { minutiae: [{ x: 40, y: 5, direction: 0.5, type: 'ending', quality: 90 }] });
    expect(merged.orientations).toBe(f.orientations);
    expect(latentTemplate(merged).orientations).toBe(f.orientations);
  });

  it('is dropped with "use only my features", under an examiner\'s ROI, and absent from markup alone', () => {
    const minutiae = [{ x: 40, y: 5, direction: 0.5, type: 'ending' as const, quality: 90 }];
    expect(mergeMarkup(plainMark(), { minutiae, useOnlyMarkup: true }).orientations).toBeUndefined();
    expect(mergeMarkup(plainMark(), { roi: [{ x: 0, y: 0 }, { x: 20, y: 0 }, { x: 20, y: 20 }], minutiae }).orientations).toBeUndefined();
    expect(mergeMarkup(null, { minutiae }).orientations).toBeUndefined();
    expect(latentTemplate(mergeMarkup(null, { minutiae })).orientations).toBeUndefined();
  });
});
