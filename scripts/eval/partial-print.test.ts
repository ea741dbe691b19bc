import { describe, expect, it } from 'vitest';
import type { FingerprintTemplate, Minutia } from '../../engine/fingerprint/template.js';
import { partialPrint, partialPrintAnchors } from './partial-print.js';

function template(): FingerprintTemplate {
  // A 10 × 10 grid of minutiae 20 px apart from (10, 10), on a 200 × 200 print of 16-px blocks.
  const minutiae: Minutia[] = [];
  for (let y = 0; y < 10; y++) for (let x = 0; x < 10; x++) minutiae.push({ x: 10 + 20 * x, y: 10 + 20 * y, direction: 0, type: 'ending', quality: 60 });
  return {
    width: 200, height: 200, resolutionPpi: 500, minutiae,
    singularPoints: [{ type: 'core', x: 100, y: 100, direction: 0 }, { type: 'delta', x: 10, y: 190, direction: 0 }],
    orientations: { block: 16, blocksWide: 13, blocksHigh: 13, angles: new Uint8Array(169).fill(45) },
    ridgeCounts: [{ from: 44, to: 45, count: 2 }, { from: 0, to: 99, count: 9 }, { from: 55, to: 54, count: 1 }],
  };
}

describe('partialPrint', () => {
  it('keeps the m minutiae nearest the anchor, in their order, and the field, cores and ridge counts inside the disc', () => {
    const t = template();
    const cut = partialPrint(t, 4, { x: 100, y: 100 });
    // The four minutiae at distance √200 from (100, 100): indices 44, 45, 54, 55.
    expect(cut.minutiae).toEqual([t.minutiae[44], t.minutiae[45], t.minutiae[54], t.minutiae[55]]);
    expect(cut.singularPoints.map((s) => s.type)).toEqual(['core']);
    // Ridge counts with both ends kept, remapped to the new indices; the 0–99 one dropped.
    expect(cut.ridgeCounts).toEqual([{ from: 0, to: 1, count: 2 }, { from: 3, to: 2, count: 1 }]);
    const o = cut.orientations!;
    const radius = Math.SQRT2 * 10;
    for (let by = 0; by < 13; by++) {
      for (let bx = 0; bx < 13; bx++) {
        const inside = Math.hypot((bx + 0.5) * 16 - 100, (by + 0.5) * 16 - 100) <= radius + 8;
        expect(o.angles[by * 13 + bx]).toBe(inside ? 45 : 255);
      }
    }
    // The source template is untouched.
    expect(t.orientations!.angles.every((a) => a === 45)).toBe(true);
    expect(t.minutiae).toHaveLength(100);
  });

  it('returns a template of m minutiae or fewer unchanged', () => {
    const t = template();
    expect(partialPrint(t, 100, { x: 0, y: 0 })).toBe(t);
  });

  it('anchors at the centroid and half a standard deviation either way along each axis', () => {
    const a = partialPrintAnchors(template());
    expect(a[0]).toEqual({ x: 100, y: 100 });
    const sigma = Math.sqrt(Array.from({ length: 10 }, (_, k) => (10 + 20 * k - 100) ** 2).reduce((x, y) => x + y) / 10);
    expect(a.slice(1)).toEqual([{ x: 100 + sigma / 2, y: 100 }, { x: 100 - sigma / 2, y: 100 }, { x: 100, y: 100 + sigma / 2 }, { x: 100, y: 100 - sigma / 2 }]);
  });
});
