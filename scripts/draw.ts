/**
 * Renders a fingerprint with what the extractor found, for an examiner to look at:
 *   tsx scripts/draw.ts IMAGE [--ppi N] --out OUT.png|OUT.svg [--scale S] [--stage NAME]
 * Ridge endings: red circles; bifurcations: green squares; each with a tick along its ISO
 * direction. Mask outline yellow; cores magenta circles, deltas cyan triangles. The picture is
 * the image brought to 500 ppi (template coordinates). `--stage NAME` writes that stage's picture
 * instead (see engine/fingerprint/stage-sink.ts). `--reference F.iso` overlays another extractor's
 * ISO 19794-2 minutiae in blue (scaled from its declared size to the image), `--raw` the unfiltered
 * minutiae as small orange dots. `--latent` runs the latent pipeline (engine/latent/latent-extractor.ts)
 * instead: the outline is its region of interest, and `--stage` takes its stage names too
 * (`--continuity '{"sigma":2,"route":"field"}'`: the ridge-continuity study override, stage latent-continuity).
 * `--param NAME=VALUE`: a tenprint extraction parameter under study (scripts/eval/studies.ts).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { readIsoReference } from '../engine/fingerprint/extraction/iso-reference.js';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { fvcPpi, loadGray } from '../bench/extract-images.js';
import { extractTemplate } from '../engine/fingerprint/extractor.js';
import { tuningOf } from './eval/studies.js';
import { decodeBmp } from '../engine/fingerprint/codecs/bmp-decoder.js';
import { extractLatentFeatures, type LatentExtractOptions } from '../engine/latent/latent-extractor.js';
import { latentTemplate } from '../engine/latent/latent-features.js';
import { collectingSink, stageImage, type StageName } from '../engine/fingerprint/stage-sink.js';
import type { FingerprintTemplate } from '../engine/fingerprint/template.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { ppi: { type: 'string' }, out: { type: 'string' }, scale: { type: 'string' }, stage: { type: 'string' }, reference: { type: 'string' }, raw: { type: 'boolean' }, latent: { type: 'boolean' }, continuity: { type: 'string' }, param: { type: 'string' } },
});
const file = positionals[0];
if (!file || !values.out) {
  console.error('usage: tsx scripts/draw.ts IMAGE [--ppi N] --out OUT.png|OUT.svg [--scale S] [--stage NAME]');
  process.exit(2);
}
const ppi = values.ppi ? Number(values.ppi) : fvcPpi(file);
// sharp reads no BMP (the FingerNet-layout latent samples are BMP): the engine's own decoder does.
const image = file.toLowerCase().endsWith('.bmp') ? { ...decodeBmp(new Uint8Array(await readFile(file))), ...(ppi === undefined ? {} : { ppi }) } : await loadGray(file, ppi);
const { sink, outputs } = collectingSink();
// --continuity JSON: a study override of the latent ridge-continuity stage (latent-extractor.ts `continuity`).
const continuity = values.continuity ? { continuity: JSON.parse(values.continuity) as LatentExtractOptions['continuity'] } : {};
const template = values.latent ? { ...latentTemplate(await extractLatentFeatures(image, { sink, ...continuity })), quality: undefined } : await extractTemplate(image, { sink, ...(values.param ? { tuning: tuningOf(values.param) } : {}) });
const base = outputs['resolution']!;
const mask = outputs['segmentation-mask']!;

if (values.stage) {
  const stage = values.stage as StageName;
  const pic = stageImage(stage, outputs[stage] as never);
  if (!pic) throw new Error(`stage ${stage} has no picture`);
  await sharp(Buffer.from(pic.pixels), { raw: { width: pic.width, height: pic.height, channels: 1 } }).png().toFile(values.out);
} else if (values.out.endsWith('.svg')) {
  const png = await sharp(Buffer.from(base.pixels), { raw: { width: base.width, height: base.height, channels: 1 } }).png().toBuffer();
  await writeFile(values.out, svg(template, png.toString('base64'), outline(mask.mask, mask.width, mask.height)));
} else {
  const s = Math.max(1, Math.round(Number(values.scale ?? 2) * 4) / 4);
  const W = Math.round(base.width * s), H = Math.round(base.height * s);

  const rgb = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
    const g = base.pixels[Math.min(base.height - 1, (y / s) | 0) * base.width + Math.min(base.width - 1, (x / s) | 0)];
    rgb.fill(g, (y * W + x) * 3, (y * W + x) * 3 + 3);
  }
  const put = (x: number, y: number, c: [number, number, number]): void => {
    x = Math.round(x); y = Math.round(y);
    if (x < 0 || y < 0 || x >= W || y >= H) return;
    rgb.set(c, (y * W + x) * 3);
  };
  const line = (x0: number, y0: number, x1: number, y1: number, c: [number, number, number]): void => {
    const n = Math.ceil(Math.hypot(x1 - x0, y1 - y0)) + 1;
    for (let k = 0; k <= n; k++) put(x0 + ((x1 - x0) * k) / n, y0 + ((y1 - y0) * k) / n, c);
  };
  for (const i of outline(mask.mask, mask.width, mask.height)) {
    const x = i % mask.width, y = (i / mask.width) | 0;
    for (let dy = 0; dy < s; dy++) for (let dx = 0; dx < s; dx++) put(x * s + dx, y * s + dy, [255, 220, 0]);
  }
  for (const m of template.minutiae) {
    const cx = (m.x + 0.5) * s, cy = (m.y + 0.5) * s;
    const c: [number, number, number] = m.type === 'ending' ? [230, 20, 20] : [0, 170, 0];
    const r = 3 * s;
    if (m.type === 'ending') {
      for (let k = 0; k < 48; k++) put(cx + r * Math.cos((k * Math.PI) / 24), cy + r * Math.sin((k * Math.PI) / 24), c);
    } else {
      line(cx - r, cy - r, cx + r, cy - r, c); line(cx + r, cy - r, cx + r, cy + r, c);
      line(cx + r, cy + r, cx - r, cy + r, c); line(cx - r, cy + r, cx - r, cy - r, c);
    }
    const L = 10 * s;
    line(cx, cy, cx + L * Math.cos(m.direction), cy - L * Math.sin(m.direction), c);
  }
  if (values.raw) {
    for (const m of outputs['minutiae'] ?? []) for (let d = -1; d <= 1; d++) { put((m.x + 0.5) * s + d, (m.y + 0.5) * s, [255, 140, 0]); put((m.x + 0.5) * s, (m.y + 0.5) * s + d, [255, 140, 0]); }
  }
  if (values.reference) {
    const ref = readIsoReference(new Uint8Array(await readFile(values.reference)));
    const fx = template.width / ref.width, fy = template.height / ref.height;
    for (const m of ref.minutiae) {
      const cx = (m.x * fx + 0.5) * s, cy = (m.y * fy + 0.5) * s, r = 2 * s;
      const c: [number, number, number] = [30, 60, 255];
      for (let k = 0; k < 32; k++) put(cx + r * Math.cos((k * Math.PI) / 16), cy + r * Math.sin((k * Math.PI) / 16), c);
      const dx = fx * Math.cos(m.direction), dy = fy * Math.sin(m.direction), n = Math.hypot(dx, dy);
      line(cx, cy, cx + (7 * s * dx) / n, cy - (7 * s * dy) / n, c);
    }
  }
  for (const p of template.singularPoints) {
    const cx = p.x * s, cy = p.y * s, r = 7 * s;
    const c: [number, number, number] = p.type === 'core' ? [220, 0, 220] : [0, 200, 220];
    if (p.type === 'core') for (let k = 0; k < 96; k++) put(cx + r * Math.cos((k * Math.PI) / 48), cy + r * Math.sin((k * Math.PI) / 48), c);
    else { line(cx, cy - r, cx + r, cy + r, c); line(cx + r, cy + r, cx - r, cy + r, c); line(cx - r, cy + r, cx, cy - r, c); }
  }
  await sharp(Buffer.from(rgb), { raw: { width: W, height: H, channels: 3 } }).png().toFile(values.out);
}
const endings = template.minutiae.filter((m) => m.type === 'ending').length;
console.log(`${file}: ${template.minutiae.length} minutiae (${endings} endings), ${template.singularPoints.length} singular points, quality ${template.quality} -> ${values.out}`);

/** Mask pixels with a background 4-neighbour. */
function outline(m: Uint8Array, w: number, h: number): number[] {
  const out: number[] = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const i = y * w + x;
    if (!m[i]) continue;
    if (x === 0 || y === 0 || x === w - 1 || y === h - 1 || !m[i - 1] || !m[i + 1] || !m[i - w] || !m[i + w]) out.push(i);
  }
  return out;
}

function svg(t: FingerprintTemplate, pngBase64: string, edge: number[]): string {
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${t.width * 2}" height="${t.height * 2}" viewBox="0 0 ${t.width} ${t.height}">`);
  parts.push(`<image href="data:image/png;base64,${pngBase64}" width="${t.width}" height="${t.height}"/>`);
  parts.push(`<g fill="#ffdc00">${edge.map((i) => `<rect x="${i % t.width}" y="${Math.floor(i / t.width)}" width="1" height="1"/>`).join('')}</g>`);
  for (const m of t.minutiae) {
    const c = m.type === 'ending' ? '#e61414' : '#00aa00';
    const x = m.x + 0.5, y = m.y + 0.5;
    parts.push(m.type === 'ending'
      ? `<circle cx="${x}" cy="${y}" r="3" fill="none" stroke="${c}" stroke-width="0.8"/>`
      : `<rect x="${x - 3}" y="${y - 3}" width="6" height="6" fill="none" stroke="${c}" stroke-width="0.8"/>`);
    parts.push(`<line x1="${x}" y1="${y}" x2="${(x + 10 * Math.cos(m.direction)).toFixed(2)}" y2="${(y - 10 * Math.sin(m.direction)).toFixed(2)}" stroke="${c}" stroke-width="0.8"><title>${m.type} q${m.quality}</title></line>`);
  }
  for (const p of t.singularPoints) {
    parts.push(p.type === 'core'
      ? `<circle cx="${p.x}" cy="${p.y}" r="7" fill="none" stroke="#dc00dc" stroke-width="1.2"/>`
      : `<path d="M${p.x} ${p.y - 7} L${p.x + 7} ${p.y + 7} L${p.x - 7} ${p.y + 7} Z" fill="none" stroke="#00c8dc" stroke-width="1.2"/>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}
