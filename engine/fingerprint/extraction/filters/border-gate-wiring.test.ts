import { describe, expect, it } from 'vitest';
import { syntheticFinger, syntheticImpression } from '../../../../fixtures/synthetic-fingers/synthetic-fingers.js';
import { extractFingerprint } from '../../extractor.js';
import type { MinutiaCandidate } from '../minutiae.js';
import { BORDER_INNER_PX, BORDER_MIN_PX } from '../parameters.js';
import type { SegmentationMask } from '../segmentation-mask.js';
import type { BorderFilter } from './border.js';

// The extractor hands the gate the clarity score of the band minutiae (docs/decisions/border-filter-gate.md):
// at minClarity 0 the gate keeps everything (the score is 0–1), above 1 nothing in the band.
async function bandCount(filter: BorderFilter, minClarity?: number): Promise<{ band: number; all: number }> {
  const finger = syntheticFinger(1, 0);
  let band = 0, all = 0;
  for (let i = 0; i < 3; i++) {
    const imp = syntheticImpression(1, 0, finger, i, 'wet');
    let seg: SegmentationMask | undefined, kept: MinutiaCandidate[] = [];
    await extractFingerprint(imp.image, {
      ppi: imp.ppi,
      tuning: { border: { filter, ...(minClarity === undefined ? {} : { minClarity }) } },
      sink: (stage, out) => {
        if (stage === 'segmentation-mask') seg = out as SegmentationMask;
        else if (stage === 'filtered-minutiae') kept = out as MinutiaCandidate[];
      },
    });
    for (const m of kept) {
      const d = seg!.borderDistance[m.y * seg!.width + m.x];
      all++;
      if (d >= BORDER_INNER_PX && d < BORDER_MIN_PX) band++;
    }
  }
  return { band, all };
}

describe('border clarity gate in the extractor', () => {
  it('keeps what direction keeps at 0, nothing in the band above 1', async () => {
    const direction = await bandCount('direction');
    expect(direction.band).toBeGreaterThan(0); // wet edges: the band holds minutiae to gate
    expect(await bandCount('direction-clarity', 0)).toEqual(direction);
    expect((await bandCount('direction-clarity', 1.01)).band).toBe(0);
  }, 60_000);
});
