/**
 * Loads an image file as 8-bit gray through sharp, for the extraction scripts and benchmarks
 * (FVC2002 TIFFs carry no resolution: DB1/DB3/DB4 are 500 ppi, DB2 569 ppi).
 */
import sharp from 'sharp';
import type { GrayImage } from '../engine/fingerprint/gray-image.js';

export async function loadGray(path: string, ppi?: number): Promise<GrayImage> {
  const { data, info } = await sharp(path).grayscale().raw().toBuffer({ resolveWithObject: true });
  const pixels = new Uint8Array(info.width * info.height);
  // sharp may return more than one channel for some inputs even after grayscale(); take the first.
  for (let i = 0; i < pixels.length; i++) pixels[i] = data[i * info.channels];
  return { width: info.width, height: info.height, pixels, ...(ppi === undefined ? {} : { ppi }) };
}

/** FVC2002 set resolution from a path containing db1..db4. */
export function fvcPpi(path: string): number | undefined {
  const m = /db([1-4])/i.exec(path);
  if (!m) return undefined;
  return m[1] === '2' ? 569 : 500;
}
