/**
 * The kinship column scan keeps every record the bound cannot rule out, drops only records the
 * bound rules out, visits survivors once each in ascending order, and calls interrupt between
 * blocks. The index-level equality with the brute-force oracle is in dna-index.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanKinshipColumns } from './kinship-scan.js';

const FC_SEED = Number(process.env.BM_FC_SEED ?? 20261201);
const KEYS = [0, 0x0101, 0x0102, 0x0203, 0x0505, 0xffff];

/** A random scan: per locus a column over `records` ordinals and a bound per key. */
const scanCase = fc.record({
  records: fc.integer({ min: 0, max: 40 }),
  loci: fc.array(fc.tuple(fc.array(fc.constantFrom(...KEYS), { minLength: 40, maxLength: 40 }), fc.array(fc.constantFrom(0.004, 0.25, 0.5, 1, 3, 40, 1e6, Infinity), { minLength: KEYS.length, maxLength: KEYS.length })), { maxLength: 9 }),
  floor: fc.constantFrom(1e-6, 0.5, 1, 100, 1e5),
  start: fc.integer({ min: 0, max: 10 }),
  block: fc.integer({ min: 1, max: 12 }),
  group: fc.integer({ min: 1, max: 4 }),
  // Ordinals the search applies to (filtered first), or none given (all).
  admitted: fc.option(fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), { nil: undefined }),
});

describe('scanKinshipColumns', () => {
  it('keeps every admitted record whose product reaches the floor, drops only what the bound rules out, never returns a record not admitted', () => {
    let dropped = 0;
    let kept = 0;
    let filtered = 0;
    fc.assert(
      fc.property(scanCase, ({ records, loci, floor, start, block, group, admitted }) => {
        const keys = loci.map(([column]) => Uint16Array.from(column));
        const bounds = loci.map(([, perKey]) => {
          const t = new Float64Array(65536).fill(NaN); // a key no record holds must never be read
          KEYS.forEach((k, j) => { t[k] = perKey[j]; });
          return t;
        });
        const n = loci.length;
        const best = loci.map(([column, perKey]) => Math.max(1, ...column.map((k) => perKey[KEYS.indexOf(k)])));
        const reach = new Float64Array(n + 1);
        reach[n] = 1;
        for (let t = n - 1; t >= 0; t--) reach[t] = reach[t + 1] * best[t];
        const end = Math.min(40, start + records);
        const seen: number[] = [];
        const admit = admitted === undefined ? undefined : (i: number) => admitted[i];
        scanKinshipColumns({ keys, bounds, reach, floor, start, end, block, group, ...(admit ? { admit } : {}) }, (i) => seen.push(i));
        // Ascending, once each, inside [start, end).
        expect(seen).toEqual([...new Set(seen)].sort((a, b) => a - b));
        for (const i of seen) expect(i >= start && i < end).toBe(true);
        for (let i = start; i < end; i++) {
          if (admit !== undefined && !admit(i)) {
            expect(seen, `record ${i} not admitted`).not.toContain(i);
            filtered++;
            continue;
          }
          let product = 1;
          let ruledOut = false;
          for (let t = 0; t < n; t++) {
            product *= bounds[t][keys[t][i]];
            if (product * reach[t + 1] < floor * (1 - 1e-12)) ruledOut = true;
          }
          if (product >= floor) expect(seen, `record ${i} reaches the floor`).toContain(i);
          if (!seen.includes(i)) {
            // Dropped only where some prefix times the most the rest could give is below the floor.
            expect(ruledOut, `record ${i} dropped`).toBe(true);
            dropped++;
          } else kept++;
        }
      }),
      { numRuns: 600, seed: FC_SEED },
    );
    expect(dropped).toBeGreaterThan(500);
    expect(kept).toBeGreaterThan(500);
    expect(filtered).toBeGreaterThan(200);
  });

  it('calls interrupt before each run of interruptEvery records and stops when it throws', () => {
    const column = new Uint16Array(100).fill(0x0101);
    const bound = new Float64Array(65536).fill(2);
    const input = { keys: [column], bounds: [bound], reach: Float64Array.from([2, 1]), floor: 1, start: 0, end: 100, block: 10 };
    let calls = 0;
    const seen: number[] = [];
    scanKinshipColumns(input, (i) => seen.push(i), () => { calls++; }, 30);
    expect(seen).toHaveLength(100);
    expect(calls).toBe(4); // before records 0, 30, 60, 90 (blocks of 10)
    const stop = new Error('stop');
    let n = 0;
    const partial: number[] = [];
    expect(() => scanKinshipColumns(input, (i) => partial.push(i), () => { if (++n === 2) throw stop; }, 30)).toThrow(stop);
    expect(partial).toHaveLength(30);
  });
});
