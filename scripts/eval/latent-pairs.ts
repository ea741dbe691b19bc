/**
 * The pair-folder layout of the latent evaluation sets (the shared GAN sets, and the hard marks of
 * scripts/latent-marks.ts): DIR/ID/latent/<one image> is the mark, DIR/ID/<any other folder>/<one
 * image> its mate; an optional DIR/ID/markup.json is the examiner's markup of the mark (LatentMarkup,
 * 500 ppi). Files that are not images (the GAN sets' .xyt minutiae) are ignored.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const IMAGE_EXTENSIONS = ['png', 'tif', 'tiff', 'bmp', 'jpg', 'jpeg', 'wsq'];

export interface LatentPair {
  id: string;
  latent: string;
  mate: string;
  /** markup.json beside the folders, when there is one. */
  markup?: string;
}

function isImage(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && IMAGE_EXTENSIONS.includes(name.slice(dot + 1).toLowerCase());
}

/** The one image in `dir`; an error naming the folder when there is none or more than one. */
function oneImage(dir: string): string {
  const images = readdirSync(dir).filter(isImage).sort();
  if (images.length !== 1) throw new Error(`${dir}: expected one image, found ${images.length}`);
  return join(dir, images[0]);
}

/** Every pair under `dir`, sorted by ID (numerically where IDs are numbers). */
export function readLatentPairs(dir: string): LatentPair[] {
  const pairs: LatentPair[] = [];
  for (const id of readdirSync(dir)) {
    const folder = join(dir, id);
    if (!statSync(folder).isDirectory()) continue;
    const subfolders = readdirSync(folder).filter((f) => statSync(join(folder, f)).isDirectory());
    if (!subfolders.includes('latent')) throw new Error(`${folder}: no latent/ folder`);
    const mates = subfolders.filter((f) => f !== 'latent');
    if (mates.length !== 1) throw new Error(`${folder}: expected one mate folder beside latent/, found ${mates.length}`);
    const markup = join(folder, 'markup.json');
    pairs.push({
      id,
      latent: oneImage(join(folder, 'latent')),
      mate: oneImage(join(folder, mates[0])),
      ...(existsSync(markup) ? { markup } : {}),
    });
  }
  if (pairs.length === 0) throw new Error(`${dir}: no pair folders`);
  return pairs.sort((a, b) => a.id.localeCompare(b.id, 'en', { numeric: true }));
}
