/**
 * PNG, JPEG and TIFF through sharp (libvips), always as 8-bit grayscale: `.grayscale()` makes one
 * channel (sharp keeps 3 otherwise), alpha is flattened onto white first, 16-bit samples are scaled
 * to 8 bits by libvips. The pixel limit is enforced by sharp itself (`limitInputPixels`) before it
 * decodes. Multi-page TIFFs: the first page only.
 */
import sharp from 'sharp';
import { EngineError, ErrorCode } from '../../errors.js';
import type { GrayImage } from '../gray-image.js';
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, plausiblePpi } from './codec-parameters.js';

export type SharpFormat = 'png' | 'jpeg' | 'tiff';

export interface SharpImage extends GrayImage {
  declaredPpi?: number;
}

export async function decodeWithSharp(bytes: Uint8Array, format: SharpFormat): Promise<SharpImage> {
  const label = format.toUpperCase();
  let meta: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
  try {
    meta = await sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' }).metadata();
  } catch (e) {
    throw new EngineError(ErrorCode.InvalidArgument, `image.data: ${label}: unreadable (not a ${label} image, or corrupt)`, { field: 'image.data', cause: e });
  }
  const actual: string | undefined = meta.format;
  if (actual !== format) throw EngineError.invalidArgument('image.data', `declared ${label} but the bytes are ${actual ?? 'not an image sharp reads'}`);
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width <= 0 || height <= 0) throw EngineError.invalidArgument('image.data', `${label}: no image size`);
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    throw EngineError.invalidArgument('image.data', `${label}: image size ${width}x${height} is over the limits (side ${MAX_IMAGE_SIDE}, ${MAX_IMAGE_PIXELS} pixels)`);
  }
  let data: Buffer;
  let info: { width: number; height: number; channels: number };
  try {
    let pipeline = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' });
    if (meta.hasAlpha) pipeline = pipeline.flatten({ background: '#ffffff' });
    ({ data, info } = await pipeline.grayscale().raw().toBuffer({ resolveWithObject: true }));
  } catch (e) {
    throw new EngineError(ErrorCode.InvalidArgument, `image.data: ${label}: corrupt or truncated image data`, { field: 'image.data', cause: e });
  }
  if (info.channels !== 1 || info.width !== width || info.height !== height || data.length !== width * height) {
    throw EngineError.internal(`${label}: sharp returned ${info.channels} channels ${info.width}x${info.height}`);
  }
  const out: SharpImage = { width, height, pixels: new Uint8Array(data.buffer, data.byteOffset, data.length) };
  // sharp reports density in pixels per inch (converted from PNG pHYs / JFIF / TIFF units).
  if (meta.density !== undefined) {
    out.declaredPpi = meta.density;
    const ppi = plausiblePpi(meta.density);
    if (ppi !== undefined) out.ppi = ppi;
  }
  return out;
}
