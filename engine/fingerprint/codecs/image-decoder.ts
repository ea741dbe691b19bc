/**
 * The one entry for finger images: bytes in (PNG, JPEG, TIFF, BMP, raw 8-bit gray, WSQ or an
 * ANSI/NIST-ITL transaction), 8-bit gray images out, one per finger image found, each with where
 * it came from, its finger position and its resolution. Pure: no threads, no gRPC; the worker pool
 * calls it.
 *
 * Resolution: a caller-stated ppi wins (the proto's `ppi`, e.g. 569 for FVC2002 DB2); otherwise
 * the file's or record's own; otherwise `ppi` stays undefined and the extractor must refuse the
 * image unless told 500 (engine/fingerprint/resolution.ts decides that, not the decoders).
 */
import { EngineError } from '../../errors.js';
import type { DecodedImage, ImageFormatName } from './decoded-image.js';
import { MAX_IMAGE_BYTES, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, MAX_PLAUSIBLE_PPI, MIN_PLAUSIBLE_PPI } from './codec-parameters.js';
import { detectImageFormat, isJpeg2000, jpegFrameMarker } from './image-format.js';
import { decodeBmp } from './bmp-decoder.js';
import { decodeWithSharp } from './sharp-decoder.js';
import { decodeWsq } from './wsq-decoder.js';
import { decodeJpegLossless } from './jpeg-lossless-decoder.js';
import { decodeAnsiNistImages } from './ansi-nist-images.js';

export interface DecodeImageOptions {
  /** Undefined: detect from the magic bytes (RAW is never detected). */
  format?: ImageFormatName;
  /** RAW only. */
  width?: number;
  height?: number;
  /** Scanning resolution stated by the caller; 0 or undefined: take it from the file. */
  ppi?: number;
  /** Finger position code stated by the caller, for plain images (records carry their own). */
  fingerPosition?: number;
}

function checkPositiveInteger(v: number | undefined, field: string): number {
  if (v === undefined || !Number.isInteger(v) || v <= 0) throw EngineError.invalidArgument(field, 'must be a positive whole number for RAW images');
  return v;
}

export async function decodeImage(bytes: Uint8Array, opts: DecodeImageOptions = {}): Promise<DecodedImage[]> {
  if (bytes.length === 0) throw EngineError.invalidArgument('image.data', 'empty');
  if (bytes.length > MAX_IMAGE_BYTES) throw EngineError.invalidArgument('image.data', `${bytes.length} bytes is over the ${MAX_IMAGE_BYTES}-byte limit`);
  const statedPpi = opts.ppi === undefined || opts.ppi === 0 ? undefined : opts.ppi;
  if (statedPpi !== undefined && (!Number.isFinite(statedPpi) || statedPpi < MIN_PLAUSIBLE_PPI || statedPpi > MAX_PLAUSIBLE_PPI)) {
    throw EngineError.invalidArgument('image.ppi', `must be between ${MIN_PLAUSIBLE_PPI} and ${MAX_PLAUSIBLE_PPI} (or 0 to take it from the file)`);
  }
  const fingerPosition = opts.fingerPosition === undefined || opts.fingerPosition === 0 ? undefined : opts.fingerPosition;
  if (fingerPosition !== undefined && (!Number.isInteger(fingerPosition) || fingerPosition < 0 || fingerPosition > 255)) {
    throw EngineError.invalidArgument('image.finger_position', 'must be an ANSI/NIST finger position code');
  }
  let format = opts.format;
  if (format !== 'raw') {
    const detected = detectImageFormat(bytes);
    if (detected === undefined && isJpeg2000(bytes)) throw EngineError.invalidArgument('image.data', 'JPEG 2000 is not decoded (sharp\'s prebuilt libvips has no OpenJPEG)');
    if (detected === undefined) {
      throw EngineError.invalidArgument('image.data', 'unrecognised image format (PNG, JPEG, TIFF, BMP, WSQ and ANSI/NIST are detected from the bytes; RAW needs format RAW with width and height)');
    }
    if (format !== undefined && format !== detected) throw EngineError.invalidArgument('image.format', `declared ${format} but the bytes are ${detected}`);
    format = detected;
  }
  const single = (img: { width: number; height: number; pixels: Uint8Array; ppi?: number; declaredPpi?: number }, encoding: DecodedImage['encoding']): DecodedImage[] => {
    const out: DecodedImage = { width: img.width, height: img.height, pixels: img.pixels, source: 'image', encoding };
    const ppi = statedPpi ?? img.ppi;
    if (ppi !== undefined) out.ppi = ppi;
    if (img.declaredPpi !== undefined) out.declaredPpi = img.declaredPpi;
    if (fingerPosition !== undefined) out.fingerPosition = fingerPosition;
    return [out];
  };
  switch (format) {
    case 'raw': {
      const width = checkPositiveInteger(opts.width, 'image.width');
      const height = checkPositiveInteger(opts.height, 'image.height');
      if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
        throw EngineError.invalidArgument('image.width', `RAW size ${width}x${height} is over the limits (side ${MAX_IMAGE_SIDE}, ${MAX_IMAGE_PIXELS} pixels)`);
      }
      if (bytes.length !== width * height) {
        throw EngineError.invalidArgument('image.data', `RAW ${width}x${height} needs ${width * height} bytes (8-bit gray), got ${bytes.length}`);
      }
      return single({ width, height, pixels: bytes.slice() }, 'raw');
    }
    case 'jpeg':
      // Lossless JPEG (SOF3) is read by our own decoder: libjpeg-turbo in sharp has none.
      if (jpegFrameMarker(bytes) === 0xc3) return single(decodeJpegLossless(bytes), 'jpeg-lossless');
      return single(await decodeWithSharp(bytes, format), format);
    case 'png':
    case 'tiff':
      return single(await decodeWithSharp(bytes, format), format);
    case 'bmp':
      return single(decodeBmp(bytes), 'bmp');
    case 'wsq':
      return single(decodeWsq(bytes), 'wsq');
    case 'ansi-nist': {
      const images = await decodeAnsiNistImages(bytes);
      if (statedPpi !== undefined) for (const img of images) img.ppi = statedPpi;
      return images;
    }
  }
}
