/**
 * Transparency (SourceAFIS style): the extractor hands every stage's output to an optional sink,
 * keyed by stage name, so an examiner or a developer can see each step. With no sink the call is
 * skipped (`sink?.(...)`), costing nothing. `stageImage` turns any stage output into an 8-bit
 * gray image that can be written as PNG.
 */
import type { GrayImage } from './gray-image.js';
import type { BinarizedImage } from './extraction/binarized-image.js';
import type { EnhancedImage } from './extraction/enhanced-image.js';
import type { MinutiaCandidate } from './extraction/minutiae.js';
import type { OrientationField } from './extraction/orientation-field.js';
import type { RidgeFrequency } from './extraction/ridge-frequency.js';
import type { RidgeGraph } from './extraction/ridge-graph.js';
import type { SegmentationMask } from './extraction/segmentation-mask.js';
import type { ThinnedSkeleton } from './extraction/thinned-skeleton.js';
import type { BlockOrientations, SingularPoint } from './template.js';
import type { LatentMinutia } from '../latent/latent-features.js';
import type { RidgeSpectrum } from '../latent/ridge-spectrum.js';

/** Every stage's output, by stage name, in pipeline order. */
export interface StageOutputs {
  'resolution': GrayImage;
  /** The working image after the low-pass pre-filter (extraction/low-pass-image.ts); only when it is on. */
  'low-pass-image': GrayImage;
  'orientation-field': OrientationField;
  'segmentation-mask': SegmentationMask;
  'ridge-frequency': RidgeFrequency;
  'enhanced-image': EnhancedImage;
  'binarized-image': BinarizedImage;
  'thinned-skeleton': ThinnedSkeleton;
  'ridge-graph': RidgeGraph;
  /** Minutiae straight from the (filtered) ridge graph, before the list filters. */
  'minutiae': MinutiaCandidate[];
  /** After border, gap and cluster filters, with quality. */
  'filtered-minutiae': MinutiaCandidate[];
  'singular-points': SingularPoint[];
  'image-quality': number;
  /** The template's compact block orientation field (the matcher's orientation cue). */
  'block-orientations': BlockOrientations;
  /** Latent pipeline only (engine/latent/latent-extractor.ts): the block spectrum analysis. */
  'latent-spectrum': RidgeSpectrum;
  /** Latent pipeline only: the mark low-passed along its ridges (ridge-continuity.ts); the mark itself where no stage reads it. */
  'latent-continuity': GrayImage;
  /** Latent pipeline only: the contrast-normalised mark the enhancement filters. */
  'latent-normalised': GrayImage;
  /** Latent pipeline only: the minutiae with their reliability. */
  'latent-minutiae': LatentMinutia[];
}

export type StageName = keyof StageOutputs;

/**
 * The latent pipeline's stages in its order. It reuses the tenprint names where the output has
 * the same shape: 'segmentation-mask' is the region of interest, 'orientation-field' the latent
 * orientation, and so on, so drawings and stage pictures work for both.
 */
export const LATENT_STAGE_NAMES: readonly StageName[] = [
  'resolution',
  'latent-continuity',
  'latent-spectrum',
  'segmentation-mask',
  'latent-normalised',
  'orientation-field',
  'ridge-frequency',
  'enhanced-image',
  'binarized-image',
  'thinned-skeleton',
  'ridge-graph',
  'minutiae',
  'filtered-minutiae',
  'latent-minutiae',
];

export const STAGE_NAMES: readonly StageName[] = [
  'resolution',
  'orientation-field',
  'segmentation-mask',
  'ridge-frequency',
  'enhanced-image',
  'binarized-image',
  'thinned-skeleton',
  'ridge-graph',
  'minutiae',
  'filtered-minutiae',
  'singular-points',
  'image-quality',
  'block-orientations',
];

/** Receives each stage's output. Must not modify it (later stages read the same arrays). */
export type StageSink = <K extends StageName>(stage: K, output: StageOutputs[K]) => void;

/** A sink that keeps everything, for tests, `scripts/draw.ts` and the Extract RPC's stage images. */
export function collectingSink(): { sink: StageSink; outputs: Partial<StageOutputs> } {
  const outputs: Partial<StageOutputs> = {};
  const sink: StageSink = (stage, output) => {
    outputs[stage] = output;
  };
  return { sink, outputs };
}

/**
 * The stage output as an 8-bit gray picture (PNG-able), or undefined for stages that are not
 * images (minutiae lists, singular points, the quality number — draw those with scripts/draw.ts).
 * Orientation: angle 0..π as gray 0..255; frequency: period 4–16 px as 0–255; enhanced: response
 * scaled so ridges are dark; masks and skeletons: black on white.
 */
export function stageImage<K extends StageName>(stage: K, output: StageOutputs[K]): GrayImage | undefined {
  switch (stage) {
    case 'resolution':
    case 'low-pass-image':
    case 'latent-continuity':
    case 'latent-normalised':
      return output as GrayImage;
    case 'latent-spectrum': {
      // Each block's peak share (0–1) as gray, white = clear ridges.
      const sp = output as RidgeSpectrum;
      const px = new Uint8Array(sp.width * sp.height);
      for (let y = 0; y < sp.height; y++) {
        for (let x = 0; x < sp.width; x++) {
          const b = Math.min(sp.blocksHigh - 1, (y / sp.block) | 0) * sp.blocksWide + Math.min(sp.blocksWide - 1, (x / sp.block) | 0);
          px[y * sp.width + x] = Math.round(255 * Math.min(1, sp.peakShare[b] / 0.5));
        }
      }
      return { width: sp.width, height: sp.height, pixels: px, ppi: 500 };
    }
    case 'orientation-field': {
      const o = output as OrientationField;
      const px = new Uint8Array(o.angle.length);
      for (let i = 0; i < px.length; i++) px[i] = Math.round((o.angle[i] / Math.PI) * 255);
      return { width: o.width, height: o.height, pixels: px, ppi: 500 };
    }
    case 'segmentation-mask': {
      const m = output as SegmentationMask;
      return binaryPicture(m.width, m.height, m.mask, true);
    }
    case 'ridge-frequency': {
      const f = output as RidgeFrequency;
      const px = new Uint8Array(f.width * f.height);
      for (let y = 0; y < f.height; y++) {
        for (let x = 0; x < f.width; x++) {
          const p = f.period[Math.min(f.blocksHigh - 1, (y / f.block) | 0) * f.blocksWide + Math.min(f.blocksWide - 1, (x / f.block) | 0)];
          px[y * f.width + x] = Math.max(0, Math.min(255, Math.round(((p - 4) / 12) * 255)));
        }
      }
      return { width: f.width, height: f.height, pixels: px, ppi: 500 };
    }
    case 'enhanced-image': {
      const e = output as EnhancedImage;
      let max = 1e-6;
      for (let i = 0; i < e.data.length; i++) max = Math.max(max, Math.abs(e.data[i]));
      const px = new Uint8Array(e.data.length);
      for (let i = 0; i < px.length; i++) px[i] = Math.max(0, Math.min(255, Math.round(128 + (127 * e.data[i]) / (0.5 * max))));
      return { width: e.width, height: e.height, pixels: px, ppi: 500 };
    }
    case 'binarized-image': {
      const b = output as BinarizedImage;
      return binaryPicture(b.width, b.height, b.ridge, false);
    }
    case 'thinned-skeleton': {
      const s = output as ThinnedSkeleton;
      return binaryPicture(s.width, s.height, s.skeleton, false);
    }
    case 'block-orientations': {
      // Block direction 0..179° as gray 0..254, background white (255), one pixel per block.
      const o = output as BlockOrientations;
      const px = new Uint8Array(o.angles.length);
      for (let i = 0; i < px.length; i++) px[i] = o.angles[i] >= 180 ? 255 : Math.round((o.angles[i] * 254) / 179);
      return { width: o.blocksWide, height: o.blocksHigh, pixels: px, ppi: Math.round(500 / o.block) };
    }
    default:
      return undefined;
  }
}

/** 1 → black (or white when `oneIsWhite`), on the other colour. */
function binaryPicture(width: number, height: number, bits: Uint8Array, oneIsWhite: boolean): GrayImage {
  const px = new Uint8Array(bits.length);
  for (let i = 0; i < px.length; i++) px[i] = (bits[i] ? 1 : 0) === (oneIsWhite ? 1 : 0) ? 255 : 0;
  return { width, height, pixels: px, ppi: 500 };
}
