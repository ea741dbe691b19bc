import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordIdTable } from './record-id-table.js';

describe('RecordIdTable', () => {
  it('behaves like a Map under random adds and deletes', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.string({ maxLength: 6 })), { maxLength: 400 }), (ops) => {
        const ids: (string | undefined)[] = [];
        const free: number[] = [];
        const table = new RecordIdTable(ids, 2);
        const ref = new Map<string, number>();
        for (const [add, id] of ops) {
          if (add && !ref.has(id)) {
            const ordinal = free.pop() ?? ids.length;
            ids[ordinal] = id;
            table.set(id, ordinal);
            ref.set(id, ordinal);
          } else if (!add) {
            const o = ref.get(id);
            expect(table.delete(id)).toBe(o !== undefined);
            if (o !== undefined) {
              ids[o] = undefined;
              free.push(o);
              ref.delete(id);
            }
          }
          expect(table.size).toBe(ref.size);
        }
        for (const [id, o] of ref) expect(table.get(id)).toBe(o);
        expect(table.get('\u0000absent')).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
