/**
 * An 8-bit grayscale image, row-major, one byte per pixel (0 black .. 255 white), the form every
 * decoder (PNG/JPEG/TIFF through sharp, BMP, raw, WSQ, ANSI/NIST records) produces and the
 * extractor consumes. `ppi` is the scanning resolution the source declared or the caller gave;
 * the extractor works on images brought to 500 ppi (engine/fingerprint/resolution.ts).
 */
export interface GrayImage {
  width: number;
  height: number;
  pixels: Uint8Array;
  /** Pixels per inch; undefined when the source did not say and the caller did not either. */
  ppi?: number;
}
