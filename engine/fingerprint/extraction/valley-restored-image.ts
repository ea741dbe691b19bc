/**
 * Valleys given back their width where the ridges have spread into them (a wet or moist finger,
 * heavy pressure): on a normal print a ridge fills about half its period (Maltoni et al., Handbook
 * 2nd ed. §3.2), so where the pixels darker than their local mean fill much more of a window than
 * that, the valleys have narrowed and every stage after sees less of them. There a 3×3 gray-level
 * max filter (erosion of the dark ridges by one pixel) widens each surviving valley by two pixels,
 * blended in as the local ridge share rises over the threshold. Where the share stays below it the
 * image is untouched; with nothing over it (or the threshold 0, off) the image itself is returned,
 * so extraction is bit-identical. docs/decisions/wet-closed-valleys.md.
 */
import type { GrayImage } from '../gray-image.js';
import { VALLEY_RESTORE_BLEND, VALLEY_RESTORE_RADIUS } from './parameters.js';
import { boxMean } from './planes.js';

/** The local ridge share: per pixel, the share of its (2r+1)² window darker than the pixel's own local mean. */
export function ridgeShare(image: GrayImage, r: number): Float32Array {
  const { width: w, height: h, pixels } = image;
  const mean = Float32Array.from(pixels);
  boxMean(mean, w, h, r);
  const dark = new Float32Array(w * h);
  for (let i = 0; i < dark.length; i++) dark[i] = pixels[i] < mean[i] ? 1 : 0;
  boxMean(dark, w, h, r);
  return dark;
}

export function valleyRestoredImage(image: GrayImage, threshold: number): GrayImage {
  if (!(threshold > 0)) return image;
  const { width: w, height: h, pixels } = image;
  const share = ridgeShare(image, VALLEY_RESTORE_RADIUS);
  let out: Uint8Array | undefined;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const s = share[i] - threshold;
      if (s <= 0) continue;
      let v = pixels[i];
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy < 0 ? 0 : y + dy >= h ? h - 1 : y + dy;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx < 0 ? 0 : x + dx >= w ? w - 1 : x + dx;
          const u = pixels[yy * w + xx];
          if (u > v) v = u;
        }
      }
      const a = s >= VALLEY_RESTORE_BLEND ? 1 : s / VALLEY_RESTORE_BLEND;
      out ??= Uint8Array.from(pixels);
      out[i] = Math.round(pixels[i] + a * (v - pixels[i]));
    }
  }
  return out ? { ...image, pixels: out } : image;
}
