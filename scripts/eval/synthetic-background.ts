/**
 * Synthetic-finger background images for latent and tenprint searches
 * (docs/decisions/latent-background-realism.md): impression 1 (or the first `--impressions`) of
 * fingers [from, to) of the set seeded `--seed`, under each setting, written as FVC-named PNGs
 * DIR/SETTING/F_I.png (finger and impression from 1), so that `npm run eval:latent -- --background
 * DIR/SETTING:500` and scripts/latent-background-realism.ts read the same folder. A range so that
 * two processes can share the work (about 0.3 s a finger on one core: the master's growth step in
 * WebAssembly, no truth minutiae traced).
 *
 *   npx tsx scripts/eval/synthetic-background.ts --seed 25 --from 0 --to 500 --setting plain[,mixed] --png DIR
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { syntheticFinger, syntheticImpression, settingNamed } from '../../fixtures/synthetic-fingers/synthetic-fingers.js';
import { writeImpressionPng } from './synthetic-fingers.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '25' },
      from: { type: 'string', default: '0' },
      to: { type: 'string' },
      impressions: { type: 'string', default: '1' },
      setting: { type: 'string', default: 'plain' },
      png: { type: 'string' },
    },
    args: process.argv.slice(2).filter((a) => a !== '--'),
  });
  const seed = Number(values.seed);
  const from = Number(values.from);
  const to = Number(values.to);
  const impressions = Number(values.impressions);
  if (!values.png || !Number.isInteger(seed) || !Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to <= from || !(impressions >= 1)) {
    throw new Error('usage: synthetic-background --seed S --from A --to B [--impressions I] [--setting plain,mixed] --png DIR');
  }
  const settings = values.setting.split(',');
  for (const s of settings) settingNamed(s);
  for (const s of settings) mkdirSync(join(values.png, s), { recursive: true });
  const started = Date.now();
  for (let f = from; f < to; f++) {
    const finger = syntheticFinger(seed, f, { truth: false });
    for (const s of settings) {
      for (let i = 0; i < impressions; i++) {
        const imp = syntheticImpression(seed, f, finger, i, s);
        await writeImpressionPng(imp, join(values.png, s), f, i);
      }
    }
    if ((f + 1 - from) % 25 === 0) console.error(`  ${f + 1 - from}/${to - from} fingers, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
