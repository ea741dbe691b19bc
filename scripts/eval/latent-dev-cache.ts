/**
 * The development caches of the latent studies (scripts/eval-latent-scale.ts,
 * eval-latent-matcher.ts, latent-misses.ts): each pair's mate and mark extracted once, kept as
 * JSON (block fields as plain arrays), and the scripts' one argument reader.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { extractTemplate } from '../../engine/fingerprint/extractor.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { extractLatentFeatures } from '../../engine/latent/latent-extractor.js';
import { latentTemplate, mergeMarkup } from '../../engine/latent/latent-features.js';
import { blockOrientations } from '../../engine/fingerprint/extraction/block-orientations.js';
import type { OrientationField } from '../../engine/fingerprint/extraction/orientation-field.js';
import type { SegmentationMask } from '../../engine/fingerprint/extraction/segmentation-mask.js';
import { decodeGray } from './image-templates.js';
import { folderTemplates, parseRangedFolderSpec } from './image-folders.js';
import { readLatentPairs } from './latent-pairs.js';
import { readMarkupFile } from './latent-markup-file.js';

export interface LatentDevCache {
  probes: { id: string; mate: number; latent: FingerprintTemplate; tenprint: FingerprintTemplate }[];
  mates: FingerprintTemplate[];
}

export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** JSON keeps a Uint8Array as an object of indices: the block field goes as a plain array. */
export function toJson(t: FingerprintTemplate): unknown {
  return t.orientations ? { ...t, orientations: { ...t.orientations, angles: Array.from(t.orientations.angles) } } : t;
}
export function fromJson(t: FingerprintTemplate): FingerprintTemplate {
  return t.orientations ? { ...t, orientations: { ...t.orientations, angles: Uint8Array.from(t.orientations.angles as unknown as number[]) } } : t;
}

/**
 * Extracts every `every`-th pair of DIR once (from `offset`): the mate with the tenprint extractor,
 * the mark with the latent pipeline (with the examiner's markup when `markup`) and with the
 * tenprint extractor; `withField` adds the mark's block orientation field (the latent cue lever).
 */
export async function buildLatentDevCache(dir: string, markup: boolean, every: number, offset: number, withField = true): Promise<LatentDevCache> {
  const pairs = readLatentPairs(dir).filter((_, i) => i % every === offset);
  const cache: LatentDevCache = { probes: [], mates: [] };
  const entry = new Map<string, number>();
  for (const p of pairs) {
    const key = createHash('sha256').update(readFileSync(p.mate)).digest('hex');
    let m = entry.get(key);
    if (m === undefined) {
      m = cache.mates.length;
      entry.set(key, m);
      cache.mates.push(toJson(await extractTemplate(await decodeGray(p.mate), { ppi: 500 })) as FingerprintTemplate);
    }
    const image = await decodeGray(p.latent);
    const mk = markup && p.markup ? readMarkupFile(p.markup) : undefined;
    // The mark's block orientation field for the cue lever: the latent pipeline's orientation field
    // over its final ROI (taken from the stage sink; LatentFeatures do not carry it).
    let field: OrientationField | undefined;
    let region: SegmentationMask | undefined;
    const sink = (stage: string, value: unknown) => {
      if (stage === 'orientation-field') field = value as OrientationField;
      if (stage === 'segmentation-mask') region = value as SegmentationMask;
    };
    const features = await extractLatentFeatures(image, { ppi: 500, sink, ...(mk?.roi ? { roi: mk.roi } : {}) });
    const latent = { ...latentTemplate(mergeMarkup(features, mk)), ...(withField && field && region ? { orientations: blockOrientations(field, region) } : {}) };
    const tenprint = await extractTemplate(image, { ppi: 500 });
    cache.probes.push({ id: p.id, mate: m, latent: toJson(latent) as FingerprintTemplate, tenprint: toJson(tenprint) as FingerprintTemplate });
    if (cache.probes.length % 20 === 0) console.log(`  cached ${cache.probes.length}/${pairs.length}`);
  }
  return cache;
}

/**
 * The dev cache at `path` as JSON gives it back (templates through toJson; fromJson them to use),
 * built first by buildLatentDevCache from `source` when the file does not exist yet; without a
 * source a missing file is an error saying `missing`.
 */
export async function cachedLatentDevCache(path: string, source: { dir: string; markup: boolean; every?: number; offset?: number; withField?: boolean } | undefined, missing: string): Promise<LatentDevCache> {
  if (!existsSync(path)) {
    if (!source) throw new Error(missing);
    writeFileSync(path, JSON.stringify(await buildLatentDevCache(source.dir, source.markup, source.every ?? 1, source.offset ?? 0, source.withField)));
  }
  return JSON.parse(readFileSync(path, 'utf8')) as LatentDevCache;
}

/**
 * A background folder's prints (folderTemplates: FVC-named F_I images at the folder's ppi), cached
 * as JSON at `cachePath` when given. `DIR:PPI`, or `DIR:PPI:FROM-TO` for fingers FROM to TO only.
 */
export async function cachedFolderTemplates(spec: string, cachePath: string | undefined, label = '--background'): Promise<FingerprintTemplate[]> {
  if (cachePath && existsSync(cachePath)) return (JSON.parse(readFileSync(cachePath, 'utf8')) as FingerprintTemplate[]).map(fromJson);
  const { dir, ppi, keep } = parseRangedFolderSpec(spec, label);
  const out = (await folderTemplates(dir, ppi, { label, ...(keep ? { keep } : {}) })).map((p) => p.template);
  if (cachePath) writeFileSync(cachePath, JSON.stringify(out.map(toJson)));
  console.log(`${label} ${dir}: ${out.length} prints extracted`);
  return out;
}

/**
 * The prints of every `--background` spec in order (cachedFolderTemplates), the i-th cached at
 * `caches[i]`: eval:latent-calibration's and bench:latent's background.
 */
export async function backgroundFolderTemplates(specs: readonly string[], caches: readonly string[]): Promise<FingerprintTemplate[]> {
  if (caches.length > specs.length) throw new Error('--background-cache: one per --background at most, in the same order');
  const out: FingerprintTemplate[] = [];
  for (const [i, spec] of specs.entries()) out.push(...(await cachedFolderTemplates(spec, caches[i])));
  return out;
}
