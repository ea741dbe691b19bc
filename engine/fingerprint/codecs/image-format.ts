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
