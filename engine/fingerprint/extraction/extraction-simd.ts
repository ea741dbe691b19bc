/**
 * Extraction kernels in WebAssembly with 128-bit SIMD (extraction-simd.wat), each with the
 * JavaScript's operations in its order, so every output is the same to the last bit
 * (extraction-simd.test.ts compares the two paths):
 * - the contextual enhancement (enhanced-image.ts): the padded source, filter bins and dilated
 *   mask, then the two filter passes, pixels that share a filter bin along a row two or four at a
 *   time, one pixel per f64 lane;
 * - the box mean (planes.ts): horizontal running sums two rows at a time, the vertical pass's
 *   column sums two columns at a time, one per f64 lane;
 * - the chamfer distance (planes.ts): the same two raster passes in i32 (the values are small
 *   integers, exact either way), no bounds checks;
 * - the thinning (thinned-skeleton.ts): the same Zhang–Suen steps on the same bytes;
 * - the orientation field's Sobel cell sums (integers), box means and coherence;
 * - resampling to 500 ppi (resolution.ts), two rows or two columns per f64 lane;
 * - the segmentation's window sums (integers) and the pixel mask's threshold, distance and erosion;
 * - the ridge frequency's x-signatures, x and y in two f64 lanes, rounding without branches;
 * - binarisation and its 3×3 majority, sixteen pixels at a time;
 * - the ridge graph's neighbour counts and the node search's start pixels.
 * The JavaScript stays as the reference and the fallback (no WebAssembly SIMD, or
 * BIOMATCH_WASM_SIMD=0 in the environment), as for the matcher (docs/decisions/matcher-wasm-simd.md).
 *
 * One module instance per thread, made on first use. Its memory holds the two enhancement kernel
 * banks (copied again only when another padded width's banks are used) and, above them, one call's
 * planes; it grows to the largest image seen and is not returned (a 2048 × 2048 working image,
 * the largest the extractor takes, needs about 100 MB; an FVC2002 print about 4 MB).
 */
import { EXTRACTION_SIMD_WASM } from './extraction-simd-bytes.js';
import { instantiateKernel } from '../wasm-kernel.js';

/** One direction's kernels, as enhanced-image.ts builds them. */
export interface KernelBank {
  paddedWidth: number;
  /** Per (angle, period) bin: first tap and tap count in `weight`/`offset`. */
  start: Int32Array;
  count: Int32Array;
  weight: Float32Array;
  /** Tap offsets in the padded image (dx + dy·paddedWidth). */
  offset: Int32Array;
}

/** Where each pixel's period bin is: periodBin[rowBase[y] + column[x]] (enhanced-image.ts). */
export interface PeriodBins {
  periodBin: Int32Array;
  rowBase: Int32Array;
  column: Int32Array;
}

export interface EnhanceKernel {
  /**
   * The contextual enhancement of the w × h `pixels` (enhanced-image.ts): the padded source (pad
   * px of replicated edge), every pixel's filter bin (angle bin from `angle`, ENHANCE_ANGLES = A,
   * PERIOD_BINS = PB; period bin from `periods`), the mask dilated by pad px, then pass 1 (`across`)
   * on the dilated mask and pass 2 (`along`) on `mask`: the w × h output, 0 outside the mask.
   */
  run(pixels: Uint8Array, angle: Float32Array, periods: PeriodBins, A: number, PB: number, mask: Uint8Array, w: number, h: number, pad: number, across: KernelBank, along: KernelBank): Float32Array;
}

interface Memory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
type Thin = (ridge: number, img: number, cand: number, del: number, tables: number, w: number, h: number) => void;
type Distance = (inside: number, d: number, out: number, w: number, h: number) => void;
type BoxMean = (data: number, tmp: number, col: number, w: number, h: number, r: number, inv: number) => void;
type Binarize = (data: number, mask: number, raw: number, ridge: number, w: number, h: number) => void;
type Resample = (
  pixels: number, w: number, h: number, tmp: number, ow: number, oh: number, hw: number, hat: number, hfirst: number, hend: number,
  vw: number, vat: number, vfirst: number, vend: number, out: number,
) => void;
type SobelCells = (pixels: number, w: number, h: number, gx: number, gy: number, gp: number, sxx: number, sxy: number, smag: number, hw: number, hh: number) => void;
type Pad = (pixels: number, src: number, w: number, h: number, P: number, pw: number) => void;
type Bins = (angle: number, column: number, rowBase: number, periodBin: number, bin: number, w: number, h: number, A: number, PB: number, pi: number) => void;
type Near = (mask: number, tmp: number, out: number, w: number, h: number, r: number) => void;
type Signature = (pixels: number, w: number, h: number, cx: number, cy: number, nx: number, ny: number, dx: number, dy: number, L: number, W: number, sig: number) => number;
type WindowSums = (pixels: number, w: number, h: number, block: number, R: number, bw: number, bh: number, col1: number, col2: number, s1: number, s2: number) => void;
type ThresholdHalf = (soft: number, mask: number, n: number) => void;
type Erode = (d: number, mask: number, n: number, px: number) => number;
type SkeletonCounts = (sk: number, count: number, list: number, w: number, h: number) => number;
type Coherence = (gxx: number, gxy: number, gmag: number, coh: number, n: number) => void;
type Filter = (
  src: number, dst: number, dstOrigin: number, dstStride: number, where: number, bin: number, w: number, h: number,
  pad: number, pw: number, start: number, count: number, weight: number, offset: number,
) => void;

const PAGE = 65536;
const align = (n: number): number => (n + 15) & ~15;

export interface BoxMeanKernel {
  /** boxMean(data, width, height, r, inv) of planes.ts, in place on data[0 .. width·height). */
  run(data: Float32Array, width: number, height: number, r: number, inv: number): void;
}

export interface DistanceKernel {
  /** distanceToOutside(inside, width, height) of planes.ts. */
  run(inside: Uint8Array, width: number, height: number): Float32Array;
}

export interface ThinKernel {
  /** The thinning of thinned-skeleton.ts with its three 256-entry tables (ZS1, ZS2, SIMPLE): the skeleton. */
  run(ridge: Uint8Array, width: number, height: number, zs1: Uint8Array, zs2: Uint8Array, simple: Uint8Array): Uint8Array;
}

export interface BinarizeKernel {
  /** binarizedImage of binarized-image.ts on the response `data` and the mask: the ridge map. */
  run(data: Float32Array, mask: Uint8Array, width: number, height: number): Uint8Array;
}

/** One axis of toPpi500's resampling (resolution.ts), the nonzero taps of every output sample. */
export interface ResampleAxis {
  /** Weights, `taps` per output sample. */
  w: Float32Array;
  /** Per output sample: the input index of tap index 0 of `w` (start − o·taps), and its nonzero taps [first, end). */
  at: Int32Array;
  first: Int32Array;
  end: Int32Array;
}

export interface ResampleKernel {
  /** toPpi500's two passes (resolution.ts): the outW × outH bytes. */
  run(pixels: Uint8Array, width: number, height: number, outW: number, outH: number, across: ResampleAxis, down: ResampleAxis): Uint8Array;
}

export interface SobelCellsKernel {
  /**
   * The orientation field's per-2×2-cell Sobel sums (orientation-field.ts) into sxx, sxy, smag
   * (each ⌈w/2⌉·⌈h/2⌉ long).
   */
  run(pixels: Uint8Array, width: number, height: number, sxx: Float32Array, sxy: Float32Array, smag: Float32Array): void;
  /**
   * Straight after run, on its sums still in the module (no other kernel in between): the field's
   * box means (radius r1 on all three, then twice r2 on sxx and sxy; inv = 1 / (2r + 1)) and the
   * coherence between them, as orientation-field.ts does them: the smoothed sxx, sxy and the
   * coherence into the given planes.
   */
  smoothed(r1: number, inv1: number, r2: number, inv2: number, sxx: Float32Array, sxy: Float32Array, coherence: Float32Array): void;
}

export interface SignatureKernel {
  /** Places the image for the blocks' signatures of up to L samples that follow (no other kernel may run in between). */
  image(pixels: Uint8Array, width: number, height: number, L: number): void;
  /**
   * One block's x-signature (ridge-frequency.ts) into sig[0 .. L): false, as there, after the first
   * sample with fewer than W/2 pixels. The six coordinates must be finite.
   */
  run(cx: number, cy: number, nx: number, ny: number, dx: number, dy: number, L: number, W: number, sig: Float32Array): boolean;
}

export interface SegmentationKernel {
  /**
   * candidateBlocks' window sums (segmentation-mask.ts): per block of `block` px, the gray-level sum
   * and sum of squares over the window of radius R about its centre, clipped to the image.
   */
  windowSums(pixels: Uint8Array, width: number, height: number, block: number, R: number, bw: number, bh: number): { s1: Int32Array; s2: Int32Array };
  /**
   * maskOfBlocks' last steps on the block mask's pixels `soft` (0/1): the box mean of radius r
   * (boxMean's `inv` = 1 / (2r + 1)), thresholded at ½, the chamfer distance to the outside, and the
   * erosion by erodePx: the mask, its border distance and area.
   */
  smoothedMask(soft: Float32Array, width: number, height: number, r: number, inv: number, erodePx: number): { mask: Uint8Array; borderDistance: Float32Array; area: number };
}

export interface SkeletonCountsKernel {
  /**
   * ridgeGraph's neighbour counts (ridge-graph.ts): each interior skeleton pixel's byte sum of its 8
   * neighbours (modulo 256), and the pixels whose count is neither 0 nor 2, in raster order.
   */
  run(skeleton: Uint8Array, width: number, height: number): { count: Uint8Array; starts: Int32Array };
}

interface Kernels {
  segmentation: SegmentationKernel;
  skeletonCounts: SkeletonCountsKernel;
  enhance: EnhanceKernel;
  boxMean: BoxMeanKernel;
  distance: DistanceKernel;
  thin: ThinKernel;
  binarize: BinarizeKernel;
  resample: ResampleKernel;
  sobelCells: SobelCellsKernel;
  signature: SignatureKernel;
}

/** This thread's kernels: undefined until first asked for, null where WebAssembly SIMD is unavailable. */
let kernels: Kernels | null | undefined;

/** One of this thread's kernels, made on first use; null where WebAssembly SIMD is unavailable. */
function kernel<K extends keyof Kernels>(name: K): Kernels[K] | null {
  return (kernels === undefined ? makeKernels() : kernels)?.[name] ?? null;
}

/** This thread's enhancement kernel, or null where WebAssembly SIMD is unavailable (callers use JavaScript). */
export function enhanceKernel(): EnhanceKernel | null {
  return kernel('enhance');
}

/** This thread's box-mean kernel, or null where WebAssembly SIMD is unavailable. */
export function boxMeanKernel(): BoxMeanKernel | null {
  return kernel('boxMean');
}

/** This thread's chamfer-distance kernel, or null where WebAssembly SIMD is unavailable. */
export function distanceKernel(): DistanceKernel | null {
  return kernel('distance');
}

/** This thread's thinning kernel, or null where WebAssembly SIMD is unavailable. */
export function thinKernel(): ThinKernel | null {
  return kernel('thin');
}

/** This thread's binarisation kernel, or null where WebAssembly SIMD is unavailable. */
export function binarizeKernel(): BinarizeKernel | null {
  return kernel('binarize');
}

/** This thread's resampling kernel, or null where WebAssembly SIMD is unavailable. */
export function resampleKernel(): ResampleKernel | null {
  return kernel('resample');
}

/** This thread's Sobel cell-sum kernel, or null where WebAssembly SIMD is unavailable. */
export function sobelCellsKernel(): SobelCellsKernel | null {
  return kernel('sobelCells');
}

/** This thread's x-signature kernel, or null where WebAssembly SIMD is unavailable. */
export function signatureKernel(): SignatureKernel | null {
  return kernel('signature');
}

/** This thread's segmentation kernels, or null where WebAssembly SIMD is unavailable. */
export function segmentationKernel(): SegmentationKernel | null {
  return kernel('segmentation');
}

/** This thread's skeleton neighbour-count kernel, or null where WebAssembly SIMD is unavailable. */
export function skeletonCountsKernel(): SkeletonCountsKernel | null {
  return kernel('skeletonCounts');
}

function makeKernels(): Kernels | null {
  kernels = null;
  const exports = instantiateKernel(EXTRACTION_SIMD_WASM) as {
    memory: Memory;
    filter: Filter;
    box_mean: BoxMean;
    distance: Distance;
    thin: Thin;
    binarize: Binarize;
    resample: Resample;
    sobel_cells: SobelCells;
    pad: Pad;
    bins: Bins;
    near: Near;
    signature: Signature;
    window_sums: WindowSums;
    threshold_half: ThresholdHalf;
    erode: Erode;
    skeleton_counts: SkeletonCounts;
    coherence: Coherence;
  } | null;
  if (!exports) return null;
  const memory = exports.memory;
  const filter = exports.filter;
  const boxMean = exports.box_mean;
  const distance = exports.distance;
  const thin = exports.thin;
  let loaded: { across: KernelBank; along: KernelBank } | null = null;
  // Byte offsets of the banks' arrays (fixed once loaded: their lengths depend on the parameters only).
  let banksEnd = 0;
  const at = { across: [0, 0, 0, 0], along: [0, 0, 0, 0] };
  const ensure = (bytes: number): void => {
    const have = memory.buffer.byteLength;
    if (bytes > have) memory.grow(Math.ceil((bytes - have) / PAGE));
  };
  const loadBanks = (across: KernelBank, along: KernelBank): void => {
    let p = 0;
    const place = (bank: KernelBank, slot: number[]): void => {
      const arrays = [bank.start, bank.count, bank.weight, bank.offset];
      arrays.forEach((a, i) => {
        slot[i] = p;
        p = align(p + a.byteLength);
      });
      ensure(p);
      arrays.forEach((a, i) => new Uint8Array(memory.buffer, slot[i], a.byteLength).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)));
    };
    place(across, at.across);
    place(along, at.along);
    banksEnd = p;
    loaded = { across, along };
  };
  const enhance: EnhanceKernel = {
    run(pixels, angle, periods, A, PB, mask, w, h, pad, across, along) {
      if (!loaded || loaded.across !== across || loaded.along !== along) loadBanks(across, along);
      const pw = across.paddedWidth;
      const ph = h + 2 * pad;
      const n = w * h;
      const srcAt = align(banksEnd);
      const midAt = align(srcAt + 4 * pw * ph);
      const nearAt = align(midAt + 4 * pw * ph);
      const maskAt = align(nearAt + n);
      const binAt = align(maskAt + n);
      const outAt = align(binAt + 4 * n);
      const pixelsAt = align(outAt + 4 * n);
      const angleAt = align(pixelsAt + n);
      const tmpAt = align(angleAt + 4 * n);
      const periodBinAt = align(tmpAt + n);
      const rowBaseAt = align(periodBinAt + periods.periodBin.byteLength);
      const columnAt = align(rowBaseAt + 4 * h);
      ensure(columnAt + 4 * w);
      const buffer = memory.buffer;
      new Uint8Array(buffer, pixelsAt, n).set(n === pixels.length ? pixels : pixels.subarray(0, n));
      new Float32Array(buffer, angleAt, n).set(n === angle.length ? angle : angle.subarray(0, n));
      new Uint8Array(buffer, maskAt, n).set(n === mask.length ? mask : mask.subarray(0, n));
      new Int32Array(buffer, periodBinAt, periods.periodBin.length).set(periods.periodBin);
      new Int32Array(buffer, rowBaseAt, h).set(periods.rowBase.subarray(0, h));
      new Int32Array(buffer, columnAt, w).set(periods.column.subarray(0, w));
      exports.pad(pixelsAt, srcAt, w, h, pad, pw);
      exports.bins(angleAt, columnAt, rowBaseAt, periodBinAt, binAt, w, h, A, PB, Math.PI);
      exports.near(maskAt, tmpAt, nearAt, w, h, pad);
      new Float32Array(buffer, midAt, pw * ph).fill(0);
      const out = new Float32Array(buffer, outAt, n);
      out.fill(0);
      const [as, ac, aw, ao] = at.across;
      const [gs, gc, gw, go] = at.along;
      filter(srcAt, midAt, pad * pw + pad, pw, nearAt, binAt, w, h, pad, pw, as, ac, aw, ao);
      filter(midAt, outAt, 0, w, maskAt, binAt, w, h, pad, pw, gs, gc, gw, go);
      return out.slice();
    },
  };
  const box: BoxMeanKernel = {
    run(data, width, height, r, inv) {
      const n = width * height;
      const dataAt = align(banksEnd);
      const tmpAt = align(dataAt + 4 * n);
      const colAt = align(tmpAt + 4 * n);
      ensure(colAt + 8 * width);
      const view = new Float32Array(memory.buffer, dataAt, n);
      view.set(n === data.length ? data : data.subarray(0, n));
      boxMean(dataAt, tmpAt, colAt, width, height, r, inv);
      data.set(new Float32Array(memory.buffer, dataAt, n));
    },
  };
  const chamfer: DistanceKernel = {
    run(inside, width, height) {
      const n = width * height;
      // 16 bytes before and after d[]: the kernel's select reads one row or pixel beyond an edge.
      const insideAt = align(banksEnd);
      const dAt = align(insideAt + n + 16);
      const outAt = align(dAt + 4 * n + 16);
      ensure(outAt + 4 * n);
      new Uint8Array(memory.buffer, insideAt, n).set(n === inside.length ? inside : inside.subarray(0, n));
      distance(insideAt, dAt, outAt, width, height);
      return new Float32Array(memory.buffer, outAt, n).slice();
    },
  };
  const thinning: ThinKernel = {
    run(ridge, width, height, zs1, zs2, simple) {
      const n = width * height;
      const tablesAt = align(banksEnd);
      const ridgeAt = tablesAt + 768;
      // 16 bytes around img[]: the neighbour code reads one pixel beyond a row's end.
      const imgAt = align(ridgeAt + n + 16);
      const candAt = align(imgAt + n + 16);
      const delAt = align(candAt + 4 * n);
      ensure(delAt + 4 * n);
      const bytes = new Uint8Array(memory.buffer);
      bytes.set(zs1, tablesAt);
      bytes.set(zs2, tablesAt + 256);
      bytes.set(simple, tablesAt + 512);
      bytes.set(n === ridge.length ? ridge : ridge.subarray(0, n), ridgeAt);
      thin(ridgeAt, imgAt, candAt, delAt, tablesAt, width, height);
      return bytes.slice(imgAt, imgAt + n);
    },
  };
  const binarization: BinarizeKernel = {
    run(data, mask, width, height) {
      const n = width * height;
      const dataAt = align(banksEnd);
      const maskAt = align(dataAt + 4 * n);
      const rawAt = align(maskAt + n);
      const ridgeAt = align(rawAt + n);
      ensure(ridgeAt + n);
      new Float32Array(memory.buffer, dataAt, n).set(n === data.length ? data : data.subarray(0, n));
      new Uint8Array(memory.buffer, maskAt, n).set(n === mask.length ? mask : mask.subarray(0, n));
      exports.binarize(dataAt, maskAt, rawAt, ridgeAt, width, height);
      return new Uint8Array(memory.buffer, ridgeAt, n).slice();
    },
  };
  const resampling: ResampleKernel = {
    run(pixels, width, height, outW, outH, across, down) {
      const place: [ArrayBufferView, number][] = [];
      let p = align(banksEnd);
      const at = (a: ArrayBufferView, slack = 0): number => {
        const q = p;
        place.push([a, q]);
        p = align(p + a.byteLength + slack);
        return q;
      };
      const pixelsAt = at(pixels);
      const args = [across.w, across.at, across.first, across.end, down.w, down.at, down.first, down.end].map((a) => at(a));
      const tmpAt = p;
      // 8 bytes beyond tmp: the vertical pass reads a column pair.
      const outAt = align(tmpAt + 4 * outW * height + 8);
      ensure(outAt + outW * outH);
      const bytes = new Uint8Array(memory.buffer);
      for (const [a, q] of place) bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), q);
      exports.resample(pixelsAt, width, height, tmpAt, outW, outH, args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], outAt);
      return bytes.slice(outAt, outAt + outW * outH);
    },
  };
  let cellsAt = { sxx: 0, sxy: 0, smag: 0, hw: 0, hh: 0 };
  const sobel: SobelCellsKernel = {
    run(pixels, width, height, sxx, sxy, smag) {
      const n = width * height;
      const hw = (width + 1) >> 1, hh = (height + 1) >> 1, hn = hw * hh;
      const gp = (2 * hw + 7) & ~7;
      const pixelsAt = align(banksEnd);
      const gxAt = align(pixelsAt + n);
      const gyAt = align(gxAt + 2 * gp * 2 * hh);
      const sxxAt = align(gyAt + 2 * gp * 2 * hh);
      const sxyAt = align(sxxAt + 4 * hn);
      const smagAt = align(sxyAt + 4 * hn);
      ensure(smagAt + 4 * hn);
      new Uint8Array(memory.buffer, pixelsAt, n).set(n === pixels.length ? pixels : pixels.subarray(0, n));
      exports.sobel_cells(pixelsAt, width, height, gxAt, gyAt, gp, sxxAt, sxyAt, smagAt, hw, hh);
      cellsAt = { sxx: sxxAt, sxy: sxyAt, smag: smagAt, hw, hh };
      sxx.set(new Float32Array(memory.buffer, sxxAt, hn));
      sxy.set(new Float32Array(memory.buffer, sxyAt, hn));
      smag.set(new Float32Array(memory.buffer, smagAt, hn));
    },
    smoothed(r1, inv1, r2, inv2, sxx, sxy, coherence) {
      const { hw, hh } = cellsAt;
      const hn = hw * hh;
      // Above the three planes (+ 8 bytes: coherence() reads a pair): tmp, col, coh.
      const tmpAt = align(cellsAt.smag + 4 * hn + 8);
      const colAt = align(tmpAt + 4 * hn);
      const cohAt = align(colAt + 8 * hw);
      ensure(cohAt + 4 * hn + 8);
      const mean = (at: number, r: number, inv: number): void => {
        if (r > 0) boxMean(at, tmpAt, colAt, hw, hh, r, inv);
      };
      mean(cellsAt.sxx, r1, inv1);
      mean(cellsAt.sxy, r1, inv1);
      mean(cellsAt.smag, r1, inv1);
      exports.coherence(cellsAt.sxx, cellsAt.sxy, cellsAt.smag, cohAt, hn);
      mean(cellsAt.sxx, r2, inv2);
      mean(cellsAt.sxy, r2, inv2);
      mean(cellsAt.sxx, r2, inv2);
      mean(cellsAt.sxy, r2, inv2);
      sxx.set(new Float32Array(memory.buffer, cellsAt.sxx, hn));
      sxy.set(new Float32Array(memory.buffer, cellsAt.sxy, hn));
      coherence.set(new Float32Array(memory.buffer, cohAt, hn));
    },
  };
  let signatureAt = { pixels: 0, sig: 0, w: 0, h: 0 };
  const signature: SignatureKernel = {
    image(pixels, width, height, L) {
      const n = width * height;
      const pixelsAt = align(banksEnd);
      const sigAt = align(pixelsAt + n);
      ensure(sigAt + 4 * L);
      new Uint8Array(memory.buffer, pixelsAt, n).set(n === pixels.length ? pixels : pixels.subarray(0, n));
      signatureAt = { pixels: pixelsAt, sig: sigAt, w: width, h: height };
    },
    run(cx, cy, nx, ny, dx, dy, L, W, sig) {
      const { pixels, sig: sigAt, w, h } = signatureAt;
      const ok = exports.signature(pixels, w, h, cx, cy, nx, ny, dx, dy, L, W, sigAt) !== 0;
      sig.set(new Float32Array(memory.buffer, sigAt, L));
      return ok;
    },
  };
  const segmentation: SegmentationKernel = {
    windowSums(pixels, width, height, block, R, bw, bh) {
      const n = width * height, nb = bw * bh;
      const pixelsAt = align(banksEnd);
      const col1At = align(pixelsAt + n);
      const col2At = align(col1At + 4 * width);
      const s1At = align(col2At + 4 * width);
      const s2At = align(s1At + 4 * nb);
      ensure(s2At + 4 * nb);
      new Uint8Array(memory.buffer, pixelsAt, n).set(n === pixels.length ? pixels : pixels.subarray(0, n));
      exports.window_sums(pixelsAt, width, height, block, R, bw, bh, col1At, col2At, s1At, s2At);
      return { s1: new Int32Array(memory.buffer, s1At, nb).slice(), s2: new Int32Array(memory.buffer, s2At, nb).slice() };
    },
    smoothedMask(soft, width, height, r, inv, erodePx) {
      const n = width * height;
      // 16 bytes before and after the chamfer's d[], as distance() needs.
      const softAt = align(banksEnd);
      const tmpAt = align(softAt + 4 * n);
      const colAt = align(tmpAt + 4 * n);
      const maskAt = align(colAt + 8 * width);
      const dAt = align(maskAt + n + 16);
      const outAt = align(dAt + 4 * n + 16);
      ensure(outAt + 4 * n);
      new Float32Array(memory.buffer, softAt, n).set(n === soft.length ? soft : soft.subarray(0, n));
      if (r > 0) boxMean(softAt, tmpAt, colAt, width, height, r, inv);
      exports.threshold_half(softAt, maskAt, n);
      distance(maskAt, dAt, outAt, width, height);
      const area = exports.erode(outAt, maskAt, n, erodePx);
      return { mask: new Uint8Array(memory.buffer, maskAt, n).slice(), borderDistance: new Float32Array(memory.buffer, outAt, n).slice(), area };
    },
  };
  const skeletonCounts: SkeletonCountsKernel = {
    run(skeleton, width, height) {
      const n = width * height;
      const skAt = align(banksEnd);
      const countAt = align(skAt + n);
      // 16 bytes after count[]: the list's scan reads sixteen at a time.
      const listAt = align(countAt + n + 16);
      ensure(listAt + 4 * n);
      new Uint8Array(memory.buffer, skAt, n).set(n === skeleton.length ? skeleton : skeleton.subarray(0, n));
      const m = exports.skeleton_counts(skAt, countAt, listAt, width, height);
      return { count: new Uint8Array(memory.buffer, countAt, n).slice(), starts: new Int32Array(memory.buffer, listAt, m).slice() };
    },
  };
  kernels = {
    segmentation,
    skeletonCounts,
    enhance,
    boxMean: box,
    distance: chamfer,
    thin: thinning,
    binarize: binarization,
    resample: resampling,
    sobelCells: sobel,
    signature,
  };
  return kernels;
}
