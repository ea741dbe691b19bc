import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareLocus, STRINGENCIES, type AlleleSet, type Stringency } from './locus-comparison.js';

const set = (alleles: string[], wildcards = 0): AlleleSet => ({ alleles: new Set(alleles), wildcards });

/** The rules on plain sets (no wildcards), straight from the NDIS definitions. */
function plainRule(q: Set<string>, c: Set<string>, s: Stringency): boolean {
  const qInC = [...q].every((a) => c.has(a));
  const cInQ = [...c].every((a) => q.has(a));
  if (s === 'high') return qInC && cInQ;
  if (s === 'moderate') return qInC || cInQ;
  return [...q].some((a) => c.has(a));
}

/** Wildcards by definition: some assignment of values to the wildcard positions makes it match. */
function byEnumeration(q: AlleleSet, c: AlleleSet, s: Stringency): boolean {
  const fresh = Array.from({ length: q.wildcards + c.wildcards }, (_, i) => `fresh${i}`);
  const universe = [...new Set([...q.alleles, ...c.alleles, ...fresh])];
  const assign = (n: number): string[][] => (n === 0 ? [[]] : assign(n - 1).flatMap((rest) => universe.map((u) => [u, ...rest])));
  for (const qa of assign(q.wildcards)) {
    for (const ca of assign(c.wildcards)) {
      if (plainRule(new Set([...q.alleles, ...qa]), new Set([...c.alleles, ...ca]), s)) return true;
    }
  }
  return false;
}

const genotype = fc
  .record({ alleles: fc.subarray(['9', '9.3', '10', '11', '<8', 'OL']), wildcards: fc.integer({ min: 0, max: 2 }) })
  .filter((g) => g.alleles.length + g.wildcards > 0)
  .map((g) => set(g.alleles, g.wildcards));

describe('per-locus rules', () => {
  it('examples: HIGH, MODERATE, LOW', () => {
    expect(compareLocus(set(['15', '16']), set(['15', '16']), 'high')).toBe('match');
    expect(compareLocus(set(['15']), set(['15', '16']), 'high')).toBe('mismatch');
    expect(compareLocus(set(['15']), set(['15', '16']), 'moderate')).toBe('match');
    expect(compareLocus(set(['15', '16', '17']), set(['15', '16']), 'moderate')).toBe('match');
    expect(compareLocus(set(['15', '17']), set(['15', '16']), 'moderate')).toBe('mismatch');
    expect(compareLocus(set(['15', '17']), set(['15', '16']), 'low')).toBe('match');
    expect(compareLocus(set(['14', '17']), set(['15', '16']), 'low')).toBe('mismatch');
    expect(compareLocus(set(['>27']), set(['28']), 'low')).toBe('mismatch');
  });

  it('examples with wildcards', () => {
    expect(compareLocus(set(['15'], 1), set(['15', '16']), 'high')).toBe('wildcard');
    expect(compareLocus(set(['15'], 1), set(['15']), 'high')).toBe('wildcard');
    expect(compareLocus(set(['14'], 1), set(['15', '16']), 'high')).toBe('mismatch');
    expect(compareLocus(set(['14'], 1), set(['15', '16']), 'low')).toBe('wildcard');
    expect(compareLocus(set([], 2), set(['15', '16']), 'high')).toBe('wildcard');
    expect(compareLocus(set(['15'], 1), set(['15', '16', '17']), 'high')).toBe('mismatch');
  });

  it('closed forms equal enumeration of wildcard assignments, every stringency', () => {
    fc.assert(
      fc.property(genotype, genotype, fc.constantFrom(...STRINGENCIES), (q, c, s) => {
        const r = compareLocus(q, c, s);
        expect(r !== 'mismatch').toBe(byEnumeration(q, c, s));
        if (r !== 'mismatch') expect(r === 'wildcard').toBe(q.wildcards + c.wildcards > 0);
      }),
      { numRuns: 3000 },
    );
  });

  it('is symmetric and nested: HIGH ⊂ MODERATE ⊂ LOW', () => {
    fc.assert(
      fc.property(genotype, genotype, (q, c) => {
        for (const s of STRINGENCIES) expect(compareLocus(q, c, s)).toBe(compareLocus(c, q, s));
        const ok = (s: Stringency) => compareLocus(q, c, s) !== 'mismatch';
        if (ok('high')) expect(ok('moderate')).toBe(true);
        if (ok('moderate')) expect(ok('low')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
