import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackedStrings } from './packed-strings.js';
import { RecordIdTable } from './record-id-table.js';

/** Sets each (ordinal, string) in turn, checking each reads straight back; the array it should equal. */
function setAll(p: PackedStrings, ops: readonly [number, string][]): string[] {
  const ref: string[] = [];
  for (const [o, s] of ops) {
    p.reserve(o + 1);
    p.set(o, s);
    ref[o] = s;
    expect(p.get(o)).toBe(s);
  }
  return ref;
}

describe('PackedStrings', () => {
  it('reads back what was set, through sets, clears and compactions, like an array', () => {
    const text = fc.oneof(fc.string({ maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 }), fc.string({ minLength: 120, maxLength: 300 }), fc.constant(''));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(40), text), { maxLength: 300 }), (ops) => {
        const p = new PackedStrings(8);
        const ref = setAll(p, ops);
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

  it('stores UUID and numbered ids compactly and reads every string back exactly, near misses included', () => {
    const hex = fc.stringMatching(/^[0-9a-f]{32}$/).map((h) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`);
    const id = fc.oneof(
      fc.tuple(fc.constantFrom('dna_', 'fp_', '', 'x'.repeat(32), 'y'.repeat(33), 'é_'), hex).map(([p, u]) => p + u),
      hex.map((u) => u.toUpperCase()), // not the lowercase shape: plain
      hex.map((u) => u.replace(/-/g, '')), // no dashes: plain
      fc.tuple(fc.constantFrom('S', 'subject-', '', 'a1', '日', 'z'.repeat(32)), fc.stringMatching(/^[0-9]{1,17}$/)).map(([p, d]) => p + d),
      fc.nat().map((n) => `subject-${n}`),
      fc.constantFrom('0', '00', '007', 'S0', 'S01', '9007199254740993', '123456789012345', '1234567890123456', 'x'.repeat(127), `${'x'.repeat(126)}7`),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(30), id), { maxLength: 200 }), (ops) => {
        const p = new PackedStrings(4);
        const ref = setAll(p, ops);
        p.trim();
        for (let o = 0; o < p.capacity; o++) {
          const want = ref[o] ?? '';
          expect(p.get(o)).toBe(want);
          expect(p.equals(o, want)).toBe(true);
          expect(p.equals(o, `${want}0`)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
    // The service's shapes: 18 bytes for a record id (was 41), 5 for subject-123456 (was 15).
    const p = new PackedStrings(1000);
    for (let i = 0; i < 1000; i++) p.set(i, `dna_${crypto.randomUUID()}`);
    p.trim();
    expect(p.byteLength()).toBeLessThan(1000 * (4 + 18) + 64);
    const q = new PackedStrings(1000);
    for (let i = 0; i < 1000; i++) q.set(i, `subject-${123000 + i}`);
    q.trim();
    expect(q.byteLength()).toBeLessThan(1000 * (4 + 5) + 64);
  });

  it('costs nothing per ordinal while every string is empty', () => {
    const p = new PackedStrings(1000);
    for (let i = 0; i < 1000; i++) p.set(i, '');
    expect(p.byteLength()).toBeLessThan(2048);
    expect(p.capacity).toBe(1000);
    p.reserve(2000);
    p.set(1500, 'EXT-1');
    expect([p.get(1500), p.get(3), p.get(1999)]).toEqual(['EXT-1', '', '']);
    expect(p.byteLength()).toBeGreaterThanOrEqual(2000 * 4);
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
