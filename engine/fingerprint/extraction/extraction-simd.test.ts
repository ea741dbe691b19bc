import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingSharedData, sharedDataPath } from '../../../fixtures/shared-data.js';
import { decodeImage } from '../codecs/image-decoder.js';
import { workingImage } from '../extractor.js';
import type { GrayImage } from '../gray-image.js';
import { binarizedImage, type BinarizedImage } from './binarized-image.js';
import {
  binarizeKernel,
  boxMeanKernel,
  distanceKernel,
  enhanceKernel,
  resampleKernel,
  segmentationKernel,
  signatureKernel,
  skeletonCountsKernel,
  sobelCellsKernel,
  thinKernel,
} from './extraction-simd.js';
import { ridgeGraph } from './ridge-graph.js';
import { toPpi500 } from '../resolution.js';
import { boxMean, distanceToOutside } from './planes.js';
import { enhancedImage } from './enhanced-image.js';
import { gradientBlockSums, orientationField } from './orientation-field.js';
import { ridgeFrequency } from './ridge-frequency.js';
import { segmentationMask } from './segmentation-mask.js';
import { inDisc, onBackground, ridgeLabyrinth, withNoise } from './synthetic-prints.js';
import { thinnedSkeleton, type ThinnedSkeleton } from './thinned-skeleton.js';

/** Both enhancement paths on one image: every output value with the same bits (Object.is: -0 ≠ 0). */
function expectSameBits(image: GrayImage): number {
  const o = orientationField(image);
  const m = segmentationMask(image, o);
  const f = ridgeFrequency(image, o, m);
  const js = enhancedImage(image, o, f, m, 'javascript').data;
  const simd = enhancedImage(image, o, f, m, 'auto').data;
  expect(simd.length).toBe(js.length);
  const a = new Uint32Array(js.buffer, js.byteOffset, js.length);
  const b = new Uint32Array(simd.buffer, simd.byteOffset, simd.length);
  let differ = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) differ++;
  expect(differ).toBe(0);
  let filtered = 0;
  for (let i = 0; i < js.length; i++) if (js[i] !== 0) filtered++;
  return filtered;
}

describe('enhancement in WebAssembly SIMD and in JavaScript agree bit for bit', () => {
  const simd = enhanceKernel();
  it.skipIf(!simd)('on synthetic prints of several sizes, clean and noisy', () => {
    // Odd and even widths, so runs end on every lane position; noise breaks runs into short ones.
    for (const [w, h, seed] of [[160, 150, 1], [161, 149, 2], [97, 203, 3]]) {
      const print = inDisc(ridgeLabyrinth(w, h, seed), Math.min(w, h) / 2 - 4);
      expect(expectSameBits(print)).toBeGreaterThan(1000);
      expect(expectSameBits(withNoise(print, 60, seed))).toBeGreaterThan(1000);
    }
  });

  const SETS = ['db1_b', 'db2_b', 'db3_b', 'db4_b'];
  it.skipIf(!simd || missingSharedData('fingerprints', 'fvc2002', 'db1_b'))('on FVC2002 images of the four sets, one after another (banks and memory reused)', async () => {
    for (const set of SETS) {
      for (const name of ['101_1.tif', '104_5.tif', '110_8.tif']) {
        const bytes = new Uint8Array(readFileSync(sharedDataPath('fingerprints', 'fvc2002', set, name)));
        const [decoded] = await decodeImage(bytes);
        const image = workingImage(decoded, set === 'db2_b' ? 569 : 500);
        expect(expectSameBits(image)).toBeGreaterThan(10000);
      }
    }
  }, 60_000);
});

describe('filter bins of the enhancement in WebAssembly and in JavaScript agree', () => {
  it.skipIf(!enhanceKernel())('on crafted angle fields: bin edges, π as float32, the wrap to bin 0', () => {
    let seed = 23;
    const random = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    const special = [0, Math.fround(Math.PI), 3.1415925, ...Array.from({ length: 24 }, (_, k) => Math.fround(((k + 0.5) * Math.PI) / 24))];
    for (const [w, h, s] of [[97, 103, 4], [120, 90, 5]]) {
      const image = inDisc(ridgeLabyrinth(w, h, s), Math.min(w, h) / 2 - 2);
      const o = orientationField(image);
      const m = segmentationMask(image, o);
      const f = ridgeFrequency(image, o, m);
      // Runs of one angle (as the field's 2×2 cells make) and single pixels, so the cache of the last angle is exercised.
      const angle = new Float32Array(w * h);
      for (let i = 0; i < angle.length; ) {
        const t = random() < 0.5 ? special[Math.floor(random() * special.length)] : random() * Math.PI;
        for (let run = 1 + Math.floor(random() * 4); run > 0 && i < angle.length; run--) angle[i++] = t;
      }
      // ... and a field whose rows all repeat the first (rows equal across period-block edges too).
      const columns = Float32Array.from({ length: w * h }, (_, i) => angle[i % w]);
      // ... and one where rows differ only in their last pixel.
      const lastDiffers = Float32Array.from({ length: w * h }, (_, i) => (i % w === w - 1 ? random() * Math.PI : angle[i % w]));
      for (const crafted of [{ ...o, angle }, { ...o, angle: columns }, { ...o, angle: lastDiffers }]) {
        const js = enhancedImage(image, crafted, f, m, 'javascript').data;
        const simd = enhancedImage(image, crafted, f, m, 'auto').data;
        expect(differences(bits(simd), bits(js))).toBe(0);
        expect(js.some((v) => v !== 0)).toBe(true);
      }
    }
  });
});

describe('box mean in WebAssembly SIMD and in JavaScript agree bit for bit', () => {
  it.skipIf(!boxMeanKernel())('on random planes of odd and even sizes, radii up to beyond the plane', () => {
    let seed = 11;
    const random = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (const [w, h] of [[1, 1], [2, 3], [7, 5], [64, 48], [65, 33], [195, 187]]) {
      for (const r of [1, 2, 4, 5, 9, 70]) {
        // Mixed magnitudes and signs; the second plane spans 10⁻¹²..10¹², beyond f64's 53 bits for
        // float32 sums, so that any reordered sum rounds differently somewhere.
        for (const decades of [8, 24]) {
          const data = Float32Array.from({ length: w * h }, () => (random() - 0.3) * 10 ** Math.floor(random() * decades - decades / 4));
          const js = data.slice();
          const simd = data.slice();
          boxMean(js, w, h, r, new Float32Array(w * h), 'javascript');
          boxMean(simd, w, h, r, new Float32Array(w * h), 'auto');
          expect(new Uint32Array(simd.buffer)).toEqual(new Uint32Array(js.buffer));
        }
      }
    }
  });
});

describe('chamfer distance in WebAssembly and in JavaScript agree bit for bit', () => {
  it.skipIf(!distanceKernel())('on random blobs, full and empty planes, single rows and columns', () => {
    let seed = 5;
    const random = (): number => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (const [w, h] of [[1, 1], [1, 9], [9, 1], [2, 2], [31, 17], [160, 200]]) {
      for (const fill of [0, 0.5, 0.97, 1]) {
        // Random pixels at several densities (all outside, scattered, nearly all inside, all inside).
        const inside = Uint8Array.from({ length: w * h }, () => (random() < fill ? 1 : 0));
        const js = distanceToOutside(inside, w, h, 'javascript');
        const simd = distanceToOutside(inside, w, h, 'auto');
        expect(new Uint32Array(simd.buffer, simd.byteOffset, simd.length)).toEqual(new Uint32Array(js.buffer, js.byteOffset, js.length));
        if (fill === 1) expect(Math.max(...js)).toBeGreaterThan(w > 2 && h > 2 ? 1 : 0);
      }
      // One large square blob with a hole, away from the border.
      const inside = new Uint8Array(w * h);
      for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) inside[y * w + x] = x > w / 5 && x < (4 * w) / 5 && y > h / 6 && (x !== w >> 1 || y !== h >> 1) ? 1 : 0;
      const js = distanceToOutside(inside, w, h, 'javascript');
      expect(distanceToOutside(inside, w, h, 'auto')).toEqual(js);
    }
  });
});

describe('thinning in WebAssembly and in JavaScript agree byte for byte', () => {
  it.skipIf(!thinKernel())('on binarised synthetic prints and on random ridge maps', () => {
    const cases: BinarizedImage[] = [];
    for (const [w, h, seed] of [[160, 150, 1], [97, 203, 3]]) {
      for (const image of [inDisc(ridgeLabyrinth(w, h, seed), Math.min(w, h) / 2 - 4), withNoise(ridgeLabyrinth(w, h, seed), 80, seed)]) {
        const o = orientationField(image);
        const m = segmentationMask(image, o);
        cases.push(binarizedImage(enhancedImage(image, o, ridgeFrequency(image, o, m), m, 'javascript'), m));
      }
    }
    let seed = 3;
    for (const [w, h] of [[1, 1], [3, 3], [2, 40], [57, 31]]) {
      for (const density of [0.3, 0.7, 1]) {
        cases.push({ width: w, height: h, ridge: Uint8Array.from({ length: w * h }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32 < density ? 1 : 0)) });
      }
    }
    let skeletonPixels = 0;
    for (const binary of cases) {
      const js = thinnedSkeleton(binary, 'javascript').skeleton;
      expect(thinnedSkeleton(binary, 'auto').skeleton).toEqual(js);
      skeletonPixels += js.reduce((s, v) => s + v, 0);
    }
    expect(skeletonPixels).toBeGreaterThan(1000);
  });
});

/** A linear congruential generator in [0, 1), the same sequence on every run. */
function lcg(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32;
}

/** How many elements differ (vitest's toEqual is slow on large typed arrays); the lengths must match. */
function differences(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) n++;
  return n;
}

/** Float planes compared by their bits (Object.is per element: −0 ≠ +0, NaN = NaN). */
function bits(a: Float32Array | Float64Array): Uint32Array {
  return new Uint32Array(a.buffer, a.byteOffset, a.byteLength / 4);
}

describe('binarisation in WebAssembly SIMD and in JavaScript agree byte for byte', () => {
  it.skipIf(!binarizeKernel())('on random responses and masks of odd and even sizes, and on enhanced prints', () => {
    const random = lcg(7);
    let ridgePixels = 0;
    for (const [w, h] of [[1, 1], [2, 3], [3, 3], [17, 5], [18, 18], [40, 33], [161, 149]]) {
      for (const maskDensity of [0, 0.6, 1]) {
        // Signs at random with exact zeros of both signs and NaN, where a "< 0" test can differ.
        const data = Float32Array.from({ length: w * h }, () => {
          const u = random();
          return u < 0.05 ? -0 : u < 0.1 ? 0 : u < 0.12 ? Number.NaN : u - 0.5;
        });
        const mask = Uint8Array.from({ length: w * h }, () => (random() < maskDensity ? (random() < 0.5 ? 1 : 255) : 0));
        const enhanced = { width: w, height: h, data };
        const segmentation = { mask } as Parameters<typeof binarizedImage>[1];
        const js = binarizedImage(enhanced, segmentation, 'javascript').ridge;
        expect(differences(binarizedImage(enhanced, segmentation, 'auto').ridge, js)).toBe(0);
        ridgePixels += js.reduce((s, v) => s + v, 0);
      }
    }
    for (const [w, h, seed] of [[160, 150, 1], [97, 203, 3]]) {
      const image = withNoise(inDisc(ridgeLabyrinth(w, h, seed), Math.min(w, h) / 2 - 4), 40, seed);
      const o = orientationField(image);
      const m = segmentationMask(image, o);
      const enhanced = enhancedImage(image, o, ridgeFrequency(image, o, m), m);
      const js = binarizedImage(enhanced, m, 'javascript').ridge;
      expect(differences(binarizedImage(enhanced, m, 'auto').ridge, js)).toBe(0);
      ridgePixels += js.reduce((s, v) => s + v, 0);
    }
    expect(ridgePixels).toBeGreaterThan(5000);
  });
});

describe('resampling to 500 ppi in WebAssembly SIMD and in JavaScript agree byte for byte', () => {
  it.skipIf(!resampleKernel())('on random and smooth images of odd and even sizes, shrinking and enlarging', () => {
    const random = lcg(13);
    for (const [w, h] of [[1, 1], [2, 1], [1, 5], [7, 9], [64, 48], [296, 561]]) {
      for (const ppi of [569, 1000, 1200, 333, 250, 700]) {
        const noise = Uint8Array.from({ length: w * h }, () => Math.floor(random() * 256));
        // Saturated and smooth content, where sums land on and near the rounding's half-way points.
        const ramp = Uint8Array.from({ length: w * h }, (_, i) => ((i % w) * 37 + Math.floor(i / w) * 11) % 256);
        const flat = new Uint8Array(w * h).fill(255);
        for (const pixels of [noise, ramp, flat]) {
          const js = toPpi500({ width: w, height: h, pixels }, ppi, 'javascript');
          const simd = toPpi500({ width: w, height: h, pixels }, ppi, 'auto');
          expect([simd.width, simd.height]).toEqual([js.width, js.height]);
          expect(differences(simd.pixels, js.pixels)).toBe(0);
        }
      }
    }
  });
});

describe('the orientation field with WebAssembly Sobel sums and in JavaScript agree bit for bit', () => {
  it.skipIf(!sobelCellsKernel())('on random, saturated and synthetic images of odd and even sizes', () => {
    const random = lcg(17);
    const images: GrayImage[] = [];
    for (const [w, h] of [[1, 1], [2, 2], [3, 3], [4, 5], [9, 7], [17, 18], [33, 40], [161, 149]]) {
      images.push({ width: w, height: h, pixels: Uint8Array.from({ length: w * h }, () => Math.floor(random() * 256)) });
      // Extreme gradients (0/255 checkerboard stripes): the largest sums a cell can hold.
      images.push({ width: w, height: h, pixels: Uint8Array.from({ length: w * h }, (_, i) => (((i % w) >> 1) + Math.floor(i / w)) & 1 ? 255 : 0) });
    }
    for (const [w, h, seed] of [[160, 150, 1], [97, 203, 3]]) images.push(withNoise(inDisc(ridgeLabyrinth(w, h, seed), Math.min(w, h) / 2 - 4), 60, seed));
    for (const image of images) {
      const js = orientationField(image, 'javascript');
      const jsSums = gradientBlockSums(js, image)!;
      const simd = orientationField(image, 'auto');
      const simdSums = gradientBlockSums(simd, image)!;
      expect(differences(bits(simd.angle), bits(js.angle))).toBe(0);
      expect(differences(bits(simd.coherence), bits(js.coherence))).toBe(0);
      for (const key of ['sxx', 'sxy', 'smag'] as const) expect(differences(bits(simdSums[key]), bits(jsSums[key]))).toBe(0);
    }
  });
});

describe('ridge frequency with WebAssembly x-signatures and in JavaScript agree bit for bit', () => {
  it.skipIf(!signatureKernel())('on synthetic prints and on crafted angle fields, windows leaving the image included', () => {
    const random = lcg(29);
    let measured = 0;
    for (const [w, h, seed] of [[160, 150, 1], [97, 203, 3], [41, 37, 6]]) {
      const image = withNoise(inDisc(ridgeLabyrinth(w, h, seed), Math.min(w, h) / 2 - 4), 30, seed);
      const o = orientationField(image);
      // The whole image as finger, so that border blocks' windows run off the image.
      const m = { ...segmentationMask(image, o), mask: new Uint8Array(w * h).fill(1) };
      // The field's own angles, then random ones including exact multiples of π/4 (sin/cos ±0, ±1).
      const crafted = { ...o, angle: Float32Array.from(o.angle, () => (random() < 0.3 ? (Math.floor(random() * 5) * Math.PI) / 4 : random() * Math.PI)) };
      for (const field of [o, crafted]) {
        const js = ridgeFrequency(image, field, m, 'javascript');
        const simd = ridgeFrequency(image, field, m, 'auto');
        expect(differences(bits(simd.period), bits(js.period))).toBe(0);
        expect(differences(simd.measured, js.measured)).toBe(0);
        measured += js.measured.reduce((s, v) => s + v, 0);
      }
    }
    expect(measured).toBeGreaterThan(50);
  });
});

describe('the segmentation mask with WebAssembly window sums and last steps and in JavaScript agree bit for bit', () => {
  it.skipIf(!segmentationKernel())('on synthetic prints, on textured and noisy backgrounds, and on random images', () => {
    const random = lcg(31);
    const images: GrayImage[] = [];
    for (const [w, h, seed] of [[160, 150, 1], [97, 203, 3], [203, 97, 8]]) {
      const print = inDisc(ridgeLabyrinth(w, h, seed), Math.min(w, h) / 2 - 4);
      images.push(print, withNoise(print, 70, seed));
      const big = ridgeLabyrinth(w + 40, h + 30, seed + 1, 7);
      images.push(onBackground(inDisc(ridgeLabyrinth(w - 40, h - 40, seed), Math.min(w, h) / 2 - 24), big, 20, 15));
    }
    for (const [w, h] of [[1, 1], [5, 3], [17, 23], [64, 41]]) images.push({ width: w, height: h, pixels: Uint8Array.from({ length: w * h }, () => Math.floor(random() * 256)) });
    let area = 0;
    for (const image of images) {
      const o = orientationField(image);
      const js = segmentationMask(image, o, {}, 'javascript');
      const simd = segmentationMask(image, o, {}, 'auto');
      expect(simd.area).toBe(js.area);
      expect(differences(simd.mask, js.mask)).toBe(0);
      expect(differences(bits(simd.borderDistance), bits(js.borderDistance))).toBe(0);
      area += js.area;
    }
    expect(area).toBeGreaterThan(20000);
  });
});

describe('segmentation kernel: the last steps on planes with values at the threshold', () => {
  it.skipIf(!segmentationKernel())('match boxMean, the ½ threshold, distanceToOutside and the erosion in JavaScript', () => {
    const random = lcg(41);
    let kept = 0;
    for (const [w, h] of [[1, 1], [7, 5], [33, 40], [64, 64]]) {
      for (const r of [0, 1, 4]) {
        for (const erodePx of [0, 1, 4]) {
          // Mostly inside, with exact halves (where ≥ would differ from >) and NaN.
          const soft = Float32Array.from({ length: w * h }, () => {
            const u = random();
            return u < 0.08 ? 0.5 : u < 0.1 ? Number.NaN : u < 0.12 ? 0.2 : 1;
          });
          const smoothed = soft.slice();
          boxMean(smoothed, w, h, r, undefined, 'javascript');
          const mask = Uint8Array.from(smoothed, (v) => (v > 0.5 ? 1 : 0));
          const borderDistance = distanceToOutside(mask, w, h, 'javascript');
          let area = 0;
          for (let i = 0; i < mask.length; i++) {
            if (borderDistance[i] <= erodePx) {
              mask[i] = 0;
              borderDistance[i] = 0;
            } else {
              borderDistance[i] -= erodePx;
              area++;
            }
          }
          const got = segmentationKernel()!.smoothedMask(soft, w, h, r, 1 / (2 * r + 1), erodePx);
          expect(got.area).toBe(area);
          expect(differences(got.mask, mask)).toBe(0);
          expect(differences(bits(got.borderDistance), bits(borderDistance))).toBe(0);
          kept += area;
        }
      }
    }
    expect(kept).toBeGreaterThan(5000);
  });
});

describe('the ridge graph with WebAssembly neighbour counts and in JavaScript agree', () => {
  it.skipIf(!skeletonCountsKernel())('on thinned synthetic prints and on random maps with bytes other than 0 and 1', () => {
    const random = lcg(37);
    const skeletons: ThinnedSkeleton[] = [];
    for (const [w, h, seed] of [[160, 150, 1], [97, 203, 3]]) {
      const image = withNoise(inDisc(ridgeLabyrinth(w, h, seed), Math.min(w, h) / 2 - 4), 40, seed);
      const o = orientationField(image);
      const m = segmentationMask(image, o);
      skeletons.push(thinnedSkeleton(binarizedImage(enhancedImage(image, o, ridgeFrequency(image, o, m), m), m)));
    }
    for (const [w, h] of [[1, 1], [3, 3], [9, 4], [40, 37]]) {
      for (const density of [0.1, 0.3, 0.9]) {
        // Mostly 0/1, some 255 and 128: sums beyond a byte wrap as a Uint8Array store wraps them.
        skeletons.push({ width: w, height: h, skeleton: Uint8Array.from({ length: w * h }, () => (random() < density ? (random() < 0.8 ? 1 : random() < 0.5 ? 255 : 128) : 0)) });
      }
    }
    let edges = 0;
    for (const skeleton of skeletons) {
      const js = ridgeGraph(skeleton, 'javascript');
      const simd = ridgeGraph(skeleton, 'auto');
      expect(simd.nodes).toEqual(js.nodes);
      expect(simd.edges.length).toBe(js.edges.length);
      for (let e = 0; e < js.edges.length; e++) {
        expect([simd.edges[e].a, simd.edges[e].b, simd.edges[e].length]).toEqual([js.edges[e].a, js.edges[e].b, js.edges[e].length]);
        expect(differences(simd.edges[e].path, js.edges[e].path)).toBe(0);
      }
      edges += js.edges.length;
    }
    expect(edges).toBeGreaterThan(300);
  });
});
