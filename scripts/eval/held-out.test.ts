import { describe, expect, it } from 'vitest';
import { pickOnOthers } from './held-out.js';

const table = (rows: Record<number, Record<string, number>>) => new Map(Object.entries(rows).map(([v, r]) => [Number(v), new Map(Object.entries(r))]));

describe('pickOnOthers', () => {
  const sets = ['DB1', 'DB2', 'DB3', 'DB4'];
  it('never looks at the held-out set', () => {
    // 0.2 is best on DB1 alone by far; on the other three 0.3 is best.
    const errors = table({ 0.2: { DB1: 0.0, DB2: 0.05, DB3: 0.05, DB4: 0.05 }, 0.3: { DB1: 0.9, DB2: 0.02, DB3: 0.02, DB4: 0.02 } });
    expect(pickOnOthers(errors, sets, 'DB1', 0.2)).toBe(0.3);
    expect(pickOnOthers(errors, sets, 'DB2', 0.3)).toBe(0.2);
  });
  it('keeps today\'s value on a tie', () => {
    const errors = table({ 0.1: { DB1: 0.01, DB2: 0.01, DB3: 0.01, DB4: 0.01 }, 0.15: { DB1: 0.01, DB2: 0.01, DB3: 0.01, DB4: 0.01 } });
    expect(pickOnOthers(errors, sets, 'DB4', 0.15)).toBe(0.15);
  });
});
