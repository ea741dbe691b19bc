/**
 * The distal flexion crease: where a plain impression pressed high runs past the fingertip's
 * phalanx onto the middle one (issue 15; FVC2002 DB1 110_6). On the print the crease is a band,
 * roughly perpendicular to the finger's axis, across most of the finger's width, where ridges
 * are absent and the gray level is light, with ridges on both sides (Maltoni et al., Handbook of
 * Fingerprint Recognition, 2nd ed., §1.3: the friction ridges of one phalanx do not continue
 * across the crease). The middle phalanx's ridges can never pair with an impression of the
 * fingertip, so the segmentation mask stops at the crease.
 *
 * Search: for each crease direction within FLEXION_CREASE_MAX_TILT of the image's horizontal (a
 * finger is presented upright), the mask's pixels (every second row) are binned by their
 * distance across that direction into strips 2 px thick; each strip's dark share is the share of
 * its pixels darker than the midpoint of the finger's 5th and 95th percentile grays. A crease is a
 * run of strips whose dark share is at most FLEXION_CREASE_DARK_RATIO × the finger's median
 * strip, at least FLEXION_CREASE_MIN_WIDTH ridge periods thick (a valley between parallel ridges
 * is half a period), whose strips reach FLEXION_CREASE_MIN_SPAN of the finger's widest strip,
 * with ridged strips over at least FLEXION_CREASE_MIN_SIDE periods on each side, and less finger
 * below it than above (the normal points down the image: below is the side towards the palm,
 * which a capture centred on the fingertip shows less of). Lengths are in
 * ridge periods of PERIOD_DEFAULT px (the adult mean at 500 ppi, where every stage works).
 */
import {
  FLEXION_CREASE_DARK_RATIO,
  FLEXION_CREASE_MAX_TILT,
  FLEXION_CREASE_MIN_SIDE,
  FLEXION_CREASE_MIN_SPAN,
  FLEXION_CREASE_MIN_WIDTH,
  FLEXION_CREASE_TILT_STEP,
  PERIOD_DEFAULT,
} from './parameters.js';

/** A crease line: the pixels with x·nx + y·ny = offset (n the unit normal), and the band's thickness. */
export interface FlexionCrease {
  /** Unit normal of the crease line (pointing to increasing offset). */
  nx: number;
  ny: number;
  /** Offset of the band's middle along the normal, px. */
  offset: number;
  /** Thickness of the light band, px. */
  thickness: number;
  /** The band's narrowest strip inside the mask over the finger's widest strip (0–1). */
  span: number;
  /** Highest dark share in the band over the finger's median strip. */
  darkRatio: number;
  /** Ridged extent on the low-offset and high-offset side, px. */
  sideLow: number;
  sideHigh: number;
}

/** The detector's settings (parameters.ts); a study may vary them. */
export interface FlexionCreaseSettings {
  darkRatio: number;
  minWidth: number;
  minSpan: number;
  minSide: number;
  maxTilt: number;
  tiltStep: number;
}
const CREASE_DEFAULTS: FlexionCreaseSettings = {
  darkRatio: FLEXION_CREASE_DARK_RATIO,
  minWidth: FLEXION_CREASE_MIN_WIDTH,
  minSpan: FLEXION_CREASE_MIN_SPAN,
  minSide: FLEXION_CREASE_MIN_SIDE,
  maxTilt: FLEXION_CREASE_MAX_TILT,
  tiltStep: FLEXION_CREASE_TILT_STEP,
};

const STRIP = 2;
const SAMPLE = 2;
const CHUNK = 8;

/** The thickest crease band found, or null. `mask`: 1 = finger, per pixel. */
export function flexionCrease(pixels: Uint8Array, mask: Uint8Array, w: number, h: number, settings: Partial<FlexionCreaseSettings> = {}): FlexionCrease | null {
  const s: FlexionCreaseSettings = { ...CREASE_DEFAULTS, ...settings };
  // The finger's own gray levels: ridges (5th percentile) and valleys (95th).
  const histogram = new Uint32Array(256);
  let samples = 0;
  for (let y = 0; y < h; y += SAMPLE) {
    for (let x = 0, i = y * w; x < w; x += SAMPLE, i += SAMPLE) {
      if (mask[i]) { histogram[pixels[i]]++; samples++; }
    }
  }
  if (samples === 0) return null;
  let dark = 0, light = 255;
  for (let v = 0, seen = 0, darkFound = false; v < 256; v++) {
    seen += histogram[v];
    if (!darkFound && seen >= 0.05 * samples) { dark = v; darkFound = true; }
    if (seen >= 0.95 * samples) { light = v; break; }
  }
  const threshold = (dark + light) / 2;
  // The finger pixels of every second row once, pooled in runs of CHUNK along the row (their
  // position: the run's middle, which a direction tilted by at most 30° moves by ≤ CHUNK/4 px
  // across the crease, under a strip's thickness), with how many of them are dark.
  const chunks = Math.ceil(w / CHUNK);
  const cells = Math.ceil(h / SAMPLE) * chunks;
  const xs = new Float32Array(cells), ys = new Float32Array(cells), cellCount = new Int32Array(cells), cellDark = new Int32Array(cells);
  let used = 0;
  for (let y = 0; y < h; y += SAMPLE) {
    for (let c = 0; c < chunks; c++) {
      let n = 0, d = 0;
      for (let x = c * CHUNK, i = y * w + x, end = Math.min(w, x + CHUNK); x < end; x++, i++) {
        if (!mask[i]) continue;
        n++;
        if (pixels[i] < threshold) d++;
      }
      if (n === 0) continue;
      xs[used] = c * CHUNK + (Math.min(w - c * CHUNK, CHUNK) - 1) / 2;
      ys[used] = y;
      cellCount[used] = n;
      cellDark[used++] = d;
    }
  }
  const period = PERIOD_DEFAULT;
  const steps = Math.round(s.maxTilt / s.tiltStep);
  const diagonal = Math.ceil(Math.hypot(w, h));
  const bins = Math.ceil((2 * diagonal) / STRIP) + 2;
  const count = new Int32Array(bins), darkCount = new Int32Array(bins);
  let best: FlexionCrease | null = null;
  for (let k = -steps; k <= steps; k++) {
    const tilt = (k * s.tiltStep * Math.PI) / 180;
    // Crease direction (cos, sin); its normal (−sin, cos) points down the image when upright.
    const nx = -Math.sin(tilt), ny = Math.cos(tilt);
    const ax = nx / STRIP, ay = ny / STRIP, a0 = diagonal / STRIP;
    count.fill(0);
    darkCount.fill(0);
    for (let j = 0; j < used; j++) {
      const b = (a0 + xs[j] * ax + ys[j] * ay) | 0;
      count[b] += cellCount[j];
      darkCount[b] += cellDark[j];
    }
    const found = creaseInProfile(count, darkCount, period, s);
    if (found && (!best || found.thickness > best.thickness)) {
      best = { nx, ny, offset: found.middle * STRIP - diagonal, thickness: found.thickness, span: found.span, darkRatio: found.darkRatio, sideLow: found.sideLow, sideHigh: found.sideHigh };
    }
  }
  return best;
}

interface ProfileCrease { middle: number; thickness: number; span: number; darkRatio: number; sideLow: number; sideHigh: number }

/** The thickest qualifying light run of one direction's strip profile (strip indices), or null. */
function creaseInProfile(count: Int32Array, darkCount: Int32Array, period: number, s: FlexionCreaseSettings): ProfileCrease | null {
  let widest = 0, first = -1, last = -1;
  for (let b = 0; b < count.length; b++) {
    if (count[b] === 0) continue;
    if (count[b] > widest) widest = count[b];
    if (first < 0) first = b;
    last = b;
  }
  if (first < 0) return null;
  // Median dark share over the finger's strips, weighted by their pixels; strips narrower than
  // the span threshold (the rounded ends) do not vote.
  const minCount = s.minSpan * widest;
  // Sorted as numbers: share (to 1e-6) × 65536 + strip index, so the strip's weight can be found again.
  const keys = new Float64Array(last - first + 1);
  let voters = 0, total = 0;
  for (let b = first; b <= last; b++) {
    if (count[b] < minCount) continue;
    keys[voters++] = Math.round((darkCount[b] / count[b]) * 1e6) * 65536 + b;
    total += count[b];
  }
  const sorted = keys.subarray(0, voters).sort();
  let median = 0;
  for (let j = 0, acc = 0; j < voters; j++) {
    const b = sorted[j] % 65536;
    acc += count[b];
    if (acc >= total / 2) { median = darkCount[b] / count[b]; break; }
  }
  if (median <= 0) return null;
  const lightShare = s.darkRatio * median;
  const ridged = (b: number): boolean => count[b] > 0 && darkCount[b] / count[b] > lightShare;
  let best: ProfileCrease | null = null;
  for (let b = first; b <= last; ) {
    if (count[b] < minCount || darkCount[b] / count[b] > lightShare) { b++; continue; }
    const start = b;
    let worst = 0;
    while (b <= last && count[b] >= minCount && darkCount[b] / count[b] <= lightShare) {
      worst = Math.max(worst, darkCount[b] / count[b]);
      b++;
    }
    const end = b - 1;
    const thickness = (end - start + 1) * STRIP;
    if (thickness < s.minWidth * period) continue;
    let low = 0, high = 0, areaLow = 0, areaHigh = 0;
    for (let j = first; j < start; j++) { if (ridged(j)) low++; areaLow += count[j]; }
    for (let j = end + 1; j <= last; j++) { if (ridged(j)) high++; areaHigh += count[j]; }
    if (areaHigh >= areaLow) continue;
    const sideLow = low * STRIP, sideHigh = high * STRIP;
    if (sideLow < s.minSide * period || sideHigh < s.minSide * period) continue;
    let span = 1;
    for (let j = start; j <= end; j++) span = Math.min(span, count[j] / widest);
    if (!best || thickness > best.thickness) best = { middle: (start + end + 1) / 2, thickness, span, darkRatio: worst / median, sideLow, sideHigh };
  }
  return best;
}
