/** Which image encoding the bytes are, from their magic numbers. RAW is never detected. */
import type { ImageFormatName } from './decoded-image.js';
import { looksLikeWsq } from './wsq-decoder.js';

export function detectImageFormat(b: Uint8Array): ImageFormatName | undefined {
  if (b.length >= 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 && b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 4 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 0x2a && b[3] === 0x00) || (b[0] === 0x4d && b[1] === 0x4d && b[2] === 0x00 && b[3] === 0x2a))) return 'tiff';
  if (b.length >= 2 && b[0] === 0x42 && b[1] === 0x4d) return 'bmp';
  if (looksLikeWsq(b)) return 'wsq';
  // ANSI/NIST-ITL traditional encoding: the transaction starts with the Type-1 LEN field "1.001:".
  if (b.length >= 6 && String.fromCharCode(...b.subarray(0, 6)) === '1.001:') return 'ansi-nist';
  return undefined;
}

/** JPEG 2000 codestream or JP2 file (possible inside ANSI/NIST records; not decoded here). */
export function isJpeg2000(b: Uint8Array): boolean {
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0x4f && b[2] === 0xff && b[3] === 0x51) return true;
  return b.length >= 12 && b[4] === 0x6a && b[5] === 0x50 && b[6] === 0x20 && b[7] === 0x20;
}

/**
 * The JPEG process of a JPEG file: the first start-of-frame marker's code (0xC0 baseline, 0xC1
 * extended, 0xC2 progressive, 0xC3 lossless, ...), walking the marker segments by their lengths
 * (bounded by the input); undefined when none is found.
 */
export function jpegFrameMarker(b: Uint8Array): number | undefined {
  let p = 2;
  while (p + 4 <= b.length) {
    if (b[p] !== 0xff) return undefined;
    const m = b[p + 1];
    if (m === 0xff) {
      p++;
      continue;
    }
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) return m;
    if (m === 0xd9 || m === 0xda) return undefined;
    const len = (b[p + 2] << 8) | b[p + 3];
    if (len < 2) return undefined;
    p += 2 + len;
  }
  return undefined;
}
