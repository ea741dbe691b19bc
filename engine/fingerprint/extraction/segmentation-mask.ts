/**
 * Which pixels belong to the finger. Decided on SEGMENT_BLOCK blocks by local gray-level spread
 * (relative to the image's own contrast, so that all four FVC2002 sensors segment alike) and
 * ridge-orientation coherence (Bazen & Gerez 2001, "Segmentation of fingerprint images", use the
 * same two features), a textured background cut away around the finger's convex core
 * (withoutBackgroundTexture), then cleaned morphologically, reduced to its largest component with holes
 * filled, and eroded a little so that ridges cut by the print border do not look like endings.
 * Where the impression runs past the distal flexion crease onto the middle phalanx, the mask may
 * stop at the crease (withoutMiddlePhalanx; SEGMENT_FLEXION_CREASE). Printed lines (a card's print
 * box, ruled paper; printed-lines.ts) may be kept out of it (SEGMENT_PRINTED_LINES, off).
 */
import type { GrayImage } from '../gray-image.js';
import { gradientBlockSums, type OrientationField } from './orientation-field.js';
import {
  SEGMENT_BLOCK,
  SEGMENT_CLOSE_BLOCKS,
  SEGMENT_CORE_SCORE,
  SEGMENT_ERODE_PX,
  SEGMENT_FLEXION_CREASE,
  SEGMENT_PRINTED_LINE_CUT_CORE_SHARE,
  SEGMENT_PRINTED_LINE_MARGIN,
  SEGMENT_PRINTED_LINES,
  SEGMENT_MIN_COHERENCE,
  SEGMENT_MIN_STD,
  SEGMENT_OPEN_BLOCKS,
  SEGMENT_HULL_MARGIN_BLOCKS,
  SEGMENT_RELATIVE_STD,
  SEGMENT_SCORE_SMOOTH_BLOCKS,
  SEGMENT_TEXTURE_MAX_COHERENCE,
  SEGMENT_TEXTURE_SHARE,
  SEGMENT_WIDE_COHERENCE_BLOCKS,
  SEGMENT_WINDOW_RADIUS,
} from './parameters.js';
import { boxMean, componentLabels, distanceToOutside, largestComponent } from './planes.js';
import { type BlockClassifier, type BlockInputs, classifiedBlocks } from './background-blocks.js';
import { SEGMENT_BLOCK_CLASSIFIER } from './background-blocks-weights.js';
import { segmentationKernel, type SegmentationKernel } from './extraction-simd.js';
import { flexionCrease, type FlexionCrease } from './flexion-crease.js';
import { singularPoints } from './singular-points.js';
import { isRuled, lineBlocks, type PrintedLine, printedLines } from './printed-lines.js';

export interface SegmentationMask {
  width: number;
  height: number;
  /** 1 = finger, 0 = background, per pixel. */
  mask: Uint8Array;
  /** Distance (px) from each finger pixel to the background; 0 outside. */
  borderDistance: Float32Array;
  /** Finger pixels. */
  area: number;
}

/**
 * The segmentation parameters a development study may vary (scripts/leave-one-out.ts); the
 * tenprint extractor passes none in service, so the defaults of parameters.ts hold there. The
 * latent extractor's plain-mark test passes `coreScore: 0` (the mask it was measured with).
 */
export interface SegmentationTuning {
  relativeStd: number;
  minStd: number;
  minCoherence: number;
  /**
   * Under study (0 = off, as in service): a block's ridge depth, the image's light level (its
   * 95th-percentile gray) less the block's ridge level (mean − spread), must reach this share of
   * the 90th percentile of block depths. Texture lighter and fainter than the print fails it.
   */
  minDepth: number;
  /**
   * The finger's core: candidate blocks whose smoothed score (relative spread × wide coherence)
   * reaches this share of the image's 90th-percentile score (0 = no texture stage).
   */
  coreScore: number;
  /** The background counts as textured when this share of the blocks far from the core's hull are candidates. */
  textureShare: number;
  /**
   * The per-block finger / background classifier (background-blocks.ts) applied to the candidates
   * before the texture stage; null = none. Default: SEGMENT_BLOCK_CLASSIFIER.
   */
  classifier: BlockClassifier | null;
  /** Stop the mask at the distal flexion crease (withoutMiddlePhalanx). Default: SEGMENT_FLEXION_CREASE. */
  flexionCrease: boolean;
  /**
   * Keep printed lines (printed-lines.ts) out of the mask: 0 = no, 1 = their blocks leave the
   * candidates before the closing, 2 = so for a ruled family's lines, while a lone line (a print
   * box's edge) leaves the mask after the closing and opening, so that it cuts the mask in two
   * before the largest component is taken, 3 = a ruled family's lines are left alone and a lone
   * line cuts only where the cut is safe (safeLineCut). Default: SEGMENT_PRINTED_LINES (0). Only with the
   * texture stage on (coreScore > 0): the latent extractor's plain-mark test keeps its mask.
   */
  printedLines: number;
}

/**
 * `kernel`: 'auto' takes the window sums and the pixel mask's last steps from WebAssembly where
 * available (extraction-simd.ts: the same integers and bits), 'javascript' always here (the
 * reference, for the test).
 */
export function segmentationMask(
  image: GrayImage,
  orientation: OrientationField,
  tuning: Partial<SegmentationTuning> = {},
  kernel: 'auto' | 'javascript' = 'auto',
): SegmentationMask {
  const simd = kernel === 'auto' ? segmentationKernel() : null;
  const coreScore = tuning.coreScore ?? SEGMENT_CORE_SCORE;
  const textureShare = tuning.textureShare ?? SEGMENT_TEXTURE_SHARE;
  const classifier = tuning.classifier === undefined ? SEGMENT_BLOCK_CLASSIFIER : tuning.classifier;
  const { width: w, height: h, pixels } = image;
  const { bw, bh, std, mean, coh, p90, candidates } = candidateBlocks(image, orientation, tuning, simd);
  let blocks = candidates;
  const wide = p90 > 0 && (classifier || coreScore > 0) ? wideCoherence(image, orientation, bw, bh, SEGMENT_WIDE_COHERENCE_BLOCKS) : undefined;
  // The texture stage judges the candidates as they came (its gate counts them); the classifier
  // then drops what it takes for background among what the stage kept.
  let coreBlocks: Uint8Array | undefined;
  if (coreScore > 0 && wide) blocks = withoutBackgroundTexture(blocks, std, p90, bw, bh, coreScore, textureShare, wide, (c) => { coreBlocks = c; });
  if (classifier && wide) {
    const kept = classifiedBlocks(classifier, { bw, bh, std, mean, coh, wide, candidates, p90, ...grayLevels(pixels) });
    for (let b = 0; b < kept.length; b++) blocks[b] &= kept[b];
  }
  const lineMode = coreScore > 0 ? tuning.printedLines ?? SEGMENT_PRINTED_LINES : 0;
  const lines = lineMode ? printedLines(pixels, orientation.angle, w, h) : [];
  // Mode 1: every line's blocks leave the candidates (the closing bridges them inside the finger).
  // Mode 2: a ruled family's lines so; a lone line (a print box's edge) cuts the closed mask.
  // Mode 3: a ruled family's lines are left alone (setting 1 showed their blocks' removal alone
  // costs the printed background); a lone line cuts only where the cut is safe (safeLineCut).
  const ruled = lineMode === 3 ? [] : lineMode === 2 ? lines.filter((l) => isRuled(l, lines)) : lines;
  const lone = lineMode >= 2 ? lines.filter((l) => !isRuled(l, lines)) : [];
  if (ruled.length) {
    const removed = lineBlocks(ruled, w, h, SEGMENT_BLOCK, SEGMENT_PRINTED_LINE_MARGIN);
    blocks = blocks.slice();
    for (let b = 0; b < blocks.length; b++) if (removed[b]) blocks[b] = 0;
  }
  let cut: ((closed: Uint8Array) => Uint8Array) | undefined;
  if (lone.length && lineMode === 2) {
    const removed = lineBlocks(lone, w, h, SEGMENT_BLOCK, SEGMENT_PRINTED_LINE_MARGIN);
    cut = (closed) => {
      for (let b = 0; b < closed.length; b++) if (removed[b]) closed[b] = 0;
      return closed;
    };
  } else if (lone.length && lineMode === 3) {
    cut = (closed) => safeLineCut(closed, lone, coreBlocks, w, h, bw);
  }
  const mask = maskOfBlocks(blocks, w, h, bw, simd, cut);
  return (tuning.flexionCrease ?? SEGMENT_FLEXION_CREASE) ? withoutMiddlePhalanx(image, orientation, blocks, mask, simd) : mask;
}

/**
 * The mask cut at the distal flexion crease (flexion-crease.ts), or `mask` itself where no crease
 * is found. The part removed is the one beyond the crease from the fingertip: a finger is presented
 * upright, so the middle phalanx lies below the crease (the detector only considers bands with
 * more of the mask above than below). It is not removed when a core lies in it (then the band is
 * not the crease: the core is on the fingertip's phalanx). The cut is made on the blocks whose
 * centres lie beyond the band's middle, and the mask is rebuilt from them as before, so its new
 * edge is smoothed and eroded like any other.
 */
function withoutMiddlePhalanx(image: GrayImage, orientation: OrientationField, blocks: Uint8Array, mask: SegmentationMask, simd: SegmentationKernel | null): SegmentationMask {
  const { width: w, height: h } = image;
  const crease = flexionCreaseOf(image, orientation, mask);
  if (!crease) return mask;
  const beyond = (x: number, y: number): boolean => x * crease.nx + y * crease.ny > crease.offset;
  const bw = Math.ceil(w / SEGMENT_BLOCK), bh = Math.ceil(h / SEGMENT_BLOCK);
  const cut = blocks.slice();
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) if (beyond(bx * SEGMENT_BLOCK + (SEGMENT_BLOCK >> 1), by * SEGMENT_BLOCK + (SEGMENT_BLOCK >> 1))) cut[by * bw + bx] = 0;
  }
  return maskOfBlocks(cut, w, h, bw, simd);
}

/** The crease the mask stops at: null where none is found, or where a core lies beyond it (scripts/eval/flexion-crease-count.ts applies the same rule). */
function flexionCreaseOf(image: GrayImage, orientation: OrientationField, mask: SegmentationMask): FlexionCrease | null {
  const crease = flexionCrease(image.pixels, mask.mask, image.width, image.height);
  if (!crease) return null;
  for (const point of singularPoints(orientation, mask)) if (point.type === 'core' && point.x * crease.nx + point.y * crease.ny > crease.offset) return null;
  return crease;
}

/**
 * What the block classifier sees (scripts/segmentation-blocks.ts learns from it): the blocks'
 * statistics, the candidates of the spread and coherence tests, and the image's gray levels.
 */
export function segmentationBlockInputs(image: GrayImage, orientation: OrientationField, tuning: Partial<SegmentationTuning> = {}): BlockInputs {
  const { bw, bh, std, mean, coh, p90, candidates } = candidateBlocks(image, orientation, tuning);
  const wide = wideCoherence(image, orientation, bw, bh, SEGMENT_WIDE_COHERENCE_BLOCKS);
  return { bw, bh, std, mean, coh, wide, candidates, p90, ...grayLevels(image.pixels) };
}

/** The image's 95th and 5th percentile grays (the light background and the dark ridges). */
function grayLevels(pixels: Uint8Array): { light: number; dark: number } {
  const histogram = new Uint32Array(256);
  for (let i = 0; i < pixels.length; i++) histogram[pixels[i]]++;
  let light = 255, dark = 0;
  for (let v = 0, seen = 0, darkFound = false; v < 256; v++) {
    seen += histogram[v];
    if (!darkFound && seen >= 0.05 * pixels.length) { dark = v; darkFound = true; }
    if (seen >= 0.95 * pixels.length) { light = v; break; }
  }
  return { light, dark };
}

/** The blocks that pass the spread and coherence tests (and the depth test under study), with their statistics. */
function candidateBlocks(image: GrayImage, orientation: OrientationField, tuning: Partial<SegmentationTuning>, simd: SegmentationKernel | null = null): { bw: number; bh: number; std: Float32Array; mean: Float32Array; coh: Float32Array; p90: number; candidates: Uint8Array } {
  const relativeStd = tuning.relativeStd ?? SEGMENT_RELATIVE_STD;
  const minCoherence = tuning.minCoherence ?? SEGMENT_MIN_COHERENCE;
  const minStd = tuning.minStd ?? SEGMENT_MIN_STD;
  const minDepth = tuning.minDepth ?? 0;
  const { width: w, height: h, pixels } = image;
  const n = w * h;
  const bw = Math.ceil(w / SEGMENT_BLOCK);
  const bh = Math.ceil(h / SEGMENT_BLOCK);
  const std = new Float32Array(bw * bh);
  const means = new Float32Array(bw * bh);
  const coh = new Float32Array(bw * bh);
  const ridgeLevel = minDepth > 0 ? new Float32Array(bw * bh) : undefined;
  const R = SEGMENT_WINDOW_RADIUS;
  // Column sums of the window's rows, once per block row, shared by the blocks along it (the
  // windows overlap). Integer sums: the same values as summing each window pixel by pixel.
  // (WebAssembly, where available, gives each window's two sums: the same integers.)
  const sums = simd?.windowSums(pixels, w, h, SEGMENT_BLOCK, R, bw, bh);
  const col1 = new Int32Array(w), col2 = new Int32Array(w);
  for (let by = 0; by < bh; by++) {
    const cy = Math.min(h - 1, by * SEGMENT_BLOCK + (SEGMENT_BLOCK >> 1));
    const y0 = Math.max(0, cy - R), y1 = Math.min(h - 1, cy + R);
    col1.fill(0);
    col2.fill(0);
    for (let y = y0; y <= y1 && !sums; y++) {
      for (let x = 0, i = y * w; x < w; x++, i++) {
        const v = pixels[i];
        col1[x] += v;
        col2[x] += v * v;
      }
    }
    for (let bx = 0; bx < bw; bx++) {
      const cx = Math.min(w - 1, bx * SEGMENT_BLOCK + (SEGMENT_BLOCK >> 1));
      // Gray-level spread over the window about the block centre (every pixel, clipped to the image).
      let s1 = 0, s2 = 0;
      const x0 = Math.max(0, cx - R), x1 = Math.min(w - 1, cx + R);
      if (sums) {
        s1 = sums.s1[by * bw + bx];
        s2 = sums.s2[by * bw + bx];
      } else {
        for (let x = x0; x <= x1; x++) {
          s1 += col1[x];
          s2 += col2[x];
        }
      }
      const c = (y1 - y0 + 1) * (x1 - x0 + 1);
      const mean = s1 / c;
      std[by * bw + bx] = Math.sqrt(Math.max(0, s2 / c - mean * mean));
      means[by * bw + bx] = mean;
      if (ridgeLevel) ridgeLevel[by * bw + bx] = mean - std[by * bw + bx];
      coh[by * bw + bx] = orientation.coherence[cy * w + cx];
    }
  }
  const sorted = Float32Array.from(std).sort();
  const p90 = sorted[Math.floor(0.9 * (sorted.length - 1))];
  const threshold = Math.max(minStd, relativeStd * p90);
  let blocks: Uint8Array = new Uint8Array(bw * bh);
  for (let b = 0; b < blocks.length; b++) blocks[b] = std[b] > threshold && coh[b] > minCoherence ? 1 : 0;
  if (ridgeLevel) {
    const histogram = new Uint32Array(256);
    for (let i = 0; i < n; i++) histogram[pixels[i]]++;
    let light = 255;
    for (let v = 0, seen = 0; v < 256; v++) {
      seen += histogram[v];
      if (seen >= 0.95 * n) { light = v; break; }
    }
    const depth = ridgeLevel.map((r) => Math.max(0, light - r));
    const d90 = Float32Array.from(depth).sort()[Math.floor(0.9 * (depth.length - 1))];
    for (let b = 0; b < blocks.length; b++) if (depth[b] < minDepth * d90) blocks[b] = 0;
  }
  return { bw, bh, std, mean: means, coh, p90, candidates: blocks };
}

/** Closing, opening, the largest component with its holes filled, to pixels; a smoothed outline eroded a little. */
function maskOfBlocks(blocks: Uint8Array, w: number, h: number, bw: number, simd: SegmentationKernel | null = null, cut?: (closed: Uint8Array) => Uint8Array): SegmentationMask {
  const n = w * h;
  const bh = Math.ceil(h / SEGMENT_BLOCK);
  blocks = erode(dilate(blocks, bw, bh, SEGMENT_CLOSE_BLOCKS), bw, bh, SEGMENT_CLOSE_BLOCKS);
  blocks = dilate(erode(blocks, bw, bh, SEGMENT_OPEN_BLOCKS), bw, bh, SEGMENT_OPEN_BLOCKS);
  if (cut) blocks = cut(blocks);
  blocks = largestComponentFilled(blocks, bw, bh);
  const mask = new Uint8Array(n);
  // Block by block along the first row of each block row (fill), as the pixel-wise lookup would
  // give; the block row's other pixel rows are the same bytes and bits, copied.
  const soft = new Float32Array(n);
  for (let y0 = 0; y0 < h; y0 += SEGMENT_BLOCK) {
    const brow = ((y0 / SEGMENT_BLOCK) | 0) * bw;
    for (let bx = 0; bx < bw; bx++) {
      if (!blocks[brow + bx]) continue;
      const start = y0 * w + bx * SEGMENT_BLOCK, end = y0 * w + Math.min(w, (bx + 1) * SEGMENT_BLOCK);
      mask.fill(1, start, end);
      soft.fill(1, start, end);
    }
    for (let y = y0 + 1; y < y0 + SEGMENT_BLOCK && y < h; y++) {
      mask.copyWithin(y * w, y0 * w, y0 * w + w);
      soft.copyWithin(y * w, y0 * w, y0 * w + w);
    }
  }
  // Smooth the blocky outline: a box mean of the mask thresholded at ½, then the erosion (in
  // WebAssembly where available: the same box mean, distance and comparisons).
  if (simd) return { width: w, height: h, ...simd.smoothedMask(soft, w, h, SEGMENT_BLOCK >> 1, 1 / (2 * (SEGMENT_BLOCK >> 1) + 1), SEGMENT_ERODE_PX) };
  boxMean(soft, w, h, SEGMENT_BLOCK >> 1);
  for (let i = 0; i < n; i++) mask[i] = soft[i] > 0.5 ? 1 : 0;
  // Erode by thresholding the distance map; the eroded mask's distances are the same map shifted
  // (chamfer distances are near enough additive along the shortest path for a border margin).
  const borderDistance = distanceToOutside(mask, w, h);
  let area = 0;
  for (let i = 0; i < n; i++) {
    if (borderDistance[i] <= SEGMENT_ERODE_PX) {
      mask[i] = 0;
      borderDistance[i] = 0;
    } else {
      borderDistance[i] -= SEGMENT_ERODE_PX;
      area++;
    }
  }
  return { width: w, height: h, mask, borderDistance, area };
}

/**
 * Mode 3 of the printed-line stage: each lone line (taken for a print box's edge) cuts the closed
 * block mask only where the cut is safe. A line of a partly seen ruled family taken for a lone one
 * may run through the middle of a finger (the first study's failure: DB1 110_1 lost its upper
 * half), with finger core on both sides; a box edge bounds the print, and what it cuts off is the
 * next box's ink, a neighbour's overflow, the margin. So the cut is taken only when the piece cut
 * off (everything but the largest piece left) holds at most SEGMENT_PRINTED_LINE_CUT_CORE_SHARE of
 * the core blocks that the piece kept holds (`core`: every candidate block scoring as the finger's
 * core does in withoutBackgroundTexture, before its largest component is taken). A cut that cuts
 * nothing off is not taken; without the texture stage's scores, none is. Lines are tried one after
 * another on the mask the previous ones left.
 */
function safeLineCut(closed: Uint8Array, lone: PrintedLine[], core: Uint8Array | undefined, w: number, h: number, bw: number): Uint8Array {
  if (!core) return closed;
  const bh = Math.ceil(h / SEGMENT_BLOCK);
  let blocks = closed;
  for (const line of lone) {
    const removed = lineBlocks([line], w, h, SEGMENT_BLOCK, SEGMENT_PRINTED_LINE_MARGIN);
    const cut = blocks.slice();
    for (let b = 0; b < cut.length; b++) if (removed[b]) cut[b] = 0;
    const kept = largestComponent(cut, bw, bh);
    let off = 0, coreOff = 0, coreKept = 0;
    for (let b = 0; b < cut.length; b++) {
      if (kept[b]) coreKept += core[b];
      else if (cut[b]) {
        off++;
        coreOff += core[b];
      }
    }
    if (off > 0 && coreOff <= SEGMENT_PRINTED_LINE_CUT_CORE_SHARE * coreKept) blocks = cut;
  }
  return blocks;
}

/**
 * Drops a textured background (issue 15: "ridges of nothing"): printed patterns, platen residue,
 * noise with the ridge period pass the spread and coherence tests block by block, and the closing
 * joins them to the finger. The finger is the one compact region where the spread is high and the
 * ridges keep one direction over several periods, so:
 * 1. each candidate block scores (spread / 90th-percentile spread, at most 1) × the orientation
 *    coherence over SEGMENT_WIDE_COHERENCE_BLOCKS around it, averaged over the candidates within
 *    SEGMENT_SCORE_SMOOTH_BLOCKS;
 * 2. the core is the largest connected set of candidates scoring at least `coreScore` × the
 *    image's 90th-percentile score, and the finger lies within its convex hull (a finger is one
 *    convex blob; the hull takes back a core or a scar whose score is low);
 * 3. only when the background is textured (at least `textureShare` of the blocks well away from
 *    the hull are candidates too, over at least a tenth of the image, and less coherent than the
 *    core: SEGMENT_TEXTURE_MAX_COHERENCE × the core's mean wide coherence) are the candidates cut to
 *    the hull widened by SEGMENT_HULL_MARGIN_BLOCKS. On a clean background the far blocks are
 *    flat and nothing changes: the weaker parts of a finger (dotted or smudged ridges) score like
 *    texture, and cutting them always cost FVC2002 DB1 1.07 → 2.72% EER
 *    (docs/decisions/segmentation-any-background.md).
 */
function withoutBackgroundTexture(blocks: Uint8Array, std: Float32Array, p90: number, bw: number, bh: number, coreScore: number, textureShare: number, wide: Float32Array, onCore?: (core: Uint8Array) => void): Uint8Array {
  const nb = bw * bh;
  const score = new Float32Array(nb);
  for (let b = 0; b < nb; b++) score[b] = (Math.min(std[b], p90) / p90) * wide[b];
  const smooth = candidateMean(score, blocks, bw, bh, SEGMENT_SCORE_SMOOTH_BLOCKS);
  const s90 = Float32Array.from(score).sort()[Math.floor(0.9 * (nb - 1))];
  let core: Uint8Array = new Uint8Array(nb);
  for (let b = 0; b < nb; b++) core[b] = blocks[b] && smooth[b] >= coreScore * s90 ? 1 : 0;
  onCore?.(core);
  core = largestComponent(core, bw, bh);
  const hull = convexHullMask(core, bw, bh);
  const near = dilate(hull, bw, bh, SEGMENT_HULL_MARGIN_BLOCKS + 2);
  let far = 0, farCandidates = 0, farWide = 0, coreWide = 0, coreBlocks = 0;
  for (let b = 0; b < nb; b++) {
    if (!near[b]) {
      far++;
      if (blocks[b]) { farCandidates++; farWide += wide[b]; }
    }
    if (core[b]) { coreBlocks++; coreWide += wide[b]; }
  }
  if (coreBlocks === 0 || far < 0.1 * nb || farCandidates < textureShare * far) return blocks;
  // Far candidates as coherent as the core are more finger (a large print whose core is one part of it), not texture.
  if (farWide / farCandidates > SEGMENT_TEXTURE_MAX_COHERENCE * (coreWide / coreBlocks)) return blocks;
  const keep = dilate(hull, bw, bh, SEGMENT_HULL_MARGIN_BLOCKS);
  const out = new Uint8Array(nb);
  for (let b = 0; b < nb; b++) out[b] = blocks[b] & keep[b];
  return out;
}

/**
 * Orientation coherence per block over a (2r+1)² window of blocks: |Σ(gx²−gy², 2gxgy)| / Σ(gx²+gy²)
 * of the Sobel gradients. A finger's ridges keep one direction over several periods; a labyrinth,
 * text or dots do not.
 */
function wideCoherence(image: GrayImage, orientation: OrientationField, bw: number, bh: number, r: number): Float32Array {
  const nb = bw * bh;
  // The orientation field's own gradient pass already summed these per block (identical integers).
  const cached = gradientBlockSums(orientation, image);
  const { sxx, sxy, smag } = cached && cached.blocksWide === bw && cached.blocksHigh === bh ? cached : blockGradientSums(image, bw, bh);
  // Window sums as a row pass then a column pass (integer sums below 2⁵³: the same values as the
  // (2r+1)² loop).
  const hxx = new Float64Array(nb), hxy = new Float64Array(nb), hmag = new Float64Array(nb);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let a = 0, c = 0, m = 0;
      for (let x = Math.max(0, bx - r), b = by * bw + x; x <= Math.min(bw - 1, bx + r); x++, b++) {
        a += sxx[b];
        c += sxy[b];
        m += smag[b];
      }
      hxx[by * bw + bx] = a;
      hxy[by * bw + bx] = c;
      hmag[by * bw + bx] = m;
    }
  }
  const out = new Float32Array(nb);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let a = 0, c = 0, m = 0;
      for (let y = Math.max(0, by - r); y <= Math.min(bh - 1, by + r); y++) {
        const b = y * bw + bx;
        a += hxx[b];
        c += hxy[b];
        m += hmag[b];
      }
      out[by * bw + bx] = m > 1e-6 ? Math.hypot(a, c) / m : 0;
    }
  }
  return out;
}

/** Σ(gx²−gy²), Σ2gxgy, Σ(gx²+gy²) of the Sobel gradients per block, interior pixels (integer gradients: exact). */
function blockGradientSums(image: GrayImage, bw: number, bh: number): { sxx: Float64Array; sxy: Float64Array; smag: Float64Array } {
  const { width: w, height: h, pixels: p } = image;
  const nb = bw * bh;
  const sxx = new Float64Array(nb), sxy = new Float64Array(nb), smag = new Float64Array(nb);
  for (let y = 1; y < h - 1; y++) {
    const brow = ((y / SEGMENT_BLOCK) | 0) * bw;
    // One block's span of the row at a time, summed in locals.
    for (let bx = 0; bx < bw; bx++) {
      const xs = Math.max(1, bx * SEGMENT_BLOCK), xe = Math.min(w - 1, (bx + 1) * SEGMENT_BLOCK);
      let a = 0, c = 0, m = 0;
      for (let x = xs, i = y * w + xs; x < xe; x++, i++) {
        const gx = p[i - w + 1] + 2 * p[i + 1] + p[i + w + 1] - p[i - w - 1] - 2 * p[i - 1] - p[i + w - 1];
        const gy = p[i + w - 1] + 2 * p[i + w] + p[i + w + 1] - p[i - w - 1] - 2 * p[i - w] - p[i - w + 1];
        const xx = gx * gx, yy = gy * gy;
        a += xx - yy;
        c += 2 * gx * gy;
        m += xx + yy;
      }
      sxx[brow + bx] += a;
      sxy[brow + bx] += c;
      smag[brow + bx] += m;
    }
  }
  return { sxx, sxy, smag };
}

/** The blocks inside the convex hull of the set blocks' centres (all 0 when none is set). */
function convexHullMask(src: Uint8Array, w: number, h: number): Uint8Array {
  const pts: [number, number][] = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (src[y * w + x]) pts.push([x, y]);
  const out = new Uint8Array(w * h);
  if (pts.length === 0) return out;
  // Andrew's monotone chain; pts are already sorted by y then x, so sort by x then y.
  pts.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const cross = (o: [number, number], a: [number, number], b: [number, number]): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: [number, number][] = [];
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], p) <= 0) lower.pop();
    lower.push(p);
  }
  const upper: [number, number][] = [];
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], p) <= 0) upper.pop();
    upper.push(p);
  }
  const hull = lower.slice(0, -1).concat(upper.slice(0, -1));
  if (hull.length < 3) {
    for (const [x, y] of pts) out[y * w + x] = 1;
    return out;
  }
  // Counter-clockwise in (x right, y down) terms as built; inside = on the left of every edge (≥ 0).
  // The closed hull lies within its vertices' bounding box and meets each row in one interval, so
  // per row only the ends are searched (from each side of the box) and the run between is filled.
  const inside = (x: number, y: number): boolean => {
    for (let k = 0; k < hull.length; k++) {
      const a = hull[k], b = hull[(k + 1) % hull.length];
      if ((b[0] - a[0]) * (y - a[1]) - (b[1] - a[1]) * (x - a[0]) < 0) return false;
    }
    return true;
  };
  let minX = w, maxX = -1, minY = h, maxY = -1;
  for (const [x, y] of hull) {
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  for (let y = minY; y <= maxY; y++) {
    let left = minX;
    while (left <= maxX && !inside(left, y)) left++;
    if (left > maxX) continue;
    let right = maxX;
    while (right > left && !inside(right, y)) right--;
    out.fill(1, y * w + left, y * w + right + 1);
  }
  return out;
}

/** Mean of `value` over the candidate blocks (`on`) in a (2r+1)² window; 0 where there is none. */
function candidateMean(value: Float32Array, on: Uint8Array, bw: number, bh: number, r: number): Float32Array {
  const out = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let s = 0, c = 0;
      for (let y = Math.max(0, by - r); y <= Math.min(bh - 1, by + r); y++) {
        for (let x = Math.max(0, bx - r); x <= Math.min(bw - 1, bx + r); x++) {
          const b = y * bw + x;
          if (on[b]) { s += value[b]; c++; }
        }
      }
      out[by * bw + bx] = c > 0 ? s / c : 0;
    }
  }
  return out;
}

/** Binary dilation with a (2r+1)² square (see morph). Also used by the latent ROI. */
export function dilate(src: Uint8Array, w: number, h: number, r: number): Uint8Array {
  return morph(src, w, h, r, 1);
}
/** Binary erosion with a (2r+1)² square (see morph). Also used by the latent ROI. */
export function erode(src: Uint8Array, w: number, h: number, r: number): Uint8Array {
  return morph(src, w, h, r, 0);
}
/**
 * Square structuring element; `hit` = the value that spreads (1 dilates, 0 erodes). Off-image
 * pixels are ignored, so a print touching the image edge is not eaten from there.
 */
function morph(src: Uint8Array, w: number, h: number, r: number, hit: 0 | 1): Uint8Array {
  // The square (clipped to the image) is a row interval times a column interval, so a pixel sees a
  // `hit` in its square exactly when some pixel of its column interval saw one in its row
  // interval: two 1-D passes, each a running count of hits in the window.
  const miss = hit === 1 ? 0 : 1;
  const rows = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let count = 0;
    for (let x = 0; x < Math.min(w, r); x++) if (src[row + x] === hit) count++;
    for (let x = 0; x < w; x++) {
      if (x + r < w && src[row + x + r] === hit) count++;
      if (x - r - 1 >= 0 && src[row + x - r - 1] === hit) count--;
      rows[row + x] = count > 0 ? 1 : 0;
    }
  }
  const out = new Uint8Array(w * h);
  for (let x = 0; x < w; x++) {
    let count = 0;
    for (let y = 0; y < Math.min(h, r); y++) count += rows[y * w + x];
    for (let y = 0; y < h; y++) {
      if (y + r < h) count += rows[(y + r) * w + x];
      if (y - r - 1 >= 0) count -= rows[(y - r - 1) * w + x];
      out[y * w + x] = count > 0 ? hit : miss;
    }
  }
  return out;
}

/** Keeps the largest 4-connected component of 1s and fills its holes (background not reaching the border). */
function largestComponentFilled(src: Uint8Array, w: number, h: number): Uint8Array {
  const n = w * h;
  const { label, best, stack } = componentLabels(src, w, h);
  // Background reachable from the image border stays background; the rest is a hole.
  const outside = new Uint8Array(n);
  let top = 0;
  for (let i = 0; i < n; i++) {
    const x = i % w;
    const y = (i / w) | 0;
    if ((x === 0 || y === 0 || x === w - 1 || y === h - 1) && label[i] !== best) { outside[i] = 1; stack[top++] = i; }
  }
  while (top > 0) {
    const i = stack[--top];
    const x = i % w;
    if (x > 0 && !outside[i - 1] && label[i - 1] !== best) { outside[i - 1] = 1; stack[top++] = i - 1; }
    if (x < w - 1 && !outside[i + 1] && label[i + 1] !== best) { outside[i + 1] = 1; stack[top++] = i + 1; }
    if (i >= w && !outside[i - w] && label[i - w] !== best) { outside[i - w] = 1; stack[top++] = i - w; }
    if (i + w < n && !outside[i + w] && label[i + w] !== best) { outside[i + w] = 1; stack[top++] = i + w; }
  }
  const out = new Uint8Array(n);
  if (best === 0) return out;
  for (let i = 0; i < n; i++) out[i] = outside[i] ? 0 : 1;
  return out;
}
