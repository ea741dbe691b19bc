import { describe, expect, it } from 'vitest';
import { extractFingerprint } from '../../extractor.js';
import { withNoise, ridgeLabyrinth } from '../synthetic-prints.js';
import { CONFIRM_MAX_ANGLE, CONFIRM_RADIUS_PX, confirmedMinutiae } from './scale-confirmation.js';

const m = (x: number, y: number, angle: number) => ({ x, y, angle });

describe('scale confirmation (docs/decisions/minutiae-scale-confirmation.md, a study tuning)', () => {
  it('keeps a minutia found again within the radius and angle, modulo π, and drops the rest in order', () => {
    const found = [m(10, 10, 0.1), m(50, 50, 1), m(100, 100, 2), m(150, 150, 3)];
    const again = [
      m(10 + CONFIRM_RADIUS_PX - 0.5, 10, 0.1 + CONFIRM_MAX_ANGLE - 0.01), // near, direction within 30°
      m(50, 50 + CONFIRM_RADIUS_PX + 0.5, 1), // too far
      m(100, 100, 2 + Math.PI), // the same direction turned by π: an ending come back as a bifurcation
      m(150, 150, 3 + CONFIRM_MAX_ANGLE + 0.05), // direction too far off
    ];
    expect(confirmedMinutiae(found, again)).toEqual([found[0], found[2]]);
    expect(confirmedMinutiae(found, [])).toEqual([]);
  });
  it('only removes minutiae, and is off by default', async () => {
    const image = { ...withNoise(ridgeLabyrinth(300, 300, 5, 9), 40, 2), ppi: 500 };
    const off = await extractFingerprint(image);
    const again = await extractFingerprint(image, { tuning: { confirm: { sigma: 0 } } });
    expect(again.template).toEqual(off.template);
    const on = await extractFingerprint(image, { tuning: { confirm: { sigma: 1.5 } } });
    expect(on.template.minutiae.length).toBeLessThan(off.template.minutiae.length);
    for (const k of on.template.minutiae) expect(off.template.minutiae.some((o) => o.x === k.x && o.y === k.y && o.direction === k.direction)).toBe(true);
  });
});
