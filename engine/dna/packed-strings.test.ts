import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackedStrings } from './packed-strings.js';
import { RecordIdTable } from './record-id-table.js';

describe('PackedStrings', () => {
  it('reads back what was set, through sets, clears and compactions, like an array', () => {
    const text = fc.oneof(fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 }), fc.string({ minLength: 120, maxLength: 300 }), fc.constant(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40), text), { maxLength: 300 }), (ops) => {
        const p = new PackedStrings(8);
        const ref: string[] = [];
        for (const [o, s] of ops) {
          p.reserve(o + 1);
          p.set(o, s);
          ref[o] = s;
          expect(p.get(o)).toBe(s);
        }
        for (let o = 0; o < p.capacity; o++) {
          const want = ref[o] ?? '';
          expect(p.get(o)).toBe(want);
          expect(p.equals(o, want)).toBe(true);
          expect(p.equals(o, `${want}x`)).toBe(false);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('keeps the buffer under about twice the live bytes when entries are rewritten (compaction)', () => {
    const p = new PackedStrings(1000);
    for (let round = 0; round < 200; round++) for (let o = 0; o < 1000; o++) p.set(o, `record-${round}-${o}`);
    for (let o = 0; o < 1000; o++) expect(p.get(o)).toBe(`record-199-${o}`);
    // Live: 1000 entries of ~15 bytes. Without compaction the buffer would hold 200 rounds (~3 MB).
    expect(p.byteLength()).toBeLessThan(200_000);
    p.trim();
    for (let o = 0; o < 1000; o++) expect(p.get(o)).toBe(`record-199-${o}`);
    expect(p.unusedBytes).toBe(0);
    expect(p.byteLength()).toBeLessThan(4 * 1000 + 16 * 1000 + 64);
    p.set(3, 'after trim');
    expect(p.get(3)).toBe('after trim');
    expect(p.get(4)).toBe('record-199-4');
  });

  it('keeps a string past the packed length limit exactly', () => {
    const p = new PackedStrings(2);
    const long = 'x'.repeat((1 << 21) + 3);
    p.set(0, long);
    p.set(1, 'short');
    expect(p.get(0)).toBe(long);
    expect(p.equals(0, long)).toBe(true);
    expect(p.get(1)).toBe('short');
    p.set(0, '');
    expect(p.get(0)).toBe('');
  });

  it('serves as the id source of a RecordIdTable', () => {
    const p = new PackedStrings(4);
    const t = new RecordIdTable(p, 4);
    p.set(0, 'a'); t.set('a', 0);
    p.set(1, 'bé'); t.set('bé', 1);
    p.set(2, '日本'); t.set('日本', 2);
    expect([t.get('a'), t.get('bé'), t.get('日本'), t.get('b')]).toEqual([0, 1, 2, undefined]);
    expect(t.delete('bé')).toBe(true);
    p.set(1, '');
    expect(t.get('bé')).toBeUndefined();
  });
});
