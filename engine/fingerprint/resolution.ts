/**
 * Brings a fingerprint image to the 500 ppi every extraction stage and every template assumes
 * (ISO/IEC 19794-2:2005 coordinates; FVC2002 DB2 is 569 ppi). Resampling is separable with a
 * triangle (linear) kernel widened by the scale factor when shrinking, so that no ridge aliases
 * (the same filter libvips/Pillow use for "linear" reduction).
 */
import { EngineError } from '../errors.js';
import type { GrayImage } from './gray-image.js';
import { MAX_INPUT_PPI, MIN_INPUT_PPI, PPI_TOLERANCE, WORKING_PPI } from './extraction/parameters.js';

/**
 * The image at 500 ppi. `ppi` (the request's word) overrides `image.ppi` (the record's); when both
 * are missing this is INVALID_ARGUMENT on `image.ppi`: a wrong guess would scale every ridge.
 */
export function toPpi500(image: GrayImage, ppi?: number): GrayImage {
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
  const tmp = new Float32Array(outW * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < outW; x++) {
      let s = 0;
      const start = h.start[x];
      const base = x * h.taps;
      for (let k = 0; k < h.taps; k++) s += h.w[base + k] * pixels[row + start + k];
      tmp[y * outW + x] = s;
    }
  }
  const out = new Uint8Array(outW * outH);
  for (let y = 0; y < outH; y++) {
    const start = v.start[y];
    const base = y * v.taps;
    for (let x = 0; x < outW; x++) {
      let s = 0;
      for (let k = 0; k < v.taps; k++) s += v.w[base + k] * tmp[(start + k) * outW + x];
      out[y * outW + x] = s < 0 ? 0 : s > 255 ? 255 : Math.round(s);
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
