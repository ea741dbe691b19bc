/**
 * Sensor-like conditions for development variety (issue 15 point 1): each turns an FVC2002 image
 * into what another sensor or another finger state might give, so that a change is judged on
 * more than the four sets it was tuned on. Deterministic (noise seeded per image).
 * - ppi-250 / ppi-400 / ppi-1000: resampled to that resolution (and declared so), as a sensor of
 *   that resolution would scan; the extractor brings it back to 500 ppi.
 * - dry / wet: ridges eroded / dilated by a 3×3 gray-level max / min filter (dark ridges thin and
 *   break, or thicken and merge; Maltoni et al., Handbook 2nd ed. §3.1 on skin conditions).
 * - low-contrast: gray levels squeezed to 30% of their spread around a light mean (light pressure,
 *   a faint capacitive image).
 * - noise: additive noise, uniform ±40 gray levels (σ ≈ 23).
 * - noisy-background: platen residue: a faint ridge-like labyrinth (period 9 px) darkens the light
 *   background and valleys (min of print and texture), the "ridges of nothing" of issue 15.
 * Development backgrounds (issue 15 point 2; added with the block classifier of
 * docs/decisions/segmentation-block-classifier.md, tuned on with noisy-background): ridge-like
 * textures at other periods, contrasts and shapes, each seeded per image, darkening the image
 * multiplicatively (so that they show on a gray sensor background as on a white one).
 * - wood-grain: parallel lines of period 6–20 px, warped by two slow waves (wood's growth rings):
 *   coherent over a wide area, like a finger, darkening by up to 12–30%.
 * - woven-fabric: a plaid of two crossing thread sets of period 5–14 px, turned by a random angle,
 *   darkening by up to 10–25%: two orientations in every block.
 * - surface-noise: a photographed rough surface: seeded noise blurred to 1.5–4 px grains, with a
 *   slow shading, darkening by 10–25% ± 8–20%: dots and blobs with no orientation.
 * Held out (never tuned on; docs/decisions/segmentation-any-background.md): backgrounds of other
 * kinds, to show whether a segmentation change fits the noisy-background generator or the print.
 * - printed-background: the print on printed paper: a grid, stripes, halftone dots or rings of
 *   period 5–30 px (the ridge period included), ruled lines and lines of text, the surface layers
 *   of the latent-mark generator (fixtures/latent-marks/mark-layers.ts), darkening the whole image
 *   multiplicatively (ink under the print).
 * - ghost-print: a previous finger's residue on the platen: the same print turned by 180° ± 30°,
 *   scaled by 1.3–1.5 (ridge period 12–14 px instead of 9) and shifted by a third of the image,
 *   at 35% of its contrast, darkening the image where it is darker (min of the two). Real ridges
 *   with a smooth orientation field: only contrast and shape tell it from the live finger.
 * Held out for the noise-adaptive pre-filter (never tuned on; declared before any EER run with it,
 * docs/decisions/tenprint-noise-prefilter.md): pixel noise of other kinds than the tuned `noise`.
 * - gaussian-noise: additive Gaussian noise of σ 12 gray levels (Box–Muller), clamped to 0..255:
 *   a noisier sensor's read-out, at about half the tuned noise's σ and with its long tails.
 * - salt-pepper: 3% of the pixels set to black or white (half each): impulse noise of dead and hot
 *   sensor cells or dust, which a low-pass spreads rather than removes.
 * - wet-blur: a wet finger of another kind than `wet` (held out, never tuned on;
 *   docs/decisions/wet-closed-valleys.md): moisture blurs the ridge edges and darkens the valleys
 *   without a rank filter's sharp, square-shaped spread: a Gaussian-like blur (σ ≈ 1.15 px: a 3×3
 *   box mean twice) then gray levels darkened by a gamma of 2 (v → 255·(v/255)²).
 * Sensors of other kinds (held out, never tuned on: used for no choice, read only by later studies'
 * keep rules; docs/decisions/sensor-conditions.md, issue 15 point 1: FVC2000 / FVC2004-like skin
 * distortion, small capacitive areas, sweep sensors). Each impression draws its own parameters
 * (seeded per file name), so a genuine pair sees two different distortions, crops or sweeps.
 * Lengths are at 500 ppi and scaled by ppi / 500.
 * - distortion: plastic skin distortion after Cappelli, Maio & Maltoni, "Modelling plastic
 *   distortion in fingerprint images" (ICAPR 2001): a close-contact disc of radius r 50–80 px about
 *   the finger's centre (the centroid of the pixels darker than the median, the middle if there
 *   are none) stays as it is; beyond a transition band of width k 60–120 px the skin moves
 *   rigidly (a turn θ of 3–8° either way about the disc's centre and a shift of 8–18 px in any
 *   direction); inside the band the move is scaled by the paper's brake function, here the raised
 *   cosine ½(1 − cos(π·d/k)) of the distance d past the disc (0 on the disc, 1 at the band's outer
 *   edge, smooth at both). Inverse mapping: each output pixel reads the source at the model's
 *   displaced point (bilinear), so the model is evaluated in the output's frame; with θ and the
 *   shift drawn symmetrically that is the same family of distortions. Outside the source: the
 *   image's background level (its 95th-percentile gray).
 * - small-sensor: a small capacitive area: a window of 62% × 62% of the image (about 38% of its
 *   area), its centre uniform within the middle half (each axis) of the finger's bounding box
 *   (pixels darker than the median, 1st–99th percentile of their coordinates so that stray dark
 *   specks do not widen it; the whole image if there are none), clamped inside the image. The
 *   output is the crop; ppi unchanged.
 * - sweep: a sweep (swipe) sensor's reconstruction from slices: the finger's speed varies along the
 *   sweep, so rows are stretched or squeezed by a local vertical scale
 *   s(y) = s0·(1 + a·sin(2π·y/L + φ)), s0 0.9–1.1, a 0.08–0.15, L 150–300 px, φ uniform (y the
 *   finger's own row); the output row Y(y) = ∫₀ʸ s, the output height Y(height); each output row
 *   interpolated linearly between the two source rows around Y⁻¹.
 */
import { ridgeLabyrinth, withNoise } from '../../engine/fingerprint/extraction/synthetic-prints.js';
import type { GrayImage } from '../../engine/fingerprint/gray-image.js';
import { printedPattern, ruledLines, text } from '../../fixtures/latent-marks/mark-layers.js';
import { mulberry32 } from '../../fixtures/seeded-random.js';
import { toPpi500 } from '../../engine/fingerprint/resolution.js';
import { boxMean } from '../../engine/fingerprint/extraction/planes.js';
import { type DistortionDraw, distortionSource } from '../../fixtures/skin-distortion.js';

// The distortion model itself lives in fixtures/skin-distortion.ts (shared with the synthetic
// finger generator); re-exported for this file's users.
export { type DistortionDraw, distortionSource };

export interface Condition {
  name: string;
  /** The image (at `ppi`) as the condition would give it, and the resolution to declare. */
  apply(image: GrayImage, ppi: number, seed: number): { image: GrayImage; ppi: number };
}

function resampledTo(target: number): Condition['apply'] {
  // toPpi500 scales by 500/source: declaring source = 500·ppi/target scales by target/ppi.
  return (image, ppi) => ({ image: { ...toPpi500(image, (500 * ppi) / target), ppi: target }, ppi: target });
}

function rankFilter(image: GrayImage, pick: (a: number, b: number) => number): GrayImage {
  const { width: w, height: h, pixels } = image;
  const out = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let v = pixels[y * w + x];
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= h) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx >= 0 && xx < w) v = pick(v, pixels[yy * w + xx]);
        }
      }
      out[y * w + x] = v;
    }
  }
  return { ...image, pixels: out };
}

function lowContrast(image: GrayImage): GrayImage {
  let sum = 0;
  for (const v of image.pixels) sum += v;
  const mean = sum / image.pixels.length;
  const pixels = image.pixels.map((v) => Math.max(0, Math.min(255, Math.round(190 + (v - mean) * 0.3))));
  return { ...image, pixels };
}

function noisyBackground(image: GrayImage, seed: number): GrayImage {
  const texture = ridgeLabyrinth(image.width, image.height, seed, 9, 12, 30);
  const pixels = image.pixels.map((v, i) => Math.min(v, texture.pixels[i] + 72)); // texture mean ≈ 200
  return { ...image, pixels };
}

function printedBackground(image: GrayImage, seed: number): GrayImage {
  const rand = mulberry32(seed);
  const { width: w, height: h } = image;
  const layers = [printedPattern(rand, w, h), ruledLines(rand, w, h), text(rand, w, h)];
  const pixels = image.pixels.map((v, i) => {
    let d = 0;
    for (const l of layers) if (l.d[i] > d) d = l.d[i];
    return Math.round(v * (1 - d));
  });
  return { ...image, pixels };
}

function ghostPrint(image: GrayImage, seed: number): GrayImage {
  const rand = mulberry32(seed);
  const { width: w, height: h, pixels: src } = image;
  const angle = Math.PI + (rand() * 2 - 1) * (Math.PI / 6);
  const scale = 1.3 + 0.2 * rand();
  const sx = (rand() < 0.5 ? -1 : 1) * w / 3, sy = (rand() < 0.5 ? -1 : 1) * h / 3;
  const c = Math.cos(angle) / scale, s = Math.sin(angle) / scale;
  const cx = w / 2, cy = h / 2;
  const pixels = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      // Source pixel of the ghost at (x, y): undo the shift, the scale and the turn about the centre.
      const u = x - cx - sx, v = y - cy - sy;
      const fx = cx + c * u + s * v, fy = cy - s * u + c * v;
      const x0 = Math.floor(fx), y0 = Math.floor(fy);
      const v0 = src[y * w + x];
      if (x0 < 0 || y0 < 0 || x0 + 1 >= w || y0 + 1 >= h) { pixels[y * w + x] = v0; continue; }
      const tx = fx - x0, ty = fy - y0;
      const i = y0 * w + x0;
      const g = (src[i] * (1 - tx) + src[i + 1] * tx) * (1 - ty) + (src[i + w] * (1 - tx) + src[i + w + 1] * tx) * ty;
      const ghost = 255 - 0.35 * (255 - g);
      pixels[y * w + x] = Math.min(v0, Math.round(ghost));
    }
  }
  return { ...image, pixels };
}

/** Wood grain: warped parallel lines (see the file comment). */
function woodGrain(image: GrayImage, seed: number): GrayImage {
  const rand = mulberry32(seed);
  const { width: w, height: h } = image;
  const period = 6 + 14 * rand(), angle = rand() * Math.PI, depth = 0.12 + 0.18 * rand();
  const a1 = 4 + 20 * rand(), l1 = 60 + 140 * rand(), p1 = rand() * 2 * Math.PI;
  const a2 = 2 + 8 * rand(), l2 = 20 + 40 * rand(), p2 = rand() * 2 * Math.PI;
  const c = Math.cos(angle), s = Math.sin(angle);
  const pixels = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const along = x * c + y * s, across = -x * s + y * c;
      const u = across + a1 * Math.sin((2 * Math.PI * along) / l1 + p1) + a2 * Math.sin((2 * Math.PI * along) / l2 + p2);
      const t = 0.5 + 0.5 * Math.cos((2 * Math.PI * u) / period);
      const i = y * w + x;
      pixels[i] = Math.round(image.pixels[i] * (1 - depth * t));
    }
  }
  return { ...image, pixels };
}

/** Woven fabric: two crossing thread sets (see the file comment). */
function wovenFabric(image: GrayImage, seed: number): GrayImage {
  const rand = mulberry32(seed);
  const { width: w, height: h } = image;
  const period = 5 + 9 * rand(), angle = rand() * Math.PI, depth = 0.1 + 0.15 * rand();
  const c = Math.cos(angle), s = Math.sin(angle);
  const k = (2 * Math.PI) / period;
  const pixels = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const u = x * c + y * s, v = -x * s + y * c;
      // Over-under: the thread on top alternates each period, so each crossing is dark on one axis.
      const weft = 0.5 + 0.5 * Math.cos(k * u), warp = 0.5 + 0.5 * Math.cos(k * v);
      const top = Math.cos((k * (u + v)) / 2) > 0 ? weft : warp;
      const i = y * w + x;
      pixels[i] = Math.round(image.pixels[i] * (1 - depth * (0.6 * top + 0.4 * Math.max(weft, warp))));
    }
  }
  return { ...image, pixels };
}

/** A photographed rough surface: blurred seeded noise and a slow light slope (see the file comment). */
function surfaceNoise(image: GrayImage, seed: number): GrayImage {
  const rand = mulberry32(seed);
  const { width: w, height: h } = image;
  const grain = 1.5 + 2.5 * rand(), base = 0.1 + 0.15 * rand(), spread = 0.08 + 0.12 * rand();
  const slopeX = (rand() * 2 - 1) * 0.08, slopeY = (rand() * 2 - 1) * 0.08;
  const n = w * h;
  const noise = new Float32Array(n);
  for (let i = 0; i < n; i++) noise[i] = rand() - 0.5;
  const tmp = new Float32Array(n);
  // Three box passes ≈ a Gaussian of σ ≈ grain.
  const r = Math.max(1, Math.round(grain));
  for (let k = 0; k < 3; k++) boxMean(noise, w, h, r, tmp);
  let sq = 0;
  for (let i = 0; i < n; i++) sq += noise[i] * noise[i];
  const sd = Math.sqrt(sq / n) || 1;
  const pixels = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const d = base + slopeX * (x / w - 0.5) + slopeY * (y / h - 0.5) + (spread * noise[i]) / sd;
      pixels[i] = Math.round(image.pixels[i] * (1 - Math.max(0, Math.min(0.6, d))));
    }
  }
  return { ...image, pixels };
}

/** Additive Gaussian noise of σ gray levels, seeded (Box–Muller on mulberry32). */
function gaussianNoise(image: GrayImage, sigma: number, seed: number): GrayImage {
  const rand = mulberry32(seed);
  const pixels = new Uint8Array(image.pixels.length);
  for (let i = 0; i < pixels.length; i++) {
    const g = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
    pixels[i] = Math.max(0, Math.min(255, Math.round(image.pixels[i] + sigma * g)));
  }
  return { ...image, pixels };
}

/** Impulse noise: each pixel, with probability `density`, set to 0 or 255 (even odds), seeded. */
function saltAndPepper(image: GrayImage, density: number, seed: number): GrayImage {
  const rand = mulberry32(seed);
  const pixels = image.pixels.map((v) => {
    const r = rand();
    return r < density / 2 ? 0 : r < density ? 255 : v;
  });
  return { ...image, pixels };
}

/** The `wet-blur` condition: blurred ridge edges, darkened valleys. No randomness. */
export function wetBlur(image: GrayImage): GrayImage {
  const { width: w, height: h, pixels } = image;
  const v = Float32Array.from(pixels);
  const tmp = new Float32Array(w * h);
  boxMean(v, w, h, 1, tmp, 'javascript');
  boxMean(v, w, h, 1, tmp, 'javascript');
  const out = new Uint8Array(w * h);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(255 * (v[i] / 255) ** 2);
  return { ...image, pixels: out };
}

/** The gray level at fraction `q` (0–1) of the sorted pixels (a counting sort: 256 levels). */
function grayQuantile(pixels: Uint8Array, q: number): number {
  const hist = new Uint32Array(256);
  for (const v of pixels) hist[v]++;
  const rank = Math.min(pixels.length - 1, Math.floor(q * pixels.length));
  let seen = 0;
  for (let v = 0; v < 256; v++) {
    seen += hist[v];
    if (seen > rank) return v;
  }
  return 255;
}

/** Pixels darker than the median gray: the finger, on a light sensor background. */
function darkPixels(image: GrayImage): { xs: number[]; ys: number[] } {
  const median = grayQuantile(image.pixels, 0.5);
  const xs: number[] = [], ys: number[] = [];
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) if (image.pixels[y * image.width + x] < median) { xs.push(x); ys.push(y); }
  }
  return { xs, ys };
}

/** Bilinear sample of `image` at (fx, fy); `fill` outside. */
function bilinear(image: GrayImage, fx: number, fy: number, fill: number): number {
  const { width: w, height: h, pixels } = image;
  const x0 = Math.floor(fx), y0 = Math.floor(fy);
  if (x0 < 0 || y0 < 0 || x0 >= w || y0 >= h) return fill;
  const tx = fx - x0, ty = fy - y0;
  const i = y0 * w + x0;
  // At the last row or column the neighbour beyond is only read with weight 0.
  const x1 = x0 + 1 < w ? 1 : 0, y1 = y0 + 1 < h ? w : 0;
  return (pixels[i] * (1 - tx) + pixels[i + x1] * tx) * (1 - ty) + (pixels[i + y1] * (1 - tx) + pixels[i + y1 + x1] * tx) * ty;
}

export function distortionDraw(image: GrayImage, ppi: number, seed: number): DistortionDraw {
  const rand = mulberry32(seed);
  const unit = ppi / 500;
  const { xs, ys } = darkPixels(image);
  const cx = xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : (image.width - 1) / 2;
  const cy = ys.length ? ys.reduce((a, b) => a + b, 0) / ys.length : (image.height - 1) / 2;
  const r = (50 + 30 * rand()) * unit, k = (60 + 60 * rand()) * unit;
  const theta = (rand() < 0.5 ? -1 : 1) * (3 + 5 * rand()) * (Math.PI / 180);
  const shift = (8 + 10 * rand()) * unit, heading = 2 * Math.PI * rand();
  return { cx, cy, r, k, theta, dx: shift * Math.cos(heading), dy: shift * Math.sin(heading) };
}

/** `image` under a given distortion (a study may pass a variant, e.g. the rigid move alone). */
export function distortedImage(image: GrayImage, draw: DistortionDraw): GrayImage {
  const fill = grayQuantile(image.pixels, 0.95);
  const { width: w, height: h } = image;
  const pixels = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [fx, fy] = distortionSource(draw, x, y);
      pixels[y * w + x] = Math.round(bilinear(image, fx, fy, fill));
    }
  }
  return { ...image, pixels };
}

function distortion(image: GrayImage, ppi: number, seed: number): GrayImage {
  return distortedImage(image, distortionDraw(image, ppi, seed));
}

/** One impression's small-sensor window (see the file comment), inside the image. */
export function smallSensorWindow(image: GrayImage, seed: number): { x: number; y: number; width: number; height: number } {
  const rand = mulberry32(seed);
  const { width: w, height: h } = image;
  const width = Math.max(1, Math.round(0.62 * w)), height = Math.max(1, Math.round(0.62 * h));
  const { xs, ys } = darkPixels(image);
  const quantile = (v: number[], q: number): number => [...v].sort((a, b) => a - b)[Math.min(v.length - 1, Math.floor(q * v.length))];
  const box = xs.length
    ? { x0: quantile(xs, 0.01), x1: quantile(xs, 0.99), y0: quantile(ys, 0.01), y1: quantile(ys, 0.99) }
    : { x0: 0, x1: w - 1, y0: 0, y1: h - 1 };
  const cx = box.x0 + (box.x1 - box.x0) * (0.25 + 0.5 * rand());
  const cy = box.y0 + (box.y1 - box.y0) * (0.25 + 0.5 * rand());
  const x = Math.max(0, Math.min(w - width, Math.round(cx - width / 2)));
  const y = Math.max(0, Math.min(h - height, Math.round(cy - height / 2)));
  return { x, y, width, height };
}

function smallSensor(image: GrayImage, seed: number): GrayImage {
  const { x, y, width, height } = smallSensorWindow(image, seed);
  const pixels = new Uint8Array(width * height);
  for (let row = 0; row < height; row++) pixels.set(image.pixels.subarray((y + row) * image.width + x, (y + row) * image.width + x + width), row * width);
  return { ...image, width, height, pixels };
}

/**
 * The sweep's row map: for each output row, the source row (fractional) it shows, increasing.
 * Y(y) = ∫₀ʸ s = s0·(y + a·L/(2π)·(cos φ − cos(2π·y/L + φ))), inverted by bisection (Y is
 * increasing: s > 0 since a < 1).
 */
export function sweepRowMap(height: number, ppi: number, seed: number): Float64Array {
  const rand = mulberry32(seed);
  const s0 = 0.9 + 0.2 * rand(), a = 0.08 + 0.07 * rand(), L = (150 + 150 * rand()) * (ppi / 500), phi = 2 * Math.PI * rand();
  const Y = (y: number): number => s0 * (y + ((a * L) / (2 * Math.PI)) * (Math.cos(phi) - Math.cos((2 * Math.PI * y) / L + phi)));
  const last = height - 1;
  const rows = Math.max(1, Math.floor(Y(last)) + 1);
  const map = new Float64Array(rows);
  for (let row = 1; row < rows; row++) { // row 0 is source row 0: Y(0) = 0
    let lo = 0, hi = last;
    for (let it = 0; it < 40; it++) {
      const mid = (lo + hi) / 2;
      if (Y(mid) < row) lo = mid; else hi = mid;
    }
    map[row] = Math.min(last, (lo + hi) / 2);
  }
  return map;
}

function sweep(image: GrayImage, ppi: number, seed: number): GrayImage {
  const map = sweepRowMap(image.height, ppi, seed);
  const { width: w, height: h } = image;
  const pixels = new Uint8Array(w * map.length);
  for (let row = 0; row < map.length; row++) {
    const y0 = Math.floor(map[row]), t = map[row] - y0, y1 = Math.min(h - 1, y0 + 1);
    for (let x = 0; x < w; x++) pixels[row * w + x] = Math.round(image.pixels[y0 * w + x] * (1 - t) + image.pixels[y1 * w + x] * t);
  }
  return { ...image, height: map.length, pixels };
}

export const CONDITIONS: readonly Condition[] = [
  { name: 'none', apply: (image, ppi) => ({ image, ppi }) },
  { name: 'ppi-250', apply: resampledTo(250) },
  { name: 'ppi-400', apply: resampledTo(400) },
  { name: 'ppi-1000', apply: resampledTo(1000) },
  { name: 'dry', apply: (image, ppi) => ({ image: rankFilter(image, Math.max), ppi }) },
  { name: 'wet', apply: (image, ppi) => ({ image: rankFilter(image, Math.min), ppi }) },
  { name: 'low-contrast', apply: (image, ppi) => ({ image: lowContrast(image), ppi }) },
  { name: 'noise', apply: (image, ppi, seed) => ({ image: withNoise(image, 40, seed), ppi }) },
  { name: 'noisy-background', apply: (image, ppi, seed) => ({ image: noisyBackground(image, seed), ppi }) },
  { name: 'wood-grain', apply: (image, ppi, seed) => ({ image: woodGrain(image, seed), ppi }) },
  { name: 'woven-fabric', apply: (image, ppi, seed) => ({ image: wovenFabric(image, seed), ppi }) },
  { name: 'surface-noise', apply: (image, ppi, seed) => ({ image: surfaceNoise(image, seed), ppi }) },
  { name: 'printed-background', apply: (image, ppi, seed) => ({ image: printedBackground(image, seed), ppi }) },
  { name: 'ghost-print', apply: (image, ppi, seed) => ({ image: ghostPrint(image, seed), ppi }) },
  { name: 'gaussian-noise', apply: (image, ppi, seed) => ({ image: gaussianNoise(image, 12, seed), ppi }) },
  { name: 'salt-pepper', apply: (image, ppi, seed) => ({ image: saltAndPepper(image, 0.03, seed), ppi }) },
  { name: 'wet-blur', apply: (image, ppi) => ({ image: wetBlur(image), ppi }) },
  // Sensors of other kinds: held out, never tuned on (see the file comment).
  { name: 'distortion', apply: (image, ppi, seed) => ({ image: distortion(image, ppi, seed), ppi }) },
  { name: 'small-sensor', apply: (image, ppi, seed) => ({ image: smallSensor(image, seed), ppi }) },
  { name: 'sweep', apply: (image, ppi, seed) => ({ image: sweep(image, ppi, seed), ppi }) },
];

export function conditionNamed(name: string): Condition {
  const c = CONDITIONS.find((k) => k.name === name);
  if (!c) throw new Error(`unknown condition ${name}; one of ${CONDITIONS.map((k) => k.name).join(', ')}`);
  return c;
}

/** A stable seed per file name, so that a condition's noise is the same on every run. */
export function seedOf(name: string): number {
  let h = 2166136261;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 16777619);
  return h >>> 0 || 1;
}
