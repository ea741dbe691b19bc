/**
 * What the image decoders produce: one 8-bit gray image per finger image found in the input, with
 * where it came from and what the source said about it.
 */
import type { GrayImage } from '../gray-image.js';

/** The proto's ImageFormat, as names. */
export type ImageFormatName = 'png' | 'jpeg' | 'tiff' | 'bmp' | 'raw' | 'wsq' | 'ansi-nist';

export interface DecodedImage extends GrayImage {
  /** "image" for a plain image file; "type-14 record 3 (IDC 5)" for an ANSI/NIST record. */
  source: string;
  /** The encoding of these pixels (for an ANSI/NIST record: that of its image data). */
  encoding: ImageFormatName | 'jpeg-lossless';
  /** ANSI/NIST finger position code from the record (or the caller), if known. */
  fingerPosition?: number;
  /** ANSI/NIST impression type code (0 live plain, 1 live rolled, 4 latent impression ...), if known. */
  impressionType?: number;
  /** The resolution the file declared, even when not used as `ppi` (72-dpi defaults, see MIN_PLAUSIBLE_PPI). */
  declaredPpi?: number;
}
