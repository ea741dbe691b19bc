import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cmcCurveSvg } from './cmc-curve.js';
import { readMarkupFile } from './latent-markup-file.js';
import { readLatentPairs } from './latent-pairs.js';
import { cmc, median, rankRate, strictRank } from './latent-ranks.js';

describe('strict ranks', () => {
  it('counts a tie with a non-mate as a miss', () => {
    expect(strictRank(0.5, [0.1, 0.2])).toBe(1);
    expect(strictRank(0.5, [0.1, 0.5])).toBe(2);
    expect(strictRank(0.5, [0.6, 0.7, 0.5, 0.4])).toBe(4);
    expect(strictRank(0, [0, 0, 0])).toBe(4);
  });

  it('rates and the CMC are cumulative fractions', () => {
    const ranks = [1, 1, 3, 12, 40];
    expect(rankRate(ranks, 1)).toBe(0.4);
    expect(rankRate(ranks, 10)).toBe(0.6);
    expect(rankRate(ranks, 20)).toBe(0.8);
    const curve = cmc(ranks, 50);
    expect(curve).toHaveLength(50);
    expect(curve[0]).toBe(0.4);
    expect(curve[2]).toBe(0.6);
    expect(curve[49]).toBe(1);
    for (let k = 1; k < curve.length; k++) expect(curve[k]).toBeGreaterThanOrEqual(curve[k - 1]);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it('draws one polyline per series', () => {
    const svg = cmcCurveSvg('t <x>', [{ label: 'a', rates: cmc([1, 2, 5], 20), colour: '#000' }, { label: 'b', rates: cmc([1], 20), colour: '#f00' }]);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('t &lt;x&gt;');
  });
});

describe('pair folders', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const file = (path: string, text = 'x') => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
  };

  it('reads ID/latent/<image> and ID/<other>/<image>, ignoring non-images, sorted by ID', () => {
    dir = mkdtempSync(join(tmpdir(), 'latent-pairs-'));
    file(join(dir, '10', 'latent', 'a.png'));
    file(join(dir, '10', 'latent', 'a.xyt'));
    file(join(dir, '10', 'sensor', 'b.png'));
    file(join(dir, '2', 'latent', 'c.tif'));
    file(join(dir, '2', 'clean', 'd.bmp'));
    file(join(dir, '2', 'markup.json'), '{}');
    const pairs = readLatentPairs(dir);
    expect(pairs.map((p) => p.id)).toEqual(['2', '10']);
    expect(pairs[0]).toEqual({ id: '2', latent: join(dir, '2', 'latent', 'c.tif'), mate: join(dir, '2', 'clean', 'd.bmp'), markup: join(dir, '2', 'markup.json') });
    expect(pairs[1].markup).toBeUndefined();
  });

  it('refuses a folder with two images or two mate folders', () => {
    dir = mkdtempSync(join(tmpdir(), 'latent-pairs-'));
    file(join(dir, '1', 'latent', 'a.png'));
    file(join(dir, '1', 'latent', 'b.png'));
    file(join(dir, '1', 'clean', 'c.png'));
    expect(() => readLatentPairs(dir)).toThrow(/expected one image, found 2/);
    rmSync(join(dir, '1', 'latent', 'b.png'));
    file(join(dir, '1', 'other', 'd.png'));
    expect(() => readLatentPairs(dir)).toThrow(/one mate folder/);
  });

  it('reads markup and names a bad field', () => {
    dir = mkdtempSync(join(tmpdir(), 'latent-pairs-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ roi: [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 10 }], minutiae: [{ x: 1, y: 2, direction: 0.5, type: 'ending', quality: 80 }], useOnlyMarkup: true }));
    const m = readMarkupFile(good);
    expect(m.roi).toHaveLength(3);
    expect(m.minutiae?.[0]).toEqual({ x: 1, y: 2, direction: 0.5, type: 'ending', quality: 80 });
    expect(m.useOnlyMarkup).toBe(true);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ minutiae: [{ x: 1, y: 'two', direction: 0, type: 'ending' }] }));
    expect(() => readMarkupFile(bad)).toThrow(/minutiae\[0\]\.y must be a finite number/);
  });
});

describe('impostor tail', async () => {
  const { impostorRateAt, kthBest, tailScore } = await import('./latent-score-tail.js');
  it('finds the k-th best of a prefix', () => {
    const s = [0.1, 0.9, 0.3, 0.9, 0.5, 0.2];
    expect(kthBest(s, 6, 1)).toBe(0.9);
    expect(kthBest(s, 6, 2)).toBe(0.9);
    expect(kthBest(s, 6, 3)).toBe(0.5);
    expect(kthBest(s, 3, 2)).toBe(0.3);
    expect(kthBest(s, 2, 3)).toBeNaN();
  });
  it('reads the tail both ways', () => {
    const sorted = Float64Array.from({ length: 1000 }, (_, i) => 1 - i / 1000);
    expect(tailScore(sorted, 0.01)).toBeCloseTo(0.991, 9);
    expect(impostorRateAt(sorted, 0.991)).toBeCloseTo(0.01, 9);
    expect(impostorRateAt(sorted, 2)).toBe(0);
    expect(impostorRateAt(sorted, -1)).toBe(1);
  });
});
