/**
 * Synthetic ridge patterns with known truth, for the stage tests: gray = 128 + A·cos(2π·φ/T) with
 * a phase φ chosen per test — parallel ridges at a known angle and period, and a ridge dislocation
 * (φ gains T·atan2/2π around a point) which is exactly one minutia at that point (the
 * phase-singularity model of minutiae; Larkin & Fletcher 2007). Ridges are dark (cos = −1).
 */
import type { GrayImage } from '../gray-image.js';

/** Parallel ridges running at `angle` (pixel frame, radians) with period `period` px. */
export function parallelRidges(width: number, height: number, angle: number, period: number, amplitude = 100): GrayImage {
  const pixels = new Uint8Array(width * height);
  const nx = -Math.sin(angle), ny = Math.cos(angle); // across the ridges
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const phase = (x * nx + y * ny) / period;
      pixels[y * width + x] = Math.round(128 + amplitude * Math.cos(2 * Math.PI * phase));
    }
  }
  return { width, height, pixels, ppi: 500 };
}

/**
 * Horizontal ridges (period `period`) with one dislocation at (cx, cy): a single ridge ending or
 * bifurcation there, depending on `invert`.
 */
export function dislocation(width: number, height: number, cx: number, cy: number, period: number, invert = false): GrayImage {
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const phase = y / period + Math.atan2(y - cy, x - cx) / (2 * Math.PI);
      const v = Math.cos(2 * Math.PI * phase);
      pixels[y * width + x] = Math.round(128 + (invert ? -100 : 100) * v);
    }
  }
  return { width, height, pixels, ppi: 500 };
}

/** Adds deterministic pseudo-random noise (uniform ±amount), clamped to 0..255. */
export function withNoise(image: GrayImage, amount: number, seed = 1): GrayImage {
  let s = seed >>> 0;
  const rnd = (): number => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const pixels = image.pixels.map((v) => Math.max(0, Math.min(255, Math.round(v + (rnd() * 2 - 1) * amount))));
  return { ...image, pixels };
}

/** Keeps a disc of the pattern and fills the rest with flat light background. */
export function inDisc(image: GrayImage, radius: number, background = 220): GrayImage {
  const { width, height } = image;
  const cx = width / 2, cy = height / 2;
  const pixels = image.pixels.slice();
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if (Math.hypot(x - cx, y - cy) > radius) pixels[y * width + x] = background;
  return { ...image, pixels };
}

/**
 * Ridge-like texture with no finger in it: the sum of `waves` plane waves at random directions,
 * each with a period within ±15% of `period`, scaled to mean 128 and spread ±`contrast`·σ. It has
 * a fingerprint's contrast and ridge period and local coherence, so segmentation by contrast and
 * coherence lets it through, and its labyrinth of endings and forks makes hundreds of minutiae:
 * the "ridges of nothing" of a noisy sensor background (issue 15). Deterministic per `seed`.
 */
export function ridgeLabyrinth(width: number, height: number, seed = 1, period = 9, waves = 12, contrast = 60): GrayImage {
  let s = seed >>> 0;
  const rnd = (): number => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const acc = new Float32Array(width * height);
  for (let k = 0; k < waves; k++) {
    const a = rnd() * Math.PI, p = period * (0.85 + 0.3 * rnd()), phase = rnd() * 2 * Math.PI;
    const kx = (Math.cos(a) * 2 * Math.PI) / p, ky = (Math.sin(a) * 2 * Math.PI) / p;
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) acc[y * width + x] += Math.cos(kx * x + ky * y + phase);
  }
  let sq = 0;
  for (const v of acc) sq += v * v;
  const sd = Math.sqrt(sq / acc.length) || 1;
  const pixels = new Uint8Array(width * height);
  for (let i = 0; i < acc.length; i++) pixels[i] = Math.max(0, Math.min(255, Math.round(128 + (contrast * acc[i]) / sd)));
  return { width, height, pixels, ppi: 500 };
}

/** `print` pasted onto `background` with its top-left corner at (x, y) (clipped to the background). */
export function onBackground(print: GrayImage, background: GrayImage, x: number, y: number): GrayImage {
  const pixels = background.pixels.slice();
  for (let py = 0; py < print.height; py++) {
    const by = y + py;
    if (by < 0 || by >= background.height) continue;
    for (let px = 0; px < print.width; px++) {
      const bx = x + px;
      if (bx < 0 || bx >= background.width) continue;
      pixels[by * background.width + bx] = print.pixels[py * print.width + px];
    }
  }
  return { ...background, pixels };
}
