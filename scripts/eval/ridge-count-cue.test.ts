import { describe, expect, it } from 'vitest';
import { GRID, leaveOneOut, ratesOf } from './ridge-count-cue.js';
import type { PairFigures, SetFigures } from './eer-pairs.js';

describe('ridge-count cue study', () => {
  it('declares today (w 0) first, then ascending w with ascending R0', () => {
    expect(GRID[0]).toEqual({ w: 0, r0: 0.5 });
    expect(GRID.filter((p) => p.w === 0)).toHaveLength(1);
    for (let k = 2; k < GRID.length; k++) expect(GRID[k].w > GRID[k - 1].w || (GRID[k].w === GRID[k - 1].w && GRID[k].r0 > GRID[k - 1].r0)).toBe(true);
  });

  it('picks, for each held-out set, the lowest mean on the other three, ties to the earlier grid point', () => {
    // ext[k][set]: point 1 is best on sets 1–3 only, point 2 equal to today on all but set 0.
    const ext = [
      [0.02, 0.02, 0.02, 0.02],
      [0.03, 0.01, 0.01, 0.01],
      [0.00, 0.02, 0.02, 0.02],
    ];
    // Held out 0: point 1 (mean 0.01 on sets 1–3). Held out 1: point 1 (0.03+0.01+0.01)/3 ≈ 0.0167 < 0.02 and point 2 (0.00+0.02+0.02)/3 ≈ 0.0133: point 2.
    expect(leaveOneOut(ext)).toEqual([1, 2, 2, 2]);
    expect(leaveOneOut([[0.02, 0.02], [0.02, 0.02]])).toEqual([0, 0]);
  });

  it('scores a set through the fusion it is given', () => {
    const c = (score: number): PairFigures => ({ score } as PairFigures);
    const set: SetFigures = { name: 'S', genuine: [c(0.9), c(0.8)], impostor: [c(0.1), c(0.85)], extended: [c(0.1), c(0.2)] };
    expect(ratesOf(set, (x) => x.score).extEer).toBe(0);
    expect(ratesOf(set, (x) => x.score).fvcEer).toBeGreaterThan(0);
  });
});
