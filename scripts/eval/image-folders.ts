/**
 * FVC-style folders of prints (`F_I.ext` files) named on a command line as `DIR:PPI`, through our
 * tenprint extractor: the background and impostor families of eval:latent and the realism studies
 * (scripts/latent-background-realism.ts, tenprint-background-realism.ts, latent-depth.ts,
 * eval/index-background-realism.ts, fit-finger-vector.ts).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extractTemplate } from '../../engine/fingerprint/extractor.js';
import type { FingerprintTemplate } from '../../engine/fingerprint/template.js';
import { fvcSamples, type Sample } from './fvc-protocol.js';
import { decodeGray } from './image-templates.js';
import { IMAGE_EXTENSIONS } from './latent-pairs.js';

export interface FolderSpec {
  dir: string;
  ppi: number;
}

/** `DIR:PPI` (the last colon splits, so DIR may hold colons); `label` names the argument in the error. */
export function parseFolderSpec(spec: string, label = spec): FolderSpec {
  const colon = spec.lastIndexOf(':');
  const ppi = Number(spec.slice(colon + 1));
  if (colon <= 0 || !(ppi > 0)) throw new Error(`${label}: expected DIR:PPI`);
  return { dir: spec.slice(0, colon), ppi };
}

/**
 * `DIR:PPI` or `DIR:PPI:FROM-TO`: with the range, `keep` accepts fingers FROM to TO only (the
 * background readers' form: eval:latent, eval:latent-calibration, bench:latent, background-cache.ts).
 */
export function parseRangedFolderSpec(spec: string, label = spec): FolderSpec & { keep?: (s: Sample) => boolean } {
  const range = /:(\d+)-(\d+)$/.exec(spec);
  const folder = parseFolderSpec(range ? spec.slice(0, range.index) : spec, label);
  if (!range) return folder;
  const from = Number(range[1]), to = Number(range[2]);
  return { ...folder, keep: (s) => Number(s.finger) >= from && Number(s.finger) <= to };
}

/** `NAME=DIR:PPI`: a named family of prints (`label` names the argument in the error). */
export function parseNamedFolderSpec(spec: string, label = spec): FolderSpec & { name: string } {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new Error(`${label}: expected NAME=DIR:PPI`);
  return { name: spec.slice(0, eq), ...parseFolderSpec(spec.slice(eq + 1), label) };
}

export interface FolderPrint extends Sample {
  template: FingerprintTemplate;
}

/**
 * Every F_I image of `dir` (sorted by finger, then impression) that `keep` accepts, extracted at
 * `ppi`. A folder without any F_I image is an error (`label` names it), not an empty family.
 */
export async function folderTemplates(dir: string, ppi: number, options: { label?: string; keep?: (s: Sample) => boolean } = {}): Promise<FolderPrint[]> {
  const samples = fvcSamples(readdirSync(dir), IMAGE_EXTENSIONS);
  if (samples.length === 0) throw new Error(`${options.label ?? dir}: no F_I image files`);
  const out: FolderPrint[] = [];
  for (const s of samples) {
    if (options.keep && !options.keep(s)) continue;
    out.push({ ...s, template: await extractTemplate(await decodeGray(join(dir, s.file)), { ppi }) });
  }
  return out;
}
