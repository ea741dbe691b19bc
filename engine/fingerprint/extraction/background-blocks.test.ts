import { describe, expect, it } from 'vitest';
import { type BlockClassifier, type BlockInputs, blockFeatures, classifiedBlocks, FEATURE_COUNT, SHAPE_FEATURE_COUNT, shapeFeatures } from './background-blocks.js';

const bw = 20, bh = 16, nb = bw * bh;
/** A disc of probable finger blocks centred at (8, 8), radius 4. */
const disc = Float32Array.from({ length: nb }, (_, b) => (Math.hypot((b % bw) - 8, Math.floor(b / bw) - 8) <= 4 ? 0.9 : 0));

function inputs(candidates: Uint8Array): BlockInputs {
  const std = Float32Array.from({ length: nb }, (_, b) => (candidates[b] ? 40 : 2));
  return { bw, bh, std, mean: new Float32Array(nb).fill(120), coh: new Float32Array(nb).fill(0.6), wide: new Float32Array(nb).fill(0.5), candidates, p90: 40, light: 220, dark: 40 };
}
const zeros = new Array<number>(FEATURE_COUNT).fill(0), ones = new Array<number>(FEATURE_COUNT).fill(1);

describe('block classifier (segmentation on any background)', () => {
  it('only ever drops candidates: a classifier that keeps everything gives the candidates back', () => {
    const candidates = Uint8Array.from(disc, (p, b) => (p > 0 || b % 7 === 0 ? 1 : 0));
    const keepAll: BlockClassifier = { local: { mean: zeros, scale: ones, weights: zeros, bias: 5 }, shape: null, threshold: 0.5 };
    expect(classifiedBlocks(keepAll, inputs(candidates))).toEqual(candidates);
    const dropAll: BlockClassifier = { ...keepAll, local: { ...keepAll.local, bias: -5 } };
    expect(classifiedBlocks(dropAll, inputs(candidates)).every((v) => v === 0)).toBe(true);
  });

  it('abstains when it would drop fewer than minBackgroundShare of the candidates', () => {
    const candidates = Uint8Array.from(disc, (p) => (p > 0 ? 1 : 0));
    // Drops the blocks darker than the rest (here one block of the disc): 1 of ~49 candidates.
    const k = inputs(candidates);
    k.mean[8 * bw + 8] = 200;
    const weights = zeros.slice();
    weights[3] = 50; // darkness: lighter than the rest → dropped
    const c: BlockClassifier = { local: { mean: new Array<number>(FEATURE_COUNT).fill(0.5), scale: ones, weights, bias: 0, }, shape: null, threshold: 0.5 };
    const acting = classifiedBlocks(c, k);
    expect(acting[8 * bw + 8]).toBe(0);
    expect(acting.reduce((a, v) => a + v, 0)).toBe(candidates.reduce((a, v) => a + v, 0) - 1);
    expect(classifiedBlocks({ ...c, minBackgroundShare: 0.05 }, k)).toEqual(candidates);
    // Regrowing by one block takes back a dropped candidate next to a kept one.
    expect(classifiedBlocks({ ...c, regrowBlocks: 1 }, k)).toEqual(candidates);
  });

  it('regrows only candidates, only within the given number of blocks of a kept one', () => {
    // A row of candidates; the classifier keeps only the leftmost (darker) one.
    const candidates = new Uint8Array(nb);
    for (let x = 2; x < 10; x++) candidates[5 * bw + x] = 1;
    const k = inputs(candidates);
    for (let x = 3; x < 10; x++) k.mean[5 * bw + x] = 200;
    const weights = zeros.slice();
    weights[3] = 50;
    const c: BlockClassifier = { local: { mean: new Array<number>(FEATURE_COUNT).fill(0.5), scale: ones, weights, bias: 0 }, shape: null, threshold: 0.5 };
    const kept = (n: number): number[] => [...classifiedBlocks({ ...c, regrowBlocks: n }, k).keys()].filter((b) => classifiedBlocks({ ...c, regrowBlocks: n }, k)[b]).map((b) => b % bw);
    expect(kept(0)).toEqual([2]);
    expect(kept(2)).toEqual([2, 3, 4]);
  });

  it('shape features: inside the finger blob near 0, far from it large, texture beside it in between', () => {
    const f = shapeFeatures(disc, bw, bh);
    const at = (x: number, y: number, k: number): number => f[(y * bw + x) * SHAPE_FEATURE_COUNT + k];
    expect(at(8, 8, 3)).toBeLessThan(0.2); // blob distance at the centre
    expect(at(19, 15, 3)).toBe(4); // clipped far away
    expect(at(8, 8, 4)).toBe(0); // core distance inside
    expect(at(14, 8, 4)).toBe(2); // two blocks right of the disc's edge (x = 12)
    expect(at(8, 8, 1)).toBeGreaterThan(at(14, 8, 1)); // near probability falls off outside
    expect(at(8, 8, 0)).toBeGreaterThan(0); // log-odds of 0.9
    expect(at(14, 8, 0)).toBe(-10); // 0 → clipped log-odds
  });

  it('local features: density and darkness follow the candidates and the gray level', () => {
    const candidates = Uint8Array.from(disc, (p) => (p > 0 ? 1 : 0));
    const k = inputs(candidates);
    k.mean[8 * bw + 8] = 60;
    const f = blockFeatures(k);
    const at = (x: number, y: number, i: number): number => f[(y * bw + x) * FEATURE_COUNT + i];
    expect(at(8, 8, 5)).toBe(1); // all 25 around are candidates
    expect(at(19, 0, 5)).toBe(0);
    expect(at(8, 8, 3)).toBeCloseTo((220 - 60) / 180, 5); // darkness
    expect(at(8, 8, 0)).toBe(1); // spread / p90
  });
});

describe('the fitted block classifier', () => {
  it('cuts ridge-like texture beside a print, where the texture stage does not act (issue 15), and nothing of a clean print', async () => {
    const { dislocation, inDisc, ridgeLabyrinth } = await import('./synthetic-prints.js');
    const { orientationField } = await import('./orientation-field.js');
    const { segmentationMask } = await import('./segmentation-mask.js');
    const { FITTED_BLOCK_CLASSIFIER } = await import('./background-blocks-weights.js');
    const print = inDisc(dislocation(360, 360, 180, 180, 9), 110, 255);
    const disc = Math.PI * 110 * 110;
    const texture = ridgeLabyrinth(360, 360, 3, 9, 12, 30);
    // Platen residue over the right three quarters of the image: it touches the finger, so the
    // texture stage's gate (texture far from the finger's hull) does not fire.
    const leak = { ...print, pixels: print.pixels.map((v, i) => (i % 360 >= 90 ? Math.min(v, texture.pixels[i] + 72) : v)) };
    const area = (image: typeof print, classifier: typeof FITTED_BLOCK_CLASSIFIER | null): number =>
      segmentationMask(image, orientationField(image), { classifier }).area;
    const without = area(leak, null), withClassifier = area(leak, FITTED_BLOCK_CLASSIFIER);
    expect(without).toBeGreaterThan(2 * disc);
    expect(withClassifier).toBeLessThan(0.7 * without);
    expect(withClassifier).toBeGreaterThan(disc);
    expect(area(print, FITTED_BLOCK_CLASSIFIER)).toBe(area(print, null));
  });
});
