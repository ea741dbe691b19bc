import { describe, expect, it } from 'vitest';
import { keepBestQuality } from './template-capacity.js';

describe('keepBestQuality', () => {
  it('leaves a list within capacity untouched', () => {
    const list = [{ quality: 3 }, { quality: 90 }];
    const r = keepBestQuality(list, 2);
    expect(r.kept).toBe(list);
    expect(r.dropped).toBe(0);
  });
  it('keeps the best-quality ones, in their own order, and counts the rest', () => {
    const list = [10, 80, 40, 80, 5, 60, 40].map((quality, id) => ({ quality, id }));
    const r = keepBestQuality(list, 4);
    expect(r.dropped).toBe(3);
    // 80, 80, 60 and the first 40 (ties keep the extractor's order), in list order.
    expect(r.kept.map((m) => m.id)).toEqual([1, 2, 3, 5]);
  });
});
