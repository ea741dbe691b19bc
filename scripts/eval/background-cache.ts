/**
 * Extracts a background folder (or a finger range of it) into a template cache ahead of the runs
 * that read it: `--background DIR:PPI[:FROM-TO] --background-cache FILE` of eval:latent,
 * eval:latent-calibration, bench:latent and latent-tl-route.ts then load FILE instead of
 * extracting. So a large synthetic background (scripts/eval/synthetic-background.ts) can be
 * extracted a range at a time while the rest is still being generated, and by several processes.
 * An existing FILE is left as it is (as the runs would read it).
 *
 *   npx tsx scripts/eval/background-cache.ts --background DIR:PPI[:FROM-TO] --cache FILE [--expect N]
 *
 * `--expect N`: fail, writing nothing, unless the range holds exactly N prints (a range still
 * being generated is not cached short).
 */
import { existsSync, readdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fvcSamples } from './fvc-protocol.js';
import { parseRangedFolderSpec } from './image-folders.js';
import { cachedFolderTemplates } from './latent-dev-cache.js';
import { IMAGE_EXTENSIONS } from './latent-pairs.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { background: { type: 'string' }, cache: { type: 'string' }, expect: { type: 'string' } },
    args: process.argv.slice(2).filter((a) => a !== '--'),
  });
  if (!values.background || !values.cache) throw new Error('usage: background-cache --background DIR:PPI[:FROM-TO] --cache FILE [--expect N]');
  if (existsSync(values.cache)) {
    console.log(`${values.cache}: already there, left as it is`);
  } else {
    if (values.expect !== undefined) {
      const { dir, keep } = parseRangedFolderSpec(values.background, '--background');
      const held = fvcSamples(readdirSync(dir), IMAGE_EXTENSIONS).filter((s) => !keep || keep(s)).length;
      if (held !== Number(values.expect)) throw new Error(`--expect: the range holds ${held} prints, not ${values.expect}`);
    }
    const started = Date.now();
    const n = (await cachedFolderTemplates(values.background, values.cache)).length;
    console.log(`${values.cache}: ${n} templates in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
