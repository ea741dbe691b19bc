import { describe, expect, it } from 'vitest';
import { RidgeCountTable, fuseRidgeCounts, ridgeCountAgreement } from './ridge-count-agreement.js';

describe('ridge-count agreement over paired minutiae', () => {
  // Probe minutiae 0–3; the candidate holds the same four as 10, 12, 11, 13.
  const probe = new RidgeCountTable([
    { from: 0, to: 1, count: 3 },
    { from: 0, to: 2, count: 5 },
    { from: 1, to: 2, count: 1 },
    { from: 2, to: 3, count: 4 },
  ]);
  const candidate = new RidgeCountTable([
    { from: 10, to: 12, count: 4 }, // ↔ probe (0, 1): 3 against 4, agrees within ±1
    { from: 10, to: 11, count: 7 }, // ↔ probe (0, 2): 5 against 7, disagrees
    { from: 11, to: 12, count: 1 }, // ↔ probe (1, 2), looked up either way round
    { from: 12, to: 13, count: 0 }, // ↔ probe (1, 3): no probe count, not compared
  ]);
  const pairs = [
    { probe: 0, candidate: 10 },
    { probe: 1, candidate: 12 },
    { probe: 2, candidate: 11 },
    { probe: 3, candidate: 13 },
  ];

  it('compares only links counted on both sides and agrees within one ridge', () => {
    expect(probe.get(1, 0)).toBe(3);
    expect(probe.get(0, 3)).toBe(-1);
    // Links: (0,1)↔(10,12) agree, (0,2)↔(10,11) disagree, (1,2)↔(12,11) agree, (2,3)↔(11,13) none on
    // the candidate, (1,3)↔(12,13) none on the probe, (0,3)↔(10,13) none on either.
    expect(ridgeCountAgreement(probe, candidate, pairs)).toEqual({ agree: 2, compared: 3 });
    expect(ridgeCountAgreement(probe, candidate, pairs.slice(0, 1))).toEqual({ agree: 0, compared: 0 });
    expect(ridgeCountAgreement(probe, new RidgeCountTable([]), pairs)).toEqual({ agree: 0, compared: 0 });
  });

  it('does not compare a link with the wrong candidate minutiae: a pairing that swaps two minutiae disagrees', () => {
    const swapped = [{ probe: 0, candidate: 12 }, { probe: 1, candidate: 10 }, { probe: 2, candidate: 11 }];
    // (0,1)↔(12,10): 3 against 4 agrees (a symmetric count); (0,2)↔(12,11): 5 against 1; (1,2)↔(10,11): 1 against 7.
    expect(ridgeCountAgreement(probe, candidate, swapped)).toEqual({ agree: 1, compared: 3 });
  });
});

describe('the declared fusions (docs/decisions/ridge-count-cue.md)', () => {
  const s = 0.04;
  it('primary: exp(w (R − R0)) from three compared links, capped at 1; neutral below three or at w 0', () => {
    expect(fuseRidgeCounts(s, { agree: 3, compared: 4 }, 'primary', 2, 0.7)).toBeCloseTo(s * Math.exp(2 * (0.75 - 0.7)), 12);
    expect(fuseRidgeCounts(s, { agree: 0, compared: 3 }, 'primary', 2, 0.7)).toBeCloseTo(s * Math.exp(-1.4), 12);
    expect(fuseRidgeCounts(s, { agree: 2, compared: 2 }, 'primary', 2, 0.7)).toBe(s);
    expect(fuseRidgeCounts(s, { agree: 0, compared: 9 }, 'primary', 0, 0.7)).toBe(s);
    expect(fuseRidgeCounts(0.9, { agree: 9, compared: 9 }, 'primary', 4, 0.5)).toBe(1);
    expect(fuseRidgeCounts(0, { agree: 9, compared: 9 }, 'primary', 4, 0.5)).toBe(0);
  });

  it('penalty: only lowers, by exp(−w (R0 − R)) where R < R0', () => {
    expect(fuseRidgeCounts(s, { agree: 9, compared: 9 }, 'penalty', 2, 0.7)).toBe(s);
    expect(fuseRidgeCounts(s, { agree: 1, compared: 4 }, 'penalty', 2, 0.7)).toBeCloseTo(s * Math.exp(-2 * 0.45), 12);
    expect(fuseRidgeCounts(s, { agree: 0, compared: 2 }, 'penalty', 2, 0.7)).toBe(s);
  });

  it('shrunk: R pulled towards R0 by four links, no gate; neutral with no link', () => {
    expect(fuseRidgeCounts(s, { agree: 0, compared: 0 }, 'shrunk', 3, 0.7)).toBeCloseTo(s, 15);
    expect(fuseRidgeCounts(s, { agree: 4, compared: 4 }, 'shrunk', 3, 0.7)).toBeCloseTo(s * Math.exp(3 * ((4 + 2.8) / 8 - 0.7)), 12);
    expect(fuseRidgeCounts(s, { agree: 0, compared: 1 }, 'shrunk', 3, 0.7)).toBeLessThan(s);
  });
});
