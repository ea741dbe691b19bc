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
 */
import { ridgeLabyrinth, withNoise } from '../../engine/fingerprint/extraction/synthetic-prints.js';
import type { GrayImage } from '../../engine/fingerprint/gray-image.js';
import { printedPattern, ruledLines, text } from '../../fixtures/latent-marks/mark-layers.js';
import { mulberry32 } from '../../fixtures/seeded-random.js';
import { toPpi500 } from '../../engine/fingerprint/resolution.js';
import { boxMean } from '../../engine/fingerprint/extraction/planes.js';

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
