/**
 * How dotted a mark's ridges are (docs/measurements/latent.md, "Ridge continuity"): per mark, the
 * median pore share (ridge-spectrum.ts `poreShare`) over its strong ridge blocks (ridge-band
 * energy ≥ a quarter of the image's 95th-percentile block), with the mark's rank under two study
 * results when given:
 *   tsx scripts/latent-dots.ts --pairs DIR [--every K [--offset I]] [--ranks OUT.json --a NAME --b NAME]
 */
import { readFileSync } from 'node:fs';
import { workingImage } from '../engine/fingerprint/extractor.js';
import { markDottedness } from '../engine/latent/ridge-spectrum.js';
import { ridgeSpectrum } from '../engine/latent/ridge-spectrum.js';
import { arg } from './eval/latent-dev-cache.js';
import { decodeGray } from './eval/image-templates.js';
import { readLatentPairs } from './eval/latent-pairs.js';

const dir = arg('--pairs');
if (!dir) throw new Error('usage: latent-dots --pairs DIR [--every K [--offset I]] [--ranks OUT.json --a NAME --b NAME]');
const every = Number(arg('--every') ?? 1), offset = Number(arg('--offset') ?? 0);
const ranksPath = arg('--ranks');
const summary = ranksPath ? (JSON.parse(readFileSync(ranksPath, 'utf8')) as { summary: Record<string, { ranks: Record<string, number> }> }).summary : undefined;
const a = arg('--a'), b = arg('--b');
const values: number[] = [];
for (const p of readLatentPairs(dir).filter((_, i) => i % every === offset)) {
  const d = markDottedness(ridgeSpectrum(workingImage(await decodeGray(p.latent), 500)));
  values.push(d);
  const ra = summary && a ? summary[a]?.ranks[p.id] : undefined, rb = summary && b ? summary[b]?.ranks[p.id] : undefined;
  console.log(`${p.id}\t${d.toFixed(3)}${ra !== undefined ? `\t${ra}\t${rb}` : ''}`);
}
values.sort((x, y) => x - y);
const q = (f: number) => values[Math.floor(f * (values.length - 1))]!.toFixed(3);
console.log(`dottedness p10 / p50 / p90: ${q(0.1)} / ${q(0.5)} / ${q(0.9)} (${values.length} marks)`);
