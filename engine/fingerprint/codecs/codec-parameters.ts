/**
 * Limits and constants of every decoder and encoder in `engine/fingerprint/codecs/` and
 * `engine/fingerprint/templates/`. Each decoder checks a declared size against these limits
 * *before* allocating, so a hostile header cannot make the worker allocate gigabytes; inputs over
 * a limit are refused with INVALID_ARGUMENT.
 */

/** Largest encoded image or transaction accepted (bytes). A 10-print + palms ANSI/NIST transaction
 * with WSQ images is a few MB; uncompressed 1000 ppi palms are ~40 MB. */
export const MAX_IMAGE_BYTES = 96 * 1024 * 1024;

/** Largest decoded image (pixels). A full palm at 1000 ppi (5.5 x 8 in) is 44 Mpx. */
export const MAX_IMAGE_PIXELS = 48 * 1024 * 1024;

/** Largest width or height of one decoded image (pixels). */
export const MAX_IMAGE_SIDE = 16_384;

/** All images of one ANSI/NIST transaction together (pixels). */
export const MAX_TRANSACTION_PIXELS = 160 * 1024 * 1024;

/** Records in one ANSI/NIST transaction (the CNT field lists them; IAFIS transactions have < 100). */
export const MAX_TRANSACTION_RECORDS = 1000;

/** Largest encoded minutiae template (bytes). ISO 19794-2:2005 caps a view at 255 minutiae and
 * 64 KiB of extended data; real templates are < 2 KiB. */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

/**
 * Nominal scanning resolutions. Template headers (ISO 19794-2, ANSI 378) and some image headers
 * state resolution as an integer number of pixels per centimetre, so 500 ppi is stored as 197
 * px/cm (196.85 rounded). A stated px/cm whose rounding interval contains one of these ppi values
 * is read as exactly that value, so a 500 ppi template is not rescaled by 0.99924 on the way in.
 */
export const NOMINAL_PPI = [500, 1000] as const;

/** The resolution the engine works at (ISO/IEC 19794-2 §6.4 coordinates, FBI IAFIS standard). */
export const ENGINE_PPI = 500;

/** Pixels per centimetre written into templates made here: 500 ppi rounded (ISO 19794-2 §7.3). */
export const ENGINE_PX_PER_CM = 197;

/**
 * Converts a resolution stated in px/cm to ppi, snapping to a nominal ppi that rounds to the same
 * px/cm (see NOMINAL_PPI).
 */
export function pxPerCmToPpi(pxPerCm: number): number {
  for (const ppi of NOMINAL_PPI) {
    if (Math.round(ppi / 2.54) === pxPerCm) return ppi;
  }
  return pxPerCm * 2.54;
}

/**
 * Resolution metadata of general image formats (PNG pHYs, JPEG JFIF, TIFF, BMP) is trusted only
 * inside this range: 72 and 96 "dpi" are what image tools write by default, not a scan resolution
 * (every PNG/JPEG of the shared data says 72 or 96). Outside it the image has no known ppi.
 */
export const MIN_PLAUSIBLE_PPI = 250;
export const MAX_PLAUSIBLE_PPI = 4000;

/** Pixels per metre (BMP) to ppi, snapping to a nominal ppi as pxPerCmToPpi does. */
export function pxPerMetreToPpi(pxPerMetre: number): number {
  for (const ppi of NOMINAL_PPI) {
    if (Math.round(ppi / 0.0254) === pxPerMetre) return ppi;
  }
  return pxPerMetre * 0.0254;
}

/** A declared ppi if plausible for a fingerprint scan, else undefined. */
export function plausiblePpi(ppi: number | undefined): number | undefined {
  return ppi !== undefined && Number.isFinite(ppi) && ppi >= MIN_PLAUSIBLE_PPI && ppi <= MAX_PLAUSIBLE_PPI ? ppi : undefined;
}
