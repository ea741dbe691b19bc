/**
 * The true orientation of a generated mark (scripts/latent-marks.ts pair folders): the tenprint
 * orientation estimator (orientation-field.ts) on the clean source impression, carried onto the
 * mark's canvas through its geometry (fixtures/latent-marks/hard-mark.ts hardMarkGeometry: the
 * rotation, placement and skin distortion the mark was drawn with), read inside the true ROI where
 * the source has print (its tenprint segmentation). Used to train the latent orientation network
 * (scripts/train-latent-orientation.ts) and to score orientation fields on held-out marks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { orientationField } from '../../engine/fingerprint/extraction/orientation-field.js';
import { segmentationMask } from '../../engine/fingerprint/extraction/segmentation-mask.js';
import type { GrayImage } from '../../engine/fingerprint/gray-image.js';
import { toPpi500 } from '../../engine/fingerprint/resolution.js';
import { insidePolygon, type Point } from '../../engine/latent/latent-features.js';
import { hardMarkGeometry, type HardMarkLayer } from '../../fixtures/latent-marks/hard-mark.js';
import { sharedDataPath } from '../../fixtures/shared-data.js';
import { decodeGray } from './image-templates.js';
import { readMarkupFile } from './latent-markup-file.js';

const FVC_PPI: Record<string, number> = { db1_b: 500, db2_b: 569, db3_b: 500, db4_b: 500 };

/** Pixel-frame angle of an ISO direction (counter-clockwise as viewed). */
const pixelAngle = (iso: number): number => {
  const a = (2 * Math.PI - iso) % (2 * Math.PI);
  return a < 0 ? a + 2 * Math.PI : a;
};

export interface MarkOrientationTruth {
  image: GrayImage;
  roi: Point[];
  /** Per pixel: the carried ridge angle (pixel frame, [0, π)), NaN where unknown (outside ROI ∩ print). */
  angle: Float32Array;
  /** Per pixel: the source field's coherence there (0 where unknown). */
  coherence: Float32Array;
  /** The source impression's FVC2002 set (db1_b … db4_b). */
  set: string;
}

/** The truth of the pair `id` in `dir` (its latent/mark.png, markup.json and generation.json). */
export async function markOrientationTruth(dir: string, id: string): Promise<MarkOrientationTruth> {
  const gen = JSON.parse(readFileSync(join(dir, id, 'generation.json'), 'utf8')) as { source: string; seed: number; scale?: number; style?: 'hard' | 'plain'; layers?: { without?: HardMarkLayer[] } };
  if (gen.scale !== undefined && gen.scale !== 1) throw new Error(`${id}: marks with --scale-jitter are not supported`);
  const set = gen.source.split('/')[1]!;
  const source = toPpi500(await decodeGray(sharedDataPath('fingerprints', ...gen.source.split('/'))), FVC_PPI[set] ?? 500);
  const markup = readMarkupFile(join(dir, id, 'markup.json'));
  const image = await decodeGray(join(dir, id, 'latent', 'mark.png'));
  const without = gen.layers?.without;
  const geo = hardMarkGeometry({ source, minutiae: [], singularPoints: [], others: [], seed: gen.seed, ...(gen.style === 'plain' ? { style: 'plain' as const } : {}), ...(without ? { without } : {}) });
  const roi = markup.roi!;
  // The geometry must be the one the mark was drawn with: its ROI is the region through the warp.
  const drift = Math.max(...geo.polygon.map((p, k) => { const q = geo.warp.toCanvas(p); return Math.hypot(q.x - roi[k]!.x, q.y - roi[k]!.y); }));
  if (!(drift < 0.5)) throw new Error(`${id}: the regenerated geometry is not the mark's (ROI off by ${drift.toFixed(2)} px)`);
  const field = orientationField(source);
  const seg = segmentationMask(source, field);
  const { width: w, height: h } = image;
  const angle = new Float32Array(w * h).fill(NaN);
  const coherence = new Float32Array(w * h);
  const minX = Math.max(0, Math.floor(Math.min(...roi.map((p) => p.x)))), maxX = Math.min(w - 1, Math.ceil(Math.max(...roi.map((p) => p.x))));
  const minY = Math.max(0, Math.floor(Math.min(...roi.map((p) => p.y)))), maxY = Math.min(h - 1, Math.ceil(Math.max(...roi.map((p) => p.y))));
  // Every second pixel of even rows and columns (the field is smooth over ridge periods); the rest
  // stay unknown.
  for (let y = minY - (minY & 1); y <= maxY; y += 2) {
    for (let x = minX - (minX & 1); x <= maxX; x += 2) {
      if (!insidePolygon({ x: x + 0.5, y: y + 0.5 }, roi)) continue;
      const s = geo.warp.toSource(x, y);
      const sx = Math.round(s.x), sy = Math.round(s.y);
      if (sx < 0 || sy < 0 || sx >= source.width || sy >= source.height) continue;
      const j = sy * source.width + sx;
      if (!seg.mask[j]) continue;
      const iso = (2 * Math.PI - field.angle[j]!) % (2 * Math.PI);
      angle[y * w + x] = pixelAngle(geo.warp.directionOnCanvas(s, iso)) % Math.PI;
      coherence[y * w + x] = field.coherence[j]!;
    }
  }
  return { image, roi, angle, coherence, set };
}

/**
 * Per 16 px block (grid of ridge-spectrum.ts): the coherence-weighted mean doubled-angle direction
 * of the known pixels (unit vector tx, ty) and its weight = Σ coherence / pixels sampled in the block
 * (0 where nothing is known, at most 1).
 */
export function blockTargets(truth: MarkOrientationTruth, block = 16): { blocksWide: number; blocksHigh: number; tx: Float32Array; ty: Float32Array; weight: Float32Array } {
  const { width: w, height: h } = truth.image;
  const bw = Math.ceil(w / block), bh = Math.ceil(h / block);
  const tx = new Float32Array(bw * bh), ty = new Float32Array(bw * bh), weight = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let sx = 0, sy = 0, sc = 0, n = 0;
      for (let y = by * block; y < Math.min(h, (by + 1) * block); y += 2) {
        for (let x = bx * block; x < Math.min(w, (bx + 1) * block); x += 2) {
          n++;
          const a = truth.angle[y * w + x]!;
          if (Number.isNaN(a)) continue;
          const c = truth.coherence[y * w + x]!;
          sx += c * Math.cos(2 * a); sy += c * Math.sin(2 * a); sc += c;
        }
      }
      const b = by * bw + bx;
      const len = Math.hypot(sx, sy);
      if (n === 0 || len < 1e-9) continue;
      tx[b] = sx / len; ty[b] = sy / len; weight[b] = sc / n;
    }
  }
  return { blocksWide: bw, blocksHigh: bh, tx, ty, weight };
}

/** Mean absolute difference (degrees, mod 180) of a per-pixel field against the truth, over the known pixels. */
export function truthError(angle: Float32Array, truth: MarkOrientationTruth): { errorDeg: number; pixels: number } {
  let sum = 0, n = 0;
  for (let i = 0; i < truth.angle.length; i++) {
    const t = truth.angle[i]!;
    if (Number.isNaN(t)) continue;
    let d = Math.abs(angle[i]! - t) % Math.PI;
    if (d > Math.PI / 2) d = Math.PI - d;
    sum += d; n++;
  }
  return { errorDeg: n ? (sum / n) * (180 / Math.PI) : NaN, pixels: n };
}
