/**
 * Where the mark is: the examiner's polygon when given, else found from the ridge spectrum. A
 * block is ridge-like when (1) its strongest ridge-band peak holds a good share of its spectral
 * energy (ridges are one narrow peak; paper texture, text strokes and ruled lines spread their
 * energy or put it below the ridge band), (2) that band energy is not negligible against the
 * image's strongest blocks (blank paper has a clean spectrum but nothing in it), and (3) its peak
 * orientation agrees with its neighbours' (the ridges of a mark flow on; a text stroke's or a
 * dot screen's chance peak does not). The ridge-like blocks are cleaned morphologically, the
 * largest component is kept, and its convex hull is the ROI polygon: marks
 * are convex enough, and the hull closes notches cut where a line or a stroke crosses the ridges.
 *
 * The result has SegmentationMask's shape so that the tenprint stages (frequency, enhancement,
 * minutia filters and quality) take it as they are.
 */
import type { SegmentationMask } from '../fingerprint/extraction/segmentation-mask.js';
import { distanceToOutside } from '../fingerprint/extraction/planes.js';
import { insidePolygon, type Point } from './latent-features.js';
import {
  ROI_CANDIDATE_AGREEMENT,
  ROI_CLOSE_BLOCKS,
  ROI_COHERENT_CONSISTENCY,
  ROI_ERODE_PX,
  ROI_MARGIN_PX,
  ROI_MIN_BLOCKS,
  ROI_MIN_CONSISTENCY,
  ROI_MIN_PEAK_SHARE,
  ROI_MIN_RELATIVE_ENERGY,
  ROI_OPEN_BLOCKS,
  ROI_SMOOTH_BLOCKS,
} from './latent-parameters.js';
import { gaussian } from './latent-orientation.js';
import type { RidgeSpectrum } from './ridge-spectrum.js';
import { dilate, erode } from '../fingerprint/extraction/segmentation-mask.js';

export interface RegionOfInterest extends SegmentationMask {
  /** The ROI outline (closed polygon, px at 500 ppi), or null when no mark was found. */
  polygon: Point[] | null;
  /** Who drew it. */
  source: 'auto' | 'examiner';
  /** Per spectrum block, 1 where the block was judged ridge-like (automatic ROI only; all 0 for an examiner's). */
  ridgeBlocks: Uint8Array;
}

/**
 * `coherentConsistency` (0–1, absent: ROI_COHERENT_CONSISTENCY): where a block's peak orientation
 * agrees with its neighbours' at least this well, its score is the spectrum's coherentPeakShare
 * (pores and dots left out of the denominator) instead of peakShare; needs a spectrum made with
 * a coherentPeriodMin.
 */
export function regionOfInterest(spectrum: RidgeSpectrum, examinerPolygon?: readonly Point[], coherentConsistency?: number, candidateAgreement: number = ROI_CANDIDATE_AGREEMENT, minRelativeEnergy: number = ROI_MIN_RELATIVE_ENERGY, minConsistency: number = ROI_MIN_CONSISTENCY): RegionOfInterest {
  const { width: w, height: h, blocksWide: bw, blocksHigh: bh } = spectrum;
  if (examinerPolygon && examinerPolygon.length >= 3) {
    return fromPolygon(w, h, examinerPolygon.map((p) => ({ x: p.x, y: p.y })), 'examiner', new Uint8Array(bw * bh));
  }
  const ridge = ridgeLikeBlocks(spectrum, coherentConsistency, candidateAgreement, minRelativeEnergy, minConsistency);
  return regionOfBlocks(spectrum, ridge, ROI_MARGIN_PX);
}

/**
 * The automatic ROI from a per-block ridge-like map: closing (ROI_CLOSE_BLOCKS), opening
 * (ROI_OPEN_BLOCKS), the largest component (at least ROI_MIN_BLOCKS), and the convex hull of its
 * block corners pushed out by `marginPx`, clipped to the image. Shared by the spectral rules above
 * and the learnt block classifier (roi-classifier.ts).
 */
export function regionOfBlocks(spectrum: RidgeSpectrum, ridge: Uint8Array, marginPx: number): RegionOfInterest {
  const { width: w, height: h, blocksWide: bw, blocksHigh: bh } = spectrum;
  let blocks = erode(dilate(ridge, bw, bh, ROI_CLOSE_BLOCKS), bw, bh, ROI_CLOSE_BLOCKS);
  blocks = dilate(erode(blocks, bw, bh, ROI_OPEN_BLOCKS), bw, bh, ROI_OPEN_BLOCKS);
  const component = largestComponent(blocks, bw, bh);
  let count = 0;
  for (const v of component) count += v;
  if (count < ROI_MIN_BLOCKS) return fromPolygon(w, h, null, 'auto', ridge);
  // Convex hull of the component's block corners pushed out by marginPx, clipped to the image.
  const B = spectrum.block;
  const corners: Point[] = [];
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      if (!component[by * bw + bx]) continue;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
        const x = (bx + dx) * B + (dx ? marginPx : -marginPx);
        const y = (by + dy) * B + (dy ? marginPx : -marginPx);
        corners.push({ x: Math.max(0, Math.min(w, x)), y: Math.max(0, Math.min(h, y)) });
      }
    }
  }
  return fromPolygon(w, h, convexHull(corners), 'auto', ridge);
}

/**
 * How well the 8 neighbours of block (bx, by) agree with orientation t: Σ s·cos 2(θ − t) over the
 * neighbours' strongest peaks (θ) weighted by their peak share s, and Σ s. Their ratio is 1 when every
 * neighbour flows along t, about 0 for unrelated directions.
 */
export function neighbourAgreement(spectrum: RidgeSpectrum, bx: number, by: number, t: number): { sum: number; weight: number } {
  const { blocksWide: bw, blocksHigh: bh, candidates: K } = spectrum;
  let a = 0, wsum = 0;
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      if (dx === 0 && dy === 0) continue;
      const x = bx + dx, y = by + dy;
      if (x < 0 || y < 0 || x >= bw || y >= bh) continue;
      const j = y * bw + x;
      const s = spectrum.peakShare[j]!;
      a += s * Math.cos(2 * (spectrum.candidateAngle[j * K]! - t));
      wsum += s;
    }
  }
  return { sum: a, weight: wsum };
}

/** Intersection over union of two masks of the same size (0 when both are empty). */
export function maskIou(a: Uint8Array, b: Uint8Array): number {
  let inter = 0, union = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] && b[i]) inter++;
    if (a[i] || b[i]) union++;
  }
  return union > 0 ? inter / union : 0;
}

/**
 * Blocks passing the tests of the file comment: each block scores its peak share where its band
 * energy and its agreement with its neighbours pass, 0 elsewhere; the scores are averaged over a
 * Gaussian of ROI_SMOOTH_BLOCKS (a mark is an area of ridge-like blocks, while a ruled line or a
 * scatter of letters is a thin or sparse set of them) and thresholded; a block must also pass on
 * its own (else a strong mark's average spills onto the paper about it).
 */
export function ridgeLikeBlocks(spectrum: RidgeSpectrum, coherentConsistency: number = ROI_COHERENT_CONSISTENCY, candidateAgreement: number = ROI_CANDIDATE_AGREEMENT, minRelativeEnergy: number = ROI_MIN_RELATIVE_ENERGY, minConsistency: number = ROI_MIN_CONSISTENCY): Uint8Array {
  const { blocksWide: bw, blocksHigh: bh, candidates: K } = spectrum;
  const n = bw * bh;
  const band = new Float32Array(n);
  for (let b = 0; b < n; b++) band[b] = spectrum.candidateEnergy[b * K];
  const sorted = Float32Array.from(band).sort();
  const p95 = sorted[Math.floor(0.95 * (n - 1))] ?? 0;
  const score = new Float32Array(n);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const b = by * bw + bx;
      if (band[b] < minRelativeEnergy * p95 || band[b] <= 0) continue;
      // Agreement of the neighbours' best orientations with this block's, weighted by their share.
      // With candidateAgreement > 0 (study), the block's other candidates holding at least that
      // fraction of its best one's energy may stand in for it (a dotted ridge's true peak can be
      // its second); the neighbours still speak with their best peak.
      let agree = 0, weight = 0;
      for (let k = 0; k < (candidateAgreement > 0 ? K : 1); k++) {
        const e = spectrum.candidateEnergy[b * K + k]!;
        if (k > 0 && (e <= 0 || e < candidateAgreement * spectrum.candidateEnergy[b * K]!)) continue;
        const { sum: a, weight: wsum } = neighbourAgreement(spectrum, bx, by, spectrum.candidateAngle[b * K + k]!);
        if (k === 0 || (wsum > 0 && a / wsum > agree / weight)) { agree = a; weight = wsum; }
      }
      if (weight > 0 && agree / weight >= minConsistency) {
        // A dotted ridge's energy at pore periods does not count against it where the flow is
        // smooth; text and ruled lines, whose peak directions jump, keep the plain share.
        const coherent = spectrum.coherentPeakShare !== null && coherentConsistency > 0 && agree / weight >= coherentConsistency;
        score[b] = coherent ? spectrum.coherentPeakShare![b]! : spectrum.peakShare[b]!;
      }
    }
  }
  const own = Float32Array.from(score);
  const ones = new Float32Array(n).fill(1);
  gaussian(score, bw, bh, ROI_SMOOTH_BLOCKS);
  gaussian(ones, bw, bh, ROI_SMOOTH_BLOCKS);
  // The block must pass on its own too: a strong mark's average spills onto the paper about it.
  const out = new Uint8Array(n);
  for (let b = 0; b < n; b++) out[b] = own[b]! > 0 && score[b]! / ones[b]! >= ROI_MIN_PEAK_SHARE ? 1 : 0;
  return out;
}

/** The mask of a polygon (or an empty one), eroded by ROI_ERODE_PX, with its border distances. */
function fromPolygon(w: number, h: number, polygon: Point[] | null, source: 'auto' | 'examiner', ridgeBlocks: Uint8Array): RegionOfInterest {
  const mask = new Uint8Array(w * h);
  if (polygon) {
    let minY = Infinity, maxY = -Infinity;
    for (const p of polygon) { minY = Math.min(minY, p.y); maxY = Math.max(maxY, p.y); }
    const xs: number[] = [];
    for (let y = Math.max(0, Math.floor(minY)); y <= Math.min(h - 1, Math.ceil(maxY)); y++) {
      // Scanline fill at pixel centres (even–odd rule, as insidePolygon).
      const yc = y + 0.5;
      xs.length = 0;
      for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
        const a = polygon[i]!, b = polygon[j]!;
        if (a.y > yc !== b.y > yc) xs.push(((b.x - a.x) * (yc - a.y)) / (b.y - a.y) + a.x);
      }
      xs.sort((p, q) => p - q);
      for (let k = 0; k + 1 < xs.length; k += 2) {
        const x0 = Math.max(0, Math.ceil(xs[k]! - 0.5));
        const x1 = Math.min(w - 1, Math.floor(xs[k + 1]! - 0.5));
        for (let x = x0; x <= x1; x++) mask[y * w + x] = 1;
      }
    }
  }
  const borderDistance = distanceToOutside(mask, w, h);
  let area = 0;
  for (let i = 0; i < mask.length; i++) {
    if (borderDistance[i] <= ROI_ERODE_PX) {
      mask[i] = 0;
      borderDistance[i] = 0;
    } else {
      borderDistance[i] -= ROI_ERODE_PX;
      area++;
    }
  }
  return { width: w, height: h, mask, borderDistance, area, polygon, source, ridgeBlocks };
}

/** Andrew's monotone chain; counter-clockwise in pixel coordinates, no repeated last point. */
export function convexHull(points: readonly Point[]): Point[] {
  const p = [...points].sort((a, b) => a.x - b.x || a.y - b.y);
  if (p.length < 3) return p;
  const cross = (o: Point, a: Point, b: Point): number => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower: Point[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: Point[] = [];
  for (let i = p.length - 1; i >= 0; i--) {
    const q = p[i]!;
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, q) <= 0) upper.pop();
    upper.push(q);
  }
  lower.pop();
  upper.pop();
  return [...lower, ...upper];
}

/** Whether a point lies in the ROI polygon (for callers that hold only the polygon). */
export function inRegion(roi: RegionOfInterest, p: Point): boolean {
  return roi.polygon !== null && insidePolygon(p, roi.polygon);
}

/** The largest 8-connected component of 1s (the convex hull taken of it fills its holes). */
function largestComponent(src: Uint8Array, w: number, h: number): Uint8Array {
  const n = w * h;
  const label = new Int32Array(n);
  const stack: number[] = [];
  let best = 0, bestSize = 0, next = 0;
  for (let s = 0; s < n; s++) {
    if (!src[s] || label[s]) continue;
    next++;
    let size = 0;
    label[s] = next;
    stack.push(s);
    while (stack.length > 0) {
      const i = stack.pop()!;
      size++;
      const x = i % w, y = (i / w) | 0;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx, yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= w || yy >= h) continue;
          const j = yy * w + xx;
          if (src[j] && !label[j]) { label[j] = next; stack.push(j); }
        }
      }
    }
    if (size > bestSize) { bestSize = size; best = next; }
  }
  const out = new Uint8Array(n);
  if (best === 0) return out;
  for (let i = 0; i < n; i++) out[i] = label[i] === best ? 1 : 0;
  return out;
}
