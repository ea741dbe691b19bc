import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors.js';
import { blockOrientations } from '../fingerprint/extraction/block-orientations.js';
import { orientationField } from '../fingerprint/extraction/orientation-field.js';
import { dislocation, inDisc, parallelRidges, withNoise } from '../fingerprint/extraction/synthetic-prints.js';
import { extractTemplate } from '../fingerprint/extractor.js';
import type { GrayImage } from '../fingerprint/gray-image.js';
import { collectingSink, LATENT_STAGE_NAMES, stageImage } from '../fingerprint/stage-sink.js';
import { latentRidgeFrequency, normalisedImage } from './latent-enhancement.js';
import { extractLatentFeatures, type RouteProbe } from './latent-extractor.js';
import { insidePolygon, latentTemplate } from './latent-features.js';
import { latentOrientation } from './latent-orientation.js';
import { convexHull, regionOfInterest } from './region-of-interest.js';
import { ridgeSpectrum } from './ridge-spectrum.js';
import { syntheticMark } from './synthetic-marks.js';

/** The fraction of a pixel mask that is set. */
function maskFraction(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i] ? 1 : 0;
  return mask.length > 0 ? n / mask.length : 0;
}

const DEG = 180 / Math.PI;

function angleDiff(a: number, b: number): number {
  let d = Math.abs(a - b) % Math.PI;
  if (d > Math.PI / 2) d = Math.PI - d;
  return d;
}

/** Mean |error| in degrees of a per-pixel angle map against the truth where `where` is set. */
function meanError(angle: Float32Array, truth: Float32Array, where: Uint8Array): number {
  let s = 0, n = 0;
  for (let i = 0; i < angle.length; i++) {
    if (!where[i]) continue;
    s += angleDiff(angle[i]!, truth[i]!);
    n++;
  }
  return (s / n) * DEG;
}

/** The mask shrunk by r px (so edge effects of any window do not count). */
function shrink(mask: Uint8Array, w: number, h: number, r: number): Uint8Array {
  const out = new Uint8Array(mask.length);
  for (let y = r; y < h - r; y++) {
    for (let x = r; x < w - r; x++) {
      let all = 1;
      for (let d = -r; d <= r && all; d += r) for (let e = -r; e <= r; e += r) if (!mask[(y + d) * w + x + e]) { all = 0; break; }
      out[y * w + x] = all;
    }
  }
  return out;
}

/** Dark ruled line(s) of width `width` drawn over an image. */
function withLines(image: GrayImage, angle: number, spacing: number, width: number, gray = 40): GrayImage {
  const pixels = image.pixels.slice();
  const nx = -Math.sin(angle), ny = Math.cos(angle);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const d = x * nx + y * ny;
      if (((d % spacing) + spacing) % spacing < width) pixels[y * image.width + x] = gray;
    }
  }
  return { ...image, pixels };
}

describe('ridge spectrum', () => {
  it('finds the angle and period of parallel ridges and a clear peak; noise has none', () => {
    const angle = 0.6;
    const sp = ridgeSpectrum(parallelRidges(160, 160, angle, 9, 60));
    const K = sp.candidates;
    for (let by = 2; by < sp.blocksHigh - 2; by++) {
      for (let bx = 2; bx < sp.blocksWide - 2; bx++) {
        const b = by * sp.blocksWide + bx;
        expect(angleDiff(sp.candidateAngle[b * K]!, angle) * DEG).toBeLessThan(6);
        expect(Math.abs(sp.candidatePeriod[b * K]! - 9)).toBeLessThan(1);
        expect(sp.peakShare[b]).toBeGreaterThan(0.3);
      }
    }
    const flat: GrayImage = { width: 160, height: 160, pixels: new Uint8Array(160 * 160).fill(128), ppi: 500 };
    const noise = ridgeSpectrum(withNoise(flat, 60, 3));
    const shares = Array.from(noise.peakShare).sort((a, b) => a - b);
    expect(shares[Math.floor(shares.length / 2)]!).toBeLessThan(0.1);
  });
});

describe('region of interest', () => {
  it('covers the mark and leaves out the text beside it and the paper, with ruled lines across', () => {
    const m = syntheticMark({ text: true, lineSpacing: 150, lineAngle: 0.5, lineWidth: 4 });
    const roi = regionOfInterest(ridgeSpectrum(m.image));
    expect(roi.polygon).not.toBeNull();
    let mark = 0, markIn = 0, text = 0, textIn = 0, paperIn = 0;
    for (let i = 0; i < roi.mask.length; i++) {
      mark += m.markMask[i]!;
      text += m.textMask[i]!;
      if (roi.mask[i] && m.markMask[i]) markIn++;
      if (roi.mask[i] && m.textMask[i]) textIn++;
      if (roi.mask[i] && !m.markMask[i]) paperIn++;
    }
    expect(markIn / mark).toBeGreaterThan(0.85);
    expect(textIn / text).toBeLessThan(0.25);
    // Not the whole image (320×256): the hull of ridge-like blocks, pushed out by ROI_MARGIN_PX,
    // takes in some paper about the ellipse, less than the mark's own area.
    expect(paperIn).toBeLessThan(markIn);
    expect(markIn + paperIn).toBeLessThan(0.5 * roi.mask.length);
  });

  it('finds no mark on blank paper or on text alone', () => {
    const flat: GrayImage = { width: 256, height: 256, pixels: new Uint8Array(256 * 256).fill(210), ppi: 500 };
    expect(regionOfInterest(ridgeSpectrum(withNoise(flat, 10, 5))).polygon).toBeNull();
    const m = syntheticMark({ text: true, amplitude: 0 });
    const roi = regionOfInterest(ridgeSpectrum(m.image));
    let textIn = 0, text = 0;
    for (let i = 0; i < roi.mask.length; i++) { text += m.textMask[i]!; if (roi.mask[i] && m.textMask[i]) textIn++; }
    expect(textIn / text).toBeLessThan(0.25);
  });

  it("takes the examiner's polygon as given", () => {
    const m = syntheticMark();
    const polygon = [{ x: 40, y: 40 }, { x: 200, y: 50 }, { x: 180, y: 220 }, { x: 30, y: 200 }];
    const roi = regionOfInterest(ridgeSpectrum(m.image), polygon);
    expect(roi.source).toBe('examiner');
    expect(roi.polygon).toEqual(polygon);
    for (let y = 0; y < m.image.height; y += 3) {
      for (let x = 0; x < m.image.width; x += 3) {
        if (roi.mask[y * m.image.width + x]) expect(insidePolygon({ x: x + 0.5, y: y + 0.5 }, polygon)).toBe(true);
      }
    }
    expect(roi.area).toBeGreaterThan(0.8 * 160 * 165);
  });

  it('convex hull of a square with an inner point is the square', () => {
    const hull = convexHull([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }, { x: 5, y: 5 }]);
    expect(hull).toHaveLength(4);
  });
});

describe('latent orientation', () => {
  it('stays close to the true flow of curved ridges under ruled lines, where the gradient estimate is pulled off', () => {
    for (const [spacing, angle] of [[40, 0.5], [60, 2.2]] as const) {
      const m = syntheticMark({ lineSpacing: spacing, lineAngle: angle, lineWidth: 5 });
      const sp = ridgeSpectrum(m.image);
      const roi = regionOfInterest(sp);
      const field = latentOrientation(sp, roi);
      const inner = shrink(m.markMask, m.image.width, m.image.height, 16);
      const latentError = meanError(field.angle, m.trueAngle, inner);
      const gradientError = meanError(orientationField(m.image).angle, m.trueAngle, inner);
      expect(latentError).toBeLessThan(6);
      expect(latentError).toBeLessThan(gradientError);
    }
  });
});

describe('latent enhancement', () => {
  it('normalises local contrast and reads the ridge period from the spectrum', () => {
    // Ridges whose contrast fades from left (strong) to right (faint).
    const base = parallelRidges(192, 128, 1.2, 10, 100);
    const pixels = base.pixels.map((v, i) => Math.round(128 + ((v - 128) * (1 - (0.9 * (i % 192)) / 192))));
    const image = { ...base, pixels };
    const n = normalisedImage(image);
    const spread = (x0: number): number => {
      let lo = 255, hi = 0;
      for (let y = 40; y < 90; y++) for (let x = x0; x < x0 + 20; x++) { lo = Math.min(lo, n.pixels[y * 192 + x]!); hi = Math.max(hi, n.pixels[y * 192 + x]!); }
      return hi - lo;
    };
    expect(spread(20) / spread(150)).toBeLessThan(1.5);
    const sp = ridgeSpectrum(image);
    const f = latentRidgeFrequency(sp, latentOrientation(sp, regionOfInterest(sp)));
    const mid = f.period[Math.floor(f.blocksHigh / 2) * f.blocksWide + Math.floor(f.blocksWide / 2)]!;
    expect(Math.abs(mid - 10)).toBeLessThan(1);
  });
});

describe('latent minutiae', () => {
  it('finds the one minutia of a dislocation under a ruled line, with a reliability in (0, 1]', async () => {
    const image = withLines(dislocation(192, 192, 96, 96, 9), 0.8, 400, 5);
    const f = await extractLatentFeatures(image);
    const near = f.minutiae.filter((m) => Math.hypot(m.x - 96, m.y - 96) < 10);
    expect(near.length).toBeGreaterThanOrEqual(1);
    for (const m of f.minutiae) {
      expect(m.reliability).toBeGreaterThan(0);
      expect(m.reliability).toBeLessThanOrEqual(1);
      expect(m.source).toBe('auto');
    }
    // Away from the dislocation the ridges are parallel: few minutiae elsewhere.
    expect(f.minutiae.length - near.length).toBeLessThanOrEqual(4);
  });
});

describe('latent extractor', () => {
  it('hands every stage to the sink in order, and the result does not depend on the sink', async () => {
    const m = syntheticMark({ text: true });
    const seen: string[] = [];
    const { sink, outputs } = collectingSink();
    const withSink = await extractLatentFeatures(m.image, { sink: (stage, output) => { seen.push(stage); sink(stage, output); } });
    expect(seen).toEqual([...LATENT_STAGE_NAMES]);
    expect(await extractLatentFeatures(m.image)).toEqual(withSink);
    for (const stage of LATENT_STAGE_NAMES) {
      const pic = stageImage(stage, outputs[stage] as never);
      if (pic) expect(pic.pixels.length).toBe(pic.width * pic.height);
    }
    expect(stageImage('latent-spectrum', outputs['latent-spectrum']!)?.width).toBe(m.image.width);
  });

  it('gives a mark on plain paper the tenprint minutiae, and a mark under lines and beside text its own', async () => {
    const plain = withNoise(inDisc(dislocation(224, 224, 112, 112, 9), 90), 6, 2);
    const key = (m: { x: number; y: number; type: string }): string => `${m.x},${m.y},${m.type}`;
    const tenprint = await extractTemplate(plain);
    // Without the ridge-continuity low-pass the plain route is the tenprint stages exactly.
    const unsmoothed = await extractLatentFeatures(plain, { continuity: { sigma: 0, route: 'field' } });
    expect(unsmoothed.minutiae.map(key)).toEqual(tenprint.minutiae.map(key));
    // As shipped its field and mask come from the low-passed mark and its ridges from the mark:
    // tenprint minutiae (here without the three the tenprint mask leaves at the disc's rim).
    const latent = await extractLatentFeatures(plain);
    const tenprintKeys = new Set(tenprint.minutiae.map(key));
    for (const m of latent.minutiae) expect(tenprintKeys.has(key(m))).toBe(true);
    expect(latent.minutiae.some((m) => Math.hypot(m.x - 112, m.y - 112) < 10)).toBe(true);
    const noisy = syntheticMark({ text: true, lineSpacing: 150, lineAngle: 0.5 });
    const spectral = await extractLatentFeatures(noisy.image);
    expect(spectral.minutiae.map(key)).not.toEqual((await extractTemplate(noisy.image)).minutiae.map(key));
  });

  it('carries a block field only on the plain-mark route: the tenprint stages\' own, not the spectral one', async () => {
    const plain = withNoise(inDisc(dislocation(224, 224, 112, 112, 9), 90), 6, 2);
    const { sink, outputs } = collectingSink();
    const f = await extractLatentFeatures(plain, { sink });
    const o = f.orientations!;
    expect([o.block, o.blocksWide, o.blocksHigh]).toEqual([16, Math.ceil(f.width / 16), Math.ceil(f.height / 16)]);
    // The field of the route's own orientation over its mask, as the tenprint extractor makes it.
    expect(o).toEqual(blockOrientations(outputs['orientation-field']!, outputs['segmentation-mask']!));
    const finger = o.angles.filter((a) => a < 180).length;
    expect(finger).toBeGreaterThan(50);
    // The disc's ridges run along x (dislocation's phase grows with y): 0° in pixel degrees.
    const near = o.angles.filter((a) => a < 180 && Math.min(a, 180 - a) < 15).length;
    expect(near / finger).toBeGreaterThan(0.8);
    expect(latentTemplate(f).orientations).toBe(o);
    // The latent route (lines and text) and an examiner's ROI (never the plain route) carry none.
    const noisy = syntheticMark({ text: true, lineSpacing: 150, lineAngle: 0.5 });
    expect((await extractLatentFeatures(noisy.image)).orientations).toBeUndefined();
    const roi = [{ x: 40, y: 40 }, { x: 180, y: 40 }, { x: 180, y: 180 }, { x: 40, y: 180 }];
    expect((await extractLatentFeatures(plain, { roi })).orientations).toBeUndefined();
  });

  it('route study: the mask-fraction test sends a page-wide ridge surface to the latent route and keeps a mark on paper; forceRoute keeps every mark off the plain route', async () => {
    // A mark on plain paper (a quarter of the image) and ridges over the whole page: both pass the
    // IoU test, as 105 generated hard marks on printed patterns and ruled lines do
    // (docs/decisions/latent-route-strict.md).
    const disc = withNoise(inDisc(dislocation(320, 320, 160, 160, 9), 90), 6, 2);
    const page = withNoise(dislocation(320, 320, 160, 160, 9), 6, 2);
    const probed = async (image: GrayImage, options: { routeMaxFraction?: number; forceRoute?: 'latent' } = {}): Promise<{ probe: RouteProbe; plainField: boolean }> => {
      let probe: RouteProbe | null = null;
      const f = await extractLatentFeatures(image, { ...options, routeProbe: (r) => { probe = r; } });
      return { probe: probe!, plainField: f.orientations !== undefined };
    };
    const discOff = await probed(disc);
    const pageOff = await probed(page);
    expect(discOff.probe.plain && pageOff.probe.plain).toBe(true);
    expect(maskFraction(discOff.probe.segmentationMask)).toBeLessThan(0.4);
    expect(maskFraction(pageOff.probe.segmentationMask)).toBeGreaterThan(0.9);
    const discOn = await probed(disc, { routeMaxFraction: 0.5 });
    const pageOn = await probed(page, { routeMaxFraction: 0.5 });
    expect([discOn.probe.plain, discOn.plainField]).toEqual([true, true]);
    expect([pageOn.probe.plain, pageOn.plainField]).toEqual([false, false]);
    // The mark kept on the plain route is extracted exactly as with the test off.
    expect(await extractLatentFeatures(disc, { routeMaxFraction: 0.5 })).toEqual(await extractLatentFeatures(disc));
    // Off the plain route a mark is extracted as forceRoute 'latent' extracts it.
    expect(await extractLatentFeatures(page, { routeMaxFraction: 0.5 })).toEqual(await extractLatentFeatures(page, { forceRoute: 'latent' }));
    const forced = await probed(disc, { forceRoute: 'latent' });
    expect([forced.probe.plain, forced.plainField, forced.probe.iou]).toEqual([false, false, discOff.probe.iou]);
  });

  it("keeps only minutiae inside the examiner's ROI and returns that ROI", async () => {
    const m = syntheticMark();
    const roi = [{ x: 60, y: 60 }, { x: 140, y: 60 }, { x: 140, y: 200 }, { x: 60, y: 200 }];
    const f = await extractLatentFeatures(m.image, { roi });
    expect(f.roi).toEqual(roi);
    for (const p of f.minutiae) expect(insidePolygon(p, roi)).toBe(true);
  });

  it('finds no ROI and no minutiae on blank paper', async () => {
    const flat: GrayImage = { width: 200, height: 160, pixels: new Uint8Array(200 * 160).fill(215), ppi: 500 };
    const f = await extractLatentFeatures(withNoise(flat, 8, 9));
    expect(f.roi).toBeNull();
    expect(f.minutiae).toEqual([]);
  });

  it('refuses images without a resolution or of implausible size with INVALID_ARGUMENT', async () => {
    const tiny: GrayImage = { width: 8, height: 8, pixels: new Uint8Array(64), ppi: 500 };
    await expect(extractLatentFeatures(tiny)).rejects.toBeInstanceOf(EngineError);
    const noPpi: GrayImage = { width: 64, height: 64, pixels: new Uint8Array(64 * 64) };
    await expect(extractLatentFeatures(noPpi)).rejects.toMatchObject({ field: 'image.ppi' });
  });
});
