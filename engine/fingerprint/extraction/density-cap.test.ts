import { describe, expect, it } from 'vitest';
import { extractFingerprint } from '../extractor.js';
import { ridgeLabyrinth, withNoise } from './synthetic-prints.js';

// A noisy labyrinth gives many minutiae over a known mask: enough for the cap to bite.
const image = () => ({ ...withNoise(ridgeLabyrinth(320, 320, 7, 9), 30, 3), ppi: 500 });

describe('minutiae density cap (docs/decisions/minutiae-density-cap.md, a study tuning)', () => {
  it('keeps at most floor(D · mask area / 10,000) minutiae, the best-quality ones of the uncapped extraction', async () => {
    let area = 0;
    const free = await extractFingerprint(image(), { sink: (stage, out) => { if (stage === 'segmentation-mask') area = (out as { area: number }).area; } });
    const limit = Math.floor((3 * area) / 10000);
    expect(free.template.minutiae.length).toBeGreaterThan(limit);
    const capped = await extractFingerprint(image(), { tuning: { density: { max: 3 } } });
    expect(capped.template.minutiae.length).toBe(limit);
    const floorQuality = Math.min(...capped.template.minutiae.map((m) => m.quality));
    const dropped = free.template.minutiae.filter((m) => !capped.template.minutiae.some((k) => k.x === m.x && k.y === m.y && k.direction === m.direction));
    expect(dropped.length).toBe(free.template.minutiae.length - limit);
    for (const m of dropped) expect(m.quality).toBeLessThanOrEqual(floorQuality);
  });
  it('is off by default and under a cap the print does not reach: the template is unchanged', async () => {
    const free = await extractFingerprint(image());
    const loose = await extractFingerprint(image(), { tuning: { density: { max: 1000 } } });
    expect(loose.template).toEqual(free.template);
  });
});
