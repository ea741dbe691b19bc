/**
 * Hard latent marks for development (issue 11, point 6), written as pair folders that
 * `npm run eval:latent` reads:
 *
 *   npm run gen:latent-marks -- --out DIR --count N [--seed S] [--fvc DIR] [--scale-jitter J]
 *       [--style hard|plain] [--sets db2_b,db3_b,db4_b]
 *
 * Sources: the FVC2002 B sets (db1_b, db3_b, db4_b at 500 ppi; db2_b brought from 569 ppi), 40
 * fingers × 8 impressions. Pair i takes finger i mod 40: its mark is made (fixtures/latent-marks/
 * hard-mark.ts) from impression 2–8 of that finger, in turn, and its mate is impression 1, written
 * as the same PNG bytes for every pair of that finger, so eval:latent puts each finger in the
 * gallery once. Written per pair: ID/latent/mark.png, ID/tenprint/<set>_<F>_1.png, ID/markup.json
 * (the true ROI and minutiae, LatentMarkup at 500 ppi: the impression's minutiae from the tenprint
 * extractor, taken through the mark's geometry) and ID/generation.json (source, rotation, area and
 * background fractions). DIR/summary.json has the set's difficulty figures.
 *
 * --scale-jitter J (e.g. 0.15): each mark's source impression is first resampled by a factor drawn
 * uniformly from [1 − J, 1 + J] (its own seeded draw, so J 0 gives the marks of before), as a mark
 * photographed at a wrongly stated resolution, or lifted from stretched skin, would be; the true
 * minutiae are taken through the same factor and the mate stays at its own scale. The factor is in
 * generation.json (`scale`).
 *
 * --style plain: large, clean, mildly distorted marks (PLAIN_MARK in fixtures/latent-marks/hard-mark.ts:
 * 50–100% of the print, at most one faint surface layer, no overlapping prints), a population for
 * the latent impostor model; the default, hard, is the marks of before. --sets: only these FVC2002
 * sets (fingers numbered over them in the order given by SETS), e.g. without db1_b, whose prints
 * are the gan-fvc2002-db1 mates. Both are written to summary.json and generation.json when not the
 * default.
 * --without LAYER,... (study ablation, fixtures/latent-marks/hard-mark.ts HARD_MARK_LAYERS: pattern,
 * lines, text, overlaps, smudge, noise, contrast, distortion): the same marks with those layers left
 * out, every other draw unchanged. generation.json `layers` records what each mark was made with.
 *
 *   npm run gen:latent-marks -- --compare DIR
 * prints the set's difficulty next to the labelled NIST SD27 sample: true minutiae per mark, the
 * fraction of the image that is background, and what the automatic pipeline finds on each.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { decodeImage } from '../engine/fingerprint/codecs/index.js';
import { extractTemplate } from '../engine/fingerprint/extractor.js';
import type { GrayImage } from '../engine/fingerprint/gray-image.js';
import { toPpi500 } from '../engine/fingerprint/resolution.js';
import type { FingerprintTemplate } from '../engine/fingerprint/template.js';
import { extractLatentFeatures } from '../engine/latent/latent-extractor.js';
import { insidePolygon } from '../engine/latent/latent-features.js';
import { templateSeed } from '../fixtures/gallery/background-gallery.js';
import { HARD_MARK_LAYERS, makeHardMark, type HardMarkLayer } from '../fixtures/latent-marks/hard-mark.js';
import { mulberry32 } from '../fixtures/seeded-random.js';
import { decodeGray } from './eval/image-templates.js';
import { readLatentPairs } from './eval/latent-pairs.js';
import { readMarkupFile } from './eval/latent-markup-file.js';
import { median } from './eval/latent-ranks.js';

const SETS = [
  { name: 'db1_b', ppi: 500 },
  { name: 'db2_b', ppi: 569 },
  { name: 'db3_b', ppi: 500 },
  { name: 'db4_b', ppi: 500 },
];
const SD27 = '../shared/data/fingerprints/latent/labelled-samples/NISTSD27';

const argv = process.argv.slice(2).filter((a) => a !== '--');
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const v = argv[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
  return v;
};

interface Finger {
  set: string;
  finger: number;
  impressions: string[];
  ppi: number;
}

async function load500(path: string, ppi: number): Promise<GrayImage> {
  return toPpi500(await decodeGray(path), ppi);
}

async function pngBytes(img: GrayImage): Promise<Buffer> {
  return sharp(Buffer.from(img.pixels.buffer, img.pixels.byteOffset, img.pixels.length), { raw: { width: img.width, height: img.height, channels: 1 } })
    .png({ compressionLevel: 9 }).toBuffer();
}

function quantiles(values: number[]): { p10: number; p50: number; p90: number; mean: number } {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  const r = (v: number) => Math.round(v * 1000) / 1000;
  return { p10: r(at(0.1)), p50: r(median(s)), p90: r(at(0.9)), mean: r(s.reduce((a, b) => a + b, 0) / s.length) };
}

/** The pair's scale factor: 1 without jitter, else uniform in [1 − jitter, 1 + jitter] from its own draw. */
function markScale(pairSeed: number, jitter: number): number {
  if (jitter === 0) return 1;
  return 1 + jitter * (2 * mulberry32(pairSeed ^ 0x5ca1e)() - 1);
}

/** A template's minutiae and singular points at `scale` (coordinates × scale; directions kept). */
function scaledTemplate(t: FingerprintTemplate, scale: number): FingerprintTemplate {
  if (scale === 1) return t;
  return {
    ...t,
    width: Math.round(t.width * scale), height: Math.round(t.height * scale),
    minutiae: t.minutiae.map((m) => ({ ...m, x: m.x * scale, y: m.y * scale })),
    singularPoints: t.singularPoints.map((p) => ({ ...p, x: p.x * scale, y: p.y * scale })),
  };
}

async function generate(out: string, count: number, seed: number, fvc: string, jitter = 0, style: 'hard' | 'plain' = 'hard', sets = SETS.map((s) => s.name), without: readonly HardMarkLayer[] = []): Promise<void> {
  const fingers: Finger[] = [];
  for (const set of SETS.filter((s) => sets.includes(s.name))) {
    const files = readdirSync(join(fvc, set.name)).filter((f) => /^\d+_\d+\.tif$/.test(f));
    for (const f of [...new Set(files.map((x) => Number(x.split('_')[0])))].sort((a, b) => a - b)) {
      const impressions = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => join(fvc, set.name, `${f}_${i}.tif`));
      fingers.push({ set: set.name, finger: f, impressions, ppi: set.ppi });
    }
  }
  if (fingers.length < 2) throw new Error(`${fvc}: found ${fingers.length} fingers; expected the FVC2002 B sets`);
  mkdirSync(out, { recursive: true });
  const templates = new Map<string, FingerprintTemplate>();
  const mates = new Map<string, Buffer>();
  const firsts = await Promise.all(fingers.map((f) => load500(f.impressions[0], f.ppi)));
  const stats = { minutiae: [] as number[], areaFraction: [] as number[], backgroundFraction: [] as number[] };
  for (let i = 0; i < count; i++) {
    const finger = fingers[i % fingers.length];
    const impression = 1 + (Math.floor(i / fingers.length) % 7); // 0-based: impressions 2..8
    const path = finger.impressions[impression];
    const unscaled = await load500(path, finger.ppi);
    let template = templates.get(path);
    if (!template) { template = await extractTemplate(unscaled, { ppi: 500 }); templates.set(path, template); }
    const pairSeed = templateSeed(seed, i);
    const scale = markScale(pairSeed, jitter);
    // Resampling 500 ppi as if it were 500 / scale ppi magnifies the impression by `scale`.
    const source = scale === 1 ? unscaled : toPpi500({ ...unscaled, ppi: 500 / scale });
    template = scaledTemplate(template, scale);
    // Overlapping prints from three other fingers, chosen by the pair's seed.
    const others = [1, 2, 3].map((k) => firsts[(i + 1 + ((pairSeed >>> (k * 7)) % (fingers.length - 1))) % fingers.length]);
    const mark = makeHardMark({ source, minutiae: template.minutiae, singularPoints: template.singularPoints, others: others.filter((o) => o !== firsts[i % fingers.length]), seed: pairSeed, ...(style !== 'hard' ? { style } : {}), ...(without.length > 0 ? { without } : {}) });
    const id = `m${String(i).padStart(4, '0')}`;
    const mateName = `${finger.set}_${finger.finger}_1.png`;
    let mate = mates.get(mateName);
    if (!mate) { mate = await pngBytes(firsts[i % fingers.length]); mates.set(mateName, mate); }
    mkdirSync(join(out, id, 'latent'), { recursive: true });
    mkdirSync(join(out, id, 'tenprint'), { recursive: true });
    writeFileSync(join(out, id, 'latent', 'mark.png'), await pngBytes(mark.image));
    writeFileSync(join(out, id, 'tenprint', mateName), mate);
    writeFileSync(join(out, id, 'markup.json'), JSON.stringify(mark.markup) + '\n');
    writeFileSync(join(out, id, 'generation.json'), JSON.stringify({
      source: `fvc2002/${finger.set}/${finger.finger}_${impression + 1}.tif`, mate: `fvc2002/${finger.set}/${finger.finger}_1.tif`,
      seed: pairSeed, rotationDegrees: Math.round((mark.rotation * 180) / Math.PI), areaFraction: mark.areaFraction,
      backgroundFraction: mark.backgroundFraction, ...(jitter !== 0 ? { scale: Math.round(scale * 1e4) / 1e4 } : {}), ...(style !== 'hard' ? { style } : {}), trueMinutiae: mark.markup.minutiae?.length ?? 0, width: mark.image.width, height: mark.image.height,
      layers: mark.parameters, trueMinutiaDeposit: mark.minutiaDeposit,
    }, null, 1) + '\n');
    stats.minutiae.push(mark.markup.minutiae?.length ?? 0);
    stats.areaFraction.push(mark.areaFraction);
    stats.backgroundFraction.push(mark.backgroundFraction);
    if ((i + 1) % 50 === 0) console.log(`  ${i + 1}/${count} marks`);
  }
  const summary = {
    count, seed, fingers: fingers.length, ...(jitter !== 0 ? { scaleJitter: jitter } : {}),
    ...(style !== 'hard' ? { style } : {}), ...(sets.length !== SETS.length ? { sets } : {}),
    trueMinutiaePerMark: quantiles(stats.minutiae),
    areaFraction: quantiles(stats.areaFraction),
    backgroundFraction: quantiles(stats.backgroundFraction),
  };
  writeFileSync(join(out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  console.log(JSON.stringify(summary));
}

/** Difficulty of a generated set next to the SD27 labelled sample. */
async function compare(dir: string): Promise<void> {
  // BMP: the engine's decoder (sharp reads no BMP).
  const [sd27Image] = await decodeImage(new Uint8Array(readFileSync(join(SD27, 'images', 'B101L9U.bmp'))));
  const mnt = readFileSync(join(SD27, 'mnt_labels', 'B101L9U.mnt'), 'utf8').trim().split('\n');
  const labelled = Number(mnt[1].split(/\s+/)[0]);
  const seg = await decodeGray(join(SD27, 'seg_labels', 'B101L9U.png'));
  let fg = 0;
  for (const v of seg.pixels) if (v > 127) fg++;
  const sd27Auto = await extractLatentFeatures(sd27Image, { ppi: 500 });
  let sd27AutoInside = 0;
  for (const m of sd27Auto.minutiae) if (seg.pixels[Math.round(m.y) * seg.width + Math.round(m.x)] > 127) sd27AutoInside++;
  console.log(JSON.stringify({ sd27: { image: `${sd27Image.width}x${sd27Image.height}`, labelledMinutiae: labelled, backgroundFraction: 1 - fg / seg.pixels.length, autoMinutiae: sd27Auto.minutiae.length, autoInsideRoi: sd27AutoInside } }));
  const pairs = readLatentPairs(dir).slice(0, Number(opt('--sample') ?? '40'));
  const auto: number[] = [], autoInside: number[] = [], truth: number[] = [], background: number[] = [];
  for (const p of pairs) {
    const markup = readMarkupFile(p.markup!);
    const gen = JSON.parse(readFileSync(join(dir, p.id, 'generation.json'), 'utf8')) as { backgroundFraction: number };
    const f = await extractLatentFeatures(await decodeGray(p.latent), { ppi: 500 });
    auto.push(f.minutiae.length);
    autoInside.push(f.minutiae.filter((m) => insidePolygon(m, markup.roi!)).length);
    truth.push(markup.minutiae?.length ?? 0);
    background.push(gen.backgroundFraction);
  }
  console.log(JSON.stringify({ generated: { marks: pairs.length, trueMinutiae: quantiles(truth), backgroundFraction: quantiles(background), autoMinutiae: quantiles(auto), autoInsideRoi: quantiles(autoInside) } }));
}

const compareDir = opt('--compare');
if (compareDir) await compare(compareDir);
else {
  const out = opt('--out');
  if (!out) throw new Error('usage: latent-marks --out DIR --count N [--seed S] [--fvc DIR] [--scale-jitter J] [--style hard|plain] [--sets db2_b,…] | --compare DIR [--sample N]');
  const count = Number(opt('--count') ?? '300');
  const seed = Number(opt('--seed') ?? '1');
  if (!Number.isInteger(count) || count < 1) throw new Error('--count must be a positive whole number');
  if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');
  const jitter = Number(opt('--scale-jitter') ?? '0');
  if (!Number.isFinite(jitter) || jitter < 0 || jitter > 0.5) throw new Error('--scale-jitter must be a number from 0 to 0.5');
  const style = opt('--style') ?? 'hard';
  if (style !== 'hard' && style !== 'plain') throw new Error('--style must be hard or plain');
  const sets = (opt('--sets') ?? SETS.map((s) => s.name).join(',')).split(',');
  const unknown = sets.filter((s) => !SETS.some((k) => k.name === s));
  if (unknown.length > 0 || sets.length === 0) throw new Error(`--sets must name some of ${SETS.map((s) => s.name).join(', ')}`);
  const without = (opt('--without') ?? '').split(',').filter((w) => w.length > 0);
  for (const w of without) if (!HARD_MARK_LAYERS.includes(w as HardMarkLayer)) throw new Error(`--without: ${w} is not one of ${HARD_MARK_LAYERS.join(', ')}`);
  await generate(out, count, seed, opt('--fvc') ?? '../shared/data/fingerprints/fvc2002', jitter, style, [...new Set(sets)], without as HardMarkLayer[]);
}
