import { describe, expect, it } from 'vitest';
import { enrolmentOrder, judgeAgainstExhaustive, matePlace, percentile, sampleProbes, type MatePlace } from './identify-gallery.js';

describe('identify bench arithmetic', () => {
  it('plants every mate once, evenly through the background, and keeps every background record', () => {
    const steps = [...enrolmentOrder(1000, 40)];
    expect(steps).toHaveLength(1040);
    const mates = steps.filter((s) => s.kind === 'mate').map((s) => s.index);
    expect(mates).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(steps.filter((s) => s.kind === 'background').map((s) => s.index)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    // One mate before every 25th background record: the first at the start, the last near 975.
    const at = steps.flatMap((s, i) => (s.kind === 'mate' ? [i] : []));
    expect(at[0]).toBe(0);
    expect(at[39]).toBeGreaterThan(1000 - 40);
  });

  it('puts the mates that do not fit in front of background records at the end', () => {
    const steps = [...enrolmentOrder(3, 5)];
    expect(steps.map((s) => `${s.kind[0]}${s.index}`)).toEqual(['m0', 'b0', 'm1', 'b1', 'm2', 'b2', 'm3', 'm4']);
  });

  it('samples every k-th probe', () => {
    expect(sampleProbes(280, 280)).toHaveLength(280);
    expect(sampleProbes(280, 140)).toEqual(Array.from({ length: 140 }, (_, i) => 2 * i));
    expect(sampleProbes(280, 1000)).toHaveLength(280);
    expect(sampleProbes(280, 0)).toEqual([]);
  });

  it('counts a tie at the top as a miss, and an absent mate as rank 0', () => {
    const list = (...c: [string, number][]) => c.map(([recordId, score]) => ({ recordId, score }));
    expect(matePlace(list(['m', 0.4], ['a', 0.1]), 'm')).toEqual({ rank: 1, rank1: true, mateScore: 0.4, bestOther: 0.1 });
    expect(matePlace(list(['m', 0.4], ['a', 0.4]), 'm').rank1).toBe(false);
    expect(matePlace(list(['a', 0.5], ['m', 0.4]), 'm')).toMatchObject({ rank: 2, rank1: false, bestOther: 0.5 });
    expect(matePlace(list(['a', 0.5]), 'm')).toMatchObject({ rank: 0, rank1: false, mateScore: null });
    expect(matePlace(list(['m', 0.2]), 'm').rank1).toBe(true);
  });

  it('judges the index by the mates exhaustive search ranks first', () => {
    const at = (rank: number): MatePlace => ({ rank, rank1: rank === 1, mateScore: null, bestOther: null });
    const j = judgeAgainstExhaustive([
      { probe: 'a', index: at(1), exhaustive: at(1) },
      { probe: 'b', index: at(3), exhaustive: at(1) },
      { probe: 'c', index: at(1), exhaustive: at(2) },
      { probe: 'd', index: at(0), exhaustive: at(0) },
      { probe: 'e', index: at(1) },
    ]);
    expect(j).toMatchObject({ probes: 4, exhaustiveRank1: 2, indexRank1: 2, indexFindsOfExhaustiveRank1: 1, relativeRank1: 0.5 });
    expect(j.missedByIndex).toEqual([{ probe: 'b', indexRank: 3 }]);
    expect(j.indexRank1ButNotExhaustive).toEqual(['c']);
    expect(j).toMatchObject({ indexMisses: 2, indexMissesScanned: 2, allIndexMissesScanned: true });
    const partial = judgeAgainstExhaustive([{ probe: 'a', index: at(2) }, { probe: 'b', index: at(1) }, { probe: 'c', index: at(0), exhaustive: at(0) }]);
    expect(partial).toMatchObject({ indexMisses: 2, indexMissesScanned: 1, allIndexMissesScanned: false });
  });

  it('takes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 0.5)).toBe(50);
    expect(percentile(xs, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });
});
