/**
 * Brings a fingerprint image to the 500 ppi every extraction stage and every template assumes
 * (ISO/IEC 19794-2:2005 coordinates; FVC2002 DB2 is 569 ppi). Resampling is separable with a
 * triangle (linear) kernel widened by the scale factor when shrinking, so that no ridge aliases
 * (the same filter libvips/Pillow use for "linear" reduction).
 */
import { EngineError } from '../errors.js';
import type { GrayImage } from './gray-image.js';
import { resampleKernel, type ResampleAxis } from './extraction/extraction-simd.js';
import { MAX_INPUT_PPI, MAX_WORKING_SIDE, MIN_INPUT_PPI, PPI_TOLERANCE, WORKING_PPI } from './extraction/parameters.js';

/**
 * The image at 500 ppi. `ppi` (the request's word) overrides `image.ppi` (the record's); when both
 * are missing this is INVALID_ARGUMENT on `image.ppi`: a wrong guess would scale every ridge.
 */
/**
 * `kernel`: 'auto' resamples in WebAssembly SIMD where available (extraction-simd.ts: the same
 * sums in the same order, the same bytes), 'javascript' always here (the reference, for the test).
 */
export function toPpi500(image: GrayImage, ppi?: number, kernel: 'auto' | 'javascript' = 'auto'): GrayImage {
  const source = ppi ?? image.ppi;
  if (source === undefined) {
    throw EngineError.invalidArgument('image.ppi', 'the scanning resolution is missing; give it (500 if the image is already at 500 ppi)');
  }
  if (!Number.isFinite(source) || source < MIN_INPUT_PPI || source > MAX_INPUT_PPI) {
    throw EngineError.invalidArgument('image.ppi', `resolution must be between ${MIN_INPUT_PPI} and ${MAX_INPUT_PPI} ppi`);
  }
  const { width, height, pixels } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || pixels.length !== width * height) {
    throw EngineError.invalidArgument('image', 'width × height must equal the number of pixels');
  }
  if (Math.abs(source - WORKING_PPI) < PPI_TOLERANCE) return { width, height, pixels, ppi: WORKING_PPI };
  const scale = WORKING_PPI / source;
  const outW = Math.max(1, Math.round(width * scale));
  const outH = Math.max(1, Math.round(height * scale));
  const h = weights(width, outW);
  const v = weights(height, outH);
  // Weights and samples are ≥ 0, so a zero-weight tap adds +0 and leaves the sum's bits alone: each
  // sum runs over its nonzero taps only, in the same order. The vertical pass adds tap by tap to a
  // whole row of float64 sums (each sum still starts at 0 and takes its taps in order).
  const tmp = new Float32Array(outW * height);
  const hw = h.w, hTaps = h.taps, hStart = h.start;
  const hFirst = new Int32Array(outW), hEnd = new Int32Array(outW);
  for (let x = 0; x < outW; x++) {
    let a = x * hTaps, e = a + hTaps;
    while (a < e && hw[a] === 0) a++;
    while (e > a && hw[e - 1] === 0) e--;
    hFirst[x] = a;
    hEnd[x] = e;
  }
  // The module keeps the memory it grows to (extraction-simd.ts): inputs beyond the largest working
  // image's pixel count (very high resolutions) resample here rather than grow it further.
  const simd = kernel === 'auto' && width * height <= MAX_WORKING_SIDE * MAX_WORKING_SIDE ? resampleKernel() : null;
  if (simd) {
    const across: ResampleAxis = { w: hw, at: Int32Array.from(hStart, (s, x) => s - x * hTaps), first: hFirst, end: hEnd };
    const vFirst = new Int32Array(outH), vEnd = new Int32Array(outH);
    for (let y = 0; y < outH; y++) {
      let a = y * v.taps, e = a + v.taps;
      while (a < e && v.w[a] === 0) a++;
      while (e > a && v.w[e - 1] === 0) e--;
      vFirst[y] = a;
      vEnd[y] = e;
    }
    const down: ResampleAxis = { w: v.w, at: Int32Array.from(v.start, (s, y) => s - y * v.taps), first: vFirst, end: vEnd };
    return { width: outW, height: outH, pixels: simd.run(pixels, width, height, outW, outH, across, down), ppi: WORKING_PPI };
  }
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const trow = y * outW;
    for (let x = 0; x < outW; x++) {
      let s = 0;
      const at = row + hStart[x] - x * hTaps;
      for (let k = hFirst[x], e = hEnd[x]; k < e; k++) s += hw[k] * pixels[at + k];
      tmp[trow + x] = s;
    }
  }
  const out = new Uint8Array(outW * outH);
  const acc = new Float64Array(outW);
  const vw = v.w, vTaps = v.taps;
  for (let y = 0; y < outH; y++) {
    acc.fill(0);
    const start = v.start[y];
    const base = y * vTaps;
    for (let k = 0; k < vTaps; k++) {
      const wk = vw[base + k];
      if (wk === 0) continue;
      const trow = (start + k) * outW;
      for (let x = 0; x < outW; x++) acc[x] += wk * tmp[trow + x];
    }
    const orow = y * outW;
    for (let x = 0; x < outW; x++) {
      // Math.round(s) for 0 ≤ s (s − ⌊s⌋ is exact): V8 compiles Math.round to a slow call here.
      const s = acc[x];
      const f = s | 0;
      out[orow + x] = s < 0 ? 0 : s > 255 ? 255 : s - f >= 0.5 ? f + 1 : f;
    }
  }
  return { width: outW, height: outH, pixels: out, ppi: WORKING_PPI };
}

/** Per output sample: first input index and `taps` normalised weights (zero-padded, clamped to the image). */
function weights(inSize: number, outSize: number): { start: Int32Array; w: Float32Array; taps: number } {
  const ratio = inSize / outSize;
  const support = Math.max(1, ratio); // triangle half-width in input pixels
  const taps = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(outSize);
  const w = new Float32Array(outSize * taps);
  for (let o = 0; o < outSize; o++) {
    const center = (o + 0.5) * ratio - 0.5;
    let first = Math.floor(center - support) + 1;
    first = Math.max(0, Math.min(first, inSize - taps));
    if (first < 0) first = 0;
    start[o] = first;
    let sum = 0;
    for (let k = 0; k < taps; k++) {
      const i = first + k;
      const wt = i < inSize ? Math.max(0, 1 - Math.abs(i - center) / support) : 0;
      w[o * taps + k] = wt;
      sum += wt;
    }
    for (let k = 0; k < taps; k++) w[o * taps + k] /= sum || 1;
  }
  return { start, w, taps };
}
