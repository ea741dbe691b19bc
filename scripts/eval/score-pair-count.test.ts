import { describe, expect, it } from 'vitest';
import { leaveOneOut } from './score-pair-count.js';

describe('score-pair-count leaveOneOut', () => {
  it('picks each set\'s value on the other three only, ties to today then the smaller value', () => {
    // 16 is best on DB1 alone; on DB2–DB4 8 and 14 tie below today's 12.
    const err: Record<number, Record<string, number>> = {
      8: { DB1: 0.05, DB2: 0.01, DB3: 0.01, DB4: 0.01 },
      12: { DB1: 0.04, DB2: 0.02, DB3: 0.02, DB4: 0.02 },
      14: { DB1: 0.05, DB2: 0.01, DB3: 0.01, DB4: 0.01 },
      16: { DB1: 0.0, DB2: 0.03, DB3: 0.03, DB4: 0.03 },
    };
    const picks = leaveOneOut([14, 8, 12, 16], 12, (v, s) => err[v]![s]!);
    expect(picks.DB1).toBe(8);
    // Held out DB2: means over DB1, DB3, DB4: 8 → 0.0233, 12 → 0.0267, 14 → 0.0233, 16 → 0.02.
    expect(picks.DB2).toBe(16);
  });
  it('keeps today when nothing is lower', () => {
    const picks = leaveOneOut([10, 12], 12, () => 0.01);
    expect(Object.values(picks)).toEqual([12, 12, 12, 12]);
  });
  it('can send ties, after today, to the larger value (the density cap study: the milder cap)', () => {
    const err = (v: number) => (v === Infinity ? 0.03 : 0.02);
    expect(leaveOneOut([7, 9, Infinity], Infinity, err).DB1).toBe(7);
    expect(leaveOneOut([7, 9, Infinity], Infinity, err, undefined, true).DB1).toBe(9);
  });
});
