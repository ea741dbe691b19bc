/**
 * A Windows BMP reader (sharp/libvips does not read BMP): BITMAPCOREHEADER (12 bytes) and
 * BITMAPINFOHEADER (40) and its V2–V5 extensions; 1, 4 and 8-bit palette images, 24-bit BGR and
 * 32-bit BGRX / BI_BITFIELDS; bottom-up (positive height) and top-down (negative height) rows.
 * Colour is brought to gray with ITU-R BT.601 luma weights (0.299 R + 0.587 G + 0.114 B), which
 * leaves gray palettes unchanged. Run-length (RLE4/RLE8), 16-bit and PNG/JPEG-in-BMP are refused.
 */
import { EngineError } from '../../errors.js';
import type { GrayImage } from '../gray-image.js';
import { MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE, plausiblePpi, pxPerMetreToPpi } from './codec-parameters.js';

const FIELD = 'image.data';
const fail = (reason: string): EngineError => EngineError.invalidArgument(FIELD, `BMP: ${reason}`);

function u16(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}
function u32(b: Uint8Array, at: number): number {
  return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;
}
function i32(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24);
}

const luma = (r: number, g: number, b: number): number => Math.round(0.299 * r + 0.587 * g + 0.114 * b);

/** Shift and width of a contiguous bit mask (BI_BITFIELDS). */
function maskShape(mask: number): { shift: number; bits: number } {
  if (mask === 0) return { shift: 0, bits: 0 };
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  let bits = 0;
  while (((mask >>> (shift + bits)) & 1) === 1 && shift + bits < 32) bits++;
  return { shift, bits };
}

export interface BmpImage extends GrayImage {
  declaredPpi?: number;
}

export function decodeBmp(bytes: Uint8Array): BmpImage {
  if (bytes.length < 26 || bytes[0] !== 0x42 || bytes[1] !== 0x4d) throw fail('no "BM" signature or shorter than its headers');
  const dataOffset = u32(bytes, 10);
  const headerSize = u32(bytes, 14);
  let width: number;
  let height: number;
  let bpp: number;
  let compression = 0;
  let colorsUsed = 0;
  let xppm = 0;
  let paletteEntrySize = 4;
  if (headerSize === 12) {
    width = u16(bytes, 18);
    height = (u16(bytes, 20) << 16) >> 16;
    bpp = u16(bytes, 24);
    paletteEntrySize = 3;
  } else if (headerSize >= 40 && headerSize <= 124) {
    if (bytes.length < 14 + 40) throw fail('truncated BITMAPINFOHEADER');
    width = i32(bytes, 18);
    height = i32(bytes, 22);
    bpp = u16(bytes, 28);
    compression = u32(bytes, 30);
    xppm = i32(bytes, 38);
    colorsUsed = u32(bytes, 46);
  } else {
    throw fail(`unsupported header size ${headerSize} (read: 12, 40..124)`);
  }
  const topDown = height < 0;
  height = Math.abs(height);
  if (width <= 0 || height <= 0) throw fail(`image size ${width}x${height} is empty or negative`);
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS) {
    throw fail(`image size ${width}x${height} is over the limits (side ${MAX_IMAGE_SIDE}, ${MAX_IMAGE_PIXELS} pixels)`);
  }
  if (compression === 1 || compression === 2) throw fail('run-length compressed (RLE8/RLE4) images are not read');
  if (compression === 4 || compression === 5) throw fail('JPEG/PNG-compressed BMP is not read');
  if (compression !== 0 && !(compression === 3 && (bpp === 32 || bpp === 16))) throw fail(`compression ${compression} with ${bpp} bits per pixel is not read`);
  if (![1, 4, 8, 24, 32].includes(bpp)) throw fail(`${bpp} bits per pixel is not read (read: 1, 4, 8, 24, 32)`);

  // Palette (1/4/8 bits): after the info header (and, for BI_BITFIELDS with a 40-byte header, after the 3 masks).
  let gray: Uint8Array | undefined;
  if (bpp <= 8) {
    const entries = colorsUsed === 0 || colorsUsed > 1 << bpp ? 1 << bpp : colorsUsed;
    const at = 14 + headerSize;
    if (at + entries * paletteEntrySize > bytes.length) throw fail('truncated colour palette');
    gray = new Uint8Array(256);
    for (let i = 0; i < entries; i++) {
      const p = at + i * paletteEntrySize;
      gray[i] = luma(bytes[p + 2], bytes[p + 1], bytes[p]);
    }
  }
  let masks = { r: maskShape(0x00ff0000), g: maskShape(0x0000ff00), b: maskShape(0x000000ff) };
  if (compression === 3) {
    if (bpp !== 32) throw fail('16-bit BI_BITFIELDS images are not read');
    const at = 14 + 40;
    if (at + 12 > bytes.length) throw fail('truncated bit field masks');
    masks = { r: maskShape(u32(bytes, at)), g: maskShape(u32(bytes, at + 4)), b: maskShape(u32(bytes, at + 8)) };
  }
  const stride = Math.floor((bpp * width + 31) / 32) * 4;
  if (dataOffset < 14 + headerSize || dataOffset + stride * height > bytes.length) {
    throw fail(`truncated pixel data: ${height} rows of ${stride} bytes from offset ${dataOffset} need ${dataOffset + stride * height} bytes, ${bytes.length} given`);
  }
  const pixels = new Uint8Array(width * height);
  const channel = (v: number, m: { shift: number; bits: number }): number => {
    if (m.bits === 0) return 0;
    const x = (v >>> m.shift) & ((1 << m.bits) - 1 || 0xffffffff);
    return m.bits === 8 ? x : Math.round((x * 255) / ((1 << m.bits) - 1));
  };
  for (let row = 0; row < height; row++) {
    const src = dataOffset + (topDown ? row : height - 1 - row) * stride;
    const dst = row * width;
    if (bpp === 8) {
      for (let x = 0; x < width; x++) pixels[dst + x] = gray![bytes[src + x]];
    } else if (bpp === 24) {
      for (let x = 0; x < width; x++) {
        const p = src + 3 * x;
        pixels[dst + x] = luma(bytes[p + 2], bytes[p + 1], bytes[p]);
      }
    } else if (bpp === 32) {
      for (let x = 0; x < width; x++) {
        const v = u32(bytes, src + 4 * x);
        pixels[dst + x] = luma(channel(v, masks.r), channel(v, masks.g), channel(v, masks.b));
      }
    } else {
      const perByte = 8 / bpp;
      const mask = (1 << bpp) - 1;
      for (let x = 0; x < width; x++) {
        const byte = bytes[src + Math.floor(x / perByte)];
        const shift = 8 - bpp * ((x % perByte) + 1);
        pixels[dst + x] = gray![(byte >> shift) & mask];
      }
    }
  }
  const out: BmpImage = { width, height, pixels };
  if (xppm > 0) {
    const declared = pxPerMetreToPpi(xppm);
    out.declaredPpi = declared;
    const ppi = plausiblePpi(declared);
    if (ppi !== undefined) out.ppi = ppi;
  }
  return out;
}
